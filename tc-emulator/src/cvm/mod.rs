//! CVM with state, for tests and examples that need more than the specs'
//! example answers: image sharing ([`ImageSharing`]) and instances that launch,
//! stop and terminate over time ([`Instances`]). Both read and answer CVM's
//! wire as the private `wire` module declares it.

mod images;
mod instances;
mod wire;

pub use images::{DEFAULT_OWNER_ACCOUNT, DEFAULT_SHARE_QUOTA, ImageSharing};
pub use instances::{InstanceTimings, Instances};
