//! The types fixture (tests/fixtures/schemas/types) is built as a crate and
//! tests/fixtures/types_behaviour/behaviour.rs runs inside it: object unions
//! decode and write back, `all_of` and shared types hold their fields, formats
//! are typed or checked, and every constraint is checked by `build()`.

use std::process::Command;

use sdk_tests::root;

#[test]
fn types_fixture_decodes_encodes_and_validates() {
    let scratch = root().join("target/types-behaviour-crate");
    let _ = std::fs::remove_dir_all(&scratch);
    let files = codegen::generate_dir(&root().join("tests/fixtures/schemas/types"))
        .unwrap_or_else(|e| panic!("types fixture: {e}"));
    let crate_dir = scratch.join("types");
    codegen::output::sync(&crate_dir, &files, false).expect("written");
    std::fs::create_dir_all(crate_dir.join("tests")).expect("tests dir");
    std::fs::copy(
        root().join("tests/fixtures/types_behaviour/behaviour.rs"),
        crate_dir.join("tests/behaviour.rs"),
    )
    .expect("behaviour tests");
    std::fs::write(
        scratch.join("Cargo.toml"),
        "[workspace]\nmembers = [\"types\"]\nresolver = \"2\"\n",
    )
    .expect("workspace manifest");
    // The same dependency versions as the project, and no network.
    std::fs::copy(root().join("Cargo.lock"), scratch.join("Cargo.lock")).expect("Cargo.lock");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let output = Command::new(&cargo)
        .args(["test", "--offline", "--quiet"])
        .current_dir(&scratch)
        // Shared with tests/fixtures_compile.rs (same flags), so dependencies build once.
        .env("CARGO_TARGET_DIR", root().join("target/fixture-target"))
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo test on the types crate failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
