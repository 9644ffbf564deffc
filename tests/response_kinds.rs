//! Response kinds and paging on the wire, through generated code: the crates
//! of the `responses` and `no_envelope` fixture schemas are generated, given
//! the behaviour tests in tests/fixtures/response_kinds/, and tested with
//! warnings denied. Each test there runs a loopback server on 127.0.0.1.

use sdk_tests::root;
use sdk_tests::scratch::ScratchWorkspace;

/// Dependencies of the behaviour tests, all already in the project's lock file.
const DEV_DEPENDENCIES: &str = r#"
[dev-dependencies]
futures-util = { version = "0.3", default-features = false }
serde_json = "1"
tokio = { version = "1", features = ["io-util", "macros", "net", "rt-multi-thread", "time"] }
"#;

#[test]
fn response_kinds_work_on_the_wire() {
    let mut scratch = ScratchWorkspace::new("response-kinds-crates");
    let behaviour = root().join("tests/fixtures/response_kinds");
    for (name, tests) in [
        ("responses", "responses.rs"),
        ("no_envelope", "no_envelope.rs"),
    ] {
        let files = codegen::generate_dir(&root().join("tests/fixtures/schemas").join(name))
            .unwrap_or_else(|e| panic!("fixture {name}: {e}"));
        let crate_dir = scratch.member(name);
        codegen::output::sync(&crate_dir, &files, false).expect("written");
        scratch.add_dev_dependencies(&crate_dir, DEV_DEPENDENCIES);
        scratch.add_test(&crate_dir, &behaviour.join(tests), "behaviour.rs");
        scratch.add_test(
            &crate_dir,
            &behaviour.join("server.rs"),
            "support/server.rs",
        );
    }
    scratch.expect_success(&["test", "--workspace", "--test", "behaviour", "--quiet"]);
}
