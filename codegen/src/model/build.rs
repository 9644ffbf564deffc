//! Schema (checked) to model: names chosen, types resolved, parameters ordered.

use std::collections::BTreeSet;

use super::*;
use crate::load::{LoadedSchema, Source};
use crate::names::{self, FieldRole};
use crate::resolve::{name_in, TypeIndex, TypeRef};
use crate::schema::{self, EnumValueDef, FieldDef, ResourceFile, Scalar, TypeExpr};
use crate::validate::{module_path, numeric_bound, path_template_params, scalar_of};

/// Builds the model of a schema that passed `validate`.
pub fn build(schema: &LoadedSchema) -> Api {
    let api = &schema.api.data;
    let mut root = Module {
        name: String::new(),
        handle: "Client".to_string(),
        doc: api.sdk.description.clone(),
        source: String::new(),
        types: Vec::new(),
        operations: Vec::new(),
        children: Vec::new(),
        foreign: Vec::new(),
    };
    let index = TypeIndex::new(&schema.resources);
    let operations: Vec<Vec<Operation>> = schema
        .resources
        .iter()
        .map(|resource| {
            let mut ops: Vec<Operation> = resource
                .data
                .operations
                .iter()
                .map(|(n, op)| operation(api, &resource.data, n, op))
                .collect();
            for op in &mut ops {
                for field in op.path_params.iter_mut().map(|p| &mut p.field) {
                    requalify(&mut field.ty, &index, &resource.file, &resource.file);
                }
                for field in &mut op.query {
                    requalify(&mut field.ty, &index, &resource.file, &resource.file);
                }
                match &mut op.response {
                    Response::Result(ty) | Response::Raw(ty) | Response::Page { item: ty, .. } => {
                        requalify(ty, &index, &resource.file, &resource.file);
                    }
                    Response::Bytes | Response::Text | Response::Empty => {}
                }
            }
            ops
        })
        .collect();
    // Reached from request parameters or from responses, across files.
    let (mut input_roots, mut query_roots, mut output_roots) = (Vec::new(), Vec::new(), Vec::new());
    for (resource, ops) in schema.resources.iter().zip(&operations) {
        let file = resource.file.as_str();
        for op in ops {
            input_roots.extend(op.params_fields().map(|f| (file, f.ty.clone())));
            query_roots.extend(op.query.iter().map(|f| (file, f.ty.clone())));
            match &op.response {
                Response::Page { item, info } => {
                    output_roots.push((file, item.clone()));
                    output_roots.push((file, Type::Named(info.clone())));
                }
                Response::Result(ty) | Response::Raw(ty) => output_roots.push((file, ty.clone())),
                Response::Bytes | Response::Text | Response::Empty => {}
            }
        }
    }
    let inputs = reachable(&index, input_roots);
    let queries = reachable(&index, query_roots);
    let outputs = reachable(&index, output_roots);
    let mut decls: Vec<Vec<TypeDecl>> = schema
        .resources
        .iter()
        .map(|resource| type_decls(&index, resource, [&inputs, &queries, &outputs]))
        .collect();
    let files: Vec<&str> = schema.resources.iter().map(|r| r.file.as_str()).collect();
    box_cycles(&index, &files, &mut decls);
    for (i, (resource, ops)) in schema.resources.iter().zip(operations).enumerate() {
        let path = module_path(&resource.file);
        let foreign = foreign_decls(&index, schema, &decls, i, &ops);
        let module = Module {
            name: names::module(path.last().copied().unwrap_or_default()),
            handle: names::camel(path.last().copied().unwrap_or_default()),
            doc: resource.data.doc.clone(),
            source: resource.file.clone(),
            types: decls[i].clone(),
            operations: ops,
            children: Vec::new(),
            foreign,
        };
        insert(&mut root, api, &path, 0, module);
    }
    let default_groups = match &api.sdk.default_groups {
        Some(groups) => groups.iter().map(|g| names::module(g)).collect(),
        None => root.children.iter().map(|c| c.name.clone()).collect(),
    };
    Api {
        crate_name: api.sdk.crate_name.clone(),
        version: api.sdk.version.clone(),
        description: api.sdk.description.clone(),
        license: api.sdk.license.clone(),
        user_agent: api.sdk.user_agent.clone(),
        base_url: api.base_url.default.clone(),
        base_url_env: api.base_url.env.clone(),
        auth: api
            .auth
            .iter()
            .map(|scheme| AuthScheme {
                name: scheme.name.clone(),
                doc: scheme.doc.clone(),
                credentials: scheme
                    .credentials
                    .iter()
                    .map(|c| Credential {
                        name: c.name.clone(),
                        doc: c.doc.clone(),
                        header: c.header.clone(),
                        prefix: c.prefix.clone(),
                        env: c.env.clone(),
                    })
                    .collect(),
            })
            .collect(),
        query_style: QueryStyle {
            arrays: if api.query_style.arrays == "brackets" {
                ArrayStyle::Brackets
            } else {
                ArrayStyle::Repeat
            },
            nesting: if api.query_style.nesting == "brackets" {
                NestingStyle::Brackets
            } else {
                NestingStyle::Dots
            },
        },
        timeout_seconds: api.client_defaults.timeout_seconds,
        max_retries: api.client_defaults.max_retries,
        envelope: if api.envelope == "none" {
            Envelope::None
        } else {
            Envelope::CloudflareV4
        },
        root,
        default_groups,
    }
}

