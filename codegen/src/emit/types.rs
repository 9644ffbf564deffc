//! Named types: objects, string enums, number enums and unions of scalars.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::tokens::{deprecated, doc, ident, rust_type, serde_field_attr, serde_with};
use super::validation::{self, Checks};
use crate::model::{EnumValue, Field, Type, TypeDecl, TypeKind, UnionVariant};

/// Every item of one named type; `types` are every type the module can
/// name (its own and `Module::foreign`).
pub fn emit_type(decl: &TypeDecl, types: &[TypeDecl], checks: &Checks) -> TokenStream {
    match &decl.kind {
        TypeKind::ObjectUnion(union) => super::unions::object_union(decl, union, types, checks),
        TypeKind::Object(fields) => object(decl, fields, checks),
        TypeKind::StringEnum(values) => string_enum(decl, values),
        TypeKind::NumberEnum(values) => number_enum(decl, values),
        TypeKind::Union(variants) => union(decl, variants, checks),
        TypeKind::Alias(target) => alias(decl, target),
    }
}

/// The Rust type of an object field's value, boxed when it closes a cycle.
fn field_value_type(f: &Field) -> TokenStream {
    let ty = rust_type(&f.ty);
    if f.boxed {
        quote!(Box<#ty>)
    } else {
        ty
    }
}

fn header(decl: &TypeDecl) -> TokenStream {
    let doc = doc(&decl.doc);
    let deprecated = deprecated(decl.deprecated.as_ref());
    quote!(#doc #deprecated)
}

fn object(decl: &TypeDecl, fields: &[Field], checks: &Checks) -> TokenStream {
    let name = ident(&decl.name);
    let header = header(decl);
    let keep_unknown = decl.in_output;
    let members = fields.iter().map(|f| {
        let doc = doc(&f.doc);
        let deprecated = deprecated(f.deprecated.as_ref());
        let rust = ident(&f.rust);
        let wire = &f.wire;
        let ty = field_value_type(f);
        let ty = if f.optional() {
            quote!(Option<#ty>)
        } else {
            ty
        };
        // One `#[serde(…)]`: an optional field is skipped when unset, and
        // reads as `None` when missing without a `default` (serde's rule
        // for `Option`), except through `with`.
        let mut args = Vec::new();
        match (serde_with(&f.ty), f.optional()) {
            (Some((module, _)), false) => args.push(quote!(with = #module)),
            (Some((module, _)), true) => {
                let module = format!("{module}::option");
                args.push(quote!(with = #module, default));
            }
            _ => {}
        }
        if !f.required {
            args.push(quote!(skip_serializing_if = "Option::is_none"));
        }
        // Output objects derive no serde (see `object_encoder`): no attributes.
        let serde = if keep_unknown {
            TokenStream::new()
        } else {
            serde_field_attr(wire, &f.rust, &args)
        };
        quote! {
            #doc
            #deprecated
            #serde
            pub #rust: #ty,
        }
    });
    let extra = if keep_unknown {
        quote! {
            /// Fields the API sent that this SDK does not know yet, kept as sent.
            pub extra: ::serde_json::Map<String, ::serde_json::Value>,
        }
    } else {
        TokenStream::new()
    };
    // Input-only objects reject unknown fields; output objects decode with a
    // hand-rolled visitor and encode with a hand-rolled `Serialize` (below)
    // instead of derive, which is slow with `flatten`.
    let (derive_serde, deny) = if keep_unknown {
        (TokenStream::new(), TokenStream::new())
    } else {
        (
            quote!(::serde::Serialize, ::serde::Deserialize,),
            quote!(#[serde(deny_unknown_fields)]),
        )
    };
    // Request objects get `new(required…)`, or `Default` when nothing is required.
    let all_optional = fields.iter().all(Field::optional);
    let constructor = if decl.in_input && !all_optional {
        object_constructor(decl, fields)
    } else {
        TokenStream::new()
    };
    // `extra` starts empty too, so an object the API also returns can be
    // built from `..Default::default()` like one it only takes.
    let derive_default = if decl.in_input && all_optional {
        quote!(Default,)
    } else {
        TokenStream::new()
    };
    let decoder = if keep_unknown {
        let encoder = object_encoder(&decl.name, fields);
        let decoder = object_decoder(&decl.name, fields);
        quote!(#encoder #decoder)
    } else {
        TokenStream::new()
    };
    let validate = if checks.needs(&decl.name) {
        validation::object_validate(decl, fields, checks)
    } else {
        TokenStream::new()
    };
    // What a response holds may grow: a new field is not a breaking change.
    let non_exhaustive = if keep_unknown && !decl.in_input {
        quote!(#[non_exhaustive])
    } else {
        TokenStream::new()
    };
    quote! {
        #header
        #[derive(Debug, Clone, PartialEq, #derive_serde #derive_default)]
        #deny
        #non_exhaustive
        pub struct #name {
            #(#members)*
            #extra
        }

        #constructor

        #decoder

        #validate
    }
}

/// `new(required fields…)` for request objects; optional fields start unset.
fn object_constructor(decl: &TypeDecl, fields: &[Field]) -> TokenStream {
    let name = ident(&decl.name);
    let required: Vec<&Field> = fields.iter().filter(|f| !f.optional()).collect();
    let args = required.iter().map(|f| {
        let rust = ident(&f.rust);
        let input = match &f.ty {
            Type::Array(inner) => {
                let inner = rust_type(inner);
                quote!(impl IntoIterator<Item = impl Into<#inner>>)
            }
            Type::String | Type::Named(_) => {
                let ty = rust_type(&f.ty);
                quote!(impl Into<#ty>)
            }
            other => rust_type(other),
        };
        quote!(#rust: #input)
    });
    let inits = fields.iter().map(|f| {
        let rust = ident(&f.rust);
        match (&f.ty, f.optional()) {
            (_, true) => quote!(#rust: None,),
            (Type::Array(_), false) => {
                quote!(#rust: #rust.into_iter().map(Into::into).collect(),)
            }
            (Type::Named(_), false) if f.boxed => quote!(#rust: Box::new(#rust.into()),),
            (Type::String | Type::Named(_), false) => quote!(#rust: #rust.into(),),
            (_, false) => quote!(#rust,),
        }
    });
    let extra = if decl.in_output {
        quote!(extra: ::serde_json::Map::new(),)
    } else {
        TokenStream::new()
    };
    let doc = doc(&format!(
        "A new `{}` from its required fields{}.",
        decl.name,
        if required.len() < fields.len() {
            "; the optional ones start unset"
        } else {
            ""
        }
    ));
    // Every required field is an argument, as many as the API requires.
    let many = if args.len() > 7 {
        quote!(#[allow(clippy::too_many_arguments)])
    } else {
        TokenStream::new()
    };
    quote! {
        impl #name {
            #doc
            #many
            pub fn new(#(#args),*) -> Self {
                Self {
                    #(#inits)*
                    #extra
                }
            }
        }
    }
}

/// The `Serialize` impl of an output object: the fields in order (an unset
/// optional one skipped, date-times as RFC 3339), then `extra`, as a map,
/// which is what derive writes with `flatten`.
fn object_encoder(type_name: &str, fields: &[Field]) -> TokenStream {
    let name = ident(type_name);
    let writes = fields.iter().map(|f| {
        let rust = ident(&f.rust);
        let wire = &f.wire;
        match (serde_with(&f.ty), f.optional(), f.required) {
            (Some((_, wire_type)), true, true) => {
                quote!(map.entry(#wire, &self.#rust.map(#wire_type));)
            }
            (Some((_, wire_type)), true, false) => {
                quote!(map.set(#wire, self.#rust.map(#wire_type));)
            }
            (Some((_, wire_type)), false, _) => quote!(map.entry(#wire, &#wire_type(self.#rust));),
            (None, _, true) => quote!(map.entry(#wire, &self.#rust);),
            (None, _, false) => quote!(map.set(#wire, self.#rust.as_ref());),
        }
    });
    // An object the API says nothing about writes only `extra`.
    let binding = if fields.is_empty() {
        quote!(map)
    } else {
        quote!(mut map)
    };
    quote! {
        #[allow(deprecated)]
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let #binding = crate::runtime::object::MapWriter::new(serializer.serialize_map(None)?);
                #(#writes)*
                map.end(&self.extra)
            }
        }
    }
}

/// A `Deserialize` impl that matches known keys without allocating and keeps
/// the rest in `extra`; the work of each key is in `runtime::object`.
fn object_decoder(type_name: &str, fields: &[Field]) -> TokenStream {
    let name = ident(type_name);
    let expecting = format!("a {type_name} object");
    let wires: Vec<_> = fields.iter().map(|f| f.wire.as_str()).collect();
    // Slots by a prefix: no field name can clash with the visitor's own
    // `map`, `key` and `extra`.
    let slots: Vec<_> = fields
        .iter()
        // `_2fa` (a leading digit) gives `field_2fa`: no `__`, which is not snake case.
        .map(|f| ident(&format!("field_{}", f.rust.trim_start_matches('_'))))
        .collect();
    let slot_types = fields.iter().map(|f| {
        let ty = field_value_type(f);
        if f.optional() {
            quote!(Option<#ty>)
        } else {
            ty
        }
    });
    let reads = fields.iter().zip(&slots).enumerate().map(|(i, (f, slot))| {
        let wire = &f.wire;
        let wire_type = match serde_with(&f.ty) {
            Some((_, wire_type)) => Some(wire_type),
            // Free-form JSON refuses duplicate keys too.
            None if f.ty == Type::Json => Some(quote!(crate::runtime::envelope::StrictValue)),
            None => None,
        };
        let read = match wire_type {
            Some(wire_type) if f.optional() => {
                quote!(de::read_as::<Option<#wire_type>, _>(&mut map, &mut #slot, #wire))
            }
            Some(wire_type) => quote!(de::read_as::<#wire_type, _>(&mut map, &mut #slot, #wire)),
            // Maps and JSON inside lists are read through the strict reader
            // too: serde's own readers keep the last duplicate.
            None if holds_loose_map(&f.ty) => quote!(de::read_strict(&mut map, &mut #slot, #wire)),
            None => quote!(de::read(&mut map, &mut #slot, #wire)),
        };
        let i = Literal::usize_unsuffixed(i);
        quote!(de::Key::Field(#i) => #read,)
    });
    let finish = fields.iter().zip(&slots).map(|(f, slot)| {
        let wire = &f.wire;
        let rust = ident(&f.rust);
        if f.optional() {
            quote!(#rust: #slot.flatten(),)
        } else {
            quote!(#rust: de::required(#slot, #wire)?,)
        }
    });
    // One `?` for every arm: less code than one each. With no known key,
    // every key is another.
    let read_key = if fields.is_empty() {
        quote!(de::read_other(&mut map, &mut extra, key)?;)
    } else {
        quote! {
            match key {
                #(#reads)*
                key => de::read_other(&mut map, &mut extra, key),
            }?;
        }
    };
    quote! {
        #[allow(deprecated)]
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct ObjectVisitor;

                impl<'de> ::serde::de::Visitor<'de> for ObjectVisitor {
                    type Value = #name;

                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(#expecting)
                    }

                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> Result<#name, A::Error> {
                        use crate::runtime::object as de;
                        #(let mut #slots: Option<#slot_types> = None;)*
                        let mut extra = ::serde_json::Map::new();
                        while let Some(key) = map.next_key_seed(de::Keys(&[#(#wires),*]))? {
                            #read_key
                        }
                        Ok(#name {
                            #(#finish)*
                            extra,
                        })
                    }
                }

                deserializer.deserialize_map(ObjectVisitor)
            }
        }
    }
}

fn variant_docs(value: &EnumValue) -> TokenStream {
    let text = match &value.doc {
        Some(doc) => format!("`{}`: {}", value.wire, doc),
        None => format!("`{}`", value.wire),
    };
    let doc = doc(&text);
    let deprecated = deprecated(value.deprecated.as_ref());
    quote!(#doc #deprecated)
}

fn string_enum(decl: &TypeDecl, values: &[EnumValue]) -> TokenStream {
    let name = ident(&decl.name);
    let header = header(decl);
    let variants: Vec<_> = values.iter().map(|v| ident(&v.variant)).collect();
    let docs = values.iter().map(variant_docs);
    let wires: Vec<_> = values.iter().map(|v| v.wire.as_str()).collect();
    let expecting = format!("a {} string", decl.name);
    quote! {
        #header
        ///
        /// Open: a value this SDK does not know yet is kept in `Unknown` and written back unchanged.
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #(#docs #variants,)*
            /// A value this SDK does not know yet, kept as sent.
            Unknown(String),
        }

        #[allow(deprecated)]
        impl #name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#variants => #wires,)*
                    Self::Unknown(value) => value,
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #[allow(deprecated)]
        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#wires => Self::#variants,)*
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::runtime::object::string_enum(deserializer, #expecting)
            }
        }
    }
}

fn number_enum(decl: &TypeDecl, values: &[EnumValue]) -> TokenStream {
    let name = ident(&decl.name);
    let header = header(decl);
    let variants: Vec<_> = values.iter().map(|v| ident(&v.variant)).collect();
    let docs = values.iter().map(variant_docs);
    let wires: Vec<_> = values.iter().map(|v| v.wire.as_str()).collect();
    let numbers: Vec<_> = values
        .iter()
        .map(|v| {
            let n: f64 = v.wire.parse().unwrap_or(f64::NAN);
            Literal::f64_suffixed(n)
        })
        .collect();
    let expecting = format!("a {} number", decl.name);
    let from_number = number_matches(values);
    let write_query = if decl.in_query {
        quote! {
            /// Writes the number as the query string carries it.
            pub(crate) fn write_query(&self, query: &mut crate::runtime::query::QueryWriter, key: &str) {
                match self {
                    #(Self::#variants => query.raw(key, #wires),)*
                    // Integers as written; other numbers in the no-exponent form.
                    Self::Unknown(value) => match (value.as_i64(), value.as_u64(), value.as_f64()) {
                        (Some(n), _, _) => query.int(key, n),
                        (_, Some(n), _) => query.raw(key, &n.to_string()),
                        (_, _, Some(n)) => query.float(key, n),
                        _ => query.str(key, &value.to_string()),
                    },
                }
            }
        }
    } else {
        TokenStream::new()
    };
    quote! {
        #header
        ///
        /// Open: a number this SDK does not know yet is kept in `Unknown` and written back unchanged.
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#docs #variants,)*
            /// A number this SDK does not know yet, kept as sent.
            Unknown(::serde_json::Number),
        }

        #[allow(deprecated)]
        impl #name {
            /// The value as a number.
            pub fn as_f64(&self) -> f64 {
                match self {
                    #(Self::#variants => #numbers,)*
                    Self::Unknown(value) => value.as_f64().unwrap_or(f64::NAN),
                }
            }

            #write_query
        }

        #[allow(deprecated)]
        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    #(Self::#variants => f.write_str(#wires),)*
                    Self::Unknown(value) => ::std::fmt::Display::fmt(value, f),
                }
            }
        }

        #[allow(deprecated)]
        impl From<::serde_json::Number> for #name {
            fn from(value: ::serde_json::Number) -> Self {
                #from_number
                Self::Unknown(value)
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = ::serde_json::Error;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                value.parse::<::serde_json::Number>().map(Self::from)
            }
        }

        #[allow(deprecated)]
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(Self::#variants => #wires.parse::<::serde_json::Number>().map_err(::serde::ser::Error::custom)?.serialize(serializer),)*
                    Self::Unknown(value) => value.serialize(serializer),
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct ValueVisitor;

                impl ::serde::de::Visitor<'_> for ValueVisitor {
                    type Value = #name;

                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(#expecting)
                    }

                    fn visit_i64<E: ::serde::de::Error>(self, value: i64) -> Result<#name, E> {
                        Ok(#name::from(::serde_json::Number::from(value)))
                    }

                    fn visit_u64<E: ::serde::de::Error>(self, value: u64) -> Result<#name, E> {
                        Ok(#name::from(::serde_json::Number::from(value)))
                    }

                    fn visit_f64<E: ::serde::de::Error>(self, value: f64) -> Result<#name, E> {
                        ::serde_json::Number::from_f64(value)
                            .map(#name::from)
                            .ok_or_else(|| E::custom("a number enum cannot hold NaN or infinity"))
                    }
                }

                deserializer.deserialize_any(ValueVisitor)
            }
        }
    }
}

/// The body of `From<serde_json::Number>`: integers compare as integers, so
/// values beyond 2^53 stay apart; other numbers compare as `f64`, where an
/// integer value that an `f64` holds exactly also matches (`1.0` is `1`).
fn number_matches(values: &[EnumValue]) -> TokenStream {
    let (mut signed, mut unsigned, mut float) = (Vec::new(), Vec::new(), Vec::new());
    for value in values {
        let variant = ident(&value.variant);
        if let Ok(n) = value.wire.parse::<i64>() {
            signed.push(quote!(if number == #n { return Self::#variant; }));
            if n.unsigned_abs() <= 1 << 53 {
                let n = Literal::f64_suffixed(n as f64);
                float.push(quote!(if number == #n { return Self::#variant; }));
            }
        } else if let Ok(n) = value.wire.parse::<u64>() {
            unsigned.push(quote!(if number == #n { return Self::#variant; }));
        } else {
            let n = Literal::f64_suffixed(value.wire.parse().unwrap_or(f64::NAN));
            float.push(quote!(if number == #n { return Self::#variant; }));
        }
    }
    let branches: Vec<TokenStream> = [
        (signed, quote!(as_i64)),
        (unsigned, quote!(as_u64)),
        (float, quote!(as_f64)),
    ]
    .into_iter()
    .filter(|(tests, _)| !tests.is_empty())
    .map(|(tests, read)| quote!(if let Some(number) = value.#read() { #(#tests)* }))
    .collect();
    quote!(#(#branches)else*)
}

fn union(decl: &TypeDecl, variants: &[UnionVariant], checks: &Checks) -> TokenStream {
    let name = ident(&decl.name);
    let header = header(decl);
    let expecting = format!(
        "a {}: {}",
        decl.name,
        variants
            .iter()
            .map(|v| scalar_name(&v.ty))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let members = variants.iter().map(|v| {
        let variant = ident(&v.variant);
        let ty = rust_type(&v.ty);
        let text = v
            .doc
            .clone()
            .unwrap_or_else(|| format!("A {} value.", scalar_name(&v.ty)));
        let doc = doc(&text);
        quote!(#doc #variant(#ty),)
    });
    let mut froms = Vec::new();
    let mut visits = Vec::new();
    let mut serializes = Vec::new();
    let mut writes = Vec::new();
    for v in variants {
        let variant = ident(&v.variant);
        match v.ty {
            Type::String => {
                froms.push(quote! {
                    impl From<String> for #name {
                        fn from(value: String) -> Self { Self::#variant(value) }
                    }
                    impl From<&str> for #name {
                        fn from(value: &str) -> Self { Self::#variant(value.to_owned()) }
                    }
                });
                visits.push(quote! {
                    fn visit_str<E: ::serde::de::Error>(self, value: &str) -> Result<#name, E> {
                        Ok(#name::#variant(value.to_owned()))
                    }
                    fn visit_string<E: ::serde::de::Error>(self, value: String) -> Result<#name, E> {
                        Ok(#name::#variant(value))
                    }
                });
                serializes.push(quote!(Self::#variant(value) => serializer.serialize_str(value),));
                writes.push(quote!(Self::#variant(value) => query.str(key, value),));
            }
            Type::Bool => {
                froms.push(quote! {
                    impl From<bool> for #name {
                        fn from(value: bool) -> Self { Self::#variant(value) }
                    }
                });
                visits.push(quote! {
                    fn visit_bool<E: ::serde::de::Error>(self, value: bool) -> Result<#name, E> {
                        Ok(#name::#variant(value))
                    }
                });
                serializes
                    .push(quote!(Self::#variant(value) => serializer.serialize_bool(*value),));
                writes.push(quote!(Self::#variant(value) => query.bool(key, *value),));
            }
            Type::Number => {
                froms.push(quote! {
                    impl<N: crate::runtime::union::IntoNumber> From<N> for #name {
                        fn from(value: N) -> Self { Self::#variant(value.into_number()) }
                    }
                });
                visits.push(quote! {
                    fn visit_f64<E: ::serde::de::Error>(self, value: f64) -> Result<#name, E> {
                        Ok(#name::#variant(value))
                    }
                    fn visit_i64<E: ::serde::de::Error>(self, value: i64) -> Result<#name, E> {
                        Ok(#name::#variant(value as f64))
                    }
                    fn visit_u64<E: ::serde::de::Error>(self, value: u64) -> Result<#name, E> {
                        Ok(#name::#variant(value as f64))
                    }
                });
                serializes.push(quote!(Self::#variant(value) => serializer.serialize_f64(*value),));
                writes.push(quote!(Self::#variant(value) => query.float(key, *value),));
            }
            Type::Integer => {
                froms.push(quote! {
                    impl<N: crate::runtime::union::IntoInteger> From<N> for #name {
                        fn from(value: N) -> Self { Self::#variant(value.into_integer()) }
                    }
                });
                visits.push(quote! {
                    fn visit_i64<E: ::serde::de::Error>(self, value: i64) -> Result<#name, E> {
                        Ok(#name::#variant(value))
                    }
                    fn visit_u64<E: ::serde::de::Error>(self, value: u64) -> Result<#name, E> {
                        i64::try_from(value).map(#name::#variant).map_err(|_| E::custom("integer out of range"))
                    }
                });
                serializes.push(quote!(Self::#variant(value) => serializer.serialize_i64(*value),));
                writes.push(quote!(Self::#variant(value) => query.int(key, *value),));
            }
            // `validate` allows only scalars in unions.
            _ => {}
        }
    }
    let write_query = if decl.in_query {
        quote! {
            impl #name {
                /// Writes the value as the query string carries it.
                pub(crate) fn write_query(&self, query: &mut crate::runtime::query::QueryWriter, key: &str) {
                    match self {
                        #(#writes)*
                    }
                }
            }
        }
    } else {
        TokenStream::new()
    };
    let validate = if checks.needs(&decl.name) {
        validation::union_validate(&decl.name, variants, checks)
    } else {
        TokenStream::new()
    };
    quote! {
        #header
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #(#members)*
        }

        #(#froms)*

        #write_query

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(#serializes)*
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct ValueVisitor;

                impl ::serde::de::Visitor<'_> for ValueVisitor {
                    type Value = #name;

                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(#expecting)
                    }

                    #(#visits)*
                }

                deserializer.deserialize_any(ValueVisitor)
            }
        }

        #validate
    }
}

fn scalar_name(ty: &Type) -> &'static str {
    match ty {
        Type::String => "string",
        Type::Bool => "boolean",
        Type::Integer => "integer",
        _ => "number",
    }
}

/// `pub type Name = T;`: the target's behaviour, under the schema's name.
fn alias(decl: &TypeDecl, target: &Type) -> TokenStream {
    let name = ident(&decl.name);
    let header = header(decl);
    let target = rust_type(target);
    quote! {
        #header
        pub type #name = #target;
    }
}

/// Whether `ty` holds a map, or free-form JSON inside a list: values serde
/// reads keeping the last of duplicate keys, unlike the generated readers.
fn holds_loose_map(ty: &Type) -> bool {
    match ty {
        Type::Map(_) => true,
        Type::Array(inner) => **inner == Type::Json || holds_loose_map(inner),
        Type::Nullable(inner) => holds_loose_map(inner),
        _ => false,
    }
}
