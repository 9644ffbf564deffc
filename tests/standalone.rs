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
