//! Constraint checks emitted as plain code: each failure names the parameter
//! (`search[0].values[1]`), the value and the bound.

use std::collections::BTreeSet;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::tokens::ident;
use crate::model::{Bound, Constraints, Field, Type, TypeDecl, TypeKind, UnionVariant};

/// Which named types of a module have something to check.
#[derive(Debug, Default)]
pub struct Checks {
    needs: BTreeSet<String>,
    /// The module's group is turned on by other groups' features too: a
    /// `validate` only some groups' requests call is unused when only the
    /// others are on.
    shared: bool,
}

impl Checks {
    /// Marks the module's group as used by other groups (see the field).
    pub fn shared(mut self, shared: bool) -> Self {
        self.shared = shared;
        self
    }

    /// `#[allow(dead_code)]` on a `validate` of a shared group's type.
    pub fn unused_allowed(&self) -> TokenStream {
        if self.shared {
            quote!(#[allow(dead_code)])
        } else {
            TokenStream::new()
        }
    }

    /// Finds the request types that need a `validate` method (a fixpoint:
    /// objects need one when any field does). Responses are not checked.
    pub fn new(types: &[TypeDecl]) -> Self {
        let mut checks = Checks::default();
        loop {
            let before = checks.needs.len();
            for decl in types.iter().filter(|t| t.in_input) {
                let needs = match &decl.kind {
                    TypeKind::Union(variants) => variants
                        .iter()
                        .any(|v| v.ty == Type::Number || !v.constraints.is_empty()),
                    TypeKind::ObjectUnion(union) => union
                        .variants
                        .iter()
                        .any(|v| checks.type_needs(&v.ty) || !v.constraints.is_empty()),
                    TypeKind::Object(fields) => {
                        !decl.at_least_one_of.is_empty()
                            || fields.iter().any(|f| checks.field_needs(f))
                    }
                    TypeKind::StringEnum(_) | TypeKind::NumberEnum(_) => false,
                    // `build()` checks an alias's target only where the target is named.
                    TypeKind::Alias(_) => false,
                };
                if needs {
                    checks.needs.insert(decl.name.clone());
                }
            }
            if checks.needs.len() == before {
                return checks;
            }
        }
    }

    pub fn needs(&self, type_name: &str) -> bool {
        self.needs.contains(type_name)
    }

    pub fn field_needs(&self, field: &Field) -> bool {
        !field.constraints.is_empty() || self.type_needs(&field.ty)
    }

    pub fn type_needs(&self, ty: &Type) -> bool {
        match ty {
            Type::Number | Type::DateTime | Type::Date => true,
            Type::Named(name) => self.needs(name),
            Type::Array(inner) | Type::Map(inner) | Type::Nullable(inner) => self.type_needs(inner),
            _ => false,
        }
    }
}

/// How a failing check names the parameter: a `format!` built up as values
/// nest (`{}.value[{}]`), so nesting never formats twice.
#[derive(Clone)]
pub struct ParamName {
    format: String,
    args: Vec<TokenStream>,
}

impl ParamName {
    /// A top-level parameter's wire name.
    pub fn literal(wire: &str) -> Self {
        Self {
            format: escape(wire),
            args: Vec::new(),
        }
    }

    /// The name given at run time by the `param()` closure of a nested `validate`.
    pub fn runtime() -> Self {
        Self {
            format: "{}".to_string(),
            args: vec![quote!(param())],
        }
    }

    fn field(&self, wire: &str) -> Self {
        Self {
            format: format!("{}.{}", self.format, escape(wire)),
            args: self.args.clone(),
        }
    }

    fn indexed(&self, index: TokenStream) -> Self {
        let mut args = self.args.clone();
        args.push(index);
        Self {
            format: format!("{}[{{}}]", self.format),
            args,
        }
    }

    fn keyed(&self, key: TokenStream) -> Self {
        let mut args = self.args.clone();
        args.push(key);
        Self {
            format: format!("{}[{{:?}}]", self.format),
            args,
        }
    }

