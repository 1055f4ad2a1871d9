//! A small command-line reader: `--name value` options and `--name` switches
//! after the subcommand, each checked against what the subcommand accepts.

use std::collections::BTreeMap;
use std::str::FromStr;

/// The options given to one subcommand.
#[derive(Debug, Default)]
pub(crate) struct Args {
    values: BTreeMap<String, String>,
}

impl Args {
    /// Reads `args`, accepting the options in `options` (which take a value)
    /// and the switches in `switches` (which do not).
    pub(crate) fn parse(
        args: impl IntoIterator<Item = String>,
        options: &[&str],
        switches: &[&str],
    ) -> Result<Self, String> {
        let mut values = BTreeMap::new();
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            let Some(name) = arg.strip_prefix("--") else {
                return Err(format!("unexpected argument `{arg}`"));
            };
            let value = if switches.contains(&name) {
                "true".to_owned()
            } else if options.contains(&name) {
                args.next()
                    .ok_or_else(|| format!("--{name} needs a value"))?
            } else {
                return Err(format!("unknown option `--{name}`"));
            };
            if values.insert(name.to_owned(), value).is_some() {
                return Err(format!("--{name} is given twice"));
            }
        }
        Ok(Args { values })
    }

    /// The text of option `name`, if given.
    pub(crate) fn text(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }

    /// Whether switch `name` is on.
    pub(crate) fn switch(&self, name: &str) -> bool {
        self.values.contains_key(name)
    }

    /// Option `name` parsed as `T`, or `default` when absent.
    pub(crate) fn number<T: FromStr>(&self, name: &str, default: T) -> Result<T, String> {
        match self.text(name) {
            None => Ok(default),
            Some(text) => text
                .parse()
                .map_err(|_| format!("--{name} `{text}` is not a valid number")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Args, String> {
        Args::parse(
            args.iter().map(|s| (*s).to_owned()),
            &["requests"],
            &["compare"],
        )
    }

    #[test]
    fn reads_options_and_switches() {
        let args = parse(&["--requests", "10", "--compare"]).unwrap();
        assert_eq!(args.number("requests", 0u64), Ok(10));
        assert!(args.switch("compare"));
        assert_eq!(args.number("missing", 7u64), Ok(7));
    }

    #[test]
    fn rejects_mistakes() {
        assert!(parse(&["--nope", "1"]).is_err());
        assert!(parse(&["--requests"]).is_err());
        assert!(parse(&["requests"]).is_err());
        assert!(parse(&["--requests", "1", "--requests", "2"]).is_err());
        assert!(
            parse(&["--requests", "x"])
                .unwrap()
                .number("requests", 0u64)
                .is_err()
        );
    }
}
