//! Stage 6: write the printed files, or in check mode say which are stale.
//! One function decides both, so `--check` and a write never disagree.

use std::path::Path;

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
pub fn sync(dir: &Path, files: &[GeneratedFile], check: bool) -> Result<Sync, Error> {
    let io = |path: &Path| {
        let path = path.display().to_string();
        move |source| Error::Io { path, source }
    };
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
            std::fs::write(&path, &file.contents).map_err(io(&path))?;
        }
    }
    let mut existing = Vec::new();
    list_files(dir, dir, &mut existing)?;
    existing.sort();
    for path in existing {
        if !files.iter().any(|f| f.path == path) {
            if !check {
                let full = dir.join(&path);
                std::fs::remove_file(&full).map_err(io(&full))?;
            }
            report.removed.push(path);
        }
    }
    Ok(report)
}

fn list_files(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<(), Error> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries {
        let path = entry
            .map_err(|source| Error::Io {
                path: dir.display().to_string(),
                source,
            })?
            .path();
        if path.is_dir() {
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
