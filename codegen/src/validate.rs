//! Stage 2: every rule the serde types cannot express, with the file, line,
//! column and item of each break. All problems are reported, not just the first.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::{suggestion, Diagnostic, Error};
use crate::load::{LoadedSchema, Source};
use crate::model::{Bound, MAX_QUERY_DEPTH, MAX_QUERY_KEYS};
use crate::names::{self, FieldRole};
use crate::ordered_map::OrderedMap;
use crate::resolve::TypeIndex;
use crate::schema::{
    ApiFile, EnumValueDef, FieldDef, OperationDef, ResourceFile, Rules, Scalar, TypeDef, TypeExpr,
};

/// Scalar type names a `type:` may use besides the file's own named types.
pub const SCALARS: &[&str] = &["boolean", "integer", "number", "string", "json"];

/// Names the generated code uses unqualified (the prelude) or for its own
/// local items; a schema type of the same name would shadow them.
pub const RESERVED_TYPE_NAMES: &[&str] = &[
    // Generic parameters of the generated serde impls.
    "A",
    "D",
    "E",
    "S",
    "AsMut",
    "AsRef",
    "Box",
    "Clone",
    "Copy",
    "Debug",
    "Default",
    "Drop",
    "Eq",
    "Err",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "FromIterator",
    "Hash",
    "Into",
    "IntoIterator",
    "Iterator",
    "Key",
    "KeyVisitor",
    "None",
    "ObjectVisitor",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Send",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Unpin",
    "ValueVisitor",
    "Vec",
];

const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE"];

/// Names cargo or rustc would refuse or confuse as the generated crate's name.
const RESERVED_CRATE_NAMES: &[&str] = &[
    "alloc",
    "core",
    "proc_macro",
    "std",
    "test",
    "self",
    "crate",
    "super",
];

/// Headers the HTTP client writes itself; a credential may not set them.
const RESERVED_HEADERS: &[&str] = &[
    "Connection",
    "Content-Length",
    "Content-Type",
    "Host",
    "Transfer-Encoding",
    "User-Agent",
    "Upgrade",
    "TE",
    "Trailer",
    "Keep-Alive",
    "Proxy-Connection",
];

/// The most values an enum may list: each is a variant and two match arms,
/// so a huge enum is slow to generate and compile, and no real API has one.
pub const MAX_ENUM_VALUES: usize = 2048;

const MAX_TIMEOUT_SECONDS: u64 = 3600;
const MAX_RETRIES: u32 = 10;

/// An RFC 3986 `pchar` other than a percent-escape.
fn is_path_literal_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@".contains(&b)
}

/// An RFC 9110 `tchar`.
fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// An absolute `http`/`https` URL with a host, and nothing that changes where
/// requests go or what they carry: no user info, query, fragment, `.`/`..`
/// segment or percent-escape.
fn check_base_url(url: &str) -> Result<(), String> {
    let parsed: http::Uri = url
        .parse()
        .map_err(|e| format!("{url:?} is not a URL ({e})"))?;
    if !matches!(parsed.scheme_str(), Some("https" | "http")) {
        return Err(format!("{url:?} must start with https:// or http://"));
    }
    let authority = parsed.authority().map(|a| a.as_str()).unwrap_or("");
    if authority.is_empty() || parsed.host().is_none_or(str::is_empty) {
        return Err(format!("{url:?} has no host"));
    }
    if authority.contains('@') {
        return Err(format!(
            "{url:?} holds user info; credentials belong in `auth`"
        ));
    }
    if url.contains(['?', '#', '%', '\\']) {
        return Err(format!(
            "{url:?} may not hold a query, fragment, percent-escape or backslash"
        ));
    }
    if parsed
        .path()
        .split('/')
        .any(|segment| segment == "." || segment == "..")
    {
        return Err(format!("{url:?} has a `.` or `..` segment"));
    }
    Ok(())
}

/// Checks the loaded schema; `Ok` means the model can be built without surprises.
pub fn validate(schema: &LoadedSchema) -> Result<(), Error> {
    let mut out = Vec::new();
    check_api(&schema.api, &mut out);
    let mut handles = BTreeMap::new();
    let index = TypeIndex::new(&schema.resources);
    let shared_names = index.shared_names();
    let shared: BTreeSet<&str> = shared_names.iter().map(String::as_str).collect();
    for resource in &schema.resources {
        check_resource(&schema.api, resource, &index, &shared, &mut out);
        check_links(resource, &index, &mut out);
        check_group(&schema.api, resource, &mut out);
        for part in module_path(&resource.file) {
            if RESERVED_TYPE_NAMES.contains(&names::camel(part).as_str()) {
                out.push(resource.error("", format!("`{part}` gives the handle type `{}`, a reserved name; rename the file or directory", names::camel(part))));
            }
        }
        check_module_names(&schema.resources, resource, &mut out);
        // Module names must differ after case conversion too (`pet-store` vs `pet_store`).
        let module: Vec<String> = module_path(&resource.file)
            .iter()
            .map(|s| names::module(s))
            .collect();
        if let Some(other) = handles.insert(module.join("::"), resource.file.clone()) {
            out.push(resource.error("", format!("gives the same module as {other}")));
        }
    }
    check_default_groups(schema, &mut out);
    if out.is_empty() {
        Ok(())
    } else {
        Err(Error::Schema(out))
    }
}

/// Each group (top-level directory or file) is a cargo feature: its name must
/// not be one of the runtime's, and `sdk.default_groups` names groups that exist.
fn check_default_groups(schema: &LoadedSchema, out: &mut Vec<Diagnostic>) {
    let groups: BTreeSet<&str> = schema
        .resources
        .iter()
        .filter_map(|r| module_path(&r.file).first().copied())
        .collect();
    for group in &groups {
        let feature = names::feature(&names::module(group));
        if RUNTIME_FEATURES.contains(&feature.as_str()) {
            out.push(schema.api.error(
                "groups",
                format!("`{group}` would be the cargo feature `{feature}`, which the runtime uses; rename the directory"),
            ));
        }
    }
    for (i, name) in schema
        .api
        .data
        .sdk
        .default_groups
        .iter()
        .flatten()
        .enumerate()
    {
        if !groups.contains(name.as_str()) {
            out.push(schema.api.error(
                &format!("sdk.default_groups[{i}]"),
                format!("`{name}` is not a group: name a top-level directory (or file) of schema/"),
            ));
        }
    }
}

/// Cargo features of the generated crate that no group may be named.
const RUNTIME_FEATURES: &[&str] = &["default", "rustls", "native-tls", "tracing"];

/// A module's name becomes a method of its parent's handle (and of `Client` at
/// the top): it must not be one the handle already has.
fn check_module_names(
    resources: &[Source<ResourceFile>],
    resource: &Source<ResourceFile>,
    out: &mut Vec<Diagnostic>,
) {
    let path = module_path(&resource.file);
    for (depth, part) in path.iter().enumerate() {
        let name = names::module(part);
        let reserved = if depth == 0 {
            names::ROOT_MODULE_NAMES
        } else {
            names::HANDLE_METHODS
        };
        if reserved.contains(&name.as_str()) {
            out.push(resource.error(
                "",
                format!("`{part}` gives the module `{name}`, a name the generated code uses for its own item or method; rename the file or directory"),
            ));
        }
    }
    // Children of this resource's module are accessors on the same handle as its operations.
    let methods = operation_methods(&resource.data);
    let mut reported = BTreeSet::new();
    for other in files_below(resources, &resource.file) {
        let other_path = module_path(&other.file);
        if other_path.len() > path.len() && other_path[..path.len()] == path[..] {
            let child = names::module(other_path[path.len()]);
            if let Some(op) = methods.get(&child) {
                if reported.insert(child.clone()) {
                    out.push(resource.error(
                        &format!("operations.{op}"),
                        format!("gives the method `{child}`, which is also the accessor of the module `{child}`; rename the operation"),
                    ));
                }
            }
        }
    }
}

/// The files in directories below `file`'s module (`store/items/*.yaml`
/// and deeper for `store/items.yaml`), in `resources`' order. Files sorted by
/// path (as `load` gives them) have them in one run, found by binary search:
/// scanning every file for every file is quadratic in a large API.
fn files_below<'a>(
    resources: &'a [Source<ResourceFile>],
    file: &str,
) -> impl Iterator<Item = &'a Source<ResourceFile>> {
    let prefix = format!("{}/", file.strip_suffix(".yaml").unwrap_or(file));
    let run = if resources.is_sorted_by(|a, b| a.file <= b.file) {
        let start = resources.partition_point(|r| r.file.as_str() < prefix.as_str());
        let len = resources[start..]
            .iter()
            .take_while(|r| r.file.starts_with(&prefix))
            .count();
        &resources[start..start + len]
    } else {
        resources
    };
    run.iter().filter(move |r| r.file.starts_with(&prefix))
}

/// Every method an operation adds to its handle, with the operation that adds it.
fn operation_methods(data: &ResourceFile) -> BTreeMap<String, String> {
    let mut methods = BTreeMap::new();
    for (name, op) in data.operations.iter() {
        methods.insert(names::snake(name), name.clone());
        if op.pagination.is_some() {
            methods.insert(format!("{}_auto_paging", names::snake(name)), name.clone());
        }
    }
    methods
}

/// `store/items.yaml` -> `["store", "items"]`.
pub fn module_path(file: &str) -> Vec<&str> {
    let stem = file.strip_suffix(".yaml").unwrap_or(file);
    stem.split('/').collect()
}

