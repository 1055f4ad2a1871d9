//! The constant part of an action's requests (URL, signed host, headers),
//! built once per client and action, so that an attempt only clones it and
//! adds its timestamp and signature.

use std::any::TypeId;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, PoisonError, RwLock};

use bytes::Bytes;
use reqwest::Url;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HOST, HeaderMap, HeaderName, HeaderValue};

use crate::transport::endpoint::Endpoint;
use crate::transport::op::Op;
use crate::wire::action::Method;
use crate::wire::error::Name;

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
    /// The user's `extra` headers (checked already), `X-TC-RequestClient`,
    /// and `X-TC-Region` and `X-TC-Language` when set.
    ///
    /// # Errors
    /// Names the setting whose value cannot be a header value.
    pub(crate) fn new(
        request_client: &str,
        region: Option<&str>,
        language: Option<&str>,
        extra: HeaderMap,
    ) -> Result<Self, String> {
        let mut headers = extra;
        headers.reserve(12);
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
    /// The template of `op` sent as `method` to `endpoint` with
    /// `client`'s headers.
    ///
    /// # Errors
    /// When the endpoint has no valid URL for the service, or a value cannot
    /// be a header value.
    pub(crate) fn new(
        op: &Op,
        method: Method,
        endpoint: &Endpoint,
        client: &ClientHeaders,
    ) -> Result<Self, String> {
        let target = endpoint.target(&op.service)?;
        let (method, content_type) = match method {
            Method::Post => (reqwest::Method::POST, JSON_CONTENT_TYPE),
            Method::Get => (reqwest::Method::GET, FORM_CONTENT_TYPE),
        };
        let mut headers = client.0.clone();
        headers.insert(HOST, header_value(&target.host)?);
        headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
        headers.insert(X_TC_ACTION, name_header_value(&op.name)?);
        headers.insert(X_TC_VERSION, name_header_value(&op.version)?);
        Ok(RequestTemplate {
            url: target.url,
            host: target.host,
            action_lower: op.name.to_ascii_lowercase(),
            content_type,
            method,
            headers,
        })
    }

    /// One attempt's request: the constant headers, the call's own
    /// (`call`: its trace id and overrides), its timestamp, signature and
    /// session token. Both secrets are marked sensitive, so that the HTTP
    /// stack never logs or indexes them.
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
        call: &HeaderMap,
    ) -> Result<reqwest::Request, String> {
        let mut request = reqwest::Request::new(self.method.clone(), url);
        let headers = request.headers_mut();
        *headers = self.headers.clone();
        for (name, value) in call {
            headers.insert(name, value.clone());
        }
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

/// A declared name's value points at the static text instead of copying it,
/// so that cloning it for each request costs nothing.
fn name_header_value(name: &Name) -> Result<HeaderValue, String> {
    let value = header_value(name)?;
    Ok(match name {
        Cow::Borrowed(text) => HeaderValue::from_static(text),
        Cow::Owned(_) => value,
    })
}

/// What a template is kept under: a typed action's type, or the names of a
/// call by name; and the method.
#[derive(Debug, PartialEq, Eq, Hash)]
enum Key {
    Typed(TypeId, Method),
    Named([String; 3], Method),
}

/// More actions than any program calls by type: the bound only matters for
/// calls by name.
const MAX_TEMPLATES: usize = 4096;

/// One client's templates, by action and method, each made on first use.
#[derive(Debug, Default)]
pub(crate) struct Templates(RwLock<HashMap<Key, Arc<RequestTemplate>>>);

impl Templates {
    /// The template of `op` sent as `method`, made with `make` the first time.
    pub(crate) fn get(
        &self,
        op: &Op,
        method: Method,
        make: impl FnOnce() -> Result<RequestTemplate, String>,
    ) -> Result<Arc<RequestTemplate>, String> {
        let key = match op.type_id {
            Some(type_id) => Key::Typed(type_id, method),
            None => Key::Named(
                [&op.service, &op.version, &op.name].map(|n| n.to_string()),
                method,
            ),
        };
        if let Some(template) = self
            .0
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&key)
        {
            return Ok(Arc::clone(template));
        }
        let template = Arc::new(make()?);
        let mut templates = self.0.write().unwrap_or_else(PoisonError::into_inner);
        // Names come from callers, perhaps from their own users: past this
        // many templates, new ones are made for each call instead of kept.
        if templates.len() >= MAX_TEMPLATES && !templates.contains_key(&key) {
            return Ok(template);
        }
        Ok(Arc::clone(templates.entry(key).or_insert(template)))
    }
}
