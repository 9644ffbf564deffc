//! Unions with object (or array) members: an enum with one variant per
//! member and `Unknown(serde_json::Value)` for a value no member fits, so a
//! member the API adds later does not break decoding.
//!
//! Decoding reads the value once (refusing duplicate keys, as everywhere),
//! then picks by its JSON kind: a string, boolean or number goes to the
//! scalar member of that kind, an array to the array member, and an object
//!
//! * in a tagged union (`discriminator`), to the member whose `tag` the
//!   discriminator property holds, decoded without that property;
//! * otherwise, to the first member that decodes, tried in the order
//!   `runtime::union::candidates` gives (all its required fields present,
//!   and some field present when none is required; most required fields
//!   first, then most known fields present, then declaration order).
//!
//! Serialising writes the member back (tagged members with their tag first)
//! and `Unknown` exactly as it was read.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::{doc, ident, rust_type};
use super::validation::{value_checks, Checks, ParamName};
use crate::model::{ObjectUnion, Type, TypeDecl, TypeKind, UnionVariant};

pub fn object_union(
    decl: &TypeDecl,
    union: &ObjectUnion,
    types: &[TypeDecl],
    checks: &Checks,
) -> TokenStream {
    let name = ident(&decl.name);
    let header = {
        let doc = doc(&format!(
            "{}\n\n{}",
            decl.doc.trim(),
            rule_doc(union).replace("`Unknown`", &format!("`{}`", catch_all_name(union)))
        ));
        let deprecated = super::tokens::deprecated(decl.deprecated.as_ref());
        quote!(#doc #deprecated)
    };
    let variants = &union.variants;
    let catch_all = catch_all(union);
    let members = variants.iter().map(|v| {
        let variant = ident(&v.variant);
        let ty = member_type(v);
        let text = v.doc.clone().unwrap_or_else(|| match (&v.tag, &v.ty) {
            (Some(tag), _) => format!("The member tagged `{tag}`."),
            (None, Type::Named(n)) => format!("A `{}`.", n.rsplit('.').next().unwrap_or(n)),
            (None, _) => "A value of this type.".to_string(),
        });
        let doc = doc(&text);
        quote!(#doc #variant(#ty),)
    });
    let froms = froms(&name, variants);
    let decode = decode(&name, union, types, &catch_all);
    let serialize = serialize(union);
    // A `json` member is the catch-all itself; otherwise `Unknown` is added.
    let unknown = if union.variants.iter().any(|v| v.ty == Type::Json) {
        TokenStream::new()
    } else {
        quote! {
            /// A value no member fits (a member this SDK does not know yet), kept as sent.
            Unknown(::serde_json::Value),
        }
    };
    let validate = if checks.needs(&decl.name) {
        validate(&name, variants, checks)
    } else {
        TokenStream::new()
    };
    // Object members are held in place, as decoded: boxing them would cost an
    // allocation per value and tie the API to each member's size.
    let large = if variants.iter().any(|v| matches!(v.ty, Type::Named(_))) {
        quote!(#[allow(clippy::large_enum_variant)])
    } else {
        TokenStream::new()
    };
    quote! {
        #header
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        #large
        pub enum #name {
            #(#members)*
            #unknown
        }

        #(#froms)*

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                #serialize
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <crate::runtime::envelope::StrictValue as ::serde::Deserialize>::deserialize(deserializer)?.0;
                Ok(Self::from_json(value))
            }
        }

        #decode

        #validate
    }
}

/// The variant a value no member fits goes to: the `json` member, else `Unknown`.
fn catch_all_name(union: &ObjectUnion) -> &str {
    union
        .variants
        .iter()
        .find(|v| v.ty == Type::Json)
        .map_or("Unknown", |v| v.variant.as_str())
}

fn catch_all(union: &ObjectUnion) -> proc_macro2::Ident {
    ident(catch_all_name(union))
}

