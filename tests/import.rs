//! `cargo xtask import` as a library: the AI Gateway document and its
//! configuration (`import/ai-gateway.yaml`) become schema files that generate,
//! whose operations send what the hand-written schema's send; the import is
//! deterministic, reports what it cannot carry, and points into the document
//! when the document is wrong.

use codegen::import::{self, Document, ImportConfig, Outcome};
use codegen::model::{Api, Module, Operation};
use sdk_tests::root;

const CONFIG: &str = "import/ai-gateway.yaml";

fn read(path: &str) -> String {
    let full = root().join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

fn config() -> ImportConfig {
    ImportConfig::parse(CONFIG, &read(CONFIG)).expect("the configuration reads")
}

/// A configuration that takes every operation and names none.
fn minimal_config() -> ImportConfig {
    ImportConfig::parse("c.yaml", "document: d.json\napi: api.yaml\n").expect("config")
}

fn imported() -> import::Imported {
    let config = config();
    let document = Document::parse(&config.document, &read(&config.document)).expect("parses");
    import::import(&document, &config, &read(&config.api)).expect("imports")
}

fn operation<'a>(api: &'a Api, path: &[&str], name: &str) -> &'a Operation {
    let mut module: &Module = &api.root;
    for part in path {
        module = module
            .children
            .iter()
            .find(|m| m.name == *part)
            .unwrap_or_else(|| panic!("no module {part}"));
    }
    module
        .operations
        .iter()
        .find(|o| o.name == name)
        .unwrap_or_else(|| panic!("no operation {name}"))
}

#[test]
fn the_ai_gateway_document_imports_and_generates() {
    let imported = imported();
    let outcome = |id: &str| {
        imported
            .operations
            .iter()
            .find(|r| r.id == id)
            .map(|r| (r.target.clone(), r.outcome.clone()))
            .unwrap_or_else(|| panic!("{id} is not in the report"))
    };
    assert_eq!(imported.operations.len(), 7);
    for (id, target) in [
        ("aig-config-get-gateway-log-detail", "ai_gateway.logs.get"),
        (
            "aig-config-get-gateway-log-request",
            "ai_gateway.logs.request",
        ),
        (
            "aig-config-get-gateway-log-response",
            "ai_gateway.logs.response",
        ),
    ] {
        assert_eq!(outcome(id), (target.to_string(), Outcome::Faithful), "{id}");
    }
    let (target, list) = outcome("aig-config-list-gateway-logs");
    assert_eq!(target, "ai_gateway.logs.list");
    assert!(
        matches!(&list, Outcome::Approximated(notes) if notes == &["query.filters[].value: items that may be null are read as required"]),
        "{list:?}"
    );
    // A JSON body (PATCH with nullable fields) and a union with object members.
    assert_eq!(
        outcome("aig-config-patch-gateway-log"),
        ("ai_gateway.logs.edit".to_string(), Outcome::Faithful)
    );
    assert_eq!(
        outcome("aig-config-list-gateway"),
        ("ai_gateway.gateways.list".to_string(), Outcome::Faithful)
    );
    codegen::generate_texts(imported.files.clone()).expect("the imported schema generates");
}

