//! The baseline of `tc-bench load`: a hand-written reqwest request whose
//! bytes (headers, body and TC3 signature) are built once, before the run,
//! exactly as the SDK's client would build them, and then sent as they are.

use std::time::Duration;

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use tc_core::test_util::REQUEST_CLIENT;
use tc_cvm::DescribeImageSharePermission;
use tc_sign::time::unix_now;
use tc_sign::{self as sign, Payload, SigningInput};

/// A request signed once and sent many times.
pub(crate) struct RawRequest {
    http: reqwest::Client,
    /// The client's default first-byte limit, when the baseline carries the
    /// client's time limits too.
    first_byte_timeout: Option<Duration>,
    url: reqwest::Url,
    headers: HeaderMap,
    body: Bytes,
}

impl RawRequest {
    /// Signs a `DescribeImageSharePermission` request for `endpoint` now, with
    /// `TENCENTCLOUD_SECRET_ID` and `TENCENTCLOUD_SECRET_KEY`. With
    /// `timeouts`, requests carry the client's default time limits (60 s per
    /// request, 30 s to the first byte), to tell their cost apart.
    pub(crate) fn signed(
        endpoint: &str,
        region: &str,
        image_id: &str,
        timeouts: bool,
    ) -> Result<Self, String> {
        let env = |name: &str| std::env::var(name).map_err(|_| format!("{name} is not set"));
        let (secret_id, secret_key) = (
            env("TENCENTCLOUD_SECRET_ID")?,
            env("TENCENTCLOUD_SECRET_KEY")?,
        );
        let url = reqwest::Url::parse(endpoint)
            .map_err(|e| format!("invalid endpoint `{endpoint}`: {e}"))?;
        let host = match (url.host_str(), url.port()) {
            (Some(host), Some(port)) => format!("{host}:{port}"),
            (Some(host), None) => host.to_owned(),
            (None, _) => return Err(format!("endpoint `{endpoint}` has no host")),
        };
        let action = DescribeImageSharePermission {
            image_id: image_id.to_owned(),
        };
        let body = serde_json::to_vec(&action).map_err(|e| e.to_string())?;
        let content_type = "application/json; charset=utf-8";
        let timestamp = unix_now();
        let signed = [
            ("content-type", content_type),
            ("host", host.as_str()),
            ("x-tc-action", "describeimagesharepermission"),
        ];
        let input = SigningInput {
            method: "POST",
            path: "/",
            query: "",
            headers: &signed,
            payload: Payload::Bytes(&body),
            timestamp,
            service: "cvm",
        };
        let authorization = sign::sign(&input, &secret_id, &secret_key).authorization;

        let timestamp = timestamp.to_string();
        let mut headers = HeaderMap::new();
        for (name, value) in [
            ("host", host.as_str()),
            ("content-type", content_type),
            ("x-tc-action", "DescribeImageSharePermission"),
            ("x-tc-version", "2017-03-12"),
            ("x-tc-timestamp", timestamp.as_str()),
            ("x-tc-requestclient", REQUEST_CLIENT),
            ("authorization", authorization.as_str()),
            ("x-tc-region", region),
        ] {
            let value = HeaderValue::from_str(value).map_err(|e| format!("header {name}: {e}"))?;
            headers.insert(HeaderName::from_static(name), value);
        }
        let mut http = reqwest::Client::builder()
            .tcp_nodelay(true)
            .user_agent(REQUEST_CLIENT);
        if timeouts {
            http = http.timeout(Duration::from_secs(60));
        }
        let http = http
            .build()
            .map_err(|e| format!("cannot create the HTTP client: {e}"))?;
        Ok(RawRequest {
            http,
            first_byte_timeout: timeouts.then_some(Duration::from_secs(30)),
            url,
            headers,
            body: Bytes::from(body),
        })
    }

    /// Sends the request once and reads the whole answer; an error status or an
    /// error envelope is a failure.
    pub(crate) async fn send(&self) -> Result<(), String> {
        let send = self
            .http
            .post(self.url.clone())
            .headers(self.headers.clone())
            .body(self.body.clone())
            .send();
        let response = match self.first_byte_timeout {
            None => send.await,
            Some(limit) => tokio::time::timeout(limit, send)
                .await
                .map_err(|_| "no response in time".to_owned())?,
        }
        .map_err(|e| e.to_string())?;
        let status = response.status();
        let body = response.bytes().await.map_err(|e| e.to_string())?;
        if !status.is_success() || contains(&body, b"\"Error\":") {
            return Err(format!("{status}: {}", String::from_utf8_lossy(&body)));
        }
        Ok(())
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