/// The Rust type a variant holds, boxed when it closes a cycle.
fn member_type(v: &UnionVariant) -> TokenStream {
    let ty = rust_type(&v.ty);
    if v.boxed {
        quote!(Box<#ty>)
    } else {
        ty
    }
}

/// The decoding rule, for the enum's docs.
fn rule_doc(union: &ObjectUnion) -> String {
    match &union.discriminator {
        Some(property) => format!(
            "Tagged by `{property}`: an object decodes as the member its `{property}` names. A value with no known tag, or one its member cannot decode, is kept in `Unknown`."
        ),
        None => "Decoding picks the member by the value's JSON kind; an object goes to the first member that decodes, trying members whose required fields are all present, most required fields first. A value no member fits is kept in `Unknown`.".to_string(),
    }
}

/// `From` for each member type that only one variant holds.
fn froms(name: &proc_macro2::Ident, variants: &[UnionVariant]) -> Vec<TokenStream> {
    variants
        .iter()
        .filter(|v| variants.iter().filter(|w| w.ty == v.ty).count() == 1)
        .map(|v| {
            let variant = ident(&v.variant);
            let ty = rust_type(&v.ty);
            let value = if v.boxed {
                quote!(Box::new(value))
            } else {
                quote!(value)
            };
            let from_str = if v.ty == Type::String {
                quote! {
                    impl From<&str> for #name {
                        fn from(value: &str) -> Self {
                            Self::#variant(value.to_owned())
                        }
                    }
                }
            } else {
                TokenStream::new()
            };
            quote! {
                impl From<#ty> for #name {
                    fn from(value: #ty) -> Self {
                        Self::#variant(#value)
                    }
                }

                #from_str
            }
        })
        .collect()
}

fn serialize(union: &ObjectUnion) -> TokenStream {
    let arms = union.variants.iter().map(|v| {
        let variant = ident(&v.variant);
        match (&union.discriminator, &v.tag) {
            (Some(_), Some(tag)) => quote! {
                Self::#variant(value) => ::serde::Serialize::serialize(&Tagged { tag: #tag, value }, serializer),
            },
            _ => quote!(Self::#variant(value) => ::serde::Serialize::serialize(value, serializer),),
        }
    });
    // The tag first, then the member's own fields in their order.
    let tagged = match &union.discriminator {
        Some(property) => quote! {
            #[derive(::serde::Serialize)]
            struct Tagged<'a, M> {
                #[serde(rename = #property)]
                tag: &'static str,
                #[serde(flatten)]
                value: &'a M,
            }
        },
        None => TokenStream::new(),
    };
    let unknown = if union.variants.iter().any(|v| v.ty == Type::Json) {
        TokenStream::new()
    } else {
        quote!(Self::Unknown(value) => ::serde::Serialize::serialize(value, serializer),)
    };
    quote! {
        #tagged
        match self {
            #(#arms)*
            #unknown
        }
    }
}

