//! Reading attributes: the arguments of `#[tc_action(...)]`, `#[tc_model(...)]`
//! and `#[tc_error(...)]`, and the `#[tc(...)]` helper attributes on fields and
//! variants.
//!
//! Values are kept as the user's literals (`LitStr`, `LitInt`) so that errors,
//! here and in the compiler, point at them. A mistake is recorded in the
//! [`Ctxt`] and parsing goes on, so that every mistake is reported at once; only
//! a syntax error that leaves us lost stops the walk.

use std::fmt;

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::meta::ParseNestedMeta;
use syn::parse::{ParseStream, Parser};
use syn::{Attribute, Ident, LitInt, LitStr, Path, Token, Type};

use super::ctxt::Ctxt;
use super::default_output;
use super::keys::{
    ACTION_KEYS, CODE, CODE_EXAMPLE, CRATE, CRATE_EXAMPLE, CRATE_KEYS, ERROR, ERROR_EXAMPLE,
    FIELD_KEYS, METHOD, METHOD_EXAMPLE, NAME, NAME_EXAMPLE, OUTPUT, OUTPUT_EXAMPLE, PAGINATE,
    RATE_LIMIT, RATE_LIMIT_EXAMPLE, RENAME, RENAME_EXAMPLE, SENSITIVE, SERDE, SERVICE,
    SERVICE_EXAMPLE, TC, VARIANT_KEYS, VERSION, VERSION_EXAMPLE,
};
use super::paginate::{self, PaginateArgs};
use super::rules::{
    Method, check_code, check_method, check_name, check_rename, check_service, check_version,
};

/// One of the three attributes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Macro {
    /// `#[tc_action]`.
    Action,
    /// `#[tc_model]`.
    Model,
    /// `#[tc_error]`.
    Error,
}

impl Macro {
    /// The attribute named `name` (`tc_action`, `tc_model` or `tc_error`).
    pub fn from_name(name: &str) -> Option<Macro> {
        [Macro::Action, Macro::Model, Macro::Error]
            .into_iter()
            .find(|which| which.name() == name)
    }

    /// The attribute's name, without `#[]`.
    pub fn name(self) -> &'static str {
        match self {
            Macro::Action => "tc_action",
            Macro::Model => "tc_model",
            Macro::Error => "tc_error",
        }
    }

    /// What the attribute can be attached to, for messages.
    pub(crate) fn target(self) -> &'static str {
        match self {
            Macro::Action | Macro::Model => "a struct with named fields",
            Macro::Error => "a fieldless enum",
        }
    }
}

impl fmt::Display for Macro {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#[{}]", self.name())
    }
}

/// The arguments of `#[tc_action(...)]`, all present and valid.
pub(crate) struct ActionArgs {
    pub(crate) service: LitStr,
    pub(crate) version: LitStr,
    pub(crate) name: LitStr,
    pub(crate) output: Option<Type>,
    pub(crate) error: Option<Type>,
    pub(crate) method: Method,
    /// Already checked to be a positive `u32`, without suffix.
    pub(crate) rate_limit: Option<LitInt>,
    /// `paginate(...)`: the action's answers come in pages.
    pub(crate) paginate: Option<PaginateArgs>,
    /// Where `tc_core` is.
    pub(crate) root: Path,
}

/// What the fallback can still use from `#[tc_action(...)]` arguments with
/// mistakes.
pub(crate) struct ActionFallback {
    /// The type given with `output = ...`.
    output: Option<Type>,
    /// `output = ...` was written but cannot be read.
    output_unreadable: bool,
    /// The type given with `error = ...`, if readable.
    pub(crate) error: Option<Type>,
    /// Where `tc_core` is, unless `crate = "..."` cannot be read.
    pub(crate) root: Option<Path>,
}

impl ActionFallback {
    /// The output type: the one given, else `<Struct>Response`; `None` when
    /// `output = ...` cannot be read.
    pub(crate) fn output(&self, ident: &Ident) -> Option<TokenStream> {
        if self.output_unreadable {
            return None;
        }
        Some(match &self.output {
            Some(ty) => ty.to_token_stream(),
            None => default_output::name(ident).to_token_stream(),
        })
    }
}

