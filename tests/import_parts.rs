//! The importer on small documents: items and values that may be null become
//! `{nullable: T}` (in requests, responses and shared components), a
//! multipart part of an object type keeps its type, and a path placeholder
//! used twice is one parameter.

use codegen::import::{self, Document, ImportConfig, Outcome};
use sdk_tests::root;

fn read(path: &str) -> String {
    let full = root().join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

/// Every operation's outcome and the schema files (not api.yaml), from a
/// document of `paths`; the files must generate.
fn import_all(paths: serde_json::Value, schemas: serde_json::Value) -> (Vec<Outcome>, String) {
    let text =
        serde_json::json!({"openapi": "3.0.3", "paths": paths, "components": {"schemas": schemas}})
            .to_string();
    let document = Document::parse("d.json", &text).expect("parses");
    let config =
        ImportConfig::parse("c.yaml", "document: d.json\napi: api.yaml\n").expect("config");
    let imported = import::import(&document, &config, &read("import/api.yaml")).expect("imports");
    let outcomes = imported
        .operations
        .iter()
        .map(|o| o.outcome.clone())
        .collect();
    let files = imported
        .files
        .iter()
        .filter(|(path, _)| path != "api.yaml")
        .map(|(path, text)| format!("# {path}\n{text}"))
        .collect::<Vec<_>>()
        .join("\n");
    codegen::generate_texts(imported.files).unwrap_or_else(|e| panic!("{e}\n{files}"));
    (outcomes, files)
}

fn envelope(result: serde_json::Value) -> serde_json::Value {
    serde_json::json!({"200": {"content": {"application/json": {"schema": {
        "type": "object", "properties": {"success": {"type": "boolean"}, "result": result}}}}}})
}

#[test]
fn items_and_values_that_may_be_null_are_nullable_everywhere() {
    let (outcomes, files) = import_all(
        serde_json::json!({
            "/jobs": {
                "get": {
                    "operationId": "jobs",
                    "responses": envelope(serde_json::json!({"type": "array", "items": {
                        "allOf": [{"$ref": "#/components/schemas/Job"}], "nullable": true}})),
                },
                "post": {
                    "operationId": "make",
                    "requestBody": {"content": {"application/json": {"schema": {"type": "object", "properties": {
                        "names": {"type": "array", "items": {"type": "string", "maxLength": 4, "nullable": true}},
                        "labels": {"type": "object", "additionalProperties": {"type": "string", "nullable": true}},
                        "job": {"$ref": "#/components/schemas/Job"},
                    }}}}},
                    "responses": envelope(serde_json::json!({"type": "boolean"})),
                },
            },
        }),
        serde_json::json!({
            "Job": {"type": "object", "properties": {
                "trend": {"type": "array", "items": {"type": "number", "nullable": true}},
            }},
        }),
    );
    assert_eq!(outcomes, [Outcome::Faithful, Outcome::Faithful], "{files}");
    for expected in [
        // The response's list, and a shared component used by both sides.
        "result:
        array:
          nullable: JobListResponse",
        "trend:
        type:
          array:
            nullable: number",
        // Request items keep their rules, which skip nulls.
        "names:
          type:
            array:
              nullable: string",
        "items:
            max_length: 4",
        "labels:
          type:
            map:
              nullable: string",
    ] {
        assert!(files.contains(expected), "{expected:?} in\n{files}");
    }
    assert!(!files.contains("type: json"), "{files}");
}

#[test]
fn an_object_part_keeps_its_type_and_a_repeated_placeholder_is_one_parameter() {
    let (outcomes, files) = import_all(
        serde_json::json!({
            "/accounts/{account_id}/maps/{map_id}/accounts/{account_id}": {"put": {
                "operationId": "link",
                "parameters": [
                    {"name": "account_id", "in": "path", "required": true, "schema": {"type": "string"}},
                    {"name": "map_id", "in": "path", "required": true, "schema": {"type": "string"}},
                ],
                "requestBody": {"content": {"multipart/form-data": {"schema": {"type": "object", "properties": {
                    "metadata": {"$ref": "#/components/schemas/Meta"},
                    "file": {"type": "string", "format": "binary"},
                }}}}},
                "responses": envelope(serde_json::json!({"type": "boolean"})),
            }},
        }),
        serde_json::json!({
            "Meta": {"type": "object", "required": ["main"], "properties": {
                "main": {"type": "string", "minLength": 1}}},
        }),
    );
    assert_eq!(outcomes, [Outcome::Faithful], "{files}");
    for expected in [
        "path: accounts/{account_id}/maps/{map_id}/accounts/{account_id}",
        // The component, with its rules for build() to check.
        "        metadata:
          type: AccountUpdateAccountsMapsAccountParamsMetadata",
        "min_length: 1",
        "file:
          type: file",
    ] {
        assert!(files.contains(expected), "{expected:?} in\n{files}");
    }
}

#[test]
fn an_any_of_that_only_requires_fields_is_at_least_one_of() {
    let body = |schema: serde_json::Value| {
        serde_json::json!({"/apps": {"post": {
            "operationId": "add",
            "requestBody": {"content": {"application/json": {"schema": schema}}},
            "responses": envelope(serde_json::json!({"type": "boolean"})),
        }}})
    };
    let properties = serde_json::json!({
        "name": {"type": "string"},
        "hostnames": {"type": "array", "items": {"type": "string"}},
        "subnets": {"type": "array", "items": {"type": "string"}},
    });
    let (outcomes, files) = import_all(
        body(serde_json::json!({"$ref": "#/components/schemas/App"})),
        serde_json::json!({"App": {"type": "object", "required": ["name"], "properties": properties,
            "anyOf": [{"required": ["hostnames"], "title": "Hostnames"}, {"required": ["subnets"]}]}}),
    );
    assert_eq!(outcomes, [Outcome::Faithful], "{files}");
    assert!(
        files.contains(
            "    body:\n      at_least_one_of:\n      - hostnames\n      - subnets\n      json:"
        ),
        "{files}"
    );
    // A required member already holds: no rule to write.
    let (outcomes, files) = import_all(
        body(
            serde_json::json!({"type": "object", "required": ["name"], "properties": properties,
            "anyOf": [{"required": ["name"]}, {"required": ["subnets"]}]}),
        ),
        serde_json::json!({}),
    );
    assert_eq!(outcomes, [Outcome::Faithful], "{files}");
    assert!(!files.contains("at_least_one_of"), "{files}");
}
