//! A corpus of hostile schemas (`tests/fixtures/hostile/`, each a set of edits
//! to the `minimal` fixture): every one either gets clean `file:line:column`
//! errors or generates a crate that keeps every invariant below and compiles
//! with warnings denied. The outcomes are one insta snapshot to review.

use std::collections::BTreeMap;

use sdk_tests::root;
use sdk_tests::scratch::ScratchWorkspace;
use serde::Deserialize;

/// One case: edits to the minimal fixture.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    #[serde(default)]
    patch: Vec<Patch>,
    /// Files added or replaced; `@name` copies the fixture's file `name`.
    #[serde(default)]
    files: BTreeMap<String, String>,
    #[serde(default)]
    remove: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Patch {
    file: String,
    replace: String,
    with: String,
}

const MINIMAL: &str = "tests/fixtures/schemas/minimal";
const CORPUS: &str = "tests/fixtures/hostile";

/// The runtime's dependencies: the only ones a generated manifest may name.
const DEPENDENCIES: &[&str] = &[
    "bytes",
    "fastrand",
    "futures-core",
    "futures-util",
    "httpdate",
    "itoa",
    "percent-encoding",
    "regex-lite",
    "reqwest",
    "serde",
    "serde_json",
    "thiserror",
    "time",
    "tokio",
    "tracing",
];

fn read(path: &std::path::Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The case's schema files as (path, text).
fn schema_of(name: &str, case: &Case) -> Vec<(String, String)> {
    let mut files: BTreeMap<String, String> = ["api.yaml", "status.yaml"]
        .into_iter()
        .map(|f| (f.to_string(), read(&root().join(MINIMAL).join(f))))
        .collect();
    for patch in &case.patch {
        let text = files
            .get_mut(&patch.file)
            .unwrap_or_else(|| panic!("{name}: no file {}", patch.file));
        assert!(
            text.contains(&patch.replace),
            "{name}: {} does not contain {:?}",
            patch.file,
            patch.replace
        );
        *text = text.replacen(&patch.replace, &patch.with, 1);
    }
    for (path, text) in &case.files {
        let text = match text.strip_prefix('@') {
            Some(from) => files[from].clone(),
            None => text.clone(),
        };
        files.insert(path.clone(), text);
    }
    for path in &case.remove {
        files.remove(path);
    }
    files.into_iter().collect()
}

fn cases() -> Vec<(String, String, Case)> {
    let dir = root().join(CORPUS);
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|path| {
            let text = read(&path);
            let why = text
                .lines()
                .next()
                .and_then(|l| l.strip_prefix("# "))
                .unwrap_or_else(|| panic!("{}: first line is `# why`", path.display()))
                .to_string();
            let case: Case =
                serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let name = path
                .file_stem()
                .expect("stem")
                .to_string_lossy()
                .into_owned();
            (name, why, case)
        })
        .collect()
}

/// What must hold of every crate the generator writes, whatever the schema.
fn check_invariants(name: &str, schema: &[(String, String)], files: &[codegen::GeneratedFile]) {
    let api: serde_yaml::Value =
        serde_yaml::from_str(&schema.iter().find(|(p, _)| p == "api.yaml").expect("api").1)
            .expect("api.yaml parses once it generated");
    let manifest = files
        .iter()
        .find(|f| f.path == "Cargo.toml")
        .expect("a manifest");
    let toml: toml::Table = manifest
        .contents
        .parse()
        .unwrap_or_else(|e| panic!("{name}: Cargo.toml is not TOML: {e}"));
    let tables: Vec<&String> = toml.keys().collect();
    assert_eq!(
        tables,
        ["dependencies", "features", "package"],
        "{name}: manifest tables"
    );
    // The runtime's features, and one a group: a group's feature turns on
    // only other groups' (never a dependency or a dependency's feature).
    let features = toml["features"].as_table().expect("table");
    const RUNTIME: [&str; 4] = ["default", "native-tls", "rustls", "tracing"];
    for runtime in RUNTIME {
        assert!(
            features.contains_key(runtime),
            "{name}: no feature {runtime}"
        );
    }
    let groups: Vec<&String> = features
        .keys()
        .filter(|k| !RUNTIME.contains(&k.as_str()))
        .collect();
    for group in &groups {
        assert!(
            group
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{name}: group feature {group:?}"
        );
        for needed in features[group.as_str()].as_array().expect("a list") {
            let needed = needed.as_str().expect("a name");
            assert!(
                groups.iter().any(|g| g.as_str() == needed),
                "{name}: {group} turns on {needed:?}, which is not a group"
            );
        }
    }
    for default in features["default"].as_array().expect("a list") {
        let default = default.as_str().expect("a name");
        assert!(
            default == "rustls" || groups.iter().any(|g| g.as_str() == default),
            "{name}: default feature {default:?}"
        );
    }
    let deps: Vec<&String> = toml["dependencies"]
        .as_table()
        .expect("table")
        .keys()
        .collect();
    assert_eq!(deps, DEPENDENCIES, "{name}: manifest dependencies");
    let package = toml["package"].as_table().expect("table");
    for key in ["description", "version"] {
        assert_eq!(
            package[key].as_str(),
            api["sdk"][key].as_str(),
            "{name}: package.{key} is the schema's value, unchanged"
        );
    }
    assert!(
        !package.contains_key("build") && package.len() == 6,
        "{name}: package keys {:?}",
        package.keys().collect::<Vec<_>>()
    );
    for file in files {
        assert!(
            !file
                .path
                .split('/')
                .any(|part| part.is_empty() || part == ".." || part == "."),
            "{name}: {}",
            file.path
        );
        let bad = file.contents.chars().find(|c| {
            (c.is_control() && *c != '\n')
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        });
        assert_eq!(bad, None, "{name}: {} holds a control character", file.path);
        assert_code_blocks_inert(name, &file.path, &file.contents);
        let header = file.contents.lines().next().unwrap_or_default();
        assert!(
            header.contains("@generated by cargo xtask regenerate from ")
                && header.ends_with(": do not edit"),
            "{name}: {} header {header:?}",
            file.path
        );
    }
}

