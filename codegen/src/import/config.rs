//! The import configuration (`import/*.yaml`): which operations to take from
//! the document, what to call them, and what upstream cannot say or gets
//! wrong. The schema written is a function of the document and this file.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use super::Document;
use crate::diagnostic::{suggestion, Diagnostic};
use crate::load::Positions;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportConfig {
    /// The OpenAPI document, relative to the workspace root.
    pub document: String,
    /// The API-level schema file, copied to `schema/api.yaml` with `groups` added.
    pub api: String,
    /// Operations taken: any that matches one rule (all when empty).
    #[serde(default)]
    pub select: Selection,
    /// Docs of the directories (groups), by directory path.
    #[serde(default)]
    pub groups: BTreeMap<String, String>,
    /// Where operations go, first match wins; then `tags`; then derived.
    #[serde(default)]
    pub resources: Vec<ResourceRule>,
    /// The module of each tag's operations, by the operation's first tag:
    /// `store/pets`, or `store/*` for a group whose resource
    /// is each path's last literal segment.
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
    /// The modules `schema/` carries: `stores` that module, `store/*`
    /// every module under `store`. Read from the configuration `cargo
    /// xtask import` starts from.
    #[serde(default)]
    pub ship: Vec<String>,
    /// Groups another configuration imports (from its own document) in
    /// place of this one's, by group: `store: import/store.yaml`.
    #[serde(default)]
    pub groups_from: BTreeMap<String, String>,
    /// YAML merged into a written resource file, by module path: what the
    /// document cannot say (docs, auth, a page's `result_info`). Mappings
    /// merge key by key, any other value replaces, `null` removes.
    #[serde(default)]
    pub overlay: BTreeMap<String, serde_yaml::Value>,
    /// Path parameters kept in the params struct (the rest are method arguments).
    #[serde(default)]
    pub params_path_params: Vec<String>,
    /// The pagination style (of `api.yaml`) for operations with the page parameters.
    #[serde(default)]
    pub pagination: Option<PaginationRule>,
    /// Names and overrides by operationId.
    #[serde(default)]
    pub operations: BTreeMap<String, OperationConfig>,
    /// The configuration's own path, for diagnostics.
    #[serde(skip)]
    pub file: String,
    #[serde(skip)]
    pub positions: Positions,
}

impl ImportConfig {
    /// Reads a configuration; every error names the file, line and column
    /// (an unknown key with the key it was likely meant to be).
    pub fn parse(file: &str, text: &str) -> Result<Self, String> {
        let source = crate::load::parse::<ImportConfig>(file, text).map_err(|d| lines(&d))?;
        let mut config = source.data;
        config.file = source.file;
        config.positions = source.positions;
        let problems = config.check_values();
        if !problems.is_empty() {
            return Err(lines(&problems));
        }
        Ok(config)
    }

    fn error(&self, item: &str, message: impl Into<String>) -> Diagnostic {
        let at = self.positions.find(item);
        Diagnostic {
            file: self.file.clone(),
            line: at.line,
            column: at.column,
            item: item.to_string(),
            message: message.into(),
        }
    }

