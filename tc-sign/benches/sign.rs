//! TC3 signing of a small POST request: the public API with every
//! intermediate value, the senders' fast path, and its parts.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use tc_sign::{self as sign, DatedKey, Payload, SigningInput, SigningKey, SigningKeyCache};

const HEADERS: [(&str, &str); 3] = [
    ("content-type", "application/json; charset=utf-8"),
    ("host", "cvm.tencentcloudapi.com"),
    ("x-tc-action", "describeimagesharepermission"),
];
const SECRET_ID: &str = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
const SECRET_KEY: &str = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";

fn input() -> SigningInput<'static> {
    SigningInput {
        method: "POST",
        path: "/",
        query: "",
        headers: &HEADERS,
        payload: Payload::Bytes(br#"{"ImageId":"img-6pb6lrmy"}"#),
        timestamp: 1_551_113_065,
        service: "cvm",
    }
}

fn signing(c: &mut Criterion) {
    let input = input();
    let dated = DatedKey::derive(SECRET_KEY, input.timestamp, "cvm");
    let cache = SigningKeyCache::new();
    let mut out = String::new();

    let mut group = c.benchmark_group("sign");
    group.bench_function("sign (derives the key, every intermediate)", |b| {
        b.iter(|| sign::sign(black_box(&input), SECRET_ID, SECRET_KEY));
    });
    group.bench_function("sign_with_key (every intermediate)", |b| {
        b.iter(|| {
            sign::sign_with_key(
                black_box(&input),
                SECRET_ID,
                dated.key(),
                dated.date().to_owned(),
            )
        });
    });
    group.bench_function("write_authorization (key at hand)", |b| {
        b.iter(|| {
            sign::write_authorization(
                &mut out,
                black_box(&input),
                SECRET_ID,
                dated.key(),
                dated.date(),
            )
        });
    });
    group.bench_function("SigningKeyCache::write_authorization (client path)", |b| {
        b.iter(|| cache.write_authorization(&mut out, black_box(&input), SECRET_ID, SECRET_KEY));
    });
    group.bench_function("SigningKeyCache::key (hit)", |b| {
        b.iter(|| cache.key(black_box(SECRET_KEY), input.timestamp, "cvm"));
    });
    group.bench_function("SigningKey::derive", |b| {
        b.iter(|| SigningKey::derive(black_box(SECRET_KEY), "2019-02-25", "cvm"));
    });
    group.finish();
}

criterion_group!(benches, signing);
criterion_main!(benches);
