//! A scripted HTTP server on loopback for client tests: it records every request
//! and answers with the next reply of its script (the last reply repeats).

#![allow(dead_code)] // each test file uses a different part of the support code

pub(crate) mod events;
pub(crate) mod faults;

use std::collections::VecDeque;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

/// One scripted answer.
#[derive(Clone, Debug)]
pub(crate) struct Reply {
    pub status: u16,
    pub body: String,
    pub delay: Duration,
}

impl Reply {
    pub(crate) fn ok(body: &str) -> Self {
        Reply {
            status: 200,
            body: body.to_owned(),
            delay: Duration::ZERO,
        }
    }

    pub(crate) fn status(status: u16, body: &str) -> Self {
        Reply {
            status,
            body: body.to_owned(),
            delay: Duration::ZERO,
        }
    }

    /// `{"Response": {"Error": {...}, "RequestId": id}}` with HTTP 200.
    pub(crate) fn api_error(code: &str, message: &str, request_id: &str) -> Self {
        Reply::ok(&format!(
            r#"{{"Response":{{"Error":{{"Code":"{code}","Message":"{message}"}},"RequestId":"{request_id}"}}}}"#
        ))
    }

    pub(crate) fn delayed(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }
}

/// A request as received.
#[derive(Clone, Debug)]
pub(crate) struct Captured {
    pub method: String,
    pub query: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Captured {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A loopback HTTP server that records each request and answers with what
/// `answer` says; both stand-ins below are this plus their own bookkeeping.
struct HttpStandIn {
    addr: SocketAddr,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for HttpStandIn {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl HttpStandIn {
    async fn start(answer: impl Fn(Captured, &str) -> Reply + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let answer = Arc::new(answer);
        let task = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let answer = Arc::clone(&answer);
                tokio::spawn(async move {
                    let service = service_fn(move |request: Request<hyper::body::Incoming>| {
                        let answer = Arc::clone(&answer);
                        async move {
                            let (parts, body) = request.into_parts();
                            let body = body
                                .collect()
                                .await
                                .map(|b| b.to_bytes().to_vec())
                                .unwrap_or_default();
                            let captured = Captured {
                                method: parts.method.to_string(),
                                query: parts.uri.query().unwrap_or("").to_owned(),
                                headers: parts
                                    .headers
                                    .iter()
                                    .map(|(n, v)| {
                                        (n.to_string(), v.to_str().unwrap_or("").to_owned())
                                    })
                                    .collect(),
                                body,
                            };
                            let reply = answer(captured, parts.uri.path());
                            tokio::time::sleep(reply.delay).await;
                            let mut response = Response::new(Full::new(Bytes::from(reply.body)));
                            *response.status_mut() =
                                hyper::StatusCode::from_u16(reply.status).unwrap();
                            Ok::<_, Infallible>(response)
                        }
                    });
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        HttpStandIn { addr, task }
    }

    fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }
}

pub(crate) struct Scripted {
    pub addr: SocketAddr,
    captured: Arc<Mutex<Vec<Captured>>>,
    _server: HttpStandIn,
}

impl Scripted {
    pub(crate) fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub(crate) fn requests(&self) -> Vec<Captured> {
        self.captured.lock().unwrap().clone()
    }
}

pub(crate) async fn scripted(replies: Vec<Reply>) -> Scripted {
    let captured = Arc::new(Mutex::new(Vec::new()));
    let script = Mutex::new(VecDeque::from(replies));
    let log = Arc::clone(&captured);
    let server = HttpStandIn::start(move |request, _path| {
        log.lock().unwrap().push(request);
        let mut script = script.lock().unwrap();
        let next = if script.len() > 1 {
            script.pop_front()
        } else {
            script.front().cloned()
        };
        next.unwrap_or_else(|| Reply::status(500, "script is empty"))
    })
    .await;
    Scripted {
        addr: server.addr,
        captured,
        _server: server,
    }
}

/// TC3 written out again from the published algorithm, independently of
/// `tc_sign`, to check what the client sent.
pub(crate) fn independent_signature(
    secret_key: &str,
    captured: &Captured,
    signed_headers: &str,
) -> String {
    independent_signature_for("cvm", secret_key, captured, signed_headers)
}

/// [`independent_signature`] for a request signed for `service`.
pub(crate) fn independent_signature_for(
    service: &str,
    secret_key: &str,
    captured: &Captured,
    signed_headers: &str,
) -> String {
    use hmac::{Hmac, KeyInit, Mac};
    use sha2::{Digest, Sha256};
    fn mac(key: &[u8], data: &str) -> Vec<u8> {
        let mut m = <Hmac<Sha256> as KeyInit>::new_from_slice(key).unwrap();
        m.update(data.as_bytes());
        m.finalize().into_bytes().to_vec()
    }
    let timestamp: u64 = captured.header("x-tc-timestamp").unwrap().parse().unwrap();
    let date = {
        let days = timestamp / 86_400;
        // Civil date by counting years and months: slow and obvious on purpose.
        let (mut y, mut d) = (1970u64, days);
        let leap =
            |y: u64| (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
        while d >= if leap(y) { 366 } else { 365 } {
            d -= if leap(y) { 366 } else { 365 };
            y += 1;
        }
        let months = [
            31,
            if leap(y) { 29 } else { 28 },
            31,
            30,
            31,
            30,
            31,
            31,
            30,
            31,
            30,
            31,
        ];
        let mut m = 0;
        while d >= months[m] {
            d -= months[m];
            m += 1;
        }
        format!("{y:04}-{:02}-{:02}", m + 1, d + 1)
    };
    let mut canonical_headers = String::new();
    for name in signed_headers.split(';') {
        let value = captured.header(name).unwrap().trim().to_lowercase();
        canonical_headers.push_str(&format!("{name}:{value}\n"));
    }
    let canonical = format!(
        "{}\n/\n{}\n{}\n{}\n{}",
        captured.method,
        captured.query,
        canonical_headers,
        signed_headers,
        hex::encode(Sha256::digest(&captured.body))
    );
    let to_sign = format!(
        "TC3-HMAC-SHA256\n{timestamp}\n{date}/{service}/tc3_request\n{}",
        hex::encode(Sha256::digest(canonical.as_bytes()))
    );
    let k = mac(format!("TC3{secret_key}").as_bytes(), &date);
    let k = mac(&k, service);
    let k = mac(&k, "tc3_request");
    hex::encode(mac(&k, &to_sign))
}

/// Sends one hand-made HTTP/1.1 request and returns the status and JSON body,
/// for requests the client would never produce (bad signatures, old times).
pub(crate) async fn raw_request(
    addr: SocketAddr,
    method: &str,
    path_and_query: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, serde_json::Value) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let mut head = format!("{method} {path_and_query} HTTP/1.1\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("host")) {
        head.push_str(&format!("Host: {addr}\r\n"));
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    ));
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(body).await.unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.unwrap();
    let text = String::from_utf8(response).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (
        status,
        serde_json::from_str(body).unwrap_or(serde_json::Value::Null),
    )
}

/// A stand-in for the CVM metadata service: answers each GET with what
/// `answer` gives for its path, and records the paths asked.
pub(crate) struct MetadataStandIn {
    paths: Arc<Mutex<Vec<String>>>,
    server: HttpStandIn,
}

impl MetadataStandIn {
    pub(crate) fn endpoint(&self) -> String {
        self.server.endpoint()
    }

    /// The paths asked so far, in order.
    pub(crate) fn paths(&self) -> Vec<String> {
        self.paths.lock().unwrap().clone()
    }
}

/// The path listing the instance's role.
pub(crate) const ROLE_LIST_PATH: &str = "/latest/meta-data/cam/security-credentials/";

pub(crate) async fn metadata_stand_in(
    answer: impl Fn(&str) -> (u16, String) + Send + Sync + 'static,
) -> MetadataStandIn {
    let paths = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&paths);
    let server = HttpStandIn::start(move |_request, path| {
        log.lock().unwrap().push(path.to_owned());
        let (status, body) = answer(path);
        Reply::status(status, &body)
    })
    .await;
    MetadataStandIn { paths, server }
}

/// A metadata service whose instance has `role`, answering with
/// [`role_answer`] for it and 404 for any other path.
pub(crate) async fn role_metadata(
    role: &'static str,
    secret_id: &'static str,
    secret_key: &'static str,
    token: &'static str,
    lifetime: u64,
) -> MetadataStandIn {
    metadata_stand_in(move |path| match path.strip_prefix(ROLE_LIST_PATH) {
        Some("") => (200, role.to_owned()),
        Some(asked) if asked == role => (200, role_answer(secret_id, secret_key, token, lifetime)),
        _ => (404, "not found".to_owned()),
    })
    .await
}

/// The metadata service's answer for a role: credentials valid `lifetime`
/// seconds from now.
pub(crate) fn role_answer(secret_id: &str, secret_key: &str, token: &str, lifetime: u64) -> String {
    let expired = tc_sign::time::unix_now() + lifetime;
    serde_json::json!({
        "TmpSecretId": secret_id,
        "TmpSecretKey": secret_key,
        "Token": token,
        "ExpiredTime": expired,
        "Expiration": tc_sign::time::utc_iso8601(expired),
        "Code": "Success",
    })
    .to_string()
}

/// The seed call of the client tests: one image's share permissions.
pub(crate) fn describe_image() -> tc_cvm::DescribeImageSharePermission {
    tc_cvm::DescribeImageSharePermission {
        image_id: "img-6pb6lrmy".into(),
    }
}

/// Retries that wait 5 ms, so that a test of retrying takes no time.
pub(crate) fn fast_retries() -> tc_core::RetryConfig {
    tc_core::RetryConfig::default()
        .with_initial_backoff(Duration::from_millis(5), Duration::from_millis(5))
}

/// A loopback URL where nothing listens: connections are refused at once.
pub(crate) fn closed_port_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    format!("http://{addr}")
}

/// A fresh, empty directory under the system's temporary directory.
pub(crate) fn temp_dir(label: &str) -> std::path::PathBuf {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("tc-tests-{label}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes `text` as `home/.tencentcloud/credentials` and returns its path.
pub(crate) fn write_profile_file(home: &std::path::Path, text: &str) -> std::path::PathBuf {
    let dir = home.join(".tencentcloud");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("credentials");
    std::fs::write(&path, text).unwrap();
    path
}

/// `target/<profile>/examples/<name>`, beside this test's `deps` directory
/// (`cargo test --workspace` builds every example).
pub(crate) fn example_binary(name: &str) -> std::path::PathBuf {
    let exe = std::env::current_exe().unwrap();
    let profile_dir = exe.parent().and_then(|deps| deps.parent()).unwrap();
    let path = profile_dir
        .join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.exists(),
        "{} is not built: run `cargo test --workspace` (or `cargo build --examples`) first",
        path.display()
    );
    path
}

/// The kind of a transport error; any other error fails the test.
pub(crate) fn transport_kind(error: &tc_core::Error) -> tc_core::TransportErrorKind {
    match error {
        tc_core::Error::Transport(e) => e.kind(),
        other => panic!("expected a transport error, got {other:?}"),
    }
}
