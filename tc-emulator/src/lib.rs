//! The services the SDK's examples and tests run against: [`tc_mock`]'s
//! generic endpoint plus state, and the examples' command line.
//!
//! - [`cvm`]: CVM image sharing ([`cvm::ImageSharing`]) and instances that
//!   launch, stop and terminate over time ([`cvm::Instances`]), typed with
//!   `tc-cvm`'s actions.
//! - [`sts`]: STS issuing temporary credentials ([`sts::Sts`]) that the same
//!   endpoint then accepts.
//! - [`example`]: what every service crate's example shares: its
//!   `--flag value` command line, the embedded endpoint (or a real one), and
//!   one exit-code contract.
//!
//! Why a crate of its own: `tc-mock` verifies, routes, answers and streams
//! for any service and depends on no service crate, so that it sits below
//! every one of them. The emulations need the service crates' types, so they
//! sit above both; the service crates' examples and the workspace's tests
//! reach them as a dev-dependency. (`tc-cvm`'s own examples use them too:
//! that is a dev-dependency only, which Cargo builds after `tc-cvm`'s
//! library, so the libraries' graph has no cycle.)
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use std::sync::Arc;
//! use tc_cvm::DescribeImageSharePermission;
//! use tc_emulator::cvm::ImageSharing;
//! use tc_mock::MockServer;
//!
//! let mock = MockServer::builder().credential("AKIDtest", "test-key").start().await?;
//! Arc::new(ImageSharing::seeded()).install(&mock);
//! let client = mock.client_builder().region("ap-guangzhou").build()?;
//! let out = client
//!     .send(DescribeImageSharePermission { image_id: "img-6pb6lrmy".into(), ..Default::default() })
//!     .await?;
//! assert_eq!(out.share_permission_set.len(), 2);
//! # Ok(()) }
//! ```

pub mod cvm;
pub mod example;
pub mod sts;