fn check_api(api: &Source<ApiFile>, out: &mut Vec<Diagnostic>) {
    let data = &api.data;
    let name = &data.sdk.crate_name;
    let name_ok = name.len() <= 64
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        && !RESERVED_CRATE_NAMES.contains(&name.replace('-', "_").as_str())
        && names::snake(name) == name.replace('-', "_");
    if !name_ok {
        out.push(api.error(
            "sdk.crate_name",
            format!("`{name}` is not a crate name (a lowercase letter, then lowercase letters, digits, `-`, `_`; at most 64; not a keyword or a standard crate)"),
        ));
    }
    // Written into Cargo.toml, where the toml serializer keeps tabs, C1 controls
    // and bidi characters as they are.
    if let Some(c) = data
        .sdk
        .description
        .chars()
        .find(|c| (c.is_control() && *c != '\n') || crate::emit::is_bidi_control(*c))
    {
        out.push(api.error(
            "sdk.description",
            format!(
                "holds {:?}, a control or bidi character that would hide text in Cargo.toml",
                c
            ),
        ));
    }
    if let Err(error) = semver::Version::parse(&data.sdk.version) {
        out.push(api.error(
            "sdk.version",
            format!(
                "`{}` is not a semantic version such as 1.2.3 ({error})",
                data.sdk.version
            ),
        ));
    }
    if let Some(license) = &data.sdk.license {
        let ok = !license.trim().is_empty()
            && license
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || " .+-()".contains(c));
        if !ok {
            out.push(api.error(
                "sdk.license",
                format!(
                    "{license:?} is not an SPDX license expression such as `MIT OR Apache-2.0`"
                ),
            ));
        }
    }
    let agent = &data.sdk.user_agent;
    if agent.is_empty() || !agent.bytes().all(is_token_byte) {
        out.push(api.error(
            "sdk.user_agent",
            format!("{agent:?} is not a product token (letters, digits and !#$%&'*+-.^_`|~)"),
        ));
    }
    if let Err(message) = check_base_url(&data.base_url.default) {
        out.push(api.error("base_url.default", message));
    }
    let env_names = data
        .base_url
        .env
        .iter()
        .map(|env| ("base_url.env".to_string(), env));
    let env_names = env_names.chain(data.auth.iter().enumerate().flat_map(|(i, scheme)| {
        scheme
            .credentials
            .iter()
            .enumerate()
            .filter_map(move |(j, c)| {
                c.env
                    .as_ref()
                    .map(|env| (format!("auth[{i}].credentials[{j}].env"), env))
            })
    }));
    for (item, env) in env_names {
        let ok = env.starts_with(|c: char| c.is_ascii_uppercase() || c == '_')
            && env
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
        if !ok {
            out.push(api.error(
                &item,
                format!("{env:?} is not an environment variable name (A-Z, 0-9, `_`)"),
            ));
        }
    }
    let defaults = &data.client_defaults;
    if !(1..=MAX_TIMEOUT_SECONDS).contains(&defaults.timeout_seconds) {
        out.push(api.error(
            "client_defaults.timeout_seconds",
            format!(
                "{} is outside 1..={MAX_TIMEOUT_SECONDS}",
                defaults.timeout_seconds
            ),
        ));
    }
    if defaults.max_retries > MAX_RETRIES {
        out.push(api.error(
            "client_defaults.max_retries",
            format!("{} is above {MAX_RETRIES}", defaults.max_retries),
        ));
    }
    if !matches!(data.envelope.as_str(), "cloudflare_v4" | "none") {
        out.push(api.error(
            "envelope",
            format!(
                "unknown envelope `{}`; the runtime knows `cloudflare_v4` and `none`",
                data.envelope
            ),
        ));
    }
    if !matches!(data.query_style.arrays.as_str(), "repeat" | "brackets") {
        out.push(api.error(
            "query_style.arrays",
            format!(
                "`{}` is not one of: repeat, brackets{}",
                data.query_style.arrays,
                suggestion(&data.query_style.arrays, &["repeat", "brackets"])
            ),
        ));
    }
    if !matches!(data.query_style.nesting.as_str(), "dots" | "brackets") {
        out.push(api.error(
            "query_style.nesting",
            format!(
                "`{}` is not one of: dots, brackets{}",
                data.query_style.nesting,
                suggestion(&data.query_style.nesting, &["dots", "brackets"])
            ),
        ));
    }
    if data.auth.is_empty() {
        out.push(api.error("auth", "at least one auth scheme is needed"));
    }
    let mut setters = BTreeSet::new();
    for (i, scheme) in data.auth.iter().enumerate() {
        let item = format!("auth[{i}]");
        if scheme.credentials.is_empty() {
            out.push(api.error(&item, "an auth scheme needs at least one credential"));
        }
        for (j, credential) in scheme.credentials.iter().enumerate() {
            let item = format!("{item}.credentials[{j}]");
            if names::snake(&credential.name) != credential.name {
                out.push(api.error(
                    &item,
                    format!(
                        "credential name `{}` is not a snake_case identifier",
                        credential.name
                    ),
                ));
            }
            if names::CLIENT_BUILDER_NAMES.contains(&credential.name.as_str()) {
                out.push(api.error(
                    &format!("{item}.name"),
                    format!(
                        "`{}` is already a method or field of the client builder; rename the credential",
                        credential.name
                    ),
                ));
            }
            if !setters.insert(credential.name.clone()) {
                out.push(api.error(
                    &item,
                    format!("credential `{}` is declared twice", credential.name),
                ));
            }
            let header_ok = !credential.header.is_empty()
                && credential
                    .header
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-');
            if !header_ok {
                out.push(api.error(
                    &item,
                    format!("{:?} is not a header name", credential.header),
                ));
            } else if RESERVED_HEADERS
                .iter()
                .any(|h| h.eq_ignore_ascii_case(&credential.header))
            {
                out.push(api.error(
                    &item,
                    format!(
                        "`{}` is set by the HTTP client; a credential cannot use it",
                        credential.header
                    ),
                ));
            }
            if !credential.prefix.bytes().all(|b| (0x20..0x7f).contains(&b)) {
                out.push(api.error(
                    &format!("{item}.prefix"),
                    format!(
                        "{:?} may only hold printable ASCII: it is sent in a header",
                        credential.prefix
                    ),
                ));
            }
        }
    }
    for (name, style) in data.pagination.iter() {
        if names::snake(name) != *name {
            out.push(api.error(
                &format!("pagination.{name}"),
                "a pagination style name must be snake_case",
            ));
        }
        let page_keys = [
            style.page_param.is_some(),
            style.per_page_param.is_some(),
            style.info_page.is_some(),
            style.info_per_page.is_some(),
            style.info_total_count.is_some(),
        ];
        let page_number = page_keys.iter().all(|k| *k);
        let cursor = style.cursor.is_some() && !page_keys.iter().any(|k| *k);
        if !page_number && !cursor {
            out.push(api.error(
                &format!("pagination.{name}"),
                "a pagination style needs either all of page_param, per_page_param, info_page, info_per_page, info_total_count (page numbers), or `cursor:` alone",
            ));
        }
    }
}

/// Every directory that holds a resource needs a group doc in `api.yaml`.
fn check_group(api: &Source<ApiFile>, resource: &Source<ResourceFile>, out: &mut Vec<Diagnostic>) {
    let parts = module_path(&resource.file);
    for depth in 1..parts.len() {
        let group = parts[..depth].join("/");
        if api.data.groups.get(&group).is_none() {
            out.push(resource.error(
                "",
                format!("directory `{group}` has no entry under `groups` in api.yaml"),
            ));
        }
    }
}

fn check_resource(
    api: &Source<ApiFile>,
    file: &Source<ResourceFile>,
    index: &TypeIndex<'_>,
    shared: &BTreeSet<&str>,
    out: &mut Vec<Diagnostic>,
) {
    let data = &file.data;
    // Every file's types as `group.resource.Type` (a copy, not a rebuild),
    // and this file's by name.
    let mut type_names: BTreeSet<&str> = shared.clone();
    type_names.extend(data.types.iter().map(|(n, _)| n.as_str()));
    let mut rust_types = BTreeMap::new();
    for (name, def) in data.types.iter() {
        let item = format!("types.{name}");
        if !names::is_camel_ident(name) {
            out.push(file.error(
                &item,
                format!(
                    "type name `{name}` is not UpperCamelCase (try `{}`)",
                    names::camel(name)
                ),
            ));
        }
        rust_types.insert(name.clone(), item.clone());
        check_type(file, &item, def, &type_names, out);
    }
    for (name, _) in data.types.iter() {
        if RESERVED_TYPE_NAMES.contains(&name.as_str()) {
            out.push(file.error(
                &format!("types.{name}"),
                format!("`{name}` is reserved: the generated code uses it for a standard item"),
            ));
        }
    }
    for (op_name, op) in data.operations.iter() {
        if RESERVED_TYPE_NAMES.contains(&op.params_type.as_str()) {
            out.push(file.error(
                &format!("operations.{op_name}.params_type"),
                format!(
                    "`{}` is reserved: the generated code uses it for a standard item",
                    op.params_type
                ),
            ));
        }
    }
    // The module also holds the resource handle and each params builder.
    let handle = names::camel(module_path(&file.file).last().copied().unwrap_or_default());
    rust_types.entry(handle.clone()).or_insert_with(String::new);
    for (name, _) in data.types.iter() {
        if *name == handle {
            out.push(file.error(
                &format!("types.{name}"),
                format!("`{name}` is the name of this resource's handle type; rename the type"),
            ));
        }
    }
    for (op_name, op) in data.operations.iter() {
        let builder = format!("{}Builder", op.params_type);
        if type_names.contains(builder.as_str()) || builder == handle {
            out.push(file.error(
                &format!("operations.{op_name}.params_type"),
                format!("`{builder}` (the params builder) is already a type name"),
            ));
        }
    }
    let mut methods = BTreeSet::new();
    for (name, op) in data.operations.iter() {
        let item = format!("operations.{name}");
        if names::snake(name) != *name {
            out.push(file.error(&item, format!("operation name `{name}` is not snake_case")));
        }
        if !methods.insert(names::snake(name)) {
            out.push(file.error(&item, "two operations have the same method name"));
        }
        if names::HANDLE_METHODS.contains(&names::snake(name).as_str()) {
            out.push(file.error(
                &item,
                format!("`{name}` is a method every resource handle has; rename the operation"),
            ));
        }
        if op.pagination.is_some() {
            let paging = format!("{}_auto_paging", names::snake(name));
            if data.operations.get(&paging).is_some() {
                out.push(file.error(
                    &format!("operations.{paging}"),
                    format!(
                        "`{paging}` is the auto-paging method of `{name}`; rename the operation"
                    ),
                ));
            }
        }
        if let Some(other) = rust_types.insert(op.params_type.clone(), item.clone()) {
            let other = if other.is_empty() {
                "this resource's handle type".to_string()
            } else {
                other
            };
            out.push(file.error(
                &format!("{item}.params_type"),
                format!("`{}` is already used by {other}", op.params_type),
            ));
        }
        if !names::is_camel_ident(&op.params_type) {
            out.push(file.error(
                &format!("{item}.params_type"),
                format!("`{}` is not UpperCamelCase", op.params_type),
            ));
        }
        check_operation(api, file, &item, op, &type_names, index, out);
        check_request(api, file, &item, op, &type_names, index, out);
    }
}

