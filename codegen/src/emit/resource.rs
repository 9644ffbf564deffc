//! A module of the generated crate: its types, params, handle and operations.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::params::emit_params;
use super::tokens::{deprecated, doc, ident, rust_type};
use super::types::emit_type;
use super::validation::Checks;
use crate::model::{Api, Field, Module, Operation, Response, Type, TypeKind};

/// The items of `module`'s file (its `pub mod` lines are added by the caller).
/// `reach` is how a user gets the handle, e.g. `client.store().items()`.
pub fn emit_module(api: &Api, module: &Module, reach: &str) -> TokenStream {
    let checks = Checks::new(&module.types);
    let types = module.types.iter().map(|t| emit_type(t, &checks));
    let params = module
        .operations
        .iter()
        .map(|op| emit_params(op, &module.handle, &api.query_style, &module.types, &checks));
    let handle = handle(module, reach);
    let page_infos = page_infos(module);
    quote! {
        #handle
        #(#params)*
        #(#types)*
        #page_infos
    }
}

/// The handle type that reaches this module's operations and children.
pub fn handle(module: &Module, reach: &str) -> TokenStream {
    let name = ident(&module.handle);
    let handle_doc = doc(&format!(
        "{}\n\nReached with `{reach}`; cheap to create and copy.",
        first_line(&module.doc)
    ));
    let children = module.children.iter().map(|child| {
        let child_mod = ident(&child.name);
        let child_handle = ident(&child.handle);
        let child_doc = doc(&first_line(&child.doc));
        quote! {
            #child_doc
            pub fn #child_mod(&self) -> #child_mod::#child_handle<'a> {
                #child_mod::#child_handle::new(self.client)
            }
        }
    });
    let operations = module.operations.iter().map(operation_methods);
    let senders = module.operations.iter().map(|op| sender(module, op));
    quote! {
        #handle_doc
        #[derive(Debug, Clone, Copy)]
        pub struct #name<'a> {
            client: &'a crate::Client,
        }

        #[allow(deprecated)]
        impl<'a> #name<'a> {
            pub(crate) fn new(client: &'a crate::Client) -> Self {
                Self { client }
            }

            #(#children)*
            #(#operations)*
        }

        #(#senders)*
    }
}

fn first_line(text: &str) -> String {
    text.trim().lines().next().unwrap_or("").to_string()
}

fn response_type(op: &Operation) -> TokenStream {
    match &op.response {
        Response::Page { item, info } => {
            let item = ident(item);
            let info = ident(info);
            quote!(crate::runtime::envelope::Page<#item, #info>)
        }
        Response::Result(ty) | Response::Raw(ty) => rust_type(ty),
    }
}

fn method_tokens(op: &Operation) -> TokenStream {
    let method = ident(op.method.as_str());
    quote!(::reqwest::Method::#method)
}

fn argument_params(op: &Operation) -> Vec<&Field> {
    op.path_params
        .iter()
        .filter(|p| p.argument)
        .map(|p| &p.field)
        .collect()
}

/// `send_<op>`: the one place a request for this operation is made.
fn sender(module: &Module, op: &Operation) -> TokenStream {
    let send = ident(&format!("send_{}", op.name));
    let params_type = ident(&op.params_type);
    let args: Vec<_> = argument_params(op).iter().map(|f| ident(&f.rust)).collect();
    let response = response_type(op);
    let method = method_tokens(op);
    let decode = match &op.response {
        Response::Page { .. } => quote!(crate::runtime::envelope::decode_page(status, &body)),
        Response::Result(_) => quote!(crate::runtime::envelope::decode_result(status, &body)),
        Response::Raw(_) => quote!(crate::runtime::envelope::decode_raw(status, &body)),
    };
    let operation = format!("{}.{}", module.name, op.name);
    let mut settings = Vec::new();
    if !op.headers.is_empty() {
        settings.push(quote!(request.headers = params.request_headers();));
    }
    if op.body.is_some() {
        settings.push(quote!(request.body = params.request_body();));
    }
    if let Some(accepted) = &op.auth {
        settings.push(quote!(request.auth = Some(&[#(#accepted),*]);));
    }
    let binding = if settings.is_empty() {
        quote!(let request)
    } else {
        quote!(let mut request)
    };
    quote! {
        async fn #send(client: &crate::Client, #(#args: &str,)* params: &#params_type) -> Result<#response, crate::Error> {
            let path = params.request_path(#(#args),*)?;
            let query = params.to_query_string();
            #binding = crate::runtime::http::Request::new(#operation, #method, &path, &query);
            #(#settings)*
            let (status, body) = client.http().execute(request).await?;
            #decode.map_err(|error| client.http().redact(error))
        }
    }
}

fn operation_methods(op: &Operation) -> TokenStream {
    let name = ident(&op.name);
    let send = ident(&format!("send_{}", op.name));
    let params_type = ident(&op.params_type);
    let args: Vec<_> = argument_params(op).iter().map(|f| ident(&f.rust)).collect();
    let arg_docs: Vec<String> = argument_params(op)
        .iter()
        .map(|f| format!("* `{}`: {}", f.rust, first_line(&f.doc)))
        .collect();
    let response = response_type(op);
    let deprecated = deprecated(op.deprecated.as_ref());
    let mut text = format!(
        "{}\n\n`{} {}`",
        op.doc.trim(),
        op.method.as_str(),
        op.path_template
    );
    if !arg_docs.is_empty() {
        text.push_str(&format!("\n\n{}", arg_docs.join("\n")));
    }
    text.push_str(
        "\n\nChecks every parameter before sending; retries as the client is configured.",
    );
    let method_doc = doc(&text);
    let single = quote! {
        #method_doc
        #deprecated
        pub async fn #name(&self, #(#args: &str,)* params: &#params_type) -> Result<#response, crate::Error> {
            #send(self.client, #(#args,)* params).await
        }
    };
    let Some(_) = &op.pagination else {
        return single;
    };
    let Response::Page { item, .. } = &op.response else {
        return single;
    };
    let item = ident(item);
    let paging_name = ident(&format!("{}_auto_paging", op.name));
    let paging_doc = doc(&format!(
        "Every item of every page of [`Self::{}`], fetched one page at a time as the stream is read.\n\nAlways ends: after the last page without an extra request (never past `ceil(total_count / per_page)` pages when the API reports totals), with an error when a page repeats the items of an earlier one, or with an error after the client's `max_pages` pages. Dropping the stream cancels the request in flight.",
        op.name
    ));
    quote! {
        #single

        #paging_doc
        #deprecated
        pub fn #paging_name(&self, #(#args: &str,)* params: #params_type) -> impl ::futures_core::Stream<Item = Result<#item, crate::Error>> + Send + 'static {
            let client = Clone::clone(self.client);
            #(let #args = ToOwned::to_owned(#args);)*
            crate::runtime::paginate::paginate(params, client.http().max_pages(), move |params: #params_type| {
                let client = Clone::clone(&client);
                #(let #args = Clone::clone(&#args);)*
                async move { #send(&client, #(&#args,)* &params).await }
            })
        }
    }
}

/// `PageInfo` for each `result_info` type a paginated operation uses.
fn page_infos(module: &Module) -> TokenStream {
    let mut done = BTreeSet::new();
    let mut out = TokenStream::new();
    for op in &module.operations {
        let (Some(pagination), Response::Page { info, .. }) = (&op.pagination, &op.response) else {
            continue;
        };
        if !done.insert(info.clone()) {
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
        let page = read(&pagination.info_page);
        let per_page = read(&pagination.info_per_page);
        let total = read(&pagination.info_total_count);
        let name = ident(info);
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
