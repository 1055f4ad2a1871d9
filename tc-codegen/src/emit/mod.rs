//! One module per generated file of a service crate.

pub(crate) mod actions;
pub(crate) mod errors;
pub(crate) mod lib_rs;
pub(crate) mod manifest;
pub(crate) mod mock_answers;
pub(crate) mod models;
pub(crate) mod paginators;
pub(crate) mod registry;
pub(crate) mod waiters;
