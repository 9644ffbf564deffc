//! The request-constructs fixture (tests/fixtures/schemas/requests): its crate
//! builds with warnings denied and sends exactly the expected bytes on the wire
//! (tests/fixtures/requests/wire.rs, run inside the crate against wiremock).

use sdk_tests::root;
use sdk_tests::scratch::ScratchWorkspace;

/// What the wire tests need besides the crate's own dependencies: versions
/// already in the project's Cargo.lock, so nothing is fetched.
const DEV_DEPENDENCIES: &str = r#"
[dev-dependencies]
tokio = { version = "1", features = ["macros", "rt-multi-thread"] }
wiremock = "0.6"
"#;

#[test]
fn request_constructs_build_cleanly_and_send_the_expected_bytes() {
    let mut scratch = ScratchWorkspace::new("request-constructs-crate");
    let files = codegen::generate_dir(&root().join("tests/fixtures/schemas/requests"))
        .unwrap_or_else(|e| panic!("requests fixture: {e}"));
    let crate_dir = scratch.member("requests");
    codegen::output::sync(&crate_dir, &files, false).expect("written");
    scratch.add_dev_dependencies(&crate_dir, DEV_DEPENDENCIES);
    scratch.add_test(
        &crate_dir,
        &root().join("tests/fixtures/requests/wire.rs"),
        "wire.rs",
    );
    scratch.add_test(
        &crate_dir,
        &root().join("tests/fixtures/requests/parts.rs"),
        "parts.rs",
    );
    scratch.clippy();
    scratch.expect_success(&["test", "--quiet"]);
}
