//! One params struct per operation: private fields, a builder that validates,
//! wire-named serde, `to_query_string` and the request path.

use proc_macro2::TokenStream;
use quote::quote;

use super::body;
use super::query;
use super::tokens::{deprecated, doc, ident, is_date_time, rust_type, serde_with};
use super::validation::{self, Checks, ParamName};
use crate::model::{Field, Operation, PathPart, QueryStyle, Type, TypeDecl};

/// The params struct, its builder and their impls.
pub fn emit_params(
    op: &Operation,
    handle: &str,
    style: &QueryStyle,
    types: &[TypeDecl],
    checks: &Checks,
) -> TokenStream {
    let name = ident(&op.params_type);
    let builder = ident(&format!("{}Builder", op.params_type));
    let fields: Vec<&Field> = op.params_fields().collect();
    let required: Vec<&Field> = fields.iter().copied().filter(|f| !f.optional()).collect();

    let struct_doc = doc(&format!(
        "Parameters of [`{handle}::{}`]: {}\n\nBuild with [`{}::builder`]; a built value has passed every check of the API description.",
        op.name,
        first_line(&op.doc),
        op.params_type
    ));
    let members = fields.iter().map(|f| {
        let rust = ident(&f.rust);
        let ty = rust_type(&f.ty);
        if body::is_patch(op, f) && !body::is_unserialized(f) {
            quote!(#rust: Option<Option<#ty>>,)
        } else if f.optional() {
            quote!(#rust: Option<#ty>,)
        } else {
            quote!(#rust: #ty,)
        }
    });
    let serialize = serialize_params(op, &fields);
    let builder_members = fields.iter().map(|f| {
        let rust = ident(&f.rust);
        let ty = rust_type(&f.ty);
        if body::is_patch(op, f) {
            quote!(#rust: Option<Option<#ty>>,)
        } else {
            quote!(#rust: Option<#ty>,)
        }
    });
    // The builder reads the fields a document may set through the runtime's
    // key table (`runtime::object::fields`): one arm a field, no derive.
    let read: Vec<&Field> = fields
        .iter()
        .copied()
        .filter(|f| !body::is_unserialized(f))
        .collect();
    let keys = read.iter().map(|f| &f.wire);
    let read_arms = read.iter().enumerate().map(|(index, f)| {
        let value = read_value(op, f);
        let index = proc_macro2::Literal::usize_unsuffixed(index);
        quote!(#index => #value,)
    });
    // Every arm is one call; the runtime never passes another index.
    let read_field = if read.is_empty() {
        quote! {
            fn read_field<A: ::serde::de::MapAccess<'de>>(
                &mut self,
                _index: usize,
                _map: &mut A,
            ) -> Result<(), A::Error> {
                Ok(())
            }
        }
    } else {
        quote! {
            fn read_field<A: ::serde::de::MapAccess<'de>>(
                &mut self,
                index: usize,
                map: &mut A,
            ) -> Result<(), A::Error> {
                match index {
                    #(#read_arms)*
                    _ => Ok(()),
                }
            }
        }
    };
    let setters = fields.iter().map(|f| {
        if body::is_patch(op, f) {
            patch_setters(f)
        } else {
            setter(f)
        }
    });
    let getters = fields.iter().map(|f| {
        if body::is_patch(op, f) {
            patch_getter(f)
        } else {
            getter(f)
        }
    });
    let required_args = required.iter().map(|f| {
        let rust = ident(&f.rust);
        let (ty, _) = setter_input(&f.ty);
        quote!(#rust: #ty)
    });
    let required_sets = required.iter().map(|f| {
        let rust = ident(&f.rust);
        let stored = converted(&f.ty, quote!(#rust));
        quote!(#rust: Some(#stored),)
    });
    let builder_doc = doc(&format!(
        "Starts building [`{}`]{}.",
        op.params_type,
        if required.is_empty() {
            String::new()
        } else {
            format!(
                " with its required parameters ({})",
                required
                    .iter()
                    .map(|f| format!("`{}`", f.wire))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    ));
    let take = fields.iter().map(|f| {
        let rust = ident(&f.rust);
        let wire = &f.wire;
        if f.optional() {
            quote!(#rust: self.#rust,)
        } else {
            quote! {
                #rust: crate::runtime::validation::required(self.#rust, #wire)?,
            }
        }
    });
    let back = fields.iter().map(|f| {
        let rust = ident(&f.rust);
        if f.optional() {
            quote!(#rust: self.#rust,)
        } else {
            quote!(#rust: Some(self.#rust),)
        }
    });
    let checks_code = fields
        .iter()
        .filter(|f| !body::is_patch(op, f))
        .map(|f| validation::field_checks(f, &ParamName::literal(&f.wire), checks));
    let request_checks = body::checks(op, checks);
    let body_methods = body::methods(op);
    let query_fields: Vec<Field> = op.query.clone();
    // No query parameter: no writer, and nothing allocated.
    let query_body = if query_fields.is_empty() {
        quote!(String::new())
    } else {
        let writes = query::write_fields(&query_fields, style, types);
        let capacity = query::capacity(&query_fields);
        quote! {
            let mut query = crate::runtime::query::QueryWriter::with_capacity(#capacity);
            #writes
            query.finish()
        }
    };
    let path_fn = path_fn(op, checks);
    let paging = super::response::paging_params(op);
    // Only when some fields are left: clippy rejects a struct update that fills nothing.
    let fill = if required.len() < fields.len() {
        quote!(..Default::default())
    } else {
        TokenStream::new()
    };
    let builder_name_str = format!("{}Builder", op.params_type);
    let builder_struct_doc = format!(
        " Builds [`{}`]: setters take each parameter, `build` checks them all.",
        op.params_type
    );

    quote! {
        #struct_doc
        #[derive(Debug, Clone, PartialEq)]
        pub struct #name {
            #(#members)*
        }

        #serialize

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <#builder as ::serde::Deserialize>::deserialize(deserializer)?
                    .build()
                    .map_err(::serde::de::Error::custom)
            }
        }

        #[doc = #builder_struct_doc]
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct #builder {
            #(#builder_members)*
        }

        impl<'de> ::serde::Deserialize<'de> for #builder {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::runtime::object::fields(deserializer)
            }
        }

        #[allow(deprecated)]
        impl<'de> crate::runtime::object::Fields<'de> for #builder {
            const NAME: &'static str = #builder_name_str;
            const KEYS: &'static [&'static str] = &[#(#keys),*];

            #read_field
        }

        #[allow(deprecated)]
        impl #name {
            #builder_doc
            pub fn builder(#(#required_args),*) -> #builder {
                #builder {
                    #(#required_sets)*
                    #fill
                }
            }

            /// A builder holding these parameters, to change some and build again.
            pub fn to_builder(&self) -> #builder {
                self.clone().into_builder()
            }

            fn into_builder(self) -> #builder {
                #builder {
                    #(#back)*
                }
            }

            #(#getters)*

            /// Checks every constraint of the API description.
            fn validate(&self) -> Result<(), crate::runtime::validation::ValidationError> {
                #(#checks_code)*
                #request_checks
                Ok(())
            }

            #body_methods

            /// The query string sent with the request, without the leading `?`
            /// (empty when no query parameter is set).
            pub fn to_query_string(&self) -> String {
                #query_body
            }

            #path_fn
        }

        #[allow(deprecated)]
        impl #builder {
            #(#setters)*

            /// Checks every parameter and returns the params, or the first broken rule.
            pub fn build(self) -> Result<#name, crate::runtime::validation::ValidationError> {
                let params = #name {
                    #(#take)*
                };
                params.validate()?;
                Ok(params)
            }
        }

        impl TryFrom<#builder> for #name {
            type Error = crate::runtime::validation::ValidationError;

            fn try_from(builder: #builder) -> Result<Self, Self::Error> {
                builder.build()
            }
        }

        #paging
    }
}

