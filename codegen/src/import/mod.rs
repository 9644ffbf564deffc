//! Importer: an OpenAPI 3.0/3.1 document and an import configuration to the
//! files of `schema/`. A stage of its own, in the pipeline's shape:
//! `document` (parse, `$ref`s, pointers) → `operations` (select, name,
//! convert) with `types` (schemas to named types) → YAML text and a report
//! of everything that was not carried faithfully.

mod assemble;
mod components;
pub mod config;
pub mod document;
mod operations;
mod share;
mod types;

use std::collections::{BTreeMap, BTreeSet};

use serde_yaml::{Mapping, Value as Yaml};

pub use assemble::assemble;
pub use config::ImportConfig;
pub use document::{Document, ImportError};

/// What one operation became.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationReport {
    pub id: String,
    /// `GET /stores/{store_id}/pets`.
    pub route: String,
    /// `store.pets.list`, or empty when skipped.
    pub target: String,
    /// Whether the configuration named it (otherwise the name was derived).
    pub pinned: bool,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Faithful,
    /// Imported; each note says what was dropped or approximated, and why.
    Approximated(Vec<String>),
    /// Not imported, and why.
    Skipped(String),
}

/// The schema files written (path relative to `schema/`, YAML text) and the report.
#[derive(Debug)]
pub struct Imported {
    pub files: Vec<(String, String)>,
    pub operations: Vec<OperationReport>,
}

/// One resource file being built.
#[derive(Default)]
struct Resource {
    doc: Option<String>,
    table: types::TypeTable,
    operations: Vec<(String, Mapping)>,
}

/// Imports `doc` as `config` says; `api_text` is the API-level file.
pub fn import(
    doc: &Document,
    config: &ImportConfig,
    api_text: &str,
) -> Result<Imported, ImportError> {
    let problems = config.check(doc);
    if !problems.is_empty() {
        return Err(ImportError {
            file: String::new(),
            pointer: String::new(),
            message: config::lines(&problems),
        });
    }
    let mut resources: BTreeMap<String, Resource> = BTreeMap::new();
    let mut components = components::Components::default();
    let mut reports = Vec::new();
    let no_config = config::OperationConfig::default();
    let selected = operations::select(doc, config);
    let op_config = |id: &str| config.operations.get(id).unwrap_or(&no_config);
    let modules: Vec<(String, &str)> = selected
        .iter()
        .map(|found| {
            let module = operations::module_of(found, config, op_config(&found.id));
            (module, found.path)
        })
        .collect();
    let shapes = operations::module_shapes(&modules);
    for (found, (module, _)) in selected.iter().zip(modules) {
        let op_config = op_config(&found.id);
        let shape = shapes.get(&module).cloned().unwrap_or_default();
        let names = operations::names(doc, found, op_config, module, &shape, |module, method| {
            resources
                .get(module)
                .is_some_and(|r| r.operations.iter().any(|(m, _)| m == method))
        });
        let route = format!("{} {}", found.method.to_uppercase(), found.path);
        let resource = resources.entry(names.module.clone()).or_default();
        let method = names.method.clone();
        let outcome = match operations::convert(
            doc,
            config,
            found,
            op_config,
            &names,
            &mut resource.table,
            &mut components,
        ) {
            Ok(converted) => {
                resource
                    .operations
                    .push((method.clone(), converted.operation));
                if converted.notes.is_empty() {
                    Outcome::Faithful
                } else {
                    Outcome::Approximated(converted.notes)
                }
            }
            // Reasons that point into the document name it, as errors do.
            Err(why) if why.starts_with('#') => Outcome::Skipped(format!("{}{why}", doc.file)),
            Err(why) => Outcome::Skipped(why),
        };
        let target = match outcome {
            Outcome::Skipped(_) => String::new(),
            _ => format!("{}.{method}", names.module.replace('/', ".")),
        };
        reports.push(OperationReport {
            id: found.id.clone(),
            route,
            target,
            pinned: names.pinned,
            outcome,
        });
    }
    for rule in &config.resources {
        if let (Some(doc), Some(resource)) = (&rule.doc, resources.get_mut(&rule.module)) {
            resource.doc = Some(doc.clone());
        }
    }
    let unknown: Vec<_> = config
        .overlay
        .keys()
        .filter(|module| {
            resources
                .get(*module)
                .is_none_or(|r| r.operations.is_empty())
        })
        .map(|module| {
            let at = config.positions.find(&format!("overlay.{module}"));
            format!(
                "{}:{}:{}: overlay.{module}: no operation is imported into `{module}`",
                config.file, at.line, at.column
            )
        })
        .collect();
    if !unknown.is_empty() {
        return Err(ImportError {
            file: String::new(),
            pointer: String::new(),
            message: unknown.join("\n"),
        });
    }
    resources.retain(|_, resource| !resource.operations.is_empty());
    let mut placement = place_components(&components, &mut resources);
    let overlaid: BTreeSet<&str> = config.overlay.keys().map(String::as_str).collect();
    let replaced: BTreeSet<&str> = config
        .operations
        .values()
        .flat_map(|op| op.replace_types.keys().map(String::as_str))
        .collect();
    // Component types first: a kind they share with a resource's is kept there.
    let mut files: Vec<share::File<'_>> = placement
        .files
        .iter_mut()
        .map(|(module, types)| share::File {
            module,
            types,
            operations: &mut [],
        })
        .chain(resources.iter_mut().map(|(module, r)| share::File {
            module,
            types: &mut r.table.types,
            operations: &mut r.operations,
        }))
        .collect();
    share::share_alike_types(&mut files, &overlaid, &replaced);
    let modules: Vec<&String> = resources.keys().chain(placement.files.keys()).collect();
    let mut files = vec![(
        "api.yaml".to_string(),
        api_file(api_text, config, &modules, &placement.shared)?,
    )];
    for (module, resource) in &resources {
        files.push((
            format!("{module}.yaml"),
            resource_file(module, resource, config),
        ));
    }
    for (module, types) in &placement.files {
        files.push((
            format!("{module}.yaml"),
            types_file(module, types, &placement.shared, config),
        ));
    }
    files[1..].sort();
    Ok(Imported {
        files,
        operations: reports,
    })
}

