//! `forumplan backup --out FILE` and `forumplan restore FILE [--force]` for a SQLite
//! installation; for PostgreSQL both say how to use its own tools instead.
use super::CliError;
use crate::config::Config;
use app::backend::{backup, db};
use std::path::{Path, PathBuf};

/// Arguments of `forumplan backup`.
#[derive(clap::Args, Debug)]
pub struct BackupArgs {
    /// The file to write (it must not exist yet).
    #[arg(long)]
    out: PathBuf,
}

/// Arguments of `forumplan restore`.
#[derive(clap::Args, Debug)]
pub struct RestoreArgs {
    /// A backup made by `forumplan backup`.
    file: PathBuf,
    /// Replace the database that is there (stop the server first).
    #[arg(long)]
    force: bool,
}

const PG_BACKUP: &str = "this installation uses PostgreSQL: back it up with its own tool while the server runs, \
     for example `pg_dump --format=custom --file=forumplan.dump \"$DATABASE_URL\"`";
const PG_RESTORE: &str = "this installation uses PostgreSQL: restore a pg_dump file with its own tool, \
     for example `pg_restore --clean --if-exists --dbname \"$DATABASE_URL\" forumplan.dump`. Nothing was changed";

fn is_postgres(url: &str) -> bool {
    url.starts_with("postgres:") || url.starts_with("postgresql:")
}

/// The SQLite file of the installation.
fn database_file(config: &Config) -> Result<PathBuf, CliError> {
    db::sqlite_path(&config.database_url)
        .map(PathBuf::from)
        .ok_or_else(|| {
            CliError::Usage(format!(
                "DATABASE_URL ({}) names no SQLite file: give sqlite://PATH",
                config.database_url_redacted()
            ))
        })
}

/// Makes a consistent copy of the database while the server keeps serving.
///
/// # Errors
/// PostgreSQL (use pg_dump); no database; the output exists; a failed copy.
pub async fn backup(config: &Config, args: BackupArgs) -> Result<(), CliError> {
    if is_postgres(&config.database_url) {
        return Err(CliError::Refused(PG_BACKUP.to_owned()));
    }
    let file = database_file(config)?;
    if !file.exists() {
        return Err(CliError::Refused(format!(
            "there is no database at {}: nothing to back up",
            file.display()
        )));
    }
    let conn = db::connect(&config.database_url).await.map_err(|e| {
        CliError::Database(format!(
            "cannot open the database at {}: {e}",
            file.display()
        ))
    })?;
    let made = backup::backup_sqlite(&conn, &args.out)
        .await
        .map_err(|e| CliError::Refused(format!("no backup was made: {e}")))?;
    println!(
        "Backed up {} to {}: {} bytes, forums: {}, integrity checked.",
        file.display(),
        args.out.display(),
        made.bytes,
        made.forums
    );
    Ok(())
}

fn sidecars(file: &Path) -> [PathBuf; 2] {
    ["-wal", "-shm"].map(|s| PathBuf::from(format!("{}{s}", file.display())))
}

/// Replaces the database with a backup, after checking the backup; refuses to replace an
/// existing database without `--force`.
///
/// # Errors
/// PostgreSQL (use pg_restore); a backup that is missing, damaged or not ForumPlan's; an
/// existing database without `--force`; file errors.
pub async fn restore(config: &Config, args: RestoreArgs) -> Result<(), CliError> {
    if is_postgres(&config.database_url) {
        return Err(CliError::Refused(PG_RESTORE.to_owned()));
    }
    let target = database_file(config)?;
    if !args.file.is_file() {
        return Err(CliError::Input(format!(
            "cannot read {}: no such file. Nothing was changed",
            args.file.display()
        )));
    }
    let refused = |e: String| {
        CliError::Refused(format!(
            "{} cannot be restored: {e}. Nothing was changed",
            args.file.display()
        ))
    };
    let copy = backup::open_read_only(&args.file)
        .await
        .map_err(|e| refused(e.to_string()))?;
    let checked = backup::check(&copy).await;
    let _ = copy.close().await;
    let forums = checked.map_err(|e| refused(e.to_string()))?;
    let live = std::fs::metadata(&target).is_ok_and(|m| m.len() > 0);
    if live && !args.force {
        return Err(CliError::Refused(format!(
            "there is a database at {} already: restoring would replace everything in it. \
             Stop the server, back the database up if you may need it, then run \
             `forumplan restore {} --force`. Nothing was changed",
            target.display(),
            args.file.display()
        )));
    }
    let io = |e: std::io::Error| {
        CliError::Input(format!("cannot restore into {}: {e}", target.display()))
    };
    let staged = target.with_extension("restoring");
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    std::fs::copy(&args.file, &staged).map_err(io)?;
    std::fs::File::open(&staged)
        .and_then(|f| f.sync_all())
        .map_err(io)?;
    for side in sidecars(&target) {
        let _ = std::fs::remove_file(side);
    }
    std::fs::rename(&staged, &target).map_err(io)?;
    // An older backup is brought up to this version's schema.
    super::open(config).await?;
    println!(
        "Restored {} into {}: forums: {forums}. Start the server again.",
        args.file.display(),
        target.display()
    );
    Ok(())
}
