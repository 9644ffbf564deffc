//! `cargo xtask regenerate [--check]`: writes `generated/` from `schema/`, or
//! checks that it is current.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask regenerate [--check]

  regenerate          write generated/ from schema/ and list the files that changed
  regenerate --check  write nothing; fail naming each stale file";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["regenerate"] => regenerate(false),
        ["regenerate", "--check"] => regenerate(true),
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
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

fn regenerate(check: bool) -> ExitCode {
    let root = workspace_root();
    let sync = match codegen::regenerate(&root.join("schema"), &root.join("generated"), check)
        .map_err(|error| error.in_dir("schema"))
    {
        Ok(sync) => sync,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    if check {
        if sync.is_clean() {
            println!("generated/ is current");
            return ExitCode::SUCCESS;
        }
        for path in &sync.changed {
            eprintln!("stale: generated/{path}");
        }
        for path in &sync.removed {
            eprintln!("not generated (remove it): generated/{path}");
        }
        eprintln!(
            "generated/ is out of date with schema/: run `{}`",
            codegen::REGENERATE
        );
        return ExitCode::FAILURE;
    }
    for path in &sync.changed {
        println!("wrote generated/{path}");
    }
    for path in &sync.removed {
        println!("removed generated/{path}");
    }
    if sync.is_clean() {
        println!("generated/ was already current");
    }
    ExitCode::SUCCESS
}
