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
    // A GET of one object (not a list) is `get`.
    assert_eq!(report.target, "stream.copy_resource.get");
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
    assert!(faithful >= 1531, "{faithful} of 1,533 faithful");
    // Every operation not imported says why.
    assert!(imported.operations.iter().all(|r| match &r.outcome {
        Outcome::Skipped(why) => !why.is_empty(),
        _ => true,
    }));
    codegen::model_texts(imported.files).expect("the whole-API schema validates");
}

/// A document of a few tagged operations, for the naming rules.
fn tagged_document() -> Document {
    let ok = serde_json::json!({"200": {"content": {"application/json": {"schema": {
        "type": "object", "properties": {"result": {"type": "object"}}}}}}});
    let list = serde_json::json!({"200": {"content": {"application/json": {"schema": {
        "type": "object", "properties": {"result": {"type": "array", "items": {"type": "string"}}}}}}}});
    // Each path declares its parameters, as a document must.
    let op = |path: &str, id: &str, tag: &str, responses: &serde_json::Value| {
        let parameters: Vec<serde_json::Value> = path
            .split('/')
            .filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'))
            .map(|name| serde_json::json!({"name": name, "in": "path", "required": true, "schema": {"type": "string"}}))
            .collect();
        serde_json::json!({"operationId": id, "tags": [tag], "parameters": parameters, "responses": responses})
    };
    let text = serde_json::json!({
        "openapi": "3.0.3",
        "paths": {
            "/zones": {"get": op("/zones", "zones-list", "Zone", &list), "post": op("/zones", "zones-post", "Zone", &ok)},
            "/zones/{zone_id}": {"get": op("/zones/{zone_id}", "zones-get", "Zone", &ok), "delete": op("/zones/{zone_id}", "zones-delete", "Zone", &ok)},
            "/zones/{zone_id}/purge_cache": {"post": op("/zones/{zone_id}/purge_cache", "zone-purge", "Zone", &ok)},
            "/zones/{zone_id}/filters": {"get": op("/zones/{zone_id}/filters", "filters-list", "Filters", &list),
                "delete": op("/zones/{zone_id}/filters", "filters-bulk", "Filters", &ok)},
            "/zones/{zone_id}/filters/{id}": {"delete": op("/zones/{zone_id}/filters/{id}", "filters-delete", "Filters", &ok)},
            "/zones/{zone_id}/filters/{id}/rules": {"get": op("/zones/{zone_id}/filters/{id}/rules", "filters-rules", "Filters", &list)},
            "/zones/{zone_id}/filters/{id}/rules/{rule_id}": {"get": op("/zones/{zone_id}/filters/{id}/rules/{rule_id}", "filters-rule", "Filters", &ok)},
            "/accounts/{account_id}/tunnels": {"get": op("/accounts/{account_id}/tunnels", "tunnels-list", "Tunnels", &list)},
            "/accounts/{account_id}/tunnels/{id}/token": {"get": op("/accounts/{account_id}/tunnels/{id}/token", "tunnels-token", "Tunnels", &ok)},
        },
    })
    .to_string();
    Document::parse("d.json", &text).expect("parses")
}

fn targets(config: &str) -> Result<Vec<(String, String)>, String> {
    let config = ImportConfig::parse("c.yaml", config)?;
    let imported = import::import(&tagged_document(), &config, &read("import/api.yaml"))
        .map_err(|e| e.to_string())?;
    Ok(imported
        .operations
        .iter()
        .map(|r| (r.id.clone(), r.target.clone()))
        .collect())
}

