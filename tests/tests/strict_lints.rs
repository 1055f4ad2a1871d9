//! The attributes' output, compiled under strict lints: whatever they generate
//! must not trip `unused_qualifications`, `missing_docs` or clippy's pedantic
//! group (CI runs `cargo clippy --workspace --all-targets -- -D warnings`) in a
//! user's crate that denies them.

#![deny(warnings)]
#![deny(unused_qualifications, missing_docs, clippy::pedantic)]

use tc_core::__private::serde_json::{self, json};
use tc_core::{Action, ErrorCode, Method};

/// Public, so that `missing_docs` inspects everything generated for it.
pub mod cvm {
    use tc_core::{tc_action, tc_error, tc_model};

    /// Who an image is shared with.
    #[tc_action(
        service = "cvm",
        version = "2017-03-12",
        name = "DescribeImageSharePermission",
        error = DescribeImageSharePermissionError,
        rate_limit = 20
    )]
    pub struct DescribeImageSharePermission {
        /// The image to inspect.
        pub image_id: String,
    }

    /// The answer to [`DescribeImageSharePermission`].
    #[tc_model]
    pub struct DescribeImageSharePermissionResponse {
        /// Every share; `null` decodes as empty.
        pub share_permission_set: Vec<SharePermission>,
        /// The request id.
        pub request_id: String,
    }

    /// One share of an image.
    #[tc_model]
    #[derive(Eq, Hash)]
    pub struct SharePermission {
        /// When it was shared.
        pub created_time: String,
        /// The account it was shared with.
        pub account_id: String,
    }

    /// The codes [`DescribeImageSharePermission`] documents.
    #[tc_error]
    #[non_exhaustive]
    pub enum DescribeImageSharePermissionError {
        /// The image does not exist.
        #[tc(code = "InvalidImageId.NotFound")]
        InvalidImageIdNotFound,
        /// The image id is malformed.
        #[tc(code = "InvalidImageId.Malformed")]
        InvalidImageIdMalformed,
    }

    /// The regions, by query string.
    #[tc_action(
        service = "cvm",
        version = "2017-03-12",
        name = "DescribeRegions",
        method = "GET"
    )]
    pub struct DescribeRegions {
        /// The product to list regions for.
        pub product: Option<String>,
        /// A parameter whose wire name is not its field name in `PascalCase`.
        #[tc(rename = "CAMRoleName")]
        pub cam_role_name: Option<String>,
    }

    /// The answer to [`DescribeRegions`].
    #[tc_model]
    pub struct DescribeRegionsResponse {
        /// How many regions.
        pub total_count: u64,
        /// Not always present.
        pub region_state: Option<String>,
    }
}

/// Through a renamed dependency, whose paths are relative to this module.
pub mod renamed {
    use tc_core as tc;

    /// Starts instances.
    #[tc::tc_action(
        crate = "tc",
        service = "cvm",
        version = "2017-03-12",
        name = "StartInstances"
    )]
    pub struct StartInstances {
        /// The instances to start.
        pub instance_ids: Vec<String>,
    }

    /// The answer to [`StartInstances`].
    #[tc::tc_model(crate = "tc")]
    pub struct StartInstancesResponse {
        /// The request id.
        pub request_id: String,
    }

    /// The codes [`StartInstances`] documents.
    #[tc::tc_error(crate = "tc")]
    pub enum StartInstancesError {
        /// The instance is not stopped.
        #[tc(code = "UnsupportedOperation.InstanceStateRunning")]
        InstanceStateRunning,
    }
}

#[test]
fn request_serializes_to_its_wire_names() {
    let request = cvm::DescribeImageSharePermission {
        image_id: "img-6pb6lrmy".into(),
    };
    let body = serde_json::to_value(&request).expect("serialize");
    assert_eq!(body, json!({ "ImageId": "img-6pb6lrmy" }));

    let request = cvm::DescribeRegions {
        product: Some("cvm".into()),
        cam_role_name: None,
    };
    let body = serde_json::to_value(&request).expect("serialize");
    assert_eq!(body, json!({ "Product": "cvm" }));

    let request = renamed::StartInstances {
        instance_ids: vec!["ins-1".into()],
    };
    let body = serde_json::to_value(request.clone()).expect("serialize");
    assert_eq!(body, json!({ "InstanceIds": ["ins-1"] }));
}

#[test]
fn response_decodes_nulls_missing_and_unknown_members() {
    let response: cvm::DescribeImageSharePermissionResponse = serde_json::from_value(json!({
        "SharePermissionSet": null,
        "RequestId": "71e69b56-32be-4412-ab45-49eded6a87be",
        "SomethingNew": { "Added": "later" },
    }))
    .expect("decode");
    assert!(response.share_permission_set.is_empty());
    assert_eq!(response.request_id, "71e69b56-32be-4412-ab45-49eded6a87be");

    let response: cvm::DescribeImageSharePermissionResponse = serde_json::from_value(json!({
        "SharePermissionSet": [{ "AccountId": "100000000001", "CreatedTime": null }],
    }))
    .expect("decode");
    assert_eq!(
        response.share_permission_set,
        [cvm::SharePermission {
            created_time: String::new(),
            account_id: "100000000001".into(),
        }]
    );
    assert_eq!(response.request_id, "");

    let response: cvm::DescribeRegionsResponse =
        serde_json::from_value(json!({ "TotalCount": 3 })).expect("decode");
    assert_eq!(response.total_count, 3);
    assert_eq!(response.region_state, None);

    let response: renamed::StartInstancesResponse =
        serde_json::from_value(json!({ "RequestId": "r" })).expect("decode");
    assert_eq!(response.request_id, "r");
}

#[test]
fn error_codes_round_trip() {
    use cvm::DescribeImageSharePermissionError as E;
    assert_eq!(
        E::ALL,
        [E::InvalidImageIdNotFound, E::InvalidImageIdMalformed]
    );
    for error in E::ALL {
        assert_eq!(E::from_code(error.code()), Some(*error));
        assert_eq!(error.to_string(), error.code());
    }
    assert_eq!(E::from_code("InvalidImageId.Other"), None);

    let error = renamed::StartInstancesError::InstanceStateRunning;
    let boxed: Box<dyn std::error::Error> = Box::new(error);
    assert_eq!(
        boxed.to_string(),
        "UnsupportedOperation.InstanceStateRunning"
    );
}

#[test]
fn action_constants() {
    type Share = cvm::DescribeImageSharePermission;
    assert_eq!(Share::SERVICE, "cvm");
    assert_eq!(Share::VERSION, "2017-03-12");
    assert_eq!(Share::NAME, "DescribeImageSharePermission");
    assert_eq!(Share::METHOD, Method::Post);
    assert_eq!(Share::RATE_LIMIT.map(std::num::NonZeroU32::get), Some(20));
    assert_eq!(cvm::DescribeRegions::METHOD, Method::Get);
    assert_eq!(cvm::DescribeRegions::RATE_LIMIT, None);
    assert_eq!(renamed::StartInstances::NAME, "StartInstances");
}
