//! The request-constructs fixture (tests/fixtures/schemas/requests): its crate
//! builds with warnings denied and sends exactly the expected bytes on the wire
//! (tests/fixtures/requests/wire.rs, run inside the crate against wiremock).

use std::process::Command;

use sdk_tests::root;

/// What the wire tests need besides the crate's own dependencies: versions
/// already in the project's Cargo.lock, so nothing is fetched.
const DEV_DEPENDENCIES: &str = r#"
[dev-dependencies]
tokio = { version = "1", features = ["macros", "rt-multi-thread"] }
wiremock = "0.6"
"#;

#[test]
fn request_constructs_build_cleanly_and_send_the_expected_bytes() {
    let scratch = root().join("target/request-constructs-crate");
    let _ = std::fs::remove_dir_all(&scratch);
    let files = codegen::generate_dir(&root().join("tests/fixtures/schemas/requests"))
        .unwrap_or_else(|e| panic!("requests fixture: {e}"));
    let crate_dir = scratch.join("requests");
    codegen::output::sync(&crate_dir, &files, false).expect("written");
    let manifest = crate_dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).expect("manifest");
    std::fs::write(&manifest, format!("{text}{DEV_DEPENDENCIES}")).expect("manifest");
    std::fs::create_dir_all(crate_dir.join("tests")).expect("tests dir");
    std::fs::copy(
        root().join("tests/fixtures/requests/wire.rs"),
        crate_dir.join("tests/wire.rs"),
    )
    .expect("wire tests");
    std::fs::write(
        scratch.join("Cargo.toml"),
        "[workspace]\nmembers = [\"requests\"]\nresolver = \"2\"\n",
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
            // Shared with the other fixture crates (same flags), so dependencies build once.
            .env("CARGO_TARGET_DIR", root().join("target/fixture-target"))
            .env("RUSTFLAGS", "-D warnings")
            .output()
            .expect("cargo runs");
        assert!(
            output.status.success(),
            "cargo {} on the requests crate failed:\n{}\n{}",
            args[0],
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
