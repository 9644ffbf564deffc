//! The rule-constructs fixture (tests/fixtures/schemas/rules): `any_of`,
//! rules on union members, map values and `json_type` bodies. Its crate builds
//! with warnings denied and runs tests/fixtures/rules/wire.rs against wiremock.

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
fn rule_constructs_build_cleanly_and_refuse_what_breaks_them() {
    let mut scratch = ScratchWorkspace::new("rule-constructs-crate");
    let files = codegen::generate_dir(&root().join("tests/fixtures/schemas/rules"))
        .unwrap_or_else(|e| panic!("rules fixture: {e}"));
    let crate_dir = scratch.member("rules");
    codegen::output::sync(&crate_dir, &files, false).expect("written");
    scratch.add_dev_dependencies(&crate_dir, DEV_DEPENDENCIES);
    scratch.add_test(
        &crate_dir,
        &root().join("tests/fixtures/rules/wire.rs"),
        "wire.rs",
    );
    scratch.clippy();
    scratch.expect_success(&["test", "--quiet"]);
}
