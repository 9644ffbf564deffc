//! `cargo xtask regenerate [--check]`: writes `generated/` from `schema/`, or
//! checks that it is current; `cargo xtask changes <rev>`: what the schema
//! change since `rev` does to users, and whether the version allows it;
//! `cargo xtask accept-snapshots`: accepts every changed insta snapshot in one run.

mod check_all;
mod git;
mod import;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use codegen::changes::{self, report::Report, version};

const USAGE: &str = "usage: cargo xtask regenerate [--schema DIR] [--out DIR] [--check]
       cargo xtask changes <rev> [--markdown | --json] [--check-version]
       cargo xtask accept-snapshots
       cargo xtask import [--config FILE] [--out DIR] [--check | --generate DIR]
       cargo xtask check-all [--no-clippy] [--each-group | --group FEATURE...]

  regenerate          write generated/ from schema/, list the files that changed,
                      and report the changes for users since HEAD
    --schema DIR      read another schema folder (no change report)
    --out DIR         write another folder
  regenerate --check  write nothing; fail naming each stale file
  changes <rev>       the changes for users from schema/ at <rev> to schema/ now
    --markdown        as a Markdown section for a pull request
    --json            as JSON for tools
    --check-version   fail when a breaking change has no matching bump of sdk.version
  accept-snapshots    run the snapshot tests accepting every change, remove
                      unreferenced and pending snapshots; review with git diff
  import              write schema/ from import/cloudflare.yaml: the groups its
                      `ship` line names, each from the configuration that owns
                      it (`groups_from`); and each configuration's report beside it
    --config FILE     import every operation FILE takes instead (to --out DIR)
    --check           write nothing; fail when the import would change a file
    --generate DIR    then generate the crate from the imported schema into DIR,
                      in the same run (the schema is not read back from disk)
  check-all           import Cloudflare's whole description into target/check-all/,
                      generate the crate there, `cargo check` and `cargo clippy
                      -D warnings` it with every feature; print each step's time
    --no-clippy       only `cargo check`
    --each-group      also each group's feature alone (82 groups)
    --group FEATURE   also this group alone (repeatable)";

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// How `changes` prints its report.
#[derive(Clone, Copy)]
enum Format {
    Text,
    Markdown,
    Json,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["regenerate", flags @ ..] => {
            let (mut schema, mut out, mut check) = ("schema", "generated", false);
            let mut flags = flags.iter();
            while let Some(flag) = flags.next() {
                match (*flag, flags.clone().next()) {
                    ("--schema", Some(value)) => {
                        schema = value;
                        flags.next();
                    }
                    ("--out", Some(value)) => {
                        out = value;
                        flags.next();
                    }
                    ("--check", _) => check = true,
                    _ => return usage(),
                }
            }
            regenerate(schema, out, check)
        }
        ["accept-snapshots"] => accept_snapshots(),
        ["import", flags @ ..] => {
            let (mut config, mut out, mut check) = (import::SHIPPED, "schema", false);
            let mut ship = true;
            let mut generate = None;
            let mut flags = flags.iter();
            while let Some(flag) = flags.next() {
                match (*flag, flags.clone().next()) {
                    ("--config", Some(value)) => {
                        config = value;
                        ship = false;
                        flags.next();
                    }
                    ("--generate", Some(value)) => {
                        generate = Some(*value);
                        flags.next();
                    }
                    ("--out", Some(value)) => {
                        out = value;
                        flags.next();
                    }
                    ("--check", _) => check = true,
                    _ => return usage(),
                }
            }
            if check && generate.is_some() {
                return usage();
            }
            import::run(&workspace_root(), config, out, ship, check, generate)
        }
        ["check-all", flags @ ..] => {
            let mut options = check_all::Options {
                clippy: true,
                each_group: false,
                groups: Vec::new(),
            };
            let mut flags = flags.iter();
            while let Some(flag) = flags.next() {
                match *flag {
                    "--no-clippy" => options.clippy = false,
                    "--each-group" => options.each_group = true,
                    "--group" => match flags.next() {
                        Some(group) => options.groups.push(group.to_string()),
                        None => return usage(),
                    },
                    _ => return usage(),
                }
            }
            check_all::run(&workspace_root(), &options)
        }
        ["changes", rev, flags @ ..] if !rev.starts_with('-') => {
            let mut format = Format::Text;
            let mut check_version = false;
            for flag in flags {
                match *flag {
                    "--markdown" => format = Format::Markdown,
                    "--json" => format = Format::Json,
                    "--check-version" => check_version = true,
                    _ => return usage(),
                }
            }
            changes_since(rev, format, check_version)
        }
        _ => usage(),
    }
}

fn usage() -> ExitCode {
    eprintln!("{USAGE}");
    ExitCode::from(2)
}

/// Old and new models: `schema/` at `rev` and `schema/` on disk.
fn models(root: &Path, rev: &str) -> Result<(codegen::model::Api, codegen::model::Api), String> {
    let texts = git::schema_at(root, rev)?;
    let old = codegen::model_texts(texts)
        .map_err(|e| format!("the schema at {rev} does not load with this generator:\n{e}"))?;
    let new =
        codegen::model_dir(&root.join("schema")).map_err(|e| format!("{}", e.in_dir("schema")))?;
    Ok((old, new))
}