fn check_type(
    file: &Source<ResourceFile>,
    item: &str,
    def: &TypeDef,
    type_names: &BTreeSet<&str>,
    out: &mut Vec<Diagnostic>,
) {
    let kinds = [
        def.object.is_some() || def.all_of.is_some(),
        def.string_enum.is_some(),
        def.number_enum.is_some(),
        def.union.is_some(),
        def.alias.is_some(),
    ];
    if kinds.iter().filter(|k| **k).count() != 1 {
        out.push(file.error(
            item,
            "a type needs exactly one of: object (or all_of, or both), string_enum, number_enum, union, alias",
        ));
        return;
    }
    if let Some(target) = &def.alias {
        let at = format!("{item}.alias");
        if check_type_expr(file, &at, target, type_names, out) {
            let mut inner = target;
            while let TypeExpr::Array { array: next }
            | TypeExpr::Map { map: next }
            | TypeExpr::Nullable { nullable: next } = inner
            {
                inner = next;
            }
            if let TypeExpr::Name(n) = inner {
                if file.data.types.get(n).is_some_and(|t| t.alias.is_some()) {
                    out.push(file.error(
                        &at,
                        format!("`{n}` is an alias itself; name its target instead"),
                    ));
                }
            }
        }
    }
    if let Some(fields) = &def.object {
        check_fields(
            file,
            &format!("{item}.object"),
            fields.iter(),
            type_names,
            FieldSet::Object,
            out,
        );
    }
    if let Some(values) = &def.string_enum {
        check_enum(file, &format!("{item}.string_enum"), values, false, out);
    }
    if let Some(values) = &def.number_enum {
        check_enum(file, &format!("{item}.number_enum"), values, true, out);
    }
    if let Some(variants) = &def.union {
        let item = format!("{item}.union");
        if variants.is_empty() {
            out.push(file.error(&item, "a union needs at least one variant"));
        }
        let mut seen_names = BTreeSet::new();
        let mut seen_types = BTreeSet::new();
        for (i, variant) in variants.iter().enumerate() {
            let item = format!("{item}[{i}]");
            let rules = variant.rules(variant.format.clone());
            if !rules.is_empty() {
                check_rules(file, &item, &variant.ty, &rules, type_names, out);
            }
            if !names::is_camel_ident(&variant.name) || !seen_names.insert(variant.name.clone()) {
                out.push(file.error(
                    &item,
                    format!(
                        "variant name `{}` is not a unique UpperCamelCase name",
                        variant.name
                    ),
                ));
            }
            // Object and array variants are checked by `check_links`.
            if let TypeExpr::Name(n) = &variant.ty {
                let scalar = matches!(n.as_str(), "string" | "number" | "integer" | "boolean");
                if scalar && !seen_types.insert(n.clone()) {
                    out.push(file.error(
                        &item,
                        format!("two variants hold `{n}`; a value could not tell them apart"),
                    ));
                }
            }
        }
        if seen_types.contains("number") && seen_types.contains("integer") {
            out.push(file.error(&item, "a union cannot hold both number and integer"));
        }
    }
}

fn check_enum(
    file: &Source<ResourceFile>,
    item: &str,
    values: &[EnumValueDef],
    numeric: bool,
    out: &mut Vec<Diagnostic>,
) {
    if values.is_empty() {
        out.push(file.error(item, "an enum needs at least one value"));
    }
    if values.len() > MAX_ENUM_VALUES {
        out.push(file.error(
            item,
            format!(
                "{} values; an enum may list at most {MAX_ENUM_VALUES}",
                values.len()
            ),
        ));
        return;
    }
    let mut wires = BTreeSet::new();
    let mut variants: BTreeMap<String, String> = BTreeMap::new();
    for (i, value) in values.iter().enumerate() {
        let item = format!("{item}[{i}]");
        let (scalar, name) = match value {
            EnumValueDef::Bare(s) => (s, None),
            EnumValueDef::Full(full) => (&full.value, full.name.as_ref()),
        };
        let wire = match (scalar, numeric) {
            (Scalar::Str(s), false) => s.clone(),
            (Scalar::Int(n), true) => n.to_string(),
            (Scalar::UInt(n), true) => n.to_string(),
            // Beyond 2^53 an `f64` no longer holds every integer: two values
            // written apart could be one number. Integers there must be literals.
            (Scalar::Float(n), true) if n.is_finite() && n.abs() > 9_007_199_254_740_992.0 => {
                out.push(file.error(
                    &item,
                    format!("{n} is not exact; write an integer literal within i64 or u64"),
                ));
                continue;
            }
            (Scalar::Float(n), true) if n.is_finite() => n.to_string(),
            (_, true) => {
                out.push(file.error(&item, "a number_enum value must be a number"));
                continue;
            }
            (_, false) => {
                out.push(file.error(&item, "a string_enum value must be a string (quote it)"));
                continue;
            }
        };
        if !wires.insert(wire.clone()) {
            out.push(file.error(&item, format!("value `{wire}` is listed twice")));
        }
        let variant = match name {
            Some(name) => {
                if !names::is_camel_ident(name) || name == "Unknown" {
                    out.push(file.error(&item, format!("variant name `{name}` is not an UpperCamelCase name other than Unknown")));
                }
                name.clone()
            }
            None => names::camel(&wire),
        };
        if variant == "Unknown" && name.is_none() {
            out.push(file.error(
                &item,
                "value `unknown` needs a `name:` (Unknown is the catch-all variant)",
            ));
        }
        if let Some(other) = variants.insert(variant.clone(), wire.clone()) {
            out.push(file.error(&item, format!("values `{other}` and `{wire}` both become variant `{variant}`; give one a `name:`")));
        }
    }
}

/// Where a set of fields sits: the role of each field follows from it.
#[derive(Clone, Copy, PartialEq)]
enum FieldSet {
    Object,
    Query,
    PathParams,
}

/// The role, and so the Rust name rules, of one field of `set`.
fn field_role(set: FieldSet, field: &FieldDef) -> FieldRole {
    match set {
        FieldSet::Object => FieldRole::Object,
        FieldSet::Query => FieldRole::Params,
        FieldSet::PathParams if field.location.as_deref() == Some("argument") => {
            FieldRole::Argument
        }
        FieldSet::PathParams => FieldRole::Params,
    }
}

/// The Rust name `field` gets in `set` (see `names::field`).
fn rust_name(set: FieldSet, wire: &str, field: &FieldDef) -> String {
    names::field(wire, field.rust_name.as_deref(), field_role(set, field))
}

fn check_fields<'a>(
    file: &Source<ResourceFile>,
    item: &str,
    fields: impl Iterator<Item = (&'a String, &'a FieldDef)>,
    type_names: &BTreeSet<&str>,
    set: FieldSet,
    out: &mut Vec<Diagnostic>,
) {
    let mut rust_names: BTreeMap<String, String> = BTreeMap::new();
    for (wire, field) in fields {
        let item = format!("{item}.{wire}");
        let rust = rust_name(set, wire, field);
        if field.rust_name.is_some() && names::snake(&rust) != rust {
            out.push(file.error(
                &format!("{item}.rust_name"),
                format!("rust_name `{rust}` is not a snake_case identifier"),
            ));
        }
        if field.rust_name.is_some()
            && names::reserved_members(field_role(set, field)).contains(&rust.as_str())
        {
            out.push(file.error(
                &format!("{item}.rust_name"),
                format!("`{rust}` is a name the generated code already uses here; choose another rust_name"),
            ));
        }
        if rust == "extra" {
            out.push(file.error(
                &item,
                "`extra` holds unknown fields; give this field a `rust_name:`",
            ));
        }
        if let Some(other) = rust_names.insert(rust.clone(), wire.clone()) {
            out.push(file.error(
                &item,
                format!("`{other}` and `{wire}` both become `{rust}`; give one a `rust_name:`"),
            ));
        }
        if field.style.is_some() && set != FieldSet::Query {
            out.push(file.error(
                &format!("{item}.style"),
                "`style` is only for query parameters",
            ));
        }
        check_field(
            file,
            &item,
            field,
            type_names,
            set == FieldSet::PathParams,
            out,
        );
    }
}

