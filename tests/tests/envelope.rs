//! Decoding of the response envelope into the generated CVM types: success,
//! errors with action, common and unknown codes, tolerance, and bad bodies.

use tc_core::test_util::envelope::decode;
use tc_core::{CommonCode, Error};
use tc_cvm::DescribeImageSharePermissionResponse as Out;
use tc_cvm::errors::CvmErrorCode as ShareError;

const ACTION: &str = "DescribeImageSharePermission";

fn ok(body: &str) -> (Out, String) {
    decode::<Out, ShareError>(ACTION, 200, body.as_bytes()).unwrap_or_else(|e| panic!("{e}"))
}

fn err(status: u16, body: &str) -> Error {
    decode::<Out, ShareError>(ACTION, status, body.as_bytes())
        .map(|_| ())
        .unwrap_err()
}

#[test]
fn the_seed_example_decodes() {
    let (out, request_id) = ok(r#"{
        "Response": {
            "SharePermissionSet": [
                {"CreatedTime": "2018-06-10T11:02:50Z", "AccountId": "101104350000"},
                {"CreatedTime": "2018-06-13T15:03:25Z", "AccountId": "101104350001"}
            ],
            "RequestId": "71e69b56-32be-4412-ab45-49eded6a87be"
        }
    }"#);
    assert_eq!(request_id, "71e69b56-32be-4412-ab45-49eded6a87be");
    assert_eq!(out.request_id, request_id);
    assert_eq!(out.share_permission_set.len(), 2);
    assert_eq!(out.share_permission_set[1].account_id, "101104350001");
    assert_eq!(
        out.share_permission_set[1].created_time,
        "2018-06-13T15:03:25Z"
    );
}

#[test]
fn unknown_fields_are_ignored_and_null_or_absent_lists_are_empty() {
    let (out, _) = ok(
        r#"{"Response": {"NewField": {"x": [1, 2]}, "SharePermissionSet": null, "RequestId": "r"}, "Extra": 1}"#,
    );
    assert!(out.share_permission_set.is_empty());
    let (out, _) = ok(r#"{"Response": {"RequestId": "r"}}"#);
    assert!(out.share_permission_set.is_empty());
    let (out, _) = ok(
        r#"{"Response": {"SharePermissionSet": [{"AccountId": null, "Shiny": true}], "RequestId": "r"}}"#,
    );
    assert_eq!(out.share_permission_set[0].account_id, "");
}

#[test]
fn an_action_code_is_typed_and_keeps_code_message_and_request_id() {
    let e = err(
        200,
        r#"{"Response": {"Error": {"Code": "InvalidImageId.Malformed", "Message": "bad id"}, "RequestId": "rid-1"}}"#,
    );
    assert_eq!(
        e.action_error::<ShareError>(),
        Some(&ShareError::InvalidImageIdMalformed)
    );
    assert_eq!(
        (e.code(), e.message(), e.request_id()),
        (
            Some("InvalidImageId.Malformed"),
            Some("bad id"),
            Some("rid-1")
        )
    );
    assert_eq!(
        e.to_string(),
        "InvalidImageId.Malformed: bad id (RequestId: rid-1)"
    );
}

#[test]
fn a_common_code_is_typed_as_common() {
    let e = err(
        200,
        r#"{"Response": {"Error": {"Code": "AuthFailure.SignatureFailure", "Message": "m"}, "RequestId": "r"}}"#,
    );
    assert_eq!(
        e.common_code(),
        Some(CommonCode::AuthFailureSignatureFailure)
    );
    assert!(e.is(CommonCode::AuthFailureSignatureFailure));
    assert_eq!(e.action_error::<ShareError>(), None);
}

#[test]
fn an_unknown_code_keeps_its_raw_text() {
    let e = err(
        200,
        r#"{"Response": {"Error": {"Code": "Brand.NewCode", "Message": "m"}, "RequestId": "r"}}"#,
    );
    assert_eq!(e.code(), Some("Brand.NewCode"));
    assert_eq!(e.common_code(), None);
    assert_eq!(e.action_error::<ShareError>(), None);
}

#[test]
fn a_wrong_type_names_the_json_path() {
    let e = err(
        200,
        r#"{"Response": {"SharePermissionSet": [{"CreatedTime": "t", "AccountId": "a"}, {"CreatedTime": {"Seconds": 5}}], "RequestId": "rid-7"}}"#,
    );
    let Error::Decode(decode) = &e else {
        panic!("{e:?}")
    };
    assert_eq!(
        decode.path(),
        Some("Response.SharePermissionSet[1].CreatedTime")
    );
    assert_eq!(e.request_id(), Some("rid-7"));
    let text = e.to_string();
    assert!(
        text.contains("at Response.SharePermissionSet[1].CreatedTime")
            && text.contains("(RequestId: rid-7)"),
        "{text}"
    );
}

#[test]
fn an_empty_body_is_a_decode_error() {
    let e = err(200, "");
    let Error::Decode(decode) = &e else {
        panic!("{e:?}")
    };
    assert_eq!(decode.message(), "the body is empty");
}

#[test]
fn truncated_json_says_so_and_still_finds_the_request_id() {
    let e = err(
        200,
        r#"{"Response": {"RequestId": "rid-9", "SharePermissionSet": [{"Creat"#,
    );
    let Error::Decode(decode) = &e else {
        panic!("{e:?}")
    };
    assert!(
        decode.message().starts_with("the body ends too early"),
        "{}",
        decode.message()
    );
    assert_eq!(e.request_id(), Some("rid-9"));
}

#[test]
fn an_html_error_page_is_an_http_status_error_with_an_excerpt() {
    let e = err(
        502,
        "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>nginx</body></html>",
    );
    let Error::HttpStatus(status) = &e else {
        panic!("{e:?}")
    };
    assert_eq!(status.status(), 502);
    assert_eq!(
        status.excerpt(),
        "<html> <head><title>502 Bad Gateway</title></head> <body>nginx</body></html>"
    );
    assert!(
        e.to_string()
            .starts_with("HTTP 502 from DescribeImageSharePermission"),
        "{e}"
    );
}

#[test]
fn html_with_status_200_is_a_decode_error() {
    let e = err(200, "<html>maintenance</html>");
    assert!(matches!(e, Error::Decode(_)), "{e:?}");
}

#[test]
fn json_without_a_response_object_is_a_decode_error() {
    let e = err(200, r#"{"message": "hello"}"#);
    let Error::Decode(decode) = &e else {
        panic!("{e:?}")
    };
    assert_eq!(decode.message(), "the body has no `Response` object");
}

#[test]
fn an_error_envelope_wins_over_an_http_error_status() {
    let e = err(
        500,
        r#"{"Response": {"Error": {"Code": "InternalError", "Message": "m"}, "RequestId": "r"}}"#,
    );
    assert_eq!(e.common_code(), Some(CommonCode::InternalError));
}
