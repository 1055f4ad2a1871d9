//! GET parameter flattening: a `DescribeInstances`-like request with lists and
//! nested filters, to pairs and to an encoded query string, and back.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use tc_core::query;
use tc_core::tc_model;

/// A filter, as CVM's `Filters` members.
#[tc_model]
pub struct Filter {
    /// The filter's name.
    pub name: String,
    /// Accepted values.
    pub values: Vec<String>,
}

/// A `DescribeInstances`-like request.
#[tc_model]
pub struct Request {
    /// Instances to list.
    pub instance_ids: Vec<String>,
    /// Filters.
    pub filters: Vec<Filter>,
    /// Offset.
    pub offset: Option<u64>,
    /// Limit.
    pub limit: Option<u64>,
    /// Dry run.
    pub dry_run: bool,
}

fn request() -> Request {
    Request {
        instance_ids: (0..12).map(|i| format!("ins-{i:08x}")).collect(),
        filters: vec![
            Filter {
                name: "zone".into(),
                values: vec!["ap-guangzhou-6".into(), "ap-guangzhou-7".into()],
            },
            Filter {
                name: "instance-name".into(),
                values: vec!["web server (prod) & cache".into()],
            },
        ],
        offset: Some(0),
        limit: Some(100),
        dry_run: false,
    }
}

fn flattening(c: &mut Criterion) {
    let request = request();
    let encoded = query::encode(&request).expect("encodes");
    let mut group = c.benchmark_group("query");
    group.bench_function("flatten", |b| {
        b.iter(|| query::flatten(black_box(&request)))
    });
    group.bench_function("encode", |b| b.iter(|| query::encode(black_box(&request))));
    group.bench_function("decode", |b| {
        b.iter(|| query::decode::<Request>(black_box(&encoded)));
    });
    group.finish();
}

criterion_group!(benches, flattening);
criterion_main!(benches);
