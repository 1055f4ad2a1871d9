//! `tc-mock`: serves the local endpoint until killed.
//!
//! ```text
//! tc-mock [--listen 127.0.0.1:PORT] --secret-id ID --secret-key KEY [--secret-id ID --secret-key KEY ...]
//!         [--scenario FILE] [--request-log-limit N]
//! ```
//! Prints `listening on http://ADDR` once ready. `--scenario FILE` scripts
//! the answers of the actions it names (see `tc_mock::Scenario`); the others
//! get their specs' example. A scenario file that cannot be used is named on
//! stderr with its line and member or rule, exit 2. `--listen` defaults to
//! `127.0.0.1:0` (a free loopback port); an address off loopback is
//! allowed, with a warning, since anyone who can reach it can call the
//! endpoint with the keys it accepts. It remembers only the last
//! `--request-log-limit` requests (default 10 000), so its memory stays flat
//! however long it serves.

use std::io::Write as _;
use std::net::SocketAddr;
use std::process::ExitCode;

use tc_mock::{MockServer, Scenario};

const USAGE: &str = "usage: tc-mock [--listen ADDR] --secret-id ID --secret-key KEY [--secret-id ID --secret-key KEY ...] [--scenario FILE] [--request-log-limit N]";

struct Args {
    listen: SocketAddr,
    credentials: Vec<(String, String)>,
    scenario: Option<String>,
    request_log_limit: Option<usize>,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut listen = None;
    let mut ids = Vec::new();
    let mut keys = Vec::new();
    let mut scenario = None;
    let mut request_log_limit = None;
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--listen" => {
                let text = value()?;
                listen = Some(text.parse().map_err(|_| {
                    format!("--listen `{text}` is not an address such as 127.0.0.1:9000")
                })?);
            }
            "--secret-id" => ids.push(value()?),
            "--secret-key" => keys.push(value()?),
            "--scenario" => scenario = Some(value()?),
            "--share-quota" | "--owner-account" => {
                return Err(format!(
                    "{flag} set up CVM image sharing with state, which tc-mock no longer serves \
                     (it is tc_emulator::cvm::ImageSharing, for Rust tests); script answers with --scenario FILE"
                ));
            }
            "--request-log-limit" => request_log_limit = Some(number(&flag, value()?)?),
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    let listen = listen.unwrap_or(SocketAddr::from(([127, 0, 0, 1], 0)));
    if ids.is_empty() || ids.len() != keys.len() {
        return Err("give one --secret-key for each --secret-id (at least one pair)".to_owned());
    }
    Ok(Args {
        listen,
        credentials: ids.into_iter().zip(keys).collect(),
        scenario,
        request_log_limit,
    })
}

/// The warning for an address off loopback, where anyone who can reach it
/// can call the endpoint.
fn off_loopback(listen: SocketAddr) -> Option<String> {
    (!listen.ip().is_loopback()).then(|| {
        format!(
            "listening on {listen}, not a loopback address: anyone who can reach it can call this endpoint"
        )
    })
}

fn number(flag: &str, text: String) -> Result<usize, String> {
    text.parse()
        .map_err(|_| format!("{flag} `{text}` is not a number"))
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("tc-mock: {message}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    if let Some(warning) = off_loopback(args.listen) {
        eprintln!("tc-mock: warning: {warning}");
    }
    let mut builder = MockServer::builder().listen(args.listen);
    if let Some(path) = &args.scenario {
        match Scenario::from_file(path) {
            Ok(scenario) => builder = builder.scenario(scenario),
            Err(e) => {
                eprintln!("tc-mock: scenario {e}");
                return ExitCode::from(2);
            }
        }
    }
    if let Some(limit) = args.request_log_limit {
        builder = builder.request_log_limit(limit);
    }
    for (id, key) in args.credentials {
        builder = builder.credential(id, key);
    }
    let mock = match builder.start().await {
        Ok(mock) => mock,
        Err(e) => {
            eprintln!("tc-mock: cannot listen on {}: {e}", args.listen);
            return ExitCode::from(1);
        }
    };
    println!("listening on {}", mock.endpoint());
    let _ = std::io::stdout().flush();
    // Serve until interrupted or killed: the signal's default action ends the
    // process. No handler, so that tokio's `signal` feature stays out of the
    // build of an application that has tc-mock as a dev-dependency.
    std::future::pending().await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Result<Args, String> {
        parse_args(list.iter().map(|s| (*s).to_owned()))
    }

    #[test]
    fn loopback_is_the_default_and_elsewhere_is_warned_about() {
        let parsed = args(&["--secret-id", "AKID", "--secret-key", "k"]).unwrap();
        assert_eq!(parsed.listen, SocketAddr::from(([127, 0, 0, 1], 0)));
        assert_eq!(off_loopback(parsed.listen), None);
        let anywhere = args(&[
            "--listen",
            "0.0.0.0:9000",
            "--secret-id",
            "AKID",
            "--secret-key",
            "k",
        ])
        .unwrap();
        let warning = off_loopback(anywhere.listen).unwrap();
        assert!(warning.contains("0.0.0.0:9000"), "{warning}");
        assert_eq!(off_loopback("[::1]:9000".parse().unwrap()), None);
        assert!(args(&["--listen", "nowhere"]).is_err());
    }

    #[test]
    fn a_scenario_file_is_taken_and_the_image_sharing_flags_are_explained() {
        let keys = ["--secret-id", "AKID", "--secret-key", "k"];
        let parsed = args(&[&keys[..], &["--scenario", "s.json"]].concat()).unwrap();
        assert_eq!(parsed.scenario.as_deref(), Some("s.json"));
        assert!(args(&[&keys[..], &["--scenario"]].concat()).is_err());
        for flag in ["--share-quota", "--owner-account"] {
            let Err(refused) = args(&[&keys[..], &[flag, "3"]].concat()) else {
                panic!("{flag} is refused");
            };
            assert!(refused.contains("--scenario FILE"), "{refused}");
        }
    }
}
