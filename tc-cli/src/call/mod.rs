//! `tc <service> <Action> ...`: the parameters built and checked, then the
//! call sent through tc-core's call by name (signing, retries, rate limits),
//! once, page after page (`--all-pages`) or until a state (`--waiter`).

mod pages;
mod waiter;

use std::io::Read as _;
use std::num::NonZeroU32;
use std::path::Path;
use std::time::Duration;

use serde_json::Value;
use tc_core::{Client, ClientBuilder};

use crate::cli::Globals;
use crate::config::Settings;
use crate::failure::Failure;
use crate::output;
use crate::params::{self, Input};
use crate::schema::Catalog;

/// One action to call, resolved against the schema.
pub(crate) struct Target<'a> {
    pub service: &'a str,
    pub version: String,
    pub action: &'a str,
}

/// Runs a call and returns what to print.
pub(crate) async fn run(catalog: &Catalog, call: &crate::cli::Call) -> Result<String, Failure> {
    let globals = &call.globals;
    let settings = Settings::resolve(globals)?;
    let version = globals.get("version").map(str::to_owned).or_else(|| {
        // The profile's version for the service, when we have it.
        let v = settings.profile.service(&call.service, "version")?;
        catalog
            .versions(&call.service)
            .any(|e| e.version == v)
            .then(|| v.to_owned())
    });
    let entry = catalog.entry(&call.service, version.as_deref())?;
    let schema = catalog.version(entry)?;
    let action = schema.action(&call.service, &call.action)?;

    if globals.switch("generate-cli-skeleton") {
        return Ok(output::json(&params::skeleton(action, &schema)));
    }
    let base = globals
        .get("cli-input-json")
        .map(read_input_json)
        .transpose()?;
    let params = params::build(
        &Input {
            params: &call.params,
            unfold: globals.switch("cli-unfold-argument"),
            base,
        },
        action,
        &schema,
    )?;
    params::check(&params, action, &schema)?;
    let filter = globals.get("filter").map(output::Filter::new).transpose()?;
    let waiter = globals
        .get("waiter")
        .map(|w| waiter::Waiter::parse(w, &settings.profile))
        .transpose()?;
    if globals.switch("all-pages") && action.paging.is_none() {
        return Err(Failure::Other(format!(
            "--all-pages: {} does not page (or its paging pattern is not a recognised one)",
            call.action
        )));
    }

    if waiter.is_some() && globals.switch("all-pages") {
        return Err(Failure::Other(
            "--waiter and --all-pages cannot be combined".to_owned(),
        ));
    }

    // The action's declared rate limit holds across pages and waits.
    let rate = action.rate.and_then(NonZeroU32::new);
    let client = client(&settings, globals, &call.service)?
        .rate_limit_by_name(call.service.clone(), call.action.clone(), rate)
        .build()?;
    let target = Target {
        service: &call.service,
        version: entry.version.clone(),
        action: &call.action,
    };
    let sender = Sender {
        client: &client,
        target: &target,
        language: globals
            .get("language")
            .or_else(|| settings.profile.sys_param("language")),
    };
    let answer = match (&waiter, &action.paging) {
        (Some(waiter), _) => waiter.run(&sender, params).await?,
        (None, Some(paging)) if globals.switch("all-pages") => {
            pages::all(&sender, paging, params).await?
        }
        _ => sender.send(params).await?,
    };
    let shown = match &filter {
        Some(filter) => filter.apply(&answer)?,
        None => answer,
    };
    Ok(output::render(&shown, &settings.output, &call.action))
}

/// Sends one call of the target with this command's per-call settings.
pub(crate) struct Sender<'a> {
    client: &'a Client,
    target: &'a Target<'a>,
    /// `--language`, else the profile's.
    language: Option<&'a str>,
}

impl Sender<'_> {
    pub(crate) async fn send(&self, params: Value) -> Result<Value, Failure> {
        let t = self.target;
        let mut call = self
            .client
            .call_json(t.service, t.version.clone(), t.action, params);
        if let Some(language) = self.language {
            call = call.language(language);
        }
        Ok(call.send().await?)
    }
}

/// The client's builder: region and credentials from the settings, the
/// endpoint and time limit from the command line or the profile.
fn client(settings: &Settings, globals: &Globals, service: &str) -> Result<ClientBuilder, Failure> {
    let mut builder = settings
        .client_builder()
        .request_client_suffix(concat!("tc-cli/", env!("CARGO_PKG_VERSION")));
    let endpoint = globals
        .get("endpoint")
        .or_else(|| settings.profile.service(service, "endpoint"));
    if let Some(endpoint) = endpoint {
        builder = builder.endpoint(endpoint_url(endpoint));
    }
    if let Some(timeout) = globals.get("timeout") {
        let seconds = timeout
            .trim()
            .parse::<f64>()
            .ok()
            .and_then(|s: f64| Duration::try_from_secs_f64(s).ok())
            .filter(|d| !d.is_zero() && *d <= MAX_TIMEOUT)
            .ok_or_else(|| {
                format!("--timeout {timeout}: give a number of seconds above 0, at most a day")
            })?;
        // tccli's timeout bounds the whole answer, so it is the limit on the
        // first byte as well as on the attempt.
        builder = builder.timeout(seconds).first_byte_timeout(seconds);
    }
    Ok(builder)
}

/// The longest `--timeout` taken: longer waits are a mistake, not a plan.
const MAX_TIMEOUT: Duration = Duration::from_secs(24 * 60 * 60);

/// tccli takes a host name (`cvm.tencentcloudapi.com`, sent over https) or
/// a URL.
fn endpoint_url(endpoint: &str) -> String {
    if endpoint.contains("://") {
        endpoint.to_owned()
    } else {
        format!("https://{endpoint}")
    }
}

/// The largest `--cli-input-json` file read: the largest body a request may
/// have.
const MAX_INPUT_FILE: u64 = 10 << 20;

/// A regular file of at most [`MAX_INPUT_FILE`] bytes, as text: a device or
/// a pipe would never end.
fn read_input_file(path: &Path) -> Result<String, String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let meta = file.metadata().map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("not a regular file".to_owned());
    }
    let mut text = String::new();
    file.take(MAX_INPUT_FILE + 1)
        .read_to_string(&mut text)
        .map_err(|e| e.to_string())?;
    if text.len() as u64 > MAX_INPUT_FILE {
        return Err("larger than 10 MiB".to_owned());
    }
    Ok(text)
}

/// `--cli-input-json`: JSON text, or `file://PATH` holding it.
fn read_input_json(text: &str) -> Result<Value, Failure> {
    let text = match text.strip_prefix("file://") {
        Some(path) => read_input_file(Path::new(path))
            .map_err(|e| format!("--cli-input-json: cannot read {path}: {e}"))?,
        None => text.to_owned(),
    };
    serde_json::from_str(&text)
        .map_err(|e| Failure::Other(format!("--cli-input-json: not valid JSON ({e})")))
}
