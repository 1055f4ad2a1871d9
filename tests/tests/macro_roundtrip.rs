//! What the attributes' output does at run time: wire names, optional
//! parameters, tolerant decoding, the `Action` constants and error codes.

use std::any::TypeId;
use std::num::NonZeroU32;

use serde_json::json;
use tc_core::{Action, CommonCode, ErrorCode, Method, tc_action, tc_error, tc_model};

/// A filter, nested inside a request.
#[tc_model]
struct Filter {
    name: String,
    values: Vec<String>,
}

#[tc_action(service = "cvm", version = "2017-03-12", name = "DescribeImages")]
struct DescribeImages {
    image_ids: Option<Vec<String>>,
    filters: Option<Vec<Filter>>,
    offset: Option<u64>,
    limit: Option<u64>,
    instance_type: String,
    ipv6_address_count: u64,
    r#type: String,
    #[tc(rename = "CAMRoleName")]
    cam_role_name: Option<String>,
}

#[tc_model]
struct Image {
    image_id: String,
    os_name: String,
    image_size: u64,
    is_support_cloudinit: bool,
    #[tc(rename = "CPU")]
    cpu: Option<u64>,
    tags: Vec<Tag>,
    license_type: Option<String>,
}

#[tc_model]
struct Tag {
    key: String,
    value: String,
}

#[tc_model]
struct DescribeImagesResponse {
    image_set: Vec<Image>,
    total_count: u64,
    request_id: String,
}

#[tc_error]
enum DescribeImagesError {
    #[tc(code = "InvalidFilter")]
    InvalidFilter,
    #[tc(code = "InvalidImageId.NotFound")]
    InvalidImageIdNotFound,
    #[tc(code = "InvalidParameterValue.LimitExceeded")]
    LimitExceeded,
}

#[tc_action(
    service = "cvm",
    version = "2017-03-12",
    name = "DescribeZones",
    method = "GET",
    rate_limit = 20,
    output = ZonesOut,
    error = DescribeImagesError
)]
struct DescribeZones {}

#[tc_model]
struct ZonesOut {
    total_count: u64,
}

fn request() -> DescribeImages {
    DescribeImages {
        image_ids: None,
        filters: None,
        offset: None,
        limit: None,
        instance_type: "S5.MEDIUM2".into(),
        ipv6_address_count: 1,
        r#type: "PRIVATE_IMAGE".into(),
        cam_role_name: None,
    }
}

#[test]
fn parameters_are_sent_under_pascal_case_names_and_none_is_left_out() {
    let body = serde_json::to_value(request()).unwrap();
    assert_eq!(
        body,
        json!({
            "InstanceType": "S5.MEDIUM2",
            "Ipv6AddressCount": 1,
            "Type": "PRIVATE_IMAGE",
        })
    );
}

#[test]
fn some_parameters_are_sent_with_nested_models_and_renames() {
    let request = DescribeImages {
        image_ids: Some(vec!["img-1".into(), "img-2".into()]),
        filters: Some(vec![Filter {
            name: "image-type".into(),
            values: vec!["PRIVATE_IMAGE".into()],
        }]),
        offset: Some(0),
        limit: Some(20),
        cam_role_name: Some("role".into()),
        ..request()
    };
    let body = serde_json::to_value(&request).unwrap();
    assert_eq!(
        body,
        json!({
            "ImageIds": ["img-1", "img-2"],
            "Filters": [{ "Name": "image-type", "Values": ["PRIVATE_IMAGE"] }],
            "Offset": 0,
            "Limit": 20,
            "InstanceType": "S5.MEDIUM2",
            "Ipv6AddressCount": 1,
            "Type": "PRIVATE_IMAGE",
            "CAMRoleName": "role",
        })
    );
    // The request decodes too (a mock server needs that), to the same value.
    let back: DescribeImages = serde_json::from_value(body).unwrap();
    assert_eq!(back, request);
}

#[test]
fn a_request_missing_a_required_parameter_does_not_decode() {
    let error = serde_json::from_value::<DescribeImages>(json!({ "InstanceType": "S5" }))
        .unwrap_err()
        .to_string();
    assert!(error.contains("Ipv6AddressCount"), "{error}");
}

