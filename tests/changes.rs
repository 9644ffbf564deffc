//! The change report: every kind of change, from a pair of small schemas
//! (`tests/fixtures/changes/`), gets its classification, item path and effects;
//! the semver guard follows Cargo's rules; the xtask reads old schemas from git.

#[path = "changes/cases.rs"]
mod cases;

use std::path::Path;
use std::process::{Command, Output};

use codegen::changes::{self, report, version, Severity};

#[test]
fn every_case_is_classified_as_expected() {
    let mut failures = Vec::new();
    let all = cases::all();
    assert!(all.len() >= 30, "only {} cases", all.len());
    for (name, case) in &all {
        let (old, new) = cases::models(name, case);
        let lines: Vec<String> = changes::compare(&old, &new)
            .iter()
            .map(report::text_line)
            .collect();
        if lines != case.expect {
            let actual: Vec<String> = lines.iter().map(|l| format!("  - {l:?}")).collect();
            failures.push(format!("{name}:\n{}", actual.join("\n")));
        }
    }
    assert!(
        failures.is_empty(),
        "reports differ from the cases' `expect` (actual below):\n{}",
        failures.join("\n")
    );
}

#[test]
fn the_same_schema_has_no_changes() {
    let texts = cases::patched("base", &[]);
    let old = codegen::model_texts(texts.clone()).expect("base");
    let new = codegen::model_texts(texts).expect("base");
    assert_eq!(changes::compare(&old, &new), vec![]);
    // And the real schema against itself.
    let api = codegen::model_dir(&sdk_tests::root().join("schema")).expect("schema");
    assert_eq!(changes::compare(&api, &api), vec![]);
}

fn check(old: &str, new: &str, breaking: bool) -> version::VersionCheck {
    let list = if breaking {
        let (name, case) = cases::all()
            .into_iter()
            .find(|(name, _)| name == "enum_value_removed")
            .expect("case");
        let (old, new) = cases::models(&name, &case);
        changes::compare(&old, &new)
    } else {
        Vec::new()
    };
    version::check(old, new, &list)
}

#[test]
fn breaking_changes_need_a_version_cargo_treats_as_incompatible() {
    // (old, new, allowed with a breaking change)
    let table = [
        ("0.3.1", "0.3.2", false),
        ("0.3.1", "0.3.1", false),
        ("0.3.1", "0.4.0", true),
        ("0.3.1", "1.0.0", true),
        ("0.0.1", "0.0.2", true),
        ("0.0.1", "0.0.1", false),
        ("1.2.3", "1.3.0", false),
        ("1.2.3", "1.2.4", false),
        ("1.2.3", "2.0.0", true),
        ("1.2.3", "2.0.0-rc.1", true),
    ];
    for (old, new, allowed) in table {
        let verdict = check(old, new, true);
        assert_eq!(verdict.ok, allowed, "{old} → {new}: {}", verdict.message);
        if !allowed {
            assert!(
                verdict.message.contains("sdk.version"),
                "{}",
                verdict.message
            );
        }
    }
    assert_eq!(check("0.3.1", "0.3.1", true).needed, "0.4.0");
    assert_eq!(check("1.2.3", "1.2.3", true).needed, "2.0.0");
    assert_eq!(check("0.0.1", "0.0.1", true).needed, "0.0.2");
}

#[test]
fn without_breaking_changes_any_version_not_lower_passes() {
    assert!(check("0.3.1", "0.3.1", false).ok);
    assert!(check("0.3.1", "0.3.2", false).ok);
    let down = check("0.3.1", "0.3.0", false);
    assert!(
        !down.ok && down.message.contains("went down"),
        "{}",
        down.message
    );
    let bad = check("0.3.1", "one", false);
    assert!(
        !bad.ok && bad.message.contains("not semver"),
        "{}",
        bad.message
    );
}

