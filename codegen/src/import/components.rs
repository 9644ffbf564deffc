//! Named components (`#/components/schemas/X`) become types once, whichever
//! operations use them; so do schemas inside one that an operation reaches
//! directly (an envelope's `result`, read through its `allOf`). While
//! operations are converted, each one's types are kept in a unit of their
//! own and referred to by a placeholder; once every
//! operation is converted, each unit is placed in a types-only file and the
//! placeholders become type names:
//!
//! * a component used by one group only (directly, or through other
//!   components) goes into that group, `<group>/types.yaml`, so the group
//!   compiles on its own;
//! * one used by several groups goes into `shared/<prefix>.yaml`, the prefix
//!   being the component name up to its first `_` (Cloudflare names components
//!   `<service>_<name>`).
//!
//! A type is named after its component (`dns-records_record` is
//! `DnsRecordsRecord`), numbered when the name is taken in its file.

use std::collections::{BTreeMap, BTreeSet};

use serde_yaml::{Mapping, Value as Yaml};

use super::types::{Shape, TypeTable};
use crate::names;

/// Starts (and separates the parts of) a reference to a component's type
/// until its file is known: it is in no name the import makes.
const MARK: char = '\u{0}';

/// A placeholder naming type `local` of component `component`.
pub fn placeholder(component: &str, local: &str) -> String {
    format!("{MARK}{component}{MARK}{local}")
}

/// The component and local type name of a placeholder.
pub fn parse_placeholder(ty: &str) -> Option<(&str, &str)> {
    ty.strip_prefix(MARK)?.rsplit_once(MARK)
}

/// The type name a reference ends in, placeholder or not.
pub fn local_name(ty: &str) -> &str {
    parse_placeholder(ty).map_or(ty, |(_, local)| local)
}

/// A schema of `components/schemas` that is converted once: a component, or
/// (reached from an operation directly, say an envelope's `result`) a schema inside one.
#[derive(Debug, PartialEq, Eq)]
pub struct Site {
    /// The pointer after `/components/schemas/` (`a~1b`, `x/properties/result`).
    pub key: String,
    /// Where it is, for notes and docs: the component's name, then fields
    /// as operations' locations write them (`x.result[]`).
    pub location: String,
    /// The name of a type made for it (`XResultItem` is made of `XResult`).
    pub hint: String,
}

/// The site `pointer` is, if it is one; schemas inside a component only when `inside`.
pub fn site(pointer: &str, inside: bool) -> Option<Site> {
    let key = pointer.strip_prefix("/components/schemas/")?;
    let mut segments = key
        .split('/')
        .map(|s| s.replace("~1", "/").replace("~0", "~"));
    let component = segments.next().filter(|c| !c.is_empty())?;
    let (mut location, mut hint) = (component.clone(), names::camel(&component));
    let rest: Vec<String> = segments.collect();
    if !rest.is_empty() && !inside {
        return None;
    }
    let mut rest = rest.iter();
    while let Some(segment) = rest.next() {
        match segment.as_str() {
            "properties" => {
                let field = rest.next()?;
                location.push_str(&format!(".{field}"));
                hint.push_str(&names::camel(field));
            }
            "items" => location.push_str("[]"),
            "additionalProperties" => {
                location.push_str("{}");
                hint.push_str("Value");
            }
            "allOf" => {
                rest.next()?;
            }
            "oneOf" | "anyOf" => {
                let i = rest.next()?;
                location.push_str(&format!("|{i}"));
                hint.push_str(&format!("Member{i}"));
            }
            other => {
                location.push_str(&format!(".{other}"));
                hint.push_str(&names::camel(other));
            }
        }
    }
    Some(Site {
        key: key.to_string(),
        location,
        hint,
    })
}

/// One component (or schema inside one), converted: its types (referring to
/// each other and to other units by placeholder) and its shape at a use.
#[derive(Debug)]
pub struct Unit {
    pub table: TypeTable,
    pub shape: Shape,
    /// Notes made converting it, each after the location it is used at
    /// (`.items[]: …`), repeated at every use.
    pub notes: Vec<String>,
    /// Looser rules than the document's, reported only at uses a request
    /// reaches (responses are never checked).
    pub loose_notes: Vec<String>,
}

/// The components converted so far, by [`Site::key`].
#[derive(Debug, Default)]
pub struct Components {
    pub units: BTreeMap<String, Unit>,
    /// Names in the order finished: a component that fails discards those
    /// finished while it was being converted (they may refer to it).
    pub finished: Vec<String>,
}

