//! An action's parameters: built from the command line (and
//! `--cli-input-json`), typed and checked against the schema facts before
//! anything is sent.

mod build;
mod check;
mod skeleton;

pub(crate) use build::{Input, build};
pub(crate) use check::check;
pub(crate) use skeleton::skeleton;
