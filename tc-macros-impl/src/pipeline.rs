//! The steps every attribute takes, in one place: read its arguments, read the
//! item, check it, then expand it or fall back. Each attribute only says what
//! its steps are ([`Steps`]); the order, which decides the order of the
//! errors the user sees, is [`run`]'s alone.

use proc_macro2::TokenStream;
use syn::{DeriveInput, Path};

use crate::expand;
use crate::expand::fallback;
use crate::internals::ast;
use crate::internals::attr::{self, ActionArgs, ActionFallback, Macro};
use crate::internals::ctxt::Ctxt;
use crate::internals::valid;

/// What differs between `#[tc_action]`, `#[tc_model]` and `#[tc_error]`.
pub(crate) trait Steps {
    const MACRO: Macro;
    /// The arguments, all present and valid.
    type Args;
    /// What the fallback can still use from arguments with mistakes.
    type Fallback;
    /// The item as the checks and the expansion see it.
    type Ast<'a>;

    fn parse_args(cx: &Ctxt, args: TokenStream) -> (Option<Self::Args>, Self::Fallback);
    fn read<'a>(cx: &Ctxt, item: &'a DeriveInput) -> Option<Self::Ast<'a>>;
    /// The rules that involve more than one part of the item.
    fn check(cx: &Ctxt, ast: &Self::Ast<'_>);
    fn expand(args: &Self::Args, ast: &Self::Ast<'_>) -> TokenStream;
    fn fallback(
        item: &DeriveInput,
        args: &Self::Fallback,
        result: Result<(), syn::Error>,
    ) -> TokenStream;
}

/// Expands attribute `A`, with `args` the tokens inside its parentheses, over
/// `input`. Every mistake is recorded before deciding, so that all are
/// reported at once.
pub(crate) fn run<A: Steps>(args: TokenStream, input: TokenStream) -> TokenStream {
    let cx = Ctxt::new();
    let (args, partial) = A::parse_args(&cx, args);
    let Some(item) = parse_item(&cx, A::MACRO, input.clone()) else {
        return fallback::raw(input, cx.check());
    };
    let ast = A::read(&cx, &item);
    valid::check_no_generics(&cx, &item, A::MACRO);
    if let Some(ast) = &ast {
        A::check(&cx, ast);
    }
    match (cx.check(), args, ast) {
        (Ok(()), Some(args), Some(ast)) => A::expand(&args, &ast),
        (result, _, _) => A::fallback(&item, &partial, result),
    }
}

/// Parses the annotated item as a struct, enum or union; anything else (a
/// function, a trait, ...) is reported against the macro.
fn parse_item(cx: &Ctxt, which: Macro, input: TokenStream) -> Option<DeriveInput> {
    match syn::parse2::<DeriveInput>(input) {
        Ok(item) => Some(item),
        Err(err) => {
            cx.error_at(
                err.span(),
                format_args!("{} applies to {}, not to this item", which, which.target()),
            );
            None
        }
    }
}

/// `#[tc_action]`.
pub(crate) enum Action {}

impl Steps for Action {
    const MACRO: Macro = Macro::Action;
    type Args = ActionArgs;
    type Fallback = ActionFallback;
    type Ast<'a> = ast::Struct<'a>;

    fn parse_args(cx: &Ctxt, args: TokenStream) -> (Option<ActionArgs>, ActionFallback) {
        ActionArgs::parse(cx, args)
    }
    fn read<'a>(cx: &Ctxt, item: &'a DeriveInput) -> Option<ast::Struct<'a>> {
        ast::Struct::from_syn(cx, item, Macro::Action)
    }
    fn check(cx: &Ctxt, ast: &ast::Struct<'_>) {
        valid::check_struct(cx, ast);
    }
    fn expand(args: &ActionArgs, ast: &ast::Struct<'_>) -> TokenStream {
        expand::action(args, ast)
    }
    fn fallback(
        item: &DeriveInput,
        args: &ActionFallback,
        result: Result<(), syn::Error>,
    ) -> TokenStream {
        fallback::action(item, args, result)
    }
}

/// `#[tc_model]`.
pub(crate) enum Model {}

impl Steps for Model {
    const MACRO: Macro = Macro::Model;
    /// Where `tc_core` is: the only argument.
    type Args = Path;
    /// The same, unless `crate = "..."` cannot be read.
    type Fallback = Option<Path>;
    type Ast<'a> = ast::Struct<'a>;

    fn parse_args(cx: &Ctxt, args: TokenStream) -> (Option<Path>, Option<Path>) {
        let root = attr::parse_crate_args(cx, Macro::Model, args);
        (root.clone(), root)
    }
    fn read<'a>(cx: &Ctxt, item: &'a DeriveInput) -> Option<ast::Struct<'a>> {
        ast::Struct::from_syn(cx, item, Macro::Model)
    }
    fn check(cx: &Ctxt, ast: &ast::Struct<'_>) {
        valid::check_struct(cx, ast);
    }
    fn expand(root: &Path, ast: &ast::Struct<'_>) -> TokenStream {
        expand::model(root, ast)
    }
    fn fallback(
        item: &DeriveInput,
        root: &Option<Path>,
        result: Result<(), syn::Error>,
    ) -> TokenStream {
        fallback::model(item, root.as_ref(), result)
    }
}

/// `#[tc_error]`.
pub(crate) enum Error {}

impl Steps for Error {
    const MACRO: Macro = Macro::Error;
    /// Where `tc_core` is: the only argument.
    type Args = Path;
    /// The same, unless `crate = "..."` cannot be read.
    type Fallback = Option<Path>;
    type Ast<'a> = ast::Enum<'a>;

    fn parse_args(cx: &Ctxt, args: TokenStream) -> (Option<Path>, Option<Path>) {
        let root = attr::parse_crate_args(cx, Macro::Error, args);
        (root.clone(), root)
    }
    fn read<'a>(cx: &Ctxt, item: &'a DeriveInput) -> Option<ast::Enum<'a>> {
        ast::Enum::from_syn(cx, item)
    }
    fn check(cx: &Ctxt, ast: &ast::Enum<'_>) {
        valid::check_enum(cx, ast);
    }
    fn expand(root: &Path, ast: &ast::Enum<'_>) -> TokenStream {
        expand::error(root, ast)
    }
    fn fallback(
        item: &DeriveInput,
        root: &Option<Path>,
        result: Result<(), syn::Error>,
    ) -> TokenStream {
        fallback::error(item, root.as_ref(), result)
    }
}