/// Places `module` at `path` below `parent`, creating group modules on the way.
fn insert(parent: &mut Module, api: &schema::ApiFile, path: &[&str], depth: usize, module: Module) {
    if depth + 1 == path.len() {
        parent.children.push(module);
        return;
    }
    let name = names::module(path[depth]);
    let index = match parent.children.iter().position(|c| c.name == name) {
        Some(i) => i,
        None => {
            let dir = path[..=depth].join("/");
            parent.children.push(Module {
                handle: names::camel(path[depth]),
                name,
                doc: api
                    .groups
                    .get(&dir)
                    .map(|g| g.doc.clone())
                    .unwrap_or_default(),
                source: String::new(),
                types: Vec::new(),
                operations: Vec::new(),
                children: Vec::new(),
                foreign: Vec::new(),
            });
            parent.children.len() - 1
        }
    };
    insert(&mut parent.children[index], api, path, depth + 1, module);
}

/// The named types of one file, with reachability from anywhere and cycles boxed.
/// `reached`: the types reached from request parameters, from query
/// parameters and from responses.
fn type_decls(
    index: &TypeIndex<'_>,
    resource: &Source<ResourceFile>,
    reached: [&BTreeSet<(String, String)>; 3],
) -> Vec<TypeDecl> {
    let [inputs, queries, outputs] = reached;
    let file = resource.file.as_str();
    let key = |name: &str| (file.to_string(), name.to_string());
    resource
        .data
        .types
        .iter()
        .map(|(type_name, def)| TypeDecl {
            name: type_name.clone(),
            doc: def.doc.clone(),
            deprecated: def.deprecated.clone(),
            kind: type_kind(index, file, def),
            in_input: inputs.contains(&key(type_name)),
            in_query: queries.contains(&key(type_name)),
            // A type no operation reaches is read like a response (it keeps
            // unknown fields), not refused like a request type.
            in_output: outputs.contains(&key(type_name)) || !inputs.contains(&key(type_name)),
            at_least_one_of: def.at_least_one_of.clone().unwrap_or_default(),
        })
        .collect()
}

/// Every named type reachable from `roots` (each a type as written in a
/// file), following object fields, `all_of`, union members, arrays and maps
/// across files; as (file, name).
fn reachable<'a>(index: &TypeIndex<'a>, roots: Vec<(&'a str, Type)>) -> BTreeSet<(String, String)> {
    let mut seen = BTreeSet::new();
    let mut stack = roots;
    while let Some((file, ty)) = stack.pop() {
        match ty {
            Type::Array(inner) | Type::Map(inner) | Type::Nullable(inner) => {
                stack.push((file, *inner))
            }
            Type::Named(name) => {
                let Some((to, def)) = index.resolve(file, &name) else {
                    continue;
                };
                if !seen.insert((to.file.to_string(), to.name.to_string())) {
                    continue;
                }
                for field in index.object_fields(to.file, def).unwrap_or_default() {
                    stack.push((field.file, field_type(field.def)));
                }
                for variant in def.union.iter().flatten() {
                    stack.push((to.file, type_expr(&variant.ty, None)));
                }
                if let Some(target) = &def.alias {
                    stack.push((to.file, type_expr(target, None)));
                }
            }
            _ => {}
        }
    }
    seen
}