#[test]
fn tags_name_modules_and_paths_name_methods() {
    let targets = targets(
        "document: d.json\napi: api.yaml\ntags:\n  Zone: zones\n  Filters: firewall/filters\n  Tunnels: zero_trust/*\n",
    )
    .expect("imports");
    let target = |id: &str| {
        targets
            .iter()
            .find(|(i, _)| i == id)
            .map(|(_, t)| t.as_str())
            .unwrap_or_else(|| panic!("{id} not imported"))
    };
    assert_eq!(target("zones-list"), "zones.list");
    assert_eq!(target("zones-post"), "zones.create");
    assert_eq!(target("zones-get"), "zones.get");
    assert_eq!(target("zones-delete"), "zones.delete");
    // Past the item, the literal segments name the method.
    assert_eq!(target("zone-purge"), "zones.purge_cache");
    // A DELETE of a collection whose module has items acts on many.
    assert_eq!(target("filters-bulk"), "firewall.filters.bulk_delete");
    assert_eq!(target("filters-delete"), "firewall.filters.delete");
    assert_eq!(target("filters-rules"), "firewall.filters.list_rules");
    assert_eq!(target("filters-rule"), "firewall.filters.get_rule");
    // `group/*`: the resource is the path's last literal segment.
    assert_eq!(target("tunnels-list"), "zero_trust.tunnels.list");
    assert_eq!(target("tunnels-token"), "zero_trust.token.get");
}

#[test]
fn configuration_errors_name_file_line_column_and_the_likely_meaning() {
    // An unknown key, with the key it was likely meant to be.
    let error = ImportConfig::parse("c.yaml", "document: d.json\napi: api.yaml\ntagz: {}\n")
        .expect_err("refused");
    assert!(
        error.starts_with("c.yaml:3:1: tagz: unknown key `tagz`"),
        "{error}"
    );
    assert!(error.contains("did you mean `tags`?"), "{error}");
    // A module path that is not one.
    let error = ImportConfig::parse(
        "c.yaml",
        "document: d.json\napi: api.yaml\ntags:\n  Zone: Zones/List\n",
    )
    .expect_err("refused");
    assert!(
        error.starts_with("c.yaml:4:3: tags.Zone: `Zones/List` is not a module path"),
        "{error}"
    );
    let error = ImportConfig::parse("c.yaml", "document: d.json\napi: api.yaml\nship: [a-b]\n")
        .expect_err("refused");
    assert!(
        error.starts_with("c.yaml:3:8: ship[0]: `a-b` is not a module path"),
        "{error}"
    );
    // A tag or operationId the document does not have, with the nearest it has.
    let error =
        targets("document: d.json\napi: api.yaml\ntags:\n  Zone: zones\n  Filtres: filters\n")
            .expect_err("refused");
    assert_eq!(
        error,
        "c.yaml:5:3: tags.Filtres: no operation of d.json has the tag `Filtres`; did you mean `Filters`?"
    );
    let error =
        targets("document: d.json\napi: api.yaml\noperations:\n  zone-purg: {method: purge}\n")
            .expect_err("refused");
    assert_eq!(
        error,
        "c.yaml:4:3: operations.zone-purg: no operation of d.json has the operationId `zone-purg`; did you mean `zone-purge`?"
    );
    // An overlay for a module nothing is imported into.
    let error = targets(
        "document: d.json\napi: api.yaml\ntags: {Zone: zones}\noverlay:\n  zone: {doc: x}\n",
    )
    .expect_err("refused");
    assert_eq!(
        error,
        "c.yaml:5:3: overlay.zone: no operation is imported into `zone`"
    );
}

#[test]
fn an_overlay_merges_into_the_written_file() {
    let config = ImportConfig::parse(
        "c.yaml",
        "document: d.json\napi: api.yaml\ntags: {Zone: zones}\noverlay:\n  zones:\n    doc: Zones.\n    operations:\n      list: {auth: [api_token], doc: null}\n      get: {deprecated: Gone.}\n",
    )
    .expect("config");
    let imported =
        import::import(&tagged_document(), &config, &read("import/api.yaml")).expect("imports");
    let zones = &imported
        .files
        .iter()
        .find(|(path, _)| path == "zones.yaml")
        .expect("zones.yaml")
        .1;
    let file: serde_yaml::Value = serde_yaml::from_str(zones).expect("YAML");
    assert_eq!(file["doc"], "Zones.");
    let list = &file["operations"]["list"];
    assert_eq!(list["auth"][0], "api_token");
    assert!(list.get("doc").is_none(), "null removes a key");
    assert_eq!(list["method"], "GET", "keys the overlay does not name stay");
    assert_eq!(file["operations"]["get"]["deprecated"], "Gone.");
}

