//! The public items of a generated crate, one line each and in source order,
//! for a snapshot a reviewer can read: what a schema change adds, removes,
//! renames or deprecates, without the bodies.

use syn::{Attribute, Fields, ImplItem, Item, Visibility};

/// One line per public item of the crate made of `files` (path, contents),
/// runtime files excepted: they are hand-written and copied verbatim.
pub fn public_api(crate_name: &str, files: &[(String, String)]) -> String {
    let mut lines = Vec::new();
    for (path, contents) in files {
        let Some(module) = module_path(path) else {
            continue;
        };
        let file = syn::parse_file(contents).unwrap_or_else(|e| panic!("{path}: {e}"));
        let prefix = std::iter::once(crate_name.to_string())
            .chain(module)
            .collect::<Vec<_>>()
            .join("::");
        items(&prefix, &file.items, &mut lines);
    }
    lines.join("\n") + "\n"
}

/// `src/a/b.rs` and `src/a/b/mod.rs` -> `[a, b]`; `None` for what is not
/// Rust or is the runtime.
fn module_path(path: &str) -> Option<Vec<String>> {
    let rest = path.strip_prefix("src/")?.strip_suffix(".rs")?;
    if rest.starts_with("runtime/") {
        return None;
    }
    let mut parts: Vec<String> = rest.split('/').map(str::to_string).collect();
    if matches!(parts.last().map(String::as_str), Some("lib" | "mod")) {
        parts.pop();
    }
    Some(parts)
}

