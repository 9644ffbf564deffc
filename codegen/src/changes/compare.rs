//! The comparison, one function per construct. A new model field is one more
//! comparison in the function of its construct.

use std::fmt::Display;

use super::rust_api::{self, rust_type, wrapped};
use super::{Change, Effect, Kind, Severity};
use crate::emit::validation::constraint_notes;
use crate::load::API_FILE;
use crate::model::{
    Api, AuthScheme, Body, BodyKind, Constraints, EnumValue, Field, Module, Operation, PathPart,
    QueryStyle, Response, Type, TypeDecl, TypeKind, UnionVariant,
};

use Effect::{FailsAtRunTime as Runtime, FailsToCompile as Compile, SendsDifferentBytes as Bytes};

/// Collects changes for one schema file.
struct Out<'a> {
    file: &'a str,
    changes: &'a mut Vec<Change>,
}

impl Out<'_> {
    fn push(
        &mut self,
        item: &str,
        kind: Kind,
        severity: Severity,
        effects: &[Effect],
        summary: String,
    ) {
        let mut effects = effects.to_vec();
        effects.sort();
        effects.dedup();
        self.changes.push(Change {
            file: self.file.to_string(),
            item: item.to_string(),
            kind,
            severity,
            effects,
            summary,
        });
    }

    fn breaking(&mut self, item: &str, kind: Kind, effects: &[Effect], summary: String) {
        self.push(item, kind, Severity::Breaking, effects, summary);
    }

    fn additive(&mut self, item: &str, kind: Kind, summary: String) {
        self.push(item, kind, Severity::Additive, &[], summary);
    }

    fn docs(&mut self, item: &str, summary: String) {
        self.push(item, Kind::DocChanged, Severity::Docs, &[], summary);
    }

    fn doc(&mut self, item: &str, old: &str, new: &str) {
        if old != new {
            self.docs(item, "doc changed".to_string());
        }
    }

    fn optional_doc(&mut self, item: &str, old: Option<&String>, new: Option<&String>) {
        self.doc(
            item,
            old.map_or("", String::as_str),
            new.map_or("", String::as_str),
        );
    }

    /// `#[deprecated]` added or removed: a warning, not an error (Cargo's
    /// SemVer guide counts deprecation as a minor change).
    fn deprecation(&mut self, item: &str, old: Option<&String>, new: Option<&String>) {
        match (old, new) {
            (None, Some(note)) => self.additive(
                item,
                Kind::DeprecationAdded,
                format!("deprecated: {note} (users see a warning)"),
            ),
            (Some(_), None) => self.additive(
                item,
                Kind::DeprecationRemoved,
                "no longer deprecated".to_string(),
            ),
            (Some(a), Some(b)) if a != b => self.docs(item, "deprecation note changed".to_string()),
            _ => {}
        }
    }
}

/// Pairs items of two lists by key: (old, new) for each key, in old order
/// then new additions.
fn pair<'a, T, K: PartialEq>(
    old: &'a [T],
    new: &'a [T],
    key: impl Fn(&T) -> K,
) -> Vec<(Option<&'a T>, Option<&'a T>)> {
    let mut pairs: Vec<_> = old
        .iter()
        .map(|o| (Some(o), new.iter().find(|n| key(n) == key(o))))
        .collect();
    pairs.extend(
        new.iter()
            .filter(|n| !old.iter().any(|o| key(o) == key(n)))
            .map(|n| (None, Some(n))),
    );
    pairs
}

pub fn api(old: &Api, new: &Api) -> Vec<Change> {
    let mut changes = Vec::new();
    let mut out = Out {
        file: API_FILE,
        changes: &mut changes,
    };
    settings(&mut out, old, new);
    auth(&mut out, &old.auth, &new.auth);
    let (old_modules, new_modules) = (flatten(&old.root), flatten(&new.root));
    for (o, n) in pair(&old_modules, &new_modules, |(dir, _)| dir.clone()) {
        match (o, n) {
            (Some((dir, o)), Some((_, n))) if o.source.is_empty() && n.source.is_empty() => {
                Out {
                    file: API_FILE,
                    changes: &mut changes,
                }
                .doc(&format!("groups.{dir}"), &o.doc, &n.doc);
            }
            (Some((_, o)), Some((_, n))) => {
                let mut out = Out {
                    file: &n.source,
                    changes: &mut changes,
                };
                module(&mut out, (old, new), (o, n));
            }
            (Some((dir, o)), None) if !o.source.is_empty() => Out {
                file: &o.source,
                changes: &mut changes,
            }
            .breaking(
                "",
                Kind::Removed,
                &[Compile],
                format!(
                    "module `{}` removed, with its operations and types",
                    rust_path(dir)
                ),
            ),
            (None, Some((dir, n))) if !n.source.is_empty() => Out {
                file: &n.source,
                changes: &mut changes,
            }
            .additive(
                "",
                Kind::Added,
                format!("module `{}` added", rust_path(dir)),
            ),
            _ => {}
        }
    }
    changes
}

/// Every module below the root with its directory path (`a/b`).
fn flatten(root: &Module) -> Vec<(String, &Module)> {
    fn walk<'a>(module: &'a Module, prefix: &str, out: &mut Vec<(String, &'a Module)>) {
        for child in &module.children {
            let path = if prefix.is_empty() {
                child.name.clone()
            } else {
                format!("{prefix}/{}", child.name)
            };
            out.push((path.clone(), child));
            walk(child, &path, out);
        }
    }
    let mut out = Vec::new();
    walk(root, "", &mut out);
    out
}

fn rust_path(dir: &str) -> String {
    dir.replace('/', "::")
}

