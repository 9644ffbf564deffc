//! The request side of a params struct beyond its query: header parameters,
//! and the body (JSON written field by field, multipart parts, raw bytes).

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::ident;
use super::validation::{self, Checks, ParamName};
use crate::model::{BodyKind, Field, Operation, Type};

/// An optional nullable body field: absent and `null` are different values
/// (a PATCH leaves the field alone, or clears it), held as `Option<Option<T>>`.
pub fn is_patch(op: &Operation, field: &Field) -> bool {
    !field.required && field.nullable && op.is_body_field(field)
}

/// A field the params' serde leaves out: files and raw bodies have no JSON form.
pub fn is_unserialized(field: &Field) -> bool {
    matches!(field.ty, Type::File | Type::Binary)
}

/// Checks of the header parameters (values a header can carry) and of the
/// optional nullable body fields, which `validation::field_checks` does not reach.
pub fn checks(op: &Operation, checks: &Checks) -> TokenStream {
    let headers = op.headers.iter().map(|f| {
        let rust = ident(&f.rust);
        let wire = &f.wire;
        let text = match f.ty {
            Type::String => quote!(let text = value.as_str();),
            _ => {
                let owned = header_text(&quote!(value), &f.ty);
                quote!(let text = #owned; let text = text.as_str();)
            }
        };
        let check = quote! {
            #text
            crate::runtime::validation::named(crate::runtime::validation::check_header_value(text), #wire, text)?;
        };
        if f.optional() {
            quote!(if let Some(value) = &self.#rust { #check })
        } else {
            quote!({ let value = &self.#rust; #check })
        }
    });
    let patches = op
        .params_fields()
        .filter(|f| is_patch(op, f) && checks.field_needs(f))
        .map(|f| {
            let rust = ident(&f.rust);
            let body = validation::value_checks(
                &quote!(value),
                &f.ty,
                &f.constraints,
                &ParamName::literal(&f.wire),
                checks,
                0,
            );
            quote!(if let Some(Some(value)) = &self.#rust { #body })
        });
    let one_of = match &op.body {
        Some(
            body @ crate::model::Body {
                kind: BodyKind::JsonFields(fields),
                ..
            },
        ) => validation::at_least_one_of(&body.at_least_one_of, fields, quote!("body")),
        _ => TokenStream::new(),
    };
    quote!(#(#headers)* #(#patches)* #one_of)
}

/// A header parameter's value as a `String`.
fn header_text(value: &TokenStream, ty: &Type) -> TokenStream {
    match ty {
        Type::String => quote!(#value.clone()),
        Type::Number => quote! {{
            let mut query = crate::runtime::query::QueryWriter::default();
            query.float("", *#value);
            query.finish()[1..].to_owned()
        }},
        // `build()` refused date-times RFC 3339 cannot write.
        Type::DateTime => quote! {
            #value.format(&::time::format_description::well_known::Rfc3339).unwrap_or_default()
        },
        // Integers, booleans and enums print their wire text.
        _ => quote!(#value.to_string()),
    }
}

/// `request_headers`, `to_json_body` and `request_body`, as the operation needs.
pub fn methods(op: &Operation) -> TokenStream {
    let mut out = TokenStream::new();
    if !op.headers.is_empty() {
        let pushes = op.headers.iter().map(|f| {
            let rust = ident(&f.rust);
            let name = f.wire.to_ascii_lowercase();
            let text = header_text(&quote!(value), &f.ty);
            let push = quote!(headers.push((#name, #text)););
            if f.optional() {
                quote!(if let Some(value) = &self.#rust { #push })
            } else {
                quote!({ let value = &self.#rust; #push })
            }
        });
        let count = op.headers.len();
        out.extend(quote! {
            /// The header parameters that are set, as (lowercase name, value), in name order.
            pub fn request_headers(&self) -> Vec<(&'static str, String)> {
                let mut headers = Vec::with_capacity(#count);
                #(#pushes)*
                headers
            }
        });
    }
    let Some(body) = &op.body else {
        return out;
    };
    match &body.kind {
        BodyKind::JsonFields(fields) => {
            let capacity = proc_macro2::Literal::usize_unsuffixed(json_capacity(fields));
            let writes = fields.iter().map(|f| json_field(op, f));
            out.extend(quote! {
                /// The JSON body: the body fields that are set, in the order the
                /// API description lists them, written straight into one buffer.
                pub fn to_json_body(&self) -> Vec<u8> {
                    let mut body = crate::runtime::body::JsonObjectWriter::with_capacity(#capacity);
                    #(#writes)*
                    body.finish()
                }

                fn request_body(&self) -> Option<crate::runtime::http::RequestBody> {
                    Some(crate::runtime::http::RequestBody::Json(self.to_json_body().into()))
                }
            });
        }
        BodyKind::JsonValue(field) => {
            if field.optional() {
                out.extend(quote! {
                    /// The JSON body, when one is set.
                    pub fn to_json_body(&self) -> Option<Vec<u8>> {
                        self.body.as_ref().map(crate::runtime::body::json_value)
                    }

                    fn request_body(&self) -> Option<crate::runtime::http::RequestBody> {
                        self.to_json_body().map(|body| crate::runtime::http::RequestBody::Json(body.into()))
                    }
                });
            } else {
                out.extend(quote! {
                    /// The JSON body.
                    pub fn to_json_body(&self) -> Vec<u8> {
                        crate::runtime::body::json_value(&self.body)
                    }

                    fn request_body(&self) -> Option<crate::runtime::http::RequestBody> {
                        Some(crate::runtime::http::RequestBody::Json(self.to_json_body().into()))
                    }
                });
            }
        }
        BodyKind::Multipart(fields) if fields.is_empty() => {
            out.extend(quote! {
                fn request_body(&self) -> Option<crate::runtime::http::RequestBody> {
                    let form = crate::runtime::body::MultipartBody::new();
                    Some(crate::runtime::http::RequestBody::Multipart(form))
                }
            });
        }
        BodyKind::Multipart(fields) => {
            let parts = fields.iter().map(multipart_field);
            out.extend(quote! {
                fn request_body(&self) -> Option<crate::runtime::http::RequestBody> {
                    let mut form = crate::runtime::body::MultipartBody::new();
                    #(#parts)*
                    Some(crate::runtime::http::RequestBody::Multipart(form))
                }
            });
        }
        BodyKind::Raw {
            content_type,
            field,
        } => {
            let value = if field.optional() {
                quote!(self.body.clone()?)
            } else {
                quote!(self.body.clone())
            };
            out.extend(quote! {
                fn request_body(&self) -> Option<crate::runtime::http::RequestBody> {
                    Some(crate::runtime::http::RequestBody::Raw {
                        content_type: #content_type,
                        body: #value,
                    })
                }
            });
        }
    }
    out
}

/// A starting capacity that holds a typical body, so writing allocates once.
fn json_capacity(fields: &[Field]) -> usize {
    fields
        .iter()
        .map(|f| {
            f.wire.len()
                + 4
                + match f.ty {
                    Type::Array(_) | Type::Map(_) | Type::Json | Type::Named(_) => 96,
                    _ => 24,
                }
        })
        .sum::<usize>()
        .clamp(16, 4096)
}

/// Writes one body field of `self` when it is set (or `null` when cleared).
fn json_field(op: &Operation, f: &Field) -> TokenStream {
    let rust = ident(&f.rust);
    // The key as JSON text, quoted and escaped here, once.
    let key = format!("{}:", json_string(&f.wire));
    let write = |value: TokenStream| match f.ty {
        Type::DateTime => quote!(body.date_time(#key, #value);),
        _ => quote!(body.field(#key, #value);),
    };
    if is_patch(op, f) {
        let set = write(quote!(value));
        quote! {
            match &self.#rust {
                Some(Some(value)) => { #set }
                Some(None) => body.null(#key),
                None => {}
            }
        }
    } else if f.optional() && f.required {
        // Required but nullable: always sent, `null` when unset.
        let set = write(quote!(value));
        quote! {
            match &self.#rust {
                Some(value) => { #set }
                None => body.null(#key),
            }
        }
    } else if f.optional() && f.ty != Type::DateTime {
        quote!(body.optional(#key, &self.#rust);)
    } else if f.optional() {
        let set = write(quote!(value));
        quote!(if let Some(value) = &self.#rust { #set })
    } else {
        write(quote!(&self.#rust))
    }
}

/// Adds one multipart field of `self` (each array item a part of its own).
fn multipart_field(f: &Field) -> TokenStream {
    let rust = ident(&f.rust);
    let name = &f.wire;
    let add = |value: TokenStream, ty: &Type| match ty {
        Type::File => quote!(form.file(#name, #value);),
        Type::String => quote!(form.text(#name, #value.as_str());),
        Type::DateTime => quote! {
            form.value(#name, &crate::runtime::datetime::Rfc3339(*#value));
        },
        _ => quote!(form.value(#name, #value);),
    };
    let add_all = match &f.ty {
        Type::Array(inner) => {
            let one = add(quote!(item), inner);
            quote!(for item in value.iter() { #one })
        }
        ty => add(quote!(value), ty),
    };
    if f.optional() {
        quote!(if let Some(value) = &self.#rust { #add_all })
    } else {
        quote!({ let value = &self.#rust; #add_all })
    }
}

/// `text` as a JSON string literal (RFC 8259 escapes).
fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::json_string;

    #[test]
    fn keys_are_json_strings() {
        assert_eq!(json_string("a.b"), r#""a.b""#);
        assert_eq!(json_string("q\"\\\n\u{1}"), r#""q\"\\\n\u0001""#);
    }
}
