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

/// The names of `found`; `taken` says whether a method name is used already
/// in a module (a derived name that is gets the HTTP method appended).
pub fn names(
    found: &Found<'_>,
    config: &ImportConfig,
    op: &OperationConfig,
    taken: impl Fn(&str, &str) -> bool,
) -> Names {
    let relative = found.path.trim_start_matches('/');
    let module = op.module.clone().unwrap_or_else(|| {
        config
            .resources
            .iter()
            .find(|rule| {
                rule.path_prefix
                    .as_deref()
                    .is_some_and(|p| relative == p || relative.starts_with(&format!("{p}/")))
                    || rule.tag.as_deref().is_some_and(|t| Some(t) == found.tag)
            })
            .map(|rule| rule.module.clone())
            .unwrap_or_else(|| derived_module(found))
    });
    let mut method = op.method.clone().unwrap_or_else(|| derived_method(found));
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

/// `group/resource` from the tag and the path's last literal segment; a
/// part the generated crate uses itself (`client`, `new`, `copy` → `Copy`)
/// gets `_resource` appended.
fn derived_module(found: &Found<'_>) -> String {
    let module = derived_module_raw(found);
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

fn derived_module_raw(found: &Found<'_>) -> String {
    let group = names::module(found.tag.unwrap_or("api"));
    let resource = found
        .path
        .split('/')
        .rev()
        .find(|s| !s.is_empty() && !s.starts_with('{'))
        .map(names::module)
        .unwrap_or_else(|| "root".to_string());
    format!("{group}/{resource}")
}

/// `list`, `get`, `create`, `update`, `edit`, `delete`, by method and by
/// whether the path ends at an item (`…/{id}`).
fn derived_method(found: &Found<'_>) -> String {
    let item = found.path.trim_end_matches('/').ends_with('}');
    match (found.method, item) {
        ("get", false) => "list",
        ("get", true) => "get",
        ("post", _) => "create",
        ("put", _) => "update",
        ("patch", _) => "edit",
        ("delete", _) => "delete",
        _ => "call",
    }
    .to_string()
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
                if shape.ty != Some(Yaml::from("string")) || shape.format.is_some() {
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
                        // A query value of any type is text on the wire.
                        let json = Yaml::from("json");
                        let any_list = mapping([("array", json.clone())]);
                        if shape.ty.as_ref() == Some(&json) || shape.ty.as_ref() == Some(&any_list)
                        {
                            converter
                                .notes
                                .push(format!("query.{name}: a value of any type is sent as text"));
                            shape.ty = Some(if shape.ty.as_ref() == Some(&json) {
                                Yaml::from("string")
                            } else {
                                mapping([("array", Yaml::from("string"))])
                            });
                        }
                        if parameter.get("explode") == Some(&Value::Bool(false))
                            || parameter.get("style").is_some_and(|s| s != "form")
                        {
                            converter.notes.push(format!(
                                "query.{name}: its `style`/`explode` is not carried"
                            ));
                        }
                        Yaml::Mapping(field_def(shape, required, name))
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
    if let Some(body) = value.get("requestBody").filter(|_| {
        found.method != "get" || {
            converter
                .notes
                .push("body: a GET request sends none; dropped".to_string());
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
                    let info = converter.shape_in_file(
                        info,
                        info_at.clone(),
                        "response.result_info",
                        &info_name,
                    )?;
                    let (Some(item), Some(info)) = (item.ty, info.ty) else {
                        return Err("a page whose items or result_info have no type".to_string());
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
    if content.len() > 1 {
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
            let properties = merged_properties(converter.doc, resolved, &resolved_at)?;
            let is_object = !properties.is_empty()
                && resolved.get("oneOf").is_none()
                && resolved.get("anyOf").is_none();
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
                out.insert(Yaml::from("json"), Yaml::Mapping(fields));
            } else {
                let shape = converter.shape(&schema, schema_at, "body", &format!("{hint}Body"))?;
                out.insert(
                    Yaml::from("json_type"),
                    shape.ty.unwrap_or(Yaml::from("json")),
                );
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
                    // A part is a file, a scalar, an enum or JSON: an object goes as JSON.
                    let composite = match &shape.ty {
                        Some(Yaml::Mapping(m)) => m.contains_key("map"),
                        Some(Yaml::String(name)) => converter
                            .table
                            .definition(name)
                            .is_some_and(|d| d.contains_key("object")),
                        _ => false,
                    };
                    if composite {
                        converter
                            .notes
                            .push(format!("body.{wire}: an object part is sent as JSON"));
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