impl ActionArgs {
    /// Parses the arguments, recording every mistake in `cx`: the arguments
    /// when all are present and right, and what the fallback can use in any
    /// case.
    pub(crate) fn parse(cx: &Ctxt, args: TokenStream) -> (Option<ActionArgs>, ActionFallback) {
        let mut service = Attr::new(cx, SERVICE);
        let mut version = Attr::new(cx, VERSION);
        let mut name = Attr::new(cx, NAME);
        let mut output = Attr::new(cx, OUTPUT);
        let mut error = Attr::new(cx, ERROR);
        let mut method = Attr::new(cx, METHOD);
        let mut rate_limit = Attr::new(cx, RATE_LIMIT);
        let mut paging = Attr::new(cx, PAGINATE);
        let mut root = Attr::new(cx, CRATE);

        let parser = syn::meta::parser(|meta| {
            if meta.path.is_ident(SERVICE) {
                let value = lit_str(cx, &meta, SERVICE_EXAMPLE)?;
                service.set(&meta.path, value.filter(|lit| check_service(cx, lit)));
            } else if meta.path.is_ident(VERSION) {
                let value = lit_str(cx, &meta, VERSION_EXAMPLE)?;
                version.set(&meta.path, value.filter(|lit| check_version(cx, lit)));
            } else if meta.path.is_ident(NAME) {
                let value = lit_str(cx, &meta, NAME_EXAMPLE)?;
                name.set(&meta.path, value.filter(|lit| check_name(cx, lit)));
            } else if meta.path.is_ident(OUTPUT) {
                output.set(&meta.path, type_value(cx, &meta, OUTPUT_EXAMPLE)?);
            } else if meta.path.is_ident(ERROR) {
                error.set(&meta.path, type_value(cx, &meta, ERROR_EXAMPLE)?);
            } else if meta.path.is_ident(METHOD) {
                let value = lit_str(cx, &meta, METHOD_EXAMPLE)?;
                method.set(&meta.path, value.and_then(|lit| check_method(cx, &lit)));
            } else if meta.path.is_ident(RATE_LIMIT) {
                rate_limit.set(&meta.path, rate_limit_value(cx, &meta)?);
            } else if meta.path.is_ident(PAGINATE) {
                paging.set(&meta.path, paginate::parse(cx, &meta)?);
            } else if meta.path.is_ident(CRATE) {
                root.set(&meta.path, crate_value(cx, &meta)?);
            } else {
                unknown_key(
                    cx,
                    &meta,
                    &format!("{} argument", Macro::Action),
                    ACTION_KEYS,
                )?;
            }
            Ok(())
        });
        let complete = match parser.parse2(args) {
            Ok(()) => true,
            Err(err) => {
                cx.push(err);
                false
            }
        };

        // After a syntax error the required keys may simply not have been reached.
        if complete {
            let missing: Vec<&str> = [&service, &version, &name]
                .into_iter()
                .filter(|attr| !attr.seen)
                .map(|attr| attr.name)
                .collect();
            if !missing.is_empty() {
                cx.error_at(
                    Span::call_site(),
                    format_args!(
                        "{} is missing {}; for example: \
                         #[tc_action({SERVICE_EXAMPLE}, {VERSION_EXAMPLE}, {NAME_EXAMPLE})]",
                        Macro::Action,
                        code_list(&missing, "and"),
                    ),
                );
            }
        }

        let fallback = ActionFallback {
            output_unreadable: (output.seen || !complete) && output.value.is_none(),
            output: output.value.clone(),
            error: error.value.clone(),
            root: root.known(complete),
        };
        let args = (|| {
            Some(ActionArgs {
                service: service.value?,
                version: version.value?,
                name: name.value?,
                output: output.value,
                error: error.value,
                method: method.value.unwrap_or(Method::Post),
                rate_limit: rate_limit.value,
                paginate: paging.value,
                root: root.value.unwrap_or_else(default_root),
            })
        })();
        (args, fallback)
    }
}

