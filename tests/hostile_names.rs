//! A schema is untrusted input. The hostile fixture holds names that collide
//! with the generated code's own, recursive types, integers beyond 2^53, renamed
//! paging fields and deep query objects: its crate must build with warnings
//! denied (clippy included) and behave (tests/fixtures/hostile_names/behaviour.rs,
//! run inside it). One crate for all of them, as compiling is slow.

use std::process::Command;

use sdk_tests::root;

#[test]
fn hostile_schema_builds_cleanly_and_behaves() {
    let scratch = root().join("target/hostile-names-crate");
    let _ = std::fs::remove_dir_all(&scratch);
    let files = codegen::generate_dir(&root().join("tests/fixtures/schemas/hostile"))
        .unwrap_or_else(|e| panic!("hostile fixture: {e}"));
    let crate_dir = scratch.join("hostile");
    codegen::output::sync(&crate_dir, &files, false).expect("written");
    std::fs::create_dir_all(crate_dir.join("tests")).expect("tests dir");
    std::fs::copy(
        root().join("tests/fixtures/hostile_names/behaviour.rs"),
        crate_dir.join("tests/behaviour.rs"),
    )
    .expect("behaviour tests");
    std::fs::write(
        scratch.join("Cargo.toml"),
        "[workspace]\nmembers = [\"hostile\"]\nresolver = \"2\"\n",
    )
    .expect("workspace manifest");
    // The same dependency versions as the project, and no network.
    std::fs::copy(root().join("Cargo.lock"), scratch.join("Cargo.lock")).expect("Cargo.lock");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    for args in [
        &[
            "clippy",
            "--offline",
            "--all-targets",
            "--quiet",
            "--",
            "-D",
            "warnings",
        ][..],
        &["test", "--offline", "--quiet"][..],
    ] {
        let output = Command::new(&cargo)
            .args(args)
            .current_dir(&scratch)
            // Shared with tests/fixtures_compile.rs (same flags), so dependencies build once.
            .env("CARGO_TARGET_DIR", root().join("target/fixture-target"))
            .env("RUSTFLAGS", "-D warnings")
            .output()
            .expect("cargo runs");
        assert!(
            output.status.success(),
            "cargo {} on the hostile crate failed:\n{}\n{}",
            args[0],
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
