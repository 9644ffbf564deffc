//! OpenAPI operations to schema-file operations: which are taken, what they
//! are called, their parameters and their response.

use std::collections::BTreeMap;

use serde_json::Value;
use serde_yaml::{Mapping, Value as Yaml};

use super::components::Components;
use super::config::{ImportConfig, OperationConfig};
use super::document::{Document, Pointer};
use super::types::{self, field_def, mapping, Converter, Tables, TypeTable};
use crate::names;

const METHODS: &[&str] = &["get", "put", "post", "delete", "patch"];

/// One operation of the document.
pub struct Found<'a> {
    pub path: &'a str,
    pub method: &'a str,
    pub at: Pointer,
    pub value: &'a Value,
    /// The operationId, or `METHOD path` when there is none.
    pub id: String,
    pub tag: Option<&'a str>,
    /// Parameters declared on the path item, shared by its operations.
    pub shared_parameters: Option<&'a Value>,
}

/// Every operation the configuration selects, in path and method order.
pub fn select<'a>(doc: &'a Document, config: &ImportConfig) -> Vec<Found<'a>> {
    let mut found = Vec::new();
    let Some(paths) = doc.root.get("paths").and_then(Value::as_object) else {
        return found;
    };
    for (path, item) in paths {
        for method in METHODS {
            let Some(value) = item.get(*method) else {
                continue;
            };
            let id = value
                .get("operationId")
                .and_then(Value::as_str)
                .map(str::to_string)
                .unwrap_or_else(|| format!("{} {path}", method.to_uppercase()));
            let tag = value
                .get("tags")
                .and_then(Value::as_array)
                .and_then(|tags| tags.first())
                .and_then(Value::as_str);
            let relative = path.trim_start_matches('/');
            let rules = &config.select;
            let taken = (rules.tags.is_empty()
                && rules.path_prefixes.is_empty()
                && rules.operation_ids.is_empty())
                || tag.is_some_and(|t| rules.tags.iter().any(|r| r == t))
                || rules
                    .path_prefixes
                    .iter()
                    .any(|p| relative.starts_with(p.as_str()))
                || rules.operation_ids.contains(&id);
            if taken {
                found.push(Found {
                    path,
                    method,
                    at: Pointer::default().at("paths").at(path).at(method),
                    value,
                    id,
                    tag,
                    shared_parameters: item.get("parameters"),
                });
            }
        }
    }
    found.sort_by(|a, b| (a.path, a.method).cmp(&(b.path, b.method)));
    found
}

/// Where an operation goes and what it is called.
#[derive(Debug, Clone)]
pub struct Names {
    pub module: String,
    pub method: String,
    pub params_type: String,
    pub response_type: String,
    /// Whether the configuration named the method (otherwise it was derived).
    pub pinned: bool,
}

/// The module `found` goes to: its own configuration, the first resource
/// rule it matches, its tag's module (`tags`), or one derived from its tag
/// and path.
pub fn module_of(found: &Found<'_>, config: &ImportConfig, op: &OperationConfig) -> String {
    let relative = found.path.trim_start_matches('/');
    if let Some(module) = &op.module {
        return module.clone();
    }
    let rule = config.resources.iter().find(|rule| {
        rule.path_prefix
            .as_deref()
            .is_some_and(|p| relative == p || relative.starts_with(&format!("{p}/")))
            || rule.tag.as_deref().is_some_and(|t| Some(t) == found.tag)
    });
    if let Some(rule) = rule {
        return rule.module.clone();
    }
    match found.tag.and_then(|tag| config.tags.get(tag)) {
        Some(module) => match module.strip_suffix("/*") {
            Some(group) => derived_module(found, Some(group)),
            None => module.clone(),
        },
        None => derived_module(found, None),
    }
}

/// What the operations of one module share, which their method names
/// are derived against.
#[derive(Debug, Clone, Default)]
pub struct ModuleShape<'a> {
    /// The module's shortest path that ends in a literal segment (its
    /// collection, `stores/{store_id}/pets`): what follows names the method.
    pub base: Vec<&'a str>,
    /// Whether some path is the base and one parameter (`…/{id}`), so that
    /// a PUT, PATCH or DELETE of the base itself acts on many (`bulk_delete`).
    pub has_item: bool,
}

