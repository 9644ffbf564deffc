//! Turns the YAML API description under `schema/` into a Rust SDK crate.
//!
//! The pipeline, one module a stage, plain data between them:
//! `load` (YAML to `schema::*`, with positions) → `validate` (rules, with
//! file:line:column) → `model` (names and types resolved) → `emit` (tokens) →
//! `print` (prettyplease text) → `output` (write or check).

pub mod diagnostic;
pub mod emit;
pub mod load;
pub mod model;
pub mod names;
mod ordered_map;
pub mod output;
pub mod print;
pub mod schema;
pub mod validate;

use std::path::Path;

pub use diagnostic::{Diagnostic, Error};
pub use output::{GeneratedFile, Sync};

/// The command that regenerates, for messages about stale files.
pub const REGENERATE: &str = "cargo xtask regenerate";

/// Loads, checks and models the schema in `dir`.
pub fn model_dir(dir: &Path) -> Result<model::Api, Error> {
    let schema = load::load_dir(dir)?;
    validate::validate(&schema)?;
    Ok(model::build(&schema))
}

/// Every file of the generated crate for the schema in `dir`.
pub fn generate_dir(dir: &Path) -> Result<Vec<GeneratedFile>, Error> {
    generate(&load::load_dir(dir)?)
}

/// Every file of the generated crate for schema files given as (path, text).
pub fn generate_texts(texts: Vec<(String, String)>) -> Result<Vec<GeneratedFile>, Error> {
    generate(&load::load_texts(texts)?)
}

fn generate(schema: &load::LoadedSchema) -> Result<Vec<GeneratedFile>, Error> {
    validate::validate(schema)?;
    let api = model::build(schema);
    emit::emit(&api)
        .into_iter()
        .map(|file| {
            let (comment, body) = match file.contents {
                emit::Contents::Rust(tokens) => ("//", print::print_rust(tokens, &file.path)?),
                emit::Contents::Text(text) => (
                    if file.path.ends_with(".toml") {
                        "#"
                    } else {
                        "//"
                    },
                    text,
                ),
            };
            let source = if file.source.starts_with("codegen/") {
                file.source.clone()
            } else {
                format!("schema/{}", file.source)
            };
            let mut contents = print::header(&source, comment);
            if file.path == "src/lib.rs" {
                contents.push_str(&format!(
                    "// schema hash (FNV-1a 64 of every schema file): {}\n",
                    api.schema_hash
                ));
            }
            contents.push_str(&body);
            Ok(GeneratedFile {
                path: file.path,
                contents,
            })
        })
        .collect()
}

/// Regenerates `out` from `schema`; with `check`, only reports what is stale.
pub fn regenerate(schema: &Path, out: &Path, check: bool) -> Result<Sync, Error> {
    let files = generate_dir(schema)?;
    output::sync(out, &files, check)
}
