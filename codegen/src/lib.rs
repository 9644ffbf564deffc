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
mod parallel;
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
    let schema = timed("load", || load::load_dir(dir))?;
    generate(&schema)
}

/// Every file of the generated crate for schema files given as (path, text).
pub fn generate_texts(texts: Vec<(String, String)>) -> Result<Vec<GeneratedFile>, Error> {
    let schema = timed("load", || load::load_texts(texts))?;
    generate(&schema)
}

/// Runs one stage; with `CODEGEN_TIMINGS` set, prints its wall time (and,
/// on Linux, the CPU time of the whole process during it) to stderr.
pub fn timed<T>(stage: &str, run: impl FnOnce() -> T) -> T {
    if std::env::var_os("CODEGEN_TIMINGS").is_none() {
        return run();
    }
    let (start, cpu) = (std::time::Instant::now(), process_cpu_seconds());
    let value = run();
    let wall = start.elapsed().as_secs_f64();
    match (cpu, process_cpu_seconds()) {
        (Some(before), Some(after)) => {
            eprintln!("{stage}: {wall:.3} s wall, {:.2} s CPU", after - before)
        }
        _ => eprintln!("{stage}: {wall:.3} s wall"),
    }
    value
}

/// User and system time of this process so far, from `/proc/self/stat`
/// (in clock ticks, 100 a second on Linux); a shared machine's wall times
/// say little, CPU times are steadier.
fn process_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i)?.parse::<f64>().ok();
    Some((ticks(11)? + ticks(12)?) / 100.0)
}

fn generate(schema: &load::LoadedSchema) -> Result<Vec<GeneratedFile>, Error> {
    timed("validate", || validate::validate(schema))?;
    let api = timed("model", || model::build(schema));
    let plans = emit::plan(&api);
    // Files are independent: render and print them on every core. Token
    // streams are not `Send`, so each file is emitted on the thread that prints it.
    let printed = timed("emit and print", || {
        parallel::map(&plans, emit::FilePlan::weight, |plan| finish(&api, plan))
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
    timed("output", || output::sync(out, &files, check))
}