fn settings(out: &mut Out, old: &Api, new: &Api) {
    if old.crate_name != new.crate_name {
        out.breaking(
            "sdk.crate_name",
            Kind::Renamed,
            &[Compile],
            format!(
                "package `{}` → `{}`: every dependency and `use` must change",
                old.crate_name, new.crate_name
            ),
        );
    }
    out.doc("sdk.description", &old.description, &new.description);
    if old.license != new.license {
        out.docs(
            "sdk.license",
            format!(
                "license {} → {}",
                old.license.as_deref().unwrap_or("none"),
                new.license.as_deref().unwrap_or("none")
            ),
        );
    }
    if old.user_agent != new.user_agent {
        out.additive(
            "sdk.user_agent",
            Kind::SettingChanged,
            format!("User-Agent `{}` → `{}`", old.user_agent, new.user_agent),
        );
    }
    if old.envelope != new.envelope {
        out.breaking(
            "envelope",
            Kind::SettingChanged,
            &[Runtime],
            format!(
                "responses are read as {:?} instead of {:?}",
                new.envelope, old.envelope
            ),
        );
    }
    if old.base_url != new.base_url {
        out.breaking(
            "base_url.default",
            Kind::SettingChanged,
            &[Bytes],
            format!(
                "requests go to {} instead of {}",
                new.base_url, old.base_url
            ),
        );
    }
    match (&old.base_url_env, &new.base_url_env) {
        (Some(a), b) if b.as_ref() != Some(a) => out.breaking(
            "base_url.env",
            Kind::SettingChanged,
            &[Runtime],
            format!("`from_env` no longer reads {a}"),
        ),
        (None, Some(b)) => out.additive(
            "base_url.env",
            Kind::SettingChanged,
            format!("`from_env` reads the base URL from {b}"),
        ),
        _ => {}
    }
    client_default(
        out,
        "client_defaults.timeout_seconds",
        "default timeout (s)",
        old.timeout_seconds,
        new.timeout_seconds,
    );
    client_default(
        out,
        "client_defaults.max_retries",
        "default retries",
        u64::from(old.max_retries),
        u64::from(new.max_retries),
    );
}

/// Less time or fewer retries makes requests fail that succeeded before.
fn client_default(out: &mut Out, item: &str, what: &str, old: u64, new: u64) {
    let summary = format!("{what} {old} → {new}");
    if new < old {
        out.breaking(item, Kind::DefaultChanged, &[Runtime], summary);
    } else if new > old {
        out.additive(item, Kind::DefaultChanged, summary);
    }
}

fn auth(out: &mut Out, old: &[AuthScheme], new: &[AuthScheme]) {
    let setter_exists = |schemes: &[AuthScheme], name: &str| {
        schemes
            .iter()
            .any(|s| s.credentials.iter().any(|c| c.name == name))
    };
    for (o, n) in pair(old, new, |s| s.name.clone()) {
        match (o, n) {
            (Some(o), None) => {
                let mut effects = vec![Runtime];
                let gone: Vec<_> = o
                    .credentials
                    .iter()
                    .filter(|c| !setter_exists(new, &c.name))
                    .map(|c| format!("`{}`", c.name))
                    .collect();
                if !gone.is_empty() {
                    effects.push(Compile);
                }
                out.breaking(
                    &format!("auth.{}", o.name),
                    Kind::Removed,
                    &effects,
                    format!(
                        "auth scheme `{}` removed from every operation{}; clients set up only with it send no credentials",
                        o.name,
                        if gone.is_empty() {
                            String::new()
                        } else {
                            format!(" (builder setters {} gone)", gone.join(", "))
                        }
                    ),
                );
            }
            (None, Some(n)) => out.additive(
                &format!("auth.{}", n.name),
                Kind::Added,
                format!("auth scheme `{}` added", n.name),
            ),
            (Some(o), Some(n)) => auth_scheme(out, o, n, new),
            (None, None) => {}
        }
    }
    let order = |schemes: &[AuthScheme], other: &[AuthScheme]| -> Vec<String> {
        schemes
            .iter()
            .filter(|s| other.iter().any(|o| o.name == s.name))
            .map(|s| s.name.clone())
            .collect()
    };
    let (was, now) = (order(old, new), order(new, old));
    if was != now {
        out.breaking(
            "auth",
            Kind::Reordered,
            &[Bytes],
            format!(
                "schemes are tried as {} (was {}): a client with several set sends other credentials",
                now.join(", "),
                was.join(", ")
            ),
        );
    }
}

fn auth_scheme(out: &mut Out, old: &AuthScheme, new: &AuthScheme, schemes: &[AuthScheme]) {
    let item = format!("auth.{}", old.name);
    out.doc(&item, &old.doc, &new.doc);
    for (o, n) in pair(&old.credentials, &new.credentials, |c| c.name.clone()) {
        match (o, n) {
            (Some(o), None) => {
                let still_set = schemes
                    .iter()
                    .any(|s| s.credentials.iter().any(|c| c.name == o.name));
                out.breaking(
                    &format!("{item}.credentials.{}", o.name),
                    Kind::Removed,
                    if still_set {
                        &[Bytes]
                    } else {
                        &[Compile, Bytes]
                    },
                    format!("credential `{}` no longer sent with `{}`", o.name, old.name),
                );
            }
            (None, Some(n)) => out.breaking(
                &format!("{item}.credentials.{}", n.name),
                Kind::Added,
                &[Runtime],
                format!(
                    "`{}` now also needs `{}`: clients without it no longer use the scheme",
                    old.name, n.name
                ),
            ),
            (Some(o), Some(n)) => {
                let at = format!("{item}.credentials.{}", o.name);
                out.doc(&at, &o.doc, &n.doc);
                if o.header != n.header || o.prefix != n.prefix {
                    out.breaking(
                        &at,
                        Kind::SettingChanged,
                        &[Bytes],
                        format!(
                            "sent as `{}: {}…` instead of `{}: {}…`",
                            n.header, n.prefix, o.header, o.prefix
                        ),
                    );
                }
                match (&o.env, &n.env) {
                    (Some(a), b) if b.as_ref() != Some(a) => out.breaking(
                        &at,
                        Kind::SettingChanged,
                        &[Runtime],
                        format!("`from_env` no longer reads {a}"),
                    ),
                    (None, Some(b)) => {
                        out.additive(&at, Kind::SettingChanged, format!("`from_env` reads {b}"))
                    }
                    _ => {}
                }
            }
            (None, None) => {}
        }
    }
}

/// Both schemas, for type lookups and the query style.
type Apis<'a> = (&'a Api, &'a Api);

fn module(out: &mut Out, apis: Apis, (old, new): (&Module, &Module)) {
    out.doc("doc", &old.doc, &new.doc);
    let scope = Scope {
        old_types: &old.types,
        new_types: &new.types,
        old_style: apis.0.query_style,
        new_style: apis.1.query_style,
    };
    for (o, n) in pair(&old.types, &new.types, |t| t.name.clone()) {
        match (o, n) {
            (Some(o), None) => out.breaking(
                &format!("types.{}", o.name),
                Kind::Removed,
                &[Compile],
                format!("type `{}` removed", o.name),
            ),
            (None, Some(n)) => out.additive(
                &format!("types.{}", n.name),
                Kind::Added,
                format!("type `{}` added", n.name),
            ),
            (Some(o), Some(n)) => type_decl(out, &scope, o, n),
            (None, None) => {}
        }
    }
    for (o, n) in pair(&old.operations, &new.operations, |op| op.name.clone()) {
        match (o, n) {
            (Some(o), None) => out.breaking(
                &format!("operations.{}", o.name),
                Kind::Removed,
                &[Compile],
                format!("operation `{}::{}` removed", old.handle, o.name),
            ),
            (None, Some(n)) => out.additive(
                &format!("operations.{}", n.name),
                Kind::Added,
                format!("operation `{}::{}` added", new.handle, n.name),
            ),
            (Some(o), Some(n)) => operation(out, &scope, o, n),
            (None, None) => {}
        }
    }
}