#[test]
fn the_imported_list_operation_sends_what_the_hand_written_one_sends() {
    let imported = codegen::model_texts(imported().files).expect("models");
    let written = codegen::model_dir(&root().join("schema")).expect("models");
    let (a, b) = (
        operation(&imported, &["ai_gateway", "logs"], "list"),
        operation(&written, &["ai_gateway", "logs"], "list"),
    );
    assert_eq!(a.method, b.method);
    assert_eq!(a.path, b.path);
    assert_eq!(a.params_type, b.params_type);
    assert_eq!(a.pagination.is_some(), b.pagination.is_some());
    let wire = |op: &Operation| {
        op.query
            .iter()
            .map(|f| {
                (
                    f.wire.clone(),
                    f.ty.clone(),
                    f.optional(),
                    f.deprecated.is_some(),
                    f.constraints.clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(wire(a), wire(b));
    let path = |op: &Operation| {
        op.path_params
            .iter()
            .map(|p| {
                (
                    p.field.wire.clone(),
                    p.argument,
                    p.field.constraints.clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(path(a), path(b));
}

#[test]
fn importing_twice_gives_the_same_files_and_the_committed_report() {
    let (first, second) = (imported(), imported());
    assert_eq!(first.files, second.files);
    assert_eq!(
        import::report_markdown(&first.operations),
        read("import/ai-gateway.report.md"),
        "import/ai-gateway.report.md is stale: run `cargo xtask import`"
    );
}

#[test]
fn errors_point_into_the_document() {
    let error = Document::parse("api.json", "{\"openapi\": \"2.0\"}")
        .err()
        .expect("refused");
    assert_eq!(
        error.to_string(),
        "api.json#/openapi: OpenAPI \"2.0\" is not 3.0 or 3.1"
    );
    let text = r##"{"openapi": "3.0.3", "paths": {"/zones": {"get": {"operationId": "z",
        "parameters": [{"name": "a", "in": "query", "schema": {"type": "string"}},
                       {"$ref": "#/components/parameters/missing"}],
        "responses": {"200": {"content": {"application/json": {"schema": {"type": "object"}}}}}}}}}"##;
    let document = Document::parse("openapi.json", text).expect("parses");
    let config =
        ImportConfig::parse("c.yaml", "document: openapi.json\napi: api.yaml\n").expect("config");
    let imported = import::import(&document, &config, &read("import/api.yaml")).expect("imports");
    assert_eq!(
        imported.operations[0].outcome,
        Outcome::Skipped(
            "openapi.json#/paths/~1zones/get/parameters/1/$ref: `#/components/parameters/missing` points at nothing"
                .to_string()
        )
    );
}

#[test]
fn hostile_documents_are_errors_or_reports_never_panics() {
    let config = minimal_config();
    let api = read("import/api.yaml");
    for text in [
        "",
        "[]",
        "{\"openapi\": \"3.0.0\"}",
        "{\"openapi\": \"3.0.0\", \"paths\": []}",
        "{\"openapi\": \"3.0.0\", \"paths\": {\"/a\": {\"get\": 1}}}",
        "{\"openapi\": \"3.0.0\", \"paths\": {\"/a\": {\"get\": {\"responses\": {\"200\": {\"$ref\": \"#/x\"}}}}}, \"x\": {\"$ref\": \"#/x\"}}",
        "{\"openapi\": \"3.1.0\", \"paths\": {\"/{a}\": {\"get\": {\"parameters\": [{\"in\": \"query\"}], \"responses\": {}}}}}",
        "{\"openapi\": \"3.1.0\", \"paths\": {\"/a\": {\"get\": {\"responses\": {\"200\": {\"content\": {\"application/json\": {\"schema\": {\"type\": [\"string\", \"null\", 7], \"enum\": [1, \"a\", null]}}}}}}}}}",
        "openapi: 3.0.0\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          content:\n            application/json:\n              schema: {items: {items: {allOf: [{oneOf: [{}]}]}}, type: array}\n",
    ] {
        if let Ok(document) = Document::parse("d.json", text) {
            if let Ok(imported) = import::import(&document, &config, &api) {
                // Whatever was imported is a schema the generator accepts or refuses cleanly.
                let _ = codegen::generate_texts(imported.files);
            }
        }
    }
}

#[test]
fn recursive_and_deeply_nested_schemas_end() {
    let config = minimal_config();
    let api = read("import/api.yaml");
    // Arrays of arrays, 60 deep: within serde_json's nesting limit, past the import's.
    let mut deep = serde_json::json!({"type": "string"});
    for _ in 0..60 {
        deep = serde_json::json!({"type": "array", "items": deep});
    }
    let response = |schema: serde_json::Value| serde_json::json!({"200": {"content": {"application/json": {"schema": schema}}}});
    let node = serde_json::json!({"$ref": "#/components/schemas/Node"});
    let text = serde_json::json!({
        "openapi": "3.0.3",
        "paths": {
            "/trees": {"get": {"operationId": "tree", "responses": response(node.clone())}},
            "/deep": {"get": {"operationId": "deep", "responses": response(deep)}},
        },
        "components": {"schemas": {"Node": {"type": "object", "properties": {
            "name": {"type": "string"},
            "children": {"type": "array", "items": node.clone()},
            "parent": node,
        }}}},
    })
    .to_string();
    let document = Document::parse("d.json", &text).expect("parses");
    let imported = import::import(&document, &config, &api).expect("imports");
    let outcome = |id: &str| {
        imported
            .operations
            .iter()
            .find(|r| r.id == id)
            .map(|r| r.outcome.clone())
            .expect("reported")
    };
    assert_eq!(outcome("tree"), Outcome::Faithful);
    assert!(
        matches!(outcome("deep"), Outcome::Skipped(why) if why.contains("nested more than")),
        "{:?}",
        outcome("deep")
    );
    // The recursive type refers to itself and generates (boxed where needed).
    codegen::generate_texts(imported.files).expect("generates");
}

#[test]
fn names_the_document_cannot_give_are_made_so_the_schema_generates() {
    let config = minimal_config();
    let response = |schema: serde_json::Value| serde_json::json!({"200": {"content": {"application/json": {"schema": schema}}}});
    let text = serde_json::json!({
        "openapi": "3.0.3",
        "paths": {
            // A path ending in `copy`: the handle would be `Copy`.
            "/videos/copy": {"get": {"operationId": "copy", "tags": ["Stream"],
                "parameters": [{"name": "op", "in": "query",
                    "schema": {"type": "string", "enum": ["<", "<=", "a", "A"]}}],
                "requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}},
                "responses": response(serde_json::json!({"type": "object", "properties": {
                    "<=1y": {"type": "integer"}, ">1y": {"type": "integer"}}}))}},
        },
    })
    .to_string();
    let document = Document::parse("d.json", &text).expect("parses");
    let imported = import::import(&document, &config, &read("import/api.yaml")).expect("imports");
    let report = &imported.operations[0];
    assert_eq!(report.target, "stream.copy_resource.list");
    assert!(
        matches!(&report.outcome, Outcome::Approximated(notes) if notes.iter().any(|n| n.contains("GET request sends none"))),
        "{:?}",
        report.outcome
    );
    let resource = &imported
        .files
        .iter()
        .find(|(path, _)| path == "stream/copy_resource.yaml")
        .expect("resource file")
        .1;
    for expected in ["name: Lt", "name: Le", "rust_name: _1y_2"] {
        assert!(resource.contains(expected), "{expected:?} in\n{resource}");
    }
    codegen::generate_texts(imported.files).expect("generates");
}

#[test]
fn cloudflares_whole_description_imports_into_a_schema_that_validates() {
    let path = "import/cloudflare.yaml";
    let config = ImportConfig::parse(path, &read(path)).expect("the configuration reads");
    let document = Document::parse(&config.document, &read(&config.document)).expect("parses");
    let imported = import::import(&document, &config, &read(&config.api)).expect("imports");
    assert_eq!(imported.operations.len(), 1533);
    let carried = imported
        .operations
        .iter()
        .filter(|r| !matches!(r.outcome, Outcome::Skipped(_)))
        .count();
    assert!(carried >= 1528, "{carried} of 1,533 imported");
    // Faithful: the SDK sends and accepts what the document says (a floor, so
    // a regression fails; raise it as the import carries more).
    let faithful = imported
        .operations
        .iter()
        .filter(|r| r.outcome == Outcome::Faithful)
        .count();
    assert!(faithful >= 1470, "{faithful} of 1,533 faithful");
    // Every operation not imported says why.
    assert!(imported.operations.iter().all(|r| match &r.outcome {
        Outcome::Skipped(why) => !why.is_empty(),
        _ => true,
    }));
    codegen::model_texts(imported.files).expect("the whole-API schema validates");
}

/// One operation's outcome and its resource file, from a document of one path.
fn import_one(paths: serde_json::Value, schemas: serde_json::Value) -> (Outcome, String) {
    let text =
        serde_json::json!({"openapi": "3.0.3", "paths": paths, "components": {"schemas": schemas}})
            .to_string();
    let document = Document::parse("d.json", &text).expect("parses");
    let imported =
        import::import(&document, &minimal_config(), &read("import/api.yaml")).expect("imports");
    let outcome = imported.operations[0].outcome.clone();
    let resource = imported
        .files
        .iter()
        .find(|(path, _)| path != "api.yaml")
        .map(|(_, text)| text.clone())
        .unwrap_or_default();
    codegen::generate_texts(imported.files).unwrap_or_else(|e| panic!("{e}\n{resource}"));
    (outcome, resource)
}

fn envelope(result: serde_json::Value) -> serde_json::Value {
    serde_json::json!({"200": {"content": {"application/json": {"schema": {
        "type": "object", "properties": {"success": {"type": "boolean", "enum": [true]}, "result": result}}}}}})
}

#[test]
fn constructs_the_document_uses_are_carried_faithfully() {
    let (outcome, resource) = import_one(
        serde_json::json!({"/zones/{zone}/items/{n}/{kind}/{any}": {"post": {
            "operationId": "make",
            "parameters": [
                {"name": "zone", "in": "path", "required": true,
                 "schema": {"allOf": [{"type": "string", "maxLength": 32}, {"readOnly": true, "type": "string"}]}},
                {"name": "n", "in": "path", "required": true, "schema": {"type": "integer", "minimum": 1}},
                {"name": "kind", "in": "path", "required": true, "schema": {"type": "string", "enum": ["a", "b"]}},
                {"name": "any", "in": "path", "required": true, "schema": {}},
                {"name": "since", "in": "query", "schema": {"type": "array", "items": {"type": "string", "format": "date-time"}}},
                {"name": "ids", "in": "query", "explode": false, "schema": {"type": "array", "items": {"type": "integer"}}},
                {"name": "page", "in": "query", "schema": {"minimum": 1}},
                {"name": "hint", "in": "query", "schema": {"description": "Anything."}},
            ],
            "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Rule"}}}},
            "responses": envelope(serde_json::json!({"anyOf": [{"type": "object"}, {"type": "string"}]})),
        }}}),
        serde_json::json!({
            "Base": {"type": "object", "properties": {"id": {"type": "string"}, "enabled": {"type": "boolean", "enum": [true]}}},
            "Block": {"type": "object", "properties": {"status": {"type": "integer"}}, "required": ["status"]},
            "Log": {"type": "object", "properties": {"fields": {"type": "array", "items": {"type": "string", "maxLength": 8}}}, "required": ["fields"]},
            "Named": {"allOf": [{"$ref": "#/components/schemas/Base"}]},
            "Rule": {"allOf": [
                {"$ref": "#/components/schemas/Named"},
                {"oneOf": [{"$ref": "#/components/schemas/Block"}, {"$ref": "#/components/schemas/Log"}]},
            ]},
        }),
    );
    assert_eq!(outcome, Outcome::Faithful, "{resource}");
    for expected in [
        // Path parameters: scalars merged from allOf, integers, enums, text.
        "zone:
        type: string",
        "max_length: 32",
        "n:
        type: integer",
        "minimum: 1",
        "kind:
        type: ItemCreateParamsKind",
        "any:
        type: string",
        // Item rules, comma lists, implied types, text of any value.
        "items:
          format: date-time",
        "style: comma",
        "page:
        type: number",
        "hint:
        type: string",
        // A union of compositions, a flag of one value, a json member.
        "name: Block",
        "name: Log",
        "const: true",
        "type: json",
    ] {
        assert!(resource.contains(expected), "{expected:?} in\n{resource}");
    }
}

