//! Types that several operations or components of one group declare alike
//! (Radar's operations each repeat the same filter enums and response
//! objects; components repeat each other's enums) are written once: the first one, in file order, keeps its definition; each
//! later one becomes `alias:` of it, so every public name stays and the
//! crate compiles each shape once. Every reference names the kept type.
//!
//! Two types are alike when their definitions, docs of the types themselves
//! aside, are equal once the types they refer to are replaced by their kept
//! ones, and they are reached from the same side (request, response or both).
//! Only types of one group are shared (the group is the crate's feature).
//! Left as they are: types of a module the configuration overlays (the
//! overlay may name any of them), types it replaces, aliases, and types a
//! header, a multipart part, a comma-separated query item or a page's
//! `result_info` names, which the schema wants in the operation's own file
//! (those are shared within their file only).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_yaml::{Mapping, Value as Yaml};

/// A type of a resource file: (module path, name).
type Id = (String, String);

/// Keys whose value is a type expression (a name, `{array: T}`, `{map: T}`).
const TYPE_KEYS: &[&str] = &[
    "type",
    "alias",
    "item",
    "result_info",
    "result",
    "raw",
    "json_type",
];

/// One file of `schema/` being written: its module path, types and operations.
pub struct File<'a> {
    pub module: &'a str,
    pub types: &'a mut Vec<(String, Mapping)>,
    pub operations: &'a mut [(String, Mapping)],
}

