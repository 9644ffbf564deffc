//! Every fixture's generated crate builds, and passes clippy, with warnings
//! denied. The real schema's crate is a workspace member and is checked by the
//! workspace's own clippy run; the fixtures are built here in a scratch workspace.

use std::process::Command;

use sdk_tests::{root, SCHEMA_FIXTURES};

#[test]
fn fixture_crates_compile_with_warnings_denied() {
    let scratch = root().join("target/fixture-crates");
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).expect("scratch dir");
    let mut members = Vec::new();
    for (name, dir) in SCHEMA_FIXTURES
        .iter()
        .filter(|(name, _)| *name != "cloudflare")
    {
        let files = codegen::generate_dir(&root().join(dir))
            .unwrap_or_else(|e| panic!("fixture {name}: {e}"));
        codegen::output::sync(&scratch.join(name), &files, false)
            .unwrap_or_else(|e| panic!("fixture {name}: {e}"));
        members.push(format!("\"{name}\""));
    }
    let manifest = format!(
        "[workspace]\nmembers = [{}]\nresolver = \"2\"\n",
        members.join(", ")
    );
    std::fs::write(scratch.join("Cargo.toml"), manifest).expect("workspace manifest");
    // The same dependency versions as the project, and no network.
    std::fs::copy(root().join("Cargo.lock"), scratch.join("Cargo.lock")).expect("Cargo.lock");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let output = Command::new(cargo)
        .args([
            "clippy",
            "--offline",
            "--workspace",
            "--quiet",
            "--",
            "-D",
            "warnings",
        ])
        .current_dir(&scratch)
        .env("CARGO_TARGET_DIR", root().join("target/fixture-target"))
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "fixture crates do not build cleanly:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
