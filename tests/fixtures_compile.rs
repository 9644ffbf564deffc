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

/// A shared type that one group's requests check and another group only
/// reads: the reading group alone compiles with warnings denied (its
/// `validate` goes unused there).
#[test]
fn a_group_that_only_reads_a_checked_shared_type_compiles_alone() {
    let api = std::fs::read_to_string(root().join("tests/fixtures/schemas/minimal/api.yaml"))
        .expect("minimal api.yaml")
        .replace("crate_name: minimal-sdk", "crate_name: shared-checks-sdk")
        + "groups:\n  writes: {doc: Writes.}\n  reads: {doc: Reads.}\n  shared: {doc: Shared types.}\n";
    let texts = vec![
        ("api.yaml".to_string(), api),
        (
            "shared/common.yaml".to_string(),
            "doc: Shared types.\ntypes:\n  Label:\n    doc: A label.\n    object:\n      name: {type: string, required: true, max_length: 8, doc: Its name.}\n"
                .to_string(),
        ),
        (
            "writes/labels.yaml".to_string(),
            "doc: Labels written.\noperations:\n  create:\n    doc: Creates a label.\n    method: POST\n    path: labels\n    params_type: LabelCreateParams\n    body:\n      json_type: shared.common.Label\n      required: true\n    response:\n      result: shared.common.Label\n"
                .to_string(),
        ),
        (
            "reads/labels.yaml".to_string(),
            "doc: Labels read.\noperations:\n  get:\n    doc: Gets a label.\n    method: GET\n    path: label\n    params_type: LabelGetParams\n    response:\n      result: shared.common.Label\n"
                .to_string(),
        ),
    ];
    let files = codegen::generate_texts(texts).expect("generates");
    let mut scratch = ScratchWorkspace::new("fixture-shared-checks");
    codegen::output::sync(&scratch.member("shared_checks"), &files, false).expect("written");
    for features in ["rustls,reads", "rustls,writes", "rustls,reads,writes"] {
        scratch.expect_success(&[
            "clippy",
            "--package",
            "shared-checks-sdk",
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