fn check_field(
    file: &Source<ResourceFile>,
    item: &str,
    field: &FieldDef,
    type_names: &BTreeSet<&str>,
    path_param: bool,
    out: &mut Vec<Diagnostic>,
) {
    // One typo in a type is one error: the checks below depend on the type.
    if !check_type_expr(file, &format!("{item}.type"), &field.ty, type_names, out) {
        return;
    }
    // NaN and infinities have no literal and no meaning as a default (bounds: `numeric_bound`).
    // `default: null` of a nullable field says the API fills in nothing.
    let default = field
        .default
        .as_ref()
        .filter(|d| !(d.is_null() && field.nullable))
        .map(scalar_of);
    if matches!(default, Some(Some(Scalar::Float(n))) if !n.is_finite()) {
        out.push(file.error(
            &format!("{item}.default"),
            "default must be a finite number",
        ));
        return;
    }
    let base = match &field.ty {
        TypeExpr::Name(n) => n.as_str(),
        _ => "",
    };
    match field.format.as_deref() {
        None => {}
        Some(format) if FORMATS.contains(&format) && base == "string" => {}
        Some(format) if FORMATS.contains(&format) => {
            out.push(file.error(item, format!("format {format} needs type string")))
        }
        Some(other) => out.push(file.error(
            item,
            format!(
                "unknown format `{other}`; known: {}{}",
                FORMATS.join(", "),
                suggestion(other, FORMATS)
            ),
        )),
    }
    check_constraints(file, item, field, base, out);
    if let Some(only) = field.constant {
        if base != "boolean" {
            out.push(file.error(&format!("{item}.const"), "const needs type boolean"));
        } else if field
            .default
            .as_ref()
            .is_some_and(|d| d.as_bool() != Some(only))
        {
            out.push(file.error(
                &format!("{item}.default"),
                format!("default is not {only}, the only value const allows"),
            ));
        }
    }
    if let Some(rules) = &field.items {
        check_item_rules(
            file,
            &format!("{item}.items"),
            field,
            rules,
            type_names,
            out,
        );
    }
    if let Some(rules) = &field.values {
        let item = format!("{item}.values");
        match &field.ty {
            TypeExpr::Map { map } => check_rules(file, &item, map, rules, type_names, out),
            _ => out.push(file.error(&item, "values needs a map type")),
        }
    }
    if let Some(sets) = &field.any_of {
        let item = format!("{item}.any_of");
        if !matches!(base, "string" | "integer" | "number") || field.format.is_some() {
            out.push(file.error(
                &item,
                "any_of needs type string, integer or number (without a format)",
            ));
        } else if sets.len() < 2 {
            out.push(file.error(&item, "any_of needs at least 2 rule sets"));
        } else {
            for (i, set) in sets.iter().enumerate() {
                let item = format!("{item}[{i}]");
                if set.any_of.is_some() {
                    out.push(file.error(&item, "any_of cannot hold another any_of"));
                } else {
                    check_rules(file, &item, &field.ty, set, type_names, out);
                }
            }
        }
    }
    let numeric = matches!(base, "integer" | "number");
    if (field.minimum.is_some() || field.maximum.is_some()) && !numeric {
        out.push(file.error(item, "minimum and maximum need type integer or number"));
    }
    let mut bounds = [None, None];
    if numeric {
        for (slot, (value, name)) in bounds
            .iter_mut()
            .zip([(&field.minimum, "minimum"), (&field.maximum, "maximum")])
        {
            match value.as_ref().map(|v| numeric_bound(v, base == "integer")) {
                Some(Ok(bound)) => *slot = Some(bound),
                Some(Err(message)) => {
                    out.push(file.error(&format!("{item}.{name}"), format!("{name} {message}")))
                }
                None => {}
            }
        }
    }
    let [minimum, maximum] = bounds;
    if let (Some(min), Some(max)) = (minimum, maximum) {
        if max < min {
            out.push(file.error(item, format!("maximum {max} is below minimum {min}")));
        }
    }
    let text = is_text(field);
    if (field.min_length.is_some() || field.max_length.is_some()) && !text {
        out.push(file.error(item, "min_length and max_length need type string"));
    }
    if let (Some(min), Some(max)) = (field.min_length, field.max_length) {
        if max < min {
            out.push(file.error(item, format!("max_length {max} is below min_length {min}")));
        }
    }
    let scalar_base = matches!(base, "integer" | "boolean" | "string" | "number");
    if let (Some(None), true) = (&default, scalar_base) {
        out.push(file.error(item, format!("default does not match type `{base}`")));
    }
    if let Some(Some(default)) = default.as_ref().filter(|_| scalar_base) {
        let fits = matches!(
            (base, default),
            ("integer", Scalar::Int(_))
                | ("boolean", Scalar::Bool(_))
                | ("string", Scalar::Str(_))
                | (
                    "number",
                    Scalar::Int(_) | Scalar::UInt(_) | Scalar::Float(_)
                )
        );
        if !fits {
            out.push(file.error(item, format!("default does not match type `{base}`")));
        }
        let value = match default {
            Scalar::Int(n) => Some(Bound::Integer(*n)),
            Scalar::Float(n) => Some(Bound::Number(*n)),
            _ => None,
        };
        if let Some(value) = value.filter(|_| fits) {
            let bounds_agree = !matches!((minimum, maximum), (Some(min), Some(max)) if max < min);
            if bounds_agree
                && (minimum.is_some_and(|m| value < m) || maximum.is_some_and(|m| m < value))
            {
                out.push(file.error(item, format!("default {value} is outside minimum/maximum")));
            }
        }
    }
    if path_param {
        // One segment of text: a string (formats `build()` checks), an integer
        // or a string enum (checked where the operation's types are known).
        let typed_format = field
            .format
            .as_deref()
            .is_some_and(|f| TYPED_FORMATS.contains(&f));
        let named =
            matches!(&field.ty, TypeExpr::Name(_)) && !SCALARS.contains(&base) && base != "file";
        if !(matches!(base, "string" | "integer") || named) || typed_format {
            out.push(file.error(
                item,
                "a path parameter must be a string (formats: uuid, uri, email, hostname), an integer or a string enum",
            ));
        }
        if !matches!(field.location.as_deref(), Some("argument" | "params")) {
            out.push(file.error(
                item,
                "a path parameter needs `in: argument` or `in: params`",
            ));
        }
        if field.nullable {
            out.push(file.error(item, "a path parameter cannot be nullable"));
        }
    } else if field.location.is_some() {
        out.push(file.error(item, "`in:` is only for path parameters"));
    }
}

/// `items:` of an array: the rules a field of the item type could have, its
/// format checked on the text.
fn check_item_rules(
    file: &Source<ResourceFile>,
    item: &str,
    field: &FieldDef,
    rules: &Rules,
    type_names: &BTreeSet<&str>,
    out: &mut Vec<Diagnostic>,
) {
    let inner = match &field.ty {
        // Null items are skipped: the rules hold for the others.
        TypeExpr::Array { array } => array.non_null(),
        _ => {
            out.push(file.error(item, "items needs an array type"));
            return;
        }
    };
    let rulable = match inner {
        TypeExpr::Name(n) => matches!(n.as_str(), "string" | "integer" | "number"),
        TypeExpr::Array { .. } | TypeExpr::Map { .. } => true,
        // `{nullable: {nullable: T}}` is refused where the type is read.
        TypeExpr::Nullable { .. } => false,
    };
    if !rulable {
        out.push(file.error(
            item,
            "items needs an array of string, integer, number, arrays or maps",
        ));
        return;
    }
    check_rules(file, item, inner, rules, type_names, out);
}

/// The rules of a value that is not a field of its own (an array's items, a
/// map's values, an `any_of` set, a union member, a `json_type` body): those
/// a field of type `ty` takes, its format checked on the text.
pub(crate) fn check_rules(
    file: &Source<ResourceFile>,
    item: &str,
    ty: &TypeExpr,
    rules: &Rules,
    type_names: &BTreeSet<&str>,
    out: &mut Vec<Diagnostic>,
) {
    // A null item or map value has nothing to check; the rules hold for the rest.
    let ty = ty.non_null();
    if let Some(format) = &rules.format {
        if !FORMATS.contains(&format.as_str()) {
            out.push(file.error(
                &format!("{item}.format"),
                format!(
                    "unknown format `{format}`; known: {}{}",
                    FORMATS.join(", "),
                    suggestion(format, FORMATS)
                ),
            ));
        } else if !matches!(ty, TypeExpr::Name(n) if n == "string") {
            out.push(file.error(
                &format!("{item}.format"),
                format!("format {format} needs type string"),
            ));
        }
    }
    let each = FieldDef {
        ty: ty.clone(),
        format: None,
        doc: String::new(),
        required: false,
        nullable: false,
        deprecated: None,
        default: None,
        location: None,
        rust_name: None,
        style: None,
        constant: None,
        minimum: rules.minimum.clone(),
        maximum: rules.maximum.clone(),
        min_length: rules.min_length,
        max_length: rules.max_length,
        pattern: rules.pattern.clone(),
        min_items: rules.min_items,
        max_items: rules.max_items,
        unique_items: rules.unique_items,
        exclusive_minimum: rules.exclusive_minimum.clone(),
        exclusive_maximum: rules.exclusive_maximum.clone(),
        multiple_of: rules.multiple_of.clone(),
        items: rules.items.as_deref().cloned(),
        values: rules.values.as_deref().cloned(),
        any_of: rules.any_of.clone(),
    };
    check_field(file, item, &each, type_names, false, out);
}

/// A `minimum`/`maximum` as the generated checks compare it: an exact `i64`
/// for an integer field, a finite `f64` for a number field. The error is the
/// message without the bound's name.
pub fn numeric_bound(value: &Scalar, integer: bool) -> Result<Bound, String> {
    /// Integers up to 2^53 are exact in an `f64`.
    const EXACT: f64 = 9_007_199_254_740_992.0;
    match (value, integer) {
        (Scalar::Int(n), true) => Ok(Bound::Integer(*n)),
        (Scalar::UInt(n), true) => Err(format!("{n} is out of the range of an integer (i64)")),
        (Scalar::Float(n), true) if n.fract() == 0.0 && n.abs() <= EXACT => {
            Ok(Bound::Integer(*n as i64))
        }
        (Scalar::Float(n), true) if n.is_finite() && n.fract() == 0.0 => Err(format!(
            "{n} is not exact; write an integer literal within i64"
        )),
        (Scalar::Float(n), true) => Err(format!("{n} of an integer must be a whole number")),
        (Scalar::Int(n), false) => Ok(Bound::Number(*n as f64)),
        (Scalar::UInt(n), false) => Ok(Bound::Number(*n as f64)),
        (Scalar::Float(n), false) if n.is_finite() => Ok(Bound::Number(*n)),
        (Scalar::Float(n), false) => Err(format!("{n} is not a finite number")),
        // `minimum: 1` followed by a line `maximum 50` reads as the text "1 maximum 50".
        (Scalar::Str(text), _) if text.contains(char::is_whitespace) => Err(format!(
            "must be a number, found the text {text:?}: the line below continues this value; is a `:` missing after a key there, or is it indented too far?"
        )),
        (Scalar::Bool(_) | Scalar::Str(_), _) => Err("must be a number".to_string()),
    }
}

/// Whether every type `ty` names exists; each one that does not is reported.
fn check_type_expr(
    file: &Source<ResourceFile>,
    item: &str,
    ty: &TypeExpr,
    type_names: &BTreeSet<&str>,
    out: &mut Vec<Diagnostic>,
) -> bool {
    match ty {
        TypeExpr::Name(n) => {
            if !SCALARS.contains(&n.as_str()) && !type_names.contains(n.as_str()) {
                let known: Vec<&str> = SCALARS
                    .iter()
                    .copied()
                    .chain(type_names.iter().copied())
                    .collect();
                out.push(file.error(
                    item,
                    format!(
                        "unknown type `{n}` (not a scalar: {}; nor a type of this file){}",
                        SCALARS.join(", "),
                        suggestion(n, &known)
                    ),
                ));
                return false;
            }
            true
        }
        TypeExpr::Array { array: inner } | TypeExpr::Map { map: inner } => match &**inner {
            TypeExpr::Nullable { nullable } if matches!(&**nullable, TypeExpr::Name(n) if n == "json") =>
            {
                out.push(file.error(
                    item,
                    "json holds `null` already; write json, not {nullable: json}",
                ));
                false
            }
            TypeExpr::Nullable { nullable } => {
                check_type_expr(file, item, nullable, type_names, out)
            }
            inner => check_type_expr(file, item, inner, type_names, out),
        },
        TypeExpr::Nullable { .. } => {
            out.push(file.error(
                item,
                "{nullable: T} is only for an array's items or a map's values (a field says `nullable: true`)",
            ));
            false
        }
    }
}

