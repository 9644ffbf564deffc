//! Fuzzing load, validate and generate: structured random schemas built
//! from a vocabulary of hostile names, types, bounds and paths, and random
//! byte-level edits of the fixtures. Whatever the input, the generator
//! returns (no panic, no hang) either schema errors or files that keep the
//! output invariants. CI runs a short pass; for a long run:
//!
//! `FUZZ_SECONDS=900 cargo test --release --test fuzz_schema -- --nocapture`
//! (each test runs batches of `FUZZ_CASES`, 256 by default, until the time is up).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use sdk_tests::root;

const MINIMAL: &str = "tests/fixtures/schemas/minimal";
const CONSTRUCTS: &str = "tests/fixtures/schemas/constructs";

/// Names that have broken generators: keywords, generated method and local
/// names, prelude types, digits, punctuation, Unicode, controls.
const NAMES: &[&str] = &[
    "id",
    "type",
    "self",
    "Self",
    "crate",
    "super",
    "async",
    "build",
    "builder",
    "validate",
    "request_path",
    "to_query_string",
    "params",
    "map",
    "key",
    "value",
    "new",
    "list",
    "list_auto_paging",
    "client",
    "extra",
    "page",
    "per_page",
    "tokens1",
    "tokens_1",
    "T",
    "Option",
    "String",
    "Result",
    "Vec",
    "Box",
    "1abc",
    "_",
    "",
    "a.b",
    "a-b",
    "A B",
    "$$",
    "größe",
    "名前",
    "x\ny",
    "x\u{202e}y",
    "\u{0}",
    "é",
    "default",
    "Unknown",
    "r#type",
    "lib",
    "mod",
];

const TYPES: &[&str] = &[
    "string",
    "integer",
    "number",
    "boolean",
    "json",
    "Thing",
    "Other",
    "Missing",
    "{array: string}",
    "{map: integer}",
    "{array: Thing}",
    "{map: {array: Other}}",
    "integr",
];

const SCALARS: &[&str] = &[
    "0",
    "-0",
    "1",
    "-1",
    "9007199254740993",
    "-9223372036854775808",
    "18446744073709551616",
    "1.5",
    "1e308",
    "-1e400",
    ".nan",
    ".inf",
    "-.inf",
    "true",
    "\"\"",
    "\"x\\ny\"",
    "\"\\u202e\"",
    "[]",
    "{}",
    "null",
    "~",
    "'a'",
    "[1, 2]",
];

const PATHS: &[&str] = &[
    "things",
    "things/{id}",
    "things/{id}/{id}",
    "../x",
    "%2e%2e/x",
    "./x",
    "/x",
    "x/",
    "x//y",
    "x/{}",
    "x/{a",
    "x/{a}b",
    "x?y",
    "x#y",
    "a b",
    "things/{type}",
    "x/\u{202e}",
];

/// Ordinary values, so that most inputs get past validation into generation.
const PLAIN_NAMES: &[&str] = &["id", "name", "size", "count", "kind", "created_at", "tags"];
const PLAIN_TYPES: &[&str] = &["string", "integer", "number", "boolean", "{array: string}"];
const PLAIN_NUMBERS: &[&str] = &["0", "1", "10", "50"];

/// Mostly a plain value, sometimes a hostile one.
fn mostly(
    plain: &'static [&'static str],
    hostile: &'static [&'static str],
) -> impl Strategy<Value = &'static str> {
    prop_oneof![4 => prop::sample::select(plain), 1 => prop::sample::select(hostile)]
}

fn pick(list: &'static [&'static str]) -> impl Strategy<Value = String> {
    mostly(PLAIN_NAMES, list).prop_map(|s| serde_json::to_string(s).expect("string"))
}

/// A type expression: mostly a plain one.
fn ty() -> impl Strategy<Value = String> {
    mostly(PLAIN_TYPES, TYPES).prop_map(str::to_owned)
}

/// A scalar value: mostly a plain number.
fn scalar() -> impl Strategy<Value = String> {
    mostly(PLAIN_NUMBERS, SCALARS).prop_map(str::to_owned)
}

/// A field: a name, a type and some of the optional keys.
fn field() -> impl Strategy<Value = String> {
    (
        pick(NAMES),
        ty(),
        prop::option::weighted(0.2, scalar()),
        prop::option::weighted(0.2, scalar()),
        prop::option::weighted(0.1, scalar()),
        any::<bool>(),
        prop::option::weighted(0.1, pick(NAMES)),
    )
        .prop_map(|(name, ty, min, max, default, required, rust_name)| {
            let mut text = format!("      {name}:\n        type: {ty}\n        doc: A field.\n");
            for (key, value) in [("minimum", min), ("maximum", max), ("default", default)] {
                if let Some(value) = value {
                    text.push_str(&format!("        {key}: {value}\n"));
                }
            }
            if required {
                text.push_str("        required: true\n");
            }
            if let Some(rust_name) = rust_name {
                text.push_str(&format!("        rust_name: {rust_name}\n"));
            }
            text
        })
}