#[test]
fn markdown_and_json_carry_every_change() {
    let (name, case) = cases::all()
        .into_iter()
        .find(|(name, _)| name == "client_defaults_changed")
        .expect("case");
    let (old, new) = cases::models(&name, &case);
    let list = changes::compare(&old, &new);
    let verdict = version::check(&old.version, &new.version, &list);
    let report = report::Report {
        base: "origin/main",
        changes: &list,
        version: &verdict,
    };
    let markdown = report.markdown();
    assert!(
        markdown.starts_with(
            "### API changes since `origin/main`: 1 breaking, 1 additive, 0 docs only\n"
        ),
        "{markdown}"
    );
    assert!(
        markdown.contains("| **breaking** | `api.yaml` `client_defaults.timeout_seconds` | default timeout (s) 30 → 10 | fails at run time |"),
        "{markdown}"
    );
    assert!(
        markdown.contains("❌ 1 breaking change needs version 0.4.0"),
        "{markdown}"
    );

    let json: serde_json::Value = serde_json::from_str(&report.json()).expect("JSON");
    assert_eq!(json["base"], "origin/main");
    assert_eq!(json["version"]["ok"], false);
    assert_eq!(json["changes"][0]["severity"], "breaking");
    assert_eq!(json["changes"][0]["kind"], "default_changed");
    assert_eq!(json["changes"][0]["effects"][0], "fails_at_run_time");
    assert_eq!(json["changes"][1]["severity"], "additive");
    assert_eq!(json["changes"][1]["item"], "client_defaults.max_retries");
}

#[test]
fn breaking_changes_come_first() {
    let all = cases::all();
    for (name, case) in &all {
        let (old, new) = cases::models(name, case);
        let list = changes::compare(&old, &new);
        let order: Vec<Severity> = list.iter().map(|c| c.severity).collect();
        let mut sorted = order.clone();
        sorted.sort();
        assert_eq!(order, sorted, "{name}");
        for change in &list {
            assert_eq!(
                change.effects.is_empty(),
                change.severity != Severity::Breaking,
                "{name}: {change:?}"
            );
        }
    }
}

/// The real xtask binary with `XTASK_ROOT` at `root`.
fn xtask(root: &Path, args: &[&str]) -> Output {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    Command::new(cargo)
        .args(["run", "--quiet", "--package", "xtask", "--"])
        .args(args)
        .current_dir(sdk_tests::root())
        .env("XTASK_ROOT", root)
        .output()
        .expect("cargo runs")
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(["-c", "user.name=test", "-c", "user.email=test@example.com"])
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(status.status.success(), "git {args:?}: {status:?}");
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A git repository whose one commit holds the base fixture as `schema/`.
fn repository_with_base() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("schema")).expect("mkdir");
    for (file, text) in cases::base() {
        std::fs::write(dir.path().join("schema").join(file), text).expect("write");
    }
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-qm", "base"]);
    dir
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "{}: no {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).expect("write");
}

