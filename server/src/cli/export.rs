//! `forumplan export --forum F [--strategy S] [--content plan|updates] --format xlsx|csv
//! [--layout flat|per_theme] --out FILE [--force]`: the same export as the strategy page's
//! download, for scripts and scheduled jobs. The command line is the installation's operator, so
//! it is not limited by a role. An existing file is kept unless `--force` is given; the file is
//! written to a temporary name beside it and renamed, so that a failed run leaves no half file.
use super::{CliError, open};
use crate::config::Config;
use app::backend::error::BackendError;
use app::domain::spreadsheet::ExportRequest;
use clap::Args;
use std::path::PathBuf;

/// The options of `forumplan export`.
#[derive(Args, Debug)]
pub struct ExportArgs {
    /// The forum (its id, name or URL name).
    #[arg(long, value_name = "NAME-OR-ID")]
    forum: String,
    /// One strategy (its URL name); without it, every live strategy of the forum.
    #[arg(long, value_name = "SLUG")]
    strategy: Option<String>,
    /// What to export: `plan` (targets, latest figures, statuses) or `updates` (the history).
    #[arg(long, default_value = "plan")]
    content: String,
    /// `xlsx` or `csv`.
    #[arg(long)]
    format: String,
    /// In a workbook, `flat` (one sheet) or `per_theme` (one sheet per theme).
    #[arg(long, default_value = "flat")]
    layout: String,
    /// The file to write.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Replace the file when it exists.
    #[arg(long)]
    force: bool,
}

/// Runs `forumplan export`.
///
/// # Errors
/// Usage (exit code 2) for an unknown content, format or layout; refused for an unknown forum or
/// strategy, or an existing file without `--force`; input when the file cannot be written;
/// database errors.
pub async fn export(config: &Config, args: ExportArgs) -> Result<(), CliError> {
    let request = ExportRequest::parse(
        args.strategy.as_deref(),
        Some(&args.content),
        Some(&args.format),
        Some(&args.layout),
    )
    .map_err(CliError::Usage)?;
    if args.out.exists() && !args.force {
        return Err(CliError::Refused(format!(
            "{} exists: give another --out, or add --force to replace it. Nothing was written",
            args.out.display()
        )));
    }
    let conn = open(config).await?;
    let forum = app::backend::accounts::find_forum(&conn, &args.forum)
        .await
        .map_err(|e| match e {
            BackendError::NotFound(_) => CliError::Refused(format!(
                "no forum has the id or name '{}' (`forumplan forum list` shows them)",
                args.forum
            )),
            other => CliError::Database(other.to_string()),
        })?;
    let export = app::backend::export::export_now(&conn, &forum, &request)
        .await
        .map_err(|e| match e {
            BackendError::NotFound(_) => CliError::Refused(format!(
                "the forum “{}” has no live strategy '{}'",
                forum.name,
                request.strategy.clone().unwrap_or_default()
            )),
            other => CliError::Database(other.to_string()),
        })?;
    let name = args
        .out
        .file_name()
        .map_or_else(|| "export".into(), |n| n.to_string_lossy().into_owned());
    let partial = args.out.with_file_name(format!(".{name}.partial"));
    let write = || -> std::io::Result<()> {
        std::fs::write(&partial, &export.bytes)?;
        std::fs::rename(&partial, &args.out)
    };
    if let Err(e) = write() {
        let _ = std::fs::remove_file(&partial);
        return Err(CliError::Input(format!(
            "cannot write {}: {e}",
            args.out.display()
        )));
    }
    println!(
        "Wrote {} ({}, {} rows, {} bytes) from the forum “{}”.",
        args.out.display(),
        request.content.label(),
        export.rows,
        export.bytes.len(),
        forum.name
    );
    Ok(())
}
