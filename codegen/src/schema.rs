//! The schema file format, as written in `schema/*.yaml`: plain serde data,
//! before any check. `schema/README.md` documents each construct.

use serde::Deserialize;

use crate::ordered_map::OrderedMap;

impl Rules {
    /// Whether no rule is set.
    pub fn is_empty(&self) -> bool {
        self.format.is_none()
            && self.minimum.is_none()
            && self.maximum.is_none()
            && self.exclusive_minimum.is_none()
            && self.exclusive_maximum.is_none()
            && self.multiple_of.is_none()
            && self.min_length.is_none()
            && self.max_length.is_none()
            && self.pattern.is_none()
            && self.min_items.is_none()
            && self.max_items.is_none()
            && !self.unique_items
            && self.items.is_none()
            && self.values.is_none()
            && self.any_of.is_none()
    }
}

/// The rule keys a field, a union member and a `json_type` body share, as one
/// list, so each holder declares them the same way.
macro_rules! rule_keys {
    ($(#[$meta:meta])* pub struct $name:ident { $($(#[$fmeta:meta])* pub $field:ident: $ty:ty,)* }) => {
        $(#[$meta])*
        pub struct $name {
            $($(#[$fmeta])* pub $field: $ty,)*
            #[serde(default)]
            pub minimum: Option<Scalar>,
            #[serde(default)]
            pub maximum: Option<Scalar>,
            #[serde(default)]
            pub min_length: Option<u64>,
            #[serde(default)]
            pub max_length: Option<u64>,
            /// A regular expression (regex-lite syntax) the text must match
            /// somewhere; anchor it with `^…$` to match the whole text.
            #[serde(default)]
            pub pattern: Option<String>,
            #[serde(default)]
            pub min_items: Option<u64>,
            #[serde(default)]
            pub max_items: Option<u64>,
            #[serde(default)]
            pub unique_items: bool,
            /// Bounds the value must lie strictly beyond (numbers, as in OpenAPI 3.1).
            #[serde(default)]
            pub exclusive_minimum: Option<Scalar>,
            #[serde(default)]
            pub exclusive_maximum: Option<Scalar>,
            #[serde(default)]
            pub multiple_of: Option<Scalar>,
            /// Arrays only: rules every item must follow.
            #[serde(default)]
            pub items: Option<Rules>,
            /// Maps only: rules every value must follow.
            #[serde(default)]
            pub values: Option<Rules>,
            /// Scalars only: the value must follow one of these rule sets.
            #[serde(default)]
            pub any_of: Option<Vec<Rules>>,
        }

        impl $name {
            /// The rule keys as one `Rules` (with `format` as given).
            pub fn rules(&self, format: Option<String>) -> Rules {
                Rules {
                    format,
                    minimum: self.minimum.clone(),
                    maximum: self.maximum.clone(),
                    exclusive_minimum: self.exclusive_minimum.clone(),
                    exclusive_maximum: self.exclusive_maximum.clone(),
                    multiple_of: self.multiple_of.clone(),
                    min_length: self.min_length,
                    max_length: self.max_length,
                    pattern: self.pattern.clone(),
                    min_items: self.min_items,
                    max_items: self.max_items,
                    unique_items: self.unique_items,
                    items: self.items.clone().map(Box::new),
                    values: self.values.clone().map(Box::new),
                    any_of: self.any_of.clone(),
                }
            }
        }
    };
}

/// `schema/api.yaml`: settings that hold for the whole API.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiFile {
    pub sdk: SdkSettings,
    pub base_url: BaseUrl,
    pub auth: Vec<AuthScheme>,
    /// The response envelope style: `cloudflare_v4`, or `none` (bodies are not wrapped).
    pub envelope: String,
    pub query_style: QueryStyle,
    pub client_defaults: ClientDefaults,
    #[serde(default)]
    pub pagination: OrderedMap<PaginationStyle>,
    /// Docs for the directories under `schema/` (resource groups), by directory path.
    #[serde(default)]
    pub groups: OrderedMap<Group>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SdkSettings {
    /// Package name of the generated crate, e.g. `petstore-sdk`.
    pub crate_name: String,
    pub version: String,
    pub description: String,
    /// Product token of the `User-Agent` header; the version is appended.
    pub user_agent: String,
    #[serde(default)]
    pub license: Option<String>,
    /// The groups (top-level directories) the crate's default features turn
    /// on; every group when absent.
    #[serde(default)]
    pub default_groups: Option<Vec<String>>,
}

/// Defaults of the generated client, each overridable by its builder.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientDefaults {
    pub timeout_seconds: u64,
    pub max_retries: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaseUrl {
    pub default: String,
    #[serde(default)]
    pub env: Option<String>,
}

/// One way to authenticate: every credential of the scheme must be set.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthScheme {
    pub name: String,
    pub doc: String,
    pub credentials: Vec<Credential>,
}

/// A secret sent as a request header.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Credential {
    /// Name of the client builder's setter.
    pub name: String,
    pub doc: String,
    pub header: String,
    /// Text sent before the secret, e.g. `"Bearer "`.
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub env: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QueryStyle {
    /// `repeat` (`a=1&a=2`) or `brackets` (`a[]=1&a[]=2`).
    pub arrays: String,
    /// `dots` (`search.field`) or `brackets` (`search[field]`).
    pub nesting: String,
}

/// A pagination style: which parameters and `result_info` fields drive it.
/// Either the page-number keys (all five), or `cursor:` alone.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaginationStyle {
    #[serde(default)]
    pub page_param: Option<String>,
    #[serde(default)]
    pub per_page_param: Option<String>,
    #[serde(default)]
    pub info_page: Option<String>,
    #[serde(default)]
    pub info_per_page: Option<String>,
    #[serde(default)]
    pub info_total_count: Option<String>,
    /// Cursor pagination.
    #[serde(default)]
    pub cursor: Option<CursorStyle>,
}

/// Cursor pagination: the next page is asked for with the cursor the last
/// page's `result_info` gave.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CursorStyle {
    /// The string query parameter that carries the cursor.
    pub cursor_param: String,
    /// The string field of `result_info` that holds the next page's cursor.
    pub info_cursor: String,
    /// The page-size query parameter, when the API has one.
    #[serde(default)]
    pub per_page_param: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub doc: String,
}

/// One resource: a file under `schema/` (its path gives the module path).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceFile {
    pub doc: String,
    #[serde(default)]
    pub types: OrderedMap<TypeDef>,
    #[serde(default)]
    pub operations: OrderedMap<OperationDef>,
}