#[test]
fn a_member_given_twice_does_not_decode() {
    // serde_json hands a repeated key to the struct's decoder, which must
    // refuse it rather than keep either value.
    let request = r#"{"InstanceType":"S5","Ipv6AddressCount":1,"Type":"A","Offset":1,"Offset":2}"#;
    let error = serde_json::from_str::<DescribeImages>(request)
        .unwrap_err()
        .to_string();
    assert!(error.contains("duplicate field `Offset`"), "{error}");
    let model = r#"{"Name":"zone","Values":[],"Name":"other"}"#;
    let error = serde_json::from_str::<Filter>(model)
        .unwrap_err()
        .to_string();
    assert!(error.contains("duplicate field `Name`"), "{error}");
    // Given once each, in any order, they decode.
    let filter: Filter = serde_json::from_str(r#"{"Values":["a"],"Name":"zone"}"#).unwrap();
    assert_eq!((filter.name.as_str(), filter.values.len()), ("zone", 1));
}

#[test]
fn responses_decode_tolerantly() {
    let response: DescribeImagesResponse = serde_json::from_value(json!({
        "ImageSet": [
            {
                "ImageId": "img-6pb6lrmy",
                "OsName": null,
                "ImageSize": 50,
                "IsSupportCloudinit": true,
                "CPU": 2,
                "Tags": null,
                "Architecture": "x86_64",
                "Unknown": { "Nested": [1, 2, 3] }
            },
            { "ImageId": "img-2" }
        ],
        "TotalCount": null,
        "RequestId": "req-1",
        "Brand": "new",
    }))
    .unwrap();
    assert_eq!(response.total_count, 0);
    assert_eq!(response.request_id, "req-1");
    assert_eq!(
        response.image_set,
        [
            Image {
                image_id: "img-6pb6lrmy".into(),
                os_name: String::new(),
                image_size: 50,
                is_support_cloudinit: true,
                cpu: Some(2),
                tags: Vec::new(),
                license_type: None,
            },
            Image {
                image_id: "img-2".into(),
                ..Image::default()
            },
        ]
    );
}

#[test]
fn an_empty_object_decodes_as_the_default() {
    let response: DescribeImagesResponse = serde_json::from_value(json!({})).unwrap();
    assert_eq!(response, DescribeImagesResponse::default());
}

#[test]
fn models_round_trip_and_leave_none_out() {
    let image = Image {
        image_id: "img-1".into(),
        os_name: "TencentOS Server 3.1".into(),
        image_size: 20,
        is_support_cloudinit: false,
        cpu: None,
        tags: vec![Tag {
            key: "team".into(),
            value: "sdk".into(),
        }],
        license_type: Some("TencentCloud".into()),
    };
    let value = serde_json::to_value(&image).unwrap();
    assert_eq!(
        value,
        json!({
            "ImageId": "img-1",
            "OsName": "TencentOS Server 3.1",
            "ImageSize": 20,
            "IsSupportCloudinit": false,
            "Tags": [{ "Key": "team", "Value": "sdk" }],
            "LicenseType": "TencentCloud",
        })
    );
    assert_eq!(serde_json::from_value::<Image>(value).unwrap(), image);
}

#[test]
fn a_wrong_type_is_still_an_error() {
    // Tolerance covers null, absence and a number written as a string, not
    // a string that holds no number.
    let result = serde_json::from_value::<DescribeImagesResponse>(json!({ "TotalCount": "three" }));
    assert!(result.is_err());
    let loose = serde_json::from_value::<DescribeImagesResponse>(json!({ "TotalCount": "3" }));
    assert_eq!(loose.unwrap().total_count, 3);
}

#[test]
fn action_constants_and_types() {
    assert_eq!(DescribeImages::SERVICE, "cvm");
    assert_eq!(DescribeImages::VERSION, "2017-03-12");
    assert_eq!(DescribeImages::NAME, "DescribeImages");
    assert_eq!(DescribeImages::METHOD, Method::Post);
    assert_eq!(DescribeImages::RATE_LIMIT, None);
    assert_eq!(
        TypeId::of::<<DescribeImages as Action>::Output>(),
        TypeId::of::<DescribeImagesResponse>()
    );
    assert_eq!(
        TypeId::of::<<DescribeImages as Action>::Error>(),
        TypeId::of::<CommonCode>()
    );

    assert_eq!(DescribeZones::NAME, "DescribeZones");
    assert_eq!(DescribeZones::METHOD, Method::Get);
    assert_eq!(DescribeZones::RATE_LIMIT, NonZeroU32::new(20));
    assert_eq!(
        TypeId::of::<<DescribeZones as Action>::Output>(),
        TypeId::of::<ZonesOut>()
    );
    assert_eq!(
        TypeId::of::<<DescribeZones as Action>::Error>(),
        TypeId::of::<DescribeImagesError>()
    );
    assert_eq!(serde_json::to_value(DescribeZones {}).unwrap(), json!({}));
}

#[test]
fn error_codes() {
    assert_eq!(
        DescribeImagesError::ALL,
        [
            DescribeImagesError::InvalidFilter,
            DescribeImagesError::InvalidImageIdNotFound,
            DescribeImagesError::LimitExceeded,
        ]
    );
    for error in DescribeImagesError::ALL {
        assert_eq!(DescribeImagesError::from_code(error.code()), Some(*error));
        assert_eq!(error.to_string(), error.code());
    }
    assert_eq!(
        DescribeImagesError::LimitExceeded.code(),
        "InvalidParameterValue.LimitExceeded"
    );
    assert_eq!(DescribeImagesError::from_code("invalidfilter"), None);
    assert_eq!(DescribeImagesError::from_code(""), None);
    let error: &dyn std::error::Error = &DescribeImagesError::InvalidFilter;
    assert_eq!(format!("{error}"), "InvalidFilter");
    assert_eq!(
        format!("{:?}", DescribeImagesError::InvalidFilter),
        "InvalidFilter"
    );
}
