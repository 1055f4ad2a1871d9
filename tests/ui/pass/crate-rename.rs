#![deny(warnings)]

// A user who renamed the dependency (`tc = { package = "tcapi-core" }`) points the
// attributes at it; nothing names `::tc_core`.
use tc_core as tc;

#[tc::tc_action(crate = "tc", service = "cvm", version = "2017-03-12", name = "StartInstances")]
pub struct StartInstances {
    pub instance_ids: Vec<String>,
}

#[tc::tc_model(crate = "tc")]
pub struct StartInstancesResponse {
    pub request_id: String,
}

#[tc::tc_error(crate = "tc")]
pub enum StartInstancesError {
    #[tc(code = "InvalidInstanceId.NotFound")]
    InvalidInstanceIdNotFound,
}

fn main() {
    use tc::{Action, ErrorCode};
    assert_eq!(StartInstances::SERVICE, "cvm");
    assert_eq!(StartInstancesError::InvalidInstanceIdNotFound.code(), "InvalidInstanceId.NotFound");
}