/// The types and query styles of one module, before and after.
struct Scope<'a> {
    old_types: &'a [TypeDecl],
    new_types: &'a [TypeDecl],
    old_style: QueryStyle,
    new_style: QueryStyle,
}

/// Where a field lives, which decides what a change to it does.
#[derive(Clone, Copy)]
struct Role {
    /// "query parameter", "field", "path parameter".
    what: &'static str,
    /// Sent in requests: bounds are checked before sending, the wire name is sent.
    sent: bool,
    /// Read from responses: the wire name is looked up, `required` is enforced.
    received: bool,
    /// Public fields a struct literal must all name.
    literal: bool,
    /// A body field: optional and nullable is `Option<Option<T>>`.
    tells_null_apart: bool,
}

impl Role {
    /// A role of something only sent, never built by a literal.
    fn sent(what: &'static str) -> Role {
        Role {
            what,
            sent: true,
            received: false,
            literal: false,
            tells_null_apart: false,
        }
    }

    /// Whether `build()` checks the rules of this value.
    fn checked(self) -> bool {
        self.sent || (self.received && rust_api::RESPONSES_CHECKED)
    }

    /// How many `Option`s hold `field`.
    fn options(self, field: &Field) -> usize {
        rust_api::options(field, self.tells_null_apart)
    }
}

fn type_decl(out: &mut Out, scope: &Scope, old: &TypeDecl, new: &TypeDecl) {
    let item = format!("types.{}", old.name);
    out.doc(&item, &old.doc, &new.doc);
    out.deprecation(&item, old.deprecated.as_ref(), new.deprecated.as_ref());
    match (&old.kind, &new.kind) {
        (TypeKind::Object(o), TypeKind::Object(n)) => {
            object_roles(out, &item, old, new);
            let role = Role {
                what: "field",
                sent: new.in_input,
                received: new.in_output,
                literal: rust_api::object_literals(new.in_input, new.in_output),
                tells_null_apart: false,
            };
            fields(out, scope, &format!("{item}.object"), role, o, n);
            at_least_one_of(
                out,
                &format!("{item}.at_least_one_of"),
                role,
                &old.at_least_one_of,
                &new.at_least_one_of,
            );
        }
        (TypeKind::StringEnum(o), TypeKind::StringEnum(n))
        | (TypeKind::NumberEnum(o), TypeKind::NumberEnum(n)) => {
            let section = if matches!(old.kind, TypeKind::StringEnum(_)) {
                "string_enum"
            } else {
                "number_enum"
            };
            enum_values(out, &format!("{item}.{section}"), new, o, n);
        }
        (TypeKind::Union(o), TypeKind::Union(n)) => {
            union_variants(out, scope, &format!("{item}.union"), new, o, n)
        }
        (TypeKind::Alias(o), TypeKind::Alias(n)) => {
            let role = Role {
                what: "alias",
                sent: new.in_input,
                received: new.in_output,
                literal: false,
                tells_null_apart: false,
            };
            type_change(out, scope, &format!("{item}.alias"), role, (o, 0), (n, 0));
        }
        (TypeKind::ObjectUnion(o), TypeKind::ObjectUnion(n)) => {
            if o.discriminator != n.discriminator {
                out.breaking(
                    &item,
                    Kind::TypeChanged,
                    &[Runtime, Bytes],
                    format!(
                        "`{}` is told apart by {:?} (was {:?})",
                        new.name, n.discriminator, o.discriminator
                    ),
                );
            }
            for (ov, nv) in pair(&o.variants, &n.variants, |v| v.variant.clone()) {
                if let (Some(ov), Some(nv)) = (ov, nv) {
                    if ov.tag != nv.tag {
                        out.breaking(
                            &format!("{item}.union.{}", nv.variant),
                            Kind::TypeChanged,
                            &[Runtime, Bytes],
                            format!(
                                "`{}::{}` has the tag {:?} (was {:?})",
                                new.name, nv.variant, nv.tag, ov.tag
                            ),
                        );
                    }
                }
            }
            union_variants(
                out,
                scope,
                &format!("{item}.union"),
                new,
                &o.variants,
                &n.variants,
            )
        }
        (o, n) => out.breaking(
            &item,
            Kind::TypeChanged,
            &[Compile],
            format!(
                "`{}` is now {} (was {})",
                old.name,
                kind_name(n),
                kind_name(o)
            ),
        ),
    }
}

fn kind_name(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Object(_) => "an object",
        TypeKind::StringEnum(_) => "a string enum",
        TypeKind::NumberEnum(_) => "a number enum",
        TypeKind::Union(_) => "a union",
        TypeKind::ObjectUnion(_) => "a union of objects",
        TypeKind::Alias(_) => "an alias",
    }
}

/// An object reached from responses has a public `extra` field; one reached
/// from requests has a constructor.
fn object_roles(out: &mut Out, item: &str, old: &TypeDecl, new: &TypeDecl) {
    if old.in_output != new.in_output {
        let now = if new.in_output {
            "now read from responses: it gains the public `extra` field"
        } else {
            "no longer read from responses: its `extra` field is gone"
        };
        out.breaking(
            item,
            Kind::TypeChanged,
            &[Compile],
            format!("`{}` is {now}", new.name),
        );
    }
    if old.in_input && !new.in_input {
        out.breaking(
            item,
            Kind::TypeChanged,
            &[Compile],
            format!(
                "`{}` is no longer used in requests: its constructor and request encoding are gone",
                new.name
            ),
        );
    }
}