/// The shape of each module, from the paths of its operations.
pub fn module_shapes<'a>(modules: &[(String, &'a str)]) -> BTreeMap<String, ModuleShape<'a>> {
    let mut paths: BTreeMap<&str, Vec<Vec<&'a str>>> = BTreeMap::new();
    for (module, path) in modules {
        paths
            .entry(module.as_str())
            .or_default()
            .push(path.trim_matches('/').split('/').collect());
    }
    paths
        .into_iter()
        .map(|(module, paths)| {
            let base = paths
                .iter()
                .filter(|p| p.last().is_some_and(|s| !s.starts_with('{')))
                .min_by_key(|p| (p.len(), p.as_slice()))
                .cloned()
                .unwrap_or_default();
            let has_item = paths.iter().any(|p| {
                p.len() == base.len() + 1
                    && p.starts_with(&base)
                    && p.last().is_some_and(|s| s.starts_with('{'))
            });
            (module.to_string(), ModuleShape { base, has_item })
        })
        .collect()
}

/// The names of `found` in `module`, whose shared path is `base`; `taken`
/// says whether a method name is used already in a module (a derived name
/// that is gets the HTTP method appended).
pub fn names(
    doc: &Document,
    found: &Found<'_>,
    op: &OperationConfig,
    module: String,
    shape: &ModuleShape<'_>,
    taken: impl Fn(&str, &str) -> bool,
) -> Names {
    let mut method = op
        .method
        .clone()
        .unwrap_or_else(|| derived_method(found, shape, returns_list(doc, found)));
    if taken(&module, &method) {
        method = format!("{method}_{}", found.method);
    }
    let resource = module.rsplit('/').next().unwrap_or(&module);
    let stem = format!(
        "{}{}",
        names::camel(&singular_word(resource)),
        names::camel(&method)
    );
    Names {
        module,
        pinned: op.method.is_some(),
        params_type: op
            .params_type
            .clone()
            .unwrap_or_else(|| format!("{stem}Params")),
        response_type: op
            .response_type
            .clone()
            .unwrap_or_else(|| format!("{stem}Response")),
        method,
    }
}

/// `group/resource` (`group` from the tag unless given, the resource the
/// path's last literal segment); a part the generated crate uses itself
/// (`client`, `new`, `copy` → `Copy`) gets `_resource` appended.
fn derived_module(found: &Found<'_>, group: Option<&str>) -> String {
    let group = group
        .map(str::to_string)
        .unwrap_or_else(|| names::module(found.tag.unwrap_or("api")));
    let resource = found
        .path
        .split('/')
        .rev()
        .find(|s| !s.is_empty() && !s.starts_with('{'))
        .map(names::module)
        .unwrap_or_else(|| "root".to_string());
    let module = format!("{group}/{resource}");
    let parts: Vec<String> = module
        .split('/')
        .enumerate()
        .map(|(depth, part)| {
            let reserved = if depth == 0 {
                names::ROOT_MODULE_NAMES.contains(&part)
            } else {
                names::HANDLE_METHODS.contains(&part)
            };
            let reserved_type =
                crate::validate::RESERVED_TYPE_NAMES.contains(&names::camel(part).as_str());
            if reserved || reserved_type {
                format!("{part}_resource")
            } else {
                part.to_string()
            }
        })
        .collect();
    parts.join("/")
}

/// The method name from the HTTP method and the path past the module's
/// base: on the base itself `list` (or `get` for one object), `create`,
/// `update`, `edit`, `delete` (`bulk_delete` where the module has items);
/// on an item (`…/{id}`) `get`, `update`, `edit`, `delete`; past them the
/// literal segments name it: `POST …/{id}/refresh` is `refresh`, `GET
/// …/export` is `export` (`list_visits` when it lists), `GET
/// …/{id}/visits/{visit_id}` is `get_visit`. A path outside the base
/// is named by its literal segments the base does not have.
fn derived_method(found: &Found<'_>, shape: &ModuleShape<'_>, lists: bool) -> String {
    let segments: Vec<&str> = found.path.trim_matches('/').split('/').collect();
    let rest: Vec<&str> = if segments.starts_with(&shape.base) {
        segments[shape.base.len()..].to_vec()
    } else {
        segments
            .into_iter()
            .filter(|s| s.starts_with('{') || !shape.base.contains(s))
            .collect()
    };
    let item = rest.last().is_some_and(|s| s.starts_with('{'));
    // The base of a module with items is a collection, whatever its response.
    let lists = lists || (rest.is_empty() && shape.has_item);
    let verb = match found.method {
        "get" if !item && lists => "list",
        "get" => "get",
        "post" => "create",
        "put" => "update",
        "patch" => "edit",
        "delete" => "delete",
        _ => "call",
    };
    if rest.is_empty() && shape.has_item && matches!(found.method, "put" | "patch" | "delete") {
        return format!("bulk_{verb}");
    }
    let literals: Vec<&str> = rest
        .iter()
        .copied()
        .filter(|s| !s.starts_with('{'))
        .collect();
    if literals.is_empty() {
        return verb.to_string();
    }
    let action = names::module(&literals.join("_"));
    // A name every handle has (`new`) takes the verb.
    let bare = !names::HANDLE_METHODS.contains(&action.as_str());
    match (found.method, item) {
        ("post", false) if bare => action,
        ("get", false) if bare && !lists => action,
        (_, true) => format!("{verb}_{}", singular_word(&action)),
        _ => format!("{verb}_{action}"),
    }
}

