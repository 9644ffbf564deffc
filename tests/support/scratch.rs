//! Scratch Cargo workspaces under `target/` for crates the tests generate:
//! built offline with the project's `Cargo.lock`, warnings denied, in one
//! target directory shared by every such test so dependencies build once.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::root;

/// A workspace of generated crates; members are added, then built at once.
pub struct ScratchWorkspace {
    dir: PathBuf,
    members: Vec<String>,
}

impl ScratchWorkspace {
    /// An empty workspace at `target/<name>`, emptied first.
    pub fn new(name: &str) -> Self {
        let dir = root().join("target").join(name);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        ScratchWorkspace {
            dir,
            members: Vec::new(),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Registers a member and returns its directory (not created).
    pub fn member(&mut self, name: &str) -> PathBuf {
        self.members.push(name.to_string());
        self.dir.join(name)
    }

    /// Appends a `[dev-dependencies]` table to a member's manifest (versions
    /// already in the project's `Cargo.lock`, so nothing is fetched).
    pub fn add_dev_dependencies(&self, member: &Path, table: &str) {
        let manifest = member.join("Cargo.toml");
        let text = std::fs::read_to_string(&manifest)
            .unwrap_or_else(|e| panic!("{}: {e}", manifest.display()));
        std::fs::write(&manifest, format!("{text}{table}"))
            .unwrap_or_else(|e| panic!("{}: {e}", manifest.display()));
    }

    /// Copies `from` to `tests/<to>` of a member, as an integration test (or
    /// a module one uses).
    pub fn add_test(&self, member: &Path, from: &Path, to: &str) {
        let target = member.join("tests").join(to);
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        }
        std::fs::copy(from, &target).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
    }

    /// Runs `cargo <args>` in the workspace and returns what it printed.
    pub fn run(&self, args: &[&str]) -> Output {
        let quoted: Vec<String> = self.members.iter().map(|m| format!("{m:?}")).collect();
        let manifest = format!(
            "[workspace]\nmembers = [{}]\nresolver = \"2\"\n",
            quoted.join(", ")
        );
        std::fs::write(self.dir.join("Cargo.toml"), manifest).expect("workspace manifest");
        // The same dependency versions as the project, and no network.
        std::fs::copy(root().join("Cargo.lock"), self.dir.join("Cargo.lock")).expect("Cargo.lock");
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
        let (command, rest) = args.split_first().expect("a cargo command");
        Command::new(cargo)
            .arg(command)
            .arg("--offline")
            .args(rest)
            .current_dir(&self.dir)
            .env("CARGO_TARGET_DIR", root().join("target/fixture-target"))
            .env("RUSTFLAGS", "-D warnings")
            .output()
            .expect("cargo runs")
    }

    /// `cargo clippy` on every member and target, warnings denied; panics with
    /// cargo's output when it fails.
    pub fn clippy(&self) {
        self.expect_success(&[
            "clippy",
            "--workspace",
            "--all-targets",
            "--quiet",
            "--",
            "-D",
            "warnings",
        ]);
    }

    /// Runs `cargo <args>` and panics with its output unless it succeeds.
    pub fn expect_success(&self, args: &[&str]) {
        let output = self.run(args);
        assert!(
            output.status.success(),
            "cargo {} in {} failed:\n{}\n{}",
            args.join(" "),
            self.dir.display(),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
