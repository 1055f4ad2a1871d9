//! Prints a Rust file with `#[tc_action]`, `#[tc_model]` and `#[tc_error]`
//! expanded and formatted: what the attributes generate for your own structs,
//! on stable Rust, with nothing to install.
//!
//! ```text
//! cargo run -p tcapi-macros-impl --example expand -- path/to/file.rs
//! ```
//!
//! The file may be anywhere; it is read, not compiled, so the attributes are
//! recognised by name (`#[tc_action]`, `#[tc_core::tc_action]`, ...), and
//! everything else in it is printed as it is. A mistake in an attribute shows
//! as the `compile_error!` the compiler would report. Exit codes: 0 printed,
//! 1 the file cannot be read or is not valid Rust, 2 wrong arguments.

use std::path::Path;
use std::process::ExitCode;

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::visit_mut::{self, VisitMut};
use syn::{Attribute, Item, Meta, Stmt};
use tc_macros_impl::Macro;

fn main() -> ExitCode {
    let args: Vec<_> = std::env::args_os().skip(1).collect();
    let [path] = args.as_slice() else {
        eprintln!("usage: cargo run -p tcapi-macros-impl --example expand -- path/to/file.rs");
        return ExitCode::from(2);
    };
    match expand_file(Path::new(path)) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The file with every attribute of ours expanded, formatted.
fn expand_file(path: &Path) -> Result<String, String> {
    let shown = path.display();
    let source = std::fs::read_to_string(path).map_err(|e| format!("cannot read {shown}: {e}"))?;
    let mut file = syn::parse_file(&source).map_err(|e| {
        let at = e.span().start();
        format!("{shown}:{}:{}: not valid Rust: {e}", at.line, at.column + 1)
    })?;
    Expander.visit_file_mut(&mut file);
    Ok(prettyplease::unparse(&file))
}

/// Expands the items of every list of items: the file's, inline modules' and
/// blocks'.
struct Expander;

impl VisitMut for Expander {
    fn visit_file_mut(&mut self, file: &mut syn::File) {
        file.items = expand_items(std::mem::take(&mut file.items));
        visit_mut::visit_file_mut(self, file);
    }

    fn visit_item_mod_mut(&mut self, module: &mut syn::ItemMod) {
        if let Some((_, items)) = &mut module.content {
            *items = expand_items(std::mem::take(items));
        }
        visit_mut::visit_item_mod_mut(self, module);
    }

    fn visit_block_mut(&mut self, block: &mut syn::Block) {
        let mut stmts = Vec::with_capacity(block.stmts.len());
        for stmt in std::mem::take(&mut block.stmts) {
            match stmt {
                Stmt::Item(item) => stmts.extend(expand_item(item).into_iter().map(Stmt::Item)),
                other => stmts.push(other),
            }
        }
        block.stmts = stmts;
        visit_mut::visit_block_mut(self, block);
    }
}

fn expand_items(items: Vec<Item>) -> Vec<Item> {
    items.into_iter().flat_map(expand_item).collect()
}

/// The item, or what our first attribute on it expands to.
fn expand_item(mut item: Item) -> Vec<Item> {
    let Some(attrs) = attrs_mut(&mut item) else {
        return vec![item];
    };
    let Some((index, which)) = attrs
        .iter()
        .enumerate()
        .find_map(|(index, attr)| Some((index, ours(attr)?)))
    else {
        return vec![item];
    };
    let args = match attrs.remove(index).meta {
        Meta::List(list) => list.tokens,
        _ => TokenStream::new(),
    };
    let expanded = which.expand(args, item.to_token_stream());
    match syn::parse2::<syn::File>(expanded.clone()) {
        Ok(file) => file.items,
        // Not expected: the expansion is valid Rust, mistakes included. Shown
        // as tokens rather than lost.
        Err(_) => vec![Item::Verbatim(expanded)],
    }
}

/// Which of our attributes `attr` is, judged by its last path segment.
fn ours(attr: &Attribute) -> Option<Macro> {
    let name = attr.path().segments.last()?.ident.to_string();
    Macro::from_name(&name)
}

/// The attributes of the items our attributes can be written on.
fn attrs_mut(item: &mut Item) -> Option<&mut Vec<Attribute>> {
    match item {
        Item::Struct(item) => Some(&mut item.attrs),
        Item::Enum(item) => Some(&mut item.attrs),
        Item::Union(item) => Some(&mut item.attrs),
        _ => None,
    }
}
