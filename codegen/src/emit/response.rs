//! The response side of an operation: what it returns, how the body is
//! decoded, and paging (the params' and `result_info`'s paging traits, the
//! auto-paging method).

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::{deprecated, doc, ident, rust_type};
use crate::model::{Envelope, Module, Operation, Pagination, Response, Type, TypeKind};

/// The Rust type an operation's method returns (inside `Result`).
pub fn response_type(op: &Operation) -> TokenStream {
    match &op.response {
        Response::Page { item, info } => {
            let item = rust_type(item);
            let info = ident(info);
            quote!(crate::runtime::envelope::Page<#item, #info>)
        }
        Response::Result(ty) | Response::Raw(ty) => rust_type(ty),
        Response::Bytes => quote!(crate::runtime::response::Binary),
        Response::Text => quote!(String),
        Response::Empty => quote!(()),
    }
}

/// The `Accept` header the operation sends.
pub fn accept(op: &Operation) -> TokenStream {
    match op.response {
        Response::Bytes | Response::Text => quote!(crate::runtime::http::ACCEPT_ANY),
        _ => quote!(crate::runtime::http::ACCEPT_JSON),
    }
}

/// The runtime function that turns a `runtime::http::Response` into the
/// operation's result (`HttpClient::call` redacts its errors).
pub fn decode(op: &Operation, envelope: Envelope) -> TokenStream {
    match (&op.response, envelope) {
        // Named in full: a paging closure has no return type to infer it from.
        (Response::Page { item, info }, _) => {
            let item = rust_type(item);
            let info = ident(info);
            quote!(crate::runtime::envelope::page::<#item, #info>)
        }
        (Response::Result(_), Envelope::CloudflareV4) => quote!(crate::runtime::envelope::result),
        (Response::Result(_) | Response::Raw(_), _) => quote!(crate::runtime::envelope::raw),
        (Response::Bytes, _) => quote!(crate::runtime::response::decode_bytes),
        (Response::Text, _) => quote!(crate::runtime::response::decode_text),
        (Response::Empty, Envelope::CloudflareV4) => quote!(crate::runtime::envelope::empty),
        // Without an envelope there is nothing in an empty answer to check.
        (Response::Empty, Envelope::None) => quote!(crate::runtime::response::ignore),
    }
}

/// What the method's docs say about the response, when there is more to say
/// than its type.
pub fn response_doc(op: &Operation) -> Option<String> {
    let kind = match &op.response {
        Response::Bytes => Some(
            "Returns the body as it came, with its content type (see `max_response_bytes` for the largest accepted).",
        ),
        Response::Text => Some("Returns the body as text; a body that is not UTF-8 is `Error::Decode`."),
        Response::Empty => Some("Returns nothing: an empty body (204, or 200 with nothing) is a success."),
        _ => None,
    };
    let statuses = match op.success_statuses.as_slice() {
        [] => None,
        [one] => Some(format!("The API answers HTTP {one}; any 2xx is a success.")),
        [first @ .., last] => {
            let listed: Vec<String> = first.iter().map(u16::to_string).collect();
            Some(format!(
                "The API answers HTTP {} or {last}; any 2xx is a success.",
                listed.join(", ")
            ))
        }
    };
    let parts: Vec<String> = kind
        .map(str::to_owned)
        .into_iter()
        .chain(statuses)
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// `<op>_auto_paging`, for a paginated operation.
pub fn auto_paging_method(op: &Operation, decode: &TokenStream) -> TokenStream {
    let (Some(pagination), Response::Page { item, .. }) = (&op.pagination, &op.response) else {
        return TokenStream::new();
    };
    let arguments: Vec<_> = op
        .path_params
        .iter()
        .filter(|p| p.argument)
        .map(|p| (ident(&p.field.rust), &p.field.ty))
        .collect();
    let args: Vec<_> = arguments.iter().map(|(arg, _)| arg).collect();
    let arg_types = arguments
        .iter()
        .map(|(_, ty)| super::params::path_arg_type(ty));
    // Borrowed arguments are owned for the stream's lifetime; integers are copied.
    let owned = arguments.iter().map(|(arg, ty)| match ty {
        Type::Integer => TokenStream::new(),
        _ => quote!(let #arg = ToOwned::to_owned(#arg);),
    });
    let cloned = arguments.iter().map(|(arg, ty)| match ty {
        Type::Integer => TokenStream::new(),
        _ => quote!(let #arg = Clone::clone(&#arg);),
    });
    let passed = arguments.iter().map(|(arg, ty)| match ty {
        Type::Integer => quote!(#arg),
        _ => quote!(&#arg),
    });
    let item = rust_type(item);
    let params_type = ident(&op.params_type);
    let call_fn = ident(&format!("call_{}", op.name));
    let paging_name = ident(&format!("{}_auto_paging", op.name));
    let (paginate, ends) = match pagination {
        Pagination::PageNumber(_) => (
            quote!(crate::runtime::paginate::paginate),
            "after the last page without an extra request (never past `ceil(total_count / per_page)` pages when the API reports totals)",
        ),
        Pagination::Cursor(_) => (
            quote!(crate::runtime::paginate::paginate_cursor),
            "after the page whose `result_info` gives no next cursor, or an empty page",
        ),
    };
    let paging_doc = doc(&format!(
        "Every item of every page of [`Self::{}`], as one stream.\n\nOne page of prefetch: while the caller reads a page, the next one is already requested (on a tokio task), so at most two pages are held at a time and reading overlaps the server's work.\n\nAlways ends: {ends}, with an error when a page repeats the items of an earlier one, or with an error after the client's `max_pages` pages. Dropping the stream cancels the request in flight.",
        op.name
    ));
    let deprecated = deprecated(op.deprecated.as_ref());
    quote! {
        #paging_doc
        #deprecated
        pub fn #paging_name(&self, #(#args: #arg_types,)* params: #params_type) -> impl ::futures_core::Stream<Item = Result<#item, crate::Error>> + Send + 'static {
            let client = Clone::clone(self.client);
            #(#owned)*
            #paginate(params, client.http().max_pages(), move |params: #params_type| {
                let client = Clone::clone(&client);
                #(#cloned)*
                async move { client.http().call(#call_fn(#(#passed,)* &params), #decode).await }
            })
        }
    }
}

/// `PageParams` or `CursorParams` for a paginated operation's params.
pub fn paging_params(op: &Operation) -> TokenStream {
    let (Some(pagination), Response::Page { .. }) = (&op.pagination, &op.response) else {
        return TokenStream::new();
    };
    let name = ident(&op.params_type);
    let paging = match pagination {
        Pagination::PageNumber(paging) => paging,
        Pagination::Cursor(paging) => {
            let cursor = ident(&paging.cursor_field);
            let required = op
                .query
                .iter()
                .any(|f| f.rust == paging.cursor_field && !f.optional());
            let set_cursor = if required {
                quote!(cursor.to_owned())
            } else {
                quote!(Some(cursor.to_owned()))
            };
            return quote! {
                impl crate::runtime::paginate::CursorParams for #name {
                    fn with_cursor(&self, cursor: &str) -> Self {
                        let mut next = self.clone();
                        next.#cursor = #set_cursor;
                        next
                    }
                }
            };
        }
    };
    let page = ident(&paging.page_field);
    let per_page = ident(&paging.per_page_field);
    let field = |rust: &str| op.query.iter().find(|f| f.rust == rust);
    // A required page parameter is held as a plain value, an optional one in an `Option`.
    let optional = |rust: &str| field(rust).is_none_or(|f| f.optional());
    let per_page_default = field(&paging.per_page_field)
        .and_then(|f| f.default.as_ref())
        .and_then(|d| d.parse::<i64>().ok());
    let page_value = if optional(&paging.page_field) {
        quote!(self.#page)
    } else {
        quote!(Some(self.#page))
    };
    let per_page_value = match (optional(&paging.per_page_field), per_page_default) {
        (false, _) => quote!(Some(self.#per_page)),
        (true, Some(default)) => quote!(self.#per_page.or(Some(#default))),
        (true, None) => quote!(self.#per_page),
    };
    let set_page = if optional(&paging.page_field) {
        quote!(Some(page))
    } else {
        quote!(page)
    };
    quote! {
        impl crate::runtime::paginate::PageParams for #name {
            fn page(&self) -> Option<i64> {
                #page_value
            }

            fn per_page(&self) -> Option<i64> {
                #per_page_value
            }

            fn with_page(&self, page: i64) -> Self {
                let mut next = self.clone();
                next.#page = #set_page;
                next
            }
        }
    }
}

/// `PageInfo` or `CursorInfo` for each `result_info` type a paginated operation uses.
pub fn page_infos(module: &Module) -> TokenStream {
    let mut done = BTreeSet::new();
    let mut out = TokenStream::new();
    for op in &module.operations {
        let (Some(pagination), Response::Page { info, .. }) = (&op.pagination, &op.response) else {
            continue;
        };
        let kind = matches!(pagination, Pagination::Cursor(_));
        if !done.insert((info.clone(), kind)) {
            continue;
        }
        let Some(TypeKind::Object(fields)) = module
            .types
            .iter()
            .find(|t| t.name == *info)
            .map(|t| &t.kind)
        else {
            continue;
        };
        let name = ident(info);
        let paging = match pagination {
            Pagination::PageNumber(paging) => paging,
            Pagination::Cursor(paging) => {
                let field = fields.iter().find(|f| f.rust == paging.info_cursor);
                let cursor = ident(&paging.info_cursor);
                let read = match field {
                    Some(f) if f.optional() => quote!(self.#cursor.as_deref()),
                    Some(_) => quote!(Some(self.#cursor.as_str())),
                    None => quote!(None),
                };
                out.extend(quote! {
                    impl crate::runtime::paginate::CursorInfo for #name {
                        fn cursor(&self) -> Option<&str> {
                            #read
                        }
                    }
                });
                continue;
            }
        };
        let read = |rust: &str| {
            let field = fields.iter().find(|f| f.rust == rust);
            let name = ident(rust);
            match field {
                Some(f) => {
                    let as_f64 = if f.ty == Type::Integer {
                        quote!(.map(|v| v as f64))
                    } else {
                        TokenStream::new()
                    };
                    if f.optional() {
                        quote!(self.#name #as_f64)
                    } else {
                        quote!(Some(self.#name) #as_f64)
                    }
                }
                None => quote!(None),
            }
        };
        let page = read(&paging.info_page);
        let per_page = read(&paging.info_per_page);
        let total = read(&paging.info_total_count);
        out.extend(quote! {
            impl crate::runtime::paginate::PageInfo for #name {
                fn page(&self) -> Option<f64> {
                    #page
                }

                fn per_page(&self) -> Option<f64> {
                    #per_page
                }

                fn total_count(&self) -> Option<f64> {
                    #total
                }
            }
        });
    }
    out
}
