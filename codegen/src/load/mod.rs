//! Stage 1: read `schema/` into plain data (`schema::*`) with the position of every item.

mod positions;
mod shape;

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

pub use positions::{Position, Positions};

use crate::diagnostic::{Diagnostic, Error};
use crate::schema::{ApiFile, ResourceFile};

/// The API-level file, relative to the schema directory.
pub const API_FILE: &str = "api.yaml";

/// One schema file as read.
#[derive(Debug, Clone)]
pub struct Source<T> {
    /// Path relative to the schema directory, `/`-separated.
    pub file: String,
    pub positions: Positions,
    pub data: T,
}

impl<T> Source<T> {
    /// A diagnostic at `item` of this file.
    pub fn error(&self, item: &str, message: impl Into<String>) -> Diagnostic {
        let at = self.positions.find(item);
        Diagnostic {
            file: self.file.clone(),
            line: at.line,
            column: at.column,
            item: item.to_string(),
            message: message.into(),
        }
    }
}

/// The whole schema as read from disk, resources sorted by path.
#[derive(Debug, Clone)]
pub struct LoadedSchema {
    pub api: Source<ApiFile>,
    pub resources: Vec<Source<ResourceFile>>,
    /// Every file's bytes in path order, for the staleness hash.
    pub texts: Vec<(String, String)>,
}

/// The largest schema file read (a resource of the whole Cloudflare API is
/// well under 1 MiB); larger ones are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 4 << 20;

/// The largest schema read, all files together.
pub const MAX_SCHEMA_BYTES: u64 = 256 << 20;

/// Reads `api.yaml` and every other `*.yaml` under `dir`.
pub fn load_dir(dir: &Path) -> Result<LoadedSchema, Error> {
    load_texts(read_dir(dir)?)
}

/// The `*.yaml` files under `dir` as (relative path, text) pairs, in path
/// order, within the size limits; links as `load_dir` follows them.
pub fn read_dir(dir: &Path) -> Result<Vec<(String, String)>, Error> {
    let mut files = collect_yaml(dir)?;
    files.sort();
    let mut texts = Vec::new();
    let mut total = 0;
    for rel in &files {
        let path = dir.join(rel);
        let size = std::fs::metadata(&path).map_err(io(&path))?.len();
        total += size;
        if size > MAX_FILE_BYTES || total > MAX_SCHEMA_BYTES {
            return Err(Error::Schema(vec![too_large(rel)]));
        }
        let text = std::fs::read_to_string(&path).map_err(io(&path))?;
        texts.push((rel.clone(), text));
    }
    Ok(texts)
}

fn too_large(file: &str) -> Diagnostic {
    file_problem(
        file,
        &format!(
            "is too large: a schema file may hold {} MiB, a schema {} MiB in all",
            MAX_FILE_BYTES >> 20,
            MAX_SCHEMA_BYTES >> 20
        ),
    )
}

/// Parses files given as (relative path, text) pairs; `api.yaml` must be one.
pub fn load_texts(mut texts: Vec<(String, String)>) -> Result<LoadedSchema, Error> {
    texts.sort();
    // Which files to parse, in path order; the checks are cheap, parsing is
    // not, so files are parsed on every core.
    let mut total = 0;
    let checked: Vec<Result<&(String, String), Diagnostic>> = texts
        .iter()
        .map(|entry| {
            let (file, text) = entry;
            total += text.len() as u64;
            if text.len() as u64 > MAX_FILE_BYTES || total > MAX_SCHEMA_BYTES {
                return Err(too_large(file));
            }
            let plain = file
                .strip_suffix(".yaml")
                .is_some_and(|stem| stem.split('/').all(is_plain_name));
            if !plain {
                return Err(file_problem(&format!("{file:?}"), PLAIN_NAME));
            }
            Ok(entry)
        })
        .collect();
    let parsed = crate::parallel::map(
        &checked,
        |entry| entry.as_ref().map_or(0, |(_, text)| text.len()),
        |entry| match entry {
            Err(problem) => Parsed::Problems(vec![problem.clone()]),
            Ok((file, text)) if file == API_FILE => match parse::<ApiFile>(file, text) {
                Ok(source) => Parsed::Api(Box::new(source)),
                Err(d) => Parsed::Problems(d),
            },
            Ok((file, text)) => match parse::<ResourceFile>(file, text) {
                Ok(source) => Parsed::Resource(source),
                Err(d) => Parsed::Problems(d),
            },
        },
    );
    let mut diagnostics = Vec::new();
    let mut api = None;
    let mut resources = Vec::new();
    for file in parsed {
        match file {
            Parsed::Api(source) => api = Some(*source),
            Parsed::Resource(source) => resources.push(source),
            Parsed::Problems(d) => diagnostics.extend(d),
        }
    }
    if !diagnostics.is_empty() {
        return Err(Error::Schema(diagnostics));
    }
    let api = api.ok_or_else(|| {
        Error::Schema(vec![Diagnostic {
            file: API_FILE.to_string(),
            line: 1,
            column: 1,
            item: String::new(),
            message: "the schema directory has no api.yaml".to_string(),
        }])
    })?;
    Ok(LoadedSchema {
        api,
        resources,
        texts,
    })
}

/// One file after parsing.
enum Parsed {
    Api(Box<Source<ApiFile>>),
    Resource(Source<ResourceFile>),
    Problems(Vec<Diagnostic>),
}

