//! Stage 4: the model as Rust tokens (`quote`), one token stream per file.
//! Nothing here knows any endpoint: every name comes from the model.

mod body;
mod client;
mod params;
mod query;
mod resource;
mod response;
mod tokens;
mod types;
mod unions;
pub(crate) mod validation;

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Api, Module};
pub use tokens::is_bidi_control;
use tokens::{doc, doc_inner, ident};

/// What a generated file holds before printing.
pub enum Contents {
    /// Rust, printed by `print`.
    Rust(TokenStream),
    /// Any other text, written as is.
    Text(String),
}

/// One file of the generated crate, planned: what it is and where it goes.
/// Files are rendered independently, so generation can use every core.
pub struct FilePlan<'a> {
    /// Path relative to the crate root.
    pub path: String,
    /// The schema file it comes from, for the header (`schema/…`).
    pub source: String,
    kind: FileKind<'a>,
}

impl FilePlan<'_> {
    /// A rough cost of rendering the file, so the largest start first.
    pub fn weight(&self) -> usize {
        match &self.kind {
            FileKind::Module { module, .. } => 1 + module.types.len() + 4 * module.operations.len(),
            _ => 1,
        }
    }
}

enum FileKind<'a> {
    Manifest,
    Lib,
    Client,
    Runtime(&'static str),
    /// A module, and how a user reaches its handle (`client.store()`).
    Module {
        module: &'a Module,
        reach: String,
        /// Its group's types are used by other groups too (see `Checks::shared`).
        shared: bool,
    },
}

/// The runtime files, copied verbatim into `src/runtime/`.
const RUNTIME: &[(&str, &str)] = &[
    ("auth.rs", include_str!("../../runtime/auth.rs")),
    ("body.rs", include_str!("../../runtime/body.rs")),
    ("datetime.rs", include_str!("../../runtime/datetime.rs")),
    ("envelope.rs", include_str!("../../runtime/envelope.rs")),
    ("error.rs", include_str!("../../runtime/error.rs")),
    ("http.rs", include_str!("../../runtime/http.rs")),
    ("mod.rs", include_str!("../../runtime/mod.rs")),
    ("object.rs", include_str!("../../runtime/object.rs")),
    ("paginate.rs", include_str!("../../runtime/paginate.rs")),
    ("path.rs", include_str!("../../runtime/path.rs")),
    ("query.rs", include_str!("../../runtime/query.rs")),
    ("response.rs", include_str!("../../runtime/response.rs")),
    ("retry.rs", include_str!("../../runtime/retry.rs")),
    ("secret.rs", include_str!("../../runtime/secret.rs")),
    ("union.rs", include_str!("../../runtime/union.rs")),
    ("validation.rs", include_str!("../../runtime/validation.rs")),
];

/// Every file of the generated crate, in path order.
pub fn plan(api: &Api) -> Vec<FilePlan<'_>> {
    let at_api = |path: &str, kind| FilePlan {
        path: path.to_string(),
        source: "api.yaml".to_string(),
        kind,
    };
    let mut files = vec![
        at_api("Cargo.toml", FileKind::Manifest),
        at_api("src/lib.rs", FileKind::Lib),
        at_api("src/client.rs", FileKind::Client),
    ];
    for (name, text) in RUNTIME {
        files.push(FilePlan {
            path: format!("src/runtime/{name}"),
            source: format!("codegen/runtime/{name}"),
            kind: FileKind::Runtime(text),
        });
    }
    let needed: std::collections::BTreeSet<String> = group_features(api)
        .into_iter()
        .flat_map(|group| group.needs)
        .collect();
    for child in &api.root.children {
        let shared = needed.contains(&crate::names::feature(&child.name));
        plan_tree(child, "src", "client", shared, &mut files);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// A module and its children: `dir/name.rs`, or `dir/name/mod.rs` when it has children.
/// `parent` is the expression that reaches the parent's handle (`client`, `client.store()`).
fn plan_tree<'a>(
    module: &'a Module,
    dir: &str,
    parent: &str,
    shared: bool,
    files: &mut Vec<FilePlan<'a>>,
) {
    let reach = format!("{parent}.{}()", module.name);
    let path = if module.children.is_empty() {
        format!("{dir}/{}.rs", module.name)
    } else {
        format!("{dir}/{}/mod.rs", module.name)
    };
    let child_dir = format!("{dir}/{}", module.name);
    for child in &module.children {
        plan_tree(child, &child_dir, &reach, shared, files);
    }
    files.push(FilePlan {
        path,
        source: if module.source.is_empty() {
            "api.yaml".to_string()
        } else {
            module.source.clone()
        },
        kind: FileKind::Module {
            module,
            reach,
            shared,
        },
    });
}

/// The contents of one planned file.
pub fn render(api: &Api, file: &FilePlan<'_>) -> Contents {
    match &file.kind {
        FileKind::Manifest => Contents::Text(manifest(api)),
        FileKind::Lib => Contents::Rust(lib_rs(api)),
        FileKind::Client => Contents::Rust(client::emit_client(api)),
        FileKind::Runtime(text) => Contents::Text((*text).to_string()),
        FileKind::Module {
            module,
            reach,
            shared,
        } => Contents::Rust(module_rs(api, module, reach, *shared)),
    }
}

