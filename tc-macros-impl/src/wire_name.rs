//! The wire name of a field: its Rust name in PascalCase.

use syn::Ident;
use syn::ext::IdentExt;

/// The wire name of a field called `ident`: `image_id` -> `ImageId`,
/// `ipv6_address_count` -> `Ipv6AddressCount`, `r#type` -> `Type`.
pub(crate) fn of_field(ident: &Ident) -> String {
    pascal_case(&ident.unraw().to_string())
}

/// Splits `snake` on `_` and upper-cases the first character of each part,
/// leaving the rest of each part as written.
pub(crate) fn pascal_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    for part in snake.split('_') {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use proc_macro2::Span;
    use syn::Ident;

    use super::{of_field, pascal_case};

    #[test]
    fn snake_case_becomes_pascal_case() {
        assert_eq!(pascal_case("image_id"), "ImageId");
        assert_eq!(pascal_case("ipv6_address_count"), "Ipv6AddressCount");
        assert_eq!(pascal_case("share_permission_set"), "SharePermissionSet");
        assert_eq!(pascal_case("limit"), "Limit");
        assert_eq!(pascal_case("a_b_c"), "ABC");
    }

    #[test]
    fn extra_underscores_disappear() {
        assert_eq!(pascal_case("_private_ip"), "PrivateIp");
        assert_eq!(pascal_case("image__id_"), "ImageId");
    }

    #[test]
    fn existing_capitals_are_kept() {
        assert_eq!(pascal_case("ImageId"), "ImageId");
        assert_eq!(pascal_case("cam_roleName"), "CamRoleName");
    }

    #[test]
    fn raw_identifiers_lose_their_prefix() {
        let ident = Ident::new_raw("type", Span::call_site());
        assert_eq!(of_field(&ident), "Type");
        let ident = Ident::new("instance_type", Span::call_site());
        assert_eq!(of_field(&ident), "InstanceType");
    }
}
