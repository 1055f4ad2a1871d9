//! `tc-bench`: measures the SDK against baselines taken in the same run. Each
//! subcommand prints one JSON object on the last line of its output.
//!
//! ```text
//! tc-bench sign   [--rounds N]
//! tc-bench load   --endpoint URL [--requests N] [--concurrency C] [--baseline raw | --compare]
//!                 [--rounds R] [--warmup N] [--image-id ID] [--region R]
//! tc-bench decode [--megabytes N] [--rounds N]
//! tc-bench expand [--dir PATH] [--rounds N]
//! ```
//! `load` reads `TENCENTCLOUD_SECRET_ID` and `TENCENTCLOUD_SECRET_KEY`; see
//! `docs/PERFORMANCE.md` for the method and the figures.

mod alloc;
mod args;
mod cpu;
mod decode;
mod expand;
mod load;
mod measure;
mod raw;
mod sign;
mod stats;

use std::process::ExitCode;

use args::Args;

/// Counts heap bytes, for the peak memory of `decode`.
#[global_allocator]
static ALLOCATOR: alloc::Counting = alloc::Counting::new();

const USAGE: &str = "usage: tc-bench <sign|load|decode|expand> [options] (see docs/PERFORMANCE.md)";

fn main() -> ExitCode {
    let mut argv = std::env::args().skip(1);
    let Some(command) = argv.next() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let report = match command.as_str() {
        "sign" => Args::parse(argv, sign::OPTIONS, &[]).and_then(|a| sign::run(&a)),
        "load" => {
            // The raw baseline's reqwest client takes the process-wide TLS provider.
            let _ = rustls::crypto::ring::default_provider().install_default();
            Args::parse(argv, load::OPTIONS, load::SWITCHES).and_then(|a| load::run(&a))
        }
        "decode" => {
            Args::parse(argv, decode::OPTIONS, &[]).and_then(|a| decode::run(&a, &ALLOCATOR))
        }
        "expand" => Args::parse(argv, expand::OPTIONS, &[]).and_then(|a| expand::run(&a)),
        "-h" | "--help" => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        other => Err(format!("unknown subcommand `{other}`\n{USAGE}")),
    };
    match report {
        Ok(report) => {
            println!("{report}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("tc-bench: {message}");
            ExitCode::FAILURE
        }
    }
}