/// `from_json`: the member a decoded value fits, or `Unknown`.
fn decode(
    name: &proc_macro2::Ident,
    union: &ObjectUnion,
    types: &[TypeDecl],
    catch_all: &proc_macro2::Ident,
) -> TokenStream {
    let variants = &union.variants;
    let by_kind = |matches: fn(&Type) -> bool| variants.iter().find(|v| matches(&v.ty));
    let mut kinds = Vec::new();
    if let Some(v) = by_kind(|t| *t == Type::String) {
        let variant = ident(&v.variant);
        kinds.push(quote!(::serde_json::Value::String(text) => return Self::#variant(text),));
    }
    if let Some(v) = by_kind(|t| *t == Type::Bool) {
        let variant = ident(&v.variant);
        kinds.push(quote!(::serde_json::Value::Bool(flag) => return Self::#variant(flag),));
    }
    if let Some(v) = by_kind(|t| *t == Type::Integer) {
        let variant = ident(&v.variant);
        kinds.push(quote! {
            ::serde_json::Value::Number(number) if number.is_i64() => {
                return Self::#variant(number.as_i64().unwrap_or_default());
            }
        });
    }
    if let Some(v) = by_kind(|t| *t == Type::Number) {
        let variant = ident(&v.variant);
        kinds.push(quote! {
            ::serde_json::Value::Number(number) if number.as_f64().is_some() => {
                return Self::#variant(number.as_f64().unwrap_or_default());
            }
        });
    }
    if let Some(v) = by_kind(|t| matches!(t, Type::Array(_))) {
        let variant = ident(&v.variant);
        kinds.push(quote! {
            value @ ::serde_json::Value::Array(_) => {
                if let Ok(member) = ::serde::Deserialize::deserialize(&value) {
                    return Self::#variant(member);
                }
                value
            }
        });
    }
    let objects: Vec<&UnionVariant> = variants
        .iter()
        .filter(|v| matches!(v.ty, Type::Named(_)))
        .collect();
    if !objects.is_empty() {
        kinds.push(match &union.discriminator {
            Some(property) => tagged_decode(property, &objects),
            None => untagged_decode(&objects, types),
        });
    }
    quote! {
        impl #name {
            /// The member `value` fits, or the catch-all variant holding it.
            fn from_json(value: ::serde_json::Value) -> Self {
                // `null` always falls through: the last arm is reachable.
                let value = match value {
                    #(#kinds)*
                    other => other,
                };
                Self::#catch_all(value)
            }
        }
    }
}

fn tagged_decode(property: &str, objects: &[&UnionVariant]) -> TokenStream {
    let arms = objects.iter().filter_map(|v| {
        let tag = v.tag.as_ref()?;
        let variant = ident(&v.variant);
        Some(quote! {
            Some(#tag) => {
                let mut fields = object.clone();
                fields.remove(#property);
                if let Ok(member) = ::serde::Deserialize::deserialize(::serde_json::Value::Object(fields)) {
                    return Self::#variant(member);
                }
            }
        })
    });
    quote! {
        ::serde_json::Value::Object(object) => {
            match object.get(#property).and_then(::serde_json::Value::as_str) {
                #(#arms)*
                _ => {}
            }
            ::serde_json::Value::Object(object)
        }
    }
}

fn untagged_decode(objects: &[&UnionVariant], types: &[TypeDecl]) -> TokenStream {
    let members = objects.iter().map(|v| {
        let fields = match &v.ty {
            Type::Named(n) => types
                .iter()
                .find(|t| t.name == *n)
                .and_then(|t| match &t.kind {
                    TypeKind::Object(fields) => Some(fields.as_slice()),
                    _ => None,
                }),
            _ => None,
        }
        .unwrap_or_default();
        let required = fields
            .iter()
            .filter(|f| f.required)
            .map(|f| f.wire.as_str());
        let known = fields.iter().map(|f| f.wire.as_str());
        quote! {
            crate::runtime::union::Member {
                required: &[#(#required),*],
                known: &[#(#known),*],
            },
        }
    });
    let tries = objects.iter().enumerate().map(|(i, v)| {
        let i = proc_macro2::Literal::usize_unsuffixed(i);
        let variant = ident(&v.variant);
        quote! {
            #i => {
                if let Ok(member) = ::serde::Deserialize::deserialize(&value) {
                    return Self::#variant(member);
                }
            }
        }
    });
    // One object member: it is tried when it is a candidate at all.
    let pick = if let [only] = objects {
        let variant = ident(&only.variant);
        quote! {
            if !crate::runtime::union::candidates(object, MEMBERS).is_empty() {
                if let Ok(member) = ::serde::Deserialize::deserialize(&value) {
                    return Self::#variant(member);
                }
            }
        }
    } else {
        quote! {
            for member in crate::runtime::union::candidates(object, MEMBERS) {
                match member {
                    #(#tries)*
                    _ => {}
                }
            }
        }
    };
    quote! {
        value @ ::serde_json::Value::Object(_) => {
            const MEMBERS: &[crate::runtime::union::Member] = &[#(#members)*];
            if let ::serde_json::Value::Object(object) = &value {
                #pick
            }
            value
        }
    }
}

/// `validate` for a union in request parameters: the member's own checks.
fn validate(name: &proc_macro2::Ident, variants: &[UnionVariant], checks: &Checks) -> TokenStream {
    let checked: Vec<&UnionVariant> = variants
        .iter()
        .filter(|v| checks.type_needs(&v.ty) || !v.constraints.is_empty())
        .collect();
    let arms = checked.iter().map(|v| {
        let variant = ident(&v.variant);
        let body = value_checks(
            &quote!(value),
            &v.ty,
            &v.constraints,
            &ParamName::runtime(),
            checks,
            0,
        );
        quote!(Self::#variant(value) => { #body })
    });
    // One checked member: `if let`, as a `match` of one arm would read.
    let body = if let [only] = checked.as_slice() {
        let variant = ident(&only.variant);
        let body = value_checks(
            &quote!(value),
            &only.ty,
            &only.constraints,
            &ParamName::runtime(),
            checks,
            0,
        );
        quote! {
            if let Self::#variant(value) = self {
                #body
            }
        }
    } else {
        quote! {
            match self {
                #(#arms)*
                _ => {}
            }
        }
    };
    let unused = checks.unused_allowed();
    quote! {
        impl #name {
            /// Checks the member's constraints; `param` names the value in errors.
            #unused
            pub(crate) fn validate(&self, param: &dyn Fn() -> String) -> Result<(), crate::runtime::validation::ValidationError> {
                #body
                Ok(())
            }
        }
    }
}
