//! `forumplan`: serve the site, migrate the database, load the demo forum.
mod cli;
mod config;
mod routes;
mod serve;

use clap::Parser;
use std::process::ExitCode;

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
