//! The import writes a named component (`#/components/schemas/X`) once, as
//! types of a types-only file, and every operation that uses it refers to it
//! by path: in its group's `types.yaml` when one group uses it, in
//! `shared/<prefix>.yaml` when several do (tests/fixtures/import/).

use codegen::import::{self, Document, ImportConfig, Outcome};
use codegen::model::{Api, Module, TypeDecl};
use sdk_tests::root;
use sdk_tests::scratch::ScratchWorkspace;

const FIXTURE: &str = "tests/fixtures/import/shared_components.openapi.yaml";

fn read(path: &str) -> String {
    let full = root().join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

fn import_with(config_text: &str) -> import::Imported {
    let config = ImportConfig::parse("c.yaml", config_text).expect("config");
    let document = Document::parse(FIXTURE, &read(FIXTURE)).expect("parses");
    import::import(&document, &config, &read("import/api.yaml")).expect("imports")
}

fn imported() -> import::Imported {
    import_with(&format!("document: {FIXTURE}\napi: import/api.yaml\n"))
}

fn file<'a>(imported: &'a import::Imported, path: &str) -> &'a str {
    imported
        .files
        .iter()
        .find(|(p, _)| p == path)
        .map(|(_, text)| text.as_str())
        .unwrap_or_else(|| panic!("no {path} in {:?}", paths(imported)))
}

fn paths(imported: &import::Imported) -> Vec<&str> {
    imported.files.iter().map(|(p, _)| p.as_str()).collect()
}

/// The files that define type `name` (a `types:` key).
fn defined_in<'a>(imported: &'a import::Imported, name: &str) -> Vec<&'a str> {
    let key = format!("\n  {name}:\n");
    imported
        .files
        .iter()
        .filter(|(_, text)| text.contains(&key))
        .map(|(p, _)| p.as_str())
        .collect()
}

fn decl<'a>(api: &'a Api, path: &[&str], name: &str) -> &'a TypeDecl {
    let mut module: &Module = &api.root;
    for part in path {
        module = module
            .children
            .iter()
            .find(|m| m.name == *part)
            .unwrap_or_else(|| panic!("no module {part}"));
    }
    module
        .types
        .iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("no type {name}"))
}

#[test]
fn a_component_several_operations_use_is_written_once_and_referred_to_by_path() {
    let imported = imported();
    assert_eq!(
        paths(&imported),
        [
            "api.yaml",
            "owners/owners.yaml",
            "owners/pets.yaml",
            "owners/profile.yaml",
            "owners/types.yaml",
            "pets/pets.yaml",
            "shared/pets.yaml",
        ]
    );
    // Used by two groups (pets.pets and owners.pets): shared, named by its prefix.
    assert_eq!(defined_in(&imported, "PetsPet"), ["shared/pets.yaml"]);
    for user in ["pets/pets.yaml", "owners/pets.yaml"] {
        assert!(
            file(&imported, user).contains("shared.pets.PetsPet"),
            "{user}:\n{}",
            file(&imported, user)
        );
    }
    // What it refers to goes with it; inside it, names are the file's own.
    let shared = file(&imported, "shared/pets.yaml");
    for name in ["PetsKind", "PetsNode", "PetsPetTag"] {
        assert_eq!(defined_in(&imported, name), ["shared/pets.yaml"], "{name}");
    }
    assert!(shared.contains("array: PetsNode"), "recursive:\n{shared}");
    assert!(shared.contains("type: PetsKind"), "{shared}");
    // Used by two resources of one group: that group's types file.
    assert_eq!(defined_in(&imported, "OwnersOwner"), ["owners/types.yaml"]);
    assert!(file(&imported, "owners/owners.yaml").contains("result: owners.types.OwnersOwner"));
    assert!(file(&imported, "owners/profile.yaml").contains("type: owners.types.OwnersOwner"));
    // The `shared` directory is a group with a doc.
    assert!(
        file(&imported, "api.yaml").contains("shared:\n    doc: Types that several groups use.")
    );
    // A page's `result_info` stays in the operation's file, as the schema format wants.
    assert!(file(&imported, "pets/pets.yaml").contains("result_info: PetListResultInfo"));

    let api = codegen::model_texts(imported.files.clone()).expect("the schema validates");
    // Reached from a request body and from responses: both ways, wherever the users are.
    for (path, name) in [
        (["shared", "pets"], "PetsPet"),
        (["owners", "types"], "OwnersOwner"),
    ] {
        let decl = decl(&api, &path, name);
        assert!(decl.in_input && decl.in_output, "{name}: {decl:?}");
    }
    let generated = codegen::generate_texts(imported.files).expect("generates");
    let structs = generated
        .iter()
        .filter(|f| f.contents.contains("pub struct PetsPet {"))
        .count();
    assert_eq!(structs, 1);
}

#[test]
fn notes_inside_a_shared_component_are_reported_at_every_use_a_request_reaches() {
    let imported = imported();
    let outcome = |id: &str| {
        imported
            .operations
            .iter()
            .find(|r| r.id == id)
            .expect("reported")
            .outcome
            .clone()
    };
    // An unchecked format loses something only where a request sends it:
    // responses are never checked.
    assert_eq!(
        outcome("pets-create"),
        Outcome::Approximated(vec![
            "body.pet.nickname: format `nickname` is not checked".to_string()
        ])
    );
    assert_eq!(outcome("owners-pets"), Outcome::Faithful);
    assert_eq!(outcome("pets-list"), Outcome::Faithful);
}

