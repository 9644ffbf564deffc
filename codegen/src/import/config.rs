//! The import configuration (`import/*.yaml`): which operations to take from
//! the document, what to call them, and what upstream cannot say or gets
//! wrong. The schema written is a function of the document and this file.

use std::collections::BTreeMap;

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportConfig {
    /// The OpenAPI document, relative to the configuration's directory.
    pub document: String,
    /// The API-level schema file, copied to `schema/api.yaml` with `groups` added.
    pub api: String,
    /// Operations taken: any that matches one rule (all when empty).
    #[serde(default)]
    pub select: Selection,
    /// Docs of the directories (groups), by directory path.
    #[serde(default)]
    pub groups: BTreeMap<String, String>,
    /// Where operations go, first match wins; unmatched ones by tag.
    #[serde(default)]
    pub resources: Vec<ResourceRule>,
    /// Path parameters kept in the params struct (the rest are method arguments).
    #[serde(default)]
    pub params_path_params: Vec<String>,
    /// The pagination style (of `api.yaml`) for operations with the page parameters.
    #[serde(default)]
    pub pagination: Option<PaginationRule>,
    /// Names and overrides by operationId.
    #[serde(default)]
    pub operations: BTreeMap<String, OperationConfig>,
}

impl ImportConfig {
    /// Reads a configuration; errors name the file, line and column.
    pub fn parse(file: &str, text: &str) -> Result<Self, String> {
        serde_yaml::from_str(text).map_err(|e| match e.location() {
            Some(at) => format!("{file}:{}:{}: {e}", at.line(), at.column()),
            None => format!("{file}: {e}"),
        })
    }
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