/// Whether the success response's `result` is a list (a page or an array).
fn returns_list(doc: &Document, found: &Found<'_>) -> bool {
    let Some((code, response)) = found
        .value
        .get("responses")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .find(|(code, _)| code.starts_with('2'))
    else {
        return false;
    };
    let at = found.at.at("responses").at(code);
    let Ok((response, at)) = doc.resolve(response, at) else {
        return false;
    };
    let Some(schema) = response
        .get("content")
        .and_then(|c| c.get("application/json"))
        .and_then(|j| j.get("schema"))
    else {
        return false;
    };
    let at = at.at("content").at("application/json").at("schema");
    let Ok((schema, at)) = doc.resolve(schema, at) else {
        return false;
    };
    let Ok(properties) = merged_properties(doc, schema, &at) else {
        return false;
    };
    properties
        .iter()
        .find(|(name, _)| name == "result")
        .and_then(|(_, (result, at))| doc.resolve(result, at.clone()).ok())
        .is_some_and(|(result, _)| result.get("type").and_then(Value::as_str) == Some("array"))
}

fn singular_word(word: &str) -> String {
    match word.strip_suffix("ies") {
        Some(stem) => format!("{stem}y"),
        None => word.strip_suffix('s').unwrap_or(word).to_string(),
    }
}

/// The result of converting one operation.
pub struct Converted {
    pub operation: Mapping,
    /// What was carried approximately, each `location: what`.
    pub notes: Vec<String>,
}