/// A named type: exactly one of `object`, `string_enum`, `number_enum`,
/// `union`; or `all_of` (an object made of other objects' fields), with or
/// without `object`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeDef {
    pub doc: String,
    #[serde(default)]
    pub deprecated: Option<String>,
    #[serde(default)]
    pub object: Option<OrderedMap<FieldDef>>,
    #[serde(default)]
    pub string_enum: Option<Vec<EnumValueDef>>,
    #[serde(default)]
    pub number_enum: Option<Vec<EnumValueDef>>,
    #[serde(default)]
    pub union: Option<Vec<UnionVariantDef>>,
    /// A tagged union: the property whose value names the variant (`tag:`).
    #[serde(default)]
    pub discriminator: Option<String>,
    /// Object types (local or `module.path.Type`) whose fields this object has.
    #[serde(default)]
    pub all_of: Option<Vec<String>>,
    /// Another name for a type expression (`json`, `{array: T}`, …).
    #[serde(default)]
    pub alias: Option<TypeExpr>,
    /// Objects only: optional fields of which a request sets at least one.
    #[serde(default)]
    pub at_least_one_of: Option<Vec<String>>,
}

/// An enum value: a bare scalar, or a mapping with a name, doc and deprecation.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum EnumValueDef {
    Bare(Scalar),
    Full(EnumValueFull),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnumValueFull {
    pub value: Scalar,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub doc: Option<String>,
    #[serde(default)]
    pub deprecated: Option<String>,
}

/// A YAML scalar kept as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Scalar {
    Int(i64),
    /// An integer above `i64::MAX`, kept exact.
    UInt(u64),
    Float(f64),
    Bool(bool),
    Str(String),
}

rule_keys! {
    /// A union member; a scalar or array member may carry the rules a field
    /// of its type takes (its `format` checked on the text).
    #[derive(Debug, Clone, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct UnionVariantDef {
        pub name: String,
        #[serde(rename = "type")]
        pub ty: TypeExpr,
        #[serde(default)]
        pub doc: Option<String>,
        /// In a union with a `discriminator`: the value naming this variant.
        #[serde(default)]
        pub tag: Option<String>,
        #[serde(default)]
        pub format: Option<String>,
    }
}

/// A type: a scalar or named type as a string (`Type` of this file, or
/// `module.path.Type` of another), or `{array: T}` / `{map: T}`; `{nullable:
/// T}` only as an array's items or a map's values (a `T` or `null`).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum TypeExpr {
    Name(String),
    Array { array: Box<TypeExpr> },
    Map { map: Box<TypeExpr> },
    Nullable { nullable: Box<TypeExpr> },
}

impl TypeExpr {
    /// The type without its `{nullable: …}`, if it has one.
    pub fn non_null(&self) -> &TypeExpr {
        match self {
            TypeExpr::Nullable { nullable } => nullable,
            other => other,
        }
    }
}

rule_keys! {
    /// An object field, a query parameter or a path parameter.
    #[derive(Debug, Clone, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct FieldDef {
        #[serde(rename = "type")]
        pub ty: TypeExpr,
        #[serde(default)]
        pub format: Option<String>,
        pub doc: String,
        #[serde(default)]
        pub required: bool,
        #[serde(default)]
        pub nullable: bool,
        #[serde(default)]
        pub deprecated: Option<String>,
        /// Any YAML value (`[]`, `{}`, an enum value), checked against the type.
        #[serde(default)]
        pub default: Option<serde_yaml::Value>,
        /// Path parameters only: `argument` (a method argument) or `params` (a
        /// field of the params struct).
        #[serde(default, rename = "in")]
        pub location: Option<String>,
        /// The Rust name when the wire name makes a poor one.
        #[serde(default)]
        pub rust_name: Option<String>,
        /// Query arrays only: `comma` (`a=1,2`, OpenAPI `explode: false`) or
        /// `repeat`; absent follows `query_style.arrays` of api.yaml.
        #[serde(default)]
        pub style: Option<String>,
        /// Booleans only: the one value allowed (OpenAPI `enum: [true]`).
        #[serde(default, rename = "const")]
        pub constant: Option<bool>,
    }
}