fn enum_values(out: &mut Out, item: &str, decl: &TypeDecl, old: &[EnumValue], new: &[EnumValue]) {
    let renamed_wire = |value: &EnumValue, others: &[EnumValue], mine: &[EnumValue]| {
        others
            .iter()
            .find(|o| o.variant == value.variant && !mine.iter().any(|m| m.wire == o.wire))
            .cloned()
    };
    for (o, n) in pair(old, new, |v| v.wire.clone()) {
        match (o, n) {
            (Some(o), None) => match renamed_wire(o, new, old) {
                Some(n) => {
                    let mut effects = Vec::new();
                    if decl.in_input {
                        effects.push(Bytes);
                    }
                    if decl.in_output {
                        effects.push(Runtime);
                    }
                    out.breaking(
                        &format!("{item}.{}", o.wire),
                        Kind::Renamed,
                        &effects,
                        format!(
                            "`{}::{}` is `{}` on the wire (was `{}`)",
                            decl.name, o.variant, n.wire, o.wire
                        ),
                    );
                    enum_value(out, &format!("{item}.{}", n.wire), decl, o, &n);
                }
                None => out.breaking(
                    &format!("{item}.{}", o.wire),
                    Kind::Removed,
                    &[Compile],
                    format!(
                        "variant `{}::{}` removed; `{}` now arrives as `Unknown`",
                        decl.name, o.variant, o.wire
                    ),
                ),
            },
            (None, Some(n)) if renamed_wire(n, old, new).is_some() => {}
            (None, Some(n)) => {
                let summary = format!("value `{}` (`{}::{}`) added", n.wire, decl.name, n.variant);
                if rust_api::ENUMS_OPEN {
                    out.additive(&format!("{item}.{}", n.wire), Kind::Added, summary);
                } else {
                    out.breaking(
                        &format!("{item}.{}", n.wire),
                        Kind::Added,
                        &[Compile],
                        summary,
                    );
                }
            }
            (Some(o), Some(n)) => enum_value(out, &format!("{item}.{}", o.wire), decl, o, n),
            (None, None) => {}
        }
    }
}

fn enum_value(out: &mut Out, item: &str, decl: &TypeDecl, old: &EnumValue, new: &EnumValue) {
    if old.variant != new.variant {
        out.breaking(
            item,
            Kind::Renamed,
            &[Compile],
            format!(
                "variant `{}::{}` renamed `{}`",
                decl.name, old.variant, new.variant
            ),
        );
    }
    out.optional_doc(item, old.doc.as_ref(), new.doc.as_ref());
    out.deprecation(item, old.deprecated.as_ref(), new.deprecated.as_ref());
}

fn union_variants(
    out: &mut Out,
    scope: &Scope,
    item: &str,
    decl: &TypeDecl,
    old: &[UnionVariant],
    new: &[UnionVariant],
) {
    for (o, n) in pair(old, new, |v| v.variant.clone()) {
        match (o, n) {
            (Some(o), None) => out.breaking(
                &format!("{item}.{}", o.variant),
                Kind::Removed,
                &[Compile],
                format!("variant `{}::{}` removed", decl.name, o.variant),
            ),
            (None, Some(n)) => {
                let summary = format!(
                    "variant `{}::{}({})` added",
                    decl.name,
                    n.variant,
                    rust_type(&n.ty)
                );
                if rust_api::UNIONS_EXHAUSTIVE {
                    out.breaking(
                        &format!("{item}.{}", n.variant),
                        Kind::Added,
                        &[Compile],
                        format!("{summary}: a `match` on `{}` must handle it", decl.name),
                    );
                } else {
                    out.additive(&format!("{item}.{}", n.variant), Kind::Added, summary);
                }
            }
            (Some(o), Some(n)) => {
                let at = format!("{item}.{}", o.variant);
                out.optional_doc(&at, o.doc.as_ref(), n.doc.as_ref());
                let role = Role {
                    what: "variant",
                    sent: decl.in_input,
                    received: decl.in_output,
                    literal: false,
                    tells_null_apart: false,
                };
                type_change(out, scope, &at, role, (&o.ty, 0), (&n.ty, 0));
                rules(out, &at, role, &[], &o.constraints, &n.constraints);
            }
            (None, None) => {}
        }
    }
}

/// Fields of an object, query parameters or path parameters, by wire name;
/// a field whose wire name changed while its Rust name stayed is a rename.
fn fields(out: &mut Out, scope: &Scope, item: &str, role: Role, old: &[Field], new: &[Field]) {
    let renamed = |f: &Field, others: &[Field], mine: &[Field]| {
        others
            .iter()
            .find(|o| o.rust == f.rust && !mine.iter().any(|m| m.wire == o.wire))
            .cloned()
    };
    for (o, n) in pair(old, new, |f| f.wire.clone()) {
        match (o, n) {
            (Some(o), None) => match renamed(o, new, old) {
                Some(n) => {
                    let mut effects = Vec::new();
                    if role.sent {
                        effects.push(Bytes);
                    }
                    if role.received {
                        effects.push(Runtime);
                    }
                    out.breaking(
                        &format!("{item}.{}", o.wire),
                        Kind::Renamed,
                        &effects,
                        format!(
                            "{} `{}` is `{}` on the wire (was `{}`)",
                            role.what, o.rust, n.wire, o.wire
                        ),
                    );
                    field(out, scope, &format!("{item}.{}", n.wire), role, o, &n);
                }
                None => out.breaking(
                    &format!("{item}.{}", o.wire),
                    Kind::Removed,
                    &[Compile],
                    format!("{} `{}` removed", role.what, o.rust),
                ),
            },
            (None, Some(n)) if renamed(n, old, new).is_some() => {}
            (None, Some(n)) => {
                let at = format!("{item}.{}", n.wire);
                let summary = format!(
                    "{} `{}: {}` added",
                    role.what,
                    n.rust,
                    wrapped(&n.ty, role.options(n))
                );
                if !n.optional() {
                    out.breaking(
                        &at,
                        Kind::Added,
                        &[Compile],
                        format!("{summary}, required: constructors take it"),
                    );
                } else if role.literal {
                    out.breaking(
                        &at,
                        Kind::Added,
                        &[Compile],
                        format!("{summary}: struct literals and patterns must name it"),
                    );
                } else {
                    out.additive(&at, Kind::Added, summary);
                }
            }
            (Some(o), Some(n)) => field(out, scope, &format!("{item}.{}", o.wire), role, o, n),
            (None, None) => {}
        }
    }
}

fn field(out: &mut Out, scope: &Scope, item: &str, role: Role, old: &Field, new: &Field) {
    out.doc(item, &old.doc, &new.doc);
    out.deprecation(item, old.deprecated.as_ref(), new.deprecated.as_ref());
    if old.rust != new.rust {
        out.breaking(
            item,
            Kind::Renamed,
            &[Compile],
            format!(
                "{} `{}` renamed `{}` in Rust",
                role.what, old.rust, new.rust
            ),
        );
    }
    presence(out, item, role, old, new);
    let changed_type = type_change(
        out,
        scope,
        item,
        role,
        (&old.ty, role.options(old)),
        (&new.ty, role.options(new)),
    );
    if !changed_type && role.what == "query parameter" {
        query_encoding(out, scope, item, old, new);
    }
    rules(out, item, role, &[], &old.constraints, &new.constraints);
    default(out, item, role, old, new);
}

