//! The seed action, `DescribeImageSharePermission`, as the API page it came
//! from documents it: its seven error codes, typed through the action's error
//! type (the service-wide enum), and its rate limit.

use tc_core::{Action, ErrorCode};
use tc_cvm::DescribeImageSharePermission;
use tc_cvm::errors::CvmErrorCode;

/// The codes of the action, whatever type the action names for them.
type ShareError = <DescribeImageSharePermission as Action>::Error;

const DOCUMENTED: [&str; 7] = [
    "InvalidAccountId.NotFound",
    "InvalidAccountIs.YourSelf",
    "InvalidImageId.Malformed",
    "InvalidImageId.NotFound",
    "InvalidParameterValue.InvalidAppIdFormat",
    "OverQuota",
    "UnauthorizedOperation.ImageNotBelongToAccount",
];

#[test]
fn its_seven_codes_are_typed() {
    let errors: serde_json::Value =
        serde_json::from_str(include_str!("../../specs/cvm-2017-03-12/errors.json")).unwrap();
    assert_eq!(
        errors["by_action"]["DescribeImageSharePermission"],
        serde_json::json!(DOCUMENTED)
    );
    for code in DOCUMENTED {
        let typed = ShareError::from_code(code).expect(code);
        assert_eq!(typed.code(), code);
    }
    assert_eq!(
        ShareError::from_code("InvalidImageId.NotFound"),
        Some(CvmErrorCode::InvalidImageIdNotFound)
    );
    assert_eq!(
        CvmErrorCode::UnauthorizedOperationImageNotBelongToAccount.to_string(),
        "UnauthorizedOperation.ImageNotBelongToAccount"
    );
}

#[test]
fn it_is_limited_to_ten_calls_a_second() {
    assert_eq!(
        DescribeImageSharePermission::RATE_LIMIT.map(|n| n.get()),
        Some(10)
    );
    const { assert!(DescribeImageSharePermission::READ_ONLY) };
}
