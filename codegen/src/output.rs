//! Stage 6: write the printed files, or in check mode say which are stale.
//! One function decides both, so `--check` and a write never disagree.
//!
//! The output directory may hold anything a checkout can: symbolic links are
//! never followed, written through or removed, so no file outside it is touched.

use std::path::{Component, Path, PathBuf};

use crate::diagnostic::Error;

/// One printed file, path relative to the output directory (`/`-separated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: String,
    pub contents: String,
}

/// What differs between the printed files and the output directory.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Sync {
    /// Files written (or, in check mode, that would be): new or changed.
    pub changed: Vec<String>,
    /// Files in the output directory that generation no longer makes.
    pub removed: Vec<String>,
}

impl Sync {
    pub fn is_clean(&self) -> bool {
        self.changed.is_empty() && self.removed.is_empty()
    }
}

/// Brings `dir` in line with `files`; with `check`, writes nothing and only reports.
///
/// Refuses, before writing anything, a file path that could leave `dir`, two
/// files with one path, and any symbolic link in `dir` (or `dir` itself being one).
pub fn sync(dir: &Path, files: &[GeneratedFile], check: bool) -> Result<Sync, Error> {
    let mut paths = std::collections::BTreeSet::new();
    for file in files {
        if !is_plain_relative(&file.path) {
            return Err(unsafe_output(&file.path, "is not a plain relative path"));
        }
        if !paths.insert(file.path.as_str()) {
            return Err(unsafe_output(&file.path, "would be written twice"));
        }
    }
    let mut existing = Vec::new();
    list_files(dir, dir, &mut existing)?;
    existing.sort();

    let mut report = Sync::default();
    for file in files {
        let path = dir.join(&file.path);
        let current = std::fs::read_to_string(&path).ok();
        if current.as_deref() == Some(file.contents.as_str()) {
            continue;
        }
        report.changed.push(file.path.clone());
        if !check {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(io(parent))?;
            }
            // `list_files` found no link, and `create_dir_all` makes none.
            std::fs::write(&path, &file.contents).map_err(io(&path))?;
        }
    }
    for path in existing {
        if !paths.contains(path.as_str()) {
            if !check {
                let full = dir.join(&path);
                std::fs::remove_file(&full).map_err(io(&full))?;
            }
            report.removed.push(path);
        }
    }
    Ok(report)
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error {
    let path = path.display().to_string();
    move |source| Error::Io { path, source }
}

fn unsafe_output(path: &str, why: &str) -> Error {
    Error::UnsafeOutput {
        path: format!("{path:?}"),
        message: why.to_string(),
    }
}

/// `a/b.rs`: only normal components, no `..`, root, prefix or empty part.
fn is_plain_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.contains('\\')
        && path.split('/').all(|part| !part.is_empty())
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// Every regular file under `dir`, relative and `/`-separated. Any symbolic
/// link (including `root` itself) is an error, so it is never followed.
fn list_files(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<(), Error> {
    match std::fs::symlink_metadata(dir) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) => return Err(io(dir)(source)),
        Ok(meta) if meta.file_type().is_symlink() => return Err(link_error(dir)),
        Ok(_) => {}
    }
    for entry in std::fs::read_dir(dir).map_err(io(dir))? {
        let entry = entry.map_err(io(dir))?;
        let path: PathBuf = entry.path();
        let kind = entry.file_type().map_err(io(&path))?;
        if kind.is_symlink() {
            return Err(link_error(&path));
        } else if kind.is_dir() {
            list_files(root, &path, out)?;
        } else {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            let parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push(parts.join("/"));
        }
    }
    Ok(())
}

fn link_error(path: &Path) -> Error {
    Error::UnsafeOutput {
        path: path.display().to_string(),
        message: "is a symbolic link; the generator never writes through or removes one: remove it by hand".to_string(),
    }
}
