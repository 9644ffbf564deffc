//! The change-report cases (`tests/fixtures/changes/cases/`): each is a pair
//! of schemas, the base with the case's `before` edits and with its `after`
//! edits, and the report lines the comparison must give.

// Shared by two test crates; each uses part of it.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use sdk_tests::root;

pub const BASE: &str = "tests/fixtures/changes/base";
pub const CASES: &str = "tests/fixtures/changes/cases";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    #[serde(default)]
    pub before: Vec<Patch>,
    #[serde(default)]
    pub after: Vec<Patch>,
    /// Files the after side adds.
    #[serde(default)]
    pub files: BTreeMap<String, String>,
    /// The text report's lines, in order.
    pub expect: Vec<String>,
    /// Part of the compiled cross-check (`tests/changes_compile.rs`).
    #[serde(default)]
    pub compile: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Patch {
    pub file: String,
    pub replace: String,
    pub with: String,
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The base schema's files.
pub fn base() -> BTreeMap<String, String> {
    ["api.yaml", "items.yaml"]
        .into_iter()
        .map(|f| (f.to_string(), read(&root().join(BASE).join(f))))
        .collect()
}

/// The base with `patches` applied, as (path, text).
pub fn patched(name: &str, patches: &[Patch]) -> Vec<(String, String)> {
    with_files(name, patches, &BTreeMap::new())
}

/// The base with `patches` applied and `added` files, as (path, text).
pub fn with_files(
    name: &str,
    patches: &[Patch],
    added: &BTreeMap<String, String>,
) -> Vec<(String, String)> {
    let mut files = base();
    files.extend(added.clone());
    for patch in patches {
        let text = files
            .get_mut(&patch.file)
            .unwrap_or_else(|| panic!("{name}: no file {}", patch.file));
        assert!(
            text.contains(&patch.replace),
            "{name}: {} does not contain {:?}",
            patch.file,
            patch.replace
        );
        *text = text.replacen(&patch.replace, &patch.with, 1);
    }
    files.into_iter().collect()
}

/// Every case by name (its file stem), sorted.
pub fn all() -> Vec<(String, Case)> {
    let mut cases: Vec<(String, Case)> = std::fs::read_dir(root().join(CASES))
        .expect("cases directory")
        .map(|entry| {
            let path = entry.expect("entry").path();
            let name = path
                .file_stem()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            let case = serde_yaml::from_str(&read(&path))
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (name, case)
        })
        .collect();
    cases.sort_by(|a, b| a.0.cmp(&b.0));
    cases
}

/// The models before and after.
pub fn models(name: &str, case: &Case) -> (codegen::model::Api, codegen::model::Api) {
    let model = |texts: Vec<(String, String)>, side: &str| {
        codegen::model_texts(texts).unwrap_or_else(|e| panic!("{name} ({side}): {e}"))
    };
    (
        model(patched(name, &case.before), "before"),
        model(after(name, case), "after"),
    )
}

/// The after side's schema files.
pub fn after(name: &str, case: &Case) -> Vec<(String, String)> {
    with_files(name, &case.after, &case.files)
}
