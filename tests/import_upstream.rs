//! Importing a newer document changes only what upstream changed: on
//! Cloudflare's whole description, an edited summary, a new query
//! parameter, a new property of a component, an added and a removed
//! operation each change the one file that holds them, by the lines that
//! hold them, and every other file stays byte for byte.

use std::collections::BTreeMap;

use codegen::import::{self, Document, ImportConfig};
use sdk_tests::root;
use serde_json::{json, Value};

const CONFIG: &str = "import/cloudflare.yaml";

fn read(path: &str) -> String {
    let full = root().join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

fn import(config: &ImportConfig, root: Value) -> (BTreeMap<String, String>, String) {
    let document = Document {
        file: config.document.clone(),
        root,
    };
    let imported = import::import(&document, config, &read(&config.api)).expect("imports");
    let report = import::report_markdown(&imported.operations);
    (imported.files.into_iter().collect(), report)
}

/// Lines only in `old` and lines only in `new`, as multisets.
fn line_changes(old: &str, new: &str) -> (Vec<String>, Vec<String>) {
    let mut counts: BTreeMap<&str, i64> = BTreeMap::new();
    for line in old.lines() {
        *counts.entry(line).or_default() -= 1;
    }
    for line in new.lines() {
        *counts.entry(line).or_default() += 1;
    }
    let (mut removed, mut added) = (Vec::new(), Vec::new());
    for (line, count) in counts {
        let side = if count < 0 { &mut removed } else { &mut added };
        for _ in 0..count.unsigned_abs() {
            side.push(line.to_string());
        }
    }
    (removed, added)
}

fn operation<'a>(root: &'a mut Value, path: &str, method: &str) -> &'a mut Value {
    root["paths"]
        .get_mut(path)
        .and_then(|item| item.get_mut(method))
        .unwrap_or_else(|| panic!("the document has no {method} {path}"))
}

#[test]
fn a_newer_document_changes_only_what_upstream_changed() {
    let config = ImportConfig::parse(CONFIG, &read(CONFIG)).expect("the configuration reads");
    let text = read(&config.document);
    let original: Value = serde_json::from_str(&text).expect("JSON");
    let (before, report_before) = import(&config, original.clone());
    // The same document twice: not one byte differs.
    assert_eq!(import(&config, original.clone()).0, before);

    let mut newer = original;
    // An edited summary.
    let list_records = operation(&mut newer, "/zones/{zone_id}/dns_records", "get");
    assert_eq!(list_records["summary"], "List DNS Records");
    list_records["summary"] = json!("List the DNS Records of a zone");
    // A new optional query parameter.
    operation(&mut newer, "/zones", "get")["parameters"]
        .as_array_mut()
        .expect("parameters")
        .push(json!({
            "name": "owner", "in": "query",
            "description": "Only zones of this owner.",
            "schema": {"type": "string", "maxLength": 64}
        }));
    // A new property of a component one group uses.
    let zone = &mut newer["components"]["schemas"]["zones_zone"];
    assert!(zone["properties"].get("region").is_none());
    zone["properties"]["region"] =
        json!({"type": "string", "description": "Where the zone is served from."});
    // A removed operation.
    newer["paths"]["/zones/{identifier}/subscription"]
        .as_object_mut()
        .expect("path item")
        .remove("put")
        .expect("the subscription has a put");
    // An added operation, under a tag the configuration maps.
    newer["paths"]["/zones/{zone_identifier}/available_plans/summary"] = json!({
        "get": {
            "operationId": "zone-rate-plan-plans-summary",
            "summary": "Plans summary",
            "tags": ["Zone Rate Plan"],
            "parameters": [{"name": "zone_identifier", "in": "path", "required": true,
                            "schema": {"type": "string", "maxLength": 32}}],
            "responses": {"200": {"description": "The summary.", "content": {"application/json": {
                "schema": {"type": "object", "properties": {
                    "success": {"type": "boolean"},
                    "errors": {"type": "array", "items": {}},
                    "messages": {"type": "array", "items": {}},
                    "result": {"type": "object", "properties": {
                        "count": {"type": "integer", "description": "How many plans."}}}}}}}}}
        }
    });
    let (after, report_after) = import(&config, newer);

    let changed: Vec<&str> = before
        .keys()
        .chain(after.keys())
        .filter(|path| before.get(*path) != after.get(*path))
        .map(String::as_str)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(
        changed,
        [
            "dns/records.yaml",
            "zones.yaml",
            "zones/rate_plans.yaml",
            "zones/subscriptions.yaml",
            "zones/types.yaml"
        ],
        "files changed beyond the ones upstream changed"
    );
    let changes = |path: &str| line_changes(&before[path], &after[path]);

    // The summary is the operation's first doc line: one line out, one in.
    let (removed, added) = changes("dns/records.yaml");
    assert_eq!(removed.len(), 1, "{removed:?}");
    assert!(removed[0].contains("List DNS Records."), "{removed:?}");
    assert_eq!(added.len(), 1, "{added:?}");
    assert!(
        added[0].contains("List the DNS Records of a zone."),
        "{added:?}"
    );

    // Additions only add: nothing renamed, renumbered or reordered.
    for (path, needle) in [
        ("zones.yaml", "owner"),
        ("zones/types.yaml", "region"),
        ("zones/rate_plans.yaml", "How many plans."),
    ] {
        let (removed, added) = changes(path);
        assert!(removed.is_empty(), "{path} lost lines: {removed:?}");
        assert!(
            added.iter().any(|l| l.contains(needle)),
            "{path}: {added:?}"
        );
        assert!(added.len() <= 30, "{path} grew by {} lines", added.len());
    }

    // The removal only removes: the operation, its own types, and where
    // alike types were aliases of its response, that line of each (they
    // then point at the next of them, which keeps the definition).
    let path = "zones/subscriptions.yaml";
    let (removed, added) = changes(path);
    assert!(
        removed.iter().any(|l| l.contains("method: PUT")),
        "{removed:?}"
    );
    let type_names = |text: &str| -> Vec<String> {
        let file: serde_yaml::Value = serde_yaml::from_str(text).expect("YAML");
        file["types"]
            .as_mapping()
            .map(|types| {
                types
                    .keys()
                    .filter_map(|k| k.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    let (names_before, names_after) = (type_names(&before[path]), type_names(&after[path]));
    let kept: Vec<&String> = names_before
        .iter()
        .filter(|name| !name.starts_with("SubscriptionUpdate"))
        .collect();
    assert_eq!(names_after.iter().collect::<Vec<_>>(), kept);
    for line in &added {
        let (_, name) = line
            .trim()
            .split_once(": ")
            .unwrap_or_else(|| panic!("{path} gained {line:?}"));
        assert!(
            (line.trim().starts_with("alias: ") || line.trim().starts_with("result: "))
                && names_after.iter().any(|n| n == name),
            "{path} gained {line:?}, not a pointer to a type it had"
        );
    }

    // The report: the added operation's derived name is listed, the removed
    // one's pinned or derived line goes, nothing else moves.
    let (removed, added) = line_changes(&report_before, &report_after);
    assert!(
        added
            .iter()
            .any(|l| l.contains("zone-rate-plan-plans-summary")),
        "{added:?}"
    );
    assert!(
        added.len() <= 2 && removed.len() <= 2,
        "{removed:?} {added:?}"
    );
}
