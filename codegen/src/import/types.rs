//! OpenAPI schemas to schema-file types: a `type:` expression for each use,
//! and named types (objects, enums, unions) collected per resource file.

use serde_json::Value;
use serde_yaml::{Mapping, Value as Yaml};

use super::components::{self, Components};
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
    /// An array's `items:` rules (the items' format and bounds); only a
    /// field, a union member or a body carries them (see `Converter::rules_of`).
    pub items: Option<Mapping>,
    /// A map's `values:` rules.
    pub values: Option<Mapping>,
    /// A scalar's `any_of:` rule sets (members of one kind with rules of their own).
    pub any_of: Option<Vec<Mapping>>,
}

impl Shape {
    /// Whether the shape carries a rule beside its type.
    pub fn has_rules(&self) -> bool {
        self.format.is_some()
            || !self.constraints.is_empty()
            || self.items.is_some()
            || self.values.is_some()
            || self.any_of.is_some()
    }

    /// Its rules as the schema's rule keys (a format checked on the text), or
    /// `None` when one is not a rule key (`const`).
    pub fn rules(&self) -> Option<Mapping> {
        let mut rules = Mapping::new();
        if let Some(format) = &self.format {
            rules.insert(Yaml::from("format"), Yaml::from(format.as_str()));
        }
        for (key, value) in &self.constraints {
            if !RULE_KEYS.contains(key) {
                return None;
            }
            rules.insert(Yaml::from(*key), value.clone());
        }
        for (key, nested) in [("items", &self.items), ("values", &self.values)] {
            if let Some(nested) = nested {
                rules.insert(Yaml::from(key), Yaml::Mapping(nested.clone()));
            }
        }
        if let Some(sets) = &self.any_of {
            let sets = sets.iter().cloned().map(Yaml::Mapping).collect();
            rules.insert(Yaml::from("any_of"), Yaml::Sequence(sets));
        }
        Some(rules)
    }
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

    pub fn get(&self, name: &str) -> Option<&Mapping> {
        self.types
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, def)| def)
    }
}

/// Where the types made for one operation go: its resource file's table, or
/// the unit of the component being converted (whose types every operation shares).
pub struct Tables<'a> {
    resource: &'a mut TypeTable,
    pub components: &'a mut Components,
    /// The components being converted, innermost last, with their types so far.
    building: Vec<(String, TypeTable)>,
}

impl<'a> Tables<'a> {
    pub fn new(resource: &'a mut TypeTable, components: &'a mut Components) -> Self {
        Tables {
            resource,
            components,
            building: Vec::new(),
        }
    }

    /// Adds a type where types go now; the name to refer to it by (a
    /// placeholder inside a component, see [`components`]).
    pub fn add(&mut self, name: &str, def: Mapping) -> String {
        match self.building.last_mut() {
            Some((component, table)) => components::placeholder(component, &table.add(name, def)),
            None => self.resource.add(name, def),
        }
    }

    /// The definition of a type this operation refers to, wherever it is.
    pub fn definition(&self, ty: &str) -> Option<&Mapping> {
        match components::parse_placeholder(ty) {
            Some((component, local)) => match self.building.iter().find(|(c, _)| c == component) {
                Some((_, table)) => table.get(local),
                None => self.components.definition(ty),
            },
            None => self.resource.get(ty),
        }
    }

    /// How a type named `name` where types go now is referred to.
    fn reference(&self, name: &str) -> String {
        match self.building.last() {
            Some((component, _)) => components::placeholder(component, name),
            None => name.to_string(),
        }
    }
}

/// Converts schemas met at one operation; what cannot be carried faithfully
/// is noted, what cannot be carried at all is an error (the operation is skipped).
pub struct Converter<'a> {
    pub doc: &'a Document,
    pub table: Tables<'a>,
    /// Names the configuration gives to unnamed types, by location.
    pub names: &'a std::collections::BTreeMap<String, String>,
    pub notes: &'a mut Vec<String>,
    /// Objects being converted, by where they are: a schema that refers back
    /// to one (a tree) names it instead of converting it again.
    pub open: Vec<(Pointer, String)>,
    /// How deep the component being converted is used (0 outside components)…
    nesting: usize,
    /// …and how deep its own location is, which counts from there.
    base: usize,
    /// Indices in `notes` of looser rules that only a request could break:
    /// a component's are kept or dropped at each use, by where it is used.
    loose: std::collections::BTreeSet<usize>,
}

/// No configured names: a component's types are named after it.
static NO_NAMES: std::collections::BTreeMap<String, String> = std::collections::BTreeMap::new();

/// How deep schemas may nest inside one another before the import gives up
/// on the operation (a document is untrusted input; the stack is finite).
const MAX_DEPTH: usize = 48;

/// Separators of a location: how deep it is.
fn depth(location: &str) -> usize {
    location.matches(['.', '[', '|', '{']).count()
}

const SCALARS: &[&str] = &["string", "integer", "number", "boolean"];

/// The most members an `allOf` of unions may compose into (a product).
const MAX_COMPOSED_MEMBERS: usize = 64;

/// The constraints an array's `items:` rules may hold (the schema's `ItemRules`).
/// The constraints a value's rules take (`const` is a field's alone).
const RULE_KEYS: &[&str] = &[
    "minimum",
    "maximum",
    "exclusive_minimum",
    "exclusive_maximum",
    "multiple_of",
    "min_length",
    "max_length",
    "pattern",
    "min_items",
    "max_items",
    "unique_items",
];

