//! The schema at a git revision, read with git plumbing (`rev-parse`,
//! `ls-tree`, `cat-file --batch`): two processes whatever the schema's size,
//! and no checkout.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

/// Larger schema files are refused before they are read, as on disk.
const MAX_FILE_BYTES: u64 = codegen::load::MAX_FILE_BYTES;

/// Every `*.yaml` file under `schema/` at `rev` as (path relative to `schema/`, text).
pub fn schema_at(root: &Path, rev: &str) -> Result<Vec<(String, String)>, String> {
    if rev.starts_with('-') || rev.is_empty() {
        return Err(format!("{rev:?} is not a revision"));
    }
    let git = |args: &[&str]| -> Result<std::process::Output, String> {
        Command::new("git")
            .arg("-C")
            .arg(root)
            .args(args)
            .output()
            .map_err(|e| {
                format!(
                    "cannot run git ({e}); the change report needs git to read the schema at {rev}"
                )
            })
    };
    let repo = git(&["rev-parse", "--show-prefix"])?;
    if !repo.status.success() {
        return Err(format!(
            "{} is not in a git repository, so there is no {rev} to compare with",
            root.display()
        ));
    }
    let prefix = format!("{}schema/", String::from_utf8_lossy(&repo.stdout).trim());
    let commit = git(&[
        "rev-parse",
        "--verify",
        "--quiet",
        &format!("{rev}^{{commit}}"),
    ])?;
    if !commit.status.success() {
        return Err(format!("unknown revision {rev:?}"));
    }
    let commit = String::from_utf8_lossy(&commit.stdout).trim().to_string();
    let listing = git(&[
        "ls-tree",
        "-r",
        "-l",
        "-z",
        "--full-tree",
        &commit,
        "--",
        &prefix,
    ])?;
    if !listing.status.success() {
        return Err(format!(
            "git ls-tree failed: {}",
            String::from_utf8_lossy(&listing.stderr).trim()
        ));
    }
    let mut files = Vec::new();
    for entry in listing.stdout.split(|&b| b == 0).filter(|e| !e.is_empty()) {
        let entry = String::from_utf8_lossy(entry);
        // "<mode> <type> <object> <size>\t<path>"
        let Some((meta, path)) = entry.split_once('\t') else {
            continue;
        };
        let Some(relative) = path.strip_prefix(&prefix) else {
            continue;
        };
        if !relative.ends_with(".yaml") {
            continue;
        }
        let meta: Vec<&str> = meta.split_whitespace().collect();
        let [mode, "blob", object, size] = meta.as_slice() else {
            continue;
        };
        if *mode == "120000" {
            return Err(format!(
                "schema/{relative} is a symbolic link at {rev}; links are not followed here"
            ));
        }
        if size.parse::<u64>().map_or(true, |s| s > MAX_FILE_BYTES) {
            return Err(format!(
                "schema/{relative} at {rev} is larger than a schema file may be"
            ));
        }
        files.push((relative.to_string(), object.to_string()));
    }
    if !files
        .iter()
        .any(|(path, _)| path == codegen::load::API_FILE)
    {
        return Err(format!("there is no schema/api.yaml at {rev}"));
    }
    let texts = read_blobs(root, files.iter().map(|(_, object)| object.as_str()))?;
    Ok(files.into_iter().map(|(path, _)| path).zip(texts).collect())
}

/// The contents of blobs, in order, from one `git cat-file --batch`.
fn read_blobs<'a>(
    root: &Path,
    objects: impl Iterator<Item = &'a str>,
) -> Result<Vec<String>, String> {
    let mut child = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run git: {e}"))?;
    let mut request = String::new();
    for object in objects {
        request.push_str(object);
        request.push('\n');
    }
    let mut stdin = child.stdin.take().ok_or("git cat-file has no stdin")?;
    // Write on another thread: git may fill its stdout before reading all of stdin.
    let writer = std::thread::spawn(move || stdin.write_all(request.as_bytes()));
    let mut output = Vec::new();
    child
        .stdout
        .take()
        .ok_or("git cat-file has no stdout")?
        .read_to_end(&mut output)
        .map_err(|e| format!("reading git cat-file: {e}"))?;
    let _ = writer.join();
    let status = child.wait().map_err(|e| format!("git cat-file: {e}"))?;
    if !status.success() {
        return Err("git cat-file failed".to_string());
    }
    // Each: "<object> blob <size>\n<bytes>\n".
    let mut texts = Vec::new();
    let mut rest = output.as_slice();
    while !rest.is_empty() {
        let newline = rest
            .iter()
            .position(|&b| b == b'\n')
            .ok_or("git cat-file: bad output")?;
        let header = String::from_utf8_lossy(&rest[..newline]).to_string();
        let size: usize = header
            .rsplit(' ')
            .next()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| format!("git cat-file: {header}"))?;
        let body = rest
            .get(newline + 1..newline + 1 + size)
            .ok_or("git cat-file: short output")?;
        texts.push(
            String::from_utf8(body.to_vec())
                .map_err(|_| "a schema file at the revision is not UTF-8".to_string())?,
        );
        rest = rest.get(newline + 2 + size..).unwrap_or_default();
    }
    Ok(texts)
}
