//! A schema is untrusted input. The hostile fixture holds names that collide
//! with the generated code's own, recursive types, integers beyond 2^53, renamed
//! paging fields and deep query objects: its crate must build with warnings
//! denied (clippy included) and behave (tests/fixtures/hostile_names/behaviour.rs,
//! run inside it). One crate for all of them, as compiling is slow.

use sdk_tests::root;
use sdk_tests::scratch::ScratchWorkspace;

#[test]
fn hostile_schema_builds_cleanly_and_behaves() {
    let mut scratch = ScratchWorkspace::new("hostile-names-crate");
    let files = codegen::generate_dir(&root().join("tests/fixtures/schemas/hostile"))
        .unwrap_or_else(|e| panic!("hostile fixture: {e}"));
    let crate_dir = scratch.member("hostile");
    codegen::output::sync(&crate_dir, &files, false).expect("written");
    scratch.add_test(
        &crate_dir,
        &root().join("tests/fixtures/hostile_names/behaviour.rs"),
        "behaviour.rs",
    );
    scratch.clippy();
    scratch.expect_success(&["test", "--quiet"]);
}
