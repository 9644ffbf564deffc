//! Small token helpers every emitter uses: identifiers, docs, deprecation, Rust types.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::model::Type;

/// An identifier; names were made valid by `names`.
pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// `#[doc = "…"]` lines; prettyplease prints them as `///` comments.
pub fn doc(text: &str) -> TokenStream {
    let lines = text.trim().lines().map(|line| {
        let line = if line.trim().is_empty() {
            String::new()
        } else {
            format!(" {}", line.trim_end())
        };
        quote!(#[doc = #line])
    });
    quote!(#(#lines)*)
}

/// `#[deprecated(note = "…")]` when the schema marks the item deprecated.
pub fn deprecated(note: Option<&String>) -> TokenStream {
    match note {
        Some(note) => quote!(#[deprecated(note = #note)]),
        None => TokenStream::new(),
    }
}

/// The Rust type that holds a value of `ty`.
pub fn rust_type(ty: &Type) -> TokenStream {
    match ty {
        Type::Bool => quote!(bool),
        Type::Integer => quote!(i64),
        Type::Number => quote!(f64),
        Type::String => quote!(String),
        Type::DateTime => quote!(::time::OffsetDateTime),
        Type::Json => quote!(::serde_json::Value),
        Type::Named(name) => {
            let name = ident(name);
            quote!(#name)
        }
        Type::Array(inner) => {
            let inner = rust_type(inner);
            quote!(Vec<#inner>)
        }
        Type::Map(inner) => {
            let inner = rust_type(inner);
            quote!(::std::collections::BTreeMap<String, #inner>)
        }
    }
}

/// Whether `ty` is or holds a date-time at its top level (for `serde(with)`).
pub fn is_date_time(ty: &Type) -> bool {
    matches!(ty, Type::DateTime)
}