fn module_rs(api: &Api, module: &Module, reach: &str, shared: bool) -> TokenStream {
    let inner_doc = doc_inner(&module.doc);
    let children = module.children.iter().map(|c| {
        let name = ident(&c.name);
        let doc = doc(c.doc.trim().lines().next().unwrap_or(""));
        // `audit_logs::audit_logs`: the schema chose the name, the path says it.
        let inception = if c.name == module.name {
            quote!(#[allow(clippy::module_inception)])
        } else {
            TokenStream::new()
        };
        quote!(#doc #inception pub mod #name;)
    });
    let items = resource::emit_module(api, module, reach, shared);
    quote! {
        #inner_doc
        // Deprecated items are still defined and encoded here; users of them get the warning.
        #![allow(deprecated)]
        #(#children)*
        #items
    }
}

fn lib_rs(api: &Api) -> TokenStream {
    let inner_doc = doc_inner(&format!(
        "{}\n\nStart with [`Client::builder`] or [`Client::from_env`]; every operation is reached\nthrough the resource accessors on [`Client`].",
        api.description
    ));
    let modules = api.root.children.iter().map(|c| {
        let name = ident(&c.name);
        let doc = doc(c.doc.trim().lines().next().unwrap_or(""));
        let cfg = group_cfg(&c.name);
        quote!(#doc #cfg #[rustfmt::skip] pub mod #name;)
    });
    quote! {
        #inner_doc
        #![forbid(unsafe_code)]
        #![deny(missing_docs)]

        #[rustfmt::skip]
        mod client;
        #(#modules)*
        /// Support code the generated modules share. Not part of the API: it
        /// may change in any release; what users name is re-exported here.
        #[doc(hidden)]
        #[rustfmt::skip]
        pub mod runtime;

        pub use client::{Client, ClientBuilder};
        pub use runtime::body::{FilePart, RawBody};
        pub use runtime::envelope::{Page, ResponseMessage};
        pub use runtime::error::{Error, TransportError};
        pub use runtime::response::Binary;
        pub use runtime::validation::{Rule, ValidationError};
    }
}

/// `Cargo.toml`. Schema values pass through the `toml` serializer, so no
/// value can end a string and add a table (a `[dependencies]` entry would
/// run its build script on the next build).
fn manifest(api: &Api) -> String {
    #[derive(serde::Serialize)]
    #[serde(rename_all = "kebab-case")]
    struct Package<'a> {
        name: &'a str,
        version: &'a str,
        edition: &'a str,
        rust_version: &'a str,
        description: &'a str,
        license: &'a str,
    }
    #[derive(serde::Serialize)]
    struct Manifest<'a> {
        package: Package<'a>,
    }
    let package = toml::to_string(&Manifest {
        package: Package {
            name: &api.crate_name,
            version: &api.version,
            edition: "2021",
            rust_version: "1.85",
            description: &api.description,
            license: api.license.as_deref().unwrap_or("MIT OR Apache-2.0"),
        },
    })
    .expect("plain strings always serialize");
    let groups = group_features(api);
    let mut default = vec!["rustls".to_string()];
    default.extend(
        groups
            .iter()
            .filter(|g| api.default_groups.contains(&g.module))
            .map(|g| g.feature.clone()),
    );
    let quoted = |names: &[String]| {
        names
            .iter()
            .map(|n| format!("\"{n}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut features = format!("[features]\ndefault = [{}]\n{FEATURES}", quoted(&default));
    if !groups.is_empty() {
        features.push_str("# API groups: each turns on its module and its `Client` accessor,\n# and the groups whose types it uses.\n");
    }
    for group in &groups {
        features.push_str(&format!("{} = [{}]\n", group.feature, quoted(&group.needs)));
    }
    format!("{package}\n{features}\n{DEPENDENCIES}")
}

/// A group (a top-level module) as a cargo feature.
struct GroupFeature {
    module: String,
    feature: String,
    /// Features of the other groups whose types this one names.
    needs: Vec<String>,
}

fn group_features(api: &Api) -> Vec<GroupFeature> {
    api.root
        .children
        .iter()
        .map(|group| {
            let mut needs = std::collections::BTreeSet::new();
            collect_group_refs(group, &mut needs);
            needs.remove(&group.name);
            GroupFeature {
                module: group.name.clone(),
                feature: crate::names::feature(&group.name),
                needs: needs.iter().map(|m| crate::names::feature(m)).collect(),
            }
        })
        .collect()
}

/// The group modules whose types `module` or a module below it names
/// (`group.resource.Type`).
fn collect_group_refs(module: &Module, out: &mut std::collections::BTreeSet<String>) {
    for decl in &module.foreign {
        if let Some((group, _)) = decl.name.split_once('.') {
            out.insert(crate::names::module(group));
        }
    }
    for child in &module.children {
        collect_group_refs(child, out);
    }
}

/// `#[cfg(feature = "…")]` for the group module `name`.
fn group_cfg(name: &str) -> TokenStream {
    let feature = crate::names::feature(name);
    quote!(#[cfg(feature = #feature)])
}

/// The runtime's features: fixed, never from the schema.
const FEATURES: &str = r#"# TLS of the client the SDK builds: rustls (the default) or the platform's.
rustls = ["reqwest/rustls-tls"]
native-tls = ["reqwest/native-tls"]
# `tracing` spans and events for each request, retry and page.
tracing = ["dep:tracing"]
"#;

/// The runtime's dependencies: fixed, never from the schema.
const DEPENDENCIES: &str = r#"[dependencies]
bytes = "1"
fastrand = "2"
futures-core = "0.3"
futures-util = { version = "0.3", default-features = false }
httpdate = "1"
itoa = "1"
percent-encoding = "2"
regex-lite = "0.1"
reqwest = { version = "0.12", default-features = false, features = ["multipart", "stream"] }
serde = { version = "1", features = ["derive"] }
serde_json = "1"
thiserror = "2"
time = { version = "0.3", features = ["formatting", "parsing"] }
tokio = { version = "1", features = ["rt", "time"] }
tracing = { version = "0.1", default-features = false, features = ["std"], optional = true }
"#;
