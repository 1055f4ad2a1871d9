//! Properties checked on arbitrary input, by the fuzz targets and by a normal
//! test that replays the committed seed corpus. Each panics only when a
//! property is broken; bad input must come back as an error.

use tc_core::query;
use tc_core::test_util::envelope::decode;
use tc_cvm::errors::CvmErrorCode;
use tc_cvm::{DescribeImageSharePermissionResponse, DescribeImagesResponse, DescribeInstances};

/// The response decoder never panics, and what it accepts survives a
/// re-encode and decode unchanged.
pub fn decode_envelope(data: &[u8]) {
    for status in [200, 502] {
        if let Ok((images, _)) =
            decode::<DescribeImagesResponse, CvmErrorCode>("DescribeImages", status, data)
        {
            let again = reencode(&images);
            let (back, _) =
                decode::<DescribeImagesResponse, CvmErrorCode>("DescribeImages", 200, &again)
                    .expect("an accepted response decodes again");
            assert_eq!(back, images);
        }
        let _ = decode::<DescribeImageSharePermissionResponse, CvmErrorCode>(
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

/// The event-stream decoder never panics, never yields more than its limit,
/// and gives the same events however the bytes are split into chunks.
pub fn sse_splits(data: &[u8]) {
    use tc_core::test_util::sse::EventDecoder;
    const MAX: usize = 64;
    let run = |cuts: &[usize]| {
        let mut decoder = EventDecoder::new(MAX);
        let mut events = Vec::new();
        let mut from = 0;
        for &cut in cuts.iter().chain([&data.len()]) {
            let cut = cut.clamp(from, data.len());
            decoder.feed(&data[from..cut]);
            from = cut;
            loop {
                match decoder.next_event() {
                    Ok(Some(event)) => {
                        assert!(event.len() <= MAX, "an event past the limit");
                        events.push(Ok(event));
                    }
                    Ok(None) => break,
                    Err(e) => {
                        events.push(Err(format!("{e:?}")));
                        return events;
                    }
                }
            }
        }
        match decoder.finish() {
            Ok(Some(event)) => events.push(Ok(event)),
            Ok(None) => {}
            Err(e) => events.push(Err(format!("{e:?}"))),
        }
        events
    };
    let whole = run(&[]);
    let step = 1 + data.first().copied().unwrap_or(0) as usize % 7;
    let cuts: Vec<usize> = (step..data.len()).step_by(step).collect();
    let split = run(&cuts);
    // An error may be found at a different point of a split stream, but the
    // events before it are the same.
    let ok = |events: &[Result<Vec<u8>, String>]| events.iter().take_while(|e| e.is_ok()).count();
    let same = ok(&whole).min(ok(&split));
    assert_eq!(whole[..same], split[..same], "{data:?} split every {step}");
    assert_eq!(
        whole.iter().any(Result::is_err),
        split.iter().any(Result::is_err),
        "{data:?} split every {step}"
    );
}

/// The credentials file's parser never panics, and its errors carry a line
/// number and a reason, never the text of the line (which may hold a key).
pub fn ini_parse(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    const SECRET: &str = "S3CR3T-VALUE";
    let text = text.replace('$', SECRET);
    match tc_core::test_util::ini::parse(&text) {
        Ok(ini) => {
            for section in &ini.sections {
                assert!(section.line >= 1 && section.line <= text.lines().count().max(1));
                assert!(!section.name.is_empty(), "{text:?}");
            }
            // Values never show in `Debug` (names and keys may).
            let named = ini.sections.iter().any(|s| {
                s.name.contains(SECRET) || s.entries.iter().any(|e| e.key.contains(SECRET))
            });
            if !named {
                assert!(!format!("{ini:?}").contains(SECRET), "{text:?}");
            }
        }
        Err(e) => {
            assert!(e.line >= 1, "{text:?}");
            assert!(!e.reason.contains(SECRET), "{text:?}");
        }
    }
}

/// The `Authorization` parser never panics, and what it accepts is well
/// formed and rebuilt to the same header.
pub fn authorization(data: &[u8]) {
    use tc_sign::parse_authorization;
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for value in [text.to_owned(), format!("TC3-HMAC-SHA256 {text}")] {
        let Some(parsed) = parse_authorization(&value) else {
            continue;
        };
        assert_eq!(parsed.signature.len(), 64, "{value:?}");
        assert!(!parsed.secret_id.is_empty() && !parsed.service.is_empty());
        let rebuilt = format!(
            "TC3-HMAC-SHA256 Credential={}/{}/{}/tc3_request, SignedHeaders={}, Signature={}",
            parsed.secret_id,
            parsed.date,
            parsed.service,
            parsed.signed_headers.join(";"),
            parsed.signature
        );
        assert_eq!(parse_authorization(&rebuilt), Some(parsed), "{value:?}");
    }
}