/// Parses the arguments of `#[tc_model(...)]` or `#[tc_error(...)]`, which take
/// only `crate = "..."`. Returns the path of `tc_core` (`::tc_core` by default),
/// or `None` when `crate = "..."` cannot be read; other mistakes are recorded
/// in `cx` without hiding it, for the fallback.
pub(crate) fn parse_crate_args(cx: &Ctxt, which: Macro, args: TokenStream) -> Option<Path> {
    let mut root = Attr::new(cx, CRATE);
    let parser = syn::meta::parser(|meta| {
        if meta.path.is_ident(CRATE) {
            root.set(&meta.path, crate_value(cx, &meta)?);
        } else {
            unknown_key(cx, &meta, &format!("{which} argument"), CRATE_KEYS)?;
        }
        Ok(())
    });
    let complete = match parser.parse2(args) {
        Ok(()) => true,
        Err(err) => {
            cx.push(err);
            false
        }
    };
    root.known(complete)
}

/// `#[tc(...)]` on a field of a `#[tc_action]` or `#[tc_model]` struct.
pub(crate) struct FieldAttrs {
    /// The wire name, overriding the one derived from the field's name.
    pub(crate) rename: Option<LitStr>,
    /// `#[tc(sensitive)]`: the value is a secret, masked in `Debug`.
    pub(crate) sensitive: bool,
}

impl FieldAttrs {
    pub(crate) fn parse(cx: &Ctxt, which: Macro, attrs: &[Attribute]) -> FieldAttrs {
        let (rename, _, sensitive) = parse_helper(cx, attrs, &FIELD_KEY, |rename| {
            let fix = match rename {
                Some(name) => format!("write #[tc(rename = {name:?})] instead"),
                None => String::from(
                    "a field's wire name is set with #[tc(rename = \"...\")], `Option` \
                     fields are left out when `None`, and a model's absent members decode \
                     as defaults",
                ),
            };
            format!(
                "#[serde(...)] is not read by {which}, which writes the wire form itself: {fix}"
            )
        });
        FieldAttrs {
            rename: rename.value,
            sensitive,
        }
    }
}

/// `#[tc(...)]` on a variant of a `#[tc_error]` enum.
pub(crate) struct VariantAttrs {
    /// The wire error code. `seen` tells a missing code from a wrong one.
    pub(crate) code: Option<LitStr>,
    pub(crate) code_seen: bool,
}

impl VariantAttrs {
    pub(crate) fn parse(cx: &Ctxt, attrs: &[Attribute]) -> VariantAttrs {
        let (code, refused, _) = parse_helper(cx, attrs, &VARIANT_KEY, |rename| {
            let code = rename.unwrap_or_else(|| String::from("..."));
            format!(
                "#[serde(...)] is not read by {}: a variant's error code is \
                 #[tc(code = {code:?})]",
                Macro::Error
            )
        });
        VariantAttrs {
            // A refused `#[serde(...)]` is reported with the code's form: don't
            // also report the code missing.
            code_seen: code.seen || refused,
            code: code.value,
        }
    }
}

/// The one key `#[tc(...)]` takes in a place (a field or a variant): what
/// differs between the two, for [`parse_helper`].
struct HelperKey {
    key: &'static str,
    example: &'static str,
    /// Applies the key's rule to its literal, reporting a mistake.
    check: fn(&Ctxt, &LitStr) -> bool,
    /// "field attribute", for the unknown-key message, with the keys allowed.
    place: &'static str,
    allowed: &'static [&'static str],
    /// Count the key as seen when a syntax error stops the walk: it may be
    /// there, behind the error, and is then not also reported missing.
    seen_on_syntax_error: bool,
    /// A key written alone, with no value (`sensitive`), if the place takes one.
    flag: Option<&'static str>,
}

const FIELD_KEY: HelperKey = HelperKey {
    key: RENAME,
    example: RENAME_EXAMPLE,
    check: check_rename,
    place: "field attribute",
    allowed: FIELD_KEYS,
    seen_on_syntax_error: false,
    flag: Some(SENSITIVE),
};

const VARIANT_KEY: HelperKey = HelperKey {
    key: CODE,
    example: CODE_EXAMPLE,
    check: check_code,
    place: "variant attribute",
    allowed: VARIANT_KEYS,
    seen_on_syntax_error: true,
    flag: None,
};

