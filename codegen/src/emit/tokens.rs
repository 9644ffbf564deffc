//! Small token helpers every emitter uses: identifiers, docs, deprecation, Rust types.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::model::Type;

/// An identifier; names were made valid by `names`.
pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// `#[doc = "…"]` lines; prettyplease prints them as `///` comments.
/// The text comes from the schema: its code blocks never become doc-tests.
pub fn doc(text: &str) -> TokenStream {
    doc_lines(&schema_doc(text), |line| quote!(#[doc = #line]))
}

/// `#![doc = "…"]` lines: a module's or the crate's own docs, as `doc` makes them.
pub fn doc_inner(text: &str) -> TokenStream {
    doc_lines(&schema_doc(text), |line| quote!(#![doc = #line]))
}

/// Schema text followed by an `# Examples` section the generator wrote,
/// which stays a doc-test.
pub fn doc_with_example(text: &str, example: &str) -> TokenStream {
    let text = format!("{}{example}", schema_doc(text).trim_end());
    doc_lines(&text, |line| quote!(#[doc = #line]))
}

/// Schema text safe for a doc comment: clean characters, inert code blocks.
fn schema_doc(text: &str) -> String {
    inert_code_blocks(&clean_doc(text))
}

fn doc_lines(text: &str, attribute: impl Fn(String) -> TokenStream) -> TokenStream {
    text.trim()
        .lines()
        .map(|line| {
            attribute(if line.trim().is_empty() {
                String::new()
            } else {
                format!(" {}", line.trim_end())
            })
        })
        .collect()
}

/// Schema text made safe for a comment: line breaks become `\n` (a lone CR
/// is an error in a doc comment), tabs four spaces, and control and bidi
/// characters (which break the build or hide text from a reviewer) their
/// `\u{…}` escape, visible in the docs.
fn clean_doc(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push('\n'),
            '\t' => out.push_str("    "),
            c if c.is_control() || is_bidi_control(c) => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32))
            }
            c => out.push(c),
        }
    }
    out
}

/// Rustdoc compiles and runs fenced blocks without a language (or tagged
/// `rust`) and indented blocks: in schema text those would run code on
/// `cargo test` of the SDK. Fences get the `text` language unless they name
/// another language, indentation is cut to three spaces (below a block),
/// and a leading `>` is text, not a quote.
fn inert_code_blocks(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut fence: Option<(char, usize)> = None;
    for line in text.lines() {
        let body = line.trim_start();
        let marker = body.chars().next().filter(|c| *c == '`' || *c == '~');
        let run = marker.map_or(0, |m| body.chars().take_while(|c| *c == m).count());
        match (fence, marker) {
            (None, Some(m)) if run >= 3 => {
                let info = body[run..].trim();
                let language = info.split([',', ' ']).next().unwrap_or("");
                let language = if is_other_language(language) {
                    language
                } else {
                    "text"
                };
                out.push_str(&m.to_string().repeat(run));
                out.push_str(language);
                fence = Some((m, run));
            }
            (Some((open, len)), Some(m))
                if m == open && run >= len && body[run..].trim().is_empty() =>
            {
                out.push_str(body);
                fence = None;
            }
            (Some(_), _) => out.push_str(line),
            (None, _) => {
                let indent = line.len() - body.len();
                out.push_str(&line[..indent.min(3)]);
                // A quote marker would make the next lines a lazy quote.
                if body.starts_with('>') {
                    out.push('\\');
                }
                out.push_str(body);
            }
        }
        out.push('\n');
    }
    if let Some((m, len)) = fence {
        out.push_str(&m.to_string().repeat(len));
        out.push('\n');
    }
    out
}

/// A fence language rustdoc does not compile: a plain word that is not one
/// of its Rust attributes.
fn is_other_language(word: &str) -> bool {
    const RUSTDOC: [&str; 10] = [
        "rust",
        "ignore",
        "should_panic",
        "no_run",
        "compile_fail",
        "edition2015",
        "edition2018",
        "edition2021",
        "edition2024",
        "standalone_crate",
    ];
    !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '.'))
        && !RUSTDOC.contains(&word.to_ascii_lowercase().as_str())
        && !word.to_ascii_lowercase().starts_with("edition")
}

/// The characters rustc refuses in comments and literals
/// (`text_direction_codepoint_in_comment`), and the implicit marks.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `#[deprecated(note = "…")]` when the schema marks the item deprecated.
pub fn deprecated(note: Option<&String>) -> TokenStream {
    match note {
        Some(note) => quote!(#[deprecated(note = #note)]),
        None => TokenStream::new(),
    }
}

/// The Rust type that holds a value of `ty`.
pub fn rust_type(ty: &Type) -> TokenStream {
    match ty {
        Type::Bool => quote!(bool),
        Type::Integer => quote!(i64),
        Type::Number => quote!(f64),
        Type::String => quote!(String),
        Type::DateTime => quote!(::time::OffsetDateTime),
        Type::Date => quote!(::time::Date),
        Type::Ipv4 => quote!(::std::net::Ipv4Addr),
        Type::Ipv6 => quote!(::std::net::Ipv6Addr),
        Type::Json => quote!(::serde_json::Value),
        Type::Named(name) => named_type(name),
        Type::Array(inner) => {
            let inner = rust_type(inner);
            quote!(Vec<#inner>)
        }
        Type::Map(inner) => {
            let inner = rust_type(inner);
            quote!(::std::collections::BTreeMap<String, #inner>)
        }
        Type::Nullable(inner) => {
            let inner = rust_type(inner);
            quote!(Option<#inner>)
        }
        Type::File => quote!(crate::runtime::body::FilePart),
        Type::Binary => quote!(crate::runtime::body::RawBody),
    }
}

/// A named type: `Name` in the same module, `crate::group::resource::Name`
/// for `group.resource.Name` of another file.
fn named_type(name: &str) -> TokenStream {
    match name.rsplit_once('.') {
        None => {
            let name = ident(name);
            quote!(#name)
        }
        Some((module, type_name)) => {
            let modules = module.split('.').map(|m| ident(&crate::names::module(m)));
            let type_name = ident(type_name);
            quote!(crate #(::#modules)* :: #type_name)
        }
    }
}

/// The runtime module for `#[serde(with = "…")]` and the wire type a
/// hand-written decoder reads, for types with no serde impl of their own.
pub fn serde_with(ty: &Type) -> Option<(&'static str, TokenStream)> {
    match ty {
        Type::DateTime => Some((
            "crate::runtime::datetime",
            quote!(crate::runtime::datetime::Rfc3339),
        )),
        Type::Date => Some((
            "crate::runtime::datetime::date",
            quote!(crate::runtime::datetime::FullDate),
        )),
        _ => None,
    }
}

/// Whether `ty` is a date-time at its top level.
pub fn is_date_time(ty: &Type) -> bool {
    matches!(ty, Type::DateTime)
}

/// `#[serde(rename = "wire", …)]` with `rename` only when the Rust name
/// differs from the wire name, and nothing when no argument is left.
pub fn serde_field_attr(wire: &str, rust: &str, more: &[TokenStream]) -> TokenStream {
    let mut args: Vec<TokenStream> = Vec::new();
    if wire != rust {
        args.push(quote!(rename = #wire));
    }
    args.extend(more.iter().cloned());
    if args.is_empty() {
        TokenStream::new()
    } else {
        quote!(#[serde(#(#args),*)])
    }
}
