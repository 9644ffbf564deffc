//! The maintainer's loop: `generated/` is current, regenerating is idempotent,
//! and check mode names every stale file without writing.

use std::path::Path;

use sdk_tests::root;

/// A copy of `schema/` and `generated/` in a temporary directory.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("readable") {
        let path = entry.expect("entry").path();
        let target = to.join(path.file_name().expect("name"));
        if path.is_dir() {
            copy_tree(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy");
        }
    }
}

#[test]
fn generated_is_current() {
    let sync = codegen::regenerate(&root().join("schema"), &root().join("generated"), true)
        .expect("schema generates");
    assert!(
        sync.is_clean(),
        "generated/ is stale ({sync:?}): run `{}`",
        codegen::REGENERATE
    );
}

#[test]
fn check_names_each_stale_file_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (schema, out) = (dir.path().join("schema"), dir.path().join("generated"));
    copy_tree(&root().join("schema"), &schema);
    copy_tree(&root().join("generated"), &out);
    assert!(codegen::regenerate(&schema, &out, true)
        .expect("generates")
        .is_clean());

    // An edit to the schema makes its module stale, and only it: no line of
    // generated/ changes with every schema edit, so schema PRs that touch
    // different resources do not conflict.
    let logs = schema.join("ai_gateway/logs.yaml");
    let text = std::fs::read_to_string(&logs).expect("read");
    std::fs::write(
        &logs,
        text.replacen(
            "doc: The request's cost, in US dollars.",
            "doc: The cost.",
            1,
        ),
    )
    .expect("write");
    let before = std::fs::read_to_string(out.join("src/ai_gateway/logs.rs")).expect("read");
    let sync = codegen::regenerate(&schema, &out, true).expect("generates");
    assert_eq!(sync.changed, vec!["src/ai_gateway/logs.rs".to_string()]);
    assert_eq!(
        std::fs::read_to_string(out.join("src/ai_gateway/logs.rs")).expect("read"),
        before,
        "check mode wrote"
    );

    // Regenerating fixes it, and a second run changes nothing.
    let sync = codegen::regenerate(&schema, &out, false).expect("generates");
    assert_eq!(sync.changed.len(), 1);
    assert!(codegen::regenerate(&schema, &out, false)
        .expect("generates")
        .is_clean());

    // A hand edit of generated code, and a stray file, are both named.
    let client = out.join("src/client.rs");
    let text = std::fs::read_to_string(&client).expect("read");
    std::fs::write(&client, format!("{text}// hand edit\n")).expect("write");
    std::fs::write(out.join("src/stray.rs"), "").expect("write");
    let sync = codegen::regenerate(&schema, &out, true).expect("generates");
    assert_eq!(sync.changed, vec!["src/client.rs".to_string()]);
    assert_eq!(sync.removed, vec!["src/stray.rs".to_string()]);
}

#[test]
fn xtask_check_fails_naming_the_file_and_the_command() {
    // The real binary, against a stale copy: exit code and message.
    let dir = tempfile::tempdir().expect("tempdir");
    copy_tree(&root().join("schema"), &dir.path().join("schema"));
    copy_tree(&root().join("generated"), &dir.path().join("generated"));
    std::fs::write(dir.path().join("generated/src/client.rs"), "// stale\n").expect("write");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let output = std::process::Command::new(cargo)
        .args([
            "run",
            "--quiet",
            "--package",
            "xtask",
            "--",
            "regenerate",
            "--check",
        ])
        .current_dir(root())
        .env("XTASK_ROOT", dir.path())
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !output.status.success(),
        "check passed on a stale tree: {stderr}"
    );
    assert!(
        stderr.contains("stale: generated/src/client.rs"),
        "{stderr}"
    );
    assert!(stderr.contains("run `cargo xtask regenerate`"), "{stderr}");
}

/// `cargo xtask ARGS` with `XTASK_ROOT` at `root`; panics naming stderr on failure.
fn xtask_at(root: &Path, args: &[&str]) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let output = std::process::Command::new(cargo)
        .args(["run", "--quiet", "--package", "xtask", "--"])
        .args(args)
        .current_dir(sdk_tests::root())
        .env("XTASK_ROOT", root)
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "xtask {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn xtask_generates_from_any_schema_into_any_directory() {
    // What the whole-API measurements use: schema/ and generated/ untouched.
    let dir = tempfile::tempdir().expect("tempdir");
    copy_tree(&root().join("schema"), &dir.path().join("other"));
    xtask_at(
        dir.path(),
        &["regenerate", "--schema", "other", "--out", "crate"],
    );
    assert!(!dir.path().join("generated").exists());
    let sync = codegen::regenerate(&root().join("schema"), &dir.path().join("crate"), true)
        .expect("generates");
    assert!(sync.is_clean(), "{sync:?}");
}

#[test]
fn import_then_generate_in_one_run_gives_what_generating_from_the_written_schema_gives() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = "import/ai-gateway.yaml";
    let parsed = codegen::import::ImportConfig::parse(
        config,
        &std::fs::read_to_string(root().join(config)).expect("config"),
    )
    .expect("config reads");
    for file in [config, parsed.document.as_str(), parsed.api.as_str()] {
        let to = dir.path().join(file);
        std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
        std::fs::copy(root().join(file), to).expect("copy");
    }
    xtask_at(
        dir.path(),
        &[
            "import",
            "--config",
            config,
            "--out",
            "imported",
            "--generate",
            "crate",
        ],
    );
    let sync = codegen::regenerate(
        &dir.path().join("imported"),
        &dir.path().join("crate"),
        true,
    )
    .expect("the imported schema generates");
    assert!(sync.is_clean(), "{sync:?}");
    assert!(dir.path().join("crate/src/lib.rs").exists());
}
