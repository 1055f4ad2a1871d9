//! Reads `tc <service> <Action> --Param value ... [options]` and the other
//! command forms into a [`Command`].

use std::collections::BTreeMap;

use super::options;

/// What the command line asks for.
#[derive(Debug, PartialEq)]
pub(crate) enum Command {
    /// `tc`, `tc help`: the services.
    Services,
    /// `tc --version`: the program's own version.
    ProgramVersion,
    /// `tc configure list [--profile NAME]`.
    ConfigureList(Globals),
    /// `tc completions bash|zsh|fish`.
    Completions(String),
    /// `tc <service> help`: its actions.
    Actions(String, Globals),
    /// `tc <service> <Action> help`: its parameters and output.
    ActionHelp(String, String, Globals),
    /// `tc <service> <Action> ...`: a call.
    Call(Call),
}

/// A call, as given.
#[derive(Debug, PartialEq)]
pub(crate) struct Call {
    pub service: String,
    pub action: String,
    pub globals: Globals,
    /// `--Name value...` in the order given: the name (dotted when unfolded)
    /// and its values.
    pub params: Vec<(String, Vec<String>)>,
}

/// The options besides the parameters, by name.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Globals {
    values: BTreeMap<&'static str, String>,
}

impl Globals {
    /// The value of option `name` (a switch reads as `"true"`).
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }

    /// Whether switch `name` was given.
    pub(crate) fn switch(&self, name: &str) -> bool {
        self.values.contains_key(name)
    }
}

/// Reads the arguments after the program's name.
pub(crate) fn parse(args: Vec<String>) -> Result<Command, String> {
    let (words, globals, params) = split(args)?;
    if globals.get("version") == Some("") && !words.is_empty() {
        return Err("--version needs a value (an API version such as 2017-03-12)".to_owned());
    }
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let no_params = |what: &str| -> Result<(), String> {
        match params.first() {
            Some((name, _)) => Err(format!("{what} takes no parameter (--{name})")),
            None => Ok(()),
        }
    };
    match words.as_slice() {
        [] if globals.switch("version") && globals.get("version") == Some("") => {
            Ok(Command::ProgramVersion)
        }
        [] | ["help"] => {
            no_params("`tc help`")?;
            Ok(Command::Services)
        }
        ["configure", "list"] => {
            no_params("`tc configure list`")?;
            Ok(Command::ConfigureList(globals))
        }
        ["configure", ..] => Err("`tc configure` has one command: `tc configure list`".to_owned()),
        ["completions", shell] => Ok(Command::Completions((*shell).to_owned())),
        ["completions", ..] => Err("usage: tc completions bash|zsh|fish".to_owned()),
        [service] | [service, "help"] => {
            no_params("`tc <service> help`")?;
            Ok(Command::Actions((*service).to_owned(), globals))
        }
        [service, action, "help"] => {
            no_params("`tc <service> <Action> help`")?;
            Ok(Command::ActionHelp(
                (*service).to_owned(),
                (*action).to_owned(),
                globals,
            ))
        }
        [service, action] => Ok(Command::Call(Call {
            service: (*service).to_owned(),
            action: (*action).to_owned(),
            globals,
            params,
        })),
        [_, _, extra, ..] => Err(format!(
            "unexpected `{extra}`: parameters are written `--Name value`"
        )),
    }
}

type Split = (Vec<String>, Globals, Vec<(String, Vec<String>)>);

