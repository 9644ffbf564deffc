//! The change report: every kind of change, from a pair of small schemas
//! (`tests/fixtures/changes/`), gets its classification, item path and effects;
//! the semver guard follows Cargo's rules; the xtask reads old schemas from git.

#[path = "changes/cases.rs"]
mod cases;

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
    assert!(!down.ok && down.message.contains("went down"), "{}", down.message);
    let bad = check("0.3.1", "one", false);
    assert!(!bad.ok && bad.message.contains("not semver"), "{}", bad.message);
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
        markdown.starts_with("### API changes since `origin/main`: 1 breaking, 1 additive, 0 docs only\n"),
        "{markdown}"
    );
    assert!(
        markdown.contains("| **breaking** | `api.yaml` `client_defaults.timeout_seconds` | default timeout (s) 30 → 10 | fails at run time |"),
        "{markdown}"
    );
    assert!(markdown.contains("❌ 1 breaking change needs version 0.4.0"), "{markdown}");

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
