//! Facts about the Rust API `emit` generates that decide how a change is
//! classified. They mirror `emit/`; `tests/changes_compile.rs` compiles user
//! code against before and after crates, so a fact that goes stale fails there.

use crate::model::{Body, BodyKind, Field, Type};

/// Objects read only from responses are `#[non_exhaustive]`: no struct
/// literal or exhaustive pattern names their fields, so adding one breaks
/// nothing. Objects sent in requests are plain structs with public fields:
/// a literal names every field, so adding one breaks it.
pub fn object_literals(in_input: bool, in_output: bool) -> bool {
    in_input || !in_output
}

/// Enums are `#[non_exhaustive]` with an `Unknown` variant: a new value is
/// not a new case users must handle.
pub const ENUMS_OPEN: bool = true;

/// Unions are exhaustive enums: a new variant breaks every `match`.
pub const UNIONS_EXHAUSTIVE: bool = true;

/// Bounds are checked by `build()` and by `Deserialize` of request types,
/// never on responses.
pub const RESPONSES_CHECKED: bool = false;

/// The Rust type of a field of type `ty`, for summaries.
pub fn rust_type(ty: &Type) -> String {
    match ty {
        Type::Bool => "bool".to_string(),
        Type::Integer => "i64".to_string(),
        Type::Number => "f64".to_string(),
        Type::String => "String".to_string(),
        Type::DateTime => "OffsetDateTime".to_string(),
        Type::Date => "Date".to_string(),
        Type::Ipv4 => "Ipv4Addr".to_string(),
        Type::Ipv6 => "Ipv6Addr".to_string(),
        Type::File => "FilePart".to_string(),
        Type::Binary => "RawBody".to_string(),
        Type::Json => "serde_json::Value".to_string(),
        Type::Named(name) => name.clone(),
        Type::Array(inner) => format!("Vec<{}>", rust_type(inner)),
        Type::Map(inner) => format!("BTreeMap<String, {}>", rust_type(inner)),
        Type::Nullable(inner) => format!("Option<{}>", rust_type(inner)),
    }
}

/// The Rust type of a field held in `options` `Option`s.
pub fn wrapped(ty: &Type, options: usize) -> String {
    (0..options).fold(rust_type(ty), |inner, _| format!("Option<{inner}>"))
}

/// How many `Option`s hold a field: a body field that is optional and
/// nullable is `Option<Option<T>>` (absent, `null`, a value; see
/// `emit::body::is_patch`); elsewhere a field is one `Option` when optional
/// or nullable.
pub fn options(field: &Field, tells_null_apart: bool) -> usize {
    if tells_null_apart {
        usize::from(!field.required) + usize::from(field.nullable)
    } else {
        usize::from(field.optional())
    }
}

/// What the params' public `to_json_body()` returns, for a JSON body.
pub fn to_json_body(body: &Body) -> Option<&'static str> {
    match &body.kind {
        BodyKind::JsonFields(_) => Some("Vec<u8>"),
        BodyKind::JsonValue(field) if field.optional() => Some("Option<Vec<u8>>"),
        BodyKind::JsonValue(_) => Some("Vec<u8>"),
        BodyKind::Multipart(_) | BodyKind::Raw { .. } => None,
    }
}