/// Converts `found` into the schema's operation; `Err` says why it cannot be.
pub fn convert(
    doc: &Document,
    config: &ImportConfig,
    found: &Found<'_>,
    op: &OperationConfig,
    names: &Names,
    table: &mut TypeTable,
    components: &mut Components,
) -> Result<Converted, String> {
    let mut notes = Vec::new();
    let value = found.value;
    if let Err(why) = crate::validate::path_template_params(found.path.trim_start_matches('/')) {
        return Err(format!("the path cannot be a template: {why}"));
    }
    let mut operation = Mapping::new();
    let summary = value
        .get("summary")
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim();
    let description = value
        .get("description")
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim();
    let doc_text = op.doc.clone().unwrap_or_else(|| {
        match (
            summary.is_empty(),
            description.is_empty() || description == summary,
        ) {
            (false, true) => format!("{summary}."),
            (false, false) => format!("{summary}.\n\n{description}"),
            (true, false) => description.to_string(),
            (true, true) => format!("`{} {}`.", found.method.to_uppercase(), found.path),
        }
        .replace("..", ".")
    });
    operation.insert(Yaml::from("doc"), Yaml::from(doc_text));
    operation.insert(
        Yaml::from("method"),
        Yaml::from(found.method.to_uppercase()),
    );
    operation.insert(
        Yaml::from("path"),
        Yaml::from(found.path.trim_start_matches('/')),
    );
    operation.insert(
        Yaml::from("params_type"),
        Yaml::from(names.params_type.as_str()),
    );
    if value.get("deprecated") == Some(&Value::Bool(true)) {
        operation.insert(
            Yaml::from("deprecated"),
            Yaml::from("Deprecated in the API description."),
        );
    }

    // A configured response type names the response even where it is a component.
    let mut configured = op.types.clone();
    if let Some(response_type) = &op.response_type {
        for location in ["response", "response.result", "response.result[]"] {
            configured
                .entry(location.to_string())
                .or_insert_with(|| response_type.clone());
        }
    }
    let mut converter =
        Converter::new(doc, Tables::new(table, components), &configured, &mut notes);
    let mut path_params = Mapping::new();
    let mut query = BTreeMap::new();
    let mut headers = Mapping::new();
    let mut parameters: Vec<(Value, Pointer)> = Vec::new();
    for (list, at) in [
        (
            found.shared_parameters,
            Pointer::default()
                .at("paths")
                .at(found.path)
                .at("parameters"),
        ),
        (value.get("parameters"), found.at.at("parameters")),
    ] {
        for (i, parameter) in list
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            let (parameter, at) = doc
                .resolve(parameter, at.at(i))
                .map_err(|e| e.to_string())?;
            parameters.push((parameter.clone(), at));
        }
    }
    for (parameter, at) in &parameters {
        let name = parameter
            .get("name")
            .and_then(Value::as_str)
            .ok_or_else(|| format!("#{at}: a parameter without a name"))?;
        let location = parameter.get("in").and_then(Value::as_str).unwrap_or("");
        let required = parameter.get("required") == Some(&Value::Bool(true));
        let schema = parameter
            .get("schema")
            .cloned()
            .unwrap_or(Value::Object(Default::default()));
        let hint = format!("{}{}", names.params_type, names::camel(name));
        match location {
            "path" => {
                let mut shape =
                    converter.shape(&schema, at.at("schema"), &format!("path.{name}"), &hint)?;
                if !path_segment_shape(&converter, &schema, at, &mut shape) {
                    converter
                        .notes
                        .push(format!("path.{name}: sent as a string"));
                    shape.ty = Some(Yaml::from("string"));
                    shape.format = None;
                    shape.constraints.clear();
                }
                shape.nullable = false;
                shape.doc = shape.doc.or_else(|| description_of(parameter));
                let mut field = field_def(shape, false, name);
                let held = config.params_path_params.iter().any(|p| p == name);
                field.insert(
                    Yaml::from("in"),
                    Yaml::from(if held { "params" } else { "argument" }),
                );
                path_params.insert(Yaml::from(name), Yaml::Mapping(field));
            }
            "query" => {
                let field = match op.query.get(name) {
                    Some(replacement) => replacement.clone(),
                    None => {
                        let mut shape = converter.shape(
                            &schema,
                            at.at("schema"),
                            &format!("query.{name}"),
                            &hint,
                        )?;
                        shape.doc = shape.doc.or_else(|| description_of(parameter));
                        shape.deprecated |= parameter.get("deprecated") == Some(&Value::Bool(true));
                        // An object with fields of any type has no query form: text.
                        let loose_object = shape
                            .ty
                            .as_ref()
                            .and_then(Yaml::as_str)
                            .and_then(|name| converter.table.definition(name))
                            .and_then(|d| d.get("object"))
                            .and_then(Yaml::as_mapping)
                            .is_some_and(|fields| {
                                fields.values().any(|f| {
                                    f.get("type").is_some_and(|t| {
                                        t.as_str() == Some("json") || t.get("map").is_some()
                                    })
                                })
                            });
                        if loose_object {
                            converter.notes.push(format!(
                                "query.{name}: an object with fields of any type is sent as text"
                            ));
                            shape.ty = Some(Yaml::from("string"));
                            shape.default = None;
                        }
                        // A query value of any type is text on the wire: exactly so
                        // when the schema says nothing of it (`{}`, or items `{}`).
                        let json = Yaml::from("json");
                        let any_list = mapping([("array", json.clone())]);
                        if shape.ty.as_ref() == Some(&json) || shape.ty.as_ref() == Some(&any_list)
                        {
                            let said_nothing = converter
                                .doc
                                .resolve(&schema, at.at("schema"))
                                .ok()
                                .map(|(resolved, at)| match resolved.get("items") {
                                    Some(items) if shape.ty.as_ref() == Some(&any_list) => {
                                        converter
                                            .doc
                                            .resolve(items, at.at("items"))
                                            .is_ok_and(|(items, _)| types::says_nothing(items))
                                    }
                                    _ => types::says_nothing(resolved),
                                })
                                .unwrap_or(false);
                            if !said_nothing {
                                converter.notes.push(format!(
                                    "query.{name}: a value of any type is sent as text"
                                ));
                            }
                            shape.ty = Some(if shape.ty.as_ref() == Some(&json) {
                                Yaml::from("string")
                            } else {
                                mapping([("array", Yaml::from("string"))])
                            });
                        }
                        let form = parameter.get("style").is_none_or(|s| s == "form");
                        // `style: comma` takes arrays of scalars and enums.
                        let item = match &shape.ty {
                            Some(Yaml::Mapping(m)) => m.get("array").and_then(Yaml::as_str),
                            _ => None,
                        };
                        let array = item.is_some_and(|item| {
                            ["string", "integer", "number", "boolean"].contains(&item)
                                || converter.table.definition(item).is_some_and(|d| {
                                    d.contains_key("string_enum") || d.contains_key("number_enum")
                                })
                        });
                        let mut field = field_def(shape, required, name);
                        if form && array && parameter.get("explode") == Some(&Value::Bool(false)) {
                            // `explode: false`: one value, the items separated by commas.
                            field.insert(Yaml::from("style"), Yaml::from("comma"));
                        } else if parameter.get("explode") == Some(&Value::Bool(false)) || !form {
                            converter.notes.push(format!(
                                "query.{name}: its `style`/`explode` is not carried"
                            ));
                        }
                        Yaml::Mapping(field)
                    }
                };
                query.insert(name.to_string(), field);
            }
            "header" => {
                let mut shape = converter.shape_in_file(
                    &schema,
                    at.at("schema"),
                    &format!("header.{name}"),
                    &hint,
                )?;
                shape.doc = shape.doc.or_else(|| description_of(parameter));
                shape.nullable = false;
                headers.insert(
                    Yaml::from(name.to_ascii_lowercase()),
                    Yaml::Mapping(field_def(shape, required, name)),
                );
            }
            other => return Err(format!("#{at}: a parameter in `{other}`")),
        }
    }
    // Path parameters in template order, so arguments read like the path.
    let mut ordered = Mapping::new();
    for segment in found.path.split('/') {
        if let Some(name) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            let field = path_params
                .get(name)
                .cloned()
                .ok_or_else(|| format!("path parameter `{name}` is not declared"))?;
            ordered.insert(Yaml::from(name), field);
        }
    }
    if !ordered.is_empty() {
        operation.insert(Yaml::from("path_params"), Yaml::Mapping(ordered));
    }
    if !headers.is_empty() {
        operation.insert(Yaml::from("headers"), Yaml::Mapping(headers));
    }
    if let Some(body) = value.get("requestBody").filter(|body| {
        found.method != "get" || {
            // A body without a schema says nothing, so dropping it loses nothing.
            let described = body
                .get("content")
                .and_then(Value::as_object)
                .is_some_and(|content| content.values().any(|media| media.get("schema").is_some()));
            if described {
                converter
                    .notes
                    .push("body: a GET request sends none; dropped".to_string());
            }
            false
        }
    }) {
        let body = request_body(&mut converter, body, found.at.at("requestBody"), names)?;
        operation.insert(Yaml::from("body"), Yaml::Mapping(body));
    }
    if !query.is_empty() {
        let query: Mapping = query.into_iter().map(|(k, v)| (Yaml::from(k), v)).collect();
        operation.insert(Yaml::from("query"), Yaml::Mapping(query));
    }

    let response = response(&mut converter, found, names)?;
    // Auto-paging needs the page numbers in `result_info` too.
    let info_numbers = |fields: &[String]| {
        let info = response
            .get("page")
            .and_then(|p| p.get("result_info"))
            .and_then(Yaml::as_str);
        let def = info
            .and_then(|name| converter.table.definition(name))
            .and_then(|d| d.get("object"));
        fields.iter().all(|field| {
            def.and_then(|o| o.get(field.as_str()))
                .and_then(|f| f.get("type"))
                .and_then(Yaml::as_str)
                .is_some_and(|t| t == "integer" || t == "number")
        })
    };
    let paged = response.get("page").is_some()
        && config
            .pagination
            .as_ref()
            .is_some_and(|rule| info_numbers(&rule.info_fields));
    operation.insert(Yaml::from("response"), Yaml::Mapping(response));
    if let (true, Some(rule)) = (paged, &config.pagination) {
        let has = |p: &str| {
            operation
                .get("query")
                .and_then(Yaml::as_mapping)
                .is_some_and(|q| q.contains_key(p))
        };
        let integer = |p: &str| {
            operation
                .get("query")
                .and_then(|q| q.get(p))
                .and_then(|f| f.get("type"))
                .and_then(Yaml::as_str)
                .is_some_and(|t| t == "integer" || t == "number")
        };
        if has(&rule.page_param)
            && has(&rule.per_page_param)
            && integer(&rule.page_param)
            && integer(&rule.per_page_param)
        {
            operation.insert(Yaml::from("pagination"), Yaml::from(rule.style.as_str()));
        }
    }
    if let Some(security) = value.get("security") {
        if security.as_array().is_some_and(Vec::is_empty) {
            notes.push(
                "security: the operation needs no credentials, but the client sends them"
                    .to_string(),
            );
        }
    }
    Ok(Converted { operation, notes })
}

