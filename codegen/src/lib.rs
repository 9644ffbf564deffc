//! Turns the YAML API description under `schema/` into a Rust SDK crate.
//!
//! The pipeline, one module a stage, plain data between them:
//! `load` (YAML to `schema::*`, with positions) → `validate` (rules, with
//! file:line:column) → `model` (names and types resolved) → `emit` (tokens) →
//! `print` (prettyplease text) → `output` (write or check).

pub mod changes;
pub mod diagnostic;
pub mod emit;
pub mod import;
pub mod load;
pub mod model;
pub mod names;
mod ordered_map;
pub mod output;
pub mod print;
pub mod resolve;
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

/// Loads, checks and models schema files given as (path, text).
pub fn model_texts(texts: Vec<(String, String)>) -> Result<model::Api, Error> {
    let schema = load::load_texts(texts)?;
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
    let plans = emit::plan(&api);
    // Files are independent: render and print them on every core. Token
    // streams are not `Send`, so each thread emits its own.
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(plans.len().max(1));
    let chunk = plans.len().div_ceil(threads).max(1);
    let printed: Vec<Result<GeneratedFile, Error>> = std::thread::scope(|scope| {
        let workers: Vec<_> = plans
            .chunks(chunk)
            .map(|plans| {
                scope.spawn(|| {
                    plans
                        .iter()
                        .map(|plan| finish(&api, plan))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| {
                worker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    printed.into_iter().collect()
}

/// Renders, prints and heads one file.
fn finish(api: &model::Api, plan: &emit::FilePlan<'_>) -> Result<GeneratedFile, Error> {
    let (comment, body) = match emit::render(api, plan) {
        emit::Contents::Rust(tokens) => ("//", print::print_rust(tokens, &plan.path)?),
        emit::Contents::Text(text) => (
            if plan.path.ends_with(".toml") {
                "#"
            } else {
                "//"
            },
            text,
        ),
    };
    let source = if plan.source.starts_with("codegen/") {
        plan.source.clone()
    } else {
        format!("schema/{}", plan.source)
    };
    // No line that every schema edit changes (such as a hash of the schema):
    // two schema changes would always conflict on it. Staleness is checked by
    // regenerating in memory and comparing whole files (build.rs, --check).
    let mut contents = print::header(&source, comment);
    contents.push_str(&body);
    Ok(GeneratedFile {
        path: plan.path.clone(),
        contents,
    })
}

/// Regenerates `out` from `schema`; with `check`, only reports what is stale.
pub fn regenerate(schema: &Path, out: &Path, check: bool) -> Result<Sync, Error> {
    let files = generate_dir(schema)?;
    output::sync(out, &files, check)
}