/// No doc comment holds a block rustdoc would compile and run, except the
/// generator's own `no_run` examples: fences name a language rustdoc leaves
/// alone, and nothing outside a fence is indented four spaces.
fn assert_code_blocks_inert(name: &str, path: &str, contents: &str) {
    let mut open: Option<String> = None;
    for line in contents.lines() {
        let Some(text) = ["/// ", "//! "]
            .iter()
            .find_map(|marker| line.trim_start().strip_prefix(marker))
        else {
            continue;
        };
        let fence: String = text
            .chars()
            .take_while(|c| *c == '`' || *c == '~')
            .collect();
        match &open {
            Some(opening)
                if fence.len() >= 3 && text.trim() == fence && fence.starts_with(&opening[..1]) =>
            {
                open = None;
            }
            Some(_) => {}
            None if fence.len() >= 3 => {
                let language = &text[fence.len()..];
                assert!(
                    language == "no_run"
                        || (!language.is_empty()
                            && !["rust", "should_panic", "ignore", "compile_fail"]
                                .iter()
                                .any(|attribute| language.contains(attribute))),
                    "{name}: {path}: a runnable doc block: {line:?}"
                );
                open = Some(fence);
            }
            None => assert!(
                !text.starts_with("    "),
                "{name}: {path}: an indented doc block: {line:?}"
            ),
        }
    }
    assert_eq!(open, None, "{name}: {path}: a doc block left open");
}

#[test]
fn hostile_schemas_are_refused_or_generate_safe_code() {
    let mut scratch = ScratchWorkspace::new("hostile-crates");
    let mut outcomes = String::new();
    let cases = cases();
    assert!(cases.len() >= 40, "the corpus holds {} cases", cases.len());
    for (name, why, case) in &cases {
        let schema = schema_of(name, case);
        let started = std::time::Instant::now();
        let result = codegen::generate_texts(schema.clone());
        let took = started.elapsed();
        assert!(took.as_secs() < 10, "{name}: took {took:?}");
        outcomes.push_str(&format!("{name}: {why}\n"));
        match result {
            Err(error) => {
                let codegen::Error::Schema(diagnostics) = &error else {
                    panic!("{name}: not a schema error: {error}");
                };
                assert!(!diagnostics.is_empty(), "{name}");
                for line in error.to_string().lines() {
                    outcomes.push_str(&format!("  error: {line}\n"));
                }
            }
            Ok(files) => {
                check_invariants(name, &schema, &files);
                outcomes.push_str(&format!("  generates {} files\n", files.len()));
                let mut files = files;
                let manifest = files
                    .iter_mut()
                    .find(|f| f.path == "Cargo.toml")
                    .expect("manifest");
                // One workspace builds every case: each needs its own package name.
                let toml_name = format!("name = \"hostile-{}\"", name.replace('_', "-"));
                manifest.contents = manifest
                    .contents
                    .lines()
                    .map(|l| {
                        if l.starts_with("name = ") {
                            toml_name.as_str()
                        } else {
                            l
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("\n");
                codegen::output::sync(&scratch.member(name), &files, false)
                    .unwrap_or_else(|e| panic!("{name}: {e}"));
            }
        }
    }
    insta::assert_snapshot!("outcomes", outcomes);
    scratch.clippy();
}
