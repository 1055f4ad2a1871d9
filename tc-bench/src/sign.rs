//! `tc-bench sign`: signing a small POST request, against the bare SHA-256 and
//! HMAC work that the signature needs, both timed in the same run.

use std::hint::black_box;

use hmac::{Hmac, KeyInit, Mac};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use tc_sign::time::utc_date;
use tc_sign::{self as sign, DatedKey, Payload, SigningInput, SigningKey, SigningKeyCache};

use crate::args::Args;
use crate::measure::{interleaved, ratio, round};

/// The options `sign` accepts.
pub(crate) const OPTIONS: &[&str] = &["rounds"];

/// A `DescribeImageSharePermission` call, as the client signs it.
pub(crate) struct Fixture {
    body: Vec<u8>,
    headers: [(&'static str, &'static str); 3],
    timestamp: u64,
    secret_id: &'static str,
    secret_key: &'static str,
}

impl Fixture {
    /// The request the client sends for `DescribeImageSharePermission`.
    pub(crate) fn describe_image_share_permission() -> Self {
        Fixture {
            body: br#"{"ImageId":"img-6pb6lrmy"}"#.to_vec(),
            headers: [
                ("content-type", "application/json; charset=utf-8"),
                ("host", "cvm.tencentcloudapi.com"),
                ("x-tc-action", "describeimagesharepermission"),
            ],
            timestamp: 1_551_113_065,
            secret_id: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
            secret_key: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
        }
    }

    /// What is signed.
    pub(crate) fn input(&self) -> SigningInput<'_> {
        SigningInput {
            method: "POST",
            path: "/",
            query: "",
            headers: &self.headers,
            payload: Payload::Bytes(&self.body),
            timestamp: self.timestamp,
            service: "cvm",
        }
    }
}

/// The hashing a signature needs, on inputs prepared in advance: no text is
/// built and nothing is hex-encoded.
struct BareHashing {
    body: Vec<u8>,
    canonical_request: Vec<u8>,
    string_to_sign: Vec<u8>,
    secret: Vec<u8>,
    date: Vec<u8>,
    key: [u8; 32],
}

impl BareHashing {
    fn new(fixture: &Fixture) -> Self {
        let signature = sign::sign(&fixture.input(), fixture.secret_id, fixture.secret_key);
        let k_date = hmac(
            format!("TC3{}", fixture.secret_key).as_bytes(),
            signature.date.as_bytes(),
        );
        let k_service = hmac(&k_date, b"cvm");
        BareHashing {
            body: fixture.body.clone(),
            canonical_request: signature.canonical_request.into_bytes(),
            string_to_sign: signature.string_to_sign.into_bytes(),
            secret: format!("TC3{}", fixture.secret_key).into_bytes(),
            date: signature.date.into_bytes(),
            key: hmac(&k_service, b"tc3_request"),
        }
    }

    /// Hash the body, hash the canonical request, HMAC the string to sign.
    fn with_key(&self) -> [u8; 32] {
        let body = Sha256::digest(&self.body);
        let request = Sha256::digest(&self.canonical_request);
        let mut mac = hmac(&self.key, &self.string_to_sign);
        mac[0] ^= body[0] ^ request[0];
        mac
    }

    /// As [`with_key`](Self::with_key), plus the three HMACs that derive the key.
    fn deriving_key(&self) -> [u8; 32] {
        let k_date = hmac(&self.secret, &self.date);
        let k_service = hmac(&k_date, b"cvm");
        let key = hmac(&k_service, b"tc3_request");
        let body = Sha256::digest(&self.body);
        let request = Sha256::digest(&self.canonical_request);
        let mut mac = hmac(&key, &self.string_to_sign);
        mac[0] ^= body[0] ^ request[0];
        mac
    }
}

fn hmac(key: &[u8], data: &[u8]) -> [u8; 32] {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("any key length");
    mac.update(data);
    mac.finalize().into_bytes().into()
}

/// Runs the measurement and returns the report.
pub(crate) fn run(args: &Args) -> Result<Value, String> {
    let rounds: usize = args.number("rounds", 15)?;
    let fixture = Fixture::describe_image_share_permission();
    let input = fixture.input();
    let bare = BareHashing::new(&fixture);
    let date = utc_date(fixture.timestamp);
    let key = SigningKey::derive(fixture.secret_key, &date, "cvm");
    let cache = SigningKeyCache::new();
    let mut out = String::new();
    let mut reused = String::new();

    let times = interleaved(
        rounds,
        &mut [
            // What the client does for each attempt: key from its cache, the
            // value written into a reused buffer.
            &mut || {
                cache.write_authorization(&mut out, &input, fixture.secret_id, fixture.secret_key);
                black_box(&out);
            },
            &mut || {
                black_box(bare.with_key());
            },
            // Everything from scratch, key derivation included.
            &mut || {
                let key = DatedKey::derive(fixture.secret_key, fixture.timestamp, "cvm");
                sign::write_authorization(
                    &mut reused,
                    &input,
                    fixture.secret_id,
                    key.key(),
                    key.date(),
                );
                black_box(&reused);
            },
            &mut || {
                black_box(bare.deriving_key());
            },
            // The public API that keeps every intermediate value.
            &mut || {
                black_box(sign::sign_with_key(
                    &input,
                    fixture.secret_id,
                    &key,
                    date.clone(),
                ));
            },
            &mut || {
                black_box(sign::sign(&input, fixture.secret_id, fixture.secret_key));
            },
        ],
    );
    let [client, baseline, cold, cold_baseline, with_key, full] = times[..] else {
        unreachable!("six operations timed");
    };
    Ok(json!({
        "ns_per_op": round(client, 1),
        "baseline_ns_per_op": round(baseline, 1),
        "ratio": ratio(client, baseline),
        "cold_ns_per_op": round(cold, 1),
        "cold_baseline_ns_per_op": round(cold_baseline, 1),
        "cold_ratio": ratio(cold, cold_baseline),
        "sign_with_key_ns_per_op": round(with_key, 1),
        "sign_with_key_ratio": ratio(with_key, baseline),
        "sign_ns_per_op": round(full, 1),
        "sign_ratio": ratio(full, cold_baseline),
        "body_bytes": fixture.body.len(),
        "rounds": rounds,
    }))
}
