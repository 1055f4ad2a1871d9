//! `tc-bench expand`: the time `#[tc_action]`, `#[tc_model]` and `#[tc_error]`
//! take to expand every item of tc-cvm, run through `tc-macros-impl` directly
//! (what rustc spends in our attributes, without serde's derives), and how many
//! lines each action's generated code adds.

use std::path::{Path, PathBuf};
use std::time::Instant;

use proc_macro2::TokenStream;
use quote::ToTokens;
use serde_json::{Value, json};
use syn::{Attribute, Item, Meta};

use crate::args::Args;
use crate::measure::{median, round};

/// The options `expand` accepts.
pub(crate) const OPTIONS: &[&str] = &["dir", "rounds"];

/// Which attribute an item carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Action,
    Model,
    Error,
}

/// One attributed item: the attribute's arguments and the item without it.
struct Job {
    kind: Kind,
    args: TokenStream,
    item: TokenStream,
}

impl Job {
    fn expand(&self) -> TokenStream {
        let (args, item) = (self.args.clone(), self.item.clone());
        match self.kind {
            Kind::Action => tc_macros_impl::expand_action(args, item),
            Kind::Model => tc_macros_impl::expand_model(args, item),
            Kind::Error => tc_macros_impl::expand_error(args, item),
        }
    }
}

/// Runs the measurement and returns the report.
pub(crate) fn run(args: &Args) -> Result<Value, String> {
    let dir = args.text("dir").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../tc-cvm/src"),
        PathBuf::from,
    );
    let rounds: usize = args.number::<usize>("rounds", 15)?.max(1);
    let mut jobs = Vec::new();
    let mut source_lines = 0;
    for path in rust_files(&dir)? {
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        source_lines += text.lines().count();
        let file = syn::parse_file(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        jobs.extend(file.items.into_iter().filter_map(job));
    }
    if jobs.is_empty() {
        return Err(format!("no attributed items under {}", dir.display()));
    }

    let mut times = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let start = Instant::now();
        for job in &jobs {
            std::hint::black_box(job.expand());
        }
        times.push(start.elapsed().as_secs_f64() * 1e3);
    }
    let count = |kind| jobs.iter().filter(|j| j.kind == kind).count();
    let actions: Vec<&Job> = jobs.iter().filter(|j| j.kind == Kind::Action).collect();
    let impl_lines: usize = actions
        .iter()
        .map(|job| generated_lines(&job.expand()))
        .sum();
    Ok(json!({
        "ms_per_expansion": round(median(&mut times), 2),
        "items": jobs.len(),
        "actions": actions.len(),
        "models": count(Kind::Model),
        "error_enums": count(Kind::Error),
        "source_lines": source_lines,
        "generated_lines_per_action": round(impl_lines as f64 / actions.len().max(1) as f64, 1),
        "rounds": rounds,
    }))
}

/// The `.rs` files of `dir`, sorted.
fn rust_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
        .collect();
    files.sort();
    Ok(files)
}

/// The item as the attribute receives it, if it carries one of ours.
fn job(mut item: Item) -> Option<Job> {
    let attrs: &mut Vec<Attribute> = match &mut item {
        Item::Struct(s) => &mut s.attrs,
        Item::Enum(e) => &mut e.attrs,
        _ => return None,
    };
    let position = attrs.iter().position(|a| {
        a.path()
            .segments
            .last()
            .and_then(|s| kind(&s.ident.to_string()))
            .is_some()
    })?;
    let attr = attrs.remove(position);
    let kind = kind(&attr.path().segments.last()?.ident.to_string())?;
    let args = match attr.meta {
        Meta::List(list) => list.tokens,
        _ => TokenStream::new(),
    };
    Some(Job {
        kind,
        args,
        item: item.into_token_stream(),
    })
}

fn kind(name: &str) -> Option<Kind> {
    match name {
        "tc_action" => Some(Kind::Action),
        "tc_model" => Some(Kind::Model),
        "tc_error" => Some(Kind::Error),
        _ => None,
    }
}

/// Lines of what an expansion adds beside the item itself (the trait impl
/// block), as rustfmt-like printing lays them out.
fn generated_lines(expanded: &TokenStream) -> usize {
    let Ok(file) = syn::parse2::<syn::File>(expanded.clone()) else {
        return 0;
    };
    let added = syn::File {
        shebang: None,
        attrs: Vec::new(),
        items: file
            .items
            .into_iter()
            .filter(|item| !matches!(item, Item::Struct(_) | Item::Enum(_)))
            .collect(),
    };
    prettyplease::unparse(&added).lines().count()
}
