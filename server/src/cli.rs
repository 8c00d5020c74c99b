//! The command line: what each subcommand does, and the one error type they share.
mod accounts;
mod backup;
mod export;
mod import;

use crate::config::Config;
use app::backend::{db, demo};
use clap::{Parser, Subcommand};
use std::net::SocketAddr;
use std::process::ExitCode;

/// ForumPlan: the strategy and action plan of a domestic violence forum.
#[derive(Parser, Debug)]
#[command(name = "forumplan", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Serve the site (applies migrations first; loads the demo forum into an empty database).
    Serve {
        /// Address to listen on.
        #[arg(long, env = "FORUMPLAN_ADDR", default_value = "127.0.0.1:3000")]
        addr: String,
        /// Do not load the demo forum into an empty database.
        #[arg(long, env = "FORUMPLAN_NO_DEMO")]
        no_demo: bool,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Load the demo forum (does nothing if it is already there); `--size large` loads a large
    /// installation for benchmarks instead (25 forums, 12,000 actions, 432,000 updates).
    Demo {
        /// `small` (the Wolverhampton forum and its demo accounts) or `large`.
        #[arg(long, default_value = "small")]
        size: String,
        /// The seed of a large installation (the same seed builds the same rows).
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Add or list forums.
    Forum {
        #[command(subcommand)]
        command: accounts::ForumCommand,
    },
    /// Add user accounts.
    User {
        #[command(subcommand)]
        command: accounts::UserCommand,
    },
    /// Import an action plan from a spreadsheet into a strategy (--strategy SLUG), or preview it
    /// (--dry-run).
    Import(import::ImportArgs),
    /// Export a forum's plan or update history as .xlsx or .csv (--strategy SLUG for one).
    Export(export::ExportArgs),
    /// Copy the database to a file while the server keeps serving (SQLite; PostgreSQL: pg_dump).
    Backup(backup::BackupArgs),
    /// Replace the database with a backup (refuses to replace one without --force).
    Restore(backup::RestoreArgs),
}

/// What can stop a command; each prints as one line.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A command-line value was wrong.
    #[error("{0}")]
    Usage(String),
    /// The database could not be opened, migrated or used.
    #[error("{0}")]
    Database(String),
    /// The server could not start or failed while running.
    #[error("{0}")]
    Server(String),
    /// A rule refused the request (a duplicate name, a weak password, an unknown forum).
    #[error("{0}")]
    Refused(String),
    /// A file or standard input could not be read, or the output could not be written.
    #[error("{0}")]
    Input(String),
}

impl CliError {
    /// 2 for usage errors, 1 otherwise.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            CliError::Usage(_) => ExitCode::from(2),
            _ => ExitCode::from(1),
        }
    }
}

/// Runs the parsed command.
///
/// # Errors
/// A one-line [`CliError`] saying what failed and what to do.
pub async fn run(cli: Cli) -> Result<(), CliError> {
    let config = Config::from_env();
    match cli.command {
        Command::Serve { addr, no_demo } => {
            let addr: SocketAddr = addr.parse().map_err(|_| {
                CliError::Usage(format!(
                    "invalid address '{addr}': give HOST:PORT, for example 127.0.0.1:3000"
                ))
            })?;
            let conn = open(&config).await?;
            if !no_demo
                && app::backend::forums::list(&conn, None)
                    .await
                    .map_err(db_error)?
                    .is_empty()
            {
                report_demo(demo::load(&conn).await.map_err(db_error)?);
                demo_accounts(&conn).await?;
            }
            crate::serve::serve(config, conn, addr).await
        }
        Command::Migrate => {
            open(&config).await?;
            println!(
                "Database at {} is up to date.",
                config.database_url_redacted()
            );
            Ok(())
        }
        Command::Demo { size, seed } => {
            let conn = open(&config).await?;
            match size.as_str() {
                "small" => {
                    report_demo(demo::load(&conn).await.map_err(db_error)?);
                    demo_accounts(&conn).await
                }
                "large" => large_demo(&conn, seed).await,
                other => Err(CliError::Usage(format!(
                    "'{other}' is not a demo size: use --size small or --size large"
                ))),
            }
        }
        Command::Forum { command } => accounts::forum(&config, command).await,
        Command::User { command } => accounts::user(&config, command).await,
        Command::Import(args) => import::import(&config, args).await,
        Command::Export(args) => export::export(&config, args).await,
        Command::Backup(args) => backup::backup(&config, args).await,
        Command::Restore(args) => backup::restore(&config, args).await,
    }
}