fn check_operation(
    api: &Source<ApiFile>,
    file: &Source<ResourceFile>,
    item: &str,
    op: &OperationDef,
    type_names: &BTreeSet<&str>,
    index: &TypeIndex<'_>,
    out: &mut Vec<Diagnostic>,
) {
    if !METHODS.contains(&op.method.as_str()) {
        out.push(file.error(
            &format!("{item}.method"),
            format!(
                "`{}` is not one of: {}{}",
                op.method,
                METHODS.join(", "),
                suggestion(&op.method, METHODS)
            ),
        ));
    }
    // The template's parameters and `path_params` must match one to one.
    match path_template_params(&op.path) {
        Err(message) => out.push(file.error(&format!("{item}.path"), message)),
        Ok(in_template) => {
            for name in &in_template {
                if op.path_params.get(name).is_none() {
                    out.push(file.error(
                        &format!("{item}.path"),
                        format!("`{{{name}}}` has no entry in path_params"),
                    ));
                }
            }
            for (name, _) in op.path_params.iter() {
                if !in_template.contains(name) {
                    out.push(file.error(
                        &format!("{item}.path_params.{name}"),
                        "is not in the path template",
                    ));
                }
            }
        }
    }
    check_fields(
        file,
        &format!("{item}.path_params"),
        op.path_params.iter(),
        type_names,
        FieldSet::PathParams,
        out,
    );
    check_fields(
        file,
        &format!("{item}.query"),
        op.query.iter(),
        type_names,
        FieldSet::Query,
        out,
    );
    for (name, param) in op.query.iter() {
        let mut keys = 0;
        if let Err(message) =
            query_encodable(index, &file.file, &param.ty, &mut Vec::new(), 0, &mut keys)
        {
            out.push(file.error(&format!("{item}.query.{name}"), message));
        }
    }
    for (name, param) in op.path_params.iter() {
        if let TypeExpr::Name(type_name) = &param.ty {
            let kind = index.resolve(&file.file, type_name).map(|(_, def)| def);
            if kind.is_some_and(|def| def.string_enum.is_none()) {
                out.push(file.error(
                    &format!("{item}.path_params.{name}"),
                    format!("`{type_name}` is not a string enum; a path parameter is a string, an integer or a string enum"),
                ));
            }
        }
    }
    // Path parameters in the params struct share its namespace with the query.
    for (name, param) in op.path_params.iter() {
        let rust = rust_name(FieldSet::PathParams, name, param);
        let clash = op
            .query
            .iter()
            .any(|(q, f)| rust_name(FieldSet::Query, q, f) == rust);
        if clash && param.location.as_deref() == Some("params") {
            out.push(file.error(
                &format!("{item}.path_params.{name}"),
                "has the same Rust name as a query parameter",
            ));
        }
    }
    check_response(api, file, item, op, type_names, out);
}

/// The response kind, its types, its statuses and its pagination.
fn check_response(
    api: &Source<ApiFile>,
    file: &Source<ResourceFile>,
    item: &str,
    op: &OperationDef,
    type_names: &BTreeSet<&str>,
    out: &mut Vec<Diagnostic>,
) {
    let response = &op.response;
    let kinds = [
        response.page.is_some(),
        response.result.is_some(),
        response.raw.is_some(),
        response.bytes,
        response.text,
        response.empty,
    ];
    let response_item = format!("{item}.response");
    if kinds.iter().filter(|k| **k).count() != 1 {
        out.push(file.error(
            &response_item,
            "a response needs exactly one of: page, result, raw, bytes, text, empty",
        ));
    }
    if let Some(statuses) = &response.status {
        if statuses.is_empty() {
            out.push(file.error(
                &format!("{response_item}.status"),
                "list at least one status, or leave `status` out",
            ));
        }
        let mut seen = BTreeSet::new();
        for status in statuses {
            if !(200..300).contains(status) {
                out.push(file.error(
                    &format!("{response_item}.status"),
                    format!("{status} is not a success status (200 to 299); errors need no entry"),
                ));
            } else if !seen.insert(*status) {
                out.push(file.error(
                    &format!("{response_item}.status"),
                    format!("{status} is listed twice"),
                ));
            }
        }
    }
    let object = |name: &str| file.data.types.get(name).and_then(|t| t.object.as_ref());
    if let Some(page) = &response.page {
        if api.data.envelope == "none" {
            out.push(file.error(
                &format!("{response_item}.page"),
                "an API with `envelope: none` has no `result` and `result_info` to page through; use `raw:`",
            ));
        }
        check_type_expr(
            file,
            &format!("{response_item}.page.item"),
            &page.item,
            type_names,
            out,
        );
        if object(&page.result_info).is_none() {
            out.push(file.error(
                &format!("{response_item}.page.result_info"),
                format!("`{}` is not an object type of this file", page.result_info),
            ));
        }
    }
    for ty in [&response.result, &response.raw].into_iter().flatten() {
        check_type_expr(file, &response_item, ty, type_names, out);
    }
    if let Some(style_name) = &op.pagination {
        let item = format!("{item}.pagination");
        let Some(style) = api.data.pagination.get(style_name) else {
            out.push(file.error(
                &item,
                format!("no pagination style `{style_name}` in api.yaml"),
            ));
            return;
        };
        let Some(page) = &response.page else {
            out.push(file.error(&item, "pagination needs a `page` response"));
            return;
        };
        let info = object(&page.result_info);
        let mut check = PagingCheck {
            file,
            item: &item,
            style_name,
            op,
            type_names,
            info,
            info_name: &page.result_info,
            out,
        };
        match &style.cursor {
            Some(cursor) => {
                check.query_param(&cursor.cursor_param, &["string"]);
                if let Some(per_page) = &cursor.per_page_param {
                    check.query_param(per_page, &["integer", "number"]);
                }
                check.info_field(&cursor.info_cursor, &["string"], "a string");
            }
            None => {
                for param in [&style.page_param, &style.per_page_param]
                    .into_iter()
                    .flatten()
                {
                    check.query_param(param, &["integer", "number"]);
                }
                for field in [
                    &style.info_page,
                    &style.info_per_page,
                    &style.info_total_count,
                ]
                .into_iter()
                .flatten()
                {
                    check.info_field(field, &["number", "integer"], "a number");
                }
            }
        }
    }
}

/// The checks of one paginated operation against its style.
struct PagingCheck<'a, 'o> {
    file: &'a Source<ResourceFile>,
    item: &'a str,
    style_name: &'a str,
    op: &'a OperationDef,
    type_names: &'a BTreeSet<&'a str>,
    info: Option<&'a OrderedMap<FieldDef>>,
    info_name: &'a str,
    out: &'o mut Vec<Diagnostic>,
}

impl PagingCheck<'_, '_> {
    /// The query parameter `param` must exist with one of `types`; a page
    /// parameter typed `number` is sent as an integer, so its bounds must be whole.
    fn query_param(&mut self, param: &str, types: &[&str]) {
        let found = self.op.query.get(param);
        let fits = found
            .is_some_and(|f| matches!(&f.ty, TypeExpr::Name(n) if types.contains(&n.as_str())));
        // A parameter whose type is unknown was reported already.
        let unknown = found.is_some_and(
            |f| matches!(&f.ty, TypeExpr::Name(n) if !SCALARS.contains(&n.as_str()) && !self.type_names.contains(n.as_str())),
        );
        if !fits && !unknown {
            let kind = if types == ["string"] {
                "a string"
            } else {
                "an integer (or number)"
            };
            self.out.push(self.file.error(
                self.item,
                format!(
                    "style `{}` needs {kind} query parameter `{param}`",
                    self.style_name
                ),
            ));
        }
        let Some(field) = found.filter(|f| matches!(&f.ty, TypeExpr::Name(n) if n == "number"))
        else {
            return;
        };
        for (what, bound) in [("minimum", &field.minimum), ("maximum", &field.maximum)] {
            if let Some(Err(message)) = bound.as_ref().map(|b| numeric_bound(b, true)) {
                self.out.push(self.file.error(
                    &format!(
                        "{}.query.{param}.{what}",
                        self.item.trim_end_matches(".pagination")
                    ),
                    format!("a page parameter is sent as an integer: {message}"),
                ));
            }
        }
    }

    /// `result_info` must have the field `field` of one of `types`.
    fn info_field(&mut self, field: &str, types: &[&str], kind: &str) {
        let Some(info) = self.info else { return };
        let found = info.get(field);
        let fits = found
            .is_some_and(|f| matches!(&f.ty, TypeExpr::Name(n) if types.contains(&n.as_str())));
        // A field whose type is a typo was reported already: no cascade.
        let misspelt = found.is_some_and(|f| {
            matches!(&f.ty, TypeExpr::Name(n) if !SCALARS.contains(&n.as_str()) && !n.starts_with(char::is_uppercase))
        });
        if !fits && !misspelt {
            self.out.push(self.file.error(
                self.item,
                format!(
                    "style `{}` needs {kind} field `{field}` in {}",
                    self.style_name, self.info_name
                ),
            ));
        }
    }
}

/// A query parameter's type must flatten to keys and scalar values: no maps,
/// no free-form JSON, no object that contains itself, at most
/// `MAX_QUERY_DEPTH` levels of objects and arrays and `MAX_QUERY_KEYS` keys.
/// `depth` counts as the encoder (`emit::query`) does.
fn query_encodable(
    index: &TypeIndex<'_>,
    file: &str,
    ty: &TypeExpr,
    seen: &mut Vec<String>,
    depth: usize,
    keys: &mut usize,
) -> Result<(), String> {
    *keys += 1;
    if *keys > MAX_QUERY_KEYS {
        return Err(format!(
            "expands to more than {MAX_QUERY_KEYS} query keys; send a smaller type"
        ));
    }
    match ty {
        TypeExpr::Map { .. } => Err("a map cannot be sent in a query string".to_string()),
        TypeExpr::Nullable { .. } => {
            Err("an item that may be null cannot be sent in a query string".to_string())
        }
        TypeExpr::Array { array } => query_encodable(index, file, array, seen, depth + 1, keys),
        TypeExpr::Name(name) if name == "json" => {
            Err("free-form JSON cannot be sent in a query string".to_string())
        }
        TypeExpr::Name(name) => {
            let Some((to, def)) = index.resolve(file, name) else {
                return Ok(());
            };
            if def.alias.is_some() {
                return Err(format!(
                    "`{name}` is an alias; a query parameter names its target type"
                ));
            }
            // A query string has no way to say which member it holds.
            if def.union.iter().flatten().any(|v| !is_scalar_expr(&v.ty)) {
                return Err(format!(
                    "`{name}` is a union with object or array members, which a query string cannot carry"
                ));
            }
            if def.object.is_none() && def.all_of.is_none() {
                return Ok(());
            }
            let key = crate::resolve::shared_name(to.file, to.name);
            if seen.contains(&key) {
                return Err(format!(
                    "`{name}` contains itself and cannot be flattened into a query string"
                ));
            }
            if depth >= MAX_QUERY_DEPTH {
                return Err(format!(
                    "`{name}` is nested more than {MAX_QUERY_DEPTH} objects or arrays deep, more than a query string is encoded to"
                ));
            }
            // A broken all_of is reported on the type itself.
            let fields = index.object_fields(to.file, def).unwrap_or_default();
            seen.push(key);
            for field in fields {
                query_encodable(index, field.file, &field.def.ty, seen, depth + 1, keys)?;
            }
            seen.pop();
            Ok(())
        }
    }
}