/// Required, optional and nullable: what the Rust type and the decoder make of them.
fn presence(out: &mut Out, item: &str, role: Role, old: &Field, new: &Field) {
    if old.optional() != new.optional() {
        let (kind, effects): (Kind, &[Effect]) = if new.optional() {
            (Kind::BecameOptional, &[Compile])
        } else if role.received {
            (Kind::BecameRequired, &[Compile, Runtime])
        } else {
            (Kind::BecameRequired, &[Compile])
        };
        let how = if role.literal || role.received {
            "its type changes"
        } else {
            "the builder's required arguments and the accessor change"
        };
        out.breaking(
            item,
            kind,
            effects,
            format!(
                "{} `{}` is now {}: {how} (`{}` → `{}`)",
                role.what,
                new.rust,
                if new.optional() {
                    "optional"
                } else {
                    "required"
                },
                wrapped(&old.ty, role.options(old)),
                wrapped(&new.ty, role.options(new))
            ),
        );
    } else if role.options(old) != role.options(new) {
        // A body field: `Option<T>` ↔ `Option<Option<T>>`, and `.x_null()`
        // comes or goes. Unset was left out or sent as `null`.
        let effects: &[Effect] = if old.required != new.required {
            &[Compile, Bytes]
        } else {
            &[Compile]
        };
        let now = if role.options(new) == 2 {
            "is now optional and nullable: absent and `null` are told apart"
        } else if new.required {
            "is now required (nullable): absent and `null` are no longer told apart"
        } else {
            "is no longer nullable: absent and `null` are no longer told apart"
        };
        out.breaking(
            item,
            Kind::TypeChanged,
            effects,
            format!(
                "{} `{}` {now} (`{}` → `{}`)",
                role.what,
                new.rust,
                wrapped(&old.ty, role.options(old)),
                wrapped(&new.ty, role.options(new))
            ),
        );
    } else if old.required != new.required {
        // Same Rust type (nullable): only whether a missing key is an error.
        if new.required && role.received {
            out.breaking(
                item,
                Kind::BecameRequired,
                &[Runtime],
                format!(
                    "{} `{}` must now be present in responses (null allowed)",
                    role.what, new.rust
                ),
            );
        } else {
            out.additive(
                item,
                if new.required {
                    Kind::BecameRequired
                } else {
                    Kind::BecameOptional
                },
                format!(
                    "{} `{}` is now {}",
                    role.what,
                    new.rust,
                    if new.required {
                        "required (nullable)"
                    } else {
                        "optional"
                    }
                ),
            );
        }
    }
}

/// How `new` relates to `old` as a set of accepted values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Relation {
    Same,
    Widened,
    Narrowed,
    Changed,
}

fn relation(scope: &Scope, old: &Type, new: &Type) -> Relation {
    let string_enum = |types: &[TypeDecl], name: &str| {
        types
            .iter()
            .any(|t| t.name == name && matches!(t.kind, TypeKind::StringEnum(_)))
    };
    match (old, new) {
        _ if old == new => Relation::Same,
        (Type::Integer, Type::Number) | (Type::DateTime, Type::String) | (_, Type::Json) => {
            Relation::Widened
        }
        (Type::Number, Type::Integer) | (Type::String, Type::DateTime) | (Type::Json, _) => {
            Relation::Narrowed
        }
        (Type::Named(name), Type::String) if string_enum(scope.old_types, name) => {
            Relation::Widened
        }
        (Type::String, Type::Named(name)) if string_enum(scope.new_types, name) => {
            Relation::Narrowed
        }
        (Type::Array(a), Type::Array(b))
        | (Type::Map(a), Type::Map(b))
        | (Type::Nullable(a), Type::Nullable(b)) => relation(scope, a, b),
        // `Option<T>` takes every `T` and `null`: the Rust type changes all
        // the same.
        (a, Type::Nullable(b))
            if matches!(relation(scope, a, b), Relation::Same | Relation::Widened) =>
        {
            Relation::Widened
        }
        (Type::Nullable(a), b)
            if matches!(relation(scope, a, b), Relation::Same | Relation::Narrowed) =>
        {
            Relation::Narrowed
        }
        _ => Relation::Changed,
    }
}

/// A changed type: every Rust use of it stops compiling; a narrower type also
/// refuses responses the old one read. Returns whether the type changed.
fn type_change(
    out: &mut Out,
    scope: &Scope,
    item: &str,
    role: Role,
    (old, old_options): (&Type, usize),
    (new, new_options): (&Type, usize),
) -> bool {
    let relation = relation(scope, old, new);
    let (kind, word) = match relation {
        Relation::Same => return false,
        Relation::Widened => (Kind::TypeWidened, "widened"),
        Relation::Narrowed => (Kind::TypeNarrowed, "narrowed"),
        Relation::Changed => (Kind::TypeChanged, "changed"),
    };
    let mut effects = vec![Compile];
    if relation != Relation::Widened && role.received {
        effects.push(Runtime);
    }
    out.breaking(
        item,
        kind,
        &effects,
        format!(
            "type {word}: `{}` → `{}`",
            wrapped(old, old_options),
            wrapped(new, new_options)
        ),
    );
    true
}

/// The query keys a parameter writes, nesting and array markers included.
fn query_keys(
    style: &QueryStyle,
    types: &[TypeDecl],
    key: &str,
    ty: &Type,
    depth: usize,
) -> Vec<String> {
    match ty {
        Type::Array(inner) => query_keys(style, types, &style.array_key(key), inner, depth),
        Type::Named(name) if depth < 8 => match types.iter().find(|t| &t.name == name) {
            Some(TypeDecl {
                kind: TypeKind::Object(fields),
                ..
            }) => fields
                .iter()
                .flat_map(|f| {
                    query_keys(
                        style,
                        types,
                        &style.nested_key(key, &f.wire),
                        &f.ty,
                        depth + 1,
                    )
                })
                .collect(),
            _ => vec![key.to_string()],
        },
        _ => vec![key.to_string()],
    }
}

/// The API's query style changed how this parameter is written.
fn query_encoding(out: &mut Out, scope: &Scope, item: &str, old: &Field, new: &Field) {
    if scope.old_style == scope.new_style {
        return;
    }
    let was = query_keys(&scope.old_style, scope.old_types, &old.wire, &old.ty, 0);
    let now = query_keys(&scope.new_style, scope.new_types, &new.wire, &new.ty, 0);
    if was != now {
        out.breaking(
            item,
            Kind::QueryEncodingChanged,
            &[Bytes],
            format!(
                "query parameter `{}` is sent as `{}=…` (was `{}=…`)",
                new.rust,
                now.join("=…&"),
                was.join("=…&")
            ),
        );
    }
}

