//! `forumplan`: serve the site, migrate the database, load the demo forum, manage accounts.
use clap::Parser;
use server::{cli, config};
use std::process::ExitCode;

/// mimalloc instead of the system allocator: a page builds and drops a few thousand rows from
/// SQLite's worker threads, and glibc's per-thread arenas kept hundreds of megabytes after a
/// busy minute on the large installation (529 MiB peak; see BENCHMARKS.md) and spent a tenth
/// of the time in malloc.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let args = cli::Cli::parse();
    config::init_tracing();
    match cli::run(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("forumplan: error: {e}");
            e.exit_code()
        }
    }
}
