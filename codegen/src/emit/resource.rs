//! A module of the generated crate: its types, params, handle and operations.

use proc_macro2::TokenStream;
use quote::quote;

use super::params::{emit_params, path_arg_type};
use super::response::{self, page_infos, response_type};
use super::tokens::{deprecated, doc, doc_with_example, ident};
use super::types::emit_type;
use super::validation::Checks;
use crate::model::{Api, Envelope, Field, Module, Operation, Response, Type, TypeDecl, TypeKind};

/// The items of `module`'s file (its `pub mod` lines are added by the caller).
/// `reach` is how a user gets the handle, e.g. `client.store().items()`.
pub fn emit_module(api: &Api, module: &Module, reach: &str, shared: bool) -> TokenStream {
    // Lookups by name see the types of other files this module uses too.
    let known: std::borrow::Cow<'_, [_]> = if module.foreign.is_empty() {
        std::borrow::Cow::Borrowed(&module.types[..])
    } else {
        module
            .types
            .iter()
            .chain(&module.foreign)
            .cloned()
            .collect()
    };
    let checks = Checks::new(&known).shared(shared);
    let types = module.types.iter().map(|t| emit_type(t, &known, &checks));
    let params = module
        .operations
        .iter()
        .map(|op| emit_params(op, &module.handle, &api.query_style, &known, &checks));
    let handle = handle(api, module, reach);
    let page_infos = page_infos(module);
    quote! {
        #handle
        #(#params)*
        #(#types)*
        #page_infos
    }
}