impl<'a> Converter<'a> {
    pub fn new(
        doc: &'a Document,
        table: Tables<'a>,
        names: &'a std::collections::BTreeMap<String, String>,
        notes: &'a mut Vec<String>,
    ) -> Self {
        Converter {
            doc,
            table,
            names,
            notes,
            open: Vec::new(),
            nesting: 0,
            base: 0,
            loose: Default::default(),
        }
    }
}

impl Converter<'_> {
    /// The shape of `schema` used at `location` (`query.tags[]`); `hint`
    /// names a type made for it when the configuration does not. A named
    /// component is converted once, named after itself, unless the
    /// configuration names a type at or inside `location`.
    pub fn shape(
        &mut self,
        schema: &Value,
        at: Pointer,
        location: &str,
        hint: &str,
    ) -> Result<Shape, String> {
        let (schema, at) = self.doc.resolve(schema, at).map_err(|e| e.to_string())?;
        // Inside a component its schemas are its own, but for other components.
        if let Some(site) = components::site(at.as_str(), self.table.building.is_empty()) {
            let building = self.table.building.iter().any(|(c, _)| *c == site.key);
            if !building && !self.configured_within(location) {
                return self.component(site, schema, at, location);
            }
        }
        self.shape_here(schema, at, location, hint)
    }

    /// Like [`Converter::shape`], but a type made for `schema` itself is
    /// made in the operation's file even when it is a component: for the
    /// places the schema format wants a type of the operation's own file
    /// (a page's `result_info`, a header's or a multipart part's enum).
    pub fn shape_in_file(
        &mut self,
        schema: &Value,
        at: Pointer,
        location: &str,
        hint: &str,
    ) -> Result<Shape, String> {
        self.shape_here(schema, at, location, hint)
    }

    /// How deep `location` is from the operation, through the components used.
    fn depth(&self, location: &str) -> usize {
        self.nesting + depth(location).saturating_sub(self.base)
    }

    /// Whether the configuration names a type at `location` or inside it.
    fn configured_within(&self, location: &str) -> bool {
        self.names.keys().any(|named| {
            named
                .strip_prefix(location)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[', '|', '{']))
        })
    }

    /// The schema at `site` (`schema`, at `at`) used at `location`: converted the
    /// first time, at a location of its own, and its notes repeated at every use.
    fn component(
        &mut self,
        site: components::Site,
        schema: &Value,
        at: Pointer,
        location: &str,
    ) -> Result<Shape, String> {
        let name = site.key;
        if let Some(unit) = self.table.components.units.get(&name) {
            for note in &unit.notes {
                self.notes.push(format!("{location}{note}"));
            }
            if !is_response(location) {
                for note in &unit.loose_notes {
                    self.loose.insert(self.notes.len());
                    self.notes.push(format!("{location}{note}"));
                }
            }
            return Ok(unit.shape.clone());
        }
        // Converting it nests as deep as using it would.
        let nesting = self.depth(location);
        if nesting > MAX_DEPTH {
            return Err(format!("#{at}: schemas nested more than {MAX_DEPTH} deep"));
        }
        let (outer_nesting, outer_base) = (self.nesting, self.base);
        (self.nesting, self.base) = (nesting, depth(&site.location));
        let notes_from = self.notes.len();
        let finished = self.table.components.finished.len();
        let names = std::mem::replace(&mut self.names, &NO_NAMES);
        self.table
            .building
            .push((name.clone(), TypeTable::default()));
        let result = self.shape_here(schema, at, &site.location, &site.hint);
        let (_, table) = self.table.building.pop().unwrap_or_default();
        (self.nesting, self.base) = (outer_nesting, outer_base);
        self.names = names;
        let components = &mut *self.table.components;
        match result {
            Ok(shape) => {
                // Notes say where they are as `<name>…`; each use says `<location>…`.
                let made = self.notes.split_off(notes_from);
                let (mut notes, mut loose_notes) = (Vec::new(), Vec::new());
                for (index, note) in (notes_from..).zip(made) {
                    let rest = note
                        .strip_prefix(site.location.as_str())
                        .unwrap_or(&note)
                        .to_string();
                    if self.loose.remove(&index) {
                        loose_notes.push(rest);
                    } else {
                        notes.push(rest);
                    }
                }
                for note in &notes {
                    self.notes.push(format!("{location}{note}"));
                }
                if !is_response(location) {
                    for note in &loose_notes {
                        self.loose.insert(self.notes.len());
                        self.notes.push(format!("{location}{note}"));
                    }
                }
                components.units.insert(
                    name.clone(),
                    components::Unit {
                        table,
                        shape: shape.clone(),
                        notes,
                        loose_notes,
                    },
                );
                components.finished.push(name);
                Ok(shape)
            }
            Err(why) => {
                for gone in components.finished.split_off(finished) {
                    components.units.remove(&gone);
                }
                Err(why)
            }
        }
    }

    /// The shape of `schema`, itself (not a shared component).
    fn shape_here(
        &mut self,
        schema: &Value,
        at: Pointer,
        location: &str,
        hint: &str,
    ) -> Result<Shape, String> {
        let (schema, at) = self.doc.resolve(schema, at).map_err(|e| e.to_string())?;
        // Inside a component, only its own objects and other components' (an
        // operation's types are not the component's to refer to).
        let in_component = !self.table.building.is_empty();
        if let Some((_, name)) = self.open.iter().find(|(open, name)| {
            *open == at && (!in_component || components::parse_placeholder(name).is_some())
        }) {
            return Ok(Shape {
                ty: Some(Yaml::from(name.as_str())),
                ..Shape::default()
            });
        }
        if self.depth(location) > MAX_DEPTH {
            return Err(format!("#{at}: schemas nested more than {MAX_DEPTH} deep"));
        }
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
        let mut kind = schema.get("type").cloned().or_else(|| implied_type(schema));
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
        if let Some(merged) = scalar_all_of(self.doc, schema, &at) {
            return self.shape(&merged, at, location, hint);
        }
        if let Some(members) = self.composed_union(schema, &at)? {
            return self.object_union(&members.0, &members.1, location, &name(self), shape);
        }
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
                    Some(
                        known @ ("date-time" | "date" | "uuid" | "uri" | "uri-reference"
                        | "uri-template" | "email" | "hostname" | "ipv4" | "ipv6"),
                    ) => shape.format = Some(known.to_string()),
                    // Any octets: in JSON, any text, so there is nothing to check.
                    Some("binary") => {}
                    Some(other) => {
                        self.unchecked(location, format!("format `{other}` is not checked"))
                    }
                    None => {}
                }
                self.bounds(
                    schema,
                    &mut shape,
                    &[("minLength", "min_length"), ("maxLength", "max_length")],
                );
                // A pattern regex-lite cannot compile would be a schema error: noted instead.
                match schema.get("pattern").and_then(Value::as_str) {
                    // Formats read as typed values have no text left to match.
                    Some(pattern)
                        if regex_lite::Regex::new(pattern).is_ok()
                            && !matches!(
                                shape.format.as_deref(),
                                Some("date-time" | "date" | "ipv4" | "ipv6")
                            ) =>
                    {
                        shape.constraints.push(("pattern", Yaml::from(pattern)));
                    }
                    Some(_) => self.unchecked(location, "`pattern` is not checked"),
                    None => {}
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
                // OpenAPI 3.0 marks a bound exclusive with a boolean; 3.1 gives the number.
                for (key, bound, to) in [
                    ("exclusiveMinimum", "minimum", "exclusive_minimum"),
                    ("exclusiveMaximum", "maximum", "exclusive_maximum"),
                ] {
                    let value = match schema.get(key) {
                        Some(Value::Bool(true)) => schema.get(bound).filter(|v| v.is_number()),
                        Some(number) if number.is_number() => Some(number),
                        _ => None,
                    };
                    if let Some(value) = value {
                        shape.constraints.retain(|(k, _)| *k != bound);
                        shape.constraints.push((to, json_to_yaml(value)));
                    }
                }
                // An integer is an i64: a bound at or beyond its range holds for
                // every value (the document writes 2^63 - 1 as 9223372036854776000).
                if kind == "integer" {
                    const LIMIT: f64 = 9_223_372_036_854_775_807.0;
                    shape.constraints.retain(|(key, value)| {
                        let bound = value.as_f64().unwrap_or(0.0);
                        !(key.ends_with("maximum") && bound >= LIMIT
                            || key.ends_with("minimum") && bound <= -LIMIT)
                    });
                }
                if let Some(step) = schema
                    .get("multipleOf")
                    .filter(|v| v.as_f64().is_some_and(|f| f > 0.0))
                {
                    shape.constraints.push(("multiple_of", json_to_yaml(step)));
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
                // A query string has no `null` to send.
                let nullable = inner.nullable && !is_query(location);
                if inner.nullable && !nullable {
                    self.note(location, "items that may be null are read as required");
                }
                let (item_ty, items) = self.rules_of(inner, &format!("{location}[]"));
                shape.items = items;
                let item_ty = or_null(nullable, item_ty);
                for (from, to) in [("minItems", "min_items"), ("maxItems", "max_items")] {
                    if let Some(count) = schema.get(from).filter(|v| v.is_u64()) {
                        shape.constraints.push((to, json_to_yaml(count)));
                    }
                }
                if schema.get("uniqueItems") == Some(&Value::Bool(true)) {
                    shape.constraints.push(("unique_items", Yaml::from(true)));
                }
                shape.ty = Some(mapping([("array", item_ty)]));
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
                        let nullable = inner.nullable;
                        let (value_ty, rules) = self.rules_of(inner, &format!("{location}{{}}"));
                        shape.values = rules;
                        mapping([("map", or_null(nullable, value_ty))])
                    }
                    _ => Yaml::from("json"),
                });
            }
            Some(other) => return Err(format!("#{at}: unknown type `{other}`")),
        }
        Ok(shape)
    }

    /// The type of `shape` and its rules, for a value that carries rules
    /// beside a type expression (an array's items, a map's values, a union
    /// member, a body); rules that cannot be carried are noted.
    pub fn rules_of(&mut self, shape: Shape, location: &str) -> (Yaml, Option<Mapping>) {
        if !shape.has_rules() {
            return (self.bare_type(&shape, location), None);
        }
        match shape.rules() {
            Some(rules) => {
                let ty = shape.ty.unwrap_or(Yaml::from("json"));
                (ty, Some(rules))
            }
            None => (self.bare_type(&shape, location), None),
        }
    }

    /// The type of `shape` where only a type expression goes: rules of its
    /// own are lost there.
    pub fn bare_type(&mut self, shape: &Shape, location: &str) -> Yaml {
        if shape.items.is_some() || shape.values.is_some() {
            self.unchecked(location, "the items' format and bounds are not checked");
        }
        if !shape.constraints.is_empty() || shape.format.is_some() || shape.any_of.is_some() {
            self.unchecked(location, "its format and bounds are not checked");
        }
        shape.ty.clone().unwrap_or(Yaml::from("json"))
    }

    fn note(&mut self, location: &str, message: impl Into<String>) {
        self.notes.push(format!("{location}: {}", message.into()));
    }

    /// Notes a rule the schema reads more loosely than the document (a
    /// constraint not checked, a value set widened to its type). Responses are
    /// never checked (schema/README.md), so a looser rule loses nothing there:
    /// only a request can send what the document forbids.
    fn unchecked(&mut self, location: &str, message: impl Into<String>) {
        if !is_response(location) {
            self.loose.insert(self.notes.len());
            self.note(location, message);
        }
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
        self.open.push((at.clone(), self.table.reference(name)));
        let fields = self.object_fields(schema, parts, at, location, prefix);
        self.open.pop();
        let fields = fields?;
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

    /// The fields of an object and of its `allOf` parts.
    fn object_fields(
        &mut self,
        schema: &Value,
        parts: &[Value],
        at: &Pointer,
        location: &str,
        prefix: &str,
    ) -> Result<Mapping, String> {
        let mut sources = vec![(schema.clone(), at.clone())];
        self.all_of_parts(parts, at, &mut sources, 0)?;
        let required: Vec<&str> = sources
            .iter()
            .filter_map(|(source, _)| source.get("required").and_then(Value::as_array))
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let mut fields = Mapping::new();
        let mut rust_names: Vec<String> = Vec::new();
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
                let mut def = field_def(field, required.contains(&wire.as_str()), wire);
                // Two wire names that make one Rust name (`<=1y`, `>1y`): number the
                // later. The same name again (an `allOf` part narrowing) replaces it.
                let rust = names::snake(wire);
                if fields.contains_key(wire.as_str()) {
                } else if rust_names.contains(&rust) {
                    let stem = rust.trim_end_matches('_').to_string();
                    let renamed = (2..)
                        .map(|n| format!("{stem}_{n}"))
                        .find(|r| !rust_names.contains(r))
                        .unwrap_or_default();
                    def.insert(Yaml::from("rust_name"), Yaml::from(renamed.as_str()));
                    rust_names.push(renamed);
                } else {
                    rust_names.push(rust);
                }
                fields.insert(Yaml::from(wire.as_str()), Yaml::Mapping(def));
            }
        }
        Ok(fields)
    }

    /// An `allOf` with one part that is a union (`oneOf`/`anyOf`) is the
    /// union of its members each composed with the other parts: `allOf: [A,
    /// oneOf: [X, Y]]` is `oneOf: [allOf: [A, X], allOf: [A, Y]]`. The members,
    /// each where its union member is, and the components they are named after.
    #[allow(clippy::type_complexity)]
    fn composed_union(
        &self,
        schema: &Value,
        at: &Pointer,
    ) -> Result<Option<(Vec<(Value, Pointer)>, Vec<(Pointer, String)>)>, String> {
        let Some(parts) = schema.get("allOf").and_then(Value::as_array) else {
            return Ok(None);
        };
        let mut union_part = None;
        for (i, part) in parts.iter().enumerate() {
            let (resolved, part_at) = self
                .doc
                .resolve(part, at.at("allOf").at(i))
                .map_err(|e| e.to_string())?;
            if let Some(key) = ["oneOf", "anyOf"]
                .into_iter()
                .find(|k| resolved.get(*k).is_some())
            {
                // The first union is distributed here, any other one in each member.
                if union_part.is_none() {
                    union_part = Some((i, resolved, part_at, key));
                }
            }
        }
        let Some((index, union, union_at, key)) = union_part else {
            return Ok(None);
        };
        let mut own = schema.as_object().cloned().unwrap_or_default();
        own.retain(|k, _| matches!(k.as_str(), "properties" | "required" | "type"));
        let mut members = Vec::new();
        let mut refs = Vec::new();
        for (i, member) in union
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            let member_at = union_at.at(key).at(i);
            let (resolved, _) = self
                .doc
                .resolve(member, member_at.clone())
                .map_err(|e| e.to_string())?;
            // `null` keeps its meaning: the union may be null.
            if resolved.get("type").and_then(Value::as_str) == Some("null") {
                members.push((resolved.clone(), member_at));
                continue;
            }
            let mut composed: Vec<Value> = parts.to_vec();
            composed[index] = member.clone();
            if !own.is_empty() {
                composed.insert(0, Value::Object(own.clone()));
            }
            let composed = serde_json::json!({ "allOf": composed });
            // Two unions: every pair of members (`allOf: [A, oneOf: [X, Y], oneOf: [P, Q]]`).
            if let Some((more, more_refs)) = self.composed_union(&composed, &member_at)? {
                members.extend(more);
                refs.extend(more_refs);
            } else {
                if let Some(component) = Document::ref_name(member) {
                    refs.push((member_at.clone(), component.to_string()));
                }
                members.push((composed, member_at));
            }
            if members.len() > MAX_COMPOSED_MEMBERS {
                return Err(format!(
                    "#{at}: an `allOf` of unions with more than {MAX_COMPOSED_MEMBERS} combinations"
                ));
            }
        }
        Ok(Some((members, refs)))
    }

    /// The parts of an `allOf`, a part's own `allOf` parts before it (as
    /// the schema's `all_of` orders fields), each with where it is.
    fn all_of_parts(
        &self,
        parts: &[Value],
        at: &Pointer,
        out: &mut Vec<(Value, Pointer)>,
        depth: usize,
    ) -> Result<(), String> {
        if depth > MAX_DEPTH {
            return Err(format!("#{at}: `allOf` nested more than {MAX_DEPTH} deep"));
        }
        for (i, part) in parts.iter().enumerate() {
            let (part, part_at) = self
                .doc
                .resolve(part, at.at("allOf").at(i))
                .map_err(|e| e.to_string())?;
            if part.get("oneOf").is_some() || part.get("anyOf").is_some() {
                return Err(format!(
                    "#{part_at}: an `allOf` part that is itself a union"
                ));
            }
            if let Some(inner) = part.get("allOf").and_then(Value::as_array) {
                self.all_of_parts(inner, &part_at, out, depth + 1)?;
            }
            out.push((part.clone(), part_at));
        }
        Ok(())
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
        // Without a `type`, the values say it (`enum: [0, 1]` holds numbers).
        let numeric = match kind.and_then(Value::as_str) {
            Some(kind) => matches!(kind, "integer" | "number"),
            None => values.iter().filter(|v| !v.is_null()).all(Value::is_number),
        };
        // Both booleans are any boolean; one alone (`enum: [true]`) is that value only.
        if kind.and_then(Value::as_str) == Some("boolean") || values.iter().all(Value::is_boolean) {
            shape.ty = Some(Yaml::from("boolean"));
            shape.nullable |= values.iter().any(Value::is_null);
            let flags: Vec<bool> = values.iter().filter_map(Value::as_bool).collect();
            match flags.as_slice() {
                [] => self.unchecked(location, "an enum with no values is read as its type"),
                [first, rest @ ..] if rest.iter().all(|f| f == first) => {
                    shape.constraints.push(("const", Yaml::from(*first)));
                }
                _ => {}
            }
            self.default(schema, &mut shape);
            return Ok(shape);
        }
        if values.iter().all(Value::is_null) {
            self.unchecked(location, "an enum with no values is read as its type");
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
        let list = named_values(list);
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
        // A default the enum does not list (the document contradicts itself)
        // cannot be a schema default; a default is documentation only (the SDK
        // never sends it), so it is said in the field's doc instead.
        let listed = |v: &Value| values.iter().any(|known| known == v);
        match schema.get("default") {
            Some(default) if !default.is_null() && !listed(default) => {
                let doc = shape.doc.take().unwrap_or_else(|| made_doc(location));
                shape.doc = Some(format!(
                    "{}\n\nThe API's default is `{default}`, which the description does not list among the values.",
                    doc.trim_end()
                ));
            }
            _ => self.default(schema, &mut shape),
        }
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
        // Members that are components, by where they resolve: named after them.
        let mut refs: Vec<(Pointer, String)> = Vec::new();
        if let Some(Value::Array(list)) = schema.get("type") {
            for kind in list
                .iter()
                .filter_map(Value::as_str)
                .filter(|k| *k != "null")
            {
                members.push((serde_json::json!({ "type": kind }), at.at("type")));
            }
        }
        union_members(self.doc, schema, at, 0, &mut members, &mut refs)?;
        if merge_array_members(&mut members) {
            self.unchecked(
                location,
                "array members of different items are read as one array of either item",
            );
        }
        let is_composite = |m: &Value| {
            m.get("properties").is_some()
                || m.get("allOf").is_some()
                || matches!(
                    m.get("type").and_then(Value::as_str),
                    Some("object" | "array")
                )
        };
        if members.iter().any(|(m, _)| is_composite(m)) {
            return self.object_union(&members, &refs, location, hint, shape);
        }
        // An enum member of a kind another member takes whole (`anyOf: [number,
        // {type: number, enum: [1]}]`) adds no value: the union is that kind.
        let plain_kinds: Vec<String> = members
            .iter()
            .filter(|(m, _)| m.get("enum").is_none())
            .filter_map(|(m, _)| m.get("type").and_then(Value::as_str))
            .map(str::to_string)
            .collect();
        // What each member of a kind allows, as a rule set: a value of the
        // kind passes when it follows one of them (`any_of`).
        let mut sets: Vec<(String, Option<Shape>)> = Vec::new();
        for (i, (member, member_at)) in members.iter().enumerate() {
            let Some(kind) = member.get("type").and_then(Value::as_str) else {
                continue;
            };
            if !matches!(kind, "string" | "integer" | "number") {
                continue;
            }
            let kind = kind.to_string();
            match member.get("enum").and_then(Value::as_array) {
                Some(values) if plain_kinds.contains(&kind) => {
                    for set in enum_rule_sets(&kind, values) {
                        sets.push((kind.clone(), set));
                    }
                }
                Some(_) => {}
                None if member.get("oneOf").is_some() || member.get("anyOf").is_some() => {
                    sets.push((kind, None));
                }
                None => {
                    let member_shape =
                        self.shape(member, member_at.clone(), &format!("{location}|{i}"), hint)?;
                    sets.push((kind, Some(member_shape)));
                }
            }
        }
        members.retain(|(m, _)| {
            m.get("enum").is_none()
                || !m
                    .get("type")
                    .and_then(Value::as_str)
                    .is_some_and(|kind| plain_kinds.iter().any(|k| k == kind))
        });
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
            for (kind, _) in &mut sets {
                if kind == "integer" {
                    *kind = "number".to_string();
                }
            }
        }
        let mut rules_of_kind = |kind: &str| {
            let of_kind = sets
                .iter()
                .filter(|(k, _)| k == kind)
                .map(|(_, set)| set.as_ref());
            let merged = merge_rule_sets(of_kind);
            if merged.is_none() {
                self.unchecked(location, "a member's format and bounds are not checked");
            }
            merged.unwrap_or_default()
        };
        let mut kind_rules: Vec<Shape> = kinds.iter().map(|k| rules_of_kind(k)).collect();
        if kinds.len() == 1 {
            let rules = kind_rules.remove(0);
            shape.ty = Some(Yaml::from(kinds[0].as_str()));
            shape.format = rules.format;
            shape.constraints = rules.constraints;
            shape.any_of = rules.any_of;
            return Ok(shape);
        }
        let name = self
            .names
            .get(location)
            .cloned()
            .unwrap_or_else(|| hint.to_string());
        let variants = kinds
            .iter()
            .zip(&kind_rules)
            .map(|(kind, rules)| {
                let variant = match kind.as_str() {
                    "boolean" => "Bool",
                    "string" => "String",
                    "integer" => "Integer",
                    _ => "Number",
                };
                let mut member = Mapping::new();
                member.insert(Yaml::from("name"), Yaml::from(variant));
                member.insert(Yaml::from("type"), Yaml::from(kind.as_str()));
                member.extend(rules.rules().into_iter().flatten());
                Yaml::Mapping(member)
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

impl Converter<'_> {
    /// A union with object or array members (`oneOf`/`anyOf`): untagged, so
    /// a value is matched by its fields and one that fits no member is kept.
    fn object_union(
        &mut self,
        members: &[(Value, Pointer)],
        refs: &[(Pointer, String)],
        location: &str,
        hint: &str,
        mut shape: Shape,
    ) -> Result<Shape, String> {
        let name = self
            .names
            .get(location)
            .cloned()
            .unwrap_or_else(|| hint.to_string());
        let mut variants = Vec::new();
        let mut taken: Vec<String> = Vec::new();
        for (i, (member, member_at)) in members.iter().enumerate() {
            if member.get("type").and_then(Value::as_str) == Some("null") {
                shape.nullable = true;
                continue;
            }
            if member.get("enum").is_some()
                || member.get("oneOf").is_some()
                || member.get("anyOf").is_some()
            {
                return Err(format!(
                    "#{member_at}: a union member that is an enum or a union (the schema's unions take objects, one array and scalars)"
                ));
            }
            let component = refs
                .iter()
                .find(|(at, _)| at == member_at)
                .map(|(_, c)| names::camel(c));
            let member_hint = component
                .clone()
                .unwrap_or_else(|| format!("{name}Member{i}"));
            let member_shape = self.shape(
                member,
                member_at.clone(),
                &format!("{location}|{i}"),
                &member_hint,
            )?;
            shape.nullable |= member_shape.nullable;
            let (ty, rules) = self.rules_of(member_shape, &format!("{location}|{i}"));
            let variant = match ty.as_str() {
                Some("string") => "String".to_string(),
                Some("number") => "Number".to_string(),
                Some("integer") => "Integer".to_string(),
                Some("boolean") => "Bool".to_string(),
                // The catch-all: what no other member takes. Any object is read
                // as any value, which only a request could misuse.
                Some("json") if says_nothing(member) => "Value".to_string(),
                Some("json") => {
                    self.unchecked(
                        &format!("{location}|{i}"),
                        "a member of any object is read as any JSON value",
                    );
                    "Object".to_string()
                }
                // `GatewayDlpMember0` in union `GatewayDlp` is variant `Member0`.
                Some(named) => {
                    let named = components::local_name(named);
                    named
                        .strip_prefix(name.as_str())
                        .filter(|rest| rest.starts_with(char::is_uppercase))
                        .unwrap_or(named)
                        .to_string()
                }
                None => "List".to_string(),
            };
            if taken.contains(&variant) {
                return Err(format!("#{member_at}: two union members of one kind"));
            }
            taken.push(variant.clone());
            let mut member = Mapping::new();
            member.insert(Yaml::from("name"), Yaml::from(variant));
            member.insert(Yaml::from("type"), ty);
            member.extend(rules.into_iter().flatten());
            variants.push(Yaml::Mapping(member));
        }
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

/// How deep unions may nest in unions before the import gives up.
const MAX_UNION_NESTING: usize = 8;

/// The members of `schema`'s `oneOf`/`anyOf`, with members that are unions
/// and nothing else (a title, a doc) replaced by their own members: `A or (B
/// or C)` is `A or B or C`. A member listed twice is kept once.
fn union_members(
    doc: &Document,
    schema: &Value,
    at: &Pointer,
    depth: usize,
    members: &mut Vec<(Value, Pointer)>,
    refs: &mut Vec<(Pointer, String)>,
) -> Result<(), String> {
    if depth > MAX_UNION_NESTING {
        return Err(format!(
            "#{at}: unions nested more than {MAX_UNION_NESTING} deep"
        ));
    }
    for key in ["oneOf", "anyOf"] {
        for (i, member) in schema
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            let component = Document::ref_name(member).map(str::to_string);
            let (member, member_at) = doc
                .resolve(member, at.at(key).at(i))
                .map_err(|e| e.to_string())?;
            if is_bare_union(member) {
                union_members(doc, member, &member_at, depth + 1, members, refs)?;
                continue;
            }
            if members
                .iter()
                .any(|(known, _)| essence(known) == essence(member))
            {
                continue;
            }
            if let Some(component) = component {
                refs.push((member_at.clone(), component));
            }
            members.push((member.clone(), member_at));
        }
    }
    Ok(())
}

/// What a schema says of values: without its title, doc and example.
fn essence(schema: &Value) -> Value {
    let mut schema = schema.clone();
    if let Some(object) = schema.as_object_mut() {
        for key in ["title", "description", "example"] {
            object.remove(key);
        }
    }
    schema
}

/// Array members of a union, which takes one, as one array of any of their
/// items (`A[] or B[]` read as `(A or B)[]`: looser, noted for requests).
fn merge_array_members(members: &mut Vec<(Value, Pointer)>) -> bool {
    let is_array = |m: &Value| m.get("type").and_then(Value::as_str) == Some("array");
    let arrays: Vec<usize> = (0..members.len())
        .filter(|&i| is_array(&members[i].0))
        .collect();
    if arrays.len() < 2 {
        return false;
    }
    let mut items: Vec<Value> = Vec::new();
    for &i in &arrays {
        let item = members[i]
            .0
            .get("items")
            .cloned()
            .unwrap_or(Value::Object(Default::default()));
        if !items.contains(&item) {
            items.push(item);
        }
    }
    let first = arrays[0];
    members[first].0 = serde_json::json!({"type": "array", "items": {"oneOf": items}});
    for &i in arrays[1..].iter().rev() {
        members.remove(i);
    }
    true
}

/// A schema that is a `oneOf`/`anyOf` and says nothing else that shapes a
/// value (its `type` aside, which its members contradict often enough).
fn is_bare_union(schema: &Value) -> bool {
    const ALLOWED: &[&str] = &["oneOf", "anyOf", "type", "title", "description", "example"];
    let Some(object) = schema.as_object() else {
        return false;
    };
    (object.contains_key("oneOf") || object.contains_key("anyOf"))
        && object.keys().all(|key| ALLOWED.contains(&key.as_str()))
}

/// The rule sets an enum member of a scalar union allows: each number
/// exactly, or the strings as one anchored pattern; `None` for a value of
/// another kind.
fn enum_rule_sets(kind: &str, values: &[Value]) -> Vec<Option<Shape>> {
    let only = |constraints: Vec<(&'static str, Yaml)>| Shape {
        constraints,
        ..Shape::default()
    };
    if kind == "string" {
        let texts: Option<Vec<String>> = values
            .iter()
            .map(|v| v.as_str().map(regex_lite::escape))
            .collect();
        return vec![texts.map(|texts| {
            let pattern = format!("^(?:{})$", texts.join("|"));
            only(vec![("pattern", Yaml::from(pattern))])
        })];
    }
    values
        .iter()
        .map(|v| {
            let fits = if kind == "integer" {
                v.is_i64()
            } else {
                v.is_number()
            };
            fits.then(|| {
                only(vec![
                    ("minimum", json_to_yaml(v)),
                    ("maximum", json_to_yaml(v)),
                ])
            })
        })
        .collect()
}

/// One kind's rules from its members' sets: none when a member allows every
/// value, the one set when all agree, else `any_of`; `None` when a set cannot
/// be carried.
fn merge_rule_sets<'s>(sets: impl Iterator<Item = Option<&'s Shape>>) -> Option<Shape> {
    let mut distinct: Vec<Mapping> = Vec::new();
    let mut first: Option<&Shape> = None;
    for set in sets {
        let set = set?;
        if !set.has_rules() {
            return Some(Shape::default());
        }
        let rules = set.rules()?;
        if set.any_of.is_some() {
            return None;
        }
        if !distinct.contains(&rules) {
            distinct.push(rules);
            first = first.or(Some(set));
        }
    }
    match (distinct.len(), first) {
        (1, Some(only)) => Some(Shape {
            format: only.format.clone(),
            constraints: only.constraints.clone(),
            ..Shape::default()
        }),
        (0, _) => Some(Shape::default()),
        _ => Some(Shape {
            any_of: Some(distinct),
            ..Shape::default()
        }),
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
    for (key, nested) in [("items", shape.items), ("values", shape.values)] {
        if let Some(nested) = nested {
            field.insert(Yaml::from(key), Yaml::Mapping(nested));
        }
    }
    if let Some(sets) = shape.any_of {
        let sets = sets.into_iter().map(Yaml::Mapping).collect();
        field.insert(Yaml::from("any_of"), Yaml::Sequence(sets));
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

/// An array's item or a map's value, `{nullable: T}` when it may be null
/// (JSON takes `null` as it is).
fn or_null(nullable: bool, ty: Yaml) -> Yaml {
    if nullable && ty.as_str() != Some("json") {
        mapping([("nullable", ty)])
    } else {
        ty
    }
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

/// An `allOf` of scalar schemas of one type (`{$ref: identifier}` plus
/// `{readOnly: true, type: string}`) as the one schema they make together;
/// `None` when a part is not a scalar or two parts disagree on a rule.
fn scalar_all_of(doc: &Document, schema: &Value, at: &Pointer) -> Option<Value> {
    const DOCS: &[&str] = &[
        "description",
        "example",
        "examples",
        "title",
        "readOnly",
        "writeOnly",
    ];
    let parts = schema.get("allOf")?.as_array()?;
    let mut merged = schema.as_object()?.clone();
    merged.remove("allOf");
    for (i, part) in parts.iter().enumerate() {
        let (part, _) = doc.resolve(part, at.at("allOf").at(i)).ok()?;
        for (key, value) in part.as_object()? {
            if [
                "allOf",
                "oneOf",
                "anyOf",
                "properties",
                "items",
                "additionalProperties",
                "not",
            ]
            .contains(&key.as_str())
            {
                return None;
            }
            match merged.get(key) {
                Some(existing) if existing != value => {
                    if !(DOCS.contains(&key.as_str()) || key.starts_with("x-")) {
                        return None;
                    }
                }
                // The first description describes it best (the part named first).
                Some(_) => {}
                None => {
                    merged.insert(key.clone(), value.clone());
                }
            }
        }
    }
    let scalar = merged
        .get("type")
        .and_then(Value::as_str)
        .is_some_and(|t| SCALARS.contains(&t));
    scalar.then_some(Value::Object(merged))
}

/// The type a schema without `type` implies by its keywords alone
/// (`{minimum: 1}` for a page number, `{maxLength: 32}`): the rules are
/// written for that type, and on the wire (a query value, a segment) the
/// value is text either way.
fn implied_type(schema: &Value) -> Option<Value> {
    const NUMERIC: &[&str] = &[
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "multipleOf",
    ];
    const TEXT: &[&str] = &["minLength", "maxLength", "pattern", "format"];
    const OTHER: &[&str] = &[
        "enum",
        "const",
        "oneOf",
        "anyOf",
        "allOf",
        "not",
        "properties",
        "additionalProperties",
        "items",
    ];
    let object = schema.as_object()?;
    let has = |keys: &[&str]| keys.iter().any(|k| object.contains_key(*k));
    match (has(NUMERIC), has(TEXT), has(OTHER)) {
        (true, false, false) => Some(Value::from("number")),
        (false, true, false) => Some(Value::from("string")),
        _ => None,
    }
}

/// Whether a schema says nothing of its value (`{}`, or only docs): any
/// JSON value.
pub fn says_nothing(schema: &Value) -> bool {
    const SHAPING: &[&str] = &[
        "type",
        "enum",
        "const",
        "oneOf",
        "anyOf",
        "allOf",
        "not",
        "properties",
        "additionalProperties",
        "items",
        "format",
        "pattern",
        "minLength",
        "maxLength",
        "minimum",
        "maximum",
    ];
    schema
        .as_object()
        .is_some_and(|o| !o.keys().any(|k| SHAPING.contains(&k.as_str())))
}

/// Whether `location` is inside the success response (`response.result[]`).
fn is_response(location: &str) -> bool {
    location == "response" || location.starts_with("response.") || location.starts_with("response|")
}

/// Whether `location` is a query parameter (`query.filters[]`).
fn is_query(location: &str) -> bool {
    location.starts_with("query.") || location.starts_with("query|")
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

/// Enum values with a `name:` where the derived variant name would be empty
/// (`<`, `>=`), `Unknown`, or taken by an earlier value.
fn named_values(values: Vec<Yaml>) -> Vec<Yaml> {
    let mut taken: Vec<String> = Vec::new();
    values
        .into_iter()
        .enumerate()
        .map(|(i, value)| {
            let text = match &value {
                Yaml::String(s) => s.clone(),
                other => serde_yaml::to_string(other)
                    .unwrap_or_default()
                    .trim()
                    .to_string(),
            };
            let derived = names::camel(&text);
            let symbol = match text.as_str() {
                "<" => Some("Lt"),
                "<=" => Some("Le"),
                ">" => Some("Gt"),
                ">=" => Some("Ge"),
                "=" | "==" => Some("Equal"),
                "!=" => Some("NotEqual"),
                "*" => Some("Any"),
                "" => Some("Blank"),
                _ => None,
            };
            let plain = derived != "Empty" && derived != "Unknown" && !taken.contains(&derived);
            if plain && symbol.is_none() {
                taken.push(derived);
                return value;
            }
            let mut name = symbol
                .map(str::to_string)
                .unwrap_or_else(|| format!("{derived}{i}"));
            if taken.contains(&name) || name == "Unknown" {
                name = format!("Value{i}");
            }
            taken.push(name.clone());
            mapping([("value", value), ("name", Yaml::from(name))])
        })
        .collect()
}