impl Components {
    /// The definition a placeholder names.
    pub fn definition(&self, ty: &str) -> Option<&Mapping> {
        let (component, local) = parse_placeholder(ty)?;
        self.units
            .get(component)?
            .table
            .types
            .iter()
            .find(|(name, _)| name == local)
            .map(|(_, def)| def)
    }
}

/// Where the component types go.
#[derive(Debug, Default)]
pub struct Placement {
    /// Types-only files by module path (`shared/dns_records`), their types in order.
    pub files: BTreeMap<String, Vec<(String, Mapping)>>,
    /// The directory of the types several groups use (`shared`).
    pub shared: String,
    /// Each placed type: (component, local name) → (module path, name).
    names: BTreeMap<(String, String), (String, String)>,
}

impl Placement {
    /// Places the units the written files refer to. `users` are the placeholders of
    /// each written resource file (module path and everything it holds);
    /// `taken` says whether a module path is a resource's, or a method of one.
    pub fn new<'a>(
        components: &Components,
        users: impl IntoIterator<Item = (&'a str, Vec<&'a Mapping>)>,
        taken: impl Fn(&str) -> bool,
    ) -> Placement {
        // The groups that use each unit, directly…
        let mut groups: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
        let mut resource_groups: BTreeSet<String> = BTreeSet::new();
        for (module, mappings) in users {
            let group = module.split('/').next().unwrap_or(module).to_string();
            resource_groups.insert(group.clone());
            for mapping in mappings {
                for_each_placeholder(mapping, &mut |component, _| {
                    if let Some((name, _)) = components.units.get_key_value(component) {
                        groups
                            .entry(name.as_str())
                            .or_default()
                            .insert(group.clone());
                    }
                });
            }
        }
        // …and through the units that use it.
        let mut edges: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for (name, unit) in &components.units {
            for (_, def) in &unit.table.types {
                for_each_placeholder(def, &mut |component, _| {
                    if let Some((to, _)) = components.units.get_key_value(component) {
                        if to != name {
                            edges.entry(name.as_str()).or_default().insert(to.as_str());
                        }
                    }
                });
            }
        }
        let mut pending: Vec<&str> = groups.keys().copied().collect();
        while let Some(from) = pending.pop() {
            let from_groups = groups.get(from).cloned().unwrap_or_default();
            for to in edges.get(from).into_iter().flatten() {
                let to_groups = groups.entry(to).or_default();
                let before = to_groups.len();
                to_groups.extend(from_groups.iter().cloned());
                if to_groups.len() > before {
                    pending.push(to);
                }
            }
        }
        let shared = free_name("shared", |dir| resource_groups.contains(dir));
        let mut placement = Placement {
            shared: shared.clone(),
            ..Placement::default()
        };
        let mut taken_in: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (component, used_by) in &groups {
            let module = match used_by.iter().collect::<Vec<_>>().as_slice() {
                [group] => {
                    let name = free_name("types", |name| taken(&format!("{group}/{name}")));
                    format!("{group}/{name}")
                }
                _ => format!("{shared}/{}", prefix_module(component)),
            };
            let taken_names = taken_in.entry(module.clone()).or_default();
            let file = placement.files.entry(module.clone()).or_default();
            for (local, def) in &components.units[*component].table.types {
                let name = free_type_name(local, taken_names);
                taken_names.insert(name.clone());
                file.push((name.clone(), def.clone()));
                placement.names.insert(
                    (component.to_string(), local.clone()),
                    (module.clone(), name),
                );
            }
        }
        // The placeholders in the placed types, as their files name them.
        let names = &placement.names;
        for (module, types) in &mut placement.files {
            for (_, def) in types.iter_mut() {
                resolve(def, module, names);
            }
        }
        placement
    }

    /// Replaces the placeholders in `mapping`, a part of file `module`, by type names.
    pub fn resolve(&self, mapping: &mut Mapping, module: &str) {
        resolve(mapping, module, &self.names);
    }
}

fn resolve(
    mapping: &mut Mapping,
    module: &str,
    names: &BTreeMap<(String, String), (String, String)>,
) {
    rewrite(mapping, &mut |text| {
        let (component, local) = parse_placeholder(text)?;
        // Not placed: a unit discarded with a failed one; never written by a
        // converted operation, but a type name must be something.
        let Some((to_module, name)) = names.get(&(component.to_string(), local.to_string())) else {
            return Some("json".to_string());
        };
        Some(if to_module == module {
            name.clone()
        } else {
            format!("{}.{name}", to_module.replace('/', "."))
        })
    });
}

