//! `concordat`: serve the application, migrate, seed, administer.

use clap::Parser;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = server::cli::Cli::parse();
    server::config::init_tracing(cli.log_level.as_deref());
    match server::cli::run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // One clear line for the operator, no panic trace.
            eprintln!("concordat: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
