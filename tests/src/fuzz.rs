//! Properties checked on arbitrary input, by the fuzz targets and by a normal
//! test that replays the committed seed corpus. Each panics only when a
//! property is broken; bad input must come back as an error.

use tc_core::test_util::envelope::decode;
use tc_core::test_util::query;
use tc_cvm::errors::{DescribeImageSharePermissionError, DescribeImagesError};
use tc_cvm::{DescribeImageSharePermissionResponse, DescribeImagesResponse, DescribeInstances};

/// The response decoder never panics, and what it accepts survives a
/// re-encode and decode unchanged.
pub fn decode_envelope(data: &[u8]) {
    for status in [200, 502] {
        if let Ok((images, _)) =
            decode::<DescribeImagesResponse, DescribeImagesError>("DescribeImages", status, data)
        {
            let again = reencode(&images);
            let (back, _) = decode::<DescribeImagesResponse, DescribeImagesError>(
                "DescribeImages",
                200,
                &again,
            )
            .expect("an accepted response decodes again");
            assert_eq!(back, images);
        }
        let _ = decode::<DescribeImageSharePermissionResponse, DescribeImageSharePermissionError>(
            "DescribeImageSharePermission",
            status,
            data,
        );
    }
}

fn reencode(response: &DescribeImagesResponse) -> Vec<u8> {
    let envelope = serde_json::json!({ "Response": response });
    serde_json::to_vec(&envelope).expect("a decoded response encodes")
}

/// Reading a query never panics, and a request read from a query flattens and
/// reads back to itself.
pub fn query_roundtrip(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(request) = query::decode::<DescribeInstances>(text) {
        let encoded = query::encode(&request).expect("a decoded request encodes");
        let back: DescribeInstances = query::decode(&encoded).expect("an encoded request decodes");
        assert_eq!(back, request, "{text:?} -> {encoded:?}");
    }
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
        let _ = query::flatten(&value);
    }
}
