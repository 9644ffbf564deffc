//! `cargo xtask import`: the OpenAPI documents and import configurations to
//! `schema/`, and a report beside each configuration of what was not
//! carried faithfully.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

use codegen::import::{self, Document, ImportConfig};
use codegen::GeneratedFile;

/// The configuration `cargo xtask import` starts from: its `ship` line says
/// which groups `schema/` carries.
pub const SHIPPED: &str = "import/cloudflare.yaml";

/// A file of the output folder the import keeps as it is.
const GUIDE: &str = "README.md";

/// Imports as `config` (relative to `root`) says into `out` (relative to
/// `root`): with `ship`, the groups the configuration ships (each from the
/// configuration that owns it), else every operation the configuration
/// takes. With `check`, writes nothing and fails when a file would change;
/// with `generate`, then generates the crate from the imported schema there
/// (the texts just written, not read back).
pub fn run(
    root: &Path,
    config: &str,
    out: &str,
    ship: bool,
    check: bool,
    generate: Option<&str>,
) -> ExitCode {
    match import_all(root, config, ship) {
        Ok((files, reports)) => {
            let texts = generate.map(|_| files.clone());
            let written = write(root, out, files, &reports, check);
            match (texts, generate) {
                (Some(texts), Some(dir)) if written == ExitCode::SUCCESS => {
                    generate_from(root, out, texts, dir)
                }
                _ => written,
            }
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Generates the crate into `dir` from the schema files just imported into `out`.
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

fn write(
    root: &Path,
    out: &str,
    files: Vec<(String, String)>,
    reports: &[(String, String)],
    check: bool,
) -> ExitCode {
    let mut files: Vec<GeneratedFile> = files
        .into_iter()
        .map(|(path, contents)| GeneratedFile { path, contents })
        .collect();
    // The folder's hand-written guide to the format stays.
    if let Ok(contents) = std::fs::read_to_string(root.join(out).join(GUIDE)) {
        files.push(GeneratedFile {
            path: GUIDE.to_string(),
            contents,
        });
    }
    let sync = match codegen::output::sync(&root.join(out), &files, check) {
        Ok(sync) => sync,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    let stale_reports: Vec<&(String, String)> = reports
        .iter()
        .filter(|(path, text)| {
            std::fs::read_to_string(root.join(path)).ok().as_deref() != Some(text.as_str())
        })
        .collect();
    if check {
        if sync.is_clean() && stale_reports.is_empty() {
            println!("{out}/ is what the import gives");
            return ExitCode::SUCCESS;
        }
        for path in sync.changed.iter().chain(&sync.removed) {
            eprintln!("stale: {out}/{path}");
        }
        for (path, _) in &stale_reports {
            eprintln!("stale: {path}");
        }
        eprintln!("{out}/ is not what the import gives: run `cargo xtask import`");
        return ExitCode::FAILURE;
    }
    for (path, text) in &stale_reports {
        if let Err(error) = std::fs::write(root.join(path), text) {
            eprintln!("error: {path}: {error}");
            return ExitCode::FAILURE;
        }
    }
    for path in &sync.changed {
        println!("wrote {out}/{path}");
    }
    for path in &sync.removed {
        println!("removed {out}/{path}");
    }
    for (path, text) in reports {
        println!("{path}: {}", text.lines().nth(2).unwrap_or_default());
    }
    ExitCode::SUCCESS
}

/// Files as (path, text): schema files, or reports.
type Files = Vec<(String, String)>;

/// One configuration's import: the configuration, its files, and its report
/// (path and text).
pub fn import_one(
    root: &Path,
    config_path: &str,
) -> Result<(ImportConfig, Files, (String, String)), String> {
    let read =
        |path: &str| std::fs::read_to_string(root.join(path)).map_err(|e| format!("{path}: {e}"));
    let config = ImportConfig::parse(config_path, &read(config_path)?)?;
    let document =
        Document::parse(&config.document, &read(&config.document)?).map_err(|e| e.to_string())?;
    let api = read(&config.api)?;
    let imported = import::import(&document, &config, &api).map_err(|e| e.to_string())?;
    let report_path = format!(
        "{}.report.md",
        config_path.strip_suffix(".yaml").unwrap_or(config_path)
    );
    let report = import::report_markdown(&imported.operations);
    Ok((config, imported.files, (report_path, report)))
}

/// The files and the reports of `config_path`'s import; with `ship`, of
/// the configurations it delegates groups to as well, assembled.
fn import_all(root: &Path, config_path: &str, ship: bool) -> Result<(Files, Files), String> {
    let (config, files, report) = import_one(root, config_path)?;
    let mut reports = vec![report];
    if !ship {
        return Ok((files, reports));
    }
    if config.ship.is_empty() {
        return Err(format!("{config_path}: `ship` names no group to write"));
    }
    let mut delegated = BTreeMap::new();
    for (group, other) in &config.groups_from {
        let (_, files, report) = import_one(root, other)?;
        if !reports.contains(&report) {
            reports.push(report);
        }
        delegated.insert(group.clone(), files);
    }
    let files = import::assemble(&config, files, &delegated)?;
    Ok((files, reports))
}
