//! Identifier rules, in one place: wire names to Rust names.
//!
//! * snake_case for fields, methods and modules, UpperCamelCase for types and variants
//!   (heck splits on `.`, `-`, `_`, spaces and case changes: `owner.name` is
//!   `owner_name` / `OwnerName`, `createdAt` is `created_at`);
//! * a name that starts with a digit gets a prefix (`_` for snake, `V` for camel);
//! * a keyword gets a trailing `_` (`type_`, `Self_`), which works for every keyword,
//!   where `r#` does not (`r#self` is not allowed);
//! * an empty name, or one with nothing but punctuation, becomes `_empty` / `Empty`;
//! * a derived member name the generated code already uses in that place (a
//!   params struct's `build` or `validate`, an argument named `params`) gets a
//!   trailing `_` too (`build_`); a `rust_name:` that is such a name is refused.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Rust 2021 strict and reserved keywords.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// A field, method, parameter or module name.
pub fn snake(wire: &str) -> String {
    let name = wire.to_snake_case();
    let name: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    // Dropped characters can leave `__`, which is not snake case to rustc.
    let name = name
        .split('_')
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    fix(name, "_", "_empty")
}

/// A type or variant name.
pub fn camel(wire: &str) -> String {
    let name: String = wire
        .to_upper_camel_case()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    fix(name, "V", "Empty")
}

/// Where a schema field becomes a Rust name, which decides the names it must avoid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldRole {
    /// A field of a named object: a public struct field, nothing else.
    Object,
    /// A query parameter, or a path parameter kept in the params struct: a
    /// getter on the params struct and a setter on its builder.
    Params,
    /// A path parameter passed as a method argument (`in: argument`).
    Argument,
}

/// Methods every params struct or params builder has besides its getters and
/// setters (`clone` because generated code calls it by method syntax).
pub const PARAMS_METHODS: &[&str] = &[
    "build",
    "builder",
    "clone",
    "into_builder",
    "request_body",
    "request_headers",
    "request_path",
    "to_builder",
    "to_json_body",
    "to_query_string",
    "validate",
];

/// The other parameters and locals of the methods that take path arguments
/// (`list(&self, <args>, params)`, `request_path`, the request sender).
pub const ARGUMENT_NAMES: &[&str] = &["client", "params", "path", "rule"];

/// Methods of every resource handle besides its operations and children.
pub const HANDLE_METHODS: &[&str] = &["new"];

/// Methods and fields of the client builder a credential setter would clash with.
pub const CLIENT_BUILDER_NAMES: &[&str] = &[
    "auth_headers",
    "auth_schemes",
    "base_url",
    "build",
    "env",
    "from_env",
    "max_retries",
    "timeout",
];

/// Items of the crate root and methods of `Client` a top-level module would clash with.
pub const ROOT_MODULE_NAMES: &[&str] = &[
    "builder", "client", "from_env", "http", "lib", "main", "runtime",
];

/// The names a field in `role` may not take.
pub fn reserved_members(role: FieldRole) -> &'static [&'static str] {
    match role {
        FieldRole::Object => &[],
        FieldRole::Params => PARAMS_METHODS,
        FieldRole::Argument => ARGUMENT_NAMES,
    }
}

/// The Rust name of a field: its `rust_name:` as given, or derived from the
/// wire name with a trailing `_` when the derived name is reserved in `role`.
pub fn field(wire: &str, rust_name: Option<&str>, role: FieldRole) -> String {
    if let Some(name) = rust_name {
        return name.to_string();
    }
    let name = snake(wire);
    if reserved_members(role).contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// An `SCREAMING_SNAKE` name is not needed; a module path segment is snake.
pub fn module(wire: &str) -> String {
    snake(wire)
}

/// The cargo feature of a group module: `pet_store` gives `pet-store`; the
/// `_` that keeps a keyword or a leading digit out of Rust is not needed there.
pub fn feature(module: &str) -> String {
    module.trim_matches('_').replace('_', "-")
}

fn fix(name: String, digit_prefix: &str, empty: &str) -> String {
    if name.is_empty() {
        return empty.to_string();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        return format!("{digit_prefix}{name}");
    }
    if KEYWORDS.contains(&name.as_str()) {
        return format!("{name}_");
    }
    name
}

/// Whether `name` is already a valid, non-keyword Rust identifier in the
/// expected case (used to check names the schema gives explicitly).
pub fn is_camel_ident(name: &str) -> bool {
    camel(name) == name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_names() {
        assert_eq!(snake("owner.name"), "owner_name");
        assert_eq!(snake("createdAt"), "created_at");
        assert_eq!(snake("per_page"), "per_page");
        assert_eq!(snake("type"), "type_");
        assert_eq!(snake("self"), "self_");
        assert_eq!(snake("2fa"), "_2fa");
        assert_eq!(snake("x-auth-key"), "x_auth_key");
        assert_eq!(snake("..."), "_empty");
        assert_eq!(snake("a_é_b"), "a_b");
    }

    #[test]
    fn reserved_member_names_get_a_trailing_underscore() {
        assert_eq!(field("build", None, FieldRole::Params), "build_");
        assert_eq!(field("build", None, FieldRole::Object), "build");
        assert_eq!(field("params", None, FieldRole::Argument), "params_");
        assert_eq!(field("params", None, FieldRole::Params), "params");
        assert_eq!(field("x", Some("y"), FieldRole::Params), "y");
    }

    #[test]
    fn camel_names() {
        assert_eq!(camel("owner.name"), "OwnerName");
        assert_eq!(camel("dlp_action"), "DlpAction");
        assert_eq!(camel("createdAt"), "CreatedAt");
        assert_eq!(camel("0"), "V0");
        assert_eq!(camel("1.5"), "V15");
        assert_eq!(camel("Self"), "Self_");
        assert_eq!(camel("asc"), "Asc");
        assert_eq!(camel(""), "Empty");
        assert!(is_camel_ident("ItemListParams"));
        assert!(!is_camel_ident("log_list"));
    }
}