#[test]
fn ship_and_groups_from_assemble_schema() {
    let main = ImportConfig::parse(
        "import/main.yaml",
        "document: d.json\napi: api.yaml\nship: [zones, firewall/*]\ngroups_from: {firewall: other.yaml}\ntags: {Zone: zones, Filters: firewall/filters, Tunnels: zero_trust/*}\n",
    )
    .expect("config");
    let api = read("import/api.yaml");
    let main_files = import::import(&tagged_document(), &main, &api)
        .expect("imports")
        .files;
    let other = ImportConfig::parse(
        "other.yaml",
        "document: d.json\napi: api.yaml\ngroups: {firewall: The firewall.}\ntags: {Filters: firewall/rules_of_filters}\n",
    )
    .expect("config");
    let other_files = import::import(&tagged_document(), &other, &api)
        .expect("imports")
        .files;
    let delegated = [("firewall".to_string(), other_files)]
        .into_iter()
        .collect();
    let files = import::assemble(&main, main_files.clone(), &delegated).expect("assembles");
    let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    // zero_trust is not shipped; firewall comes from the other configuration.
    assert_eq!(
        paths,
        ["api.yaml", "firewall/rules_of_filters.yaml", "zones.yaml"]
    );
    let api: serde_yaml::Value = serde_yaml::from_str(&files[0].1).expect("YAML");
    assert_eq!(api["groups"]["firewall"]["doc"], "The firewall.");
    assert!(api["groups"].get("zero_trust").is_none());
    codegen::generate_texts(files).expect("the assembled schema generates");

    // A ship entry that matches nothing is an error at its place.
    let main = ImportConfig::parse(
        "import/main.yaml",
        "document: d.json\napi: api.yaml\nship: [zones, dns/*]\n",
    )
    .expect("config");
    let error = import::assemble(&main, main_files, &Default::default()).expect_err("refused");
    assert_eq!(
        error,
        "import/main.yaml:3:15: ship[1]: no imported module is `dns/*`"
    );
}

