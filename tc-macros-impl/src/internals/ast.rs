//! The annotated item as the rest of the crate sees it: the user's syntax tree
//! (for spans and re-emission) plus what our attributes say about each part.

use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields, GenericArgument, Ident, LitStr, PathArguments, Type};

use super::attr::{self, FieldAttrs, Macro, VariantAttrs};
use super::ctxt::Ctxt;
use super::naming;

/// A `#[tc_action]` or `#[tc_model]` struct with named fields.
pub(crate) struct Struct<'a> {
    pub(crate) item: &'a DeriveInput,
    pub(crate) fields: Vec<Field<'a>>,
}

/// One named field.
pub(crate) struct Field<'a> {
    pub(crate) original: &'a syn::Field,
    pub(crate) ident: &'a Ident,
    pub(crate) wire: WireName,
    /// The type is spelled `Option<..>` (last path segment `Option`).
    pub(crate) optional: bool,
    /// What the field's type is checked as, and where errors about it go.
    pub(crate) wire_type: WireTypeCheck<'a>,
    /// The value is a secret, masked in `Debug`: marked `#[tc(sensitive)]`,
    /// or a wire name on the [`sensitive`](super::sensitive) list.
    pub(crate) sensitive: bool,
}

/// A field's type as the wire-type check sees it.
pub(crate) struct WireTypeCheck<'a> {
    /// The innermost type under `Option`, `Vec`, `Box` and the values of
    /// `BTreeMap<String, _>` or `HashMap<String, _>`: the type a mistake is
    /// about (`TagResource` in `Vec<TagResource>`).
    pub(crate) leaf: &'a Type,
    /// Where every error about the field's type lands: the leaf's name.
    pub(crate) span: Span,
    /// The leaf is a standard type that is always a wire type (`String`,
    /// `u64`, ...), so there is nothing to check.
    pub(crate) known: bool,
}

/// The name a field has on the wire.
pub(crate) struct WireName {
    pub(crate) value: String,
    /// The `rename` literal, or else the field's name.
    pub(crate) span: Span,
    /// Given with `#[tc(rename = "...")]` (already checked) rather than derived.
    pub(crate) renamed: bool,
}

/// A `#[tc_error]` enum.
pub(crate) struct Enum<'a> {
    pub(crate) item: &'a DeriveInput,
    pub(crate) variants: Vec<Variant<'a>>,
}

/// One variant and its error code.
pub(crate) struct Variant<'a> {
    pub(crate) original: &'a syn::Variant,
    /// The checked `#[tc(code = "...")]`, if present and valid.
    pub(crate) code: Option<LitStr>,
    /// Whether `code` was written at all, even wrongly.
    pub(crate) code_seen: bool,
}

impl<'a> Struct<'a> {
    /// Reads a struct with named fields, or reports what the item is instead.
    pub(crate) fn from_syn(cx: &Ctxt, item: &'a DeriveInput, which: Macro) -> Option<Self> {
        attr::reject_on_item(cx, which, &item.attrs);
        let fields = match &item.data {
            Data::Struct(data) => match &data.fields {
                Fields::Named(fields) => fields,
                Fields::Unnamed(fields) => {
                    cx.error_spanned_by(
                        fields,
                        format_args!(
                            "{which} needs a struct with named fields: each field is sent \
                             under its name (`image_id` as `ImageId`), and a tuple struct's \
                             fields have none"
                        ),
                    );
                    return None;
                }
                Fields::Unit => {
                    let empty = if which == Macro::Action {
                        "for an action without parameters"
                    } else {
                        "for a model without members"
                    };
                    cx.error_spanned_by(
                        &item.ident,
                        format_args!(
                            "{which} needs a struct with named fields, not a unit struct; \
                             {empty}, write `struct {} {{}}`",
                            item.ident
                        ),
                    );
                    return None;
                }
            },
            Data::Enum(data) => {
                cx.error_spanned_by(
                    data.enum_token,
                    format_args!("{which} applies to {}, not to an enum", which.target()),
                );
                return None;
            }
            Data::Union(data) => {
                cx.error_spanned_by(
                    data.union_token,
                    format_args!("{which} applies to {}, not to a union", which.target()),
                );
                return None;
            }
        };
        let fields = fields
            .named
            .iter()
            .filter_map(|field| Field::from_syn(cx, which, field))
            .collect();
        Some(Struct { item, fields })
    }
}

