//! The command line: what the words mean, before anything is read or sent.

mod args;
pub(crate) mod options;

pub(crate) use args::{Call, Command, Globals, parse};
