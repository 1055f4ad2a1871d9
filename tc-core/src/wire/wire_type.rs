//! What a member of a request or a response may be.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Debug;

use serde::Serialize;
use serde::de::DeserializeOwned;

/// A type that can travel as a member of a request or a response, or be an
/// action's output: it has a JSON form both ways and the plain-data traits the
/// attributes give every struct.
///
/// Implemented by every `#[tc_model]` struct, and here for `String`, `bool`,
/// the integers and floats, `serde_json::Value`, [`Secret`](crate::credential::Secret), and `Option`, `Vec`, `Box`,
/// `BTreeMap<String, _>` and `HashMap<String, _>` of wire types.
/// `#[tc_action]` and `#[tc_model]` require it of each field's type, and
/// [`Action::Output`](crate::Action::Output) requires it, so that a type
/// without a wire form is reported at its own tokens, with the fix, rather
/// than as a list of missing traits.
///
/// A type of your own that already has the supertraits (serde's two traits,
/// for example from serde's derives) becomes one with an empty impl:
///
/// ```
/// use std::collections::BTreeMap;
///
/// #[derive(Clone, Debug, Default, PartialEq)]
/// struct Labels(BTreeMap<String, String>);
/// # impl serde::Serialize for Labels {
/// #     fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> { self.0.serialize(s) }
/// # }
/// # impl<'de> serde::Deserialize<'de> for Labels {
/// #     fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> { BTreeMap::deserialize(d).map(Labels) }
/// # }
///
/// impl tc_core::WireType for Labels {}
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a wire type: a struct of your own needs `#[tc_model]`, \
               an enum of your own `impl tc_core::WireType for {Self} {{}}`",
    label = "cannot be sent or received",
    note = "wire types: String, bool, integers, floats, serde_json::Value, #[tc_model] structs, \
            and Option, Vec, Box, BTreeMap<String, _> or HashMap<String, _> of wire types",
    note = "an enum sent as a string or a number: derive serde's `Serialize` and `Deserialize` \
            (its wire values), `Clone`, `Debug`, `PartialEq` and `Default` (`#[default]` on a \
            variant), then `impl tc_core::WireType for {Self} {{}}`"
)]
pub trait WireType:
    Serialize + DeserializeOwned + Clone + Debug + PartialEq + Default + Send + Sync + 'static
{
    /// Named by the attributes' generated code before it uses a field, so that
    /// a field whose type is not a wire type is reported once, as such, and
    /// not again as each trait the code then needs.
    #[doc(hidden)]
    const ASSERT: () = ();
}

// Every impl is left out of the compiler's "other types implement this" lists
// (the message's note says which types are wire types), and a container whose
// element is not a wire type is reported as itself.
macro_rules! wire_types {
    ($($ty:ty),* $(,)?) => {
        $(
            #[diagnostic::do_not_recommend]
            impl WireType for $ty {}
        )*
    };
}

wire_types![
    String,
    bool,
    i8,
    i16,
    i32,
    i64,
    i128,
    isize,
    u8,
    u16,
    u32,
    u64,
    u128,
    usize,
    f32,
    f64,
    serde_json::Value,
    // A secret member (`SecretKey`, `Token`, ...): masked in `Debug`, wiped on drop.
    crate::credential::Secret,
];

#[diagnostic::do_not_recommend]
impl<T: WireType> WireType for Option<T> {}

#[diagnostic::do_not_recommend]
impl<T: WireType> WireType for Vec<T> {}

#[diagnostic::do_not_recommend]
impl<T: WireType> WireType for Box<T> {}

#[diagnostic::do_not_recommend]
impl<T: WireType> WireType for BTreeMap<String, T> {}

#[diagnostic::do_not_recommend]
impl<T: WireType> WireType for HashMap<String, T> {}