/// The `{name}`s of a path template, in order of first use, each a whole
/// segment; a name used twice is one parameter sent at both places.
pub fn path_template_params(template: &str) -> Result<Vec<String>, String> {
    if template.starts_with('/')
        || template.ends_with('/')
        || template.contains("//")
        || template.is_empty()
    {
        return Err(format!(
            "`{template}` must be relative, without empty segments"
        ));
    }
    let mut params = Vec::new();
    for segment in template.split('/') {
        if segment.starts_with('{') && segment.ends_with('}') {
            let name = &segment[1..segment.len() - 1];
            if name.is_empty() {
                return Err(format!("`{segment}` is empty"));
            }
            if !params.iter().any(|p| p == name) {
                params.push(name.to_string());
            }
        } else if segment.contains(['{', '}']) {
            return Err(format!(
                "segment `{segment}` must be a literal or a whole `{{param}}`"
            ));
        } else if segment == "." || segment == ".." {
            return Err(format!("segment `{segment}` would leave the base path"));
        } else if !segment.bytes().all(is_path_literal_byte) {
            return Err(format!(
                "segment {segment:?} may only hold letters, digits and -._~!$&'()*+,;=:@ (no percent-escapes: the path is sent as written)"
            ));
        }
    }
    Ok(params)
}

// ---- Types: formats, constraints, defaults, object unions, all_of, shared types.

/// String formats: `date-time`, `date`, `ipv4` and `ipv6` are typed (the
/// value is parsed); the others are strings `build()` checks.
pub const FORMATS: &[&str] = &[
    "date-time",
    "date",
    "uuid",
    "uri",
    "uri-reference",
    "uri-template",
    "email",
    "hostname",
    "ipv4",
    "ipv6",
];

/// Formats whose value is a Rust type other than `String`.
pub const TYPED_FORMATS: &[&str] = &["date-time", "date", "ipv4", "ipv6"];

/// Whether the field holds text (a `String`): length and pattern apply.
fn is_text(field: &FieldDef) -> bool {
    matches!(&field.ty, TypeExpr::Name(n) if n == "string")
        && !field
            .format
            .as_deref()
            .is_some_and(|f| TYPED_FORMATS.contains(&f))
}

fn is_scalar_expr(ty: &TypeExpr) -> bool {
    matches!(ty, TypeExpr::Name(n) if matches!(n.as_str(), "string" | "number" | "integer" | "boolean"))
}

/// A YAML value as a scalar, `None` for sequences, mappings and null.
pub fn scalar_of(value: &serde_yaml::Value) -> Option<Scalar> {
    use serde_yaml::Value;
    match value {
        Value::Bool(b) => Some(Scalar::Bool(*b)),
        Value::String(s) => Some(Scalar::Str(s.clone())),
        Value::Number(n) => Some(if let Some(i) = n.as_i64() {
            Scalar::Int(i)
        } else if let Some(u) = n.as_u64() {
            Scalar::UInt(u)
        } else {
            Scalar::Float(n.as_f64().unwrap_or(f64::NAN))
        }),
        _ => None,
    }
}

/// `pattern`, item counts, exclusive bounds and `multiple_of`.
fn check_constraints(
    file: &Source<ResourceFile>,
    item: &str,
    field: &FieldDef,
    base: &str,
    out: &mut Vec<Diagnostic>,
) {
    if let Some(pattern) = &field.pattern {
        if !is_text(field) {
            out.push(file.error(
                &format!("{item}.pattern"),
                "pattern needs type string (without a typed format)",
            ));
        } else if let Err(error) = regex_lite::Regex::new(pattern) {
            out.push(file.error(
                &format!("{item}.pattern"),
                format!("{pattern:?} is not a regular expression regex-lite accepts: {error}"),
            ));
        }
    }
    let array = matches!(field.ty, TypeExpr::Array { .. });
    if (field.min_items.is_some() || field.max_items.is_some() || field.unique_items) && !array {
        out.push(file.error(
            item,
            "min_items, max_items and unique_items need an array type",
        ));
    }
    if let (Some(min), Some(max)) = (field.min_items, field.max_items) {
        if max < min {
            out.push(file.error(item, format!("max_items {max} is below min_items {min}")));
        }
    }
    let numeric = matches!(base, "integer" | "number");
    let extra = [
        (&field.exclusive_minimum, "exclusive_minimum"),
        (&field.exclusive_maximum, "exclusive_maximum"),
        (&field.multiple_of, "multiple_of"),
    ];
    for (value, name) in extra {
        let Some(value) = value else { continue };
        if !numeric {
            out.push(file.error(
                &format!("{item}.{name}"),
                format!("{name} needs type integer or number"),
            ));
            continue;
        }
        match numeric_bound(value, base == "integer") {
            Err(message) => {
                out.push(file.error(&format!("{item}.{name}"), format!("{name} {message}")))
            }
            Ok(bound) if name == "multiple_of" && bound.as_f64() <= 0.0 => out.push(file.error(
                &format!("{item}.{name}"),
                format!("multiple_of {bound} must be above 0"),
            )),
            Ok(_) => {}
        }
    }
}

/// `at_least_one_of`: two or more optional fields of the object, each once.
fn check_at_least_one_of(
    file: &Source<ResourceFile>,
    item: &str,
    names: &[String],
    fields: &[(&str, &FieldDef)],
    out: &mut Vec<Diagnostic>,
) {
    if names.len() < 2 {
        out.push(file.error(
            item,
            "at_least_one_of needs two fields or more (one alone is `required: true`)",
        ));
    }
    let known: Vec<&str> = fields.iter().map(|(wire, _)| *wire).collect();
    for (i, name) in names.iter().enumerate() {
        match fields.iter().find(|(wire, _)| wire == name) {
            None => out.push(file.error(
                item,
                format!(
                    "`{name}` is not a field of the object{}",
                    suggestion(name, &known)
                ),
            )),
            Some((_, def)) if def.required => out.push(file.error(
                item,
                format!("`{name}` is required, so the rule always holds"),
            )),
            Some(_) if names[..i].contains(name) => {
                out.push(file.error(item, format!("`{name}` is listed twice")))
            }
            Some(_) => {}
        }
    }
}

/// Checks that need other types, possibly of other files: `all_of`, unions
/// with object members, tags, and defaults of enums, arrays and objects.
fn check_links(file: &Source<ResourceFile>, index: &TypeIndex<'_>, out: &mut Vec<Diagnostic>) {
    let data = &file.data;
    for (name, def) in data.types.iter() {
        let item = format!("types.{name}");
        if def.all_of.is_some() {
            match index.object_fields(&file.file, def) {
                Err(message) => out.push(file.error(&format!("{item}.all_of"), message)),
                Ok(fields) => {
                    let mut rust_names = BTreeMap::new();
                    for field in fields {
                        let rust = names::field(
                            field.wire,
                            field.def.rust_name.as_deref(),
                            FieldRole::Object,
                        );
                        if let Some(other) = rust_names.insert(rust.clone(), field.wire) {
                            if other != field.wire {
                                out.push(file.error(&format!("{item}.all_of"), format!("`{other}` and `{}` both become `{rust}`; give one a `rust_name:`", field.wire)));
                            }
                        }
                    }
                }
            }
        }
        if def.discriminator.is_some() && def.union.is_none() {
            out.push(file.error(
                &format!("{item}.discriminator"),
                "discriminator is only for a union",
            ));
        }
        if let Some(names) = &def.at_least_one_of {
            let at = format!("{item}.at_least_one_of");
            if def.object.is_none() && def.all_of.is_none() {
                out.push(file.error(&at, "at_least_one_of is only for an object"));
            } else if let Ok(fields) = index.object_fields(&file.file, def) {
                let fields: Vec<(&str, &FieldDef)> =
                    fields.iter().map(|f| (f.wire, f.def)).collect();
                check_at_least_one_of(file, &at, names, &fields, out);
            }
        }
        if let Some(variants) = &def.union {
            check_union(file, index, &item, def, variants, out);
        }
        for (wire, field) in def.object.iter().flat_map(|f| f.iter()) {
            check_default(file, index, &format!("{item}.object.{wire}"), field, out);
        }
    }
    for (op_name, op) in data.operations.iter() {
        for (set, fields) in [("query", &op.query), ("path_params", &op.path_params)] {
            for (wire, field) in fields.iter() {
                check_default(
                    file,
                    index,
                    &format!("operations.{op_name}.{set}.{wire}"),
                    field,
                    out,
                );
            }
        }
    }
}

