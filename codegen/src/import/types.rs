//! OpenAPI schemas to schema-file types: a `type:` expression for each use,
//! and named types (objects, enums, unions) collected per resource file.

use serde_json::Value;
use serde_yaml::{Mapping, Value as Yaml};

use super::document::{Document, Pointer};
use crate::names;

/// A field's type and what goes with it, ready to write as a field.
#[derive(Debug, Clone, Default)]
pub struct Shape {
    pub ty: Option<Yaml>,
    pub format: Option<String>,
    pub nullable: bool,
    pub doc: Option<String>,
    pub deprecated: bool,
    pub default: Option<Yaml>,
    /// `minimum`, `max_length`, …, as schema keys.
    pub constraints: Vec<(&'static str, Yaml)>,
}

/// The named types of one resource file, in the order first met.
#[derive(Debug, Default)]
pub struct TypeTable {
    pub types: Vec<(String, Mapping)>,
}

impl TypeTable {
    /// Adds `def` as `name`; the same definition again reuses it, another one
    /// under the same name gets a numbered name.
    pub fn add(&mut self, name: &str, def: Mapping) -> String {
        let mut candidate = name.to_string();
        for n in 2.. {
            match self
                .types
                .iter()
                .find(|(existing, _)| *existing == candidate)
            {
                None => break,
                Some((_, existing)) if *existing == def => return candidate,
                Some(_) => candidate = format!("{name}{n}"),
            }
        }
        self.types.push((candidate.clone(), def));
        candidate
    }
}

/// Converts schemas met at one operation; what cannot be carried faithfully
/// is noted, what cannot be carried at all is an error (the operation is skipped).
pub struct Converter<'a> {
    pub doc: &'a Document,
    pub table: &'a mut TypeTable,
    /// Names the configuration gives to unnamed types, by location.
    pub names: &'a std::collections::BTreeMap<String, String>,
    pub notes: &'a mut Vec<String>,
}

const SCALARS: &[&str] = &["string", "integer", "number", "boolean"];

