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
        let write = match &f.ty {
            Type::Array(inner) if f.comma_separated => {
                write_comma_list(&quote!(value), inner, &f.wire, types)
            }
            ty => write_value(&quote!(value), ty, &f.wire, style, types, 0),
        };
        if f.optional() {
            quote! {
                if let Some(value) = &self.#rust {
                    #write
                }
            }
        } else {
            quote! {
                {
                    let value = &self.#rust;
                    #write
                }
            }
        }
    });
    quote!(#(#writes)*)
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

/// Writes `value` (an expression of type `&T`) under `raw_key` (not yet encoded).
fn write_value(
    value: &TokenStream,
    ty: &Type,
    raw_key: &str,
    style: &QueryStyle,
    types: &[TypeDecl],
    depth: usize,
) -> TokenStream {
    let encoded = encode_key(raw_key);
    let key = encoded.as_str();
    match ty {
        Type::Bool => quote!(query.bool(#key, *#value);),
        Type::Integer => quote!(query.int(#key, *#value);),
        Type::Number => quote!(query.float(#key, *#value);),
        Type::String => quote!(query.str(#key, #value);),
        Type::DateTime => quote!(query.date_time(#key, #value);),
        Type::Date => quote!(query.date(#key, #value);),
        Type::Ipv4 | Type::Ipv6 => quote!(query.display(#key, #value);),
        Type::Array(inner) => {
            let item = ident(&format!("item{depth}"));
            let key = style.array_key(raw_key);
            let write = write_value(&quote!(#item), inner, &key, style, types, depth + 1);
            quote! {
                for #item in #value.iter() {
                    #write
                }
            }
        }
        Type::Named(name) => match types.iter().find(|t| t.name == *name).map(|t| &t.kind) {
            Some(TypeKind::StringEnum(_)) => quote!(query.str(#key, #value.as_str());),
            Some(TypeKind::NumberEnum(_) | TypeKind::Union(_)) => {
                quote!(#value.write_query(&mut query, #key);)
            }
            // `validate` keeps unions with object members out of query strings.
            Some(TypeKind::ObjectUnion(_)) => TokenStream::new(),
            // `validate` refuses deeper nesting, so no field is left out here.
            Some(TypeKind::Object(fields)) if depth < MAX_QUERY_DEPTH => {
                // Each field of a nested object under `parent.child`, in the object's own order.
                let writes = fields.iter().map(|f| {
                    let rust = ident(&f.rust);
                    let child_key = style.nested_key(raw_key, &f.wire);
                    let inner = ident(&format!("field{depth}"));
                    let write =
                        write_value(&quote!(#inner), &f.ty, &child_key, style, types, depth + 1);
                    if f.optional() {
                        quote! {
                            if let Some(#inner) = &#value.#rust {
                                #write
                            }
                        }
                    } else {
                        quote! {
                            {
                                let #inner = &#value.#rust;
                                #write
                            }
                        }
                    }
                });
                quote!(#(#writes)*)
            }
            _ => TokenStream::new(),
        },
        // `validate` keeps maps, free-form JSON and bodies out of query parameters.
        Type::Map(_) | Type::Json | Type::File | Type::Binary => TokenStream::new(),
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
