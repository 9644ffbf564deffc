//! Identifier rules, in one place: wire names to Rust names.
//!
//! * snake_case for fields, methods and modules, UpperCamelCase for types and variants
//!   (heck splits on `.`, `-`, `_`, spaces and case changes: `metadata.key` is
//!   `metadata_key` / `MetadataKey`, `compatibilityMode` is `compatibility_mode`);
//! * a name that starts with a digit gets a prefix (`_` for snake, `V` for camel);
//! * a keyword gets a trailing `_` (`type_`, `Self_`), which works for every keyword,
//!   where `r#` does not (`r#self` is not allowed);
//! * an empty name, or one with nothing but punctuation, becomes `_empty` / `Empty`.

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
    let name = name.trim_matches('_').to_string();
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

/// An `SCREAMING_SNAKE` name is not needed; a module path segment is snake.
pub fn module(wire: &str) -> String {
    snake(wire)
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
        assert_eq!(snake("metadata.key"), "metadata_key");
        assert_eq!(snake("compatibilityMode"), "compatibility_mode");
        assert_eq!(snake("per_page"), "per_page");
        assert_eq!(snake("type"), "type_");
        assert_eq!(snake("self"), "self_");
        assert_eq!(snake("2fa"), "_2fa");
        assert_eq!(snake("x-auth-key"), "x_auth_key");
        assert_eq!(snake("..."), "_empty");
    }

    #[test]
    fn camel_names() {
        assert_eq!(camel("metadata.key"), "MetadataKey");
        assert_eq!(camel("dlp_action"), "DlpAction");
        assert_eq!(camel("compatibilityMode"), "CompatibilityMode");
        assert_eq!(camel("0"), "V0");
        assert_eq!(camel("1.5"), "V15");
        assert_eq!(camel("Self"), "Self_");
        assert_eq!(camel("asc"), "Asc");
        assert_eq!(camel(""), "Empty");
        assert!(is_camel_ident("ItemListParams"));
        assert!(!is_camel_ident("log_list"));
    }
}