/// Places the components the resources use in types-only files, and names
/// them in the resources (see [`components`]).
fn place_components(
    components: &components::Components,
    resources: &mut BTreeMap<String, Resource>,
) -> components::Placement {
    let users = resources.iter().map(|(module, resource)| {
        let mappings = resource
            .table
            .types
            .iter()
            .chain(&resource.operations)
            .map(|(_, mapping)| mapping)
            .collect();
        (module.as_str(), mappings)
    });
    // A types file's name may be neither a resource's nor a method of its parent's.
    let taken = |module: &str| {
        resources.contains_key(module)
            || module.rsplit_once('/').is_some_and(|(parent, name)| {
                resources
                    .get(parent)
                    .is_some_and(|r| r.operations.iter().any(|(m, _)| m == name))
            })
    };
    let placement = components::Placement::new(components, users, taken);
    for (module, resource) in resources.iter_mut() {
        for (_, mapping) in resource
            .table
            .types
            .iter_mut()
            .chain(resource.operations.iter_mut())
        {
            placement.resolve(mapping, module);
        }
    }
    placement
}

/// A file of component types only: it gets no handle.
fn types_file(
    module: &str,
    types: &[(String, Mapping)],
    shared: &str,
    config: &ImportConfig,
) -> String {
    let group = module.split('/').next().unwrap_or(module);
    let doc = if group == shared {
        "Types of the API description's components that several groups use.".to_string()
    } else {
        format!("Types of the API description's components that only the `{group}` operations use.")
    };
    let mut file = Mapping::new();
    file.insert(Yaml::from("doc"), Yaml::from(doc));
    let types: Mapping = types
        .iter()
        .map(|(name, def)| (Yaml::from(name.as_str()), Yaml::Mapping(def.clone())))
        .collect();
    file.insert(Yaml::from("types"), Yaml::Mapping(types));
    with_header(&yaml_text(&Yaml::Mapping(file)), config)
}

/// The API-level file with a `groups` entry for every directory used.
fn api_file(
    api_text: &str,
    config: &ImportConfig,
    modules: &[&String],
    shared: &str,
) -> Result<String, ImportError> {
    let mut api: Mapping = serde_yaml::from_str(api_text).map_err(|e| ImportError {
        file: config.api.clone(),
        pointer: String::new(),
        message: e.to_string(),
    })?;
    let mut groups = Mapping::new();
    let mut dirs: Vec<String> = Vec::new();
    for module in modules {
        let parts: Vec<&str> = module.split('/').collect();
        for depth in 1..parts.len() {
            let dir = parts[..depth].join("/");
            if !dirs.contains(&dir) {
                dirs.push(dir);
            }
        }
    }
    dirs.sort();
    for dir in dirs {
        let doc = config.groups.get(&dir).cloned().unwrap_or_else(|| {
            if dir == shared {
                "Types that several groups use.".to_string()
            } else {
                format!("The `{dir}` operations.")
            }
        });
        groups.insert(Yaml::from(dir), types::mapping([("doc", Yaml::from(doc))]));
    }
    api.insert(Yaml::from("groups"), Yaml::Mapping(groups));
    Ok(with_header(&yaml_text(&Yaml::Mapping(api)), config))
}