/// Whether a path parameter's shape is one the schema sends as it is (a
/// string with a format `build()` checks, an integer, a string enum). A
/// schema that says nothing of the value (`{}`) is read as text: a segment is
/// text, so no value the document allows is refused.
fn path_segment_shape(
    converter: &Converter<'_>,
    schema: &Value,
    at: &Pointer,
    shape: &mut types::Shape,
) -> bool {
    let string_enum = |name: &str| {
        converter
            .table
            .definition(name)
            .is_some_and(|d| d.contains_key("string_enum"))
    };
    match shape.ty.as_ref().and_then(Yaml::as_str) {
        Some("string") => shape
            .format
            .as_deref()
            .is_none_or(|f| !crate::validate::TYPED_FORMATS.contains(&f)),
        Some("integer") => true,
        Some("json") => {
            let said_nothing = converter
                .doc
                .resolve(schema, at.at("schema"))
                .is_ok_and(|(resolved, _)| types::says_nothing(resolved));
            if said_nothing {
                shape.ty = Some(Yaml::from("string"));
            }
            said_nothing
        }
        Some(name) => string_enum(name),
        None => false,
    }
}

fn description_of(parameter: &Value) -> Option<String> {
    parameter
        .get("description")
        .and_then(Value::as_str)
        .map(|d| d.trim().to_string())
        .filter(|d| !d.is_empty())
}

