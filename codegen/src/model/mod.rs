//! Stage 3: the checked schema as the emitter wants it: Rust names chosen,
//! types resolved, query parameters in wire-name order. Plain data only.

/// The whole API.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    /// Package name, e.g. `petstore-sdk`.
    pub crate_name: String,
    pub version: String,
    pub description: String,
    pub license: Option<String>,
    pub user_agent: String,
    pub base_url: String,
    pub base_url_env: Option<String>,
    pub auth: Vec<AuthScheme>,
    pub query_style: QueryStyle,
    pub timeout_seconds: u64,
    pub max_retries: u32,
    /// The root of the resource tree (the crate itself; it has no types).
    pub root: Module,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AuthScheme {
    pub name: String,
    pub doc: String,
    pub credentials: Vec<Credential>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Credential {
    /// Setter name on the client builder (snake case).
    pub name: String,
    pub doc: String,
    pub header: String,
    pub prefix: String,
    pub env: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArrayStyle {
    /// `a=1&a=2`
    Repeat,
    /// `a[]=1&a[]=2`
    Brackets,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NestingStyle {
    /// `search.field`
    Dots,
    /// `search[field]`
    Brackets,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueryStyle {
    pub arrays: ArrayStyle,
    pub nesting: NestingStyle,
}

impl QueryStyle {
    /// The query key of `child` nested in `parent`.
    pub fn nested_key(&self, parent: &str, child: &str) -> String {
        match self.nesting {
            NestingStyle::Dots => format!("{parent}.{child}"),
            NestingStyle::Brackets => format!("{parent}[{child}]"),
        }
    }

    /// The query key of an array element.
    pub fn array_key(&self, key: &str) -> String {
        match self.arrays {
            ArrayStyle::Repeat => key.to_string(),
            ArrayStyle::Brackets => format!("{key}[]"),
        }
    }
}

/// A module of the generated crate: a group directory or a resource file.
#[derive(Debug, Clone, PartialEq)]
pub struct Module {
    /// Snake-case name (empty for the crate root).
    pub name: String,
    /// Name of the handle type that reaches this module's operations (`Inventory`).
    pub handle: String,
    pub doc: String,
    /// The schema file this module comes from, `/`-separated (empty for groups).
    pub source: String,
    pub types: Vec<TypeDecl>,
    pub operations: Vec<Operation>,
    pub children: Vec<Module>,
}

/// A named type.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDecl {
    pub name: String,
    pub doc: String,
    pub deprecated: Option<String>,
    pub kind: TypeKind,
    /// Reached from a response: objects keep unknown fields.
    pub in_output: bool,
    /// Reached from request parameters: objects reject unknown fields.
    pub in_input: bool,
    /// Reached from query parameters: the type can write itself into a query string.
    pub in_query: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    Object(Vec<Field>),
    StringEnum(Vec<EnumValue>),
    NumberEnum(Vec<EnumValue>),
    Union(Vec<UnionVariant>),
    /// Another name for a type: `pub type Name = T;`.
    Alias(Type),
}

/// An enum value: `wire` is exactly what the API sends (a string, or a number's text).
#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    pub wire: String,
    pub variant: String,
    pub doc: Option<String>,
    pub deprecated: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    pub variant: String,
    pub ty: Type,
    pub doc: Option<String>,
}

/// A type as used by a field.
#[derive(Debug, Clone, PartialEq)]
pub enum Type {
    Bool,
    Integer,
    Number,
    String,
    DateTime,
    /// Any JSON value.
    Json,
    /// A named type of the same module.
    Named(String),
    Array(Box<Type>),
    Map(Box<Type>),
    /// A file part of a multipart body: bytes or a stream, with a file name
    /// and content type (`runtime::body::FilePart`).
    File,
    /// A raw request body: bytes or a stream (`runtime::body::RawBody`).
    Binary,
}

/// A field of an object, or a parameter of an operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub wire: String,
    pub rust: String,
    pub doc: String,
    pub ty: Type,
    pub required: bool,
    pub nullable: bool,
    pub deprecated: Option<String>,
    pub default: Option<String>,
    pub constraints: Constraints,
    /// Held in a `Box`: the field closes a cycle of named types (`model::build`
    /// boxes one field per cycle), which would otherwise have infinite size.
    pub boxed: bool,
    /// A query array sent as one comma-separated value (`a=1,2`) rather
    /// than in the API's array style.
    pub comma_separated: bool,
}

impl Field {
    /// Whether the Rust field is an `Option`.
    pub fn optional(&self) -> bool {
        !self.required || self.nullable
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    pub minimum: Option<Bound>,
    pub maximum: Option<Bound>,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
}

/// A minimum or maximum: exact for integers, `f64` for numbers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Bound {
    Integer(i64),
    Number(f64),
}

impl std::fmt::Display for Bound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Bound::Integer(n) => write!(f, "{n}"),
            Bound::Number(n) => write!(f, "{n}"),
        }
    }
}

