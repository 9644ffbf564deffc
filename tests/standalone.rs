//! The repository stands alone: what the build, tests, benchmarks and CI read
//! is inside it, and a missing vendored file is reported with its path.

use std::path::Path;

use sdk_tests::repo_root;

/// Every file the build, tests, benchmarks, examples and CI are made of.
fn build_and_test_files() -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    // Snapshots hold generated text, not paths anything reads.
    for dir in [
        "tests", "benches", "examples", "xtask", "codegen", ".ci", ".cargo",
    ] {
        collect(&repo_root().join(dir), &mut files);
    }
    for file in [
        "build.rs",
        "Cargo.toml",
        "package.json",
        "codegen/Cargo.toml",
    ] {
        files.push(repo_root().join(file));
    }
    files.retain(|f| !f.components().any(|c| c.as_os_str() == "snapshots"));
    files
}

fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            collect(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn nothing_reads_outside_the_repository() {
    // Built from pieces so this file does not match itself.
    let outside = [["..", "/shared"].concat(), ["/wo", "rk/"].concat()];
    let mut offenders = Vec::new();
    for path in build_and_test_files() {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        for (number, line) in text.lines().enumerate() {
            if outside.iter().any(|o| line.contains(o.as_str())) {
                offenders.push(format!(
                    "{}:{}: {}",
                    path.display(),
                    number + 1,
                    line.trim()
                ));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "paths outside the repository (vendor the file under reference/):\n{}",
        offenders.join("\n")
    );
}

#[test]
fn every_vendored_file_is_described_in_the_reference_readme() {
    let readme = sdk_tests::read_reference_text("README.md");
    let mut files = Vec::new();
    collect(&repo_root().join("reference"), &mut files);
    files.retain(|f| !f.ends_with("README.md"));
    assert!(!files.is_empty(), "reference/ holds the vendored files");
    for file in files {
        let name = file
            .file_name()
            .and_then(|n| n.to_str())
            .expect("file name");
        assert!(
            readme.contains(name),
            "reference/README.md does not say where {name} came from"
        );
    }
}

#[test]
fn a_missing_reference_file_is_reported_with_its_path() {
    let panic =
        std::panic::catch_unwind(|| sdk_tests::read_reference("fixtures/no-such-page.json"))
            .expect_err("a missing file panics");
    let message = panic.downcast_ref::<String>().cloned().unwrap_or_default();
    let expected = repo_root().join("reference/fixtures/no-such-page.json");
    assert!(
        message.starts_with(&format!("{}: ", expected.display())),
        "{message}"
    );
}

/// The generator knows no endpoint: no module, type or params type name of
/// `schema/` appears in `codegen/` (its source or the runtime it copies).
#[test]
fn codegen_names_nothing_of_the_schema() {
    let api = codegen::model_dir(&repo_root().join("schema")).expect("schema models");
    let mut names = Vec::new();
    let mut pending = vec![&api.root];
    while let Some(module) = pending.pop() {
        // Module names that are plain words (`logs`) may stand in prose.
        if module.name.contains('_') {
            names.push(module.name.clone());
        }
        names.extend(module.types.iter().map(|t| t.name.clone()));
        names.extend(module.operations.iter().map(|o| o.params_type.clone()));
        pending.extend(module.children.iter());
    }
    let mut files = Vec::new();
    for dir in ["codegen/src", "codegen/runtime"] {
        collect_rs(&repo_root().join(dir), &mut files);
    }
    let mut found = Vec::new();
    for file in &files {
        let text =
            std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for name in &names {
            let whole_word = text.match_indices(name.as_str()).any(|(at, _)| {
                let before = text[..at].chars().next_back();
                let after = text[at + name.len()..].chars().next();
                let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
                !word(before) && !word(after)
            });
            if whole_word {
                found.push(format!("{}: {name}", file.display()));
            }
        }
    }
    assert!(names.len() > 10, "{names:?}");
    assert!(
        found.is_empty(),
        "schema names in codegen/:\n{}",
        found.join("\n")
    );
}

fn collect_rs(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            collect_rs(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}
