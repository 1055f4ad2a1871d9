//! `tc completions bash|zsh|fish`: a completion script made by clap_complete
//! from a command tree of every service, its actions (of every version) and
//! the options, built from the embedded schema facts.

use std::collections::BTreeSet;

use clap::{Arg, ArgAction, Command};
use clap_complete::Shell;

use crate::cli::options::GLOBAL_OPTIONS;
use crate::schema::Catalog;

/// The script for `shell`.
pub(crate) fn script(catalog: &Catalog, shell: &str) -> Result<String, String> {
    let shell = match shell {
        "bash" => Shell::Bash,
        "zsh" => Shell::Zsh,
        "fish" => Shell::Fish,
        other => {
            return Err(format!(
                "no completions for `{other}`: choose bash, zsh or fish"
            ));
        }
    };
    let mut command = tree(catalog)?;
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "tc", &mut out);
    String::from_utf8(out).map_err(|e| format!("the completion script is not text: {e}"))
}

/// `tc` → services → actions, each action taking the options.
fn tree(catalog: &Catalog) -> Result<Command, String> {
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
    let mut root = Command::new("tc")
        .subcommand(Command::new("configure").subcommand(Command::new("list")))
        .subcommand(
            Command::new("completions")
                .subcommand(Command::new("bash"))
                .subcommand(Command::new("zsh"))
                .subcommand(Command::new("fish")),
        )
        .subcommand(Command::new("help"));
    for service in catalog.services() {
        let mut actions = BTreeSet::new();
        for entry in catalog.versions(service) {
            actions.extend(catalog.version(entry)?.actions.into_keys());
        }
        let mut command = Command::new(service.to_owned()).subcommand(Command::new("help"));
        for action in actions {
            command = command.subcommand(Command::new(action).args(options.clone()));
        }
        root = root.subcommand(command);
    }
    Ok(root)
}