#[test]
fn what_the_schema_cannot_check_in_a_request_is_reported_but_not_in_a_response() {
    let rules = serde_json::json!({"type": "array", "items": {"oneOf": [
        {"type": "string", "format": "ipv4"}, {"type": "string", "format": "ipv6"}]}});
    let (outcome, _) = import_one(
        serde_json::json!({"/ips": {"put": {
            "operationId": "ips",
            "requestBody": {"content": {"application/json": {"schema": {"type": "object", "properties": {"ips": rules}}}}},
            "responses": envelope(serde_json::json!({"type": "boolean"})),
        }}}),
        serde_json::json!({}),
    );
    assert_eq!(
        outcome,
        Outcome::Approximated(vec![
            "body.ips[]: a member's format and bounds are not checked".to_string()
        ])
    );
    let (outcome, _) = import_one(
        serde_json::json!({"/ips": {"get": {
            "operationId": "ips",
            "responses": envelope(serde_json::json!({"type": "object", "properties": {
                "ips": rules,
                "flag": {"type": "boolean", "enum": [false]},
                "link": {"type": "string", "format": "uri-reference"},
                "trend": {"type": "array", "items": {"type": "number", "nullable": true}},
            }})),
        }}}),
        serde_json::json!({}),
    );
    assert_eq!(outcome, Outcome::Faithful);
}