fn check_union(
    file: &Source<ResourceFile>,
    index: &TypeIndex<'_>,
    item: &str,
    def: &TypeDef,
    variants: &[crate::schema::UnionVariantDef],
    out: &mut Vec<Diagnostic>,
) {
    let item = format!("{item}.union");
    let mut arrays = 0;
    let mut catch_alls = 0;
    let mut tags = BTreeSet::new();
    let scalar_only = variants.iter().all(|v| is_scalar_expr(&v.ty));
    for (i, variant) in variants.iter().enumerate() {
        let item = format!("{item}[{i}]");
        if !scalar_only && variant.name == "Unknown" {
            out.push(file.error(
                &item,
                "`Unknown` is the variant that keeps a value no member fits; rename this one",
            ));
        }
        let object = match &variant.ty {
            // Any other JSON value: the variant that takes what no member fits.
            TypeExpr::Name(n) if n == "json" => {
                catch_alls += 1;
                if catch_alls == 2 {
                    out.push(file.error(
                        &item,
                        "two json variants; the first already takes every value no member fits",
                    ));
                }
                if def.discriminator.is_some() {
                    out.push(file.error(
                        &item,
                        "a union with a discriminator keeps untagged values in `Unknown`; it takes no json variant",
                    ));
                    continue;
                }
                None
            }
            TypeExpr::Name(n) if is_scalar_expr(&variant.ty) => {
                let _ = n;
                None
            }
            TypeExpr::Name(n) => match index.resolve(&file.file, n) {
                Some((_, target)) if target.object.is_some() || target.all_of.is_some() => {
                    Some(target)
                }
                Some(_) => {
                    out.push(file.error(&item, format!("`{n}` is not an object type; a union member is a scalar, an array or an object")));
                    None
                }
                None => {
                    let known: Vec<String> = file
                        .data
                        .types
                        .iter()
                        .map(|(t, _)| t.clone())
                        .chain(index.shared_names())
                        .collect();
                    let known: Vec<&str> = known.iter().map(String::as_str).collect();
                    out.push(file.error(
                        &item,
                        format!("unknown type `{n}`{}", suggestion(n, &known)),
                    ));
                    None
                }
            },
            TypeExpr::Array { .. } => {
                arrays += 1;
                if arrays == 2 {
                    out.push(file.error(
                        &item,
                        "two array variants; a value could not tell them apart",
                    ));
                }
                let mut probe = Vec::new();
                let mut names: BTreeSet<&str> =
                    file.data.types.iter().map(|(t, _)| t.as_str()).collect();
                let shared = index.shared_names();
                names.extend(shared.iter().map(String::as_str));
                check_type_expr(file, &item, &variant.ty, &names, &mut probe);
                out.extend(probe);
                None
            }
            TypeExpr::Map { .. } => {
                out.push(file.error(&item, "a map cannot be a union variant; use an object type"));
                None
            }
            TypeExpr::Nullable { .. } => {
                out.push(file.error(&item, "a union variant cannot be {nullable: T}"));
                None
            }
        };
        match (&def.discriminator, &variant.tag) {
            (None, Some(_)) => out.push(file.error(
                &format!("{item}.tag"),
                "tag needs a `discriminator:` on the union",
            )),
            (Some(_), None) => out.push(file.error(
                &item,
                "every variant of a union with a discriminator needs a `tag:`",
            )),
            (Some(property), Some(tag)) => {
                if !tags.insert(tag.clone()) {
                    out.push(
                        file.error(&format!("{item}.tag"), format!("tag `{tag}` is used twice")),
                    );
                }
                match object {
                    None => out.push(file.error(
                        &item,
                        "a variant of a union with a discriminator must be an object type",
                    )),
                    Some(target) => {
                        let TypeExpr::Name(n) = &variant.ty else {
                            continue;
                        };
                        let declares = index
                            .resolve(&file.file, n)
                            .and_then(|(to, _)| index.object_fields(to.file, target).ok())
                            .is_some_and(|fields| fields.iter().any(|f| f.wire == property));
                        if declares {
                            out.push(file.error(
                                &item,
                                format!("`{n}` declares `{property}`, the discriminator; the union reads and writes the tag itself, so remove the field"),
                            ));
                        }
                    }
                }
            }
            (None, None) => {}
        }
    }
}

/// The most levels of a default value followed (values are finite; types may recurse).
const MAX_DEFAULT_DEPTH: usize = 32;

/// A default of an enum, array, map, object or union type must be a value of
/// it (scalar types are checked by `check_field`).
fn check_default(
    file: &Source<ResourceFile>,
    index: &TypeIndex<'_>,
    item: &str,
    field: &FieldDef,
    out: &mut Vec<Diagnostic>,
) {
    let Some(default) = field
        .default
        .as_ref()
        .filter(|d| !(d.is_null() && field.nullable))
    else {
        return;
    };
    if is_scalar_expr(&field.ty) || matches!(&field.ty, TypeExpr::Name(n) if n == "json") {
        return;
    }
    if let Err(message) = default_fits(index, &file.file, default, &field.ty, 0) {
        out.push(file.error(&format!("{item}.default"), format!("default {message}")));
    }
}

fn default_fits(
    index: &TypeIndex<'_>,
    file: &str,
    value: &serde_yaml::Value,
    ty: &TypeExpr,
    depth: usize,
) -> Result<(), String> {
    use serde_yaml::Value;
    if depth > MAX_DEFAULT_DEPTH {
        return Err("nests too deep".to_string());
    }
    match (ty, value) {
        (TypeExpr::Array { array }, Value::Sequence(items)) => {
            items.iter().enumerate().try_for_each(|(i, v)| {
                default_fits(index, file, v, array, depth + 1).map_err(|e| format!("[{i}]: {e}"))
            })
        }
        (TypeExpr::Array { .. }, _) => Err("must be a list (`[]` or `- item` lines)".to_string()),
        (TypeExpr::Map { map }, Value::Mapping(entries)) => {
            entries.iter().try_for_each(|(k, v)| {
                let Value::String(key) = k else {
                    return Err("map keys must be text".to_string());
                };
                default_fits(index, file, v, map, depth + 1).map_err(|e| format!(".{key}: {e}"))
            })
        }
        (TypeExpr::Map { .. }, _) => {
            Err("must be a mapping (`{}` or `key: value` lines)".to_string())
        }
        (TypeExpr::Nullable { .. }, Value::Null) => Ok(()),
        (TypeExpr::Nullable { nullable }, _) => default_fits(index, file, value, nullable, depth),
        (TypeExpr::Name(name), _) => match name.as_str() {
            "json" => Ok(()),
            "string" if matches!(value, Value::String(_)) => Ok(()),
            "boolean" if matches!(value, Value::Bool(_)) => Ok(()),
            "integer" if matches!(value, Value::Number(n) if n.is_i64()) => Ok(()),
            "number" if matches!(value, Value::Number(n) if n.as_f64().is_some_and(f64::is_finite)) => {
                Ok(())
            }
            "string" | "boolean" | "integer" | "number" => {
                Err(format!("does not match type `{name}`"))
            }
            _ => {
                let Some((to, def)) = index.resolve(file, name) else {
                    return Ok(()); // an unknown type is reported on its own
                };
                named_default_fits(index, to.file, name, def, value, depth)
            }
        },
    }
}

fn named_default_fits(
    index: &TypeIndex<'_>,
    file: &str,
    name: &str,
    def: &TypeDef,
    value: &serde_yaml::Value,
    depth: usize,
) -> Result<(), String> {
    use serde_yaml::Value;
    let listed = |values: &[EnumValueDef]| {
        values.iter().any(|v| {
            let scalar = match v {
                EnumValueDef::Bare(s) => s,
                EnumValueDef::Full(f) => &f.value,
            };
            match (scalar, value) {
                (Scalar::Str(a), Value::String(b)) => a == b,
                (Scalar::Int(a), Value::Number(b)) => b.as_i64() == Some(*a),
                (Scalar::UInt(a), Value::Number(b)) => b.as_u64() == Some(*a),
                (Scalar::Float(a), Value::Number(b)) => b.as_f64() == Some(*a),
                _ => false,
            }
        })
    };
    if let Some(values) = def.string_enum.as_ref().or(def.number_enum.as_ref()) {
        return if listed(values) {
            Ok(())
        } else {
            Err(format!("is not one of the values of `{name}`"))
        };
    }
    if let (Some(variants), Some(property)) = (&def.union, &def.discriminator) {
        let tag = value.get(property.as_str()).and_then(Value::as_str);
        let Some(variant) = variants
            .iter()
            .find(|v| v.tag.is_some() && v.tag.as_deref() == tag)
        else {
            return Err(format!("has no `{property}` naming a variant of `{name}`"));
        };
        let mut rest = value.clone();
        if let Value::Mapping(entries) = &mut rest {
            entries.remove(property.as_str());
        }
        return default_fits(index, file, &rest, &variant.ty, depth + 1);
    }
    if let Some(variants) = &def.union {
        return if variants
            .iter()
            .any(|v| default_fits(index, file, value, &v.ty, depth + 1).is_ok())
        {
            Ok(())
        } else {
            Err(format!("fits no variant of `{name}`"))
        };
    }
    let Value::Mapping(entries) = value else {
        return Err(format!("must be a mapping: `{name}` is an object"));
    };
    let fields = index.object_fields(file, def)?;
    for (key, field_value) in entries {
        let Some(field) = fields.iter().find(|f| Some(f.wire) == key.as_str()) else {
            return Err(format!(
                "has `{}`, which is not a field of `{name}`",
                key.as_str().unwrap_or("?")
            ));
        };
        if field_value.is_null() && field.def.nullable {
            continue;
        }
        default_fits(index, field.file, field_value, &field.def.ty, depth + 1)
            .map_err(|e| format!(".{}: {e}", field.wire))?;
    }
    for field in fields.iter().filter(|f| f.def.required) {
        if !entries.contains_key(field.wire) {
            return Err(format!(
                "lacks `{}`, a required field of `{name}`",
                field.wire
            ));
        }
    }
    Ok(())
}

/// Headers a header parameter may not set: the client writes them itself.
const CLIENT_HEADERS: &[&str] = &["Accept", "Authorization"];

