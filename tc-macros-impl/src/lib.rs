//! Code generation behind `#[tc_action]`, `#[tc_model]` and `#[tc_error]`.
//!
//! A plain library over `proc_macro2` tokens, so that tests and tools can expand
//! the attributes without a compiler; `tc-macros` is the thin shim rustc loads.
//!
//! The input side and the output side are separate folders, as in
//! serde_derive:
//! - `internals`: the attributes' arguments, the `#[tc(...)]` helpers, the
//!   rules one value must follow and those that involve several, and the input
//!   item as a model (`naming` and `sensitive` are public: the generator and
//!   the tests use them);
//! - `expand`: the emitters, one per attribute (`action`, `model`, `error`),
//!   the serde impls they share (`serde`), and `fallback`: what to emit when
//!   the input is wrong, so that one mistake does not cascade into many;
//! - `pipeline`: the steps every attribute takes, in order, and what each of
//!   the three attributes does at each step.
//!
//! Dependencies only point down: `pipeline` uses `expand` and `internals`,
//! `expand` uses `internals`, and `internals` writes no code
//! (`tests/tests/module_layers.rs` checks every crate of the workspace).
//!
//! Errors are never returned early: a `Ctxt` collects every mistake of one
//! attribute so that the user sees them all at once.

#![forbid(unsafe_code)]

mod expand;
mod internals;
mod pipeline;

use proc_macro2::TokenStream;

pub use crate::internals::attr::Macro;
pub use crate::internals::{naming, sensitive};

impl Macro {
    /// Expands this attribute, with the tokens inside its parentheses
    /// (`args`), over the item it is attached to, as the compiler would.
    pub fn expand(self, args: TokenStream, item: TokenStream) -> TokenStream {
        match self {
            Macro::Action => expand_action(args, item),
            Macro::Model => expand_model(args, item),
            Macro::Error => expand_error(args, item),
        }
    }
}

/// Expands `#[tc_action(...)]`: `args` are the tokens inside the parentheses,
/// `input` the struct it is attached to.
///
/// Always returns tokens: on a mistake, the original item (without our helper
/// attributes) and a `compile_error!` for each mistake.
pub fn expand_action(args: TokenStream, input: TokenStream) -> TokenStream {
    pipeline::run::<pipeline::Action>(args, input)
}

/// Expands `#[tc_model(...)]`: `args` are the tokens inside the parentheses
/// (possibly none), `input` the struct it is attached to.
pub fn expand_model(args: TokenStream, input: TokenStream) -> TokenStream {
    pipeline::run::<pipeline::Model>(args, input)
}

/// Expands `#[tc_error(...)]`: `args` are the tokens inside the parentheses
/// (possibly none), `input` the enum it is attached to.
pub fn expand_error(args: TokenStream, input: TokenStream) -> TokenStream {
    pipeline::run::<pipeline::Error>(args, input)
}

#[cfg(test)]
mod tests {
    use proc_macro2::TokenStream;
    use quote::quote;

    use super::{expand_action, expand_error, expand_model};

    fn count(haystack: &TokenStream, needle: &str) -> usize {
        haystack.to_string().matches(needle).count()
    }

    #[test]
    fn every_mistake_is_reported_at_once() {
        let output = expand_action(
            quote!(
                service = "CVM",
                version = "2017-02-30",
                name = "x",
                colour = "blue"
            ),
            quote!(
                pub struct S {
                    #[tc(rename = "")]
                    a: String,
                    #[tc(skip)]
                    b: String,
                }
            ),
        );
        assert_eq!(count(&output, "compile_error"), 6, "{output}");
    }

    #[test]
    fn on_error_the_item_is_kept_without_helper_attributes() {
        let output = expand_model(
            quote!(),
            quote!(
                #[tc(rename = "X")]
                pub struct S {
                    #[tc(rename = "A.B")]
                    pub a: String,
                }
            ),
        );
        let text = output.to_string();
        assert!(text.contains("pub struct S"), "{text}");
        assert!(!text.contains("# [tc"), "{text}");
        assert_eq!(count(&output, "compile_error"), 2, "{text}");
        // Only stubs, which keep code using `S` from failing too.
        assert!(!text.contains("serialize_struct"), "{text}");
        assert_eq!(count(&output, "unreachable"), 6, "{text}");
    }

