//! Shared helpers for the integration tests and benchmarks: Prism on
//! 127.0.0.1, a raw HTTP client, JSON bodies, parameter sets and schema
//! fixtures. Its only dependencies are the SDK and `time`; the tests' other
//! crates are dev-dependencies.

pub mod bodies;
pub mod paging_server;
pub mod params;
pub mod prism;
pub mod raw_http;
pub mod schemas;
pub mod scratch;

pub use schemas::{root, schema_texts, validator_base_texts, SCHEMA_FIXTURES};

use std::path::{Path, PathBuf};

/// The repository root (this package's manifest directory).
pub fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A file vendored under `reference/` (see `reference/README.md`).
pub fn reference_file(relative: &str) -> PathBuf {
    repo_root().join("reference").join(relative)
}

/// The bytes of a file under `reference/`; panics naming its path when it
/// cannot be read.
pub fn read_reference(relative: &str) -> Vec<u8> {
    let path = reference_file(relative);
    std::fs::read(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// The text of a file under `reference/`; panics naming its path when it
/// cannot be read.
pub fn read_reference_text(relative: &str) -> String {
    let path = reference_file(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}