/// A lower (`minimum`, `min_length`) or upper bound: a tighter bound on
/// something sent makes `build()` refuse values it took before.
fn bound<T: PartialOrd + Display + Copy>(
    out: &mut Out,
    item: &str,
    role: Role,
    name: &str,
    old: Option<T>,
    new: Option<T>,
    lower: bool,
) {
    let tightened = match (old, new) {
        (None, None) => return,
        (Some(a), Some(b)) if a == b => return,
        (None, Some(_)) => true,
        (Some(_), None) => false,
        (Some(a), Some(b)) => (b > a) == lower,
    };
    let text = |v: Option<T>| v.map_or_else(|| "none".to_string(), |v| v.to_string());
    let summary = format!("{name} {} → {}", text(old), text(new));
    if !role.checked() {
        out.docs(item, format!("{summary} (not checked on responses)"));
    } else if tightened {
        out.breaking(
            item,
            Kind::BoundTightened,
            &[Runtime],
            format!("{summary}: `build()` refuses values it accepted"),
        );
    } else {
        out.additive(item, Kind::BoundLoosened, summary);
    }
}

/// Where nested rules apply: to each item of an array, each value of a map.
#[derive(Clone, Copy)]
enum Within {
    Items,
    Values,
}

/// Every rule of a value, nested ones (`items`, `values`) included. Bounds
/// tighten or loosen; any other rule is added, removed or changed.
fn rules(
    out: &mut Out,
    item: &str,
    role: Role,
    within: &[Within],
    old: &Constraints,
    new: &Constraints,
) {
    if old == new {
        return;
    }
    let key = |name: &str| {
        let mut key: String = within
            .iter()
            .map(|w| match w {
                Within::Items => "items.",
                Within::Values => "values.",
            })
            .collect();
        key.push_str(name);
        key
    };
    let (o, n) = (old, new);
    for (name, was, now, lower) in [
        ("minimum", o.minimum, n.minimum, true),
        ("maximum", o.maximum, n.maximum, false),
        (
            "exclusive_minimum",
            o.exclusive_minimum,
            n.exclusive_minimum,
            true,
        ),
        (
            "exclusive_maximum",
            o.exclusive_maximum,
            n.exclusive_maximum,
            false,
        ),
    ] {
        bound(out, item, role, &key(name), was, now, lower);
    }
    for (name, was, now, lower) in [
        ("min_length", o.min_length, n.min_length, true),
        ("max_length", o.max_length, n.max_length, false),
        ("min_items", o.min_items, n.min_items, true),
        ("max_items", o.max_items, n.max_items, false),
    ] {
        bound(out, item, role, &key(name), was, now, lower);
    }

    // One rule alone, nested where it applies, in the params docs' words.
    let words = |rule: Constraints| {
        if rule.is_empty() {
            return None;
        }
        let nested = within.iter().rev().fold(rule, |inner, w| {
            let inner = Some(Box::new(inner));
            match w {
                Within::Items => Constraints {
                    items: inner,
                    ..Constraints::default()
                },
                Within::Values => Constraints {
                    values: inner,
                    ..Constraints::default()
                },
            }
        });
        Some(constraint_notes(&nested).join(", "))
    };
    // Each rule of both sides alone, and whether changing it loosens it.
    let alone = |pick: fn(&Constraints) -> Constraints, loosens: bool| {
        (words(pick(o)), words(pick(n)), loosens)
    };
    let finer_step = match (o.multiple_of, n.multiple_of) {
        // Every multiple of 10 is one of 5.
        (Some(a), Some(b)) => b.as_f64() != 0.0 && (a.as_f64() / b.as_f64()).fract() == 0.0,
        _ => false,
    };
    // More rule sets to choose from take more values.
    let more_sets = o.any_of.iter().all(|set| n.any_of.contains(set));
    let each = [
        alone(
            |c| Constraints {
                multiple_of: c.multiple_of,
                ..Constraints::default()
            },
            finer_step,
        ),
        alone(
            |c| Constraints {
                pattern: c.pattern.clone(),
                ..Constraints::default()
            },
            false,
        ),
        alone(
            |c| Constraints {
                format: c.format.clone(),
                ..Constraints::default()
            },
            false,
        ),
        alone(
            |c| Constraints {
                unique_items: c.unique_items,
                ..Constraints::default()
            },
            false,
        ),
        alone(
            |c| Constraints {
                constant: c.constant,
                ..Constraints::default()
            },
            false,
        ),
        alone(
            |c| Constraints {
                any_of: c.any_of.clone(),
                ..Constraints::default()
            },
            more_sets,
        ),
    ];
    for (was, now, loosens) in each {
        rule(out, item, role, was, now, loosens);
    }
    let empty = Constraints::default();
    for (nested, old, new) in [
        (Within::Items, &o.items, &n.items),
        (Within::Values, &o.values, &n.values),
    ] {
        let within = [within, &[nested]].concat();
        let (old, new) = (
            old.as_deref().unwrap_or(&empty),
            new.as_deref().unwrap_or(&empty),
        );
        rules(out, item, role, &within, old, new);
    }
}

/// A rule that is not a bound, in words (`None`: absent). Added or changed on
/// something sent, `build()` refuses values it accepted, unless the change
/// `loosens` it; removed, it refuses fewer.
fn rule(
    out: &mut Out,
    item: &str,
    role: Role,
    old: Option<String>,
    new: Option<String>,
    loosens: bool,
) {
    let (summary, tightened) = match (old, new) {
        (a, b) if a == b => return,
        (None, Some(b)) => (format!("rule added: {b}"), true),
        (Some(a), None) => (format!("rule removed: {a}"), false),
        (Some(a), Some(b)) => (format!("rule changed: {a} → {b}"), !loosens),
        (None, None) => return,
    };
    if !role.checked() {
        out.docs(item, format!("{summary} (not checked on responses)"));
    } else if tightened {
        out.breaking(
            item,
            Kind::RuleTightened,
            &[Runtime],
            format!("{summary}: `build()` refuses values it accepted"),
        );
    } else {
        out.additive(item, Kind::RuleLoosened, summary);
    }
}

