//! `eventmgr`: one binary for the API, the web app and the maintenance commands.

use std::process::ExitCode;

use clap::Parser;

#[tokio::main]
async fn main() -> ExitCode {
    eventmgr_server::cli::run(eventmgr_server::cli::Cli::parse()).await
}