/// The request side of an operation: header parameters, array styles, the
/// body, accepted auth schemes, and one namespace for every params field.
fn check_request(
    api: &Source<ApiFile>,
    file: &Source<ResourceFile>,
    item: &str,
    op: &OperationDef,
    type_names: &BTreeSet<&str>,
    index: &TypeIndex<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let data = &file.data;
    // A scalar or enum (what one header value, or one comma-separated item, can hold).
    let simple = |ty: &TypeExpr| match ty {
        TypeExpr::Name(n) if n == "json" => false,
        TypeExpr::Name(n) if SCALARS.contains(&n.as_str()) => true,
        TypeExpr::Name(n) => data
            .types
            .get(n)
            .is_some_and(|t| t.string_enum.is_some() || t.number_enum.is_some()),
        _ => false,
    };
    for (name, param) in op.query.iter() {
        let at = format!("{item}.query.{name}.style");
        match param.style.as_deref() {
            None | Some("repeat") => {}
            Some("comma") => match &param.ty {
                TypeExpr::Array { array } if simple(array) => {}
                _ => out.push(file.error(&at, "style comma needs an array of scalars or enums")),
            },
            Some(other) => out.push(file.error(
                &at,
                format!(
                    "unknown style `{other}`; known: comma, repeat{}",
                    suggestion(other, &["comma", "repeat"])
                ),
            )),
        }
    }
    check_fields(
        file,
        &format!("{item}.headers"),
        op.headers.iter(),
        type_names,
        FieldSet::Query,
        out,
    );
    let credential_headers: Vec<&str> = api
        .data
        .auth
        .iter()
        .flat_map(|s| s.credentials.iter().map(|c| c.header.as_str()))
        .collect();
    for (name, param) in op.headers.iter() {
        let at = format!("{item}.headers.{name}");
        if name.is_empty() || !name.bytes().all(is_token_byte) {
            out.push(file.error(
                &at,
                "a header name must be an HTTP token (letters, digits, `-`, …)",
            ));
        }
        let taken = RESERVED_HEADERS
            .iter()
            .chain(CLIENT_HEADERS)
            .chain(&credential_headers)
            .any(|h| h.eq_ignore_ascii_case(name));
        if taken {
            out.push(file.error(&at, format!("`{name}` is a header the client sets itself")));
        }
        if !simple(&param.ty) {
            out.push(file.error(&at, "a header parameter must be a scalar or an enum"));
        }
        if param.nullable {
            out.push(file.error(
                &at,
                "a header has no null; leave the parameter unset instead",
            ));
        }
    }
    if let Some(body) = &op.body {
        check_body(
            file,
            &format!("{item}.body"),
            op,
            body,
            type_names,
            index,
            out,
        );
    }
    if let Some(accepted) = &op.auth {
        let mut seen = BTreeSet::new();
        for (i, name) in accepted.iter().enumerate() {
            let at = format!("{item}.auth.{i}");
            if !seen.insert(name) {
                out.push(file.error(&at, format!("`{name}` is listed twice")));
            }
            if !api.data.auth.iter().any(|s| s.name == *name) {
                let known: Vec<&str> = api.data.auth.iter().map(|s| s.name.as_str()).collect();
                out.push(file.error(
                    &at,
                    format!(
                        "no auth scheme `{name}` in api.yaml; known: {}{}",
                        known.join(", "),
                        suggestion(name, &known)
                    ),
                ));
            }
        }
    }
    // Every field of the params struct shares one wire-name and one Rust-name space.
    let mut wires: BTreeMap<String, String> = BTreeMap::new();
    let mut rusts: BTreeMap<String, String> = BTreeMap::new();
    let params_path = op
        .path_params
        .iter()
        .filter(|(_, f)| f.location.as_deref() == Some("params"))
        .map(|(w, f)| ("path_params", w.clone(), f.rust_name.clone()));
    let query = op
        .query
        .iter()
        .map(|(w, f)| ("query", w.clone(), f.rust_name.clone()));
    let headers = op
        .headers
        .iter()
        .map(|(w, f)| ("headers", w.clone(), f.rust_name.clone()));
    let body: Vec<(&str, String, Option<String>)> = match &op.body {
        Some(body) => match (&body.json, &body.multipart) {
            (Some(fields), _) => fields
                .iter()
                .map(|(w, f)| ("body.json", w.clone(), f.rust_name.clone()))
                .collect(),
            (None, Some(fields)) => fields
                .iter()
                .map(|(w, f)| ("body.multipart", w.clone(), f.rust_name.clone()))
                .collect(),
            (None, None) => vec![("body", "body".to_string(), None)],
        },
        None => Vec::new(),
    };
    // `.x_null()` of an optional nullable JSON body field is a setter too.
    let null_setters: Vec<(&str, String, Option<String>)> = op
        .body
        .iter()
        .flat_map(|b| b.json.iter().flat_map(|fields| fields.iter()))
        .filter(|(_, f)| f.nullable && !f.required)
        .map(|(w, f)| {
            let rust = names::field(w, f.rust_name.as_deref(), FieldRole::Params);
            ("body.json", w.clone(), Some(format!("{rust}_null")))
        })
        .collect();
    for (set, wire, rust_name) in params_path.chain(query).chain(headers).chain(body) {
        let at = format!("{item}.{set}.{wire}");
        let rust = names::field(&wire, rust_name.as_deref(), FieldRole::Params);
        if let Some(other) = wires.insert(wire.clone(), set.to_string()) {
            if other != set {
                out.push(file.error(
                    &at,
                    format!("`{wire}` is also a parameter in {other}: params fields share one set of wire names"),
                ));
            }
        }
        if let Some(other) = rusts.insert(rust.clone(), format!("{set}.{wire}")) {
            if !other.starts_with(&format!("{set}.")) {
                out.push(file.error(
                    &at,
                    format!("has the same Rust name `{rust}` as {other}; give one a `rust_name:`"),
                ));
            }
        }
    }
    for (set, wire, rust) in null_setters {
        let rust = rust.unwrap_or_default();
        if let Some(other) = rusts.get(&rust) {
            out.push(file.error(
                &format!("{item}.{set}.{wire}"),
                format!(
                    "its setter `{rust}` is also the setter of {other}; give one a `rust_name:`"
                ),
            ));
        }
    }
}

fn check_body(
    file: &Source<ResourceFile>,
    item: &str,
    op: &OperationDef,
    body: &crate::schema::BodyDef,
    type_names: &BTreeSet<&str>,
    index: &TypeIndex<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let kinds = [
        body.json.is_some(),
        body.json_type.is_some(),
        body.multipart.is_some(),
        body.raw.is_some(),
    ];
    if kinds.iter().filter(|k| **k).count() != 1 {
        out.push(file.error(
            item,
            "a body needs exactly one of: json, json_type, multipart, raw",
        ));
    }
    if op.method == "GET" {
        out.push(file.error(item, "a GET request has no body"));
    }
    if body.json.is_some() && body.required {
        out.push(file.error(
            &format!("{item}.required"),
            "a `json` body is always sent; mark its fields `required` instead",
        ));
    }
    if let Some(names) = &body.at_least_one_of {
        let at = format!("{item}.at_least_one_of");
        match &body.json {
            None => out.push(file.error(&at, "at_least_one_of is only for a `json` body")),
            Some(fields) => {
                let fields: Vec<(&str, &FieldDef)> = fields
                    .iter()
                    .map(|(wire, def)| (wire.as_str(), def))
                    .collect();
                check_at_least_one_of(file, &at, names, &fields, out);
            }
        }
    }
    if let Some(fields) = &body.json {
        check_fields(
            file,
            &format!("{item}.json"),
            fields.iter(),
            type_names,
            FieldSet::Query,
            out,
        );
    }
    let rules = body.rules(body.format.clone());
    match &body.json_type {
        Some(ty) => {
            let known = check_type_expr(file, &format!("{item}.json_type"), ty, type_names, out);
            if known && !rules.is_empty() {
                check_rules(file, item, ty, &rules, type_names, out);
            }
        }
        None if !rules.is_empty() => {
            out.push(file.error(item, "only a json_type body takes rules"));
        }
        None => {}
    }
    if let Some(fields) = &body.multipart {
        let is_file = |ty: &TypeExpr| match ty {
            TypeExpr::Name(n) => n == "file",
            TypeExpr::Array { array } => matches!(&**array, TypeExpr::Name(n) if n == "file"),
            TypeExpr::Map { .. } | TypeExpr::Nullable { .. } => false,
        };
        // File parts are checked here; `check_fields` knows only JSON types.
        check_fields(
            file,
            &format!("{item}.multipart"),
            fields.iter().filter(|(_, f)| !is_file(&f.ty)),
            type_names,
            FieldSet::Query,
            out,
        );
        for (name, field) in fields.iter() {
            let at = format!("{item}.multipart.{name}");
            // Enums are text; an object type is one JSON part.
            let part_ok = |ty: &TypeExpr| match ty {
                TypeExpr::Name(n) if n == "file" || SCALARS.contains(&n.as_str()) => true,
                TypeExpr::Name(n) => index.resolve(&file.file, n).is_some_and(|(_, t)| {
                    t.string_enum.is_some()
                        || t.number_enum.is_some()
                        || t.object.is_some()
                        || t.all_of.is_some()
                }),
                _ => false,
            };
            let fits = match &field.ty {
                TypeExpr::Array { array } => {
                    part_ok(array) && !matches!(&**array, TypeExpr::Name(n) if n == "json")
                }
                TypeExpr::Map { .. } => false,
                ty => part_ok(ty),
            };
            if !fits {
                out.push(file.error(
                    &at,
                    "a multipart field must be a file, a scalar, an enum, an object type, json or an array of these",
                ));
            }
            if is_file(&field.ty) {
                if matches!(field.ty, TypeExpr::Array { .. }) {
                    out.push(file.error(&at, "give each file part a field of its own"));
                }
                if field.nullable || field.format.is_some() || field.default.is_some() {
                    out.push(file.error(&at, "a file part takes no nullable, format or default"));
                }
            }
        }
    }
    if let Some(raw) = &body.raw {
        let at = format!("{item}.raw.content_type");
        let ct = raw.content_type.as_str();
        let valid = ct.split_once('/').is_some_and(|(kind, rest)| {
            let subtype = rest.split(';').next().unwrap_or("").trim();
            !kind.is_empty()
                && kind.bytes().all(is_token_byte)
                && !subtype.is_empty()
                && subtype.bytes().all(is_token_byte)
        }) && ct.bytes().all(|b| (b' '..=b'~').contains(&b));
        if !valid {
            out.push(file.error(
                &at,
                format!("`{ct}` is not a media type like application/octet-stream"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resources(files: &[&str]) -> Vec<Source<ResourceFile>> {
        let api = crate::load::load_dir(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../schema"
        )))
        .expect("the real schema loads");
        let text = api
            .texts
            .iter()
            .find(|(file, _)| file != crate::load::API_FILE)
            .expect("a resource file")
            .1
            .clone();
        let api_text = api
            .texts
            .iter()
            .find(|(file, _)| file == crate::load::API_FILE)
            .expect("api.yaml")
            .1
            .clone();
        let mut texts = vec![(crate::load::API_FILE.to_string(), api_text)];
        texts.extend(files.iter().map(|f| (f.to_string(), text.clone())));
        let mut loaded = crate::load::load_texts(texts).expect("loads").resources;
        // load_texts sorts; keep the order asked for.
        loaded.sort_by_key(|r| files.iter().position(|f| *f == r.file));
        loaded
    }

    fn below(resources: &[Source<ResourceFile>], file: &str) -> Vec<String> {
        files_below(resources, file)
            .map(|r| r.file.clone())
            .collect()
    }

    #[test]
    fn files_below_a_module_are_its_subdirectories_sorted_or_not() {
        let files = [
            "a-b.yaml",
            "a.yaml",
            "a/b.yaml",
            "a/b/c.yaml",
            "a/c.yaml",
            "a_b/x.yaml",
            "ab/x.yaml",
        ];
        let sorted = resources(&files);
        assert!(sorted.is_sorted_by(|a, b| a.file <= b.file));
        assert_eq!(
            below(&sorted, "a.yaml"),
            ["a/b.yaml", "a/b/c.yaml", "a/c.yaml"]
        );
        assert_eq!(below(&sorted, "a/b.yaml"), ["a/b/c.yaml"]);
        assert!(below(&sorted, "a/c.yaml").is_empty());
        let mut unsorted = resources(&files);
        unsorted.reverse();
        assert_eq!(
            below(&unsorted, "a.yaml"),
            ["a/c.yaml", "a/b/c.yaml", "a/b.yaml"]
        );
    }
}