/// Renames the named types in `ty`, written in `from`, as `to` names them.
fn requalify(ty: &mut Type, index: &TypeIndex<'_>, from: &str, to: &str) {
    match ty {
        Type::Array(inner) | Type::Map(inner) | Type::Nullable(inner) => {
            requalify(inner, index, from, to)
        }
        Type::Named(name) => {
            if let Some((target, _)) = index.resolve(from, name) {
                *name = name_in(to, target);
            }
        }
        _ => {}
    }
}

/// Every type reference inside a declaration.
fn decl_types(decl: &mut TypeDecl) -> Vec<&mut Type> {
    match &mut decl.kind {
        TypeKind::Object(fields) => fields.iter_mut().map(|f| &mut f.ty).collect(),
        TypeKind::Union(variants) => variants.iter_mut().map(|v| &mut v.ty).collect(),
        TypeKind::ObjectUnion(union) => union.variants.iter_mut().map(|v| &mut v.ty).collect(),
        TypeKind::Alias(ty) => vec![ty],
        TypeKind::StringEnum(_) | TypeKind::NumberEnum(_) => Vec::new(),
    }
}

/// The named types of other files in `ty`, as written in `file`.
fn shared_refs<'a>(index: &TypeIndex<'a>, file: &str, ty: &Type, out: &mut Vec<TypeRef<'a>>) {
    match ty {
        Type::Array(inner) | Type::Map(inner) | Type::Nullable(inner) => {
            shared_refs(index, file, inner, out)
        }
        Type::Named(name) => {
            if let Some((target, _)) = index.resolve(file, name) {
                if target.file != file {
                    out.push(target);
                }
            }
        }
        _ => {}
    }
}