/// One YAML file read as `T`, with every shape error (unknown keys with
/// "did you mean") as a diagnostic at its line and column. The schema's
/// files and the import configuration are read this way.
pub fn parse<T: DeserializeOwned>(file: &str, text: &str) -> Result<Source<T>, Vec<Diagnostic>> {
    let positions = Positions::index(text).map_err(|at| {
        vec![Diagnostic {
            file: file.to_string(),
            line: at.line,
            column: at.column,
            item: String::new(),
            message: format!(
                "nested deeper than {} levels; no schema construct needs that",
                positions::MAX_DEPTH
            ),
        }]
    })?;
    // YAML syntax first: one error, where the parser stopped.
    let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(|error| {
        let at = error
            .location()
            .map(|l| Position {
                line: l.line(),
                column: l.column(),
            })
            .unwrap_or(Position { line: 1, column: 1 });
        vec![Diagnostic {
            file: file.to_string(),
            line: at.line,
            column: at.column,
            item: positions.item_at(at).to_string(),
            message: explain_syntax(&strip_location(&error.to_string())),
        }]
    })?;
    match shape::read::<T>(value) {
        Ok(data) => Ok(Source {
            file: file.to_string(),
            positions,
            data,
        }),
        Err(errors) => Err(errors
            .into_iter()
            .map(|error| {
                let at = positions.find(&error.item);
                Diagnostic {
                    file: file.to_string(),
                    line: at.line,
                    column: at.column,
                    item: error.item,
                    message: error.message,
                }
            })
            .collect()),
    }
}

/// serde_yaml ends its messages with " at line L column C"; the diagnostic says it already.
fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(cut) => message[..cut].to_string(),
        None => message.to_string(),
    }
}

/// The YAML parser's wording, with what usually causes it in a schema.
fn explain_syntax(message: &str) -> String {
    let hint = if message.contains("did not find expected key")
        || message.contains("did not find expected '-'")
    {
        "; check this line's indentation against the lines above it"
    } else if message.contains("could not find expected ':'") {
        "; is a `:` missing after a key on this line, or is the line below indented too far?"
    } else if message.contains("mapping values are not allowed in this context") {
        "; a `key: value` cannot follow a value on the same line: put it on a line of its own, or quote the value"
    } else if message.contains("found character that cannot start any token") {
        "; tabs cannot indent YAML, and `@` or a backquote cannot start a value: quote it"
    } else {
        ""
    };
    format!("{message}{hint}")
}

/// The `*.yaml` files under `root`, relative and `/`-separated. A symbolic link
/// is followed only when it stays inside `root` (each directory once, so a
/// loop ends); one that leaves it is an error, so nothing outside the schema
/// is read. Names must be plain (`a-z`, `0-9`, `_`, `-`): they end up in paths,
/// module names and the generated files' header comments.
fn collect_yaml(root: &Path) -> Result<Vec<String>, Error> {
    let canonical_root = std::fs::canonicalize(root).map_err(io(root))?;
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let mut visited = std::collections::BTreeSet::new();
    let mut pending = vec![(root.to_path_buf(), Vec::<String>::new())];
    while let Some((dir, rel)) = pending.pop() {
        let real = std::fs::canonicalize(&dir).map_err(io(&dir))?;
        if !visited.insert(real) {
            continue;
        }
        for entry in std::fs::read_dir(&dir).map_err(io(&dir))? {
            let entry = entry.map_err(io(&dir))?;
            let path: PathBuf = entry.path();
            let name = entry.file_name();
            let shown = || {
                let mut parts = rel.clone();
                parts.push(format!("{name:?}"));
                parts.join("/")
            };
            let mut kind = entry.file_type().map_err(io(&path))?;
            if kind.is_symlink() {
                match std::fs::canonicalize(&path) {
                    Ok(target) if target.starts_with(&canonical_root) => {
                        kind = std::fs::metadata(&path).map_err(io(&path))?.file_type();
                    }
                    Ok(_) => {
                        problems.push(file_problem(
                            &shown(),
                            "is a symbolic link to outside the schema directory; it is not read",
                        ));
                        continue;
                    }
                    Err(_) => {
                        problems.push(file_problem(
                            &shown(),
                            "is a broken or looping symbolic link",
                        ));
                        continue;
                    }
                }
            }
            let Some(name) = name.to_str() else {
                problems.push(file_problem(&shown(), "is not a UTF-8 name"));
                continue;
            };
            if kind.is_dir() {
                if !is_plain_name(name) {
                    problems.push(file_problem(&shown(), PLAIN_NAME));
                    continue;
                }
                let mut rel = rel.clone();
                rel.push(name.to_string());
                pending.push((path, rel));
            } else if let Some(stem) = name.strip_suffix(".yaml") {
                if !is_plain_name(stem) {
                    problems.push(file_problem(&shown(), PLAIN_NAME));
                    continue;
                }
                let mut rel = rel.clone();
                rel.push(name.to_string());
                out.push(rel.join("/"));
            }
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        problems.sort_by(|a, b| a.file.cmp(&b.file));
        Err(Error::Schema(problems))
    }
}

const PLAIN_NAME: &str =
    "a schema file or directory name may only use a-z, A-Z, 0-9, `_` and `-`, and must not start with `-`";

fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('-')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

fn file_problem(file: &str, message: &str) -> Diagnostic {
    Diagnostic {
        file: file.to_string(),
        line: 1,
        column: 1,
        item: String::new(),
        message: message.to_string(),
    }
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> Error {
    let path = path.display().to_string();
    move |source| Error::Io {
        path: path.clone(),
        source,
    }
}