    /// Module paths are `a/b/c` of snake_case names; a tag's may end in `*`.
    fn check_values(&self) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        for (tag, module) in &self.tags {
            let parts: Vec<&str> = module.split('/').collect();
            let (last, named) = parts.split_last().expect("split gives one part");
            let fine = named.iter().all(|p| is_module_name(p))
                && (is_module_name(last) || (*last == "*" && !named.is_empty()));
            if !fine {
                problems.push(self.error(
                    &format!("tags.{tag}"),
                    format!("`{module}` is not a module path (`group/resource` of snake_case names, or `group/*` to name the resource from the path)"),
                ));
            }
        }
        for (i, module) in self.ship.iter().enumerate() {
            if !module
                .strip_suffix("/*")
                .unwrap_or(module)
                .split('/')
                .all(is_module_name)
            {
                problems.push(self.error(
                    &format!("ship[{i}]"),
                    format!("`{module}` is not a module path"),
                ));
            }
        }
        problems
    }

    /// Names the configuration uses that `doc` lacks (tags, operationIds),
    /// each with the nearest one it has; empty when all are there.
    pub fn check(&self, doc: &Document) -> Vec<Diagnostic> {
        let mut tags = BTreeSet::new();
        let mut ids = BTreeSet::new();
        for (_, item) in doc
            .root
            .get("paths")
            .and_then(serde_json::Value::as_object)
            .into_iter()
            .flatten()
        {
            for operation in item.as_object().into_iter().flat_map(|o| o.values()) {
                if let Some(id) = operation.get("operationId").and_then(|i| i.as_str()) {
                    ids.insert(id);
                }
                if let Some(tag) = operation
                    .get("tags")
                    .and_then(|t| t.get(0))
                    .and_then(|t| t.as_str())
                {
                    tags.insert(tag);
                }
            }
        }
        let tags: Vec<&str> = tags.into_iter().collect();
        let ids: Vec<&str> = ids.into_iter().collect();
        let mut problems = Vec::new();
        let mut missing = |item: String, name: &str, known: &[&str], what: &str| {
            if !known.contains(&name) {
                problems.push(self.error(
                    &item,
                    format!(
                        "no operation of {} has the {what} `{name}`{}",
                        self.document,
                        suggestion(name, known)
                    ),
                ));
            }
        };
        for tag in self.tags.keys() {
            missing(format!("tags.{tag}"), tag, &tags, "tag");
        }
        for (i, tag) in self.select.tags.iter().enumerate() {
            missing(format!("select.tags[{i}]"), tag, &tags, "tag");
        }
        for (i, rule) in self.resources.iter().enumerate() {
            if let Some(tag) = &rule.tag {
                missing(format!("resources[{i}].tag"), tag, &tags, "tag");
            }
        }
        for (i, id) in self.select.operation_ids.iter().enumerate() {
            missing(
                format!("select.operation_ids[{i}]"),
                id,
                &ids,
                "operationId",
            );
        }
        for id in self.operations.keys() {
            missing(format!("operations.{id}"), id, &ids, "operationId");
        }
        problems
    }
}

fn is_module_name(part: &str) -> bool {
    part.starts_with(|c: char| c.is_ascii_lowercase())
        && part
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Diagnostics, one a line.
pub fn lines(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Selection {
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub path_prefixes: Vec<String>,
    #[serde(default)]
    pub operation_ids: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceRule {
    #[serde(default)]
    pub tag: Option<String>,
    /// Matches paths that start with it, without the leading `/`.
    #[serde(default)]
    pub path_prefix: Option<String>,
    /// The resource file's module path, `group/resource`.
    pub module: String,
    #[serde(default)]
    pub doc: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaginationRule {
    pub style: String,
    pub page_param: String,
    pub per_page_param: String,
    /// Number fields `result_info` must have for the style (its `info_*`).
    #[serde(default)]
    pub info_fields: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperationConfig {
    #[serde(default)]
    pub module: Option<String>,
    /// The method name (`list`).
    #[serde(default)]
    pub method: Option<String>,
    #[serde(default)]
    pub params_type: Option<String>,
    /// The name of the response type (`PetListResponse`): the page item,
    /// the result object, or the raw body's object.
    #[serde(default)]
    pub response_type: Option<String>,
    #[serde(default)]
    pub doc: Option<String>,
    /// Names of the types the document leaves unnamed, by where they are:
    /// `query.tags[]`, `response.result_info`, `query.order_by`.
    #[serde(default)]
    pub types: BTreeMap<String, String>,
    /// Schema text replacing what the document says of a query parameter,
    /// by wire name (say, how a list of objects is encoded, which OpenAPI leaves undefined).
    #[serde(default)]
    pub query: BTreeMap<String, serde_yaml::Value>,
    /// Schema text replacing a named type the import would write.
    #[serde(default)]
    pub replace_types: BTreeMap<String, serde_yaml::Value>,
}
