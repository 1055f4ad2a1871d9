#![deny(warnings)]

use tc_core::{tc_action, tc_model, Action};

#[tc_action(service = "cvm", version = "2017-03-12", name = "DescribeImageSharePermission")]
pub struct DescribeImageSharePermission {
    pub image_id: String,
}

#[tc_model]
pub struct SharePermission {
    pub created_time: String,
    pub account_id: String,
}

#[tc_model]
pub struct DescribeImageSharePermissionResponse {
    pub share_permission_set: Vec<SharePermission>,
    pub request_id: String,
}

fn main() {
    let request = DescribeImageSharePermission { image_id: "img-6pb6lrmy".into() };
    assert_eq!(request.clone(), request);
    assert_eq!(DescribeImageSharePermission::NAME, "DescribeImageSharePermission");
    let _ = DescribeImageSharePermissionResponse::default();
}