/// The declarations of every other file's type module `at` reaches, named
/// as it names them (see `Module::foreign`).
fn foreign_decls(
    index: &TypeIndex<'_>,
    schema: &LoadedSchema,
    decls: &[Vec<TypeDecl>],
    at: usize,
    ops: &[Operation],
) -> Vec<TypeDecl> {
    let file = schema.resources[at].file.as_str();
    let mut pending = Vec::new();
    for decl in &decls[at] {
        let types: Vec<&Type> = match &decl.kind {
            TypeKind::Object(fields) => fields.iter().map(|f| &f.ty).collect(),
            TypeKind::Union(variants) => variants.iter().map(|v| &v.ty).collect(),
            TypeKind::ObjectUnion(union) => union.variants.iter().map(|v| &v.ty).collect(),
            TypeKind::Alias(ty) => vec![ty],
            TypeKind::StringEnum(_) | TypeKind::NumberEnum(_) => Vec::new(),
        };
        for ty in types {
            shared_refs(index, file, ty, &mut pending);
        }
    }
    for op in ops {
        for field in op.params_fields() {
            shared_refs(index, file, &field.ty, &mut pending);
        }
        if let Response::Result(ty) | Response::Raw(ty) | Response::Page { item: ty, .. } =
            &op.response
        {
            shared_refs(index, file, ty, &mut pending);
        }
    }
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    while let Some(target) = pending.pop() {
        if !seen.insert(target) {
            continue;
        }
        let Some(position) = schema.resources.iter().position(|r| r.file == target.file) else {
            continue;
        };
        let Some(decl) = decls[position].iter().find(|d| d.name == target.name) else {
            continue;
        };
        let mut decl = decl.clone();
        decl.name = name_in(file, target);
        for ty in decl_types(&mut decl) {
            requalify(ty, index, target.file, file);
            let mut found = Vec::new();
            shared_refs(index, file, ty, &mut found);
            pending.extend(found);
        }
        out.push(decl);
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// Boxes the fields (and union members) that close a cycle of types holding
/// each other directly (`Option` is no indirection; `Vec` and maps are),
/// across files. A depth-first walk, files in path order and types in
/// declaration order, boxes each field or member that leads back to a type
/// still being walked: that breaks every cycle, and the same schema always
/// boxes the same fields.
fn box_cycles(index: &TypeIndex<'_>, files: &[&str], decls: &mut [Vec<TypeDecl>]) {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        Walking,
        Done,
    }
    type Node = (usize, usize);
    struct Walk<'w> {
        index: &'w TypeIndex<'w>,
        files: &'w [&'w str],
        decls: &'w [Vec<TypeDecl>],
        state: Vec<Vec<State>>,
        /// (file, type, field or member index).
        boxed: BTreeSet<(usize, usize, usize)>,
    }
    impl Walk<'_> {
        /// The type a direct (unboxed) reference names, as a node.
        fn target(&self, file: usize, ty: &Type) -> Option<Node> {
            let Type::Named(name) = ty else {
                return None;
            };
            let (to, _) = self.index.resolve(self.files[file], name)?;
            let file = self.files.iter().position(|f| *f == to.file)?;
            let decl = self.decls[file].iter().position(|d| d.name == to.name)?;
            Some((file, decl))
        }

        fn walk(&mut self, (file, decl): Node) {
            self.state[file][decl] = State::Walking;
            let members: Vec<&Type> = match &self.decls[file][decl].kind {
                TypeKind::Object(fields) => fields.iter().map(|f| &f.ty).collect(),
                TypeKind::ObjectUnion(union) => union.variants.iter().map(|v| &v.ty).collect(),
                _ => Vec::new(),
            };
            let targets: Vec<Option<Node>> =
                members.iter().map(|ty| self.target(file, ty)).collect();
            for (i, target) in targets.into_iter().enumerate() {
                let Some(next) = target else { continue };
                match self.state[next.0][next.1] {
                    State::Walking => {
                        self.boxed.insert((file, decl, i));
                    }
                    State::New => self.walk(next),
                    State::Done => {}
                }
            }
            self.state[file][decl] = State::Done;
        }
    }
    let boxed = {
        let mut walk = Walk {
            index,
            files,
            decls,
            state: decls.iter().map(|d| vec![State::New; d.len()]).collect(),
            boxed: BTreeSet::new(),
        };
        for (file, types) in decls.iter().enumerate() {
            for decl in 0..types.len() {
                if walk.state[file][decl] == State::New {
                    walk.walk((file, decl));
                }
            }
        }
        walk.boxed
    };
    for (file, decl, i) in boxed {
        match &mut decls[file][decl].kind {
            TypeKind::Object(fields) => fields[i].boxed = true,
            TypeKind::ObjectUnion(union) => union.variants[i].boxed = true,
            _ => {}
        }
    }
}

fn type_kind(index: &TypeIndex<'_>, file: &str, def: &schema::TypeDef) -> TypeKind {
    if def.object.is_some() || def.all_of.is_some() {
        // Parts' fields first; each field's types renamed as this file names them.
        let fields = index.object_fields(file, def).unwrap_or_default();
        return TypeKind::Object(
            fields
                .iter()
                .map(|f| {
                    let mut field = field(f.wire, f.def, FieldRole::Object);
                    requalify(&mut field.ty, index, f.file, file);
                    field
                })
                .collect(),
        );
    }
    if let Some(values) = &def.string_enum {
        return TypeKind::StringEnum(values.iter().map(enum_value).collect());
    }
    if let Some(values) = &def.number_enum {
        return TypeKind::NumberEnum(values.iter().map(enum_value).collect());
    }
    if let Some(target) = &def.alias {
        let mut ty = type_expr(target, None);
        requalify(&mut ty, index, file, file);
        return TypeKind::Alias(ty);
    }
    let variants: Vec<UnionVariant> = def
        .union
        .iter()
        .flatten()
        .map(|v| {
            let mut ty = type_expr(&v.ty, None);
            requalify(&mut ty, index, file, file);
            UnionVariant {
                variant: v.name.clone(),
                ty,
                doc: v.doc.clone(),
                tag: v.tag.clone(),
                boxed: false,
                constraints: constraints(&v.ty, &v.rules(v.format.clone())),
            }
        })
        .collect();
    let scalars_only = variants.iter().all(|v| {
        matches!(
            v.ty,
            Type::String | Type::Integer | Type::Number | Type::Bool
        )
    });
    if scalars_only && def.discriminator.is_none() {
        TypeKind::Union(variants)
    } else {
        TypeKind::ObjectUnion(ObjectUnion {
            discriminator: def.discriminator.clone(),
            variants,
        })
    }
}