/// `at_least_one_of`: a request sets one or more of these fields. More
/// fields to choose from loosen it; a field taken off the list tightens it.
fn at_least_one_of(out: &mut Out, item: &str, role: Role, old: &[String], new: &[String]) {
    let words = |wires: &[String]| {
        let mut wires = wires.to_vec();
        wires.sort();
        (!wires.is_empty()).then(|| format!("set at least one of {}", wires.join(", ")))
    };
    let loosens = old.iter().all(|w| new.contains(w));
    rule(out, item, role, words(old), words(new), loosens);
}

/// The API's default is what a request that leaves the value unset gets.
fn default(out: &mut Out, item: &str, role: Role, old: &Field, new: &Field) {
    match (&old.default, &new.default) {
        (Some(a), Some(b)) if a != b && role.sent => out.breaking(
            item,
            Kind::DefaultChanged,
            &[Bytes],
            format!(
                "default {a} → {b}: a request that leaves `{}` unset now means {b}",
                new.rust
            ),
        ),
        (a, b) if a != b => out.docs(
            item,
            format!(
                "default {} → {}",
                a.as_deref().unwrap_or("none"),
                b.as_deref().unwrap_or("none")
            ),
        ),
        _ => {}
    }
}

fn operation(out: &mut Out, scope: &Scope, old: &Operation, new: &Operation) {
    let item = format!("operations.{}", old.name);
    out.doc(&item, &old.doc, &new.doc);
    out.deprecation(&item, old.deprecated.as_ref(), new.deprecated.as_ref());
    accepted_auth(out, &item, old, new);
    if old.method != new.method {
        out.breaking(
            &format!("{item}.method"),
            Kind::MethodChanged,
            &[Bytes],
            format!(
                "`{}` is sent as {} (was {})",
                old.name,
                new.method.as_str(),
                old.method.as_str()
            ),
        );
    }
    if path_shape(old) != path_shape(new) {
        out.breaking(
            &format!("{item}.path"),
            Kind::PathChanged,
            &[Bytes],
            format!("path `{}` → `{}`", old.path_template, new.path_template),
        );
    }
    if old.params_type != new.params_type {
        out.breaking(
            &format!("{item}.params_type"),
            Kind::Renamed,
            &[Compile],
            format!("`{}` renamed `{}`", old.params_type, new.params_type),
        );
    }
    path_params(out, scope, &item, old, new);
    fields(
        out,
        scope,
        &format!("{item}.query"),
        Role::sent("query parameter"),
        &old.query,
        &new.query,
    );
    fields(
        out,
        scope,
        &format!("{item}.headers"),
        Role::sent("header"),
        &old.headers,
        &new.headers,
    );
    body(out, scope, &item, (old, new));
    response(out, scope, &item, &old.response, &new.response);
    match (&old.pagination, &new.pagination) {
        (None, Some(_)) => out.additive(
            &format!("{item}.pagination"),
            Kind::Added,
            format!("`{}_auto_paging` added", new.name),
        ),
        (Some(_), None) => out.breaking(
            &format!("{item}.pagination"),
            Kind::Removed,
            &[Compile],
            format!("`{}_auto_paging` removed", old.name),
        ),
        (Some(a), Some(b)) if a != b => out.breaking(
            &format!("{item}.pagination"),
            Kind::SettingChanged,
            &[Runtime],
            format!("`{}_auto_paging` pages by other fields", new.name),
        ),
        _ => {}
    }
}