/// What a field and a variant share: each `#[serde(...)]` is refused with the
/// message `refusal` writes from its `rename` (if any), then `key` is read
/// from every `#[tc(...)]`. Returns the key, whether a `#[serde(...)]` was
/// refused, and whether the place's flag was given.
fn parse_helper<'c>(
    cx: &'c Ctxt,
    attrs: &[Attribute],
    key: &HelperKey,
    refusal: impl Fn(Option<String>) -> String,
) -> (Attr<'c, LitStr>, bool, bool) {
    let mut refused = false;
    for attr in attrs.iter().filter(|attr| is_serde(attr)) {
        refused = true;
        cx.error_spanned_by(attr, refusal(serde_rename(attr)));
    }
    let mut value = Attr::new(cx, key.key);
    let mut flag = false;
    for attr in attrs.iter().filter(|attr| is_tc(attr)) {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident(key.key) {
                let lit = lit_str(cx, &meta, key.example)?;
                value.set(&meta.path, lit.filter(|lit| (key.check)(cx, lit)));
            } else if let Some(name) = key.flag.filter(|name| meta.path.is_ident(name)) {
                if !meta.input.is_empty() && !meta.input.peek(Token![,]) {
                    rest_of_value(meta.input)?;
                    cx.error_spanned_by(
                        &meta.path,
                        format_args!("`{name}` takes no value: write `#[tc({name})]`"),
                    );
                }
                flag = true;
            } else {
                unknown_key(cx, &meta, key.place, key.allowed)?;
            }
            Ok(())
        });
        if let Err(err) = result {
            cx.push(err);
            if key.seen_on_syntax_error {
                value.seen = true;
            }
        }
    }
    (value, refused, flag)
}

/// Reports `#[tc(...)]` and `#[serde(...)]` on the struct or enum itself,
/// where they mean nothing.
pub(crate) fn reject_on_item(cx: &Ctxt, which: Macro, attrs: &[Attribute]) {
    let fix = match which {
        Macro::Action | Macro::Model => {
            "each field is sent under its PascalCase name (`image_id` as `ImageId`); \
             give a field another with #[tc(rename = \"...\")] on that field"
        }
        Macro::Error => "give each variant its code with #[tc(code = \"...\")]",
    };
    for attr in attrs.iter().filter(|attr| is_serde(attr)) {
        cx.error_spanned_by(
            attr,
            format_args!(
                "#[serde(...)] is not read by {which}, which writes the wire form itself: {fix}"
            ),
        );
    }
    let place = match which {
        Macro::Action | Macro::Model => "fields",
        Macro::Error => "variants",
    };
    for attr in attrs.iter().filter(|attr| is_tc(attr)) {
        cx.error_spanned_by(
            attr,
            format_args!(
                "#[tc(...)] goes on {place}; arguments for the {kind} itself go in #[{name}(...)]",
                kind = if which == Macro::Error {
                    "enum"
                } else {
                    "struct"
                },
                name = which.name(),
            ),
        );
    }
}

/// Whether `attr` is one of our `#[tc(...)]` helper attributes.
pub(crate) fn is_tc(attr: &Attribute) -> bool {
    attr.path().is_ident(TC)
}

fn is_serde(attr: &Attribute) -> bool {
    attr.path().is_ident(SERDE)
}

/// Whether `attr` is read by our attributes and must not reach the compiler:
/// `#[tc(...)]`, or a refused `#[serde(...)]` (which would be "cannot find
/// attribute `serde`" as well).
pub(crate) fn is_helper(attr: &Attribute) -> bool {
    is_tc(attr) || is_serde(attr)
}

/// The `"X"` of a `#[serde(rename = "X", ...)]`, for the message that gives
/// its `#[tc(...)]` form.
fn serde_rename(attr: &Attribute) -> Option<String> {
    let mut name = None;
    // Whatever else is in it is refused along with it; only `rename` is read.
    let _ = attr.parse_nested_meta(|meta| {
        if meta.path.is_ident(RENAME) && meta.input.peek(Token![=]) {
            if let Ok(lit) = meta.value().and_then(|value| value.parse::<LitStr>()) {
                name.get_or_insert(lit.value());
            }
        } else if meta.input.peek(Token![=]) {
            meta.value()?;
        }
        rest_of_value(meta.input).map(drop)
    });
    name
}

