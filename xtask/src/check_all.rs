//! `cargo xtask check-all`: the whole Cloudflare API, imported and generated
//! into `target/check-all/`, must pass `cargo check` and `cargo clippy -D
//! warnings` with every feature on, and (with `--each-group` or `--group`)
//! with one group alone. Prints how long each step took.

use std::path::Path;
use std::process::{Command, ExitCode};
use std::time::Instant;

/// The import configuration of the whole API.
const CONFIG: &str = "import/cloudflare.yaml";

/// What to check beyond the whole crate.
pub struct Options {
    pub clippy: bool,
    pub each_group: bool,
    pub groups: Vec<String>,
}

pub fn run(root: &Path, options: &Options) -> ExitCode {
    match check_all(root, options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn check_all(root: &Path, options: &Options) -> Result<(), String> {
    let dir = root.join("target/check-all");
    let started = Instant::now();
    let (_, files, _) = crate::import::import_one(root, CONFIG)?;
    let files: Vec<codegen::GeneratedFile> = files
        .into_iter()
        .map(|(path, contents)| codegen::GeneratedFile { path, contents })
        .collect();
    codegen::output::sync(&dir.join("schema"), &files, false).map_err(|e| e.to_string())?;
    let api = codegen::model_dir(&dir.join("schema"))
        .map_err(|e| e.in_dir("target/check-all/schema").to_string())?;
    let operations = count_operations(&api.root);
    println!(
        "imported {CONFIG} into {}: {operations} operations in {:.1} s",
        dir.join("schema").display(),
        started.elapsed().as_secs_f64()
    );

    let started = Instant::now();
    let crate_dir = dir.join("generated");
    codegen::regenerate(&dir.join("schema"), &crate_dir, false)
        .map_err(|e| e.in_dir("target/check-all/schema").to_string())?;
    let lines = count_lines(&crate_dir.join("src"))?;
    println!(
        "generated {}: {lines} lines ({} a operation) in {:.1} s",
        crate_dir.display(),
        lines / operations.max(1),
        started.elapsed().as_secs_f64()
    );
    // Its own workspace (it lies inside this one's target/), with this
    // workspace's lock file so no dependency is resolved or built anew.
    let manifest = crate_dir.join("Cargo.toml");
    let text =
        std::fs::read_to_string(&manifest).map_err(|e| format!("{}: {e}", manifest.display()))?;
    if !text.contains("\n[workspace]\n") {
        std::fs::write(&manifest, format!("{text}\n[workspace]\n"))
            .map_err(|e| format!("{}: {e}", manifest.display()))?;
    }
    std::fs::copy(root.join("Cargo.lock"), crate_dir.join("Cargo.lock"))
        .map_err(|e| format!("Cargo.lock: {e}"))?;

    let groups = group_features(&text);
    for group in &options.groups {
        if !groups.contains(group) {
            return Err(format!("`{group}` is not a group feature of the whole API"));
        }
    }
    // Shares the workspace's target directory (or CARGO_TARGET_DIR): the
    // dependencies are built once for both.
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let cargo = |args: &[&str]| -> Result<(), String> {
        let started = Instant::now();
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let status = Command::new(cargo)
            .args(args)
            .current_dir(&crate_dir)
            .env("CARGO_TARGET_DIR", &target)
            // A one-shot build, as cargo builds a dependency: incremental
            // state would only add to rustc's peak (4.1 GB instead of 3.8).
            .env("CARGO_INCREMENTAL", "0")
            .status()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        println!(
            "cargo {}: {:.1} s",
            args.join(" "),
            started.elapsed().as_secs_f64()
        );
        if status.success() {
            Ok(())
        } else {
            Err(format!("cargo {} failed ({status})", args.join(" ")))
        }
    };
    cargo(&["check", "--all-features"])?;
    if options.clippy {
        cargo(&["clippy", "--all-features", "--", "-D", "warnings"])?;
    }
    let alone: Vec<&String> = if options.each_group {
        groups.iter().collect()
    } else {
        options.groups.iter().collect()
    };
    for group in alone {
        let features = format!("rustls,{group}");
        if options.clippy {
            cargo(&[
                "clippy",
                "--no-default-features",
                "--features",
                &features,
                "--",
                "-D",
                "warnings",
            ])?;
        } else {
            cargo(&["check", "--no-default-features", "--features", &features])?;
        }
    }
    println!("target/check-all/ holds the schema and crate; remove it when done");
    Ok(())
}

/// The group features of a generated manifest: the entries after the
/// `# API groups` comment of `[features]`.
fn group_features(manifest: &str) -> Vec<String> {
    manifest
        .split_once("# API groups")
        .map(|(_, rest)| rest)
        .unwrap_or_default()
        .lines()
        .take_while(|line| !line.starts_with('['))
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.split_once(" = ").map(|(name, _)| name.to_string()))
        .collect()
}

fn count_operations(module: &codegen::model::Module) -> usize {
    module.operations.len() + module.children.iter().map(count_operations).sum::<usize>()
}

fn count_lines(dir: &Path) -> Result<usize, String> {
    let mut lines = 0;
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            lines += count_lines(&path)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            lines += std::fs::read_to_string(&path)
                .map_err(|e| format!("{}: {e}", path.display()))?
                .lines()
                .count();
        }
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_features_are_read_from_the_generated_manifest() {
        let manifest = "[features]\ndefault = [\"rustls\", \"a\"]\nrustls = []\n# API groups: each …\n# and …\na = []\nb-c = [\"a\"]\n\n[dependencies]\nx = \"1\"\n";
        assert_eq!(group_features(manifest), ["a", "b-c"]);
        assert!(group_features("[features]\nrustls = []\n").is_empty());
    }
}