/// The request body: added, removed, of another kind, or its fields, value,
/// parts or content type changed.
fn body(out: &mut Out, scope: &Scope, item: &str, (old, new): (&Operation, &Operation)) {
    let at = format!("{item}.body");
    let role = |what| Role {
        what,
        sent: true,
        received: false,
        literal: false,
        tells_null_apart: true,
    };
    let listed = |fields: &[Field]| {
        fields
            .iter()
            .map(|f| format!("`{}`", f.rust))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match (&old.body, &new.body) {
        (None, None) => {}
        (Some(o), None) => out.breaking(
            &at,
            Kind::Removed,
            &[Compile, Bytes],
            format!(
                "request body ({}) removed: `{}` loses {}",
                body_kind(&o.kind),
                new.params_type,
                listed(o.fields())
            ),
        ),
        (None, Some(n)) => {
            let summary = format!(
                "request body ({}) added: `{}` gains {}",
                body_kind(&n.kind),
                new.params_type,
                listed(n.fields())
            );
            let required: Vec<Field> = n
                .fields()
                .iter()
                .filter(|f| role("").options(f) == 0)
                .cloned()
                .collect();
            if required.is_empty() {
                out.additive(&at, Kind::Added, summary);
            } else {
                out.breaking(
                    &at,
                    Kind::Added,
                    &[Compile],
                    format!("{summary}; `builder()` takes {}", listed(&required)),
                );
            }
        }
        (Some(o), Some(n)) => {
            out.optional_doc(&at, o.doc.as_ref(), n.doc.as_ref());
            match (&o.kind, &n.kind) {
                (BodyKind::JsonFields(a), BodyKind::JsonFields(b)) => {
                    let fields_role = role("body field");
                    fields(out, scope, &format!("{at}.json"), fields_role, a, b);
                    at_least_one_of(
                        out,
                        &format!("{at}.at_least_one_of"),
                        fields_role,
                        &o.at_least_one_of,
                        &n.at_least_one_of,
                    );
                }
                (BodyKind::JsonValue(a), BodyKind::JsonValue(b)) => {
                    let at = format!("{at}.json_type");
                    field(out, scope, &at, role("request body"), a, b);
                }
                (BodyKind::Multipart(a), BodyKind::Multipart(b)) => {
                    fields(out, scope, &format!("{at}.multipart"), role("part"), a, b);
                }
                (
                    BodyKind::Raw {
                        content_type: was,
                        field: a,
                    },
                    BodyKind::Raw {
                        content_type: now,
                        field: b,
                    },
                ) => {
                    let at = format!("{at}.raw");
                    if was != now {
                        out.breaking(
                            &at,
                            Kind::SettingChanged,
                            &[Bytes],
                            format!("request body sent as `Content-Type: {now}` (was `{was}`)"),
                        );
                    }
                    field(out, scope, &at, role("request body"), a, b);
                }
                (a, b) => {
                    // The same params fields, and `to_json_body()` kept or
                    // gained: calls compile and send other bytes.
                    let shape = |body: &Body| -> Vec<(String, String)> {
                        body.fields()
                            .iter()
                            .map(|f| (f.rust.clone(), wrapped(&f.ty, role("").options(f))))
                            .collect()
                    };
                    let json_method = rust_api::to_json_body(o);
                    let effects: &[Effect] = if shape(o) == shape(n)
                        && (json_method.is_none() || json_method == rust_api::to_json_body(n))
                    {
                        &[Bytes]
                    } else {
                        &[Compile, Bytes]
                    };
                    out.breaking(
                        &at,
                        Kind::TypeChanged,
                        effects,
                        format!("request body is {} (was {})", body_kind(b), body_kind(a)),
                    );
                }
            }
        }
    }
}

fn body_kind(kind: &BodyKind) -> String {
    match kind {
        BodyKind::JsonFields(_) => "JSON fields".to_string(),
        BodyKind::JsonValue(field) => format!("JSON `{}`", rust_type(&field.ty)),
        BodyKind::Multipart(_) => "multipart/form-data".to_string(),
        BodyKind::Raw { content_type, .. } => format!("raw `{content_type}`"),
    }
}

/// Which auth schemes an operation accepts (`None`: any the client has).
/// A client holding only a scheme no longer accepted fails before sending.
fn accepted_auth(out: &mut Out, item: &str, old: &Operation, new: &Operation) {
    let item = format!("{item}.auth");
    match (&old.auth, &new.auth) {
        (a, b) if a == b => {}
        (None, Some(now)) => out.breaking(
            &item,
            Kind::SettingChanged,
            &[Runtime],
            format!(
                "`{}` accepts only the auth schemes [{}] (accepted any); a client with another one fails before sending",
                new.name,
                now.join(", ")
            ),
        ),
        (Some(_), None) => out.additive(
            &item,
            Kind::SettingChanged,
            format!("`{}` accepts any auth scheme", new.name),
        ),
        (Some(was), Some(now)) => {
            for scheme in was.iter().filter(|s| !now.contains(s)) {
                out.breaking(
                    &item,
                    Kind::Removed,
                    &[Runtime],
                    format!(
                        "`{}` no longer accepts the auth scheme `{scheme}`; a client with only that one fails before sending",
                        new.name
                    ),
                );
            }
            for scheme in now.iter().filter(|s| !was.contains(s)) {
                out.additive(
                    &item,
                    Kind::Added,
                    format!("`{}` accepts the auth scheme `{scheme}`", new.name),
                );
            }
        }
        _ => {}
    }
}

/// The path with parameters as `{}`: renaming a parameter sends the same bytes.
fn path_shape(op: &Operation) -> Vec<String> {
    op.path
        .iter()
        .map(|part| match part {
            PathPart::Literal(text) => text.clone(),
            PathPart::Param(_) => "{}".to_string(),
        })
        .collect()
}

fn path_params(out: &mut Out, scope: &Scope, item: &str, old: &Operation, new: &Operation) {
    let role = Role::sent("path parameter");
    // A method argument is positional: renaming it (wire and Rust name
    // together) changes its docs only. Pair such arguments by position.
    fn arguments(op: &Operation) -> Vec<&Field> {
        op.path_params
            .iter()
            .filter(|p| p.argument)
            .map(|p| &p.field)
            .collect()
    }
    let (old_args, new_args) = (arguments(old), arguments(new));
    let mut new_fields: Vec<Field> = new.path_params.iter().map(|p| p.field.clone()).collect();
    for (o, n) in old_args.iter().zip(&new_args) {
        let unmatched = |f: &Field, others: &[&Field]| !others.iter().any(|x| x.wire == f.wire);
        if o.wire != n.wire && unmatched(o, &new_args) && unmatched(n, &old_args) {
            out.docs(
                &format!("{item}.path_params.{}", o.wire),
                format!(
                    "argument `{}` renamed `{}` (positional: calls are unchanged)",
                    o.rust, n.rust
                ),
            );
            if let Some(f) = new_fields.iter_mut().find(|f| f.wire == n.wire) {
                f.wire = o.wire.clone();
                f.rust = o.rust.clone();
            }
        }
    }
    let old_fields: Vec<Field> = old.path_params.iter().map(|p| p.field.clone()).collect();
    fields(
        out,
        scope,
        &format!("{item}.path_params"),
        role,
        &old_fields,
        &new_fields,
    );
    for o in &old.path_params {
        let Some(n) = new
            .path_params
            .iter()
            .find(|n| n.field.wire == o.field.wire)
        else {
            continue;
        };
        if o.argument != n.argument {
            out.breaking(
                &format!("{item}.path_params.{}", o.field.wire),
                Kind::TypeChanged,
                &[Compile],
                format!(
                    "path parameter `{}` is now {}",
                    n.field.rust,
                    if n.argument {
                        format!("an argument of `{}`", new.name)
                    } else {
                        format!("a field of `{}`", new.params_type)
                    }
                ),
            );
        }
    }
    // Arguments are all `&str`: reordered ones still compile, and swap values.
    let arguments = |op: &Operation, other: &Operation| -> Vec<String> {
        op.path_params
            .iter()
            .filter(|p| p.argument)
            .filter(|p| {
                other
                    .path_params
                    .iter()
                    .any(|o| o.argument && o.field.wire == p.field.wire)
            })
            .map(|p| p.field.rust.clone())
            .collect()
    };
    let (was, now) = (arguments(old, new), arguments(new, old));
    if was != now {
        out.breaking(
            &format!("{item}.path"),
            Kind::Reordered,
            &[Bytes],
            format!(
                "arguments of `{}` reordered ({} → {}): calls still compile and send each value in another's place",
                new.name,
                was.join(", "),
                now.join(", ")
            ),
        );
    }
}

fn response(out: &mut Out, scope: &Scope, item: &str, old: &Response, new: &Response) {
    let item = format!("{item}.response");
    let describe = |r: &Response| match r {
        Response::Page { item, info } => format!("a page of `{}` with `{info}`", rust_type(item)),
        Response::Result(ty) => format!("`{}` in the envelope", rust_type(ty)),
        Response::Raw(ty) => format!("`{}` as the body", rust_type(ty)),
        Response::Bytes => "the body's bytes".to_string(),
        Response::Text => "the body as text".to_string(),
        Response::Empty => "nothing".to_string(),
    };
    let role = Role {
        what: "response",
        sent: false,
        received: true,
        literal: false,
        tells_null_apart: false,
    };
    match (old, new) {
        _ if old == new => {}
        (Response::Result(a), Response::Result(b)) | (Response::Raw(a), Response::Raw(b)) => {
            type_change(out, scope, &item, role, (a, 0), (b, 0));
        }
        _ => out.breaking(
            &item,
            Kind::ResponseChanged,
            &[Compile, Runtime],
            format!("returns {} (was {})", describe(new), describe(old)),
        ),
    }
}
