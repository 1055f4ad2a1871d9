//! One module per generated file of a service crate.

pub mod actions;
pub mod errors;
pub mod lib_rs;
pub mod manifest;
pub mod mock_answers;
pub mod models;
pub mod paginators;
pub mod registry;
pub mod waiters;