/// Shares the alike types of `files` (the first of a kind, in the order
/// given, is kept); `fixed_modules` and `fixed_names` are left as they are.
pub fn share_alike_types(
    files: &mut [File<'_>],
    fixed_modules: &BTreeSet<&str>,
    fixed_names: &BTreeSet<&str>,
) {
    let all_types = |files: &[File<'_>]| -> Vec<(Id, Mapping)> {
        files
            .iter()
            .flat_map(|file| {
                file.types
                    .iter()
                    .map(|(name, def)| ((file.module.to_string(), name.clone()), def.clone()))
            })
            .collect()
    };
    let types = all_types(files);
    let known: BTreeSet<Id> = types.iter().map(|(id, _)| id.clone()).collect();
    let (reach, pinned) = uses(files, &types, &known);
    let candidates: Vec<&(Id, Mapping)> = types
        .iter()
        .filter(|((module, name), def)| {
            !fixed_modules.contains(module.as_str())
                && !fixed_names.contains(name.as_str())
                && !def.contains_key("alias")
        })
        .collect();
    let mut kept: BTreeMap<Id, Id> = candidates
        .iter()
        .map(|(id, _)| (id.clone(), id.clone()))
        .collect();
    // Classes only merge, so this settles; the bound is for safety.
    for _ in 0..=candidates.len() {
        let mut first: HashMap<String, Id> = HashMap::new();
        let mut next = BTreeMap::new();
        for (id, def) in &candidates {
            let mut shape = def.clone();
            shape.remove("doc");
            let module = id.0.as_str();
            for_each_type_ref(&mut shape, &mut |text| {
                if let Some(to) = target(module, text, &known) {
                    let to = kept.get(&to).unwrap_or(&to);
                    *text = format!("{}#{}", to.0, to.1);
                }
            });
            let group = module.split('/').next().unwrap_or(module);
            let own_file = if pinned.contains(id) { module } else { "" };
            let key = format!(
                "{group}\n{own_file}\n{}\n{}",
                reach.get(id).copied().unwrap_or_default(),
                serde_yaml::to_string(&shape).unwrap_or_default()
            );
            let rep = first.entry(key).or_insert_with(|| id.clone()).clone();
            next.insert(id.clone(), rep);
        }
        if next == kept {
            break;
        }
        kept = next;
    }
    for file in files.iter_mut() {
        let module = file.module;
        let mut rename = |text: &mut String| {
            if let Some(to) = target(module, text, &known).and_then(|id| kept.get(&id)) {
                *text = reference(module, to);
            }
        };
        for (name, def) in file.types.iter_mut() {
            let id = (module.to_string(), name.clone());
            match kept.get(&id) {
                Some(to) if *to != id => *def = alias(def, &reference(module, to)),
                _ => for_each_type_ref(def, &mut rename),
            }
        }
        for (_, op) in file.operations.iter_mut() {
            for_each_type_ref(op, &mut rename);
        }
    }
}

/// `def` as an alias of `to`, keeping its docs and deprecation.
fn alias(def: &Mapping, to: &str) -> Mapping {
    let mut out = Mapping::new();
    for key in ["doc", "deprecated"] {
        if let Some(value) = def.get(key) {
            out.insert(Yaml::from(key), value.clone());
        }
    }
    out.insert(Yaml::from("alias"), Yaml::from(to));
    out
}

/// How file `module` names type `to`.
fn reference(module: &str, to: &Id) -> String {
    if to.0 == module {
        to.1.clone()
    } else {
        format!("{}.{}", to.0.replace('/', "."), to.1)
    }
}

/// The resource type `text`, written in file `module`, names (if any).
fn target(module: &str, text: &str, known: &BTreeSet<Id>) -> Option<Id> {
    let id = match text.rsplit_once('.') {
        Some((path, name)) => (path.replace('.', "/"), name.to_string()),
        None => (module.to_string(), text.to_string()),
    };
    known.contains(&id).then_some(id)
}

/// Which side reaches each type (1 request, 2 response, 3 both), and the
/// types that must stay in their operation's file.
fn uses(
    files: &[File<'_>],
    types: &[(Id, Mapping)],
    known: &BTreeSet<Id>,
) -> (BTreeMap<Id, u8>, BTreeSet<Id>) {
    let refs = |module: &str, value: &Yaml| {
        let mut value = value.clone();
        let mut found = Vec::new();
        for_each_type_ref_in(&mut value, &mut |text| {
            found.extend(target(module, text, known));
        });
        found
    };
    let mut reach: BTreeMap<Id, u8> = BTreeMap::new();
    let mut pinned = BTreeSet::new();
    let mut pending: Vec<(Id, u8)> = Vec::new();
    for file in files {
        let module = file.module;
        for (_, op) in file.operations.iter() {
            for (key, value) in op {
                let side = if key.as_str() == Some("response") {
                    2
                } else {
                    1
                };
                let part = Mapping::from_iter([(key.clone(), value.clone())]);
                let found = refs(module, &Yaml::Mapping(part));
                pending.extend(found.into_iter().map(|id| (id, side)));
            }
            let at = |path: &[&str]| {
                path.iter()
                    .try_fold(op, |m, key| m.get(*key).and_then(Yaml::as_mapping))
            };
            for place in [at(&["headers"]), at(&["body", "multipart"])]
                .into_iter()
                .flatten()
            {
                pinned.extend(refs(module, &Yaml::Mapping(place.clone())));
            }
            if let Some(info) = at(&["response", "page"]).and_then(|p| p.get("result_info")) {
                let info = Mapping::from_iter([(Yaml::from("type"), info.clone())]);
                pinned.extend(refs(module, &Yaml::Mapping(info)));
            }
            for (_, param) in at(&["query"]).into_iter().flatten() {
                if param.get("style").is_some() {
                    pinned.extend(refs(module, param));
                }
            }
        }
    }
    let defs: BTreeMap<&Id, &Mapping> = types.iter().map(|(id, def)| (id, def)).collect();
    while let Some((id, side)) = pending.pop() {
        let seen = reach.entry(id.clone()).or_default();
        if *seen | side == *seen {
            continue;
        }
        *seen |= side;
        if let Some(def) = defs.get(&id) {
            let found = refs(&id.0, &Yaml::Mapping((*def).clone()));
            pending.extend(found.into_iter().map(|to| (to, side)));
        }
    }
    (reach, pinned)
}

/// Calls `f` with every type name a type definition or an operation refers to.
fn for_each_type_ref(mapping: &mut Mapping, f: &mut impl FnMut(&mut String)) {
    for (key, value) in mapping.iter_mut() {
        visit(key, value, f);
    }
}

/// Like [`for_each_type_ref`], for any value.
fn for_each_type_ref_in(value: &mut Yaml, f: &mut impl FnMut(&mut String)) {
    match value {
        Yaml::Mapping(mapping) => for_each_type_ref(mapping, f),
        Yaml::Sequence(items) => items.iter_mut().for_each(|v| for_each_type_ref_in(v, f)),
        _ => {}
    }
}

fn visit(key: &Yaml, value: &mut Yaml, f: &mut impl FnMut(&mut String)) {
    match (key.as_str(), value) {
        (Some(k), value) if TYPE_KEYS.contains(&k) => type_expr(value, f),
        (Some("all_of"), Yaml::Sequence(parts)) => parts.iter_mut().for_each(|p| type_expr(p, f)),
        (_, value) => for_each_type_ref_in(value, f),
    }
}

/// A type expression: a name, `{array: T}` or `{map: T}`; anything else
/// (a field whose wire name is a type key) is walked as a definition.
fn type_expr(value: &mut Yaml, f: &mut impl FnMut(&mut String)) {
    match value {
        Yaml::String(name) => f(name),
        Yaml::Mapping(m) if m.len() == 1 && (m.contains_key("array") || m.contains_key("map")) => {
            m.iter_mut().for_each(|(_, inner)| type_expr(inner, f));
        }
        other => for_each_type_ref_in(other, f),
    }
}

#[cfg(test)]
mod tests {
    use super::super::Resource;
    use super::*;

    fn share(
        resources: &mut BTreeMap<String, Resource>,
        fixed_modules: &BTreeSet<&str>,
        fixed_names: &BTreeSet<&str>,
    ) {
        let mut files: Vec<File<'_>> = resources
            .iter_mut()
            .map(|(module, r)| File {
                module,
                types: &mut r.table.types,
                operations: &mut r.operations,
            })
            .collect();
        share_alike_types(&mut files, fixed_modules, fixed_names);
    }

    fn resource(types: &str, operations: &str) -> Resource {
        let mapping = |text: &str| -> Vec<(String, Mapping)> {
            let m: Mapping = serde_yaml::from_str(text).expect("yaml");
            m.into_iter()
                .map(|(k, v)| {
                    let k = k.as_str().expect("key").to_string();
                    (k, v.as_mapping().expect("mapping").clone())
                })
                .collect()
        };
        let mut resource = Resource::default();
        resource.table.types = mapping(types);
        resource.operations = mapping(operations);
        resource
    }

    fn def<'a>(resources: &'a BTreeMap<String, Resource>, module: &str, name: &str) -> &'a Mapping {
        resources[module].table.get(name).expect("a type")
    }

    const ENUM: &str =
        "{doc: An item of `botClass`., string_enum: [LIKELY_AUTOMATED, LIKELY_HUMAN]}";

    fn radar_like() -> BTreeMap<String, Resource> {
        let types = |p: &str| {
            format!(
                "{p}Bot: {ENUM}\n\
                 {p}Meta: {{doc: The value of `meta`., object: {{level: {{type: integer}}}}}}\n\
                 {p}Response: {{doc: The result of {p}., object: {{meta: {{type: {p}Meta, required: true}}}}}}\n"
            )
        };
        let op = |p: &str| {
            format!(
                "get: {{params_type: {p}Params, query: {{botClass: {{type: {{array: {p}Bot}}}}}}, \
                 response: {{result: {p}Response}}}}\n"
            )
        };
        BTreeMap::from([
            ("g/a".to_string(), resource(&types("A"), &op("A"))),
            ("g/b".to_string(), resource(&types("B"), &op("B"))),
            ("h/c".to_string(), resource(&types("C"), &op("C"))),
        ])
    }

    #[test]
    fn alike_types_of_a_group_become_aliases_of_the_first_and_references_name_it() {
        let mut resources = radar_like();
        share(&mut resources, &BTreeSet::new(), &BTreeSet::new());
        // The first keeps its definition; in the other file every name stays, as an alias.
        assert!(def(&resources, "g/a", "ABot").contains_key("string_enum"));
        let alias = def(&resources, "g/b", "BBot");
        assert_eq!(alias.get("alias"), Some(&Yaml::from("g.a.ABot")));
        assert_eq!(
            alias.get("doc"),
            Some(&Yaml::from("An item of `botClass`."))
        );
        // Objects alike once the types they hold are shared, whatever their own docs.
        assert_eq!(
            def(&resources, "g/b", "BMeta").get("alias"),
            Some(&Yaml::from("g.a.AMeta"))
        );
        assert_eq!(
            def(&resources, "g/b", "BResponse").get("alias"),
            Some(&Yaml::from("g.a.AResponse"))
        );
        // Operations name the kept type, never an alias.
        let op = &resources["g/b"].operations[0].1;
        let text = serde_yaml::to_string(op).expect("yaml");
        assert!(text.contains("array: g.a.ABot"), "{text}");
        assert!(text.contains("result: g.a.AResponse"), "{text}");
        // Another group (another feature) keeps its own.
        assert!(def(&resources, "h/c", "CBot").contains_key("string_enum"));
        assert!(def(&resources, "h/c", "CResponse").contains_key("object"));
    }

    #[test]
    fn overlaid_modules_replaced_types_and_other_sides_are_left_alone() {
        let mut resources = radar_like();
        share(&mut resources, &BTreeSet::from(["g/b"]), &BTreeSet::new());
        assert!(def(&resources, "g/b", "BBot").contains_key("string_enum"));

        let mut resources = radar_like();
        share(&mut resources, &BTreeSet::new(), &BTreeSet::from(["BMeta"]));
        assert!(def(&resources, "g/b", "BMeta").contains_key("object"));
        // What holds it is not alike any more either.
        assert!(def(&resources, "g/b", "BResponse").contains_key("object"));
        assert!(def(&resources, "g/b", "BBot").contains_key("alias"));

        // A response object and a request object of the same shape stay two types.
        let mut resources = BTreeMap::from([(
            "g/a".to_string(),
            resource(
                "In: {doc: x, object: {n: {type: integer}}}\nOut: {doc: x, object: {n: {type: integer}}}\n",
                "get: {params_type: P, body: {json: {x: {type: In}}}, response: {result: Out}}\n",
            ),
        )]);
        share(&mut resources, &BTreeSet::new(), &BTreeSet::new());
        assert!(def(&resources, "g/a", "Out").contains_key("object"));
    }

    #[test]
    fn types_a_file_must_hold_itself_are_shared_within_that_file_only() {
        let ops = |p: &str| {
            format!(
                "list: {{params_type: {p}P, headers: {{x: {{type: {p}H}}}}, \
                 response: {{page: {{item: string, result_info: {p}Info}}}}}}\n\
                 get: {{params_type: {p}Q, headers: {{x: {{type: {p}H2}}}}, response: {{empty: true}}}}\n"
            )
        };
        let types = |p: &str| {
            format!(
                "{p}H: {ENUM}\n{p}H2: {ENUM}\n\
                 {p}Info: {{doc: i, object: {{page: {{type: integer}}}}}}\n"
            )
        };
        let mut resources = BTreeMap::from([
            ("g/a".to_string(), resource(&types("A"), &ops("A"))),
            ("g/b".to_string(), resource(&types("B"), &ops("B"))),
        ]);
        share(&mut resources, &BTreeSet::new(), &BTreeSet::new());
        assert!(def(&resources, "g/b", "BH").contains_key("string_enum"));
        assert!(def(&resources, "g/b", "BInfo").contains_key("object"));
        assert_eq!(
            def(&resources, "g/b", "BH2").get("alias"),
            Some(&Yaml::from("BH"))
        );
        let text = serde_yaml::to_string(&resources["g/b"].operations[1].1).expect("yaml");
        assert!(text.contains("type: BH\n"), "{text}");
    }
}