    #[test]
    fn a_broken_error_enum_still_implements_its_traits() {
        let output = expand_error(
            quote!(),
            quote!(
                pub enum E {
                    #[tc(code = "A")]
                    A,
                    #[serde(rename = "B")]
                    B,
                }
            ),
        );
        let text = output.to_string();
        assert_eq!(count(&output, "compile_error"), 1, "{text}");
        assert!(text.contains(r#"#[tc(code = \"B\")]"#), "{text}");
        assert!(!text.contains("# [serde"), "{text}");
        assert!(
            text.contains("impl :: tc_core :: ErrorCode for E"),
            "{text}"
        );
        assert!(
            text.contains("ALL : & 'static [Self] = & [Self :: A , Self :: B]"),
            "{text}"
        );
    }

    #[test]
    fn a_broken_action_still_implements_action_with_its_output() {
        let output = expand_action(
            quote!(service = "cvm", version = "2017-03-12", name = "x"),
            quote!(
                pub struct DescribeX {}
            ),
        );
        let text = output.to_string();
        assert_eq!(count(&output, "compile_error"), 1, "{text}");
        assert!(text.contains("type Output = DescribeXResponse"), "{text}");
        assert!(
            text.contains("type Error = :: tc_core :: CommonCode"),
            "{text}"
        );
    }

    #[test]
    fn an_item_that_is_not_a_type_is_re_emitted() {
        let output = expand_error(
            quote!(),
            quote!(
                fn f() {}
            ),
        );
        let text = output.to_string();
        assert!(text.contains("fn f"), "{text}");
        assert_eq!(count(&output, "compile_error"), 1, "{text}");
    }

    #[test]
    fn valid_input_expands_without_errors() {
        let output = expand_error(
            quote!(crate = "tc"),
            quote!(
                pub enum E {
                    #[tc(code = "A.B")]
                    A,
                }
            ),
        );
        let text = output.to_string();
        assert_eq!(count(&output, "compile_error"), 0, "{text}");
        assert!(text.contains("impl tc :: ErrorCode for E"), "{text}");
    }

    #[test]
    fn types_with_commas_and_trailing_commas_parse() {
        let output = expand_action(
            quote!(
                service = "cvm",
                version = "2020-02-29",
                name = "DescribeX",
                output = ::std::collections::BTreeMap<String, u64>,
                rate_limit = 4_000,
            ),
            quote!(
                struct S {}
            ),
        );
        let text = output.to_string();
        assert_eq!(count(&output, "compile_error"), 0, "{text}");
        assert!(text.contains("BTreeMap < String , u64 >"), "{text}");
        assert!(text.contains("NonZeroU32 :: new (4000)"), "{text}");
    }

    #[test]
    fn each_malformed_paginate_is_one_error() {
        let cases = [
            quote!(paginate(limit = limit, items = xs, item = X)),
            quote!(paginate(
                offset = offset,
                page = offset,
                items = xs,
                item = X
            )),
            quote!(paginate(
                offset = offset,
                token = t,
                next = t,
                items = xs,
                item = X
            )),
            quote!(paginate(offset = offset, items = xs)),
            quote!(paginate(offset = offset, item = X)),
            quote!(paginate(token = t, items = xs, item = X)),
            quote!(paginate(offset = offset, items = xs, item = X, next = t)),
            quote!(paginate(
                offest = offset,
                offset = offset,
                items = xs,
                item = X
            )),
            quote!(paginate(offset = "Offset", items = xs, item = X)),
            quote!(paginate(
                offset = offset,
                offset = offset,
                items = xs,
                item = X
            )),
            quote!(paginate(offset, items = xs, item = X)),
            quote!(paginate(offset = offset, items = xs, item = "X")),
            quote!(paginate = "offset"),
        ];
        for paginate in cases {
            let output = expand_action(
                quote!(service = "cvm", version = "2017-03-12", name = "DescribeX", #paginate),
                quote!(
                    pub struct DescribeX {}
                ),
            );
            assert_eq!(count(&output, "compile_error"), 1, "{paginate}: {output}");
            assert_eq!(count(&output, "Paginate for"), 0, "{paginate}: {output}");
        }
    }

    #[test]
    fn paginate_writes_the_impl_with_the_members_named() {
        let output = expand_action(
            quote!(
                service = "cvm",
                version = "2017-03-12",
                name = "DescribeX",
                paginate(
                    page = page_number,
                    limit = page_size,
                    items = r#type,
                    item = models::X,
                    total = total
                )
            ),
            quote!(
                pub struct DescribeX {}
            ),
        );
        let text = output.to_string();
        assert_eq!(count(&output, "compile_error"), 0, "{text}");
        assert!(
            text.contains("impl :: tc_core :: Paginate for DescribeX"),
            "{text}"
        );
        assert!(text.contains("type Item = models :: X"), "{text}");
        assert!(
            text.contains("paging :: page (& self . page_number)"),
            "{text}"
        );
        assert!(
            text.contains("paging :: set_number (& mut self . page_number , cursor)"),
            "{text}"
        );
        assert!(
            text.contains("Number :: get (& self . page_size)"),
            "{text}"
        );
        assert!(text.contains("Number :: get (& output . total)"), "{text}");
        assert!(
            text.contains("List :: take (& mut output . r#type)"),
            "{text}"
        );
        assert!(!text.contains("fn next_token"), "{text}");
    }
}