fn enum_value(def: &EnumValueDef) -> EnumValue {
    let (value, name, doc, deprecated) = match def {
        EnumValueDef::Bare(value) => (value, None, None, None),
        EnumValueDef::Full(f) => (
            &f.value,
            f.name.clone(),
            f.doc.clone(),
            f.deprecated.clone(),
        ),
    };
    let wire = scalar_text(value);
    EnumValue {
        variant: name.unwrap_or_else(|| names::camel(&wire)),
        wire,
        doc,
        deprecated,
    }
}

fn scalar_text(value: &Scalar) -> String {
    match value {
        Scalar::Int(n) => n.to_string(),
        Scalar::UInt(n) => n.to_string(),
        Scalar::Float(n) => n.to_string(),
        Scalar::Bool(b) => b.to_string(),
        Scalar::Str(s) => s.clone(),
    }
}

/// A default as the docs show it: scalars as written, lists and mappings
/// in JSON-like flow form (`[]`, `{"a": 1}`).
fn default_text(value: &serde_yaml::Value) -> String {
    use serde_yaml::Value;
    if let Some(scalar) = scalar_of(value) {
        return scalar_text(&scalar);
    }
    match value {
        Value::Sequence(items) => format!(
            "[{}]",
            items.iter().map(quoted_text).collect::<Vec<_>>().join(", ")
        ),
        Value::Mapping(entries) => format!(
            "{{{}}}",
            entries
                .iter()
                .map(|(k, v)| format!("{}: {}", quoted_text(k), quoted_text(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Value::Tagged(tagged) => default_text(&tagged.value),
        _ => "null".to_string(),
    }
}

fn quoted_text(value: &serde_yaml::Value) -> String {
    match value {
        serde_yaml::Value::String(s) => format!("{s:?}"),
        other => default_text(other),
    }
}

fn type_expr(ty: &TypeExpr, format: Option<&str>) -> Type {
    match ty {
        TypeExpr::Name(name) => match (name.as_str(), format) {
            ("string", Some("date-time")) => Type::DateTime,
            ("string", Some("date")) => Type::Date,
            ("string", Some("ipv4")) => Type::Ipv4,
            ("string", Some("ipv6")) => Type::Ipv6,
            ("string", _) => Type::String,
            ("boolean", _) => Type::Bool,
            ("integer", _) => Type::Integer,
            ("number", _) => Type::Number,
            ("json", _) => Type::Json,
            ("file", _) => Type::File,
            (other, _) => Type::Named(other.to_string()),
        },
        TypeExpr::Array { array } => Type::Array(Box::new(type_expr(array, format))),
        TypeExpr::Map { map } => Type::Map(Box::new(type_expr(map, format))),
        TypeExpr::Nullable { nullable } => Type::Nullable(Box::new(type_expr(nullable, format))),
    }
}

fn field_type(def: &FieldDef) -> Type {
    type_expr(&def.ty, def.format.as_deref())
}

fn field(wire: &str, def: &FieldDef, role: FieldRole) -> Field {
    Field {
        wire: wire.to_string(),
        rust: names::field(wire, def.rust_name.as_deref(), role),
        doc: def.doc.clone(),
        ty: field_type(def),
        required: def.required,
        nullable: def.nullable,
        deprecated: def.deprecated.clone(),
        default: def.default.as_ref().map(default_text),
        constraints: Constraints {
            // A typed format is the field's type, not a check.
            format: def
                .format
                .clone()
                .filter(|f| !crate::validate::TYPED_FORMATS.contains(&f.as_str())),
            constant: def.constant,
            ..constraints(&def.ty, &def.rules(None))
        },
        boxed: false,
        comma_separated: def.style.as_deref() == Some("comma"),
    }
}

/// The rules of a value of type `ty`, nested as the type nests (a null
/// item or map value has none to check).
fn constraints(ty: &TypeExpr, rules: &schema::Rules) -> Constraints {
    let ty = ty.non_null();
    let integer = matches!(ty, TypeExpr::Name(n) if n == "integer");
    let bound =
        |value: &Option<Scalar>| value.as_ref().and_then(|v| numeric_bound(v, integer).ok());
    let nested = |inner: &TypeExpr, rules: &Option<Box<schema::Rules>>| {
        rules.as_deref().map(|r| Box::new(constraints(inner, r)))
    };
    Constraints {
        minimum: bound(&rules.minimum),
        maximum: bound(&rules.maximum),
        min_length: rules.min_length,
        max_length: rules.max_length,
        exclusive_minimum: bound(&rules.exclusive_minimum),
        exclusive_maximum: bound(&rules.exclusive_maximum),
        multiple_of: bound(&rules.multiple_of),
        pattern: rules.pattern.clone(),
        format: rules.format.clone(),
        min_items: rules.min_items,
        max_items: rules.max_items,
        unique_items: rules.unique_items,
        items: match ty {
            TypeExpr::Array { array } => nested(array, &rules.items),
            _ => None,
        },
        values: match ty {
            TypeExpr::Map { map } => nested(map, &rules.values),
            _ => None,
        },
        any_of: rules
            .any_of
            .iter()
            .flatten()
            .map(|set| constraints(ty, set))
            .collect(),
        constant: None,
    }
}

fn operation(
    api: &schema::ApiFile,
    data: &ResourceFile,
    name: &str,
    def: &schema::OperationDef,
) -> Operation {
    // Path parameters follow the template's order; all are required.
    let template = path_template_params(&def.path).unwrap_or_default();
    let path_params: Vec<PathParam> = template
        .iter()
        .filter_map(|p| def.path_params.get(p).map(|f| (p, f)))
        .map(|(wire, f)| {
            let argument = f.location.as_deref() == Some("argument");
            let role = if argument {
                FieldRole::Argument
            } else {
                FieldRole::Params
            };
            PathParam {
                field: Field {
                    required: true,
                    ..field(wire, f, role)
                },
                argument,
            }
        })
        .collect();
    let path = def
        .path
        .split('/')
        .map(|segment| {
            let param = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}'));
            match param.and_then(|p| template.iter().position(|t| t == p)) {
                Some(index) => PathPart::Param(index),
                None => PathPart::Literal(segment.to_string()),
            }
        })
        .collect();
    let mut query: Vec<Field> = def
        .query
        .iter()
        .map(|(w, f)| field(w, f, FieldRole::Params))
        .collect();
    // Sent in wire-name order: fixed here, so encoding never sorts.
    query.sort_by(|a, b| a.wire.cmp(&b.wire));
    let response = response(&def.response);
    if let Some(style) = def.pagination.as_ref().and_then(|s| api.pagination.get(s)) {
        page_params_as_integers(style, &def.query, &mut query);
    }
    let rust_of = |wire: &str| {
        names::field(
            wire,
            def.query.get(wire).and_then(|f| f.rust_name.as_deref()),
            FieldRole::Params,
        )
    };
    // The `result_info` fields by wire name: a `rust_name:` there renames the field.
    let info_fields = def
        .response
        .page
        .as_ref()
        .and_then(|page| data.types.get(&page.result_info))
        .and_then(|t| t.object.as_ref());
    let info_of = |wire: &str| {
        names::field(
            wire,
            info_fields
                .and_then(|fields| fields.get(wire))
                .and_then(|f| f.rust_name.as_deref()),
            FieldRole::Object,
        )
    };
    let pagination = def
        .pagination
        .as_ref()
        .and_then(|s| api.pagination.get(s))
        .map(|style| match &style.cursor {
            Some(cursor) => Pagination::Cursor(CursorPaging {
                cursor_field: rust_of(&cursor.cursor_param),
                info_cursor: info_of(&cursor.info_cursor),
            }),
            None => {
                let name = |key: &Option<String>| key.clone().unwrap_or_default();
                Pagination::PageNumber(PageNumberPaging {
                    page_field: rust_of(&name(&style.page_param)),
                    per_page_field: rust_of(&name(&style.per_page_param)),
                    info_page: info_of(&name(&style.info_page)),
                    info_per_page: info_of(&name(&style.info_per_page)),
                    info_total_count: info_of(&name(&style.info_total_count)),
                })
            }
        });
    let mut headers: Vec<Field> = def
        .headers
        .iter()
        .map(|(w, f)| field(w, f, FieldRole::Params))
        .collect();
    headers.sort_by_key(|h| h.wire.to_ascii_lowercase());
    let body = def.body.as_ref().map(body);
    Operation {
        headers,
        body,
        auth: def.auth.as_ref().map(|accepted| {
            // In the API's order, which is the order credentials are preferred in.
            api.auth
                .iter()
                .filter(|s| accepted.contains(&s.name))
                .map(|s| s.name.clone())
                .collect()
        }),
        name: names::snake(name),
        doc: def.doc.clone(),
        deprecated: def.deprecated.clone(),
        method: match def.method.as_str() {
            "POST" => Method::Post,
            "PUT" => Method::Put,
            "PATCH" => Method::Patch,
            "DELETE" => Method::Delete,
            _ => Method::Get,
        },
        path_template: def.path.clone(),
        path,
        path_params,
        params_type: def.params_type.clone(),
        query,
        response,
        success_statuses: def.response.status.clone().unwrap_or_default(),
        pagination,
    }
}

/// The response kind `validate` found exactly one of.
fn response(def: &schema::ResponseDef) -> Response {
    if let Some(page) = &def.page {
        Response::Page {
            item: type_expr(&page.item, None),
            info: page.result_info.clone(),
        }
    } else if let Some(ty) = &def.result {
        Response::Result(type_expr(ty, None))
    } else if let Some(ty) = &def.raw {
        Response::Raw(type_expr(ty, None))
    } else if def.bytes {
        Response::Bytes
    } else if def.text {
        Response::Text
    } else if def.empty {
        Response::Empty
    } else {
        Response::Raw(Type::Json)
    }
}

/// Page parameters an API types as `number` are whole page numbers and
/// sizes: they become `i64`, sent as integers (`page=2`, never `page=2.0`).
/// `validate` checked that their bounds are whole.
fn page_params_as_integers(
    style: &schema::PaginationStyle,
    defs: &crate::ordered_map::OrderedMap<FieldDef>,
    query: &mut [Field],
) {
    let cursor_per_page = style
        .cursor
        .as_ref()
        .and_then(|c| c.per_page_param.as_ref());
    let wires = [
        style.page_param.as_ref(),
        style.per_page_param.as_ref(),
        cursor_per_page,
    ];
    for wire in wires.into_iter().flatten() {
        let Some(def) = defs.get(wire) else { continue };
        let Some(field) = query.iter_mut().find(|f| f.wire == *wire) else {
            continue;
        };
        if field.ty != Type::Number {
            continue;
        }
        let bound =
            |value: &Option<Scalar>| value.as_ref().and_then(|v| numeric_bound(v, true).ok());
        field.ty = Type::Integer;
        field.constraints.minimum = bound(&def.minimum);
        field.constraints.maximum = bound(&def.maximum);
    }
}

/// The params field that holds a whole body (`json_type`, `raw`).
fn body_field(def: &schema::BodyDef, ty: Type) -> Field {
    Field {
        wire: "body".to_string(),
        rust: "body".to_string(),
        doc: def
            .doc
            .clone()
            .unwrap_or_else(|| "The request body.".to_string()),
        ty,
        required: def.required,
        nullable: false,
        deprecated: None,
        default: None,
        constraints: Constraints::default(),
        boxed: false,
        comma_separated: false,
    }
}

fn body(def: &schema::BodyDef) -> Body {
    let fields = |map: &crate::ordered_map::OrderedMap<FieldDef>| {
        map.iter()
            .map(|(w, f)| field(w, f, FieldRole::Params))
            .collect::<Vec<_>>()
    };
    let kind = if let Some(json) = &def.json {
        BodyKind::JsonFields(fields(json))
    } else if let Some(ty) = &def.json_type {
        BodyKind::JsonValue(Field {
            constraints: constraints(ty, &def.rules(def.format.clone())),
            ..body_field(def, type_expr(ty, None))
        })
    } else if let Some(parts) = &def.multipart {
        BodyKind::Multipart(fields(parts))
    } else {
        BodyKind::Raw {
            content_type: def
                .raw
                .as_ref()
                .map(|r| r.content_type.clone())
                .unwrap_or_default(),
            field: body_field(def, Type::Binary),
        }
    };
    Body {
        doc: def.doc.clone(),
        kind,
        at_least_one_of: def.at_least_one_of.clone().unwrap_or_default(),
    }
}