/// A resource file with two types and an operation.
fn resource() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(field(), 0..4),
        prop::collection::vec(scalar(), 0..4),
        pick(NAMES),
        prop::option::weighted(0.2, prop::sample::select(PATHS)),
        prop::collection::vec(field(), 0..3),
        ty(),
        pick(NAMES),
    )
        .prop_map(|(fields, values, op, path, query, result, id_name)| {
            let mut text = String::from("doc: Things.\ntypes:\n  Thing:\n    doc: A thing.\n    object:\n");
            if fields.is_empty() {
                text.push_str("      id:\n        type: string\n        doc: Id.\n");
            }
            text.extend(fields);
            text.push_str("  Other:\n    doc: Another.\n    number_enum:\n");
            if values.is_empty() {
                text.push_str("      - 1\n");
            }
            for value in values {
                text.push_str(&format!("      - {value}\n"));
            }
            let path = match path {
                Some(path) => serde_json::to_string(path).expect("string"),
                None => format!("things/{{{}}}", id_name.trim_matches('"')),
            };
            text.push_str(&format!(
                "operations:\n  {op}:\n    doc: An operation.\n    method: GET\n    path: {path:?}\n    params_type: ThingParams\n"
            ));
            text.push_str(&format!(
                "    path_params:\n      {id_name}:\n        type: string\n        doc: Id.\n        in: argument\n"
            ));
            if !query.is_empty() {
                text.push_str("    query:\n");
                for q in query {
                    // One level deeper than an object's fields.
                    text.push_str(&q.lines().map(|l| format!("{l}\n")).collect::<String>());
                }
            }
            text.push_str(&format!("    response:\n      result: {result}\n"));
            text
        })
}

/// A byte-level edit: replace a span of a fixture with YAML-significant text.
fn mutation() -> impl Strategy<Value = (prop::sample::Index, usize, String)> {
    (
        any::<prop::sample::Index>(),
        0usize..16,
        prop::collection::vec(
            prop::sample::select(vec![
                ":", " ", "\n", "  ", "-", "[", "]", "{", "}", "&a", "*a", "!!", "'", "\"", "#",
                "|", ">", "?", ",", "x", "1", ".nan", "\t", "\r", "\u{202e}", "\u{0}",
            ]),
            0..6,
        )
        .prop_map(|parts| parts.concat()),
    )
}

fn read(dir: &str, file: &str) -> String {
    let path = root().join(dir).join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn api() -> String {
    read(MINIMAL, "api.yaml")
}

/// How many inputs generated code, for the report of a long run.
static GENERATED: AtomicUsize = AtomicUsize::new(0);
static REFUSED: AtomicUsize = AtomicUsize::new(0);

/// Generates `texts`; any outcome but a panic or an unsafe file is fine.
fn run(texts: Vec<(String, String)>) -> Result<(), TestCaseError> {
    let started = Instant::now();
    let result = codegen::generate_texts(texts);
    prop_assert!(
        started.elapsed() < Duration::from_secs(10),
        "slow: {:?}",
        started.elapsed()
    );
    match result {
        Err(codegen::Error::Schema(diagnostics)) => {
            REFUSED.fetch_add(1, Ordering::Relaxed);
            prop_assert!(!diagnostics.is_empty());
            for d in diagnostics {
                let line = d.to_string();
                prop_assert!(
                    !line.contains(['\n', '\r']),
                    "a diagnostic spans lines: {line:?}"
                );
            }
        }
        Err(other) => prop_assert!(false, "not a schema error: {other}"),
        Ok(files) => {
            GENERATED.fetch_add(1, Ordering::Relaxed);
            for file in files {
                let bad = file.contents.chars().find(|c| {
                    (c.is_control() && *c != '\n')
                        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
                });
                prop_assert_eq!(bad, None, "{}", file.path);
                if file.path.ends_with(".rs") {
                    prop_assert!(syn::parse_file(&file.contents).is_ok(), "{}", file.path);
                }
            }
        }
    }
    Ok(())
}

fn report() {
    eprintln!(
        "so far: {} inputs generated code, {} were refused",
        GENERATED.load(Ordering::Relaxed),
        REFUSED.load(Ordering::Relaxed)
    );
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

/// Runs `test` on batches of inputs until `FUZZ_SECONDS` are up (one batch by default).
fn fuzz<S: Strategy>(strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>) {
    let until = Instant::now() + Duration::from_secs(env_number("FUZZ_SECONDS", 0));
    loop {
        let mut runner = TestRunner::new(Config {
            cases: env_number("FUZZ_CASES", 256) as u32,
            failure_persistence: None,
            ..Config::default()
        });
        runner.run(&strategy, &test).unwrap();
        report();
        if Instant::now() >= until {
            break;
        }
    }
}

#[test]
fn structured_random_schemas_never_break_the_generator() {
    fuzz(resource(), |resource| {
        run(vec![
            ("api.yaml".to_string(), api()),
            ("things.yaml".to_string(), resource),
        ])
    });
}

#[test]
fn byte_edits_of_the_fixtures_never_break_the_generator() {
    let fixtures = [
        ("api.yaml", read(CONSTRUCTS, "api.yaml")),
        ("store.yaml", read(CONSTRUCTS, "store.yaml")),
        (
            "store/inventory/items.yaml",
            read(CONSTRUCTS, "store/inventory/items.yaml"),
        ),
    ];
    let strategy = (0..fixtures.len(), prop::collection::vec(mutation(), 1..4));
    fuzz(strategy, |(target, edits)| {
        let mut texts: Vec<(String, String)> = fixtures
            .iter()
            .map(|(p, t)| (p.to_string(), t.clone()))
            .collect();
        let text = &mut texts[target].1;
        for (at, len, with) in edits {
            let mut start = at.index(text.len().max(1)).min(text.len());
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let mut end = (start + len).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            text.replace_range(start..end, &with);
        }
        run(texts)
    });
}
