//! The services the SDK's examples and tests run against: [`tc_mock`]'s
//! generic endpoint plus state, and the examples' command line.
//!
//! - [`cvm`]: CVM image sharing ([`cvm::ImageSharing`]) and instances that
//!   launch, stop and terminate over time ([`cvm::Instances`]).
//! - [`sts`]: STS issuing temporary credentials ([`sts::Sts`]) that the same
//!   endpoint then accepts.
//! - [`example`]: what every service crate's example shares: its
//!   `--flag value` command line, the embedded endpoint (or a real one), and
//!   one exit-code contract.
//!
//! Why a crate of its own: `tc-mock` verifies, routes, answers and streams
//! for any service and knows none; the state and rules of particular services
//! sit above it, here. They need no service crate either: the CVM actions,
//! members and error codes emulated here are declared with the SDK's own
//! `#[tc_action]`, `#[tc_model]` and `#[tc_error]`, as a user declares an
//! action that no service crate has, keeping only what the emulation reads
//! and writes; STS uses tc-core's own declarations. So every arrow points
//! down: this crate depends on tc-mock and tc-core, and the service crates'
//! examples and the workspace's tests reach it as a dev-dependency.
//!
//! A client calls it with `tc-cvm`'s typed actions, actions of its own, or by
//! name, as here:
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use std::sync::Arc;
//! use serde_json::json;
//! use tc_emulator::cvm::ImageSharing;
//! use tc_mock::MockServer;
//!
//! let mock = MockServer::builder().credential("AKIDtest", "test-key").start().await?;
//! Arc::new(ImageSharing::seeded()).install(&mock);
//! let client = mock.client_builder().region("ap-guangzhou").build()?;
//! let out = client
//!     .send_json(
//!         "cvm",
//!         "2017-03-12",
//!         "DescribeImageSharePermission",
//!         json!({ "ImageId": "img-6pb6lrmy" }),
//!     )
//!     .await?;
//! assert_eq!(out["SharePermissionSet"][1]["AccountId"], "101104350001");
//! # Ok(()) }
//! ```

pub mod cvm;
pub mod example;
pub mod sts;