    /// An expression giving the name: a `&str` literal or a `String`.
    fn tokens(&self) -> TokenStream {
        let format = &self.format;
        if self.args.is_empty() {
            let text = format.replace("{{", "{").replace("}}", "}");
            quote!(#text)
        } else if format == "{}" && self.args.len() == 1 {
            // The name as given (a union member's checks), not re-formatted.
            self.args[0].clone()
        } else {
            let args = &self.args;
            quote!(format!(#format, #(#args),*))
        }
    }
}

fn escape(text: &str) -> String {
    text.replace('{', "{{").replace('}', "}}")
}

/// Checks for one value. `value` is an expression of type `&T`; `name` an
/// expression that gives the parameter's name (evaluated only on failure).
pub fn value_checks(
    value: &TokenStream,
    ty: &Type,
    constraints: &Constraints,
    param: &ParamName,
    checks: &Checks,
    depth: usize,
) -> TokenStream {
    let name = param.tokens();
    let fail = |call: TokenStream| failing(call, param, value);
    let mut out = TokenStream::new();
    match ty {
        Type::Integer | Type::Number | Type::String => {
            if *ty == Type::Number {
                out.extend(fail(
                    quote!(crate::runtime::validation::check_finite(*#value)),
                ));
            }
            out.extend(rule_calls(value, ty, constraints, fail));
            if !constraints.any_of.is_empty() {
                // Every set's checks run (they are cheap); one passing is enough.
                let outcomes = constraints.any_of.iter().map(|set| {
                    let mut calls = rule_calls(value, ty, set, |call| call).into_iter();
                    match calls.next() {
                        Some(first) => quote!(#first #(.and(#calls))*),
                        None => quote!(Ok(())),
                    }
                });
                let described = constraints
                    .any_of
                    .iter()
                    .map(|set| describe(set).join(", "));
                out.extend(fail(quote! {
                    crate::runtime::validation::check_any_of(&[#(#outcomes),*], &[#(#described),*])
                }));
            }
        }
        Type::Bool => {
            if let Some(only) = constraints.constant {
                out.extend(fail(
                    quote!(crate::runtime::validation::check_const(*#value, #only)),
                ));
            }
        }
        Type::Date => {
            out.extend(fail(quote!(crate::runtime::validation::check_date(#value))));
        }
        Type::DateTime => {
            out.extend(fail(
                quote!(crate::runtime::validation::check_date_time(#value)),
            ));
        }
        Type::Named(type_name) if checks.needs(type_name) => {
            let owned = if param.args.is_empty() {
                quote!(ToOwned::to_owned(#name))
            } else {
                name.clone()
            };
            out.extend(quote!(#value.validate(&|| #owned)?;));
        }
        Type::Array(inner)
            if checks.type_needs(inner)
                || has_item_rules(constraints)
                || constraints.items.is_some() =>
        {
            let count_fail = |call: TokenStream| failing(call, param, &quote!(#value.len()));
            if let Some(min) = constraints.min_items {
                out.extend(count_fail(
                    quote!(crate::runtime::validation::check_min_items(#value.len(), #min)),
                ));
            }
            if let Some(max) = constraints.max_items {
                out.extend(count_fail(
                    quote!(crate::runtime::validation::check_max_items(#value.len(), #max)),
                ));
            }
            if constraints.unique_items {
                out.extend(quote! {
                    crate::runtime::validation::check_unique_items(#value).map_err(|(index, rule)| {
                        crate::runtime::validation::ValidationError::new(#name, index, rule)
                    })?;
                });
            }
            if !checks.type_needs(inner) && constraints.items.is_none() {
                return out;
            }
            let index = ident(&format!("i{depth}"));
            let item = ident(&format!("item{depth}"));
            let item_name = param.indexed(quote!(#index));
            let item_constraints = constraints.items.as_deref().cloned().unwrap_or_default();
            let inner_checks = value_checks(
                &quote!(#item),
                inner,
                &item_constraints,
                &item_name,
                checks,
                depth + 1,
            );
            out.extend(quote! {
                for (#index, #item) in #value.iter().enumerate() {
                    #inner_checks
                }
            });
        }
        // A null item has nothing to check.
        Type::Nullable(inner) => {
            let item = ident(&format!("some{depth}"));
            let inner_checks =
                value_checks(&quote!(#item), inner, constraints, param, checks, depth);
            if !inner_checks.is_empty() {
                out.extend(quote!(if let Some(#item) = #value { #inner_checks }));
            }
        }
        Type::Map(inner) if checks.type_needs(inner) || constraints.values.is_some() => {
            let key = ident(&format!("key{depth}"));
            let item = ident(&format!("item{depth}"));
            let item_name = param.keyed(quote!(#key));
            let value_constraints = constraints.values.as_deref().cloned().unwrap_or_default();
            let inner_checks = value_checks(
                &quote!(#item),
                inner,
                &value_constraints,
                &item_name,
                checks,
                depth + 1,
            );
            out.extend(quote! {
                for (#key, #item) in #value.iter() {
                    #inner_checks
                }
            });
        }
        _ => {}
    }
    out
}

/// A check's outcome as a statement that fails naming the parameter: a
/// fixed name through the runtime's `named`, a name built at run time in a
/// closure, so it is built only on failure.
fn failing(call: TokenStream, param: &ParamName, value: &TokenStream) -> TokenStream {
    let name = param.tokens();
    if param.args.is_empty() {
        quote!(crate::runtime::validation::named(#call, #name, #value)?;)
    } else {
        quote!(#call.map_err(|rule| crate::runtime::validation::ValidationError::new(#name, #value, rule))?;)
    }
}

/// One call per rule of a scalar (`check_finite` aside, which holds whatever
/// the rules say), each a `Result<(), Rule>` that `finish` turns into what
/// the caller wants (a statement that fails, or the outcome itself).
fn rule_calls(
    value: &TokenStream,
    ty: &Type,
    constraints: &Constraints,
    finish: impl Fn(TokenStream) -> TokenStream,
) -> Vec<TokenStream> {
    let mut calls = Vec::new();
    let mut push = |call: TokenStream| calls.push(finish(call));
    if *ty == Type::String {
        if let Some(min) = constraints.min_length {
            push(quote!(crate::runtime::validation::check_min_length(#value, #min)));
        }
        if let Some(max) = constraints.max_length {
            push(quote!(crate::runtime::validation::check_max_length(#value, #max)));
        }
        if let Some(format) = &constraints.format {
            // Typed formats reach here only as rules of a value kept as text.
            let check = ident(&match format.as_str() {
                "date-time" => "check_date_time_text".to_string(),
                "date" => "check_date_text".to_string(),
                "ipv4" | "ipv6" => format!("check_{format}_text"),
                other => format!("check_{}", other.replace('-', "_")),
            });
            push(quote!(crate::runtime::validation::#check(#value)));
        }
        if let Some(pattern) = &constraints.pattern {
            // Compiled on first use, once; `validate` compiled it already.
            let check = finish(quote!(crate::runtime::validation::check_pattern(#value, &PATTERN)));
            calls.push(quote! {
                {
                    static PATTERN: ::std::sync::LazyLock<::regex_lite::Regex> =
                        ::std::sync::LazyLock::new(|| {
                            ::regex_lite::Regex::new(#pattern).expect("checked by the generator")
                        });
                    #check
                }
            });
        }
        return calls;
    }
    if let Some(min) = constraints.minimum {
        let min = bound_literal(min);
        push(quote!(crate::runtime::validation::check_minimum(*#value, #min)));
    }
    if let Some(max) = constraints.maximum {
        let max = bound_literal(max);
        push(quote!(crate::runtime::validation::check_maximum(*#value, #max)));
    }
    if let Some(min) = constraints.exclusive_minimum {
        let min = bound_literal(min);
        push(quote!(crate::runtime::validation::check_exclusive_minimum(*#value, #min)));
    }
    if let Some(max) = constraints.exclusive_maximum {
        let max = bound_literal(max);
        push(quote!(crate::runtime::validation::check_exclusive_maximum(*#value, #max)));
    }
    match constraints.multiple_of {
        Some(Bound::Integer(by)) if *ty == Type::Integer => {
            push(quote!(crate::runtime::validation::check_multiple_of_integer(*#value, #by)))
        }
        Some(by) => {
            let by = Literal::f64_suffixed(by.as_f64());
            push(quote!(crate::runtime::validation::check_multiple_of(*#value, #by)));
        }
        None => {}
    }
    calls
}

/// A scalar rule set in words, as an `any_of` error lists it.
fn describe(c: &Constraints) -> Vec<String> {
    let mut words = Vec::new();
    match (c.minimum, c.maximum) {
        (Some(min), Some(max)) if min == max => words.push(format!("exactly {min}")),
        (min, max) => {
            words.extend(min.map(|min| format!("at least {min}")));
            words.extend(max.map(|max| format!("at most {max}")));
        }
    }
    if let Some(min) = c.min_length {
        words.push(format!("at least {min} characters"));
    }
    if let Some(max) = c.max_length {
        words.push(format!("at most {max} characters"));
    }
    words.extend(constraint_notes(c));
    words
}

fn has_item_rules(constraints: &Constraints) -> bool {
    constraints.min_items.is_some() || constraints.max_items.is_some() || constraints.unique_items
}

/// The constraints as the params docs list them (`minimum`, `maximum` and
/// lengths are listed by the caller).
pub fn constraint_notes(c: &Constraints) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(min) = c.exclusive_minimum {
        notes.push(format!("above {min}"));
    }
    if let Some(max) = c.exclusive_maximum {
        notes.push(format!("below {max}"));
    }
    if let Some(by) = c.multiple_of {
        notes.push(format!("a multiple of {by}"));
    }
    if let Some(format) = &c.format {
        notes.push(format!("a valid {format}"));
    }
    if let Some(pattern) = &c.pattern {
        notes.push(format!("matches `{}`", pattern.replace('`', "\\`")));
    }
    if let Some(min) = c.min_items {
        notes.push(format!("at least {min} items"));
    }
    if let Some(max) = c.max_items {
        notes.push(format!("at most {max} items"));
    }
    if c.unique_items {
        notes.push("items unique".to_string());
    }
    if let Some(only) = c.constant {
        notes.push(format!("only `{only}`"));
    }
    if let Some(items) = &c.items {
        notes.push(format!("each item {}", describe(items).join(", ")));
    }
    if let Some(values) = &c.values {
        notes.push(format!("each value {}", describe(values).join(", ")));
    }
    if !c.any_of.is_empty() {
        let sets: Vec<String> = c
            .any_of
            .iter()
            .map(|set| describe(set).join(", "))
            .collect();
        notes.push(format!("one of: {}", sets.join("; ")));
    }
    notes
}

/// A bound as a literal of the field's type (`validate` gives integer fields
/// integer bounds), so the comparison is exact.
fn bound_literal(bound: Bound) -> Literal {
    match bound {
        Bound::Integer(n) => Literal::i64_suffixed(n),
        Bound::Number(n) => Literal::f64_suffixed(n),
    }
}

/// Checks for a struct field reached as `self.<field>`, whose name is `name`.
pub fn field_checks(field: &Field, name: &ParamName, checks: &Checks) -> TokenStream {
    if !checks.field_needs(field) {
        return TokenStream::new();
    }
    let rust = ident(&field.rust);
    let body = value_checks(
        &quote!(value),
        &field.ty,
        &field.constraints,
        name,
        checks,
        0,
    );
    if field.optional() {
        quote! {
            if let Some(value) = &self.#rust {
                #body
            }
        }
    } else {
        quote! {
            {
                let value = &self.#rust;
                #body
            }
        }
    }
}

/// Refuses a value that sets none of `wires` (optional fields of `fields`,
/// reached as `self.<field>`); `param` names the value.
pub fn at_least_one_of(wires: &[String], fields: &[Field], param: TokenStream) -> TokenStream {
    if wires.is_empty() {
        return TokenStream::new();
    }
    let set = fields.iter().filter(|f| wires.contains(&f.wire)).map(|f| {
        let rust = ident(&f.rust);
        quote!(self.#rust.is_some())
    });
    quote! {
        if !(#(#set)||*) {
            return Err(crate::runtime::validation::ValidationError::new(
                #param,
                "",
                crate::runtime::validation::Rule::AtLeastOneOf(&[#(#wires),*]),
            ));
        }
    }
}

/// `validate` for an object type nested in request parameters.
pub fn object_validate(decl: &TypeDecl, fields: &[Field], checks: &Checks) -> TokenStream {
    let type_name = &decl.name;
    let name = ident(type_name);
    let one_of = at_least_one_of(&decl.at_least_one_of, fields, quote!(param()));
    let body = fields
        .iter()
        .map(|f| field_checks(f, &ParamName::runtime().field(&f.wire), checks))
        .chain(std::iter::once(one_of));
    let unused = checks.unused_allowed();
    quote! {
        #[allow(deprecated)]
        impl #name {
            /// Checks every constraint; `param` names this value in errors.
            #unused
            pub(crate) fn validate(&self, param: &dyn Fn() -> String) -> Result<(), crate::runtime::validation::ValidationError> {
                #(#body)*
                Ok(())
            }
        }
    }
}

/// `validate` for a union of scalars: a number must be finite, and a member
/// with rules must follow them.
pub fn union_validate(type_name: &str, variants: &[UnionVariant], checks: &Checks) -> TokenStream {
    let unused = checks.unused_allowed();
    let name = ident(type_name);
    let checked = variants
        .iter()
        .filter(|v| v.ty == Type::Number || !v.constraints.is_empty());
    let arms = checked.map(|v| {
        let variant = ident(&v.variant);
        if !v.constraints.is_empty() {
            let body = value_checks(
                &quote!(value),
                &v.ty,
                &v.constraints,
                &ParamName::runtime(),
                checks,
                0,
            );
            return quote!(Self::#variant(value) => { #body Ok(()) });
        }
        quote! {
            Self::#variant(value) => crate::runtime::validation::check_finite(*value)
                .map_err(|rule| crate::runtime::validation::ValidationError::new(param(), value, rule)),
        }
    });
    quote! {
        impl #name {
            /// Checks the value can be sent; `param` names it in errors.
            #[allow(unreachable_patterns)]
            #unused
            pub(crate) fn validate(&self, param: &dyn Fn() -> String) -> Result<(), crate::runtime::validation::ValidationError> {
                match self {
                    #(#arms)*
                    _ => Ok(()),
                }
            }
        }
    }
}
