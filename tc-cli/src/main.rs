//! `tc`: a command line for every Tencent Cloud API 3.0 service, in the
//! shape of the official `tccli` (`tc <service> <Action> --Param value`),
//! reading tccli's profiles, with the SDK's credential chain, retries, typed
//! errors, paginators and waiters. See the README's section `tc`.
//!
//! Exit codes: 0 ok; 1 the API answered an error (printed as
//! `Code: Message (RequestId: ...)`); 2 anything else (bad parameters,
//! configuration, network), with nothing sent when the parameters are wrong.

mod call;
mod cli;
mod completions;
mod config;
mod failure;
mod help;
mod output;
mod params;
mod schema;

use std::io::Write as _;
use std::process::ExitCode;

use cli::Command;
use failure::Failure;
use schema::Catalog;

fn main() -> ExitCode {
    completions::answer_if_asked();
    match run(std::env::args().skip(1).collect()) {
        Ok(text) => {
            // A closed pipe (`tc ... | head`) is not an error worth a message.
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            ExitCode::SUCCESS
        }
        Err(failure) => {
            eprintln!("{failure}");
            failure.exit_code()
        }
    }
}

fn run(args: Vec<String>) -> Result<String, Failure> {
    let command = cli::parse(args)?;
    let catalog = Catalog::embedded()?;
    Ok(match command {
        Command::Services => help::services(&catalog),
        Command::ProgramVersion => format!("tc {}\n", env!("CARGO_PKG_VERSION")),
        Command::ConfigureList(globals) => config::list(&config::Settings::resolve(&globals)?),
        Command::Completions(shell) => completions::script(&shell)?,
        Command::Actions(service, globals) => {
            help::actions(&catalog, &service, globals.get("version"))?
        }
        Command::ActionHelp(service, action, globals) => {
            help::action(&catalog, &service, &action, globals.get("version"))?
        }
        Command::Call(call) => {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| format!("cannot start the runtime: {e}"))?;
            runtime.block_on(call::run(&catalog, &call))?
        }
    })
}
