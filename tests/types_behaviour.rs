//! The types fixture (tests/fixtures/schemas/types) is built as a crate and
//! tests/fixtures/types_behaviour/behaviour.rs runs inside it: object unions
//! decode and write back, `all_of` and shared types hold their fields, formats
//! are typed or checked, and every constraint is checked by `build()`.

use sdk_tests::root;
use sdk_tests::scratch::ScratchWorkspace;

#[test]
fn types_fixture_decodes_encodes_and_validates() {
    let mut scratch = ScratchWorkspace::new("types-behaviour-crate");
    let files = codegen::generate_dir(&root().join("tests/fixtures/schemas/types"))
        .unwrap_or_else(|e| panic!("types fixture: {e}"));
    let crate_dir = scratch.member("types");
    codegen::output::sync(&crate_dir, &files, false).expect("written");
    scratch.add_test(
        &crate_dir,
        &root().join("tests/fixtures/types_behaviour/behaviour.rs"),
        "behaviour.rs",
    );
    scratch.expect_success(&["test", "--quiet"]);
}
