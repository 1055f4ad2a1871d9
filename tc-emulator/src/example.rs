//! What the service crates' examples share: a command line of `--flag value`
//! pairs, the embedded local endpoint (or a real one with `--endpoint`), and
//! one exit-code contract: 0 and the answer as JSON on stdout; 1 and
//! `Code: Message (RequestId: ...)` on stderr for an API error; 2 and one
//! line on stderr for anything else.

use std::collections::BTreeMap;
use std::process::ExitCode;

use tc_core::credential::DefaultChain;
use tc_core::{Client, ClientBuilder, Error};

use tc_mock::MockServer;

/// The command line: `--name value` options and `--name` switches, plus
/// positional words.
#[derive(Debug, Default)]
pub struct Args {
    values: BTreeMap<String, String>,
    switches: Vec<String>,
    /// Words that are not options, in order.
    pub positional: Vec<String>,
}

impl Args {
    /// Reads `std::env::args()`: `options` take a value, `switches` do not;
    /// any other `--word` is refused.
    ///
    /// # Errors
    /// An unknown option, or an option without its value, as one line.
    pub fn parse(options: &[&str], switches: &[&str]) -> Result<Args, String> {
        Args::parse_from(std::env::args().skip(1), options, switches)
    }

    /// As [`Args::parse`], from any list of words.
    ///
    /// # Errors
    /// As [`Args::parse`].
    pub fn parse_from(
        words: impl IntoIterator<Item = String>,
        options: &[&str],
        switches: &[&str],
    ) -> Result<Args, String> {
        let mut args = Args::default();
        let mut words = words.into_iter();
        while let Some(word) = words.next() {
            let Some(name) = word.strip_prefix("--") else {
                args.positional.push(word);
                continue;
            };
            if switches.contains(&name) {
                args.switches.push(name.to_owned());
            } else if options.contains(&name) {
                let value = words
                    .next()
                    .ok_or_else(|| format!("{word} needs a value"))?;
                args.values.insert(name.to_owned(), value);
            } else {
                let mut known: Vec<String> =
                    options.iter().map(|o| format!("--{o} VALUE")).collect();
                known.extend(switches.iter().map(|s| format!("--{s}")));
                return Err(format!(
                    "unknown argument `{word}` (expected {})",
                    known.join(", ")
                ));
            }
        }
        Ok(args)
    }

    /// The value of `--name`, if given.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }

    /// Whether the switch `--name` was given.
    pub fn switch(&self, name: &str) -> bool {
        self.switches.iter().any(|s| s == name)
    }
}

/// Where an example's calls go: the embedded endpoint (kept running while this
/// lives), or the real endpoint given with `--endpoint`.
#[derive(Debug)]
pub struct Target {
    local: Option<MockServer>,
    endpoint: Option<String>,
}

impl Target {
    /// Without `endpoint`, starts the local endpoint in-process on a loopback
    /// port with a key pair made for this run; it verifies every signature and
    /// answers any action of the shipped services with its example. With
    /// `endpoint`, calls go there with credentials from the default chain.
    ///
    /// # Errors
    /// When the local endpoint cannot start.
    pub async fn new(endpoint: Option<&str>) -> Result<Target, String> {
        if let Some(url) = endpoint {
            return Ok(Target {
                local: None,
                endpoint: Some(url.to_owned()),
            });
        }
        let secret_id = format!(
            "AKIDlocal{}",
            tc_core::test_util::random_uuid().replace('-', "")
        );
        let secret_key = tc_core::test_util::random_uuid().replace('-', "");
        let mock = MockServer::builder()
            .credential(secret_id, secret_key)
            .start()
            .await
            .map_err(|e| format!("cannot start the local endpoint: {e}"))?;
        Ok(Target {
            local: Some(mock),
            endpoint: None,
        })
    }

    /// The local endpoint, when that is the target (to install handlers on).
    pub fn local(&self) -> Option<&MockServer> {
        self.local.as_ref()
    }

    /// A client builder aimed at the target.
    pub fn client_builder(&self) -> ClientBuilder {
        match (&self.local, &self.endpoint) {
            (Some(mock), _) => mock.client_builder(),
            // What `Client::builder()` does anyway, spelled out: environment,
            // profile file, OIDC, CVM role.
            (None, Some(url)) => Client::builder()
                .endpoint(url.clone())
                .credentials_provider(DefaultChain::from_env()),
            (None, None) => Client::builder(),
        }
    }
}

/// What an example ends with.
#[derive(Debug)]
pub enum Failure {
    /// The service answered with an error: exit code 1.
    Api(Error),
    /// Anything else: exit code 2.
    Other(String),
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        match error {
            Error::Service(_) => Failure::Api(error),
            other => Failure::Other(other.to_string()),
        }
    }
}

impl From<String> for Failure {
    fn from(message: String) -> Self {
        Failure::Other(message)
    }
}

/// Prints `output` as pretty JSON and exits 0, or prints the failure and exits
/// 1 (API error) or 2 (anything else).
pub fn finish<T: serde::Serialize>(result: Result<T, Failure>) -> ExitCode {
    let printed = result.and_then(|output| {
        serde_json::to_string_pretty(&output)
            .map_err(|e| Failure::Other(format!("cannot print the response: {e}")))
    });
    exit(printed.map(|json| println!("{json}")))
}

/// Exits 0 for an example that printed its output as it went, or prints the
/// failure and exits 1 (API error) or 2 (anything else).
pub fn exit(result: Result<(), Failure>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Api(error)) => {
            eprintln!("{error}");
            ExitCode::from(1)
        }
        Err(Failure::Other(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Args;

    fn words(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn options_switches_and_words() {
        let args =
            Args::parse_from(words("--region r --get hello"), &["region"], &["get"]).unwrap();
        assert_eq!(args.value("region"), Some("r"));
        assert!(args.switch("get"));
        assert_eq!(args.positional, ["hello"]);
        let unknown = Args::parse_from(words("--colour blue"), &["region"], &["get"]).unwrap_err();
        assert!(unknown.contains("--region VALUE, --get"), "{unknown}");
        let missing = Args::parse_from(words("--region"), &["region"], &[]).unwrap_err();
        assert_eq!(missing, "--region needs a value");
    }
}
