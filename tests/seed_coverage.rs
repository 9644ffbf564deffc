//! Every fact the seed document (`reference/seed/ai-gateway-list-logs.txt`,
//! the user's own description of the endpoint) states is in the schema model
//! and in the generated crate: each parameter and its deprecation, each enum
//! value, each response field and whether it is optional.
//!
//! The schema may move on from the seed (the API deprecates a parameter); a
//! maintainer then records the fact it deliberately differs on in
//! `SEED_DIVERGENCES`, and the failure message says so.

use codegen::model::{Api, Module, Operation, TypeKind};
use sdk_tests::root;

/// Facts of the seed the schema deliberately differs from: (the fact exactly
/// as a failure names it, why the schema differs). For example
/// `("parameter meta_info is not deprecated", "deprecated by the API in 2026: use filters")`.
/// A record of a fact that holds again fails too, so the list stays true.
const SEED_DIVERGENCES: &[(&str, &str)] = &[];

fn seed() -> String {
    sdk_tests::read_reference_text("seed/ai-gateway-list-logs.txt")
}

fn generated_logs() -> String {
    std::fs::read_to_string(root().join("generated/src/ai_gateway/logs.rs"))
        .expect("generated logs module")
}

fn logs_module(api: &Api) -> &Module {
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

/// One statement of the seed, and what the schema says instead when it
/// differs (`None` when the schema agrees).
#[derive(Debug)]
struct Fact {
    statement: String,
    schema_differs: Option<String>,
}

fn fact(statement: String, schema_differs: Option<String>) -> Fact {
    Fact {
        statement,
        schema_differs,
    }
}

/// Every fact of `seed`, checked against the schema model `api`.
fn seed_facts(seed: &str, api: &Api) -> Vec<Fact> {
    let module = logs_module(api);
    let list = list(module);
    let mut facts = Vec::new();
    for (name, deprecated) in seed_params(seed) {
        let field = list.params_fields().find(|f| f.wire == name);
        facts.push(fact(
            format!("parameter {name} exists"),
            field.is_none().then(|| "no such parameter".to_string()),
        ));
        if let Some(field) = field {
            let (statement, other) = if deprecated {
                ("is deprecated", "it is not deprecated")
            } else {
                ("is not deprecated", "it is deprecated")
            };
            facts.push(fact(
                format!("parameter {name} {statement}"),
                (field.deprecated.is_some() != deprecated).then(|| other.to_string()),
            ));
        }
    }
    for (go_type, value) in seed_enum_values(seed) {
        let differs = match module.types.iter().find(|t| t.name == go_type) {
            None => Some(format!("no type {go_type}")),
            Some(decl) => match &decl.kind {
                TypeKind::StringEnum(values) | TypeKind::NumberEnum(values) => {
                    (!values.iter().any(|v| v.wire == value))
                        .then(|| format!("{go_type} has no value {value}"))
                }
                other => Some(format!("{go_type} is not an enum: {other:?}")),
            },
        };
        facts.push(fact(
            format!("enum {go_type} has the value {value}"),
            differs,
        ));
    }
    let response = module.types.iter().find(|t| t.name == "LogListResponse");
    let fields = match response.map(|t| &t.kind) {
        Some(TypeKind::Object(fields)) => fields.as_slice(),
        _ => &[],
    };
    for (name, optional) in seed_response_fields(seed) {
        let field = fields.iter().find(|f| f.wire == name);
        facts.push(fact(
            format!("response field {name} exists"),
            field
                .is_none()
                .then(|| "LogListResponse has no such field".to_string()),
        ));
        if let Some(field) = field {
            let (statement, other) = if optional {
                ("is optional", "it is required")
            } else {
                ("is required", "it is optional")
            };
            facts.push(fact(
                format!("response field {name} {statement}"),
                (field.required == optional).then(|| other.to_string()),
            ));
        }
    }
    facts
}

/// What is wrong between `facts` and the recorded `divergences`, one message
/// each, and what to do about it.
fn unexplained(facts: &[Fact], divergences: &[(&str, &str)]) -> Vec<String> {
    let mut problems = Vec::new();
    for fact in facts {
        let recorded = divergences.iter().any(|(s, _)| *s == fact.statement);
        match (&fact.schema_differs, recorded) {
            (Some(schema), false) => problems.push(format!(
                "the seed says \"{}\"; the schema differs: {schema}",
                fact.statement
            )),
            (None, true) => problems.push(format!(
                "\"{}\" is recorded in SEED_DIVERGENCES but the schema agrees with the seed \
                 again: remove the record",
                fact.statement
            )),
            _ => {}
        }
    }
    for (statement, _) in divergences {
        if !facts.iter().any(|f| f.statement == *statement) {
            problems.push(format!(
                "SEED_DIVERGENCES records \"{statement}\", which the seed does not state"
            ));
        }
    }
    problems
}

const WHAT_TO_DO: &str = "If the schema is right (the API changed after the seed was written), \
record each such fact with the reason in SEED_DIVERGENCES in tests/seed_coverage.rs, \
as (\"<the fact in quotes above>\", \"<why>\"). Otherwise fix schema/.";

fn real_api() -> Api {
    codegen::model_dir(&root().join("schema")).expect("schema")
}

#[test]
fn the_schema_states_every_fact_of_the_seed() {
    let facts = seed_facts(&seed(), &real_api());
    let problems = unexplained(&facts, SEED_DIVERGENCES);
    assert!(
        problems.is_empty(),
        "{} of the seed's {} facts:\n  {}\n{WHAT_TO_DO}",
        problems.len(),
        facts.len(),
        problems.join("\n  ")
    );
}

#[test]
fn a_deliberate_divergence_is_named_and_can_be_recorded() {
    // The API changes a parameter's deprecation after the seed was written:
    // flip the first seed parameter on which the schema agrees with the seed
    // today. Divergences the schema has today count as recorded.
    let seed = seed();
    let today = seed_facts(&seed, &real_api());
    let recorded_today: Vec<(&str, &str)> = today
        .iter()
        .filter(|f| f.schema_differs.is_some())
        .map(|f| (f.statement.as_str(), "recorded"))
        .collect();
    let agrees = |name: &str| {
        today.iter().any(|f| {
            f.schema_differs.is_none() && f.statement.starts_with(&format!("parameter {name} is "))
        })
    };
    let mut api = real_api();
    let logs = api
        .root
        .children
        .iter_mut()
        .find(|m| m.name == "ai_gateway")
        .and_then(|group| group.children.iter_mut().find(|m| m.name == "logs"))
        .expect("logs module");
    let list = logs
        .operations
        .iter_mut()
        .find(|o| o.name == "list")
        .expect("list operation");
    let field = list
        .query
        .iter_mut()
        .find(|f| agrees(&f.wire))
        .expect("a seed parameter the schema agrees on");
    let name = field.wire.clone();
    let (statement, differs) = match field.deprecated.take() {
        Some(_) => (
            format!("parameter {name} is deprecated"),
            "it is not deprecated",
        ),
        None => {
            field.deprecated = Some("Use a filter.".to_string());
            (
                format!("parameter {name} is not deprecated"),
                "it is deprecated",
            )
        }
    };

    let facts = seed_facts(&seed, &api);
    assert_eq!(
        unexplained(&facts, &recorded_today),
        [format!(
            "the seed says \"{statement}\"; the schema differs: {differs}"
        )]
    );
    assert!(WHAT_TO_DO.contains("SEED_DIVERGENCES in tests/seed_coverage.rs"));

    // Recorded, it passes; recorded while the schema agrees, it fails.
    let mut record = recorded_today.clone();
    record.push((statement.as_str(), "changed by the API after the seed"));
    assert_eq!(unexplained(&facts, &record), Vec::<String>::new());
    assert_eq!(
        unexplained(&today, &record),
        [format!(
            "\"{statement}\" is recorded in SEED_DIVERGENCES but the schema agrees with the \
             seed again: remove the record"
        )]
    );
    let mut stray = recorded_today.clone();
    stray.push(("parameter nothing exists", ""));
    assert_eq!(
        unexplained(&today, &stray),
        ["SEED_DIVERGENCES records \"parameter nothing exists\", which the seed does not state"]
    );
}

#[test]
fn the_generated_crate_follows_the_schema_on_every_seed_parameter() {
    let api = real_api();
    let list = list(logs_module(&api));
    let generated = generated_logs();
    for (name, _) in seed_params(&seed()) {
        let Some(field) = list.params_fields().find(|f| f.wire == name) else {
            continue; // the_schema_states_every_fact_of_the_seed names it
        };
        // The builder has a setter for it, deprecated exactly when the schema says so.
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
            field.deprecated.is_some(),
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
fn the_generated_crate_writes_every_seed_enum_value_and_response_field() {
    let api = real_api();
    let module = logs_module(&api);
    let generated = generated_logs();
    for (go_type, value) in seed_enum_values(&seed()) {
        let Some(decl) = module.types.iter().find(|t| t.name == go_type) else {
            continue;
        };
        let (TypeKind::StringEnum(values) | TypeKind::NumberEnum(values)) = &decl.kind else {
            continue;
        };
        let Some(known) = values.iter().find(|v| v.wire == value) else {
            continue;
        };
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
    let compact: String = generated.split_whitespace().collect();
    for (name, _) in seed_response_fields(&seed()) {
        // Read by its wire name, and written by it: the last argument of a
        // `runtime::object` read call (an arm of the key match), and the key
        // of a `MapWriter` entry, however printed.
        let read = [
            format!("\"{name}\"),"),
            format!("\"{name}\")}}"),
            format!("\"{name}\",),"),
            format!("\"{name}\",)}}"),
        ];
        let written = [format!(".entry(\"{name}\","), format!(".set(\"{name}\",")];
        assert!(
            read.iter().any(|r| compact.contains(r.as_str()))
                && written.iter().any(|w| compact.contains(w.as_str())),
            "{name} has no wire name in the generated code"
        );
    }
}
