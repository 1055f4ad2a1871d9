//! The part of CVM 2017-03-12's wire that the emulation reads and writes,
//! declared here with the SDK's own attributes, as a user declares an action
//! that no service crate has: the emulation depends on no service crate, so
//! that `tc-cvm`'s examples can use it without an arrow back up.
//!
//! Each request declares only the members the emulation reads: tc-mock's
//! decoder skips the others the client sends. Each answer declares only the
//! members the emulation fills in: a client decoding it into `tc-cvm`'s full
//! types gets the rest as their defaults, as it would from a service that
//! leaves them out. Every name here is CVM's own, which
//! `tests/tests/emulator_wire.rs` checks against `tc-cvm`'s, both ways.

use tc_core::{tc_action, tc_error, tc_model};

/// Who an image is shared with.
#[tc_action(
    service = "cvm",
    version = "2017-03-12",
    name = "DescribeImageSharePermission"
)]
pub(crate) struct DescribeImageSharePermission {
    pub image_id: String,
}

#[tc_model]
pub(crate) struct DescribeImageSharePermissionResponse {
    pub share_permission_set: Vec<SharePermission>,
}

/// One account an image is shared with, and since when.
#[tc_model]
pub(crate) struct SharePermission {
    pub created_time: String,
    pub account_id: String,
}

/// Shares an image with accounts (`Permission` `SHARE`), or stops (`CANCEL`).
#[tc_action(
    service = "cvm",
    version = "2017-03-12",
    name = "ModifyImageSharePermission",
    output = Done
)]
pub(crate) struct ModifyImageSharePermission {
    pub image_id: String,
    pub account_ids: Vec<String>,
    pub permission: String,
}

/// Lists images, by id or all, a page at a time.
#[tc_action(service = "cvm", version = "2017-03-12", name = "DescribeImages")]
pub(crate) struct DescribeImages {
    pub image_ids: Option<Vec<String>>,
    pub offset: Option<u64>,
    pub limit: Option<u64>,
}

#[tc_model]
pub(crate) struct DescribeImagesResponse {
    pub image_set: Vec<Image>,
    pub total_count: i64,
}

#[tc_model]
pub(crate) struct Image {
    pub image_id: String,
    pub os_name: String,
    pub image_type: String,
    pub created_time: String,
    pub image_name: String,
    pub image_size: i64,
    pub architecture: String,
    pub image_state: String,
    pub platform: String,
    pub image_creator: String,
    pub image_source: String,
}

/// Launches instances.
#[tc_action(service = "cvm", version = "2017-03-12", name = "RunInstances")]
pub(crate) struct RunInstances {
    pub placement: Option<Placement>,
    pub instance_type: Option<String>,
    pub image_id: Option<String>,
    pub instance_count: Option<i64>,
    pub instance_name: Option<String>,
}

#[tc_model]
pub(crate) struct RunInstancesResponse {
    pub instance_id_set: Vec<String>,
}

/// Lists instances, by id or all, a page at a time.
#[tc_action(service = "cvm", version = "2017-03-12", name = "DescribeInstances")]
pub(crate) struct DescribeInstances {
    pub instance_ids: Option<Vec<String>>,
    pub offset: Option<i64>,
    pub limit: Option<i64>,
}

#[tc_model]
pub(crate) struct DescribeInstancesResponse {
    pub total_count: i64,
    pub instance_set: Vec<Instance>,
}

#[tc_model]
pub(crate) struct Instance {
    pub placement: Placement,
    pub instance_id: String,
    pub instance_type: String,
    #[tc(rename = "CPU")]
    pub cpu: i64,
    pub memory: i64,
    pub instance_name: String,
    pub instance_charge_type: String,
    pub image_id: String,
    pub created_time: String,
    pub instance_state: String,
}

/// Where an instance runs.
#[tc_model]
pub(crate) struct Placement {
    pub zone: String,
}

/// Starts stopped instances.
#[tc_action(
    service = "cvm",
    version = "2017-03-12",
    name = "StartInstances",
    output = Done
)]
pub(crate) struct StartInstances {
    pub instance_ids: Vec<String>,
}

/// Stops running instances.
#[tc_action(
    service = "cvm",
    version = "2017-03-12",
    name = "StopInstances",
    output = Done
)]
pub(crate) struct StopInstances {
    pub instance_ids: Vec<String>,
}

/// Terminates instances.
#[tc_action(
    service = "cvm",
    version = "2017-03-12",
    name = "TerminateInstances",
    output = Done
)]
pub(crate) struct TerminateInstances {
    pub instance_ids: Vec<String>,
}

/// The answer of an action that returns nothing but its RequestId (which
/// tc-mock adds).
#[tc_model]
pub(crate) struct Done {}

/// The CVM error codes the emulation answers with (besides
/// `UnsupportedOperation.InstanceState*`, which it spells from the state).
#[tc_error]
pub(crate) enum CvmCode {
    #[tc(code = "InvalidAccountId.NotFound")]
    InvalidAccountIdNotFound,
    #[tc(code = "InvalidAccountIs.YourSelf")]
    InvalidAccountIsYourSelf,
    #[tc(code = "InvalidImageId.Malformed")]
    InvalidImageIdMalformed,
    #[tc(code = "InvalidImageId.NotFound")]
    InvalidImageIdNotFound,
    #[tc(code = "InvalidInstanceId.NotFound")]
    InvalidInstanceIdNotFound,
    #[tc(code = "InvalidParameterValue.LimitExceeded")]
    InvalidParameterValueLimitExceeded,
    #[tc(code = "OverQuota")]
    OverQuota,
}
