//! Response envelope decoding: a small success, an error envelope, and a
//! `DescribeImages`-like list of about 1 MB, each beside plain serde_json on
//! the same bytes.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use serde::Deserialize;
use tc_core::test_util::envelope;
use tc_core::{CommonCode, tc_model};

/// A snapshot of an image.
#[tc_model]
pub struct Snapshot {
    /// Its id.
    pub snapshot_id: String,
    /// System or data disk.
    pub disk_usage: String,
    /// Size in GB.
    pub disk_size: i64,
}

/// A tag.
#[tc_model]
pub struct Tag {
    /// Key.
    pub key: String,
    /// Value.
    pub value: String,
}

/// An image, with the members of CVM's `Image`.
#[tc_model]
pub struct Image {
    /// Id.
    pub image_id: String,
    /// OS.
    pub os_name: String,
    /// Type.
    pub image_type: String,
    /// Creation time.
    pub created_time: String,
    /// Name.
    pub image_name: String,
    /// Description.
    pub image_description: String,
    /// Size.
    pub image_size: i64,
    /// Architecture.
    pub architecture: String,
    /// State.
    pub image_state: String,
    /// Platform.
    pub platform: String,
    /// Creator.
    pub image_creator: String,
    /// Source.
    pub image_source: String,
    /// Sync progress.
    pub sync_percent: Option<i64>,
    /// Cloud-init support.
    pub is_support_cloudinit: bool,
    /// Snapshots.
    pub snapshot_set: Vec<Snapshot>,
    /// Tags.
    pub tags: Vec<Tag>,
    /// License.
    pub license_type: String,
    /// Family.
    pub image_family: Option<String>,
    /// Deprecated.
    pub image_deprecated: Option<bool>,
}

/// A `DescribeImages`-like answer.
#[tc_model]
pub struct DescribeImagesResponse {
    /// The images.
    pub image_set: Vec<Image>,
    /// How many.
    pub total_count: i64,
    /// The call's id.
    pub request_id: String,
}

/// Plain serde_json's view: the typed envelope in one pass.
#[derive(Deserialize)]
struct Plain {
    #[serde(rename = "Response")]
    response: DescribeImagesResponse,
}

fn body(images: usize) -> Vec<u8> {
    let mut out = String::from(r#"{"Response":{"ImageSet":["#);
    for i in 0..images {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&format!(
            r#"{{"ImageId":"img-{i:08x}","OsName":"TencentOS Server 3.1 (TK4)","ImageType":"PRIVATE_IMAGE","CreatedTime":"2024-06-01T08:30:00Z","ImageName":"web-{i}","ImageDescription":"nginx \"hardened\" \u5df2\u52a0\u56fa\n","ImageSize":50,"Architecture":"x86_64","ImageState":"NORMAL","Platform":"TencentOS","ImageCreator":"100000000001","ImageSource":"CREATE_IMAGE","SyncPercent":null,"IsSupportCloudinit":true,"SnapshotSet":[{{"SnapshotId":"snap-{i:08x}","DiskUsage":"SYSTEM_DISK","DiskSize":50}}],"Tags":[{{"Key":"team","Value":"platform"}}],"LicenseType":"TencentCloud","ImageFamily":"web","ImageDeprecated":false,"CdcCacheStatus":null}}"#
        ));
    }
    out.push_str(&format!(
        r#"],"TotalCount":{images},"RequestId":"6ef60bec-0242-43af-bb20-270359fb54a7"}}}}"#
    ));
    out.into_bytes()
}

const ERROR_BODY: &[u8] = br#"{"Response":{"Error":{"Code":"InvalidImageId.NotFound","Message":"The image img-00000000 does not exist."},"RequestId":"6ef60bec-0242-43af-bb20-270359fb54a7"}}"#;

fn decoding(c: &mut Criterion) {
    let mut group = c.benchmark_group("envelope");
    for images in [2, 1_500] {
        let body = body(images);
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_with_input(BenchmarkId::new("decode", body.len()), &body, |b, body| {
            b.iter(|| {
                envelope::decode::<DescribeImagesResponse, CommonCode>(
                    "DescribeImages",
                    200,
                    black_box(body),
                )
            });
        });
        group.bench_with_input(
            BenchmarkId::new("serde_json", body.len()),
            &body,
            |b, body| {
                b.iter(|| serde_json::from_slice::<Plain>(black_box(body)).map(|p| p.response));
            },
        );
    }
    group.throughput(Throughput::Bytes(ERROR_BODY.len() as u64));
    group.bench_function("decode error envelope", |b| {
        b.iter(|| {
            envelope::decode::<DescribeImagesResponse, CommonCode>(
                "DescribeImages",
                200,
                black_box(ERROR_BODY),
            )
        });
    });
    group.finish();
}

criterion_group!(benches, decoding);
criterion_main!(benches);