/// The handle type that reaches this module's operations and children.
pub fn handle(api: &Api, module: &Module, reach: &str) -> TokenStream {
    let envelope = api.envelope;
    // Types only (say, types other files share): nothing to reach, no handle.
    if !module.has_operations() {
        return TokenStream::new();
    }
    let name = ident(&module.handle);
    let handle_doc = doc(&format!(
        "{}\n\nReached with `{reach}`; cheap to create and copy.",
        first_line(&module.doc)
    ));
    let children = module
        .children
        .iter()
        .filter(|c| c.has_operations())
        .map(|child| {
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
    let operations = module
        .operations
        .iter()
        .map(|op| operation_methods(api, module, reach, op, envelope));
    let callers = module.operations.iter().map(|op| caller(module, op));
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

        #(#callers)*
    }
}

fn first_line(text: &str) -> String {
    text.trim().lines().next().unwrap_or("").to_string()
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

/// `call_<op>`: the one place the request of this operation is made; the
/// runtime's `HttpClient::call` sends it (one async body for every operation).
fn caller(module: &Module, op: &Operation) -> TokenStream {
    let call_fn = ident(&format!("call_{}", op.name));
    let params_type = ident(&op.params_type);
    let args: Vec<_> = argument_params(op).iter().map(|f| ident(&f.rust)).collect();
    let arg_types: Vec<_> = argument_params(op)
        .iter()
        .map(|f| path_arg_type(&f.ty))
        .collect();
    let method = method_tokens(op);
    let operation = format!("{}.{}", module.name, op.name);
    let mut settings = Vec::new();
    if !op.headers.is_empty() {
        settings.push(quote!(call.headers = params.request_headers();));
    }
    if op.body.is_some() {
        settings.push(quote!(call.body = params.request_body();));
    }
    if matches!(op.response, Response::Bytes | Response::Text) {
        let accept = response::accept(op);
        settings.push(quote!(call.accept = #accept;));
    }
    if let Some(accepted) = &op.auth {
        settings.push(quote!(call.auth = Some(&[#(#accepted),*]);));
    }
    let new_call = quote! {
        crate::runtime::http::Call::new(
            #operation,
            #method,
            params.request_path(#(#args),*),
            params.to_query_string(),
        )
    };
    let body = if settings.is_empty() {
        new_call
    } else {
        quote! {
            let mut call = #new_call;
            #(#settings)*
            call
        }
    };
    quote! {
        fn #call_fn(#(#args: #arg_types,)* params: &#params_type) -> crate::runtime::http::Call {
            #body
        }
    }
}

fn operation_methods(
    api: &Api,
    module: &Module,
    reach: &str,
    op: &Operation,
    envelope: Envelope,
) -> TokenStream {
    let name = ident(&op.name);
    let call_fn = ident(&format!("call_{}", op.name));
    let decode = response::decode(op, envelope);
    let params_type = ident(&op.params_type);
    let args: Vec<_> = argument_params(op).iter().map(|f| ident(&f.rust)).collect();
    let arg_types: Vec<_> = argument_params(op)
        .iter()
        .map(|f| path_arg_type(&f.ty))
        .collect();
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
    if let Some(response_doc) = response::response_doc(op) {
        text.push_str(&format!("\n\n{response_doc}"));
    }
    text.push_str(
        "\n\nChecks every parameter before sending; retries as the client is configured.",
    );
    let method_doc = doc_with_example(&text, &example(api, module, reach, op));
    let single = quote! {
        #method_doc
        #deprecated
        pub async fn #name(&self, #(#args: #arg_types,)* params: &#params_type) -> Result<#response, crate::Error> {
            self.client.http().call(#call_fn(#(#args,)* params), #decode).await
        }
    };
    let paging = response::auto_paging_method(op, &decode);
    quote! {
        #single
        #paging
    }
}

/// An `# Examples` section: building the params and making the call, compiled
/// (not run) as a doc-test, so it stays true as the schema changes.
fn example(api: &Api, module: &Module, reach: &str, op: &Operation) -> String {
    let krate = api.crate_name.replace('-', "_");
    // `store/items.yaml` → `store::items`, the module users import from.
    let path: Vec<String> = crate::validate::module_path(&module.source)
        .into_iter()
        .map(crate::names::module)
        .collect();
    let path: Vec<&str> = path.iter().map(String::as_str).collect();
    // A value with no literal form is a hidden, typed placeholder.
    let mut hidden = Vec::new();
    let required: Vec<String> = op
        .params_fields()
        .filter(|f| !f.optional())
        .map(|f| {
            example_value(&f.ty, &f.wire, &module.types).unwrap_or_else(|| {
                let ty = public_path(&super::tokens::rust_type(&f.ty).to_string(), &krate, &path);
                hidden.push(format!("# let {}: {ty} = todo!();", f.rust));
                f.rust.clone()
            })
        })
        .collect();
    let args: Vec<String> = argument_params(op)
        .iter()
        .map(|f| match &f.ty {
            Type::Integer => "1, ".to_string(),
            Type::Named(_) => {
                // A placeholder of the enum, named apart from the params' own.
                let name = if required.contains(&f.rust) {
                    format!("{}_arg", f.rust)
                } else {
                    f.rust.clone()
                };
                let ty = public_path(&super::tokens::rust_type(&f.ty).to_string(), &krate, &path);
                hidden.push(format!("# let {name}: {ty} = todo!();"));
                format!("&{name}, ")
            }
            _ => format!("{:?}, ", f.wire),
        })
        .collect();
    let result = match op.response {
        Response::Page { .. } => "page",
        Response::Empty => "_",
        _ => "response",
    };
    let mut lines = vec![
        "\n\n# Examples\n".to_string(),
        "```no_run".to_string(),
        format!("# async fn example(client: {krate}::Client) -> Result<(), {krate}::Error> {{"),
        format!("use {krate}::{}::{};", path.join("::"), op.params_type),
        String::new(),
    ];
    lines.extend(hidden);
    lines.extend([
        format!(
            "let params = {}::builder({}).build()?;",
            op.params_type,
            required.join(", ")
        ),
        format!(
            "let {result} = {reach}.{}({}&params).await?;",
            op.name,
            args.concat()
        ),
    ]);
    if result != "_" {
        lines.push(format!("# let _ = {result};"));
    }
    lines.extend(["# Ok(())".to_string(), "# }".to_string(), "```".to_string()]);
    lines.join("\n")
}

/// A literal value of `ty` for an example, where one fits.
fn example_value(ty: &Type, wire: &str, types: &[TypeDecl]) -> Option<String> {
    Some(match ty {
        Type::String => format!("{wire:?}"),
        Type::Integer => "1".to_string(),
        Type::Number => "1.0".to_string(),
        Type::Bool => "true".to_string(),
        Type::Array(_) | Type::Map(_) => "[]".to_string(),
        Type::Ipv4 => "std::net::Ipv4Addr::LOCALHOST".to_string(),
        Type::Ipv6 => "std::net::Ipv6Addr::LOCALHOST".to_string(),
        Type::Named(name) => match types.iter().find(|t| t.name == *name).map(|t| &t.kind) {
            Some(TypeKind::StringEnum(values)) if !values.is_empty() => {
                format!("{:?}", values[0].wire)
            }
            _ => return None,
        },
        _ => return None,
    })
}

/// A type as written inside the crate (`Rating`, `crate::shared::Tag`), as a
/// user outside it names it (`shop::notes::Rating`, `shop::shared::Tag`).
fn public_path(inside: &str, krate: &str, module: &[&str]) -> String {
    let compact = inside
        .replace(" :: ", "::")
        .replace(":: ", "::")
        .replace(" < ", "<")
        .replace(" >", ">");
    let compact = compact.replace("crate::runtime::body::", &format!("{krate}::"));
    let compact = compact.replace("crate::", &format!("{krate}::"));
    let starts_lower = compact.starts_with(|c: char| c.is_lowercase() || c == ':');
    if starts_lower || compact.contains("::") {
        compact
    } else {
        format!("{krate}::{}::{compact}", module.join("::"))
    }
}
