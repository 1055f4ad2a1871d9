//! `tc-bench decode`: a large `DescribeImages` response decoded by the SDK's
//! envelope decoder and by plain `serde_json` into the same types, timed in
//! alternation, with the peak heap of each.

use std::hint::black_box;
use std::time::Instant;

use serde::Deserialize;
use serde_json::{Value, json};
use tc_core::test_util::envelope;
use tc_cvm::DescribeImagesResponse;
use tc_cvm::errors::CvmErrorCode;

use crate::alloc::Counting;
use crate::args::Args;
use crate::measure::{median, ratio, round};

/// The options `decode` accepts.
pub(crate) const OPTIONS: &[&str] = &["megabytes", "rounds"];

/// Plain serde_json's view of the same body: the envelope, typed, in one pass.
#[derive(Deserialize)]
struct Plain {
    #[serde(rename = "Response")]
    response: DescribeImagesResponse,
}

/// Runs the measurement and returns the report.
pub(crate) fn run(args: &Args, allocator: &Counting) -> Result<Value, String> {
    let megabytes: usize = args.number("megabytes", 10)?;
    let rounds: usize = args.number::<usize>("rounds", 9)?.max(1);
    let body = describe_images_body(megabytes * 1024 * 1024);

    let ours = || {
        envelope::decode::<DescribeImagesResponse, CvmErrorCode>("DescribeImages", 200, &body)
            .map(|(out, _)| out.image_set.len())
            .map_err(|e| e.to_string())
    };
    let plain = || {
        serde_json::from_slice::<Plain>(&body)
            .map(|p| p.response.image_set.len())
            .map_err(|e| e.to_string())
    };
    let images = ours()?;
    if plain()? != images {
        return Err("the two decoders disagree".to_owned());
    }

    let (mut ours_ms, mut plain_ms) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        ours_ms.push(time_ms(&ours));
        plain_ms.push(time_ms(&plain));
    }
    let ours_ms = median(&mut ours_ms);
    let plain_ms = median(&mut plain_ms);
    let ours_peak = peak_during(allocator, &ours);
    let plain_peak = peak_during(allocator, &plain);
    let body_len = body.len();
    let mb = body_len as f64 / 1e6;
    Ok(json!({
        "body_bytes": body_len,
        "images": images,
        "ms_per_decode": round(ours_ms, 2),
        "baseline_ms_per_decode": round(plain_ms, 2),
        "ratio": ratio(ours_ms, plain_ms),
        "mb_per_sec": round(mb / ours_ms * 1e3, 1),
        "baseline_mb_per_sec": round(mb / plain_ms * 1e3, 1),
        "peak_extra_bytes": ours_peak,
        "peak_bytes": body_len + ours_peak,
        "peak_ratio": ratio((body_len + ours_peak) as f64, body_len as f64),
        "baseline_peak_extra_bytes": plain_peak,
        "baseline_peak_ratio": ratio((body_len + plain_peak) as f64, body_len as f64),
        "rounds": rounds,
    }))
}

fn time_ms<T>(op: &impl Fn() -> T) -> f64 {
    let start = Instant::now();
    black_box(op());
    start.elapsed().as_secs_f64() * 1e3
}

/// The most heap `op` holds at once beyond what was live before it, its
/// result included.
fn peak_during<T>(allocator: &Counting, op: &impl Fn() -> T) -> usize {
    let before = allocator.live();
    allocator.reset_peak();
    let out = op();
    let peak = allocator.peak().saturating_sub(before);
    drop(black_box(out));
    peak
}

/// A `DescribeImages` response of about `target` bytes: images with every
/// member filled in, snapshots and tags, escaped and non-ASCII text.
pub(crate) fn describe_images_body(target: usize) -> Vec<u8> {
    let mut images = Vec::new();
    let mut size = 0;
    let mut i = 0u64;
    while size < target {
        let image = json!({
            "ImageId": format!("img-{i:08x}"),
            "OsName": "TencentOS Server 3.1 (TK4)",
            "ImageType": if i.is_multiple_of(3) { "PUBLIC_IMAGE" } else { "PRIVATE_IMAGE" },
            "CreatedTime": "2024-06-01T08:30:00Z",
            "ImageName": format!("web-server-{i}"),
            "ImageDescription": format!("Image {i}: nginx 1.24, \"hardened\" — 已加固\nbuilt by CI"),
            "ImageSize": 50 + i % 200,
            "Architecture": "x86_64",
            "ImageState": "NORMAL",
            "Platform": "TencentOS",
            "ImageCreator": "100000000001",
            "ImageSource": "CREATE_IMAGE",
            "SyncPercent": null,
            "IsSupportCloudinit": true,
            "SnapshotSet": [
                {"SnapshotId": format!("snap-{i:08x}"), "DiskUsage": "SYSTEM_DISK", "DiskSize": 50},
                {"SnapshotId": format!("snap-{:08x}", i + 1), "DiskUsage": "DATA_DISK", "DiskSize": 200},
            ],
            "Tags": [
                {"Key": "team", "Value": "platform"},
                {"Key": "env", "Value": if i.is_multiple_of(2) { "prod" } else { "staging" }},
            ],
            "LicenseType": "TencentCloud",
            "ImageFamily": "web",
            "ImageDeprecated": false,
            "CdcCacheStatus": null,
        });
        size += serde_json::to_string(&image).map_or(0, |s| s.len()) + 1;
        images.push(image);
        i += 1;
    }
    let body = json!({
        "Response": {
            "ImageSet": images,
            "TotalCount": i,
            "RequestId": "6ef60bec-0242-43af-bb20-270359fb54a7",
        }
    });
    serde_json::to_vec(&body).unwrap_or_default()
}