/// The success response: a page, an envelope's `result`, or a raw body.
fn response(
    converter: &mut Converter<'_>,
    found: &Found<'_>,
    names: &Names,
) -> Result<Mapping, String> {
    let responses = found.value.get("responses").and_then(Value::as_object);
    let Some((code, response)) = responses
        .into_iter()
        .flatten()
        .find(|(code, _)| code.starts_with('2'))
    else {
        return Err("no 2xx response".to_string());
    };
    let at = found.at.at("responses").at(code);
    let (response, at) = converter
        .doc
        .resolve(response, at)
        .map_err(|e| e.to_string())?;
    let content = response.get("content").and_then(Value::as_object);
    let Some(schema) = content
        .and_then(|c| c.get("application/json"))
        .and_then(|j| j.get("schema"))
    else {
        let kinds: Vec<&String> = content.into_iter().flatten().map(|(k, _)| k).collect();
        let mut out = Mapping::new();
        let kind = match kinds.first() {
            None => "empty",
            Some(k) if k.starts_with("text/") || k.as_str() == "string" => "text",
            Some(_) => "bytes",
        };
        out.insert(Yaml::from(kind), Yaml::from(true));
        return Ok(out);
    };
    let schema_at = at.at("content").at("application/json").at("schema");
    let (schema, schema_at) = converter
        .doc
        .resolve(schema, schema_at)
        .map_err(|e| e.to_string())?;
    let properties = merged_properties(converter.doc, schema, &schema_at)?;
    let mut out = Mapping::new();
    match properties.iter().find(|(name, _)| name == "result") {
        Some((_, (result, result_at))) => {
            let (result, result_at) = converter
                .doc
                .resolve(result, result_at.clone())
                .map_err(|e| e.to_string())?;
            let info = properties.iter().find(|(name, _)| name == "result_info");
            let items = result
                .get("items")
                .filter(|_| result.get("type").and_then(Value::as_str) == Some("array"));
            match (items, info) {
                (Some(items), Some((_, (info, info_at)))) => {
                    let item = converter.shape(
                        items,
                        result_at.at("items"),
                        "response.result[]",
                        &names.response_type,
                    )?;
                    let info_name = format!(
                        "{}ResultInfo",
                        names.response_type.trim_end_matches("Response")
                    );
                    let info_schema = info;
                    let info = converter.shape_in_file(
                        info,
                        info_at.clone(),
                        "response.result_info",
                        &info_name,
                    )?;
                    let (Some(item), Some(info)) = (item.ty, info.ty) else {
                        return Err("a page whose items or result_info have no type".to_string());
                    };
                    // `{type: object}` alone: an object whose fields are all unknown.
                    let info = if info.as_str() == Some("json") && is_bare_object(info_schema) {
                        let mut def = Mapping::new();
                        def.insert(
                            Yaml::from("doc"),
                            Yaml::from(
                                "The page's `result_info`, whose fields the API does not describe.",
                            ),
                        );
                        def.insert(Yaml::from("object"), Yaml::Mapping(Mapping::new()));
                        Yaml::from(converter.table.add(&info_name, def))
                    } else {
                        info
                    };
                    let info_object = info
                        .as_str()
                        .and_then(|name| converter.table.definition(name))
                        .is_some_and(|d| d.contains_key("object"));
                    if info_object {
                        out.insert(
                            Yaml::from("page"),
                            mapping([("item", item), ("result_info", info)]),
                        );
                    } else {
                        converter.notes.push(
                            "response: `result_info` is not an object: read as the list alone"
                                .to_string(),
                        );
                        out.insert(Yaml::from("result"), mapping([("array", item)]));
                    }
                }
                _ => {
                    let shape = converter.shape(
                        result,
                        result_at,
                        "response.result",
                        &names.response_type,
                    )?;
                    out.insert(Yaml::from("result"), shape.ty.unwrap_or(Yaml::from("json")));
                }
            }
        }
        None => {
            let shape = converter.shape(schema, schema_at, "response", &names.response_type)?;
            out.insert(Yaml::from("raw"), shape.ty.unwrap_or(Yaml::from("json")));
        }
    }
    Ok(out)
}

