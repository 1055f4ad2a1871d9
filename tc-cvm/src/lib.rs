//! Tencent Cloud CVM (Cloud Virtual Machine), API version 2017-03-12: every
//! action, model and error code, typed.
//!
//! Each action is a struct named after it, holding its request parameters
//! ([`DescribeImageSharePermission`]); a successful call yields the matching
//! `...Response` struct ([`DescribeImageSharePermissionResponse`]), and the codes
//! the action documents are a `...Error` enum
//! ([`DescribeImageSharePermissionError`]). [`CvmErrorCode`] holds every code of
//! the service in one enum.
//!
//! ```
//! use tc_cvm::{Action, DescribeImageSharePermission, DescribeImageSharePermissionError, ErrorCode};
//!
//! let request = DescribeImageSharePermission { image_id: "img-6pb6lrmy".into() };
//! assert_eq!(DescribeImageSharePermission::NAME, "DescribeImageSharePermission");
//!
//! let code = DescribeImageSharePermissionError::from_code("InvalidImageId.NotFound");
//! assert_eq!(code, Some(DescribeImageSharePermissionError::InvalidImageIdNotFound));
//! # let _ = request;
//! ```
//!
//! Calling it, with credentials from the default sources:
//!
//! ```no_run
//! use tc_cvm::{Client, DescribeImageSharePermission, DescribeImageSharePermissionError};
//!
//! # async fn run() -> Result<(), tc_cvm::Error> {
//! let client = Client::builder().region("ap-guangzhou").build()?;
//! let request = DescribeImageSharePermission { image_id: "img-6pb6lrmy".into() };
//! match client.send(request).await {
//!     Ok(out) => {
//!         for share in &out.share_permission_set {
//!             println!("{} since {}", share.account_id, share.created_time);
//!         }
//!     }
//!     Err(e) if e.is(DescribeImageSharePermissionError::InvalidImageIdNotFound) => {
//!         println!("no such image (RequestId {})", e.request_id().unwrap_or("-"));
//!     }
//!     Err(e) => return Err(e),
//! }
//! # Ok(()) }
//! ```
//!
//! Optional parameters are `Option`s, so a request with many of them is built
//! from its `Default`:
//!
//! ```
//! use tc_cvm::{DescribeInstances, Filter};
//!
//! let request = DescribeInstances {
//!     filters: Some(vec![Filter { name: "zone".into(), values: vec!["ap-guangzhou-6".into()] }]),
//!     limit: Some(20),
//!     ..Default::default()
//! };
//! # let _ = request;
//! ```
//!
//! Everything below `generated` is written by `cargo run -p tc-codegen` from the
//! specs in the repository's `specs/cvm-2017-03-12`; only this file is written by hand.

// The generated code is held to the same lints as hand-written code, and more.
#![warn(missing_docs, unused_qualifications, clippy::pedantic)]

// Generated files are printed by prettyplease and checked by `tc-codegen --check`;
// rustfmt must leave them as they are.
#[rustfmt::skip]
mod generated;

pub use generated::*;
// What a CVM user needs besides the generated types, so that one import line
// and one dependency are enough.
pub use tc_core::{
    Action, Client, ClientBuilder, CommonCode, Credential, Error, ErrorCode, RetryConfig,
    ServiceError,
};
