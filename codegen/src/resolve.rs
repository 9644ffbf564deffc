//! Type names across files: `Type` is a type of the same file, and
//! `group.resource.Type` a type of `group/resource.yaml`. Validation and the
//! model resolve names through one `TypeIndex`, so both read them alike.

use std::collections::BTreeMap;

use crate::load::Source;
use crate::schema::{ResourceFile, TypeDef};

/// Every resource file's types, by file.
pub struct TypeIndex<'a> {
    files: BTreeMap<&'a str, &'a ResourceFile>,
}

/// A resolved type name: the file that declares it and its name there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct TypeRef<'a> {
    pub file: &'a str,
    pub name: &'a str,
}

impl<'a> TypeIndex<'a> {
    pub fn new(resources: &'a [Source<ResourceFile>]) -> Self {
        Self {
            files: resources
                .iter()
                .map(|r| (r.file.as_str(), &r.data))
                .collect(),
        }
    }

    /// The type `name` means when written in `from` (a file path), if it exists.
    pub fn resolve(&self, from: &str, name: &str) -> Option<(TypeRef<'a>, &'a TypeDef)> {
        let (file, type_name) = match split_shared(name) {
            Some((file, type_name)) => (self.files.get_key_value(file.as_str())?, type_name),
            None => (self.files.get_key_value(from)?, name),
        };
        let (file, data) = file;
        let (type_name, def) = data.types.iter().find(|(n, _)| n.as_str() == type_name)?;
        Some((
            TypeRef {
                file,
                name: type_name.as_str(),
            },
            def,
        ))
    }

    /// Every type as another file would name it (`group.resource.Type`), for "did you mean".
    pub fn shared_names(&self) -> Vec<String> {
        self.files
            .iter()
            .flat_map(|(file, data)| {
                data.types
                    .iter()
                    .map(move |(name, _)| shared_name(file, name))
            })
            .collect()
    }
}

/// `group.resource.Type` -> (`group/resource.yaml`, `Type`); `None` for a local name.
pub fn split_shared(name: &str) -> Option<(String, &str)> {
    let (module, type_name) = name.rsplit_once('.')?;
    Some((format!("{}.yaml", module.replace('.', "/")), type_name))
}

/// How a type of `file` is named from another file.
pub fn shared_name(file: &str, name: &str) -> String {
    let module = file.strip_suffix(".yaml").unwrap_or(file).replace('/', ".");
    format!("{module}.{name}")
}

/// The name the type `to` has inside `file`: bare when `file` declares it.
pub fn name_in(file: &str, to: TypeRef<'_>) -> String {
    if to.file == file {
        to.name.to_string()
    } else {
        shared_name(to.file, to.name)
    }
}

/// One field of an object, with the file its type names are written in.
pub struct ObjectField<'a> {
    pub wire: &'a str,
    pub def: &'a crate::schema::FieldDef,
    pub file: &'a str,
}

/// The most `all_of` levels followed; deeper is a cycle or a mistake.
const MAX_ALL_OF_DEPTH: usize = 32;

impl<'a> TypeIndex<'a> {
    /// An object type's fields: those of its `all_of` parts in order, then its
    /// own. The same field in two places is allowed only when both say the
    /// same thing (type, format, required, nullable); anything else is an error.
    pub fn object_fields(
        &self,
        file: &'a str,
        def: &'a TypeDef,
    ) -> Result<Vec<ObjectField<'a>>, String> {
        let mut out = Vec::new();
        self.collect_fields(file, def, 0, &mut out)?;
        Ok(out)
    }

    fn collect_fields(
        &self,
        file: &'a str,
        def: &'a TypeDef,
        depth: usize,
        out: &mut Vec<ObjectField<'a>>,
    ) -> Result<(), String> {
        if depth > MAX_ALL_OF_DEPTH {
            return Err(format!(
                "all_of nests more than {MAX_ALL_OF_DEPTH} deep; does a type contain itself?"
            ));
        }
        for part in def.all_of.iter().flatten() {
            let Some((to, part_def)) = self.resolve(file, part) else {
                return Err(format!("all_of: unknown type `{part}`"));
            };
            if part_def.object.is_none() && part_def.all_of.is_none() {
                return Err(format!("all_of: `{part}` is not an object type"));
            }
            self.collect_fields(to.file, part_def, depth + 1, out)?;
        }
        for (wire, field) in def.object.iter().flat_map(|fields| fields.iter()) {
            let field = ObjectField {
                wire,
                def: field,
                file,
            };
            match out.iter().find(|f| f.wire == wire.as_str()) {
                Some(other) if self.same_field(other, &field) => {}
                Some(_) => {
                    return Err(format!(
                        "field `{wire}` is declared twice with different types or flags (all_of parts and own fields must agree)"
                    ))
                }
                None => out.push(field),
            }
        }
        Ok(())
    }

    fn same_field(&self, a: &ObjectField<'a>, b: &ObjectField<'a>) -> bool {
        let (x, y) = (a.def, b.def);
        x.required == y.required
            && x.nullable == y.nullable
            && x.format == y.format
            && self.same_type(a.file, &x.ty, b.file, &y.ty)
    }

    fn same_type(
        &self,
        a_file: &'a str,
        a: &'a crate::schema::TypeExpr,
        b_file: &'a str,
        b: &'a crate::schema::TypeExpr,
    ) -> bool {
        use crate::schema::TypeExpr;
        match (a, b) {
            (TypeExpr::Name(x), TypeExpr::Name(y)) => {
                match (self.resolve(a_file, x), self.resolve(b_file, y)) {
                    (Some((x, _)), Some((y, _))) => x == y,
                    (None, None) => x == y,
                    _ => false,
                }
            }
            (TypeExpr::Array { array: x }, TypeExpr::Array { array: y })
            | (TypeExpr::Map { map: x }, TypeExpr::Map { map: y })
            | (TypeExpr::Nullable { nullable: x }, TypeExpr::Nullable { nullable: y }) => {
                self.same_type(a_file, x, b_file, y)
            }
            _ => false,
        }
    }
}
