//! Schema (checked) to model: names chosen, types resolved, parameters ordered.

use std::collections::BTreeSet;

use super::*;
use crate::load::{LoadedSchema, Source};
use crate::names::{self, FieldRole};
use crate::schema::{self, EnumValueDef, FieldDef, ResourceFile, Scalar, TypeExpr};
use crate::validate::{module_path, numeric_bound, path_template_params};

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
    };
    for resource in &schema.resources {
        let path = module_path(&resource.file);
        let module = resource_module(api, resource, path.last().copied().unwrap_or_default());
        insert(&mut root, api, &path, 0, module);
    }
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
        root,
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
            });
            parent.children.len() - 1
        }
    };
    insert(&mut parent.children[index], api, path, depth + 1, module);
}

fn resource_module(api: &schema::ApiFile, resource: &Source<ResourceFile>, name: &str) -> Module {
    let data = &resource.data;
    let operations: Vec<Operation> = data
        .operations
        .iter()
        .map(|(n, op)| operation(api, data, n, op))
        .collect();
    let inputs = reachable(
        data,
        operations
            .iter()
            .flat_map(|op| op.params_fields().map(|f| &f.ty)),
    );
    let queries = reachable(
        data,
        operations
            .iter()
            .flat_map(|op| op.query.iter().map(|f| &f.ty)),
    );
    let outputs = reachable(
        data,
        operations
            .iter()
            .flat_map(|op| match &op.response {
                Response::Page { item, info } => {
                    vec![Type::Named(item.clone()), Type::Named(info.clone())]
                }
                Response::Result(ty) | Response::Raw(ty) => vec![ty.clone()],
            })
            .collect::<Vec<_>>()
            .iter(),
    );
    let mut types: Vec<TypeDecl> = data
        .types
        .iter()
        .map(|(type_name, def)| TypeDecl {
            name: type_name.clone(),
            doc: def.doc.clone(),
            deprecated: def.deprecated.clone(),
            kind: type_kind(def),
            in_input: inputs.contains(type_name),
            in_query: queries.contains(type_name),
            // A type no operation reaches is read like a response (it keeps
            // unknown fields), not refused like a request type.
            in_output: outputs.contains(type_name) || !inputs.contains(type_name),
        })
        .collect();
    box_cycles(&mut types);
    Module {
        name: names::module(name),
        handle: names::camel(name),
        doc: data.doc.clone(),
        source: resource.file.clone(),
        types,
        operations,
        children: Vec::new(),
    }
}

/// Named types reachable from `roots`, following object fields, arrays and maps.
fn reachable<'a>(data: &ResourceFile, roots: impl Iterator<Item = &'a Type>) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<Type> = roots.cloned().collect();
    while let Some(ty) = stack.pop() {
        match ty {
            Type::Array(inner) | Type::Map(inner) => stack.push(*inner),
            Type::Named(name) if seen.insert(name.clone()) => {
                if let Some(fields) = data.types.get(&name).and_then(|t| t.object.as_ref()) {
                    stack.extend(fields.iter().map(|(_, f)| field_type(f)));
                }
                if let Some(target) = data.types.get(&name).and_then(|t| t.alias.as_ref()) {
                    stack.push(type_expr(target, None));
                }
            }
            _ => {}
        }
    }
    seen
}

/// Boxes the fields that close a cycle of objects holding each other directly
/// (`Option` is no indirection; `Vec` and maps are). A depth-first walk in
/// declaration order boxes each field that leads back to a type still being
/// walked: that breaks every cycle, and the same schema always boxes the same fields.
fn box_cycles(types: &mut [TypeDecl]) {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        Walking,
        Done,
    }
    fn walk(
        types: &[TypeDecl],
        at: usize,
        state: &mut [State],
        boxed: &mut BTreeSet<(usize, usize)>,
    ) {
        state[at] = State::Walking;
        if let TypeKind::Object(fields) = &types[at].kind {
            for (i, field) in fields.iter().enumerate() {
                let Type::Named(name) = &field.ty else {
                    continue;
                };
                let Some(next) = types.iter().position(|t| t.name == *name) else {
                    continue;
                };
                match state[next] {
                    State::Walking => {
                        boxed.insert((at, i));
                    }
                    State::New => walk(types, next, state, boxed),
                    State::Done => {}
                }
            }
        }
        state[at] = State::Done;
    }
    let mut state = vec![State::New; types.len()];
    let mut boxed = BTreeSet::new();
    for at in 0..types.len() {
        if state[at] == State::New {
            walk(types, at, &mut state, &mut boxed);
        }
    }
    for (at, i) in boxed {
        if let TypeKind::Object(fields) = &mut types[at].kind {
            fields[i].boxed = true;
        }
    }
}

fn type_kind(def: &schema::TypeDef) -> TypeKind {
    if let Some(fields) = &def.object {
        return TypeKind::Object(
            fields
                .iter()
                .map(|(w, f)| field(w, f, FieldRole::Object))
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
        return TypeKind::Alias(type_expr(target, None));
    }
    TypeKind::Union(
        def.union
            .iter()
            .flatten()
            .map(|v| UnionVariant {
                variant: v.name.clone(),
                ty: type_expr(&v.ty, None),
                doc: v.doc.clone(),
            })
            .collect(),
    )
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

fn type_expr(ty: &TypeExpr, format: Option<&str>) -> Type {
    match ty {
        TypeExpr::Name(name) => match (name.as_str(), format) {
            ("string", Some("date-time")) => Type::DateTime,
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
    }
}

fn field_type(def: &FieldDef) -> Type {
    type_expr(&def.ty, def.format.as_deref())
}

fn field(wire: &str, def: &FieldDef, role: FieldRole) -> Field {
    let integer = matches!(&def.ty, TypeExpr::Name(n) if n == "integer");
    let bound =
        |value: &Option<Scalar>| value.as_ref().and_then(|v| numeric_bound(v, integer).ok());
    Field {
        wire: wire.to_string(),
        rust: names::field(wire, def.rust_name.as_deref(), role),
        doc: def.doc.clone(),
        ty: field_type(def),
        required: def.required,
        nullable: def.nullable,
        deprecated: def.deprecated.clone(),
        default: def.default.as_ref().map(scalar_text),
        constraints: Constraints {
            minimum: bound(&def.minimum),
            maximum: bound(&def.maximum),
            min_length: def.min_length,
            max_length: def.max_length,
        },
        boxed: false,
        comma_separated: def.style.as_deref() == Some("comma"),
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
    let response = match (&def.response.page, &def.response.result, &def.response.raw) {
        (Some(page), _, _) => Response::Page {
            item: page.item.clone(),
            info: page.result_info.clone(),
        },
        (None, Some(ty), _) => Response::Result(type_expr(ty, None)),
        (None, None, Some(ty)) => Response::Raw(type_expr(ty, None)),
        (None, None, None) => Response::Raw(Type::Json),
    };
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
        .map(|style| Pagination {
            page_field: rust_of(&style.page_param),
            per_page_field: rust_of(&style.per_page_param),
            info_page: info_of(&style.info_page),
            info_per_page: info_of(&style.info_per_page),
            info_total_count: info_of(&style.info_total_count),
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
        pagination,
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
        BodyKind::JsonValue(body_field(def, type_expr(ty, None)))
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
    }
}