/// A property's name, and its schema with where it is.
type Property = (String, (Value, Pointer));

/// The properties of `schema` and of each `allOf` part, in order, by name.
fn merged_properties(
    doc: &Document,
    schema: &Value,
    at: &Pointer,
) -> Result<Vec<Property>, String> {
    let mut out: Vec<Property> = Vec::new();
    let mut pending = vec![(schema.clone(), at.clone())];
    while let Some((schema, at)) = pending.pop() {
        if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
            for (i, part) in parts.iter().enumerate().rev() {
                let (part, part_at) = doc
                    .resolve(part, at.at("allOf").at(i))
                    .map_err(|e| e.to_string())?;
                pending.push((part.clone(), part_at));
            }
        }
        for (name, property) in schema
            .get("properties")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let entry = (property.clone(), at.at("properties").at(name));
            match out.iter_mut().find(|(n, _)| n == name) {
                // A later part narrows what an earlier one said (`result: {}` then the real one).
                Some(existing) => existing.1 = entry,
                None => out.push((name.clone(), entry)),
            }
        }
    }
    Ok(out)
}

/// An object whose `anyOf` members only require fields, one each (`anyOf:
/// [{required: [a]}, {required: [b]}]`): the object with at least one of
/// them set. The schema without its `anyOf`, and those fields (none when one
/// of them is required anyway, so the rule always holds).
fn at_least_one_of(schema: &Value) -> Option<(Value, Vec<String>)> {
    let members = schema.get("anyOf")?.as_array()?;
    let properties = schema.get("properties")?.as_object()?;
    let mut names: Vec<String> = Vec::new();
    for member in members {
        let member = member.as_object()?;
        if member
            .keys()
            .any(|k| !matches!(k.as_str(), "required" | "title" | "description"))
        {
            return None;
        }
        let [name] = member.get("required")?.as_array()?.as_slice() else {
            return None;
        };
        let name = name.as_str().filter(|n| properties.contains_key(*n))?;
        if !names.iter().any(|n| n == name) {
            names.push(name.to_string());
        }
    }
    if names.len() < 2 {
        return None;
    }
    let required = schema.get("required").and_then(Value::as_array);
    if required.is_some_and(|r| {
        r.iter()
            .any(|n| names.iter().any(|name| n == name.as_str()))
    }) {
        names.clear();
    }
    let mut stripped = schema.clone();
    stripped.as_object_mut()?.remove("anyOf");
    Some((stripped, names))
}

/// Whether `schema` or one of its `allOf` parts (at any depth) is a union:
/// then it is not one object's fields but a union of compositions.
fn has_union_part(doc: &Document, schema: &Value, at: &Pointer, depth: usize) -> bool {
    if schema.get("oneOf").is_some() || schema.get("anyOf").is_some() {
        return true;
    }
    depth < 48
        && schema
            .get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
            .any(|(i, part)| {
                doc.resolve(part, at.at("allOf").at(i))
                    .is_ok_and(|(part, part_at)| has_union_part(doc, part, &part_at, depth + 1))
            })
}