/// The rules of a value that is not a field of its own: an array's items
/// (`items: {format: uuid}`), a map's values, an `any_of` alternative. They
/// are the rules a field of the value's type takes, nested as deep as the
/// type; a format is checked on the text (the value stays a `String`,
/// `date-time` included).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    #[serde(default)]
    pub format: Option<String>,
    #[serde(default)]
    pub minimum: Option<Scalar>,
    #[serde(default)]
    pub maximum: Option<Scalar>,
    #[serde(default)]
    pub exclusive_minimum: Option<Scalar>,
    #[serde(default)]
    pub exclusive_maximum: Option<Scalar>,
    #[serde(default)]
    pub multiple_of: Option<Scalar>,
    #[serde(default)]
    pub min_length: Option<u64>,
    #[serde(default)]
    pub max_length: Option<u64>,
    #[serde(default)]
    pub pattern: Option<String>,
    #[serde(default)]
    pub min_items: Option<u64>,
    #[serde(default)]
    pub max_items: Option<u64>,
    #[serde(default)]
    pub unique_items: bool,
    #[serde(default)]
    pub items: Option<Box<Rules>>,
    #[serde(default)]
    pub values: Option<Box<Rules>>,
    #[serde(default)]
    pub any_of: Option<Vec<Rules>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperationDef {
    pub doc: String,
    pub method: String,
    pub path: String,
    /// Name of the generated params struct.
    pub params_type: String,
    #[serde(default)]
    pub deprecated: Option<String>,
    #[serde(default)]
    pub path_params: OrderedMap<FieldDef>,
    #[serde(default)]
    pub query: OrderedMap<FieldDef>,
    pub response: ResponseDef,
    /// Name of an API-level pagination style; adds an auto-paging method.
    #[serde(default)]
    pub pagination: Option<String>,
    /// Header parameters, by header name.
    #[serde(default)]
    pub headers: OrderedMap<FieldDef>,
    /// The request body, if the operation sends one.
    #[serde(default)]
    pub body: Option<BodyDef>,
    /// Auth schemes (by api.yaml name) the operation accepts; `[]` for none,
    /// absent for every scheme.
    #[serde(default)]
    pub auth: Option<Vec<String>>,
}

rule_keys! {
    /// A request body: exactly one of `json`, `json_type`, `multipart`, `raw`.
    #[derive(Debug, Clone, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct BodyDef {
        #[serde(default)]
        pub doc: Option<String>,
        /// For `json_type`, `multipart` file parts and `raw`: whether the body
        /// must be given (inline `json` fields say so one by one).
        #[serde(default)]
        pub required: bool,
        /// A JSON object whose fields become fields of the params struct.
        #[serde(default)]
        pub json: Option<OrderedMap<FieldDef>>,
        /// A JSON body of any type, held in the params field `body`.
        #[serde(default)]
        pub json_type: Option<TypeExpr>,
        /// `multipart/form-data` parts; a field of type `file` is a file part.
        #[serde(default)]
        pub multipart: Option<OrderedMap<FieldDef>>,
        /// A body sent as given (bytes or a stream) with this content type.
        #[serde(default)]
        pub raw: Option<RawBodyDef>,
        /// `json_type` only: the rules a field of its type takes, its
        /// format checked on the text.
        #[serde(default)]
        pub format: Option<String>,
        /// `json` only: optional fields of which a request sets at least one.
        #[serde(default)]
        pub at_least_one_of: Option<Vec<String>>,
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBodyDef {
    pub content_type: String,
}

/// What a successful response holds: exactly one of `page`, `result`,
/// `raw`, `bytes`, `text`, `empty`; and the 2xx codes the API documents.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResponseDef {
    /// A page: the envelope's `result` is a list of `item`, with `result_info`.
    #[serde(default)]
    pub page: Option<PageDef>,
    /// The envelope's `result` is this type.
    #[serde(default)]
    pub result: Option<TypeExpr>,
    /// The body itself is this type, with no envelope.
    #[serde(default)]
    pub raw: Option<TypeExpr>,
    /// The body as bytes, with its content type.
    #[serde(default)]
    pub bytes: bool,
    /// The body as text.
    #[serde(default)]
    pub text: bool,
    /// No body (a 204, or a 200 with nothing or an envelope without a result).
    #[serde(default)]
    pub empty: bool,
    /// The 2xx statuses the API documents, for docs: any 2xx is a success.
    #[serde(default)]
    pub status: Option<Vec<u16>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageDef {
    /// Any type: the page's `result` is a list of it.
    pub item: TypeExpr,
    pub result_info: String,
}