/// How deep objects and arrays may nest inside a query parameter; `validate`
/// refuses deeper ones rather than the encoder dropping them.
pub const MAX_QUERY_DEPTH: usize = 8;

/// How many keys one query parameter may expand to (objects and arrays each
/// count once), so a schema cannot make the generated encoder explode.
pub const MAX_QUERY_KEYS: usize = 1024;

impl Constraints {
    pub fn is_empty(&self) -> bool {
        *self == Constraints::default()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

/// A piece of a path template.
#[derive(Debug, Clone, PartialEq)]
pub enum PathPart {
    Literal(String),
    /// Index into the operation's `path_params`.
    Param(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub struct PathParam {
    pub field: Field,
    /// A method argument (`true`) or a field of the params struct.
    pub argument: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Response {
    Page { item: String, info: String },
    Result(Type),
    Raw(Type),
}

/// Page-number pagination, resolved against the operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    /// Rust names of the params fields.
    pub page_field: String,
    pub per_page_field: String,
    /// Rust names of the `result_info` fields (looked up by wire name).
    pub info_page: String,
    pub info_per_page: String,
    pub info_total_count: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// Method name (snake case), e.g. `list`.
    pub name: String,
    pub doc: String,
    pub deprecated: Option<String>,
    pub method: Method,
    /// The template as written, for docs.
    pub path_template: String,
    pub path: Vec<PathPart>,
    pub path_params: Vec<PathParam>,
    pub params_type: String,
    /// Query parameters in wire-name order, the order they are sent in.
    pub query: Vec<Field>,
    pub response: Response,
    pub pagination: Option<Pagination>,
    /// Header parameters in lowercase header-name order, the order they are sent in.
    pub headers: Vec<Field>,
    pub body: Option<Body>,
    /// Names of the auth schemes the operation accepts, in the API's order;
    /// `None` accepts every scheme, an empty list none (no credentials sent).
    pub auth: Option<Vec<String>>,
}

/// A request body.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    pub doc: Option<String>,
    pub kind: BodyKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum BodyKind {
    /// A JSON object whose fields are fields of the params struct, sent in
    /// declaration order.
    JsonFields(Vec<Field>),
    /// A JSON value of any type, the params field `body`.
    JsonValue(Field),
    /// `multipart/form-data`: one part per field, in declaration order; a
    /// field of type [`Type::File`] is a file part.
    Multipart(Vec<Field>),
    /// The params field `body` (of type [`Type::Binary`]), sent as given.
    Raw { content_type: String, field: Field },
}

impl Body {
    /// The fields the body adds to the params struct.
    pub fn fields(&self) -> &[Field] {
        match &self.kind {
            BodyKind::JsonFields(fields) | BodyKind::Multipart(fields) => fields,
            BodyKind::JsonValue(field) | BodyKind::Raw { field, .. } => std::slice::from_ref(field),
        }
    }
}

impl Operation {
    /// Fields of the params struct: path parameters held there, the query,
    /// the headers, then the body's fields.
    pub fn params_fields(&self) -> impl Iterator<Item = &Field> {
        self.path_params
            .iter()
            .filter(|p| !p.argument)
            .map(|p| &p.field)
            .chain(self.query.iter())
            .chain(self.headers.iter())
            .chain(self.body.iter().flat_map(Body::fields))
    }

    /// Whether `field` (a params field) is a field of the body.
    pub fn is_body_field(&self, field: &Field) -> bool {
        self.body
            .as_ref()
            .is_some_and(|b| b.fields().iter().any(|f| f.wire == field.wire))
    }
}

mod build;

pub use build::build;
