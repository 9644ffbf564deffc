//! `to_query_string` bodies: straight-line code, keys fixed at generation time
//! by the API's query style, parameters already in wire-name order.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::ident;
use crate::model::{Field, QueryStyle, Type, TypeDecl, TypeKind, MAX_QUERY_DEPTH};

/// Writes every query field of `self`.
pub fn write_fields(fields: &[Field], style: &QueryStyle, types: &[TypeDecl]) -> TokenStream {
    let writes = fields.iter().map(|f| {
        let rust = ident(&f.rust);
        // A required field is written from its place; an optional one from
        // the reference `if let` binds.
        let value = if f.optional() {
            Value::Ref(quote!(value))
        } else {
            Value::Place(quote!(self.#rust))
        };
        let write = match &f.ty {
            Type::Array(inner) if f.comma_separated => {
                write_comma_list(&value.expr(), inner, &f.wire, types)
            }
            ty => write_value(&value, ty, &f.wire, style, types, 0),
        };
        if f.optional() {
            quote! {
                if let Some(value) = &self.#rust {
                    #write
                }
            }
        } else {
            write
        }
    });
    quote!(#(#writes)*)
}

/// A value to write: a reference (`value`, `item0`, bound by `if let` or
/// `for`) or a place (`self.page`, `item0.key`), so the code reads
/// `query.int("page", self.page)` with no `*&` or `&*` to undo.
enum Value {
    Ref(TokenStream),
    Place(TokenStream),
}

impl Value {
    /// The value itself, for `Copy` scalars.
    fn copied(&self) -> TokenStream {
        match self {
            Value::Ref(v) => quote!(*#v),
            Value::Place(v) => quote!(#v),
        }
    }

    /// A reference to the value.
    fn borrowed(&self) -> TokenStream {
        match self {
            Value::Ref(v) => quote!(#v),
            Value::Place(v) => quote!(&#v),
        }
    }

    /// The expression as written, for method calls and field access (auto-ref).
    fn expr(&self) -> TokenStream {
        match self {
            Value::Ref(v) | Value::Place(v) => v.clone(),
        }
    }
}

/// Every byte but `A-Z a-z 0-9 - _ . ~` is percent-encoded: the runtime's rule
/// for values, applied to keys here so the runtime never encodes a key.
const FORM: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// A key as it goes on the wire: form-encoded, space as `+`.
pub fn encode_key(key: &str) -> String {
    percent_encoding::utf8_percent_encode(key, FORM)
        .map(|chunk| if chunk == "%20" { "+" } else { chunk })
        .collect()
}

/// Writes `value` under `raw_key` (not yet encoded).
fn write_value(
    value: &Value,
    ty: &Type,
    raw_key: &str,
    style: &QueryStyle,
    types: &[TypeDecl],
    depth: usize,
) -> TokenStream {
    let encoded = encode_key(raw_key);
    let key = encoded.as_str();
    let (copied, borrowed, expr) = (value.copied(), value.borrowed(), value.expr());
    match ty {
        Type::Bool => quote!(query.bool(#key, #copied);),
        Type::Integer => quote!(query.int(#key, #copied);),
        Type::Number => quote!(query.float(#key, #copied);),
        Type::String => quote!(query.str(#key, #borrowed);),
        Type::DateTime => quote!(query.date_time(#key, #borrowed);),
        Type::Date => quote!(query.date(#key, #borrowed);),
        Type::Ipv4 | Type::Ipv6 => quote!(query.display(#key, #borrowed);),
        Type::Array(inner) => {
            let item = ident(&format!("item{depth}"));
            let key = style.array_key(raw_key);
            let write = write_value(
                &Value::Ref(quote!(#item)),
                inner,
                &key,
                style,
                types,
                depth + 1,
            );
            quote! {
                for #item in #expr.iter() {
                    #write
                }
            }
        }
        Type::Named(name) => match types.iter().find(|t| t.name == *name).map(|t| &t.kind) {
            Some(TypeKind::StringEnum(_)) => quote!(query.str(#key, #expr.as_str());),
            Some(TypeKind::NumberEnum(_) | TypeKind::Union(_)) => {
                quote!(#expr.write_query(&mut query, #key);)
            }
            // `validate` keeps unions with object members out of query strings.
            Some(TypeKind::ObjectUnion(_)) => TokenStream::new(),
            // `validate` refuses deeper nesting, so no field is left out here.
            Some(TypeKind::Object(fields)) if depth < MAX_QUERY_DEPTH => {
                // Each field of a nested object under `parent.child`, in the object's own order.
                let writes = fields.iter().map(|f| {
                    let rust = ident(&f.rust);
                    let child_key = style.nested_key(raw_key, &f.wire);
                    if f.optional() {
                        let inner = ident(&format!("field{depth}"));
                        let write = write_value(
                            &Value::Ref(quote!(#inner)),
                            &f.ty,
                            &child_key,
                            style,
                            types,
                            depth + 1,
                        );
                        quote! {
                            if let Some(#inner) = &#expr.#rust {
                                #write
                            }
                        }
                    } else {
                        let place = Value::Place(quote!(#expr.#rust));
                        write_value(&place, &f.ty, &child_key, style, types, depth + 1)
                    }
                });
                quote!(#(#writes)*)
            }
            _ => TokenStream::new(),
        },
        // `validate` keeps maps, free-form JSON and bodies out of query parameters.
        Type::Map(_) | Type::Nullable(_) | Type::Json | Type::File | Type::Binary => {
            TokenStream::new()
        }
    }
}

/// Writes an array of scalars or enums as one comma-separated value.
fn write_comma_list(
    value: &TokenStream,
    item: &Type,
    raw_key: &str,
    types: &[TypeDecl],
) -> TokenStream {
    let key = encode_key(raw_key);
    let push = match item {
        Type::Bool => quote!(list.bool(*item);),
        Type::Integer => quote!(list.int(*item);),
        Type::Number => quote!(list.float(*item);),
        Type::String => quote!(list.str(item);),
        Type::DateTime => quote!(list.date_time(item);),
        Type::Named(name) => match types.iter().find(|t| t.name == *name).map(|t| &t.kind) {
            Some(TypeKind::StringEnum(_)) => quote!(list.str(item.as_str());),
            // Number enums print their value; `validate` allows nothing else here.
            _ => quote!(list.str(&item.to_string());),
        },
        _ => TokenStream::new(),
    };
    quote! {
        let mut list = query.comma_list(#key);
        for item in #value.iter() {
            #push
        }
    }
}

/// A starting capacity that holds a typical full query, so encoding allocates once.
pub fn capacity(fields: &[Field]) -> proc_macro2::Literal {
    let bytes = fields
        .iter()
        .map(|f| {
            f.wire.len()
                + 2
                + if matches!(f.ty, Type::Array(_)) {
                    160
                } else {
                    24
                }
        })
        .sum::<usize>()
        .clamp(16, 4096);
    proc_macro2::Literal::usize_unsuffixed(bytes)
}
