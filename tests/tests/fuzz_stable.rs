//! Fuzzing on stable Rust: each property of `tc_tests::fuzz` (the ones the
//! cargo-fuzz targets check, and those no target has) run on inputs mutated
//! from seeds, a bounded number of cases per target (`TC_FUZZ_CASES`,
//! default 2,000) from a fixed seed (`TC_FUZZ_SEED`), so a failure replays.
//! And tc-mock's request path: raw, mangled HTTP requests never stop it
//! answering. `cargo fuzz` (nightly) remains for open-ended runs.

use std::path::Path;
use std::time::Duration;

use tc_cvm::DescribeImageSharePermission;
use tc_mock::MockServer;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

fn cases() -> usize {
    std::env::var("TC_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000)
}

fn rng(target: &str) -> fastrand::Rng {
    let seed: u64 = std::env::var("TC_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(23);
    let salt = target
        .bytes()
        .fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)));
    fastrand::Rng::with_seed(seed ^ salt)
}

/// The committed corpus of a cargo-fuzz target, if it has one.
fn corpus(target: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/corpus")
        .join(target);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .map(|entry| std::fs::read(entry.unwrap().path()).unwrap())
        .collect()
}

/// Bytes that matter to the formats under test.
const TOKENS: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b"\"",
    b":",
    b",",
    b"\\",
    b"\\u0000",
    b"null",
    b"true",
    b"-0",
    b"1e999",
    b"\"253\"",
    b"\r\n",
    b"\r",
    b"\n",
    b"\n\n",
    b"data:",
    b": ping",
    b"event:",
    b"\xEF\xBB\xBF",
    b"=",
    b"&",
    b"%",
    b"%zz",
    b"[default]",
    b"#",
    b";",
    b"'",
    b"Response",
    b"RequestId",
    b"Error",
    b"Credential=",
    b"SignedHeaders=",
    b"Signature=",
    b"/tc3_request",
    b"\xff",
    b"\xc3",
];

/// One mutation of `input`: flips, inserts, deletes, splices tokens.
fn mutate(rng: &mut fastrand::Rng, seeds: &[Vec<u8>], input: &mut Vec<u8>) {
    for _ in 0..rng.usize(1..=4) {
        let at = rng.usize(0..=input.len());
        match rng.u8(0..6) {
            0 if !input.is_empty() => {
                let i = rng.usize(0..input.len());
                input[i] ^= 1 << rng.u8(0..8);
            }
            1 => input
                .splice(at..at, TOKENS[rng.usize(0..TOKENS.len())].iter().copied())
                .for_each(drop),
            2 if at < input.len() => {
                let end = rng.usize(at..=input.len().min(at + 16));
                input.drain(at..end);
            }
            3 if !seeds.is_empty() => {
                let other = &seeds[rng.usize(0..seeds.len())];
                let from = rng.usize(0..=other.len());
                let to = rng.usize(from..=other.len());
                input
                    .splice(at..at, other[from..to].iter().copied())
                    .for_each(drop);
            }
            4 => input.truncate(at),
            _ => input.insert(at, rng.u8(..)),
        }
    }
}

fn run(target: &str, extra_seeds: &[&[u8]], check: fn(&[u8])) {
    let mut seeds = corpus(target);
    seeds.extend(extra_seeds.iter().map(|s| s.to_vec()));
    assert!(!seeds.is_empty());
    for seed in &seeds {
        check(seed);
    }
    let mut rng = rng(target);
    for _ in 0..cases() {
        let mut input = seeds[rng.usize(0..seeds.len())].clone();
        mutate(&mut rng, &seeds, &mut input);
        check(&input);
    }
}