fn resource_file(module: &str, resource: &Resource, config: &ImportConfig) -> String {
    let mut file = Mapping::new();
    let doc = resource
        .doc
        .clone()
        .unwrap_or_else(|| format!("The `{}` operations.", module.replace('/', ".")));
    file.insert(Yaml::from("doc"), Yaml::from(doc));
    let mut replacements: BTreeMap<&String, &Yaml> = BTreeMap::new();
    for op in config.operations.values() {
        replacements.extend(op.replace_types.iter());
    }
    if !resource.table.types.is_empty() {
        let types: Mapping = resource
            .table
            .types
            .iter()
            .map(|(name, def)| {
                let def = replacements
                    .get(name)
                    .map(|r| (*r).clone())
                    .unwrap_or_else(|| Yaml::Mapping(def.clone()));
                (Yaml::from(name.as_str()), def)
            })
            .collect();
        file.insert(Yaml::from("types"), Yaml::Mapping(types));
    }
    let operations: Mapping = resource
        .operations
        .iter()
        .map(|(name, op)| (Yaml::from(name.as_str()), Yaml::Mapping(op.clone())))
        .collect();
    file.insert(Yaml::from("operations"), Yaml::Mapping(operations));
    let mut file = Yaml::Mapping(file);
    if let Some(overlay) = config.overlay.get(module) {
        merge(&mut file, overlay);
    }
    with_header(&yaml_text(&file), config)
}

/// `overlay` merged into `base`: mappings key by key (new keys last),
/// `null` removes a key, anything else replaces.
fn merge(base: &mut Yaml, overlay: &Yaml) {
    match (base, overlay) {
        (Yaml::Mapping(base), Yaml::Mapping(overlay)) => {
            for (key, value) in overlay {
                match (base.get_mut(key), value) {
                    (Some(_), Yaml::Null) => {
                        base.remove(key);
                    }
                    (Some(existing), _) => merge(existing, value),
                    (None, Yaml::Null) => {}
                    (None, _) => {
                        base.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        (base, overlay) => *base = overlay.clone(),
    }
}

fn yaml_text(value: &Yaml) -> String {
    serde_yaml::to_string(value).unwrap_or_default()
}

fn with_header(text: &str, config: &ImportConfig) -> String {
    format!(
        "# @generated by cargo xtask import from {}: edit the import configuration, not this file\n{text}",
        config.document
    )
}

/// The report as Markdown: a summary, then every operation not imported
/// faithfully, then the operations whose names were derived.
pub fn report_markdown(reports: &[OperationReport]) -> String {
    let count = |f: fn(&Outcome) -> bool| reports.iter().filter(|r| f(&r.outcome)).count();
    let faithful = count(|o| matches!(o, Outcome::Faithful));
    let approximated = count(|o| matches!(o, Outcome::Approximated(_)));
    let skipped = count(|o| matches!(o, Outcome::Skipped(_)));
    let mut out = format!(
        "# Import report\n\n{} operations: {faithful} faithful, {approximated} approximated, {skipped} not imported.\n",
        reports.len()
    );
    if skipped > 0 {
        out.push_str("\n## Not imported\n\n");
        for report in reports {
            if let Outcome::Skipped(why) = &report.outcome {
                out.push_str(&format!("* `{}` ({}): {why}\n", report.id, report.route));
            }
        }
    }
    if approximated > 0 {
        out.push_str("\n## Approximated\n\n");
        for report in reports {
            if let Outcome::Approximated(notes) = &report.outcome {
                out.push_str(&format!(
                    "* `{}` → `{}`: {}\n",
                    report.id,
                    report.target,
                    notes.join("; ")
                ));
            }
        }
    }
    let derived: Vec<&OperationReport> = reports
        .iter()
        .filter(|r| !r.pinned && !matches!(r.outcome, Outcome::Skipped(_)))
        .collect();
    if !derived.is_empty() {
        out.push_str("\n## Names derived, not pinned in the configuration\n\n");
        for report in derived {
            out.push_str(&format!("* `{}` → `{}`\n", report.id, report.target));
        }
    }
    out
}
