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
    pub envelope: Envelope,
    /// The root of the resource tree (the crate itself; it has no types).
    pub root: Module,
    /// The group modules (`root.children`) the crate's default features turn on.
    pub default_groups: Vec<String>,
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
    /// Types of other modules this module refers to, named as it refers to
    /// them (`group.resource.Type`, see `Type::Named`), with their own
    /// references renamed the same way: lookups by name work across files.
    /// Emitted in their own module, never here.
    pub foreign: Vec<TypeDecl>,
}

impl Module {
    /// Whether the module or one below it has an operation: only then does it
    /// get a handle (a module of shared types has none).
    pub fn has_operations(&self) -> bool {
        !self.operations.is_empty() || self.children.iter().any(Module::has_operations)
    }
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
    /// Objects: wire names of optional fields a request sets at least one of.
    pub at_least_one_of: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    Object(Vec<Field>),
    StringEnum(Vec<EnumValue>),
    NumberEnum(Vec<EnumValue>),
    /// A union of scalars only.
    Union(Vec<UnionVariant>),
    /// A union with object or array members (see `emit::unions`).
    ObjectUnion(ObjectUnion),
    /// Another name for a type: `pub type Name = T;`.
    Alias(Type),
}

/// A union with object (or array) members: tagged when it has a discriminator.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectUnion {
    /// The property whose value (each variant's `tag`) names the member.
    pub discriminator: Option<String>,
    pub variants: Vec<UnionVariant>,
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
    /// The discriminator value of this member, in a tagged union.
    pub tag: Option<String>,
    /// Held in a `Box`: the member closes a cycle of types (see `Field::boxed`).
    pub boxed: bool,
    /// The rules `build()` checks on the member (a format on the text).
    pub constraints: Constraints,
}

/// A type as used by a field.
#[derive(Debug, Clone, PartialEq)]
pub enum Type {
    Bool,
    Integer,
    Number,
    String,
    DateTime,
    /// `format: date`: a `time::Date`, `YYYY-MM-DD` on the wire.
    Date,
    /// `format: ipv4`: a `std::net::Ipv4Addr`.
    Ipv4,
    /// `format: ipv6`: a `std::net::Ipv6Addr`.
    Ipv6,
    /// Any JSON value.
    Json,
    /// A named type: `Name` of the same module, or `group.resource.Name` of
    /// another (see `resolve`).
    Named(String),
    Array(Box<Type>),
    Map(Box<Type>),
    /// An array's item or a map's value that may be `null`: an `Option`.
    Nullable(Box<Type>),
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

/// The rules of a value, nested as its type nests (`items`, `values`) and
/// with alternatives (`any_of`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    pub minimum: Option<Bound>,
    pub maximum: Option<Bound>,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub exclusive_minimum: Option<Bound>,
    pub exclusive_maximum: Option<Bound>,
    pub multiple_of: Option<Bound>,
    /// A regex-lite pattern the text must match.
    pub pattern: Option<String>,
    /// A string format `build()` checks (`uuid`, `uri`, `email`, `hostname`).
    pub format: Option<String>,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    pub unique_items: bool,
    /// The rules of each item of an array (`format` any of `FORMATS`, checked
    /// on the text).
    pub items: Option<Box<Constraints>>,
    /// The rules of each value of a map.
    pub values: Option<Box<Constraints>>,
    /// Rule sets of a scalar, one of which the value must follow (empty: none).
    pub any_of: Vec<Constraints>,
    /// The one value a boolean may hold.
    pub constant: Option<bool>,
}

/// A minimum or maximum: exact for integers, `f64` for numbers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Bound {
    Integer(i64),
    Number(f64),
}

/// Exact between integers; otherwise as `f64`.
impl PartialOrd for Bound {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        match (self, other) {
            (Bound::Integer(a), Bound::Integer(b)) => a.partial_cmp(b),
            (a, b) => a.as_f64().partial_cmp(&b.as_f64()),
        }
    }
}

impl Bound {
    pub fn as_f64(self) -> f64 {
        match self {
            Bound::Integer(n) => n as f64,
            Bound::Number(n) => n,
        }
    }
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

/// How the API wraps response bodies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Envelope {
    /// `{success, errors, messages, result, result_info}`.
    CloudflareV4,
    /// Bodies are not wrapped.
    None,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Response {
    /// The envelope's `result` is a list of `item`; `info` is the `result_info` type.
    Page { item: Type, info: String },
    /// The envelope's `result` (the body itself without an envelope).
    Result(Type),
    /// The body, never unwrapped.
    Raw(Type),
    /// The body's bytes and content type.
    Bytes,
    /// The body as text.
    Text,
    /// Nothing.
    Empty,
}

/// Pagination, resolved against the operation.
#[derive(Debug, Clone, PartialEq)]
pub enum Pagination {
    PageNumber(PageNumberPaging),
    Cursor(CursorPaging),
}

/// Page-number pagination.
#[derive(Debug, Clone, PartialEq)]
pub struct PageNumberPaging {
    /// Rust names of the params fields.
    pub page_field: String,
    pub per_page_field: String,
    /// Rust names of the `result_info` fields (looked up by wire name).
    pub info_page: String,
    pub info_per_page: String,
    pub info_total_count: String,
}

/// Cursor pagination.
#[derive(Debug, Clone, PartialEq)]
pub struct CursorPaging {
    /// Rust name of the params field that carries the cursor.
    pub cursor_field: String,
    /// Rust name of the `result_info` field with the next cursor.
    pub info_cursor: String,
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
    /// The 2xx statuses the API documents (docs only; any 2xx is a success).
    pub success_statuses: Vec<u16>,
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
    /// `JsonFields`: wire names of optional fields a request sets at least one of.
    pub at_least_one_of: Vec<String>,
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
