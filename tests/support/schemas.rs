//! Schema fixtures for the generator's tests.

use std::path::{Path, PathBuf};

/// The workspace root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every schema fixture: (name, directory relative to the root). The real
/// schema is one; the others are small and focused.
pub const SCHEMA_FIXTURES: &[(&str, &str)] = &[
    ("cloudflare", "schema"),
    ("constructs", "tests/fixtures/schemas/constructs"),
    ("minimal", "tests/fixtures/schemas/minimal"),
    ("no_envelope", "tests/fixtures/schemas/no_envelope"),
    ("responses", "tests/fixtures/schemas/responses"),
    ("types", "tests/fixtures/schemas/types"),
    ("requests", "tests/fixtures/schemas/requests"),
];

/// The real schema's files as (path, text).
pub fn schema_texts() -> Vec<(String, String)> {
    texts_of("schema")
}

/// The AI Gateway schema as written by hand before `schema/` was imported
/// (`tests/fixtures/validator_base/`), as (path, text): the validator's
/// error tests edit it in memory, at lines they name by their text.
pub fn validator_base_texts() -> Vec<(String, String)> {
    texts_of("tests/fixtures/validator_base")
}

fn texts_of(dir: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    collect(&root().join(dir), "", &mut out);
    out.sort();
    out
}

fn collect(dir: &Path, prefix: &str, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).expect("schema directory is readable") {
        let path = entry.expect("directory entry").path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if path.is_dir() {
            collect(&path, &format!("{prefix}{name}/"), out);
        } else if name.ends_with(".yaml") {
            let text = std::fs::read_to_string(&path).expect("schema file is readable");
            out.push((format!("{prefix}{name}"), text));
        }
    }
}
