//! Stage 1: read `schema/` into plain data (`schema::*`) with the position of every item.

mod positions;

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

/// Reads `api.yaml` and every other `*.yaml` under `dir`.
pub fn load_dir(dir: &Path) -> Result<LoadedSchema, Error> {
    let mut files = Vec::new();
    collect_yaml(dir, dir, &mut files)?;
    files.sort();
    let mut texts = Vec::new();
    for rel in &files {
        let path = dir.join(rel);
        let text = std::fs::read_to_string(&path).map_err(|source| Error::Io {
            path: path.display().to_string(),
            source,
        })?;
        texts.push((rel.clone(), text));
    }
    load_texts(texts)
}

/// Parses files given as (relative path, text) pairs; `api.yaml` must be one.
pub fn load_texts(mut texts: Vec<(String, String)>) -> Result<LoadedSchema, Error> {
    texts.sort();
    let mut diagnostics = Vec::new();
    let mut api = None;
    let mut resources = Vec::new();
    for (file, text) in &texts {
        if file == API_FILE {
            match parse::<ApiFile>(file, text) {
                Ok(source) => api = Some(source),
                Err(d) => diagnostics.push(d),
            }
        } else {
            match parse::<ResourceFile>(file, text) {
                Ok(source) => resources.push(source),
                Err(d) => diagnostics.push(d),
            }
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

fn parse<T: DeserializeOwned>(file: &str, text: &str) -> Result<Source<T>, Diagnostic> {
    let positions = Positions::index(text);
    match serde_yaml::from_str::<T>(text) {
        Ok(data) => Ok(Source {
            file: file.to_string(),
            positions,
            data,
        }),
        Err(error) => {
            let at = error
                .location()
                .map(|l| Position {
                    line: l.line(),
                    column: l.column(),
                })
                .unwrap_or(Position { line: 1, column: 1 });
            Err(Diagnostic {
                file: file.to_string(),
                line: at.line,
                column: at.column,
                item: positions.item_at(at).to_string(),
                message: strip_location(&error.to_string()),
            })
        }
    }
}

/// serde_yaml ends its messages with " at line L column C"; the diagnostic says it already.
fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(cut) => message[..cut].to_string(),
        None => message.to_string(),
    }
}

fn collect_yaml(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<(), Error> {
    let io = |path: &Path| {
        let path = path.display().to_string();
        move |source| Error::Io { path, source }
    };
    for entry in std::fs::read_dir(dir).map_err(io(dir))? {
        let path: PathBuf = entry.map_err(io(dir))?.path();
        if path.is_dir() {
            collect_yaml(root, &path, out)?;
        } else if path.extension().is_some_and(|e| e == "yaml") {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            let rel: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push(rel.join("/"));
        }
    }
    Ok(())
}
