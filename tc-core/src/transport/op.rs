//! What one call is, at run time: a typed action's declared constants, or
//! the names a call by name ([`Client::send_json`](crate::Client::send_json))
//! is given. The client sends either the same way.

use std::any::TypeId;
use std::borrow::Cow;
use std::num::NonZeroU32;

use crate::wire::action::{Action, Method, is_read_only_name};
use crate::wire::error::Name;

/// The service, version and action of a call, and how it is sent.
#[derive(Clone, Debug)]
pub(crate) struct Op {
    pub(crate) service: Name,
    pub(crate) version: Name,
    pub(crate) name: Name,
    /// The declared method (a call or client setting may override it).
    pub(crate) method: Method,
    /// The declared limit in requests per second, if any.
    pub(crate) rate_limit: Option<NonZeroU32>,
    /// Whether repeating it is harmless.
    pub(crate) read_only: bool,
    /// The typed action's type, which keys its request template; `None` for
    /// a call by name, whose template is keyed by its names.
    pub(crate) type_id: Option<TypeId>,
}

impl Op {
    /// A typed action's constants, borrowed (nothing is allocated).
    pub(crate) fn of<A: Action>() -> Self {
        Op {
            service: Cow::Borrowed(A::SERVICE),
            version: Cow::Borrowed(A::VERSION),
            name: Cow::Borrowed(A::NAME),
            method: A::METHOD,
            rate_limit: A::RATE_LIMIT,
            read_only: A::READ_ONLY,
            type_id: Some(TypeId::of::<A>()),
        }
    }

    /// A call by name: POST, read-only when the name says so (`Describe*`,
    /// `Inquiry*`, `Get*`), no declared rate limit.
    pub(crate) fn named(service: String, version: String, name: String) -> Self {
        Op {
            read_only: is_read_only_name(&name),
            service: Cow::Owned(service),
            version: Cow::Owned(version),
            name: Cow::Owned(name),
            method: Method::Post,
            rate_limit: None,
            type_id: None,
        }
    }
}