/// Connects and migrates.
async fn open(config: &Config) -> Result<sea_orm::DatabaseConnection, CliError> {
    let conn = db::connect(&config.database_url).await.map_err(|e| {
        CliError::Database(format!(
            "cannot open the database at {}: {e}",
            config.database_url_redacted()
        ))
    })?;
    db::migrate(&conn).await.map_err(db_error)?;
    Ok(conn)
}

fn db_error(e: app::backend::error::BackendError) -> CliError {
    CliError::Database(e.to_string())
}

/// Creates the demo accounts (when missing) and prints how to sign in as each.
async fn demo_accounts(conn: &sea_orm::DatabaseConnection) -> Result<(), CliError> {
    let password = std::env::var("FORUMPLAN_DEMO_PASSWORD")
        .ok()
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| demo::DEFAULT_PASSWORD.to_owned());
    let accounts = demo::load_accounts(conn, demo::DEMO_FORUM_SLUG, &password)
        .await
        .map_err(db_error)?;
    let shown = if password == demo::DEFAULT_PASSWORD {
        format!("password \"{password}\"")
    } else {
        "the password in FORUMPLAN_DEMO_PASSWORD".to_owned()
    };
    println!("Demo accounts (sign in at /sign-in with {shown}):");
    for a in accounts {
        println!("  {:<32} {}", a.email, a.what);
    }
    Ok(())
}

/// Loads the large installation and says what it wrote and how long it took.
async fn large_demo(conn: &sea_orm::DatabaseConnection, seed: u64) -> Result<(), CliError> {
    let started = std::time::Instant::now();
    let password = std::env::var("FORUMPLAN_DEMO_PASSWORD")
        .ok()
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| demo::DEFAULT_PASSWORD.to_owned());
    let password = app::backend::accounts::Password::parse(password)
        .map_err(|e| CliError::Usage(format!("FORUMPLAN_DEMO_PASSWORD: {e}")))?;
    let hash = app::backend::accounts::hash_password_blocking(password)
        .await
        .map_err(db_error)?;
    match demo::large::load(conn, seed, &hash)
        .await
        .map_err(db_error)?
    {
        demo::large::LargeOutcome::AlreadyPresent => {
            println!("The large installation is already loaded; nothing changed.");
        }
        demo::large::LargeOutcome::Loaded { rows } => {
            let listed: Vec<String> = rows.iter().map(|(t, n)| format!("{n} {t}")).collect();
            println!(
                "Loaded the large installation (seed {seed}) in {:.1} s: {}.",
                started.elapsed().as_secs_f64(),
                listed.join(", ")
            );
            println!(
                "Accounts: coordinator0.AREA@forumplan.example, member1.AREA@…, viewer4.AREA@… (AREA: barnsley, bolton, …), with the demo password."
            );
        }
    }
    Ok(())
}

fn report_demo(outcome: demo::DemoOutcome) {
    match outcome {
        demo::DemoOutcome::Loaded {
            forum,
            actions,
            targets,
            updates,
        } => {
            println!(
                "Loaded the demo forum \"{forum}\": {actions} actions, {targets} targets, {updates} updates."
            );
        }
        demo::DemoOutcome::AlreadyPresent { forum } => {
            println!("The demo forum \"{forum}\" is already loaded; nothing changed.");
        }
    }
}