/// One operation's outcome and its schema files, from a document of one path.
fn import_one(paths: serde_json::Value, schemas: serde_json::Value) -> (Outcome, String) {
    let text =
        serde_json::json!({"openapi": "3.0.3", "paths": paths, "components": {"schemas": schemas}})
            .to_string();
    let document = Document::parse("d.json", &text).expect("parses");
    let imported =
        import::import(&document, &minimal_config(), &read("import/api.yaml")).expect("imports");
    let outcome = imported.operations[0].outcome.clone();
    // The resource file and the files of the components it uses.
    let resource = imported
        .files
        .iter()
        .filter(|(path, _)| path != "api.yaml")
        .map(|(_, text)| text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
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
        type: ItemCreateZonesItemParamsKind",
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
            "requestBody": {"content": {"application/json": {"schema": {"type": "object", "properties": {
                "ips": {"type": "array", "items": {"type": "string", "format": "colour"}}}}}}},
            "responses": envelope(serde_json::json!({"type": "boolean"})),
        }}}),
        serde_json::json!({}),
    );
    assert_eq!(
        outcome,
        Outcome::Approximated(vec![
            "body.ips[]: format `colour` is not checked".to_string()
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

#[test]
fn a_default_the_enum_does_not_list_is_said_in_the_doc() {
    // The document contradicts itself; a default is documentation only (the
    // SDK never sends it), so nothing on the wire is lost.
    let (outcome, resource) = import_one(
        serde_json::json!({"/jobs": {"get": {
            "operationId": "jobs",
            "parameters": [{"name": "kind", "in": "query", "schema": {
                "type": "string", "enum": ["edge", "instant"], "default": "",
                "description": "The kind of job."}}],
            "responses": envelope(serde_json::json!({"type": "string"})),
        }}}),
        serde_json::json!({}),
    );
    assert_eq!(outcome, Outcome::Faithful, "{resource}");
    assert!(
        resource.contains("The API's default is `\"\"`, which the description does not list"),
        "{resource}"
    );
    assert!(!resource.contains("default: ''"), "{resource}");
}

#[test]
fn unions_inside_unions_are_one_union_and_array_members_one_array() {
    let (outcome, resource) = import_one(
        serde_json::json!({"/run": {"post": {
            "operationId": "run",
            "requestBody": {"content": {"application/json": {"schema": {"oneOf": [
                {"title": "Text", "type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]},
                {"title": "Audio", "type": "object", "oneOf": [
                    {"type": "string", "format": "binary"},
                    {"type": "object", "properties": {"audio": {"type": "array", "items": {"type": "number"}}}, "required": ["audio"]},
                ]},
                {"title": "Image", "oneOf": [
                    {"type": "string", "format": "binary"},
                    {"type": "object", "properties": {"image": {"type": "array", "items": {"type": "number"}}}, "required": ["image"]},
                ]},
            ]}}}},
            "responses": envelope(serde_json::json!({"oneOf": [
                {"title": "Labels", "type": "array", "items": {"$ref": "#/components/schemas/Label"}},
                {"title": "Image labels", "type": "array", "items": {"$ref": "#/components/schemas/Label"}},
                {"title": "Boxes", "type": "array", "items": {"type": "object", "properties": {"box": {"type": "string"}}, "required": ["box"]}},
                {"type": "object", "properties": {"summary": {"type": "string"}}},
            ]})),
        }}}),
        serde_json::json!({"Label": {"type": "object", "properties": {"label": {"type": "string"}}, "required": ["label"]}}),
    );
    // The binary text member is listed twice and kept once; nothing is lost.
    assert_eq!(outcome, Outcome::Faithful, "{resource}");
    let request_members = [
        "name: String",
        "name: Member0",
        "name: Member2",
        "name: Member3",
    ];
    for member in request_members {
        assert!(resource.contains(member), "{member:?} in\n{resource}");
    }
    assert_eq!(resource.matches("name: String").count(), 1, "{resource}");
    // Three array members become one array of either item.
    assert_eq!(resource.matches("name: List").count(), 1, "{resource}");
    assert!(resource.contains("name: Label"), "{resource}");

    // The same merge in a request loosens it, which the report says.
    let (outcome, _) = import_one(
        serde_json::json!({"/run": {"post": {
            "operationId": "run",
            "requestBody": {"content": {"application/json": {"schema": {"oneOf": [
                {"type": "array", "items": {"type": "string"}},
                {"type": "array", "items": {"type": "integer"}},
            ]}}}},
            "responses": envelope(serde_json::json!({"type": "boolean"})),
        }}}),
        serde_json::json!({}),
    );
    assert_eq!(
        outcome,
        Outcome::Approximated(vec![
            "body: array members of different items are read as one array of either item"
                .to_string()
        ])
    );
}

#[test]
fn a_union_that_holds_itself_is_an_error_not_a_hang() {
    let text = serde_json::json!({"openapi": "3.0.3",
        "paths": {"/loop": {"post": {"operationId": "loop",
            "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Loop"}}}},
            "responses": envelope(serde_json::json!({"type": "boolean"}))}}},
        "components": {"schemas": {"Loop": {"oneOf": [{"$ref": "#/components/schemas/Loop"}, {"type": "string"}]}}}})
    .to_string();
    let document = Document::parse("d.json", &text).expect("parses");
    let imported =
        import::import(&document, &minimal_config(), &read("import/api.yaml")).expect("imports");
    match &imported.operations[0].outcome {
        Outcome::Skipped(reason) => {
            assert!(
                reason.contains("unions nested more than 8 deep"),
                "{reason}"
            )
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_get_body_without_a_schema_is_dropped_silently_and_with_one_is_reported() {
    let get = |content: serde_json::Value| {
        import_one(
            serde_json::json!({"/vtt": {"get": {
                "operationId": "vtt",
                "requestBody": {"content": {"application/json": content}, "required": true},
                "responses": envelope(serde_json::json!({"type": "string"})),
            }}}),
            serde_json::json!({}),
        )
    };
    let (outcome, resource) = get(serde_json::json!({}));
    assert_eq!(outcome, Outcome::Faithful, "{resource}");
    assert!(!resource.contains("body:"), "{resource}");
    let (outcome, _) = get(serde_json::json!({"schema": {"type": "object",
        "properties": {"lang": {"type": "string"}}}}));
    assert_eq!(
        outcome,
        Outcome::Approximated(vec!["body: a GET request sends none; dropped".to_string()])
    );
}

#[test]
fn a_result_info_of_unknown_fields_is_a_page_info_that_keeps_them() {
    let (outcome, resource) = import_one(
        serde_json::json!({"/history": {"get": {
            "operationId": "history",
            "responses": {"200": {"content": {"application/json": {"schema": {
                "type": "object", "properties": {
                    "success": {"type": "boolean"},
                    "result": {"type": "array", "items": {"type": "string"}},
                    "result_info": {"type": "object", "example": {"page": 1}},
                }}}}}},
        }}}),
        serde_json::json!({}),
    );
    assert_eq!(outcome, Outcome::Faithful, "{resource}");
    assert!(resource.contains("page:"), "{resource}");
    assert!(
        resource.contains("result_info: HistoryListResultInfo"),
        "{resource}"
    );
    assert!(resource.contains("object: {}"), "{resource}");
}

#[test]
fn a_pattern_beside_a_text_format_is_kept_and_beside_a_typed_one_reported() {
    let post = |format: &str| {
        import_one(
            serde_json::json!({"/ops": {"post": {
                "operationId": "ops",
                "requestBody": {"content": {"application/json": {"schema": {"type": "object",
                    "properties": {"endpoint": {"type": "string", "format": format, "pattern": "^/.*$"}}}}}},
                "responses": envelope(serde_json::json!({"type": "boolean"})),
            }}}),
            serde_json::json!({}),
        )
    };
    let (outcome, resource) = post("uri-template");
    assert_eq!(outcome, Outcome::Faithful, "{resource}");
    assert!(resource.contains("pattern: ^/.*$"), "{resource}");
    let (outcome, _) = post("date-time");
    assert_eq!(
        outcome,
        Outcome::Approximated(vec!["body.endpoint: `pattern` is not checked".to_string()])
    );
}

#[test]
fn rules_of_union_members_map_values_and_bodies_are_carried() {
    let (outcome, resource) = import_one(
        serde_json::json!({"/apps/{app_id}": {"put": {
            "operationId": "apps",
            "parameters": [{"name": "app_id", "in": "path", "required": true, "schema": {"anyOf": [
                {"type": "string", "maxLength": 32}, {"type": "string", "format": "uuid"}]}}],
            "requestBody": {"content": {"application/json": {"schema": {"type": "object", "properties": {
                "ttl": {"anyOf": [{"type": "number", "minimum": 30, "maximum": 86400}, {"type": "number", "enum": [1]}]},
                "ips": {"type": "array", "items": {"oneOf": [
                    {"type": "string", "format": "ipv4"}, {"type": "string", "format": "ipv6"}]}},
                "policies": {"type": "array", "items": {"oneOf": [
                    {"type": "object", "properties": {"name": {"type": "string"}}},
                    {"type": "string", "format": "uuid"}]}},
                "text": {"oneOf": [{"type": "string", "minLength": 1},
                    {"type": "array", "maxItems": 100, "items": {"type": "string", "maxLength": 10}}]},
                "rules": {"type": "object", "additionalProperties": {
                    "type": "array", "minItems": 1, "items": {"type": "string", "pattern": "^[a-f]+$"}}},
            }}}}},
            "responses": envelope(serde_json::json!({"type": "boolean"})),
        }}, "/revoke": {"post": {
            "operationId": "revoke",
            "requestBody": {"content": {"application/json": {"schema": {
                "type": "array", "minItems": 1, "items": {"type": "string", "format": "uuid"}}}}},
            "responses": envelope(serde_json::json!({"type": "boolean"})),
        }}}),
        serde_json::json!({}),
    );
    assert_eq!(outcome, Outcome::Faithful, "{resource}");
    for expected in [
        // Same-kind members with rules of their own: any_of.
        "any_of:
        - max_length: 32
        - format: uuid",
        "any_of:
          - minimum: 30
            maximum: 86400
          - minimum: 1
            maximum: 1",
        "items:
            any_of:
            - format: ipv4
            - format: ipv6",
        // Union members, map values and a json_type body keep their rules.
        "type: string
      format: uuid",
        "max_items: 100
      items:
        max_length: 10",
        "values:
            min_items: 1
            items:
              pattern: ^[a-f]+$",
        "json_type:
        array: string
      min_items: 1
      items:
        format: uuid",
    ] {
        assert!(resource.contains(expected), "{expected:?} in\n{resource}");
    }
}
