//! `paginate(...)` in `#[tc_action(...)]`: where the request keeps its place
//! and where the answer keeps its items, read into a [`PaginateArgs`] that
//! `expand::action` turns into `impl Paginate`.
//!
//! Members are named by their Rust field names; request members (`offset`,
//! `page`, `token`, `limit`) are fields of the struct, answer members
//! (`items`, `total`, `next`) fields of the output. The element type is
//! named (`item = Instance`): the attribute sees the request, not the output.

use syn::ext::IdentExt;
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned;
use syn::{Ident, Path, Token, Type};

use super::ctxt::Ctxt;
use super::keys::{
    ITEM, ITEMS, LIMIT, NEXT, OFFSET, PAGE, PAGINATE, PAGINATE_EXAMPLE, PAGINATE_KEYS, TOKEN, TOTAL,
};

/// How the request keeps its place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Style {
    /// `offset = ...`: how many items to skip.
    Offset,
    /// `page = ...`: which page, counted from 1.
    Page,
    /// `token = ...`: the token the previous answer handed back.
    Token,
}

/// `paginate(...)`, complete and consistent.
pub(crate) struct PaginateArgs {
    pub(crate) style: Style,
    /// The request's field holding the offset, page or token.
    pub(crate) cursor: Ident,
    /// The request's field holding the page size.
    pub(crate) limit: Option<Ident>,
    /// The answer's list.
    pub(crate) items: Ident,
    /// One element of the list.
    pub(crate) item: Type,
    /// The answer's total count.
    pub(crate) total: Option<Ident>,
    /// The answer's next token (token cursors only).
    pub(crate) next: Option<Ident>,
}

