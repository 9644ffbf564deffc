//! Every fixture's generated crate builds, and passes clippy, with warnings
//! denied. The real schema's crate is a workspace member and is checked by the
//! workspace's own clippy run; the fixtures are built here in a scratch workspace.

use sdk_tests::scratch::ScratchWorkspace;
use sdk_tests::{root, SCHEMA_FIXTURES};

#[test]
fn fixture_crates_compile_with_warnings_denied() {
    let mut scratch = ScratchWorkspace::new("fixture-crates");
    for (name, dir) in SCHEMA_FIXTURES
        .iter()
        .filter(|(name, _)| *name != "cloudflare")
    {
        let files = codegen::generate_dir(&root().join(dir))
            .unwrap_or_else(|e| panic!("fixture {name}: {e}"));
        codegen::output::sync(&scratch.member(name), &files, false)
            .unwrap_or_else(|e| panic!("fixture {name}: {e}"));
    }
    scratch.clippy();
}