/// `::tc_core`.
fn default_root() -> Path {
    let mut path = Path::from(Ident::new("tc_core", Span::call_site()));
    path.leading_colon = Some(Token![::](Span::call_site()));
    path
}

/// One argument's value, with a check that it is given once.
struct Attr<'c, T> {
    cx: &'c Ctxt,
    name: &'static str,
    /// Whether the key appeared, even with a wrong value.
    seen: bool,
    value: Option<T>,
}

impl<'c, T> Attr<'c, T> {
    fn new(cx: &'c Ctxt, name: &'static str) -> Self {
        Attr {
            cx,
            name,
            seen: false,
            value: None,
        }
    }

    /// Records the key at `key` with its value (`None` when the value was wrong,
    /// which is already reported).
    fn set(&mut self, key: &Path, value: Option<T>) {
        if self.seen {
            self.cx.error_spanned_by(
                key,
                format_args!("duplicate `{}`: it is already set earlier", self.name),
            );
        } else {
            self.seen = true;
            self.value = value;
        }
    }
}

impl Attr<'_, Path> {
    /// Where `tc_core` is, for a `crate` argument: the one given, `::tc_core`
    /// when none was (and parsing got to the end), `None` when it cannot be read.
    fn known(&self, complete: bool) -> Option<Path> {
        match (self.seen, &self.value) {
            (true, value) => value.clone(),
            (false, _) if complete => Some(default_root()),
            (false, _) => None,
        }
    }
}

/// The stream after `key =`, or `None` (reported) when the key has no value.
fn value_of<'a>(
    cx: &Ctxt,
    meta: &ParseNestedMeta<'a>,
    example: &str,
) -> syn::Result<Option<ParseStream<'a>>> {
    if meta.input.peek(Token![=]) {
        return meta.value().map(Some);
    }
    // `key` alone, or `key(...)`: skip whatever follows.
    rest_of_value(meta.input)?;
    cx.error_spanned_by(
        &meta.path,
        format_args!(
            "`{}` needs a value: `{example}`",
            path_to_string(&meta.path)
        ),
    );
    Ok(None)
}

/// Consumes the tokens up to the next top-level `,` (or the end).
fn rest_of_value(input: ParseStream) -> syn::Result<TokenStream> {
    let mut tokens = TokenStream::new();
    while !input.is_empty() && !input.peek(Token![,]) {
        tokens.extend([input.parse::<TokenTree>()?]);
    }
    Ok(tokens)
}

/// Reports an unexpected value: on its tokens, or on the key when it is empty.
fn wrong_value(cx: &Ctxt, meta: &ParseNestedMeta, tokens: &TokenStream, message: String) {
    if tokens.is_empty() {
        cx.error_spanned_by(&meta.path, message);
    } else {
        cx.error_spanned_by(tokens, message);
    }
}

/// A `key = "string"` value.
fn lit_str(cx: &Ctxt, meta: &ParseNestedMeta, example: &str) -> syn::Result<Option<LitStr>> {
    let Some(input) = value_of(cx, meta, example)? else {
        return Ok(None);
    };
    if input.peek(LitStr) {
        return input.parse().map(Some);
    }
    let tokens = rest_of_value(input)?;
    let message = format!("expected a string literal: `{example}`");
    wrong_value(cx, meta, &tokens, message);
    Ok(None)
}

/// A `key = Type` value.
fn type_value(cx: &Ctxt, meta: &ParseNestedMeta, example: &str) -> syn::Result<Option<Type>> {
    let Some(input) = value_of(cx, meta, example)? else {
        return Ok(None);
    };
    if input.peek(LitStr) {
        let lit: LitStr = input.parse()?;
        cx.error_spanned_by(
            &lit,
            format_args!(
                "expected a type, not a string: write it without quotes, as in `{example}`"
            ),
        );
        return Ok(None);
    }
    match input.parse::<Type>() {
        Ok(ty) => Ok(Some(ty)),
        Err(err) => {
            rest_of_value(input)?;
            cx.error_at(
                err.span(),
                format_args!("expected a type, as in `{example}`"),
            );
            Ok(None)
        }
    }
}