fn changes_since(rev: &str, format: Format, check_version: bool) -> ExitCode {
    let (old, new) = match models(&workspace_root(), rev) {
        Ok(models) => models,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    let list = changes::compare(&old, &new);
    let verdict = version::check(&old.version, &new.version, &list);
    let report = Report {
        base: rev,
        changes: &list,
        version: &verdict,
    };
    match format {
        Format::Text => print!("{}", report.text()),
        Format::Markdown => print!("{}", report.markdown()),
        Format::Json => println!("{}", report.json()),
    }
    if check_version && !verdict.ok {
        eprintln!("error: {}", verdict.message);
        for change in list
            .iter()
            .filter(|c| c.severity == changes::Severity::Breaking)
        {
            eprintln!("  {}", changes::report::text_line(change));
        }
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// After writing: what the schema change since the last commit does to users.
/// A report that cannot be made is a note, never a failed regeneration.
fn report_since_head(root: &Path) {
    const BASE: &str = "HEAD";
    match models(root, BASE) {
        Ok((old, new)) => {
            let list = changes::compare(&old, &new);
            let verdict = version::check(&old.version, &new.version, &list);
            let report = Report {
                base: BASE,
                changes: &list,
                version: &verdict,
            };
            print!("\n{}", report.text());
        }
        Err(error) => println!("\nno change report: {error}"),
    }
}

/// `XTASK_ROOT` overrides the workspace root so tests can point the real
/// binary at a copy.
fn workspace_root() -> PathBuf {
    if let Some(root) = std::env::var_os("XTASK_ROOT") {
        return PathBuf::from(root);
    }
    // xtask lives one level below the workspace root.
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

fn regenerate(schema: &str, out: &str, check: bool) -> ExitCode {
    let root = workspace_root();
    let sync = match codegen::regenerate(&root.join(schema), &root.join(out), check)
        .map_err(|error| error.in_dir(schema))
    {
        Ok(sync) => sync,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    if check {
        if sync.is_clean() {
            println!("{out}/ is current");
            return ExitCode::SUCCESS;
        }
        for path in &sync.changed {
            eprintln!("stale: {out}/{path}");
        }
        for path in &sync.removed {
            eprintln!("not generated (remove it): {out}/{path}");
        }
        eprintln!(
            "{out}/ is out of date with {schema}/: run `{}`",
            codegen::REGENERATE
        );
        return ExitCode::FAILURE;
    }
    for path in &sync.changed {
        println!("wrote {out}/{path}");
    }
    for path in &sync.removed {
        println!("removed {out}/{path}");
    }
    if sync.is_clean() {
        println!("{out}/ was already current");
    }
    // The change report compares with schema/ at HEAD: only about schema/.
    if schema == "schema" {
        report_since_head(&root);
    }
    ExitCode::SUCCESS
}

/// Runs every test that asserts snapshots with `INSTA_UPDATE=always`, so each
/// changed snapshot is written in place and the run passes.
fn accept_snapshots() -> ExitCode {
    let root = workspace_root();
    let tests = match snapshot_tests(&root.join("tests")) {
        Ok(tests) => tests,
        Err(error) => {
            eprintln!("error: {}: {error}", root.join("tests").display());
            return ExitCode::FAILURE;
        }
    };
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args(accept_args(&tests))
        .current_dir(&root)
        .env("INSTA_UPDATE", "always")
        .status();
    match status {
        Ok(status) if status.success() => {}
        Ok(status) => {
            eprintln!(
                "error: the snapshot tests failed ({status}) for a reason other than a snapshot"
            );
            return ExitCode::FAILURE;
        }
        Err(error) => {
            eprintln!("error: cannot run cargo: {error}");
            return ExitCode::FAILURE;
        }
    }
    // A change accepted in place leaves no pending file to review later.
    let snapshots = root.join("tests/snapshots");
    for entry in std::fs::read_dir(&snapshots)
        .into_iter()
        .flatten()
        .flatten()
    {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".snap.new") || name.ends_with(".pending-snap") {
            match std::fs::remove_file(&path) {
                Ok(()) => println!("removed pending {}", path.display()),
                Err(error) => eprintln!("warning: {}: {error}", path.display()),
            }
        }
    }
    println!("every snapshot accepted: review with `git diff -- tests/snapshots` and commit it");
    ExitCode::SUCCESS
}

/// The integration tests (`tests/NAME.rs`) that assert insta snapshots, sorted.
fn snapshot_tests(tests: &Path) -> std::io::Result<Vec<String>> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(tests)? {
        let path = entry?.path();
        let Some(name) = path.file_stem().and_then(|n| n.to_str()) else {
            continue;
        };
        if path.extension().is_some_and(|e| e == "rs")
            && std::fs::read_to_string(&path)?.contains("insta::assert_")
        {
            names.push(name.to_string());
        }
    }
    names.sort();
    Ok(names)
}

/// `cargo test --workspace --test A --test B`: with `--workspace`, features
/// resolve as for the README's `cargo test --workspace`, so nothing is
/// rebuilt just to accept snapshots.
fn accept_args(tests: &[String]) -> Vec<String> {
    let mut args = vec!["test".to_string(), "--workspace".to_string()];
    for test in tests {
        args.push("--test".to_string());
        args.push(test.clone());
    }
    args
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_snapshot_tests_are_found_in_tests() {
        let tests = snapshot_tests(&workspace_root().join("tests")).expect("tests/");
        for expected in ["codegen_snapshots", "query_snapshots"] {
            assert!(
                tests.iter().any(|t| t == expected),
                "{expected} in {tests:?}"
            );
        }
        assert!(!tests.iter().any(|t| t == "roundtrip"), "{tests:?}");
    }

    #[test]
    fn accepting_builds_with_the_workspace_feature_set() {
        assert_eq!(
            accept_args(&["a".to_string(), "b".to_string()]),
            ["test", "--workspace", "--test", "a", "--test", "b"]
        );
    }
}