/// Reads `paginate(...)` (`meta` is at `paginate`), recording each mistake
/// in `cx` at its tokens; `None` when anything is wrong.
pub(crate) fn parse(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<PaginateArgs>> {
    if !meta.input.peek(syn::token::Paren) {
        cx.error_spanned_by(
            &meta.path,
            format_args!("`{PAGINATE}` takes its members in parentheses: `{PAGINATE_EXAMPLE}`"),
        );
        if meta.input.peek(Token![=]) {
            meta.value()?.parse::<proc_macro2::TokenStream>().ok();
        }
        return Ok(None);
    }
    let errors_before = cx.len();
    let mut cursor: Option<(Style, Path, Ident)> = None;
    let mut limit = None;
    let mut items = None;
    let mut item = None;
    let mut total = None;
    let mut next: Option<(Path, Ident)> = None;
    let mut seen: Vec<String> = Vec::new();
    meta.parse_nested_meta(|inner| {
        let key = inner.path.get_ident().map(|ident| ident.to_string());
        let Some(key) = key.filter(|key| PAGINATE_KEYS.contains(&key.as_str())) else {
            cx.error_spanned_by(
                &inner.path,
                format_args!(
                    "unknown `{PAGINATE}` key; expected one of: {}",
                    PAGINATE_KEYS
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
            skip_value(&inner)?;
            return Ok(());
        };
        if seen.contains(&key) {
            cx.error_spanned_by(
                &inner.path,
                format_args!("duplicate `{key}`: it is already set earlier"),
            );
            skip_value(&inner)?;
            return Ok(());
        }
        seen.push(key.clone());
        if !inner.input.peek(Token![=]) {
            cx.error_spanned_by(
                &inner.path,
                format_args!("`{key}` needs a value, as in `{PAGINATE_EXAMPLE}`"),
            );
            skip_value(&inner)?;
            return Ok(());
        }
        if key == ITEM {
            item = type_of(cx, &inner)?;
            return Ok(());
        }
        let Some(field) = field_of(cx, &inner, &key)? else {
            return Ok(());
        };
        let style = match key.as_str() {
            OFFSET => Some(Style::Offset),
            PAGE => Some(Style::Page),
            TOKEN => Some(Style::Token),
            _ => None,
        };
        if let Some(style) = style {
            if let Some((_, first, _)) = &cursor {
                cx.error_spanned_by(
                    &inner.path,
                    format_args!(
                        "`{PAGINATE}` takes one cursor, and `{}` is already given: \
                         keep `offset`, `page` or `token`, whichever the request pages by",
                        first.get_ident().map(Ident::to_string).unwrap_or_default()
                    ),
                );
            } else {
                cursor = Some((style, inner.path.clone(), field));
            }
            return Ok(());
        }
        match key.as_str() {
            LIMIT => limit = Some(field),
            ITEMS => items = Some(field),
            TOTAL => total = Some(field),
            _ => next = Some((inner.path.clone(), field)),
        }
        Ok(())
    })?;

    // A key written wrong may be the cursor or the list the checks below
    // would report missing: its own error is the one to fix first.
    if cx.len() > errors_before {
        return Ok(None);
    }
    let at = meta.path.span();
    let Some((style, cursor_key, cursor)) = cursor else {
        cx.error_at(
            at,
            format_args!(
                "`{PAGINATE}` needs the request's field that keeps its place: \
                 `{OFFSET} = ...`, `{PAGE} = ...` or `{TOKEN} = ...`, as in `{PAGINATE_EXAMPLE}`"
            ),
        );
        return Ok(None);
    };
    match (style, &next) {
        (Style::Token, None) => cx.error_spanned_by(
            &cursor_key,
            format_args!(
                "a `{TOKEN}` cursor needs the answer's field that hands back the next \
                 token: add `{NEXT} = next_token`"
            ),
        ),
        (Style::Offset | Style::Page, Some((key, _))) => cx.error_spanned_by(
            key,
            format_args!(
                "`{NEXT}` names the answer's next token, which only a `{TOKEN}` cursor \
                 reads: remove it, or page with `{TOKEN} = ...`"
            ),
        ),
        _ => {}
    }
    if items.is_none() || item.is_none() {
        let missing = match (&items, &item) {
            (None, None) => format!("`{ITEMS} = ...` and `{ITEM} = ...`"),
            (None, _) => format!("`{ITEMS} = ...`"),
            _ => format!("`{ITEM} = ...`"),
        };
        cx.error_at(
            at,
            format_args!(
                "`{PAGINATE}` is missing {missing}: the answer's list and its element type, \
                 as in `{ITEMS} = instance_set, {ITEM} = Instance`"
            ),
        );
    }
    let (Some(items), Some(item)) = (items, item) else {
        return Ok(None);
    };
    if cx.len() > errors_before {
        return Ok(None);
    }
    Ok(Some(PaginateArgs {
        style,
        cursor,
        limit,
        items,
        item,
        total,
        next: next.map(|(_, field)| field),
    }))
}

/// `key = field`: a field name (raw identifiers allowed).
fn field_of(cx: &Ctxt, inner: &ParseNestedMeta, key: &str) -> syn::Result<Option<Ident>> {
    let input = inner.value()?;
    if input.peek(Ident::peek_any) && (input.peek2(Token![,]) || peek_end(input)) {
        return input.call(Ident::parse_any).map(Some);
    }
    let tokens = rest(input)?;
    let message =
        format!("`{key}` names a field, without quotes or a path, as in `{PAGINATE_EXAMPLE}`");
    if tokens.is_empty() {
        cx.error_spanned_by(&inner.path, message);
    } else {
        cx.error_spanned_by(tokens, message);
    }
    Ok(None)
}

/// `item = Type`.
fn type_of(cx: &Ctxt, inner: &ParseNestedMeta) -> syn::Result<Option<Type>> {
    let input = inner.value()?;
    match input.parse::<Type>() {
        Ok(ty) if input.is_empty() || input.peek(Token![,]) => Ok(Some(ty)),
        _ => {
            let tokens = rest(input)?;
            cx.error_at(
                if tokens.is_empty() {
                    inner.path.span()
                } else {
                    tokens.span()
                },
                format_args!("`{ITEM}` names the list's element type, as in `{ITEM} = Instance`"),
            );
            Ok(None)
        }
    }
}

fn peek_end(input: syn::parse::ParseStream) -> bool {
    let fork = input.fork();
    fork.parse::<proc_macro2::TokenTree>().is_ok() && fork.is_empty()
}

/// The tokens up to the next `,` (or the end).
fn rest(input: syn::parse::ParseStream) -> syn::Result<proc_macro2::TokenStream> {
    let mut tokens = proc_macro2::TokenStream::new();
    while !input.is_empty() && !input.peek(Token![,]) {
        tokens.extend([input.parse::<proc_macro2::TokenTree>()?]);
    }
    Ok(tokens)
}

/// Skips `= value` or `(...)` after a refused key.
fn skip_value(inner: &ParseNestedMeta) -> syn::Result<()> {
    if inner.input.peek(Token![=]) {
        inner.value()?;
    }
    rest(inner.input).map(drop)
}
