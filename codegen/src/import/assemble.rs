//! `schema/` from several imports: the starting configuration's `ship` says
//! which groups land, `groups_from` which other configuration (and document)
//! each delegated group comes from.

use std::collections::BTreeMap;

use serde_yaml::{Mapping, Value as Yaml};

use super::ImportConfig;

/// The module path of a written file (`store/pets.yaml` → `store/pets`).
fn module(path: &str) -> &str {
    path.strip_suffix(".yaml").unwrap_or(path)
}

/// Whether `module` is `group` or lies under it.
fn under(module: &str, group: &str) -> bool {
    module == group || module.starts_with(&format!("{group}/"))
}

/// Whether a `ship` entry takes `module`: `stores` that module alone,
/// `store/*` every module under `store`.
fn ships(entry: &str, module: &str) -> bool {
    match entry.strip_suffix("/*") {
        Some(group) => module.starts_with(&format!("{group}/")),
        None => module == entry,
    }
}

/// Moves into `shipped` each `shared/<prefix>.yaml` of `rest` whose types a
/// shipped file names (`shared.<prefix>.Type`), and those these name in turn:
/// a group ships with the shared types it uses.
fn add_shared_files_used(shipped: &mut Vec<(String, String)>, mut rest: Vec<(String, String)>) {
    let mut scanned = 0;
    while scanned < shipped.len() {
        let paths: Vec<String> = shared_prefixes_named(&shipped[scanned].1)
            .into_iter()
            .map(|prefix| format!("shared/{prefix}.yaml"))
            .collect();
        scanned += 1;
        for path in paths {
            if let Some(at) = rest.iter().position(|(p, _)| *p == path) {
                shipped.push(rest.swap_remove(at));
            }
        }
    }
}

/// The `<prefix>` of every `shared.<prefix>.` in `text`.
fn shared_prefixes_named(text: &str) -> Vec<&str> {
    text.match_indices("shared.")
        .filter(|(at, _)| {
            // Not the tail of a longer name (`unshared.x.`).
            !text[..*at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
        })
        .filter_map(|(at, found)| {
            let rest = &text[at + found.len()..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            (end > 0 && rest[end..].starts_with('.')).then(|| &rest[..end])
        })
        .collect()
}

/// The files of `schema/`: of `main`'s files, those of groups it does not
/// delegate; of each delegated import (`delegated`, by group), that group's;
/// of these, the groups `main.ship` names. `api.yaml` is `main`'s, with the
/// groups of the files kept.
pub fn assemble(
    main: &ImportConfig,
    main_files: Vec<(String, String)>,
    delegated: &BTreeMap<String, Vec<(String, String)>>,
) -> Result<Vec<(String, String)>, String> {
    let mut api_text = None;
    let mut resources: Vec<(String, String)> = Vec::new();
    let mut group_docs = Mapping::new();
    let mut take_api = |text: &str, keep: bool| -> Result<(), String> {
        let api: Mapping = serde_yaml::from_str(text).map_err(|e| format!("api.yaml: {e}"))?;
        if let Some(Yaml::Mapping(groups)) = api.get("groups") {
            for (dir, doc) in groups {
                group_docs.entry(dir.clone()).or_insert_with(|| doc.clone());
            }
        }
        if keep {
            api_text = Some(api);
        }
        Ok(())
    };
    let delegated_to = |m: &str| main.groups_from.keys().find(|g| under(m, g));
    // A delegated group's own configuration documents it.
    for (group, files) in delegated {
        for (path, text) in files {
            if path == "api.yaml" {
                take_api(text, false)?;
            } else if under(module(path), group) {
                resources.push((path.clone(), text.clone()));
            }
        }
    }
    for (path, text) in main_files {
        if path == "api.yaml" {
            take_api(&text, true)?;
        } else if delegated_to(module(&path)).is_none() {
            resources.push((path, text));
        }
    }
    let (mut shipped, rest): (Vec<_>, Vec<_>) = resources
        .into_iter()
        .partition(|(path, _)| main.ship.iter().any(|entry| ships(entry, module(path))));
    add_shared_files_used(&mut shipped, rest);
    shipped.sort();
    for (i, entry) in main.ship.iter().enumerate() {
        if !shipped.iter().any(|(path, _)| ships(entry, module(path))) {
            let at = main.positions.find(&format!("ship[{i}]"));
            return Err(format!(
                "{}:{}:{}: ship[{i}]: no imported module is `{entry}`",
                main.file, at.line, at.column
            ));
        }
    }
    let mut api = api_text.ok_or("the import wrote no api.yaml")?;
    let mut groups = Mapping::new();
    for (dir, doc) in &group_docs {
        let dir_name = dir.as_str().unwrap_or_default();
        if shipped
            .iter()
            .any(|(path, _)| module(path).starts_with(&format!("{dir_name}/")))
        {
            groups.insert(dir.clone(), doc.clone());
        }
    }
    api.insert(Yaml::from("groups"), Yaml::Mapping(groups));
    let header = format!(
        "# @generated by cargo xtask import from {}: edit the import configuration, not this file\n",
        main.file
    );
    let api = format!(
        "{header}{}",
        serde_yaml::to_string(&Yaml::Mapping(api)).unwrap_or_default()
    );
    let mut files = vec![("api.yaml".to_string(), api)];
    files.extend(shipped);
    Ok(files)
}
