//! `eventmgr`: one binary for the API, the web app and the maintenance commands.

use std::process::ExitCode;

use clap::Parser;

/// mimalloc instead of glibc's allocator. Measured with the `bench` suite: sign-ins hash
/// passwords with Argon2 (19 MiB each) on tokio's blocking threads, and glibc kept each
/// thread's freed 19 MiB in that thread's arena — 200 sign-ins left the server at 390 MiB
/// RSS. mimalloc returns freed memory to the system, and small allocations (most of a
/// request's) are cheaper. Built without transparent huge pages (`no_thp`): with them the
/// idle server took 43 MiB instead of 29 MiB.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    eventmgr_server::cli::run(eventmgr_server::cli::Cli::parse()).await
}
