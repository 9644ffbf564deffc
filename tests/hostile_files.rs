//! The generator and the file system: no link is followed out of `schema/`
//! or through `generated/`, no file outside `generated/` is written or
//! removed, names that cannot be written safely are refused, and large
//! inputs are refused or handled in bounded time.

#![cfg(unix)]

use std::os::unix::fs::symlink;
use std::path::Path;
use std::time::{Duration, Instant};

use sdk_tests::root;

const MINIMAL: &str = "tests/fixtures/schemas/minimal";

/// A temporary folder with `schema/` (the minimal fixture) and `generated/`.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let schema = dir.path().join("schema");
    std::fs::create_dir(&schema).expect("mkdir");
    for file in ["api.yaml", "status.yaml"] {
        std::fs::copy(root().join(MINIMAL).join(file), schema.join(file)).expect("copy");
    }
    codegen::regenerate(&schema, &dir.path().join("generated"), false).expect("generates");
    dir
}

fn regenerate(dir: &Path) -> Result<codegen::Sync, codegen::Error> {
    codegen::regenerate(&dir.join("schema"), &dir.join("generated"), false)
}

#[test]
fn a_link_in_generated_is_refused_and_its_target_kept() {
    let dir = workspace();
    let outside = dir.path().join("precious");
    std::fs::create_dir(&outside).expect("mkdir");
    std::fs::write(outside.join("keep.txt"), "keep").expect("write");
    std::fs::write(dir.path().join("keep.rs"), "keep").expect("write");
    // A linked directory and a linked file, neither of which generation makes.
    symlink(&outside, dir.path().join("generated/src/linked")).expect("symlink");
    symlink(
        dir.path().join("keep.rs"),
        dir.path().join("generated/src/old.rs"),
    )
    .expect("symlink");

    for check in [true, false] {
        let error = codegen::regenerate(
            &dir.path().join("schema"),
            &dir.path().join("generated"),
            check,
        )
        .expect_err("a link is refused");
        assert!(error.to_string().contains("is a symbolic link"), "{error}");
    }
    assert_eq!(
        std::fs::read_to_string(outside.join("keep.txt")).unwrap(),
        "keep"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("keep.rs")).unwrap(),
        "keep"
    );
}

#[test]
fn a_generated_file_that_is_a_link_is_not_written_through() {
    let dir = workspace();
    let target = dir.path().join("outside.rs");
    std::fs::write(&target, "outside").expect("write");
    let client = dir.path().join("generated/src/client.rs");
    std::fs::remove_file(&client).expect("rm");
    symlink(&target, &client).expect("symlink");
    let error = regenerate(dir.path()).expect_err("refused");
    assert!(error.to_string().contains("client.rs"), "{error}");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "outside");
}

#[test]
fn generated_itself_as_a_link_is_refused() {
    let dir = workspace();
    let elsewhere = dir.path().join("elsewhere");
    std::fs::rename(dir.path().join("generated"), &elsewhere).expect("mv");
    std::fs::write(elsewhere.join("mine.txt"), "mine").expect("write");
    symlink(&elsewhere, dir.path().join("generated")).expect("symlink");
    regenerate(dir.path()).expect_err("refused");
    assert_eq!(
        std::fs::read_to_string(elsewhere.join("mine.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn a_link_out_of_schema_is_refused_without_reading_it() {
    let dir = workspace();
    let secret = dir.path().join("secret.yaml");
    std::fs::write(&secret, "doc: TOP-SECRET-CONTENT\nnot: [valid").expect("write");
    symlink(&secret, dir.path().join("schema/leak.yaml")).expect("symlink");
    let error = regenerate(dir.path()).expect_err("refused").to_string();
    assert!(error.contains("leak.yaml"), "{error}");
    assert!(error.contains("outside the schema directory"), "{error}");
    assert!(!error.contains("TOP-SECRET"), "{error}");
}

#[test]
fn a_link_loop_in_schema_ends() {
    let dir = workspace();
    let group = dir.path().join("schema/group");
    std::fs::create_dir(&group).expect("mkdir");
    symlink(&group, group.join("again")).expect("symlink");
    symlink(
        dir.path().join("schema/nowhere"),
        dir.path().join("schema/dangling.yaml"),
    )
    .expect("symlink");
    let started = Instant::now();
    let error = regenerate(dir.path()).expect_err("refused").to_string();
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(error.contains("dangling.yaml"), "{error}");
    assert!(error.contains("broken or looping"), "{error}");
}

#[test]
fn a_link_inside_schema_is_followed() {
    let dir = workspace();
    let schema = dir.path().join("schema");
    let before = std::fs::read_to_string(dir.path().join("generated/src/status.rs")).unwrap();
    // Only `*.yaml` files are read: the link is what makes this one part of the schema.
    std::fs::rename(schema.join("status.yaml"), schema.join("status.yaml.orig")).expect("mv");
    symlink(schema.join("status.yaml.orig"), schema.join("status.yaml")).expect("symlink");
    let sync = regenerate(dir.path()).expect("a link inside schema/ is read");
    assert!(sync.is_clean(), "{sync:?}");
    let after = std::fs::read_to_string(dir.path().join("generated/src/status.rs")).unwrap();
    assert_eq!(before, after);
}

#[test]
fn unsafe_file_names_on_disk_are_refused() {
    for name in ["x\n#![no_std]\n.yaml", "-rf.yaml", "a b.yaml", "ü.yaml"] {
        let dir = workspace();
        std::fs::copy(
            dir.path().join("schema/status.yaml"),
            dir.path().join("schema").join(name),
        )
        .expect("copy");
        let error = regenerate(dir.path()).expect_err(name).to_string();
        assert!(error.contains("may only use a-z"), "{name}: {error}");
        assert!(
            !error.contains('\n'),
            "{name}: the message is one line: {error}"
        );
    }
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_reading() {
    let dir = workspace();
    let big = dir.path().join("schema/big.yaml");
    // 10 MB of one long comment.
    let mut text = String::from("doc: big\n#");
    text.push_str(&"x".repeat(10_000_000));
    std::fs::write(&big, text).expect("write");
    let started = Instant::now();
    let error = regenerate(dir.path()).expect_err("refused").to_string();
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert!(
        error.contains("big.yaml") && error.contains("too large"),
        "{error}"
    );
}

#[test]
fn a_200000_value_enum_is_refused_quickly() {
    let dir = workspace();
    let mut text = String::from("doc: Big.\ntypes:\n  Big:\n    doc: Big.\n    string_enum:\n");
    for i in 0..200_000 {
        text.push_str(&format!("      - v{i}\n"));
    }
    assert!(text.len() < 4 << 20, "{} bytes", text.len());
    std::fs::write(dir.path().join("schema/big.yaml"), text).expect("write");
    let started = Instant::now();
    let error = regenerate(dir.path()).expect_err("refused").to_string();
    let took = started.elapsed();
    eprintln!("200,000-value enum refused in {took:?}");
    // Bounded, not timed: the figure is in the README; this only catches a blow-up.
    assert!(took < Duration::from_secs(30), "{took:?}");
    assert!(
        error.contains("200000 values; an enum may list at most 2048"),
        "{error}"
    );
}
