//! `forumplan`: serve the site, migrate the database, load the demo forum, manage accounts.
use clap::Parser;
use server::{cli, config};
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