fn items(prefix: &str, items: &[Item], lines: &mut Vec<String>) {
    for item in items {
        match item {
            Item::Mod(m) if is_pub(&m.vis) => {
                lines.push(format!(
                    "{}pub mod {prefix}::{}",
                    markers(&m.attrs),
                    m.ident
                ));
                if let Some((_, inner)) = &m.content {
                    self::items(&format!("{prefix}::{}", m.ident), inner, lines);
                }
            }
            Item::Struct(s) if is_pub(&s.vis) => {
                let name = format!("{prefix}::{}", s.ident);
                let generics = render_generics(&s.generics);
                lines.push(format!("{}pub struct {name}{generics}", markers(&s.attrs)));
                for field in &s.fields {
                    if let (true, Some(ident)) = (is_pub(&field.vis), &field.ident) {
                        lines.push(format!(
                            "{}pub {name}::{ident}: {}",
                            markers(&field.attrs),
                            render_type(&field.ty)
                        ));
                    }
                }
            }
            Item::Enum(e) if is_pub(&e.vis) => {
                let name = format!("{prefix}::{}", e.ident);
                let generics = render_generics(&e.generics);
                lines.push(format!("{}pub enum {name}{generics}", markers(&e.attrs)));
                for variant in &e.variants {
                    lines.push(format!(
                        "{}{name}::{}{}",
                        markers(&variant.attrs),
                        variant.ident,
                        render_fields(&variant.fields)
                    ));
                }
            }
            Item::Fn(f) if is_pub(&f.vis) => {
                lines.push(format!(
                    "{}{}",
                    markers(&f.attrs),
                    render_fn(prefix, &f.vis, &f.sig)
                ));
            }
            Item::Impl(i) => {
                let self_name = last_segment(&i.self_ty);
                let qualified = format!("{prefix}::{self_name}");
                if i.trait_.is_some() {
                    // syn's Clone is behind a feature the generator does not use.
                    let mut header: syn::ItemImpl = syn::parse_quote!(#i);
                    header.attrs.clear();
                    header.items.clear();
                    let text = one_line(Item::Impl(header));
                    let text = text.strip_suffix(" {}").unwrap_or(&text);
                    lines.push(qualify_self(text, &self_name, &qualified));
                    continue;
                }
                for member in &i.items {
                    match member {
                        ImplItem::Fn(f) if is_pub(&f.vis) => lines.push(format!(
                            "{}{}",
                            markers(&f.attrs),
                            render_fn(&qualified, &f.vis, &f.sig)
                        )),
                        ImplItem::Const(c) if is_pub(&c.vis) => lines.push(format!(
                            "{}pub const {qualified}::{}: {}",
                            markers(&c.attrs),
                            c.ident,
                            render_type(&c.ty)
                        )),
                        _ => {}
                    }
                }
            }
            Item::Use(u) if is_pub(&u.vis) => {
                let mut u: syn::ItemUse = syn::parse_quote!(#u);
                u.attrs.clear();
                let text = one_line(Item::Use(u));
                let tree = text.trim_start_matches("pub use ").trim_end_matches(';');
                lines.push(format!("pub use {prefix}::{tree}"));
            }
            Item::Type(t) if is_pub(&t.vis) => lines.push(format!(
                "{}pub type {prefix}::{}{} = {}",
                markers(&t.attrs),
                t.ident,
                render_generics(&t.generics),
                render_type(&t.ty)
            )),
            Item::Const(c) if is_pub(&c.vis) => lines.push(format!(
                "{}pub const {prefix}::{}: {}",
                markers(&c.attrs),
                c.ident,
                render_type(&c.ty)
            )),
            Item::Static(s) if is_pub(&s.vis) => lines.push(format!(
                "{}pub static {prefix}::{}: {}",
                markers(&s.attrs),
                s.ident,
                render_type(&s.ty)
            )),
            Item::Trait(t) if is_pub(&t.vis) => {
                lines.push(format!(
                    "{}pub trait {prefix}::{}",
                    markers(&t.attrs),
                    t.ident
                ));
            }
            _ => {}
        }
    }
}

/// Only `pub`: `pub(crate)` items are not part of the API.
fn is_pub(vis: &Visibility) -> bool {
    matches!(vis, Visibility::Public(_))
}

/// The attributes that change how the item can be used: derives,
/// `#[non_exhaustive]`, `#[deprecated]` (its note is in generated/).
fn markers(attrs: &[Attribute]) -> String {
    let mut out = String::new();
    for attr in attrs {
        let path = attr.path();
        if path.is_ident("derive") {
            let derives = attr
                .parse_args_with(
                    syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated,
                )
                .unwrap_or_default();
            let names: Vec<String> = derives
                .iter()
                .filter_map(|p| p.segments.last().map(|s| s.ident.to_string()))
                .collect();
            out.push_str(&format!("#[derive({})] ", names.join(", ")));
        } else if path.is_ident("non_exhaustive") || path.is_ident("deprecated") {
            out.push_str(&format!("#[{}] ", path.get_ident().expect("ident")));
        }
    }
    out
}

/// `pub fn {qualified}::name(args) -> Output`, on one line.
fn render_fn(qualified: &str, vis: &Visibility, sig: &syn::Signature) -> String {
    let item: Item = syn::parse_quote!(#vis #sig {});
    let text = one_line(item);
    let text = text.strip_suffix(" {}").unwrap_or(&text);
    text.replacen(
        &format!("fn {}", sig.ident),
        &format!("fn {qualified}::{}", sig.ident),
        1,
    )
}

fn render_type(ty: &syn::Type) -> String {
    let item: Item = syn::parse_quote!(type T = #ty;);
    let text = one_line(item);
    text.trim_start_matches("type T = ")
        .trim_end_matches(';')
        .to_string()
}

fn render_generics(generics: &syn::Generics) -> String {
    if generics.params.is_empty() {
        return String::new();
    }
    let item: Item = syn::parse_quote!(struct S #generics;);
    let text = one_line(item);
    text.trim_start_matches("struct S")
        .trim_end_matches(';')
        .to_string()
}

fn render_fields(fields: &Fields) -> String {
    match fields {
        Fields::Unit => String::new(),
        Fields::Unnamed(unnamed) => {
            let types: Vec<String> = unnamed.unnamed.iter().map(|f| render_type(&f.ty)).collect();
            format!("({})", types.join(", "))
        }
        Fields::Named(named) => {
            let fields: Vec<String> = named
                .named
                .iter()
                .map(|f| {
                    let ident = f.ident.as_ref().expect("named field");
                    format!("{ident}: {}", render_type(&f.ty))
                })
                .collect();
            format!(" {{ {} }}", fields.join(", "))
        }
    }
}

/// The last path segment's name of an impl's self type (`Logs` for `Logs<'a>`).
fn last_segment(ty: &syn::Type) -> String {
    match ty {
        syn::Type::Path(path) => path
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default(),
        other => render_type(other),
    }
}

/// `impl Display for LogListParamsDirection` -> `impl Display for a::b::LogListParamsDirection`.
fn qualify_self(text: &str, self_name: &str, qualified: &str) -> String {
    match text.rfind(&format!(" for {self_name}")) {
        Some(at) => format!(
            "{} for {qualified}{}",
            &text[..at],
            &text[at + " for ".len() + self_name.len()..]
        ),
        None => text.to_string(),
    }
}

/// prettyplease's text of one item with every run of whitespace made one
/// space, so a signature it wraps is still one line.
fn one_line(item: Item) -> String {
    let file = syn::File {
        shebang: None,
        attrs: Vec::new(),
        items: vec![item],
    };
    let text = prettyplease::unparse(&file);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // Undo the line breaks prettyplease puts inside long parentheses and
    // generics (each with a trailing comma).
    text.replace("( ", "(")
        .replace(", )", ")")
        .replace(" )", ")")
        .replace("< ", "<")
        .replace(", >", ">")
        .replace(" >", ">")
}
