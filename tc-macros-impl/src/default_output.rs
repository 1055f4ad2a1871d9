//! The response type of an action without `output = ...`: `<Struct>Response`,
//! beside the struct. When there is no such type, a stand-in of that name
//! applies, whose one error names the fix (see `tc_core::ResponseType`)
//! rather than "cannot find type".

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{Ident, Path};

/// `<Struct>Response`, resolved beside the struct; an error about it points
/// at the struct's name.
pub(crate) fn name(ident: &Ident) -> Ident {
    format_ident!("{}Response", ident, span = ident.span())
}

/// A hidden module holding an alias named `<Struct>Response`, glob-imported
/// beside the struct: a type of that name declared there, or imported by name,
/// shadows it (glob imports give way to both).
///
/// Emitted only when `root` resolves the same from inside that module (it
/// starts with `::` or `crate`): a `crate = "..."` naming an import of the
/// user's module keeps the compiler's own "cannot find type".
pub(crate) fn stand_in(ident: &Ident, root: &Path) -> Option<TokenStream> {
    let absolute = root.leading_colon.is_some()
        || root
            .segments
            .first()
            .is_some_and(|segment| segment.ident == "crate");
    if !absolute {
        return None;
    }
    let module = format_ident!("__tc_default_output_of_{}", ident);
    let alias = format_ident!("{}Response", ident);
    Some(quote! {
        #[doc(hidden)]
        #[allow(unused_imports)]
        use #module::*;

        #[doc(hidden)]
        #[allow(non_snake_case, dead_code, unreachable_pub)]
        mod #module {
            pub type #alias = <#root::__private::NoResponseType as #root::__private::ResponseType>::Type;
        }
    })
}

#[cfg(test)]
mod tests {
    use syn::parse_quote;

    use super::stand_in;

    #[test]
    fn only_a_root_that_resolves_anywhere_gets_a_stand_in() {
        let ident: syn::Ident = parse_quote!(DescribeX);
        let text = stand_in(&ident, &parse_quote!(::tc_core))
            .unwrap()
            .to_string();
        assert!(
            text.contains("use __tc_default_output_of_DescribeX :: * ;"),
            "{text}"
        );
        assert!(text.contains("pub type DescribeXResponse ="), "{text}");
        assert!(stand_in(&ident, &parse_quote!(crate::tc)).is_some());
        // `tc` may be an import of the user's module, unknown inside ours.
        assert!(stand_in(&ident, &parse_quote!(tc)).is_none());
    }
}
