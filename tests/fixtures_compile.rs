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

/// Each group is a feature that compiles alone, with the groups whose types it
/// names turned on by it, and the crate compiles with no group at all.
#[test]
fn each_group_of_a_fixture_compiles_alone_with_warnings_denied() {
    let mut scratch = ScratchWorkspace::new("fixture-groups");
    let files = codegen::generate_dir(&root().join("tests/fixtures/schemas/types"))
        .expect("the types fixture generates");
    let manifest = &files
        .iter()
        .find(|f| f.path == "Cargo.toml")
        .expect("a manifest")
        .contents;
    // `zoo.yaml` names `shared.common` types and `shared/common.yaml` names
    // `zoo.Thread`: each turns the other on (cargo allows the cycle).
    assert!(
        manifest.contains("\nshared = [\"zoo\"]\nzoo = [\"shared\"]\n"),
        "{manifest}"
    );
    codegen::output::sync(&scratch.member("types"), &files, false).expect("written");
    for features in ["rustls", "rustls,shared", "rustls,zoo"] {
        scratch.expect_success(&[
            "clippy",
            "--package",
            "types-sdk",
            "--no-default-features",
            "--features",
            features,
            "--quiet",
            "--",
            "-D",
            "warnings",
        ]);
    }
}
