//! Everything the seed document (`reference/seed/ai-gateway-list-logs.txt`)
//! lists is in the schema model and in the generated crate: every parameter
//! with its deprecation, every enum value, every response field.

use codegen::model::{Module, Operation, TypeDecl, TypeKind};
use sdk_tests::root;

fn seed() -> String {
    sdk_tests::read_reference_text("seed/ai-gateway-list-logs.txt")
}

fn generated_logs() -> String {
    std::fs::read_to_string(root().join("generated/src/ai_gateway/logs.rs"))
        .expect("generated logs module")
}

fn logs_module(api: &codegen::model::Api) -> &Module {
    let group = api
        .root
        .children
        .iter()
        .find(|m| m.name == "ai_gateway")
        .expect("ai_gateway module");
    group
        .children
        .iter()
        .find(|m| m.name == "logs")
        .expect("logs module")
}

fn list(module: &Module) -> &Operation {
    module
        .operations
        .iter()
        .find(|o| o.name == "list")
        .expect("list operation")
}

fn snake(go_name: &str) -> String {
    // The seed's Go names: `MaxTokensIn` -> `max_tokens_in`, `AccountID` -> `account_id`.
    let mut out = String::new();
    let chars: Vec<char> = go_name.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
        let prev_lower = i > 0 && chars[i - 1].is_lowercase();
        if c.is_uppercase() && i > 0 && (prev_lower || next_lower) {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// (snake name, deprecated) of each `param.Field` line of the seed.
fn seed_params(seed: &str) -> Vec<(String, bool)> {
    seed.lines()
        .filter_map(|line| {
            let (name, rest) = line.split_once(' ')?;
            rest.starts_with("param.Field[").then_some(())?;
            let (name, deprecated) = match name.strip_prefix("Deprecated") {
                Some(name) => (name, true),
                None => (name, false),
            };
            Some((snake(name), deprecated))
        })
        .collect()
}

/// (Go type, value) of each `const LogListParams… = value` line.
fn seed_enum_values(seed: &str) -> Vec<(String, String)> {
    seed.lines()
        .filter_map(|line| {
            let rest = line.strip_prefix("const ")?;
            let (_, rest) = rest.split_once(' ')?;
            let (go_type, value) = rest.split_once(" = ")?;
            Some((go_type.to_string(), value.trim_matches('"').to_string()))
        })
        .collect()
}

/// (snake field, optional) of each field of `type LogListResponse struct`.
fn seed_response_fields(seed: &str) -> Vec<(String, bool)> {
    let start = seed
        .lines()
        .position(|l| l.starts_with("type LogListResponse struct"))
        .expect("response type");
    seed.lines()
        .skip(start + 1)
        .take_while(|l| !l.trim().is_empty() && !l.starts_with("List Gateway Logs"))
        .filter_map(|line| {
            let (name, ty) = line.split_once(' ')?;
            (!name.starts_with("format")).then_some(())?;
            Some((snake(name), ty.ends_with("optional")))
        })
        .collect()
}

#[test]
fn the_seed_parses_into_what_it_lists() {
    let seed = seed();
    assert_eq!(seed_params(&seed).len(), 28, "params of the seed");
    assert_eq!(
        seed_enum_values(&seed).len(),
        23 + 5 + 2 + 2 + 6 + 2,
        "enum values of the seed"
    );
    assert_eq!(
        seed_response_fields(&seed).len(),
        19,
        "response fields of the seed"
    );
}

#[test]
fn every_seed_parameter_is_a_params_field_with_its_deprecation() {
    let api = codegen::model_dir(&root().join("schema")).expect("schema");
    let list = list(logs_module(&api));
    let generated = generated_logs();
    for (name, deprecated) in seed_params(&seed()) {
        let field = list
            .params_fields()
            .find(|f| f.wire == name)
            .unwrap_or_else(|| panic!("seed parameter {name} is not in the schema"));
        assert_eq!(
            field.deprecated.is_some(),
            deprecated,
            "deprecation of {name}"
        );
        // The builder has a setter for it, deprecated exactly when the seed says so.
        let signature = format!("pub fn {}(", field.rust);
        let at = generated
            .match_indices(&signature)
            .map(|(at, _)| at)
            .find(|at| {
                generated[at + signature.len()..]
                    .trim_start()
                    .starts_with("mut self")
            })
            .unwrap_or_else(|| panic!("no setter for {name}"));
        let before = &generated[..at];
        let attrs = &before[before.rfind("\n    }\n").unwrap_or(0)..];
        assert_eq!(
            attrs.contains("#[deprecated("),
            deprecated,
            "setter of {name}"
        );
    }
    // `gateway_id` is the method argument, with its bounds.
    let gateway = list
        .path_params
        .iter()
        .find(|p| p.field.wire == "gateway_id")
        .expect("gateway_id");
    assert!(gateway.argument);
    assert_eq!(
        (
            gateway.field.constraints.min_length,
            gateway.field.constraints.max_length
        ),
        (Some(1), Some(64))
    );
    // `search`: current in the live API, not in the seed.
    assert!(list
        .query
        .iter()
        .any(|f| f.wire == "search" && f.deprecated.is_none()));
}

#[test]
fn every_seed_enum_value_is_a_variant() {
    let api = codegen::model_dir(&root().join("schema")).expect("schema");
    let module = logs_module(&api);
    let generated = generated_logs();
    for (go_type, value) in seed_enum_values(&seed()) {
        // The seed's Go type names map onto ours (`LogListParamsFiltersKey` is ours too).
        let decl: &TypeDecl = module
            .types
            .iter()
            .find(|t| t.name == go_type)
            .unwrap_or_else(|| panic!("type {go_type} is not in the schema"));
        let values = match &decl.kind {
            TypeKind::StringEnum(values) | TypeKind::NumberEnum(values) => values,
            other => panic!("{go_type} is not an enum: {other:?}"),
        };
        let known = values
            .iter()
            .find(|v| v.wire == value)
            .unwrap_or_else(|| panic!("{go_type} has no value {value}"));
        let written = match &decl.kind {
            TypeKind::StringEnum(_) => format!("Self::{} => \"{value}\"", known.variant),
            _ => format!("Self::{} => f.write_str(\"{value}\")", known.variant),
        };
        assert!(
            generated.contains(&written),
            "{go_type}::{} is not written as {value}",
            known.variant
        );
    }
}

#[test]
fn every_seed_response_field_is_a_field() {
    let api = codegen::model_dir(&root().join("schema")).expect("schema");
    let module = logs_module(&api);
    let response = module
        .types
        .iter()
        .find(|t| t.name == "LogListResponse")
        .expect("LogListResponse");
    let TypeKind::Object(fields) = &response.kind else {
        panic!("LogListResponse is an object")
    };
    let generated = generated_logs();
    for (name, optional) in seed_response_fields(&seed()) {
        let field = fields
            .iter()
            .find(|f| f.wire == name)
            .unwrap_or_else(|| panic!("response field {name} is missing"));
        assert_eq!(!field.required, optional, "required-ness of {name}");
        assert!(
            generated.contains(&format!("#[serde(rename = \"{name}\")]")),
            "{name} has no wire name in the generated code"
        );
    }
}
