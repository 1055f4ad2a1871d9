//! Shell completions through clap_complete's completion engine: `tc
//! completions bash|zsh|fish` prints a small script that, at each TAB, asks
//! `tc` itself (with `TC_COMPLETE` set) for the candidates. The command tree
//! it completes from is built from the embedded schema facts: every service,
//! and the actions (of every version) of the service on the line, with the
//! options. A script listing all 16,000 actions would run to tens of
//! megabytes; asking the binary costs one start of it.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write as _;

use clap::{Arg, ArgAction, Command};
use clap_complete::CompleteEnv;
use clap_complete::env::Shells;

use crate::cli::options::GLOBAL_OPTIONS;
use crate::schema::Catalog;

/// The variable the script sets when it asks for candidates.
const VAR: &str = "TC_COMPLETE";

/// Answers a completion request and exits, when the shell made one.
pub(crate) fn answer_if_asked() {
    CompleteEnv::with_factory(tree_for_this_line)
        .var(VAR)
        .complete();
}

/// The registration script for `shell`.
pub(crate) fn script(shell: &str) -> Result<String, String> {
    if !["bash", "zsh", "fish"].contains(&shell) {
        return Err(format!(
            "no completions for `{shell}`: choose bash, zsh or fish"
        ));
    }
    let shells = Shells::builtins();
    let completer = shells
        .completer(shell)
        .ok_or_else(|| format!("no completions for `{shell}`"))?;
    // The script calls this very binary, wherever it is installed.
    let program = std::env::current_exe()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|_| "tc".to_owned());
    let mut out = Vec::new();
    completer
        .write_registration(VAR, "tc", "tc", &program, &mut out)
        .map_err(|e| format!("cannot write the script: {e}"))?;
    let _ = out.flush();
    String::from_utf8(out).map_err(|e| format!("the script is not text: {e}"))
}

/// The tree for the line being completed (`tc -- tc <words>`): its service's
/// actions only, so that a TAB costs one version's facts, not all of them.
fn tree_for_this_line() -> Command {
    let words: Vec<String> = std::env::args().skip_while(|a| a != "--").skip(2).collect();
    match Catalog::embedded() {
        Ok(catalog) => tree(
            &catalog,
            words.first().map(String::as_str),
            words.get(1).map(String::as_str),
        ),
        Err(_) => Command::new("tc"),
    }
}

/// `tc` → services → the actions of `service` (when it is one), each taking
/// the options, and `action` its parameters too.
fn tree(catalog: &Catalog, service: Option<&str>, action: Option<&str>) -> Command {
    let options: Vec<Arg> = GLOBAL_OPTIONS
        .iter()
        .map(|o| {
            let arg = Arg::new(o.name).long(o.name).help(o.help);
            match o.value {
                Some(v) => arg.value_name(v).action(ArgAction::Set),
                None => arg.action(ArgAction::SetTrue),
            }
        })
        .collect();
    // `help` is one of our own subcommands; clap's built-in one (present
    // when another crate of the build turns on clap's `help` feature) would
    // clash with it.
    let mut root = Command::new("tc")
        .disable_help_subcommand(true)
        .subcommand(Command::new("configure").subcommand(Command::new("list")))
        .subcommand(
            Command::new("completions")
                .subcommand(Command::new("bash"))
                .subcommand(Command::new("zsh"))
                .subcommand(Command::new("fish")),
        )
        .subcommand(Command::new("help"));
    for name in catalog.services() {
        let mut command = Command::new(name.to_owned())
            .disable_help_subcommand(true)
            .subcommand(Command::new("help"));
        if Some(name) == service {
            // Action name → its parameters, over every version.
            let mut actions: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
            for entry in catalog.versions(name) {
                if let Ok(version) = catalog.version(entry) {
                    for (a, facts) in version.actions {
                        let named = Some(a.as_str()) == action;
                        let params = actions.entry(a).or_default();
                        if named {
                            params.extend(facts.input.into_iter().map(|(p, _, _)| p));
                        }
                    }
                }
            }
            for (a, params) in actions {
                let params = params
                    .into_iter()
                    .map(|p| Arg::new(p.clone()).long(p).action(ArgAction::Set));
                command = command.subcommand(Command::new(a).args(options.clone()).args(params));
            }
        }
        root = root.subcommand(command);
    }
    root
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tree_holds_the_named_services_actions_only() {
        let catalog = Catalog::embedded().unwrap();
        let tree = tree(&catalog, Some("cvm"), Some("DescribeImageSharePermission"));
        let cvm = tree.find_subcommand("cvm").unwrap();
        let action = cvm.find_subcommand("DescribeImageSharePermission").unwrap();
        assert!(
            action
                .get_arguments()
                .any(|a| a.get_long() == Some("cli-unfold-argument"))
        );
        assert!(
            action
                .get_arguments()
                .any(|a| a.get_long() == Some("ImageId"))
        );
        let vpc = tree.find_subcommand("vpc").unwrap();
        assert_eq!(vpc.get_subcommands().count(), 1, "only `help`");
        assert!(script("powershell").is_err());
    }
}