impl<'a> Field<'a> {
    fn from_syn(cx: &Ctxt, which: Macro, original: &'a syn::Field) -> Option<Self> {
        let ident = original.ident.as_ref()?;
        let attrs = FieldAttrs::parse(cx, which, &original.attrs);
        let marked = attrs.sensitive;
        let wire = match attrs.rename {
            Some(lit) => WireName {
                value: lit.value(),
                span: lit.span(),
                renamed: true,
            },
            None => WireName {
                value: naming::of_field(ident),
                span: ident.span(),
                renamed: false,
            },
        };
        let sensitive = marked || super::sensitive::is_sensitive(&wire.value);
        Some(Field {
            original,
            ident,
            wire,
            optional: is_option(&original.ty),
            wire_type: WireTypeCheck::of(&original.ty),
            sensitive,
        })
    }
}

impl<'a> Enum<'a> {
    /// Reads an enum, or reports what the item is instead.
    pub(crate) fn from_syn(cx: &Ctxt, item: &'a DeriveInput) -> Option<Self> {
        attr::reject_on_item(cx, Macro::Error, &item.attrs);
        let data = match &item.data {
            Data::Enum(data) => data,
            Data::Struct(data) => {
                cx.error_spanned_by(
                    data.struct_token,
                    format_args!(
                        "{} applies to a fieldless enum with one variant per error code, \
                         not to a struct",
                        Macro::Error
                    ),
                );
                return None;
            }
            Data::Union(data) => {
                cx.error_spanned_by(
                    data.union_token,
                    format_args!(
                        "{} applies to a fieldless enum with one variant per error code, \
                         not to a union",
                        Macro::Error
                    ),
                );
                return None;
            }
        };
        let variants = data
            .variants
            .iter()
            .map(|original| {
                let attrs = VariantAttrs::parse(cx, &original.attrs);
                Variant {
                    original,
                    code: attrs.code,
                    code_seen: attrs.code_seen,
                }
            })
            .collect();
        Some(Enum { item, variants })
    }
}

impl<'a> WireTypeCheck<'a> {
    fn of(ty: &'a Type) -> Self {
        let leaf = leaf_type(ty);
        let span = match leaf {
            Type::Path(path) => path
                .path
                .segments
                .last()
                .map_or_else(|| leaf.span(), |segment| segment.ident.span()),
            _ => leaf.span(),
        };
        WireTypeCheck {
            leaf,
            span,
            known: is_known_wire_type(leaf),
        }
    }
}

/// The standard types that are always wire types, by the name they are
/// usually written with.
const KNOWN_WIRE_TYPES: &[&str] = &[
    "String", "bool", "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64",
    "u128", "usize", "f32", "f64",
];

/// Peels `Option<T>`, `Vec<T>`, `Box<T>` and `BTreeMap<String, T>` /
/// `HashMap<String, T>` (by their last path segment: the macro cannot resolve
/// types) down to the `T` inside.
fn leaf_type(ty: &Type) -> &Type {
    match ty {
        Type::Group(group) => leaf_type(&group.elem),
        Type::Paren(paren) => leaf_type(&paren.elem),
        Type::Path(path) if path.qself.is_none() => {
            let Some(segment) = path.path.segments.last() else {
                return ty;
            };
            let PathArguments::AngleBracketed(arguments) = &segment.arguments else {
                return ty;
            };
            let types: Vec<&Type> = arguments
                .args
                .iter()
                .filter_map(|argument| match argument {
                    GenericArgument::Type(ty) => Some(ty),
                    _ => None,
                })
                .collect();
            let name = segment.ident.to_string();
            match (name.as_str(), types.as_slice()) {
                ("Option" | "Vec" | "Box", [inner]) => leaf_type(inner),
                ("BTreeMap" | "HashMap", [key, value]) if is_known_wire_type(key) => {
                    leaf_type(value)
                }
                _ => ty,
            }
        }
        _ => ty,
    }
}

/// `String`, `u64`, ...: a single-segment path naming a standard wire type.
fn is_known_wire_type(ty: &Type) -> bool {
    let Type::Path(path) = ty else {
        return false;
    };
    path.qself.is_none()
        && path.path.leading_colon.is_none()
        && path.path.segments.len() == 1
        && path.path.segments[0].arguments.is_none()
        && KNOWN_WIRE_TYPES.contains(&path.path.segments[0].ident.to_string().as_str())
}

/// Whether `ty` is spelled `Option<..>` (by its last path segment: the macro
/// cannot resolve types, so `std::option::Option<T>` and an imported `Option`
/// both count).
fn is_option(ty: &Type) -> bool {
    match ty {
        Type::Path(ty) => {
            ty.qself.is_none()
                && ty
                    .path
                    .segments
                    .last()
                    .is_some_and(|segment| segment.ident == "Option")
        }
        Type::Group(ty) => is_option(&ty.elem),
        Type::Paren(ty) => is_option(&ty.elem),
        _ => false,
    }
}