/// The schema's `body:` for an OpenAPI `requestBody`: JSON fields of an
/// object, any other JSON value, multipart parts, or raw bytes.
fn request_body(
    converter: &mut Converter<'_>,
    body: &Value,
    at: Pointer,
    names: &Names,
) -> Result<Mapping, String> {
    let (body, at) = converter.doc.resolve(body, at).map_err(|e| e.to_string())?;
    let content = body
        .get("content")
        .and_then(Value::as_object)
        .ok_or_else(|| format!("#{at}: a request body without content"))?;
    let required = body.get("required") == Some(&Value::Bool(true));
    let chosen = ["application/json", "multipart/form-data"]
        .into_iter()
        .find(|k| content.contains_key(*k))
        .or_else(|| content.keys().next().map(String::as_str))
        .ok_or_else(|| format!("#{at}: a request body without content"))?;
    // Offering one of several content types loses nothing when the one
    // chosen is multipart or JSON: each request sent is one the API takes.
    if content.len() > 1 && !matches!(chosen, "application/json" | "multipart/form-data") {
        converter.notes.push(format!(
            "body: sent as {chosen}; the other content types ({}) are not offered",
            content
                .keys()
                .filter(|k| *k != chosen)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let schema_at = at.at("content").at(chosen).at("schema");
    let schema = content[chosen]
        .get("schema")
        .cloned()
        .unwrap_or(Value::Object(Default::default()));
    let mut out = Mapping::new();
    let hint = names.params_type.clone();
    match chosen {
        "application/json" => {
            let (resolved, resolved_at) = converter
                .doc
                .resolve(&schema, schema_at.clone())
                .map_err(|e| e.to_string())?;
            let (stripped, at_least_one_of) = match at_least_one_of(resolved) {
                Some((stripped, names)) => (Some(stripped), names),
                None => (None, Vec::new()),
            };
            let resolved = stripped.as_ref().unwrap_or(resolved);
            let properties = merged_properties(converter.doc, resolved, &resolved_at)?;
            let is_object =
                !properties.is_empty() && !has_union_part(converter.doc, resolved, &resolved_at, 0);
            if is_object {
                let required_fields: Vec<&str> = resolved
                    .get("required")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect();
                let mut fields = Mapping::new();
                for (wire, (property, property_at)) in &properties {
                    let field_hint = format!("{hint}{}", names::camel(wire));
                    let shape = converter.shape(
                        property,
                        property_at.clone(),
                        &format!("body.{wire}"),
                        &field_hint,
                    )?;
                    let required = required_fields.contains(&wire.as_str());
                    fields.insert(
                        Yaml::from(wire.as_str()),
                        Yaml::Mapping(field_def(shape, required, wire)),
                    );
                }
                if !at_least_one_of.is_empty() {
                    let names = at_least_one_of.iter().map(|n| Yaml::from(n.as_str()));
                    out.insert(
                        Yaml::from("at_least_one_of"),
                        Yaml::Sequence(names.collect()),
                    );
                }
                out.insert(Yaml::from("json"), Yaml::Mapping(fields));
            } else {
                let shape = converter.shape(&schema, schema_at, "body", &format!("{hint}Body"))?;
                let (ty, rules) = converter.rules_of(shape, "body");
                out.insert(Yaml::from("json_type"), ty);
                out.extend(rules.into_iter().flatten());
                if required {
                    out.insert(Yaml::from("required"), Yaml::from(true));
                }
            }
        }
        "multipart/form-data" => {
            let (resolved, resolved_at) = converter
                .doc
                .resolve(&schema, schema_at)
                .map_err(|e| e.to_string())?;
            let properties = merged_properties(converter.doc, resolved, &resolved_at)?;
            let mut parts = Mapping::new();
            for (wire, (property, property_at)) in &properties {
                let binary = property.get("format").and_then(Value::as_str) == Some("binary")
                    || property
                        .get("items")
                        .and_then(|i| i.get("format"))
                        .and_then(Value::as_str)
                        == Some("binary");
                let def = if binary {
                    let mut def = Mapping::new();
                    def.insert(Yaml::from("type"), Yaml::from("file"));
                    def.insert(Yaml::from("doc"), Yaml::from(format!("`{wire}`.")));
                    def
                } else {
                    let field_hint = format!("{hint}{}", names::camel(wire));
                    let mut shape = converter.shape_in_file(
                        property,
                        property_at.clone(),
                        &format!("body.{wire}"),
                        &field_hint,
                    )?;
                    // A part is a file, a scalar, an enum, an object type (one
                    // JSON part) or JSON: a map goes as JSON.
                    let composite = match &shape.ty {
                        Some(Yaml::Mapping(m)) => m.contains_key("map"),
                        Some(Yaml::String(name)) => converter
                            .table
                            .definition(name)
                            .is_some_and(|d| d.contains_key("union")),
                        _ => false,
                    };
                    if composite {
                        converter
                            .notes
                            .push(format!("body.{wire}: a map or union part is sent as JSON"));
                        shape.ty = Some(Yaml::from("json"));
                    }
                    field_def(shape, false, wire)
                };
                parts.insert(Yaml::from(wire.as_str()), Yaml::Mapping(def));
            }
            out.insert(Yaml::from("multipart"), Yaml::Mapping(parts));
        }
        other => {
            out.insert(
                Yaml::from("raw"),
                types::mapping([("content_type", Yaml::from(other))]),
            );
            if required {
                out.insert(Yaml::from("required"), Yaml::from(true));
            }
        }
    }
    Ok(out)
}

/// `{type: object}` with nothing said of its fields.
fn is_bare_object(schema: &Value) -> bool {
    schema.get("type").and_then(Value::as_str) == Some("object")
        && [
            "properties",
            "additionalProperties",
            "allOf",
            "oneOf",
            "anyOf",
        ]
        .iter()
        .all(|key| schema.get(*key).is_none())
}