impl Converter<'_> {
    /// The shape of `schema` used at `location` (`query.tags[]`); `hint`
    /// names a type made for it when the configuration does not.
    pub fn shape(
        &mut self,
        schema: &Value,
        at: Pointer,
        location: &str,
        hint: &str,
    ) -> Result<Shape, String> {
        let (schema, at) = self.doc.resolve(schema, at).map_err(|e| e.to_string())?;
        let mut shape = Shape {
            doc: schema
                .get("description")
                .and_then(Value::as_str)
                .map(|d| d.trim().to_string())
                .filter(|d| !d.is_empty()),
            deprecated: schema.get("deprecated") == Some(&Value::Bool(true)),
            nullable: schema.get("nullable") == Some(&Value::Bool(true)),
            ..Shape::default()
        };
        let mut kind = schema.get("type").cloned();
        // OpenAPI 3.1: `type: [string, "null"]`.
        if let Some(Value::Array(kinds)) = &kind {
            let rest: Vec<&Value> = kinds
                .iter()
                .filter(|k| k.as_str() != Some("null"))
                .collect();
            shape.nullable |= rest.len() < kinds.len();
            kind = match rest.as_slice() {
                [one] => Some((*one).clone()),
                _ => return self.scalar_union(schema, &at, location, hint, shape),
            };
        }
        // Items of an array are named in the singular (`PetListParamsTag`);
        // their own fields keep the plural as prefix (`PetListParamsTagsKind`).
        let name = |this: &Self| {
            this.names.get(location).cloned().unwrap_or_else(|| {
                // A page's items carry the response type's own name.
                if location.ends_with("[]") && location != "response.result[]" {
                    singular(hint)
                } else {
                    hint.to_string()
                }
            })
        };
        if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
            return self.object(schema, parts, &at, location, &name(self), hint, shape);
        }
        if let Some(values) = same_type_enums(self.doc, schema, &at) {
            let kind = values.0;
            return self.enumeration(
                schema,
                &values.1,
                &at,
                location,
                &name(self),
                Some(&kind),
                shape,
            );
        }
        if schema.get("oneOf").is_some() || schema.get("anyOf").is_some() {
            return self.scalar_union(schema, &at, location, hint, shape);
        }
        if let Some(values) = schema.get("enum").and_then(Value::as_array) {
            return self.enumeration(
                schema,
                values,
                &at,
                location,
                &name(self),
                kind.as_ref(),
                shape,
            );
        }
        match kind.as_ref().and_then(Value::as_str) {
            Some("string") => {
                shape.ty = Some(Yaml::from("string"));
                match schema.get("format").and_then(Value::as_str) {
                    Some("date-time") => shape.format = Some("date-time".to_string()),
                    Some(other) => self.note(location, format!("format `{other}` is not checked")),
                    None => {}
                }
                self.bounds(
                    schema,
                    &mut shape,
                    &[("minLength", "min_length"), ("maxLength", "max_length")],
                );
                if schema.get("pattern").is_some() {
                    self.note(location, "`pattern` is not checked");
                }
                self.default(schema, &mut shape);
            }
            Some(kind @ ("integer" | "number")) => {
                shape.ty = Some(Yaml::from(kind));
                self.bounds(
                    schema,
                    &mut shape,
                    &[("minimum", "minimum"), ("maximum", "maximum")],
                );
                for key in ["exclusiveMinimum", "exclusiveMaximum", "multipleOf"] {
                    if schema.get(key).is_some() {
                        self.note(location, format!("`{key}` is not checked"));
                    }
                }
                self.default(schema, &mut shape);
            }
            Some("boolean") => {
                shape.ty = Some(Yaml::from("boolean"));
                self.default(schema, &mut shape);
            }
            Some("array") => {
                let items = schema
                    .get("items")
                    .cloned()
                    .unwrap_or(Value::Object(Default::default()));
                let inner = self.shape(&items, at.at("items"), &format!("{location}[]"), hint)?;
                if inner.nullable {
                    self.note(location, "items that may be null are read as required");
                }
                for key in ["minItems", "maxItems", "uniqueItems"] {
                    if schema.get(key).is_some() {
                        self.note(location, format!("`{key}` is not checked"));
                    }
                }
                shape.ty = Some(mapping([("array", inner.ty.unwrap_or(Yaml::from("json")))]));
            }
            Some("object") | None if schema.get("properties").is_some() => {
                return self.object(schema, &[], &at, location, &name(self), hint, shape);
            }
            Some("object") | None => {
                shape.ty = Some(match schema.get("additionalProperties") {
                    Some(Value::Object(values)) if !values.is_empty() => {
                        let values = Value::Object(values.clone());
                        let inner = self.shape(
                            &values,
                            at.at("additionalProperties"),
                            &format!("{location}{{}}"),
                            &format!("{hint}Value"),
                        )?;
                        mapping([("map", inner.ty.unwrap_or(Yaml::from("json")))])
                    }
                    _ => Yaml::from("json"),
                });
            }
            Some(other) => return Err(format!("#{at}: unknown type `{other}`")),
        }
        Ok(shape)
    }

    fn note(&mut self, location: &str, message: impl Into<String>) {
        self.notes.push(format!("{location}: {}", message.into()));
    }

    fn bounds(&mut self, schema: &Value, shape: &mut Shape, keys: &[(&str, &'static str)]) {
        for (from, to) in keys {
            if let Some(value) = schema.get(*from).filter(|v| v.is_number()) {
                shape.constraints.push((to, json_to_yaml(value)));
            }
        }
    }

    fn default(&mut self, schema: &Value, shape: &mut Shape) {
        if let Some(value) = schema.get("default").filter(|v| !v.is_null()) {
            shape.default = Some(json_to_yaml(value));
        }
    }

    /// An object type (properties, plus those of every `allOf` part).
    #[allow(clippy::too_many_arguments)]
    fn object(
        &mut self,
        schema: &Value,
        parts: &[Value],
        at: &Pointer,
        location: &str,
        name: &str,
        prefix: &str,
        mut shape: Shape,
    ) -> Result<Shape, String> {
        let mut sources = vec![(schema.clone(), at.clone())];
        for (i, part) in parts.iter().enumerate() {
            let (part, part_at) = self
                .doc
                .resolve(part, at.at("allOf").at(i))
                .map_err(|e| e.to_string())?;
            if part.get("oneOf").is_some()
                || part.get("anyOf").is_some()
                || part.get("allOf").is_some()
            {
                return Err(format!(
                    "#{part_at}: an `allOf` part that is itself a union or composition"
                ));
            }
            sources.push((part.clone(), part_at));
        }
        let required: Vec<&str> = sources
            .iter()
            .filter_map(|(source, _)| source.get("required").and_then(Value::as_array))
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let mut fields = Mapping::new();
        for (source, source_at) in &sources {
            let Some(properties) = source.get("properties").and_then(Value::as_object) else {
                continue;
            };
            for (wire, property) in properties {
                let field_hint = format!("{prefix}{}", names::camel(wire));
                let field = self.shape(
                    property,
                    source_at.at("properties").at(wire),
                    &format!("{location}.{wire}"),
                    &field_hint,
                )?;
                let def = field_def(field, required.contains(&wire.as_str()), wire);
                fields.insert(Yaml::from(wire.as_str()), Yaml::Mapping(def));
            }
        }
        if fields.is_empty() {
            shape.ty = Some(Yaml::from("json"));
            return Ok(shape);
        }
        let mut def = Mapping::new();
        def.insert(
            Yaml::from("doc"),
            Yaml::from(shape.doc.clone().unwrap_or_else(|| made_doc(location))),
        );
        def.insert(Yaml::from("object"), Yaml::Mapping(fields));
        shape.ty = Some(Yaml::from(self.table.add(name, def)));
        Ok(shape)
    }

    #[allow(clippy::too_many_arguments)]
    fn enumeration(
        &mut self,
        schema: &Value,
        values: &[Value],
        at: &Pointer,
        location: &str,
        name: &str,
        kind: Option<&Value>,
        mut shape: Shape,
    ) -> Result<Shape, String> {
        let numeric = matches!(kind.and_then(Value::as_str), Some("integer" | "number"));
        // `enum: [true]` marks a flag that is always set: a plain boolean.
        if kind.and_then(Value::as_str) == Some("boolean") || values.iter().all(Value::is_boolean) {
            self.note(location, "an enum of booleans is read as a boolean");
            shape.ty = Some(Yaml::from("boolean"));
            return Ok(shape);
        }
        if values.iter().all(Value::is_null) {
            self.note(location, "an enum with no values is read as its type");
            shape.ty = Some(Yaml::from(
                kind.and_then(Value::as_str)
                    .filter(|k| SCALARS.contains(k))
                    .unwrap_or("json"),
            ));
            return Ok(shape);
        }
        let mut list = Vec::new();
        for value in values {
            match value {
                Value::Null => shape.nullable = true,
                Value::String(s) if !numeric => list.push(Yaml::from(s.as_str())),
                Value::Number(_) if numeric => list.push(json_to_yaml(value)),
                other => return Err(format!("#{at}: enum value {other} does not match the type")),
            }
        }
        if list.is_empty() {
            return Err(format!("#{at}: an enum with no values"));
        }
        let mut def = Mapping::new();
        def.insert(
            Yaml::from("doc"),
            Yaml::from(shape.doc.clone().unwrap_or_else(|| made_doc(location))),
        );
        def.insert(
            Yaml::from(if numeric {
                "number_enum"
            } else {
                "string_enum"
            }),
            Yaml::Sequence(list),
        );
        shape.ty = Some(Yaml::from(self.table.add(name, def)));
        self.default(schema, &mut shape);
        Ok(shape)
    }

    /// `oneOf`/`anyOf` (or a 3.1 type list) of distinct scalars: a scalar union.
    fn scalar_union(
        &mut self,
        schema: &Value,
        at: &Pointer,
        location: &str,
        hint: &str,
        mut shape: Shape,
    ) -> Result<Shape, String> {
        let mut kinds: Vec<String> = Vec::new();
        let mut members: Vec<(Value, Pointer)> = Vec::new();
        if let Some(Value::Array(list)) = schema.get("type") {
            for kind in list
                .iter()
                .filter_map(Value::as_str)
                .filter(|k| *k != "null")
            {
                members.push((serde_json::json!({ "type": kind }), at.at("type")));
            }
        }
        for key in ["oneOf", "anyOf"] {
            for (i, member) in schema
                .get(key)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .enumerate()
            {
                let (member, member_at) = self
                    .doc
                    .resolve(member, at.at(key).at(i))
                    .map_err(|e| e.to_string())?;
                members.push((member.clone(), member_at));
            }
        }
        for (member, member_at) in &members {
            if member.get("nullable") == Some(&Value::Bool(true))
                || member.get("type").and_then(Value::as_str) == Some("null")
            {
                shape.nullable = true;
                if member.get("type").and_then(Value::as_str) == Some("null") {
                    continue;
                }
            }
            match member.get("type").and_then(Value::as_str) {
                Some(kind) if SCALARS.contains(&kind) && member.get("enum").is_none() && member.get("properties").is_none() => {
                    if !kinds.iter().any(|k| k == kind) {
                        kinds.push(kind.to_string());
                    }
                }
                _ => return Err(format!("#{member_at}: a union with a member that is not a plain scalar (unions of objects, arrays or enums need a construct the schema lacks)")),
            }
        }
        if kinds.contains(&"number".to_string()) && kinds.contains(&"integer".to_string()) {
            kinds.retain(|k| k != "integer");
            self.note(location, "a union of integer and number is read as number");
        }
        if kinds.len() == 1 {
            shape.ty = Some(Yaml::from(kinds[0].as_str()));
            return Ok(shape);
        }
        let name = self
            .names
            .get(location)
            .cloned()
            .unwrap_or_else(|| hint.to_string());
        let variants = kinds
            .iter()
            .map(|kind| {
                let variant = match kind.as_str() {
                    "boolean" => "Bool",
                    "string" => "String",
                    "integer" => "Integer",
                    _ => "Number",
                };
                mapping([
                    ("name", Yaml::from(variant)),
                    ("type", Yaml::from(kind.as_str())),
                ])
            })
            .collect();
        let mut def = Mapping::new();
        def.insert(
            Yaml::from("doc"),
            Yaml::from(shape.doc.clone().unwrap_or_else(|| made_doc(location))),
        );
        def.insert(Yaml::from("union"), Yaml::Sequence(variants));
        shape.ty = Some(Yaml::from(self.table.add(&name, def)));
        Ok(shape)
    }
}

/// A field definition as the schema file writes it.
pub fn field_def(shape: Shape, required: bool, wire: &str) -> Mapping {
    let mut field = Mapping::new();
    field.insert(Yaml::from("type"), shape.ty.unwrap_or(Yaml::from("json")));
    if let Some(format) = shape.format {
        field.insert(Yaml::from("format"), Yaml::from(format));
    }
    field.insert(
        Yaml::from("doc"),
        Yaml::from(shape.doc.unwrap_or_else(|| format!("`{wire}`."))),
    );
    if required {
        field.insert(Yaml::from("required"), Yaml::from(true));
    }
    if shape.nullable {
        field.insert(Yaml::from("nullable"), Yaml::from(true));
    }
    if shape.deprecated {
        field.insert(
            Yaml::from("deprecated"),
            Yaml::from("Deprecated in the API description."),
        );
    }
    if let Some(default) = shape.default {
        field.insert(Yaml::from("default"), default);
    }
    for (key, value) in shape.constraints {
        field.insert(Yaml::from(key), value);
    }
    field
}

pub fn mapping<const N: usize>(entries: [(&str, Yaml); N]) -> Yaml {
    let mut map = Mapping::new();
    for (key, value) in entries {
        map.insert(Yaml::from(key), value);
    }
    Yaml::Mapping(map)
}

pub fn json_to_yaml(value: &Value) -> Yaml {
    serde_yaml::to_value(value).unwrap_or(Yaml::Null)
}

/// `PetListParamsTags` → `PetListParamsTag`, for an array's items.
fn singular(name: &str) -> String {
    match name.strip_suffix("ies") {
        Some(stem) => format!("{stem}y"),
        None => match name.strip_suffix('s') {
            Some(stem) if !stem.ends_with('s') => stem.to_string(),
            _ => format!("{name}Item"),
        },
    }
}

/// A doc for a type the document leaves undescribed, from where it is used.
fn made_doc(location: &str) -> String {
    let (item, what) = match location.strip_suffix("[]") {
        Some(array) => (array, "An item of"),
        None => (location, "The value of"),
    };
    let name = item.rsplit(['.', '{']).next().unwrap_or(item);
    match name {
        "" | "response" => "The response.".to_string(),
        "result" => "The result.".to_string(),
        _ => format!("{what} `{name}`."),
    }
}

/// `oneOf`/`anyOf` whose members are all enums of one scalar type (OpenAPI
/// writes a documented enum so): one enum of all their values.
fn same_type_enums(doc: &Document, schema: &Value, at: &Pointer) -> Option<(Value, Vec<Value>)> {
    let key = ["oneOf", "anyOf"]
        .into_iter()
        .find(|k| schema.get(*k).is_some())?;
    let members = schema.get(key)?.as_array()?;
    let mut kind: Option<Value> = None;
    let mut values = Vec::new();
    for (i, member) in members.iter().enumerate() {
        let (member, _) = doc.resolve(member, at.at(key).at(i)).ok()?;
        let member_kind = member.get("type")?.clone();
        if kind.get_or_insert_with(|| member_kind.clone()) != &member_kind {
            return None;
        }
        values.extend(member.get("enum")?.as_array()?.iter().cloned());
    }
    Some((kind?, values))
}