/// `base`, or `base_2`, `base_3`, … the first that is not taken.
fn free_name(base: &str, taken: impl Fn(&str) -> bool) -> String {
    std::iter::once(base.to_string())
        .chain((2..).map(|n| format!("{base}_{n}")))
        .find(|name| !taken(name))
        .unwrap_or_default()
}

/// `name`, or `name2`, `name3`, … the first not taken in the file nor reserved.
fn free_type_name(name: &str, taken: &BTreeSet<String>) -> String {
    let free = |n: &String| {
        !taken.contains(n) && !crate::validate::RESERVED_TYPE_NAMES.contains(&n.as_str())
    };
    std::iter::once(name.to_string())
        .chain((2..).map(|n| format!("{name}{n}")))
        .find(free)
        .unwrap_or_default()
}

/// The shared file of a component: its name up to the first `_`, as a
/// module (`dns-records_record` → `dns_records`); `common` for names without one.
fn prefix_module(key: &str) -> String {
    let component = key.split('/').next().unwrap_or(key);
    let prefix = match component.split_once('_') {
        Some((prefix, rest)) if !prefix.is_empty() && !rest.is_empty() => prefix,
        _ => "common",
    };
    let module = names::module(prefix);
    let reserved = names::HANDLE_METHODS.contains(&module.as_str())
        || crate::validate::RESERVED_TYPE_NAMES.contains(&names::camel(&module).as_str());
    if reserved {
        format!("{module}_types")
    } else {
        module
    }
}

/// Calls `f` with the unit and local name of every placeholder in `mapping`.
fn for_each_placeholder(mapping: &Mapping, f: &mut impl FnMut(&str, &str)) {
    fn walk(value: &Yaml, f: &mut impl FnMut(&str, &str)) {
        match value {
            Yaml::String(text) => {
                if let Some((component, local)) = parse_placeholder(text) {
                    f(component, local);
                }
            }
            Yaml::Sequence(items) => items.iter().for_each(|item| walk(item, f)),
            Yaml::Mapping(mapping) => mapping.values().for_each(|value| walk(value, f)),
            _ => {}
        }
    }
    mapping.values().for_each(|value| walk(value, f));
}

/// Replaces every string value `f` gives a replacement for.
fn rewrite(mapping: &mut Mapping, f: &mut impl FnMut(&str) -> Option<String>) {
    fn walk(value: &mut Yaml, f: &mut impl FnMut(&str) -> Option<String>) {
        match value {
            Yaml::String(text) => {
                if let Some(replacement) = f(text) {
                    *text = replacement;
                }
            }
            Yaml::Sequence(items) => items.iter_mut().for_each(|item| walk(item, f)),
            Yaml::Mapping(mapping) => mapping.iter_mut().for_each(|(_, value)| walk(value, f)),
            _ => {}
        }
    }
    mapping.iter_mut().for_each(|(_, value)| walk(value, f));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_round_trip_and_components_are_found_by_pointer() {
        let ty = placeholder("dns-records_record", "DnsRecordsRecord");
        assert_eq!(
            parse_placeholder(&ty),
            Some(("dns-records_record", "DnsRecordsRecord"))
        );
        assert_eq!(local_name(&ty), "DnsRecordsRecord");
        assert_eq!(local_name("Plain"), "Plain");
        assert_eq!(parse_placeholder("Plain"), None);
        let root = site("/components/schemas/a~1b~0c", false).expect("a component");
        assert_eq!(
            (root.location.as_str(), root.hint.as_str()),
            ("a/b~c", "ABC")
        );
        assert_eq!(root.key, "a~1b~0c");
        let result = "/components/schemas/x_response/allOf/1/properties/result/items";
        assert_eq!(site(result, false), None);
        let inside = site(result, true).expect("inside a component");
        assert_eq!(
            (inside.location.as_str(), inside.hint.as_str()),
            ("x_response.result[]", "XResponseResult")
        );
        assert_eq!(site("/paths/~1a", true), None);
        assert_eq!(site("/components/schemas/x/properties", true), None);
    }

    #[test]
    fn shared_files_are_named_by_prefix() {
        assert_eq!(prefix_module("dns-records_record"), "dns_records");
        assert_eq!(prefix_module("Node"), "common");
        assert_eq!(prefix_module("_x"), "common");
        assert_eq!(prefix_module("new_thing"), "new_types");
        assert_eq!(prefix_module("result_x"), "result_types");
        let taken = BTreeSet::from(["Pet".to_string()]);
        assert_eq!(free_type_name("Pet", &taken), "Pet2");
        assert_eq!(free_type_name("Result", &taken), "Result2");
        assert_eq!(free_name("types", |n| n == "types"), "types_2");
    }
}
