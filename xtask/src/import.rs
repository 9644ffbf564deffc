//! `cargo xtask import`: the OpenAPI document and an import configuration to
//! `schema/`, and a report of what was not carried faithfully.

use std::path::Path;
use std::process::ExitCode;

use codegen::import::{self, Document, ImportConfig};
use codegen::GeneratedFile;

/// Imports as `config` (relative to `root`) says into `out` (relative to
/// `root`); with `check`, writes nothing and fails when `out` would change;
/// with `generate`, then generates the crate from the imported schema there.
pub fn run(root: &Path, config: &str, out: &str, check: bool, generate: Option<&str>) -> ExitCode {
    match import_files(root, config) {
        Ok((files, report_path, report)) => {
            let mut files = files;
            let sync = codegen::timed("write schema", || {
                codegen::output::sync(&root.join(out), &files, check)
            });
            // Kept only to generate from; otherwise freed before the report.
            let texts: Vec<(String, String)> = match generate {
                Some(_) => files.drain(..).map(|f| (f.path, f.contents)).collect(),
                None => Vec::new(),
            };
            files.clear();
            let sync = match sync {
                Ok(sync) => sync,
                Err(error) => {
                    eprintln!("error: {error}");
                    return ExitCode::FAILURE;
                }
            };
            let report_stale = std::fs::read_to_string(root.join(&report_path))
                .ok()
                .as_deref()
                != Some(report.as_str());
            if check {
                if sync.is_clean() && !report_stale {
                    println!("{out}/ is what the import gives");
                    return ExitCode::SUCCESS;
                }
                for path in sync.changed.iter().chain(&sync.removed) {
                    eprintln!("stale: {out}/{path}");
                }
                if report_stale {
                    eprintln!("stale: {report_path}");
                }
                eprintln!("{out}/ is not what the import gives: run `cargo xtask import`");
                return ExitCode::FAILURE;
            }
            if report_stale {
                if let Err(error) = std::fs::write(root.join(&report_path), &report) {
                    eprintln!("error: {report_path}: {error}");
                    return ExitCode::FAILURE;
                }
            }
            for path in &sync.changed {
                println!("wrote {out}/{path}");
            }
            for path in &sync.removed {
                println!("removed {out}/{path}");
            }
            println!("{}", report.lines().nth(2).unwrap_or_default());
            println!("details: {report_path}");
            match generate {
                Some(dir) => generate_from(root, out, texts, dir),
                None => ExitCode::SUCCESS,
            }
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Generates the crate into `dir` from the schema files just imported into
/// `out`: the texts written there, not read back.
fn generate_from(root: &Path, out: &str, texts: Vec<(String, String)>, dir: &str) -> ExitCode {
    let sync = codegen::generate_texts(texts)
        .map_err(|error| error.in_dir(out))
        .and_then(|files| {
            codegen::timed("output", || {
                codegen::output::sync(&root.join(dir), &files, false)
            })
        });
    match sync {
        Ok(sync) => {
            println!(
                "generated {dir}/ from {out}/: {} files written, {} removed",
                sync.changed.len(),
                sync.removed.len()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// The schema files and the report (its path and text) the import gives.
fn import_files(
    root: &Path,
    config_path: &str,
) -> Result<(Vec<GeneratedFile>, String, String), String> {
    let read =
        |path: &str| std::fs::read_to_string(root.join(path)).map_err(|e| format!("{path}: {e}"));
    let config = ImportConfig::parse(config_path, &read(config_path)?)?;
    let document = codegen::timed("parse document", || {
        Document::parse(&config.document, &read(&config.document)?).map_err(|e| e.to_string())
    })?;
    let api = read(&config.api)?;
    let imported = codegen::timed("import", || import::import(&document, &config, &api))
        .map_err(|e| e.to_string())?;
    let files = imported
        .files
        .into_iter()
        .map(|(path, contents)| GeneratedFile { path, contents })
        .collect();
    let report_path = format!(
        "{}.report.md",
        config_path.strip_suffix(".yaml").unwrap_or(config_path)
    );
    Ok((
        files,
        report_path,
        import::report_markdown(&imported.operations),
    ))
}