/// `Serialize` of the params: the wire names of the fields set, in order
/// (files and raw bodies are never written), as a struct.
fn serialize_params(op: &Operation, fields: &[&Field]) -> TokenStream {
    let name = ident(&op.params_type);
    let name_str = &op.params_type;
    let written: Vec<&Field> = fields
        .iter()
        .copied()
        .filter(|f| !body::is_unserialized(f))
        .collect();
    if written.is_empty() {
        return quote! {
            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    ::serde::ser::SerializeStruct::end(serializer.serialize_struct(#name_str, 0)?)
                }
            }
        };
    }
    let set = |f: &Field| body::is_patch(op, f) || f.optional();
    let always = written.iter().filter(|f| !set(f)).count();
    let mut len: Vec<TokenStream> = written
        .iter()
        .filter(|f| set(f))
        .map(|f| {
            let rust = ident(&f.rust);
            quote!(usize::from(self.#rust.is_some()))
        })
        .collect();
    if always > 0 || len.is_empty() {
        len.insert(0, quote!(#always));
    }
    let writes = written.iter().map(|f| {
        let rust = ident(&f.rust);
        let wire = &f.wire;
        let wire_form = serde_with(&f.ty).map(|(_, wire)| wire);
        if body::is_patch(op, f) {
            let value = match wire_form {
                Some(wire) if is_date_time(&f.ty) => quote!(self.#rust.map(|v| v.map(#wire))),
                _ => quote!(self.#rust.as_ref()),
            };
            quote!(out.set(#wire, #value);)
        } else if f.optional() {
            let value = match wire_form {
                Some(wire) => quote!(self.#rust.map(#wire)),
                None => quote!(self.#rust.as_ref()),
            };
            quote!(out.set(#wire, #value);)
        } else {
            let value = match wire_form {
                Some(wire) => quote!(&#wire(self.#rust)),
                None => quote!(&self.#rust),
            };
            quote!(out.field(#wire, #value);)
        }
    });
    quote! {
        #[allow(deprecated)]
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let len = #(#len)+*;
                let mut out = crate::runtime::object::StructWriter::new(
                    serializer.serialize_struct(#name_str, len)?,
                );
                #(#writes)*
                out.end()
            }
        }
    }
}

/// Reads a builder field from `map` into `self.<field>`: `Option<T>` (`null`
/// is `None`) through the wire form of a date or date-time; a PATCH field's
/// `Some` tells a present `null` from a missing key.
fn read_value(op: &Operation, f: &Field) -> TokenStream {
    let rust = ident(&f.rust);
    match (body::is_patch(op, f), serde_with(&f.ty)) {
        (true, Some((_, wire))) if is_date_time(&f.ty) => {
            quote!(crate::runtime::object::set_present_as::<#wire, _, _>(map, &mut self.#rust))
        }
        (true, _) => quote!(crate::runtime::object::set_present(map, &mut self.#rust)),
        (false, Some((_, wire))) => {
            quote!(crate::runtime::object::set_as::<#wire, _, _>(map, &mut self.#rust))
        }
        (false, None) => quote!(crate::runtime::object::set(map, &mut self.#rust)),
    }
}

fn first_line(text: &str) -> &str {
    text.trim().lines().next().unwrap_or("")
}

/// What a setter takes for a value of `ty`, and how it turns it into the stored type.
fn setter_input(ty: &Type) -> (TokenStream, TokenStream) {
    match ty {
        Type::String => (quote!(impl Into<String>), quote!(Into::into)),
        Type::Array(inner) => {
            let inner = rust_type(inner);
            (
                quote!(impl IntoIterator<Item = #inner>),
                quote!(FromIterator::from_iter),
            )
        }
        Type::Named(_) | Type::File | Type::Binary => {
            let ty = rust_type(ty);
            (quote!(impl Into<#ty>), quote!(Into::into))
        }
        Type::Map(inner) => {
            let inner = rust_type(inner);
            (
                quote!(impl IntoIterator<Item = (String, #inner)>),
                quote!(FromIterator::from_iter),
            )
        }
        other => (rust_type(other), TokenStream::new()),
    }
}

/// `value` turned into the stored type by the setter's conversion, if any.
fn converted(ty: &Type, value: TokenStream) -> TokenStream {
    let (_, convert) = setter_input(ty);
    if convert.is_empty() {
        value
    } else {
        quote!(#convert(#value))
    }
}

fn field_doc(f: &Field) -> TokenStream {
    let mut text = f.doc.trim().to_string();
    let mut notes = Vec::new();
    if let Some(min) = f.constraints.minimum {
        notes.push(format!("minimum {min}"));
    }
    if let Some(max) = f.constraints.maximum {
        notes.push(format!("maximum {max}"));
    }
    if let Some(min) = f.constraints.min_length {
        notes.push(format!("at least {min} characters"));
    }
    if let Some(max) = f.constraints.max_length {
        notes.push(format!("at most {max} characters"));
    }
    notes.extend(super::validation::constraint_notes(&f.constraints));
    if let Some(default) = &f.default {
        notes.push(format!("the API's default is {default}"));
    }
    if !notes.is_empty() {
        text.push_str(&format!("\n\nConstraints: {}.", notes.join(", ")));
    }
    text.push_str(&format!("\n\nWire name: `{}`.", f.wire));
    doc(&text)
}

fn setter(f: &Field) -> TokenStream {
    let rust = ident(&f.rust);
    let doc = field_doc(f);
    let deprecated = deprecated(f.deprecated.as_ref());
    let (input, _) = setter_input(&f.ty);
    let stored = converted(&f.ty, quote!(value));
    quote! {
        #doc
        #deprecated
        pub fn #rust(mut self, value: #input) -> Self {
            self.#rust = Some(#stored);
            self
        }
    }
}

/// `.x(value)` and `.x_null()` for an optional nullable body field.
fn patch_setters(f: &Field) -> TokenStream {
    let rust = ident(&f.rust);
    let null = ident(&format!("{}_null", f.rust));
    let null_doc = doc(&format!(
        "Sends `{}` as `null`, which clears it; leaving it unset sends nothing.",
        f.wire
    ));
    let doc = field_doc(f);
    let deprecated = deprecated(f.deprecated.as_ref());
    let (input, _) = setter_input(&f.ty);
    let stored = converted(&f.ty, quote!(value));
    quote! {
        #doc
        #deprecated
        pub fn #rust(mut self, value: #input) -> Self {
            self.#rust = Some(Some(#stored));
            self
        }

        #null_doc
        #deprecated
        pub fn #null(mut self) -> Self {
            self.#rust = Some(None);
            self
        }
    }
}

/// `None` when unset, `Some(None)` when sent as `null`.
fn patch_getter(f: &Field) -> TokenStream {
    let rust = ident(&f.rust);
    let doc = field_doc(f);
    let deprecated = deprecated(f.deprecated.as_ref());
    let (ty, body) = match &f.ty {
        Type::Bool | Type::Integer | Type::Number | Type::DateTime => {
            let ty = rust_type(&f.ty);
            (quote!(Option<Option<#ty>>), quote!(self.#rust))
        }
        Type::String => (
            quote!(Option<Option<&str>>),
            quote!(self.#rust.as_ref().map(Option::as_deref)),
        ),
        ty => {
            let ty = rust_type(ty);
            (
                quote!(Option<Option<&#ty>>),
                quote!(self.#rust.as_ref().map(Option::as_ref)),
            )
        }
    };
    quote! {
        #doc
        #deprecated
        pub fn #rust(&self) -> #ty {
            #body
        }
    }
}

fn getter(f: &Field) -> TokenStream {
    let rust = ident(&f.rust);
    let doc = field_doc(f);
    let deprecated = deprecated(f.deprecated.as_ref());
    let copy = matches!(
        f.ty,
        Type::Bool
            | Type::Integer
            | Type::Number
            | Type::DateTime
            | Type::Date
            | Type::Ipv4
            | Type::Ipv6
    );
    let (ty, body) = match (&f.ty, f.optional()) {
        (Type::String, true) => (quote!(Option<&str>), quote!(self.#rust.as_deref())),
        (Type::String, false) => (quote!(&str), quote!(&self.#rust)),
        (Type::Array(inner), true) => {
            let inner = rust_type(inner);
            (quote!(Option<&[#inner]>), quote!(self.#rust.as_deref()))
        }
        (Type::Array(inner), false) => {
            let inner = rust_type(inner);
            (quote!(&[#inner]), quote!(&self.#rust))
        }
        (ty, true) if copy => {
            let ty = rust_type(ty);
            (quote!(Option<#ty>), quote!(self.#rust))
        }
        (ty, false) if copy => (rust_type(ty), quote!(self.#rust)),
        (ty, true) => {
            let ty = rust_type(ty);
            (quote!(Option<&#ty>), quote!(self.#rust.as_ref()))
        }
        (ty, false) => {
            let ty = rust_type(ty);
            (quote!(&#ty), quote!(&self.#rust))
        }
    };
    quote! {
        #doc
        #deprecated
        pub fn #rust(&self) -> #ty {
            #body
        }
    }
}

/// The type of a path parameter passed as a method argument: text and
/// string enums borrowed, an integer by value.
pub fn path_arg_type(ty: &Type) -> TokenStream {
    match ty {
        Type::Integer => quote!(i64),
        Type::Named(_) => {
            let ty = rust_type(ty);
            quote!(&#ty)
        }
        _ => quote!(&str),
    }
}

/// `request_path`: the path relative to the base URL, each parameter one
/// percent-encoded segment, checked before anything is sent.
fn path_fn(op: &Operation, checks: &Checks) -> TokenStream {
    let args: Vec<_> = op.path_params.iter().filter(|p| p.argument).collect();
    let arg_decls = args.iter().map(|p| {
        let rust = ident(&p.field.rust);
        let ty = path_arg_type(&p.field.ty);
        quote!(#rust: #ty)
    });
    let arg_checks = args.iter().map(|p| {
        let rust = ident(&p.field.rust);
        let body = validation::value_checks(
            &quote!(#rust),
            &p.field.ty,
            &p.field.constraints,
            &ParamName::literal(&p.field.wire),
            checks,
            0,
        );
        match p.field.ty {
            // The checks read a `&T`; an integer argument is passed by value.
            Type::Integer if !body.is_empty() => quote! {
                {
                    let #rust = &#rust;
                    #body
                }
            },
            _ => body,
        }
    });
    // Literal text between parameters is pushed in one call.
    let mut capacity = 0;
    let mut pushes = Vec::new();
    let mut text = String::new();
    let flush = |text: &mut String, pushes: &mut Vec<TokenStream>| {
        match text.as_str() {
            "" => {}
            "/" => pushes.push(quote!(path.push('/');)),
            literal => pushes.push(quote!(path.push_str(#literal);)),
        }
        text.clear();
    };
    for (i, part) in op.path.iter().enumerate() {
        if i > 0 {
            text.push('/');
            capacity += 1;
        }
        match part {
            PathPart::Literal(literal) => {
                text.push_str(literal);
                capacity += literal.len();
            }
            PathPart::Param(index) => {
                flush(&mut text, &mut pushes);
                capacity += 32;
                let param = &op.path_params[*index];
                let wire = &param.field.wire;
                let rust = ident(&param.field.rust);
                let place = if param.argument {
                    quote!(#rust)
                } else {
                    quote!(self.#rust)
                };
                let value = match &param.field.ty {
                    Type::Integer => quote!(&#place.to_string()),
                    Type::Named(_) => quote!(#place.as_str()),
                    _ if param.argument => place,
                    _ => quote!(&#place),
                };
                pushes.push(quote! {
                    crate::runtime::path::push_segment(&mut path, #wire, #value)?;
                });
            }
        }
    }
    flush(&mut text, &mut pushes);
    let doc = doc(&format!(
        "The request path for `{}`, relative to the base URL: each parameter is one\npercent-encoded segment; an empty value, `.`, `..` or a value outside its\nconstraints is refused.",
        op.path_template
    ));
    quote! {
        #doc
        pub fn request_path(&self, #(#arg_decls),*) -> Result<String, crate::runtime::validation::ValidationError> {
            #(#arg_checks)*
            let mut path = String::with_capacity(#capacity);
            #(#pushes)*
            Ok(path)
        }
    }
}