#[test]
fn envelope_decoder() {
    run(
        "decode_envelope",
        &[br#"{"Response":{"TotalCount":"2","ImageSet":[{"ImageId":"img-1","ImageSize":"50"}],"RequestId":"r"}}"#],
        tc_tests::fuzz::decode_envelope,
    );
}

#[test]
fn get_query_reader() {
    run(
        "query",
        &[b"InstanceIds.0=ins-1&Filters.0.Name=zone&Filters.0.Values.0=ap-guangzhou-3&Limit=20"],
        tc_tests::fuzz::query_roundtrip,
    );
}

#[test]
fn sse_decoder() {
    run(
        "sse",
        &[
            b"data: {\"a\":1}\n\n: ping\n\ndata: x\r\ndata: y\r\n\r\nevent: e\nid: 1\nretry: 5\ndata:z",
            b"\xEF\xBB\xBFdata:first\r\rdata: second\n\n",
            b"data: 0123456789012345678901234567890123456789012345678901234567890123456789\n\n",
        ],
        tc_tests::fuzz::sse_splits,
    );
}

#[test]
fn ini_parser() {
    run(
        "ini",
        &[
            b"[default]\nsecret_id = AKID$\nsecret_key = \"$ # x\" ; c\n\n[ci] # ci\ntoken=$\n",
            b"\xEF\xBB\xBF; comment\n# c\n[a]\nk=v\n[b]\n k = 'v' \n",
        ],
        tc_tests::fuzz::ini_parse,
    );
}

#[test]
fn authorization_parser() {
    run(
        "authorization",
        &[
            b"TC3-HMAC-SHA256 Credential=AKIDx/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c",
            b"Credential=a/b/c/tc3_request,SignedHeaders=h,Signature=0000000000000000000000000000000000000000000000000000000000000000",
        ],
        tc_tests::fuzz::authorization,
    );
}

/// A POST of `body` to `addr`, signed for `AKIDfuzz` now, as raw bytes.
fn signed_request(addr: &str, body: &[u8]) -> Vec<u8> {
    use tc_sign::{Payload, SigningInput, sign};
    let timestamp = tc_sign::time::unix_now();
    let input = SigningInput {
        method: "POST",
        path: "/",
        query: "",
        headers: &[("content-type", "application/json"), ("host", addr)],
        payload: Payload::Bytes(body),
        timestamp,
        service: "cvm",
    };
    let authorization = sign(&input, "AKIDfuzz", "fuzz-key").authorization;
    let mut request = format!(
        "POST / HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nX-TC-Action: DescribeImageSharePermission\r\nX-TC-Version: 2017-03-12\r\nX-TC-Timestamp: {timestamp}\r\nAuthorization: {authorization}\r\nConnection: close\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    request.extend_from_slice(body);
    request
}

/// Sends `input` raw and reads the answer to its end, within 5 s; with
/// `half_close`, the sending side is shut first (a mangled request may never
/// say where it ends), which the endpoint may take as the end of the talk.
async fn exchange(mock: &MockServer, input: &[u8], half_close: bool) -> Vec<u8> {
    let mut stream = TcpStream::connect(mock.addr()).await.unwrap();
    let _ = stream.write_all(input).await;
    if half_close {
        let _ = stream.shutdown().await;
    }
    let mut answer = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut answer)).await;
    assert!(
        read.is_ok(),
        "tc-mock held a connection open: {:?}",
        String::from_utf8_lossy(input)
    );
    answer
}

/// Mangled requests sent raw: every other case a signed request's head and
/// body mutated together (the parser and the signature check), the others
/// only its body, signed again afterwards, so that routing and parameter
/// decoding see it. tc-mock answers or closes each, never stops, and a
/// proper request still works after all of them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tc_mock_request_path() {
    let mock = MockServer::builder()
        .credential("AKIDfuzz", "fuzz-key")
        .read_timeouts(Duration::from_millis(300), Duration::from_millis(300))
        .start()
        .await
        .unwrap();
    let addr = mock.addr().to_string();
    let body = br#"{"ImageId":"img-6pb6lrmy"}"#.to_vec();
    let seeds = vec![signed_request(&addr, &body)];
    let bodies = vec![body];
    let mut rng = rng("tc_mock");
    let cases = (cases() / 10).max(50);
    let mut past_the_signature = 0;
    for case in 0..cases {
        if case % 2 == 0 {
            let mut input = seeds[0].clone();
            mutate(&mut rng, &seeds, &mut input);
            exchange(&mock, &input, true).await;
        } else {
            let mut body = bodies[0].clone();
            mutate(&mut rng, &bodies, &mut body);
            let answer = exchange(&mock, &signed_request(&addr, &body), false).await;
            let answer = String::from_utf8_lossy(&answer);
            assert!(
                answer.starts_with("HTTP/1.1 200") && !answer.contains("AuthFailure"),
                "a signed request was not answered past the signature check: {answer}"
            );
            past_the_signature += 1;
        }
    }
    assert!(past_the_signature >= cases / 2);
    let client = mock.client_builder().build().unwrap();
    client
        .send(DescribeImageSharePermission {
            image_id: "img-6pb6lrmy".into(),
        })
        .await
        .unwrap();
}
