//! Response kinds and paging on the wire, through generated code: the crates
//! of the `responses` and `no_envelope` fixture schemas are generated, given
//! the behaviour tests in tests/fixtures/response_kinds/, and tested with
//! warnings denied. Each test there runs a loopback server on 127.0.0.1.

use std::process::Command;

use sdk_tests::root;

/// Dependencies of the behaviour tests, all already in the project's lock file.
const DEV_DEPENDENCIES: &str = r#"
[dev-dependencies]
futures-util = { version = "0.3", default-features = false }
serde_json = "1"
tokio = { version = "1", features = ["io-util", "macros", "net", "rt-multi-thread", "time"] }
"#;

#[test]
fn response_kinds_work_on_the_wire() {
    let scratch = root().join("target/response-kinds-crates");
    let _ = std::fs::remove_dir_all(&scratch);
    let behaviour = root().join("tests/fixtures/response_kinds");
    for (name, tests) in [
        ("responses", "responses.rs"),
        ("no_envelope", "no_envelope.rs"),
    ] {
        let files = codegen::generate_dir(&root().join("tests/fixtures/schemas").join(name))
            .unwrap_or_else(|e| panic!("fixture {name}: {e}"));
        let crate_dir = scratch.join(name);
        codegen::output::sync(&crate_dir, &files, false).expect("written");
        let manifest = crate_dir.join("Cargo.toml");
        let text = std::fs::read_to_string(&manifest).expect("manifest");
        std::fs::write(&manifest, format!("{text}{DEV_DEPENDENCIES}")).expect("manifest");
        std::fs::create_dir_all(crate_dir.join("tests/support")).expect("tests dir");
        std::fs::copy(behaviour.join(tests), crate_dir.join("tests/behaviour.rs")).expect("tests");
        std::fs::copy(
            behaviour.join("server.rs"),
            crate_dir.join("tests/support/server.rs"),
        )
        .expect("server");
    }
    std::fs::write(
        scratch.join("Cargo.toml"),
        "[workspace]\nmembers = [\"responses\", \"no_envelope\"]\nresolver = \"2\"\n",
    )
    .expect("workspace manifest");
    // The same dependency versions as the project, and no network.
    std::fs::copy(root().join("Cargo.lock"), scratch.join("Cargo.lock")).expect("Cargo.lock");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let output = Command::new(&cargo)
        .args([
            "test",
            "--offline",
            "--workspace",
            "--test",
            "behaviour",
            "--quiet",
        ])
        .current_dir(&scratch)
        // Shared with tests/fixtures_compile.rs (same flags), so dependencies build once.
        .env("CARGO_TARGET_DIR", root().join("target/fixture-target"))
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "the response-kinds crates failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
