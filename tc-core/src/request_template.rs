//! The constant part of an action's requests (URL, signed host, headers),
//! built once per client and action, so that an attempt only clones it and
//! adds its timestamp and signature.

use std::any::TypeId;
use std::collections::HashMap;
use std::sync::{Arc, PoisonError, RwLock};

use bytes::Bytes;
use reqwest::Url;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HOST, HeaderMap, HeaderName, HeaderValue};

use crate::action::{Action, Method};
use crate::endpoint::Endpoint;

const JSON_CONTENT_TYPE: &str = "application/json; charset=utf-8";
const FORM_CONTENT_TYPE: &str = "application/x-www-form-urlencoded";

const X_TC_ACTION: HeaderName = HeaderName::from_static("x-tc-action");
const X_TC_VERSION: HeaderName = HeaderName::from_static("x-tc-version");
const X_TC_TIMESTAMP: HeaderName = HeaderName::from_static("x-tc-timestamp");
const X_TC_TOKEN: HeaderName = HeaderName::from_static("x-tc-token");
const X_TC_REGION: HeaderName = HeaderName::from_static("x-tc-region");
const X_TC_LANGUAGE: HeaderName = HeaderName::from_static("x-tc-language");
const X_TC_REQUEST_CLIENT: HeaderName = HeaderName::from_static("x-tc-requestclient");

/// The headers every request of one client carries, whatever the action.
#[derive(Clone, Debug)]
pub(crate) struct ClientHeaders(HeaderMap);

impl ClientHeaders {
    /// `X-TC-RequestClient`, and `X-TC-Region` and `X-TC-Language` when set.
    ///
    /// # Errors
    /// Names the setting whose value cannot be a header value.
    pub(crate) fn new(
        request_client: &str,
        region: Option<&str>,
        language: Option<&str>,
    ) -> Result<Self, String> {
        let mut headers = HeaderMap::with_capacity(12);
        for (name, setting, value) in [
            (X_TC_REQUEST_CLIENT, "request client", Some(request_client)),
            (X_TC_REGION, "region", region),
            (X_TC_LANGUAGE, "language", language),
        ] {
            if let Some(value) = value {
                let value = HeaderValue::from_str(value)
                    .map_err(|_| format!("{setting} `{value}` is not a valid header value"))?;
                headers.insert(name, value);
            }
        }
        Ok(ClientHeaders(headers))
    }
}

/// What the requests of one action from one client have in common.
#[derive(Debug)]
pub(crate) struct RequestTemplate {
    /// The endpoint, without a query.
    pub(crate) url: Url,
    /// The `Host` value, which the signature covers.
    pub(crate) host: String,
    /// `X-TC-Action` in lower case, as the signature covers it.
    pub(crate) action_lower: String,
    pub(crate) content_type: &'static str,
    /// The HTTP method, which the signature covers.
    pub(crate) method: reqwest::Method,
    headers: HeaderMap,
}

impl RequestTemplate {
    /// The template of action `A` sent as `method` to `endpoint` with
    /// `client`'s headers.
    ///
    /// # Errors
    /// When the endpoint has no valid URL for the service, or a value cannot
    /// be a header value.
    pub(crate) fn new<A: Action>(
        method: Method,
        endpoint: &Endpoint,
        client: &ClientHeaders,
    ) -> Result<Self, String> {
        let target = endpoint.target(A::SERVICE)?;
        let (method, content_type) = match method {
            Method::Post => (reqwest::Method::POST, JSON_CONTENT_TYPE),
            Method::Get => (reqwest::Method::GET, FORM_CONTENT_TYPE),
        };
        let mut headers = client.0.clone();
        headers.insert(HOST, header_value(&target.host)?);
        headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
        headers.insert(X_TC_ACTION, static_header_value(A::NAME)?);
        headers.insert(X_TC_VERSION, static_header_value(A::VERSION)?);
        Ok(RequestTemplate {
            url: target.url,
            host: target.host,
            action_lower: A::NAME.to_ascii_lowercase(),
            content_type,
            method,
            headers,
        })
    }

    /// One attempt's request: the constant headers plus its timestamp,
    /// signature and session token. Both secrets are marked sensitive, so
    /// that the HTTP stack never logs or indexes them.
    ///
    /// # Errors
    /// When the signature or the token cannot be a header value (never the
    /// value itself, which may be secret).
    pub(crate) fn request(
        &self,
        url: Url,
        body: Option<Bytes>,
        timestamp: u64,
        authorization: String,
        token: Option<&str>,
    ) -> Result<reqwest::Request, String> {
        let mut request = reqwest::Request::new(self.method.clone(), url);
        let headers = request.headers_mut();
        *headers = self.headers.clone();
        headers.insert(X_TC_TIMESTAMP, HeaderValue::from(timestamp));
        let mut authorization = HeaderValue::from_maybe_shared(Bytes::from(authorization))
            .map_err(|_| "the Authorization value is not a valid header value".to_owned())?;
        authorization.set_sensitive(true);
        headers.insert(AUTHORIZATION, authorization);
        if let Some(token) = token {
            let mut token = HeaderValue::from_str(token)
                .map_err(|_| "the session token is not a valid header value".to_owned())?;
            token.set_sensitive(true);
            headers.insert(X_TC_TOKEN, token);
        }
        *request.body_mut() = body.map(reqwest::Body::from);
        Ok(request)
    }
}

fn header_value(text: &str) -> Result<HeaderValue, String> {
    HeaderValue::from_str(text).map_err(|_| format!("`{text}` is not a valid header value"))
}

/// A value that points at the static text instead of copying it, so that
/// cloning it for each request costs nothing.
fn static_header_value(text: &'static str) -> Result<HeaderValue, String> {
    header_value(text)?;
    Ok(HeaderValue::from_static(text))
}

/// One client's templates, by action type and method, each made on first use.
#[derive(Debug, Default)]
pub(crate) struct Templates(RwLock<HashMap<(TypeId, Method), Arc<RequestTemplate>>>);

impl Templates {
    /// The template of `A` sent as `method`, made with `make` the first time.
    pub(crate) fn get<A: Action>(
        &self,
        method: Method,
        make: impl FnOnce() -> Result<RequestTemplate, String>,
    ) -> Result<Arc<RequestTemplate>, String> {
        let key = (TypeId::of::<A>(), method);
        if let Some(template) = self
            .0
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&key)
        {
            return Ok(Arc::clone(template));
        }
        let template = Arc::new(make()?);
        Ok(Arc::clone(
            self.0
                .write()
                .unwrap_or_else(PoisonError::into_inner)
                .entry(key)
                .or_insert(template),
        ))
    }
}