/// `rate_limit = N`, N a positive integer that fits in `u32`.
fn rate_limit_value(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<LitInt>> {
    let Some(input) = value_of(cx, meta, RATE_LIMIT_EXAMPLE)? else {
        return Ok(None);
    };
    // Taken whole so that a wrong value is reported on all its tokens (`- 5`);
    // syn reads `-5` as one negative literal.
    let tokens = rest_of_value(input)?;
    let lit = syn::parse2::<LitInt>(tokens.clone())
        .ok()
        .filter(|lit| !lit.base10_digits().starts_with('-'));
    let Some(lit) = lit else {
        let message = format!(
            "`rate_limit` must be a positive whole number of requests per second, \
             as in `{RATE_LIMIT_EXAMPLE}`"
        );
        wrong_value(cx, meta, &tokens, message);
        return Ok(None);
    };
    if !lit.suffix().is_empty() {
        cx.error_spanned_by(
            &lit,
            "`rate_limit` takes a plain number: remove the type suffix",
        );
        return Ok(None);
    }
    match lit.base10_parse::<u32>() {
        Ok(0) => {
            cx.error_spanned_by(
                &lit,
                "`rate_limit` must be at least 1 request per second; \
                 leave it out when the action documents no limit",
            );
            Ok(None)
        }
        Ok(n) => Ok(Some(LitInt::new(&n.to_string(), lit.span()))),
        Err(_) => {
            cx.error_spanned_by(
                &lit,
                format_args!(
                    "`rate_limit` must be at most {} requests per second",
                    u32::MAX
                ),
            );
            Ok(None)
        }
    }
}

/// `crate = "path"`: the path of a renamed `tc_core` dependency. The path's
/// tokens are located at the literal (so that "unresolved" errors point at it)
/// but resolve at the call site, like everything else we generate.
fn crate_value(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<Path>> {
    let Some(lit) = lit_str(cx, meta, CRATE_EXAMPLE)? else {
        return Ok(None);
    };
    let span = Span::call_site().located_at(lit.span());
    let parsed = syn::parse_str::<TokenStream>(&lit.value())
        .and_then(|tokens| Path::parse_mod_style.parse2(respan(tokens, span)));
    match parsed {
        Ok(path) => Ok(Some(path)),
        Err(_) => {
            cx.error_spanned_by(
                &lit,
                format_args!(
                    "`crate` must be a path without generic arguments, such as \"tc_core\" \
                     or \"::my_tc_core\"; found {:?}",
                    lit.value()
                ),
            );
            Ok(None)
        }
    }
}

/// Gives every token of `tokens` the span `span`.
pub(crate) fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut token| {
            if let TokenTree::Group(group) = &token {
                let mut inner =
                    proc_macro2::Group::new(group.delimiter(), respan(group.stream(), span));
                inner.set_span(span);
                token = TokenTree::Group(inner);
            } else {
                token.set_span(span);
            }
            token
        })
        .collect()
}

/// Reports an unknown key, listing the allowed ones, and skips its value.
fn unknown_key(cx: &Ctxt, meta: &ParseNestedMeta, what: &str, allowed: &[&str]) -> syn::Result<()> {
    let expected = if allowed.len() == 1 {
        format!("the only one is {}", code_list(allowed, "or"))
    } else {
        format!("expected one of: {}", code_list(allowed, "or"))
    };
    cx.error_spanned_by(
        &meta.path,
        format_args!(
            "unknown {what} `{}`; {expected}",
            path_to_string(&meta.path)
        ),
    );
    if meta.input.peek(Token![=]) {
        meta.value()?;
    }
    rest_of_value(meta.input)?;
    Ok(())
}

/// `a::b`, for messages and for serde's string attributes.
pub(crate) fn path_to_string(path: &Path) -> String {
    let mut out = String::new();
    if path.leading_colon.is_some() {
        out.push_str("::");
    }
    for (i, segment) in path.segments.iter().enumerate() {
        if i > 0 {
            out.push_str("::");
        }
        out.push_str(&segment.ident.to_string());
    }
    out
}

/// "`a`", "`a` and `b`", "`a`, `b` and `c`".
fn code_list(items: &[&str], conjunction: &str) -> String {
    let quoted: Vec<String> = items.iter().map(|item| format!("`{item}`")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} {conjunction} {last}", rest.join(", ")),
    }
}