/// Separates the words, the options and the parameters. An option's value
/// is the next argument (or follows `=`); a parameter takes every argument
/// up to the next `--`, so that unfolded lists read `--Ids a b`.
fn split(args: Vec<String>) -> Result<Split, String> {
    let mut words = Vec::new();
    let mut globals = Globals::default();
    let mut params: Vec<(String, Vec<String>)> = Vec::new();
    // Whether bare words still go to the last parameter.
    let mut open = false;
    let mut args = args.into_iter().peekable();
    while let Some(arg) = args.next() {
        let Some(flag) = arg.strip_prefix("--") else {
            if let Some((_, values)) = params.last_mut().filter(|_| open) {
                values.push(arg);
            } else {
                words.push(arg);
            }
            continue;
        };
        let (name, inline) = match flag.split_once('=') {
            Some((name, value)) => (name, Some(value.to_owned())),
            None => (flag, None),
        };
        if name == "help" {
            open = false;
            words.push("help".to_owned());
            continue;
        }
        if let Some(option) = options::find(name) {
            let value = match (option.value, inline) {
                (None, None) => "true".to_owned(),
                (None, Some(_)) => return Err(format!("--{name} takes no value")),
                (Some(_), Some(v)) => v,
                // `tc --version` alone asks for the program's version.
                (Some(_), None) if name == "version" && args.peek().is_none() => String::new(),
                // A flag in the value's place means the value was left out;
                // a value that does start with `--` is written `--name=value`.
                (Some(what), None) => args
                    .next_if(|next| !next.starts_with("--"))
                    .ok_or_else(|| format!("--{name} needs a value ({what})"))?,
            };
            if globals.values.insert(option.name, value).is_some() {
                return Err(format!("--{name} is given twice"));
            }
            // Words after an option belong to no parameter.
            open = false;
            continue;
        }
        if name.starts_with(|c: char| c.is_ascii_uppercase()) {
            if params.iter().any(|(p, _)| p == name) {
                return Err(format!("--{name} is given twice"));
            }
            params.push((name.to_owned(), inline.into_iter().collect()));
            open = true;
            continue;
        }
        return Err(format!(
            "unknown option --{name}; options: {}; parameters start with a capital letter",
            options::GLOBAL_OPTIONS
                .iter()
                .map(|o| format!("--{}", o.name))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    Ok((words, globals, params))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_words(text: &str) -> Result<Command, String> {
        parse(text.split_whitespace().map(str::to_owned).collect())
    }

    #[test]
    fn a_call_with_parameters_and_options() {
        let Command::Call(call) = parse_words(
            "cvm DescribeImageSharePermission --ImageId img-1 --region ap-guangzhou --output=text",
        )
        .unwrap() else {
            panic!("not a call")
        };
        assert_eq!(call.service, "cvm");
        assert_eq!(call.action, "DescribeImageSharePermission");
        assert_eq!(
            call.params,
            [("ImageId".to_owned(), vec!["img-1".to_owned()])]
        );
        assert_eq!(call.globals.get("region"), Some("ap-guangzhou"));
        assert_eq!(call.globals.get("output"), Some("text"));
    }

    #[test]
    fn unfolded_lists_take_every_value() {
        let Command::Call(call) =
            parse_words("cvm DescribeZones --cli-unfold-argument --Ids a b --Limit 2").unwrap()
        else {
            panic!("not a call")
        };
        assert!(call.globals.switch("cli-unfold-argument"));
        assert_eq!(
            call.params[0],
            ("Ids".to_owned(), vec!["a".into(), "b".into()])
        );
        assert_eq!(call.params[1], ("Limit".to_owned(), vec!["2".into()]));
    }

    #[test]
    fn an_option_does_not_take_the_next_flag_as_its_value() {
        let e = parse_words("cvm DescribeInstances --version --endpoint http://127.0.0.1:1")
            .unwrap_err();
        assert!(e.starts_with("--version needs a value"), "{e}");
        let e = parse_words("cvm DescribeInstances --region --output json").unwrap_err();
        assert!(e.starts_with("--region needs a value"), "{e}");
        let Command::Call(call) =
            parse_words("cvm DescribeInstances --region=--odd --output json").unwrap()
        else {
            panic!("not a call")
        };
        assert_eq!(call.globals.get("region"), Some("--odd"));
    }

    #[test]
    fn the_other_forms() {
        assert_eq!(parse_words("").unwrap(), Command::Services);
        assert_eq!(parse_words("--version").unwrap(), Command::ProgramVersion);
        assert!(matches!(parse_words("cvm help").unwrap(), Command::Actions(s, _) if s == "cvm"));
        assert!(matches!(
            parse_words("cvm --help").unwrap(),
            Command::Actions(..)
        ));
        assert!(matches!(
            parse_words("cvm DescribeZones help").unwrap(),
            Command::ActionHelp(..)
        ));
        assert!(
            matches!(parse_words("completions zsh").unwrap(), Command::Completions(s) if s == "zsh")
        );
        assert!(matches!(
            parse_words("configure list").unwrap(),
            Command::ConfigureList(_)
        ));
    }

    #[test]
    fn mistakes_are_explained() {
        for (line, says) in [
            ("cvm DescribeZones --colour blue", "unknown option --colour"),
            ("cvm DescribeZones --region", "--region needs a value"),
            ("cvm DescribeZones --Limit 1 --Limit 2", "given twice"),
            ("cvm DescribeZones extra", "unexpected `extra`"),
            ("cvm DescribeZones --all-pages=yes", "takes no value"),
            ("cvm DescribeZones --version", "--version needs a value"),
            ("cvm DescribeZones --region r extra", "unexpected `extra`"),
        ] {
            let err = parse_words(line).unwrap_err();
            assert!(err.contains(says), "{line}: {err}");
        }
    }
}