#[test]
fn xtask_changes_guards_the_version_against_a_git_revision() {
    let repo = repository_with_base();
    let schema = repo.path().join("schema");
    edit(
        &schema.join("items.yaml"),
        "        maximum: 100\n",
        "        maximum: 50\n",
    );

    let output = xtask(repo.path(), &["changes", "HEAD", "--check-version"]);
    let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
    assert!(!output.status.success(), "guard passed: {stdout}");
    assert!(
        stdout.starts_with("changes for users since HEAD: 1 breaking, 0 additive, 0 docs only\n"),
        "{stdout}"
    );
    assert!(
        stderr.contains("error: 1 breaking change needs version 0.4.0 or later, but `sdk.version` in schema/api.yaml is 0.3.1"),
        "{stderr}"
    );
    assert!(
        stderr.contains("items.yaml: operations.list.query.per_page: maximum 100 → 50"),
        "the guard names the change: {stderr}"
    );

    // The matching bump passes; the report is the same.
    edit(&schema.join("api.yaml"), "version: 0.3.1", "version: 0.4.0");
    let output = xtask(repo.path(), &["changes", "HEAD", "--check-version"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("version: ok: version 0.3.1 → 0.4.0"));

    let output = xtask(repo.path(), &["changes", "HEAD", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(json["changes"][0]["kind"], "bound_tightened");
    let output = xtask(repo.path(), &["changes", "HEAD", "--markdown"]);
    assert!(text(&output.stdout).starts_with("### API changes since `HEAD`"));
}

#[test]
fn xtask_changes_explains_what_it_cannot_compare() {
    let repo = repository_with_base();
    let output = xtask(repo.path(), &["changes", "no-such-branch"]);
    assert!(!output.status.success());
    assert!(
        text(&output.stderr).contains("error: unknown revision \"no-such-branch\""),
        "{}",
        text(&output.stderr)
    );

    let plain = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(plain.path().join("schema")).expect("mkdir");
    let output = xtask(plain.path(), &["changes", "HEAD"]);
    assert!(!output.status.success());
    assert!(
        text(&output.stderr)
            .contains("is not in a git repository, so there is no HEAD to compare with"),
        "{}",
        text(&output.stderr)
    );
}

#[test]
fn xtask_regenerate_reports_the_changes_since_head() {
    let repo = repository_with_base();
    std::fs::create_dir(repo.path().join("generated")).expect("mkdir");
    let output = xtask(repo.path(), &["regenerate"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        text(&output.stdout)
            .contains("changes for users since HEAD: 0 breaking, 0 additive, 0 docs only"),
        "{}",
        text(&output.stdout)
    );
    edit(
        &repo.path().join("schema/items.yaml"),
        "      - green\n",
        "      - green\n      - yellow\n",
    );
    let output = xtask(repo.path(), &["regenerate"]);
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(stdout.contains("wrote generated/src/items.rs"), "{stdout}");
    assert!(
        stdout.contains(
            "changes for users since HEAD: 0 breaking, 1 additive, 0 docs only\n\
             additive  items.yaml: types.Color.string_enum.yellow: value `yellow` (`Color::Yellow`) added\n\
             version: ok: version 0.3.1: no breaking change; the additive ones can ship in 0.3.2\n"
        ),
        "{stdout}"
    );

    // Without git, regeneration works and says why there is no report.
    let plain = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(plain.path().join("generated")).expect("mkdir");
    std::fs::rename(repo.path().join("schema"), plain.path().join("schema")).expect("move");
    let output = xtask(plain.path(), &["regenerate"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        text(&output.stdout).contains("no change report: ")
            && text(&output.stdout).contains("is not in a git repository"),
        "{}",
        text(&output.stdout)
    );
}

/// `.ci/semver-guard`, run in `repo` with the xtask pointed at it.
fn guard(repo: &Path, base: Option<&str>) -> Output {
    let root = sdk_tests::root();
    let mut command = Command::new(root.join(".ci/semver-guard"));
    command
        .current_dir(repo)
        .env(
            "XTASK",
            format!(
                "cargo run --quiet --manifest-path {} --package xtask --",
                root.join("Cargo.toml").display()
            ),
        )
        .env("XTASK_ROOT", repo)
        .env_remove("CI_BASE_REV");
    if let Some(base) = base {
        command.env("CI_BASE_REV", base);
    }
    command.output().expect("the guard runs")
}

#[test]
fn ci_guard_fails_a_breaking_commit_without_a_bump() {
    let repo = repository_with_base();
    // One commit: nothing to compare with, so the guard steps aside.
    let output = guard(repo.path(), None);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("semver guard skipped"));

    // A breaking commit on top, version unchanged: the guard fails against HEAD~1.
    let items = repo.path().join("schema/items.yaml");
    edit(&items, "      - green\n", "");
    git(repo.path(), &["commit", "-qam", "drop green"]);
    let output = guard(repo.path(), None);
    assert!(!output.status.success(), "{}", text(&output.stdout));
    assert!(text(&output.stdout).contains("against HEAD~1"));
    assert!(
        text(&output.stderr)
            .contains("types.Color.string_enum.green: variant `Color::Green` removed"),
        "{}",
        text(&output.stderr)
    );

    // The bump in a further commit: against the commit before the break it passes.
    edit(
        &repo.path().join("schema/api.yaml"),
        "version: 0.3.1",
        "version: 0.4.0",
    );
    git(repo.path(), &["commit", "-qam", "0.4.0"]);
    let output = guard(repo.path(), Some("HEAD~2"));
    assert!(output.status.success(), "{}", text(&output.stderr));
    // Since HEAD~1 only the version moved: nothing to guard.
    let output = guard(repo.path(), None);
    assert!(output.status.success(), "{}", text(&output.stderr));
}