#[test]
fn importing_twice_gives_the_same_files() {
    assert_eq!(imported().files, imported().files);
}

#[test]
fn configured_names_win_over_a_components_name() {
    let imported = import_with(&format!(
        "document: {FIXTURE}\napi: import/api.yaml\noperations:\n  owners-get:\n    response_type: OwnerDetails\n  pets-create:\n    types:\n      body.pet.tags[]: PetCreateTag\n"
    ));
    // The configured response type is the operation's own, named as configured…
    let owners = file(&imported, "owners/owners.yaml");
    assert!(owners.contains("\n  OwnerDetails:\n"), "{owners}");
    assert!(owners.contains("result: OwnerDetails"), "{owners}");
    // …and the other user of the component still shares it.
    assert_eq!(defined_in(&imported, "OwnersOwner"), ["owners/types.yaml"]);
    // A name configured inside a component: that use is the operation's own.
    let pets = file(&imported, "pets/pets.yaml");
    assert!(pets.contains("\n  PetCreateTag:\n"), "{pets}");
    assert!(pets.contains("\n  PetCreateParamsPet:\n"), "{pets}");
    assert_eq!(defined_in(&imported, "PetsPet"), ["shared/pets.yaml"]);
    codegen::model_texts(imported.files).expect("the schema validates");
}

#[test]
fn chains_of_components_too_deep_are_refused_not_overflowed() {
    // 400 components, each a field of the one before: past the nesting limit.
    let mut schemas = serde_json::Map::new();
    for i in 0..400 {
        schemas.insert(
            format!("c_{i}"),
            serde_json::json!({"type": "object", "properties": {
                "next": {"$ref": format!("#/components/schemas/c_{}", i + 1)}}}),
        );
    }
    schemas.insert("c_400".into(), serde_json::json!({"type": "string"}));
    let text = serde_json::json!({
        "openapi": "3.0.3",
        "paths": {"/chain": {"get": {"operationId": "chain", "responses": {"200": {"content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/c_0"}}}}}}}},
        "components": {"schemas": schemas},
    })
    .to_string();
    let document = Document::parse("d.json", &text).expect("parses");
    let config =
        ImportConfig::parse("c.yaml", "document: d.json\napi: api.yaml\n").expect("config");
    let imported = import::import(&document, &config, &read("import/api.yaml")).expect("imports");
    assert!(
        matches!(&imported.operations[0].outcome, Outcome::Skipped(why) if why.contains("nested more than 48 deep")),
        "{:?}",
        imported.operations[0].outcome
    );
    codegen::model_texts(imported.files).expect("what is written validates");
}

#[test]
fn the_shared_type_checks_requests_and_keeps_unknown_fields_of_responses() {
    let mut scratch = ScratchWorkspace::new("import-shared-crate");
    let files = codegen::generate_texts(imported().files).expect("generates");
    let crate_dir = scratch.member("shared");
    codegen::output::sync(&crate_dir, &files, false).expect("written");
    scratch.add_test(
        &crate_dir,
        &root().join("tests/fixtures/import/shared_behaviour.rs"),
        "behaviour.rs",
    );
    scratch.expect_success(&["test", "--quiet"]);
}

#[test]
fn cloudflares_components_are_written_once_and_the_schema_validates() {
    let path = "import/cloudflare.yaml";
    let config = ImportConfig::parse(path, &read(path)).expect("the configuration reads");
    let document = Document::parse(&config.document, &read(&config.document)).expect("parses");
    let imported = import::import(&document, &config, &read(&config.api)).expect("imports");
    // A load balancer region, used by the account's and the user's pools (groups
    // `load_balancers` and `user`).
    assert_eq!(
        defined_in(&imported, "LoadBalancingCheckRegion"),
        ["shared/load_balancing.yaml"]
    );
    let users: Vec<&str> = imported
        .files
        .iter()
        .filter(|(_, text)| text.contains("shared.load_balancing.LoadBalancingCheckRegion"))
        .map(|(p, _)| p.split('/').next().unwrap_or(p))
        .collect();
    assert!(
        users.contains(&"load_balancers") && users.contains(&"user"),
        "{users:?}"
    );
    codegen::model_texts(imported.files).expect("the whole-API schema validates");
}

#[test]
fn a_shipped_group_brings_the_shared_files_it_uses() {
    let main = ImportConfig::parse(
        "c.yaml",
        &format!("document: {FIXTURE}\napi: import/api.yaml\nship: [pets/*]\n"),
    )
    .expect("config");
    let files = import::assemble(&main, imported().files, &Default::default()).expect("assembles");
    let shipped: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    // pets/pets.yaml names shared.pets.PetsPet; owners ships nothing.
    assert_eq!(shipped, ["api.yaml", "pets/pets.yaml", "shared/pets.yaml"]);
    codegen::generate_texts(files).expect("the shipped schema generates");
}
