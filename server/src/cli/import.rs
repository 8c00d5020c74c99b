//! `forumplan import FILE --forum F --dry-run`: what an import of a spreadsheet would make of it.
//!
//! The file is read with [`read_grid`]; the first sheet that holds anything is laid out with
//! [`layout::detect`] and interpreted against the forum's live partners (their names, short names
//! and aliases) and resources. The preview lists the themes, each action with its row, lead,
//! supporting partners, targets and due date, then the partners the forum does not have yet, the
//! resources and the warnings with their sheet rows. With `--dry-run` nothing is written.
//!
//! Without `--dry-run`, `--strategy SLUG` names the forum's strategy to import into: the draft is
//! committed with [`commit_import`] (one transaction: all or nothing) and the report printed:
//! what was added, changed and unchanged, the partners added to the directory and the warnings.
use super::{CliError, open};
use crate::config::Config;
use app::backend::entity::strategy;
use app::backend::import::{ImportReport, Limits, commit_import, read_grid, sha256_hex};
use app::backend::plan_edit::Editor;
use app::domain::import::layout::{self, Layout};
use app::domain::import::plan::{KnownPartner, PlanDraft, interpret_with};
use clap::Args;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::fmt::Write as _;
use std::path::PathBuf;

/// The options of `forumplan import`.
#[derive(Args, Debug)]
pub struct ImportArgs {
    /// The spreadsheet (xlsx, xls, xlsb, ods or csv).
    file: PathBuf,
    /// The forum the plan belongs to (its id, name or URL name).
    #[arg(long, value_name = "NAME-OR-ID")]
    forum: String,
    /// Only show what would be imported; nothing is written.
    #[arg(long)]
    dry_run: bool,
    /// The strategy to import into (its URL name), needed without `--dry-run`.
    #[arg(long, value_name = "SLUG")]
    strategy: Option<String>,
    /// Column roles, as a JSON object from a column letter or heading to a role, for example
    /// `{"C": "target_value", "Funding": "ignore"}`. Without it, the roles the forum saved in
    /// the site for these headings, else those the importer finds.
    #[arg(long, value_name = "MAPPING.json")]
    mapping: Option<PathBuf>,
}

/// Progress on standard error, when it is a terminal.
struct Progress {
    on: bool,
    started: std::time::Instant,
}

impl Progress {
    fn new() -> Self {
        use std::io::IsTerminal as _;
        Progress {
            on: std::io::stderr().is_terminal(),
            started: std::time::Instant::now(),
        }
    }

    fn step(&self, done: usize, of: usize, what: &str) {
        if self.on {
            let filled = done * 20 / of.max(1);
            eprintln!(
                "[{}{}] {done}/{of} {what} ({:.1} s)",
                "#".repeat(filled),
                "-".repeat(20 - filled),
                self.started.elapsed().as_secs_f64()
            );
        }
    }
}

/// Runs `forumplan import`.
///
/// # Errors
/// Usage (exit code 2) without `--dry-run` or `--strategy`; input when the file cannot be read or is not a
/// spreadsheet with a table in it; refused for an unknown forum; database errors.
pub async fn import(config: &Config, args: ImportArgs) -> Result<(), CliError> {
    if !args.dry_run && args.strategy.is_none() {
        return Err(CliError::Usage(
            "name the strategy to import into with --strategy SLUG, or preview with --dry-run"
                .to_owned(),
        ));
    }
    let progress = Progress::new();
    let steps = if args.dry_run { 3 } else { 4 };
    progress.step(0, steps, "reading the file");
    let bytes = std::fs::read(&args.file)
        .map_err(|e| CliError::Input(format!("cannot read {}: {e}", args.file.display())))?;
    let file_name = args.file.file_name().map_or_else(
        || args.file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let grids = read_grid(&bytes, &file_name, &Limits::default())
        .map_err(|e| CliError::Input(e.to_string()))?;
    let grid = grids
        .iter()
        .find(|g| g.rows.iter().any(|r| !r.is_blank()))
        .ok_or_else(|| {
            CliError::Input(format!("“{file_name}” has no sheet with anything in it"))
        })?;
    let conn = open(config).await?;
    let forum = app::backend::accounts::find_forum(&conn, &args.forum)
        .await
        .map_err(|e| match e {
            app::backend::error::BackendError::NotFound(_) => CliError::Refused(format!(
                "no forum has the id or name '{}' (`forumplan forum list` shows them)",
                args.forum
            )),
            other => CliError::Database(other.to_string()),
        })?;
    let (directory, resources) = app::backend::import::stage::known(&conn, forum.id)
        .await
        .map_err(|e| CliError::Database(e.to_string()))?;
    progress.step(1, steps, "finding the table");
    let found = layout::detect(grid);
    let roles = match &args.mapping {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| CliError::Input(format!("cannot read {}: {e}", path.display())))?;
            let entries: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&text)
                .map_err(|e| {
                    CliError::Input(format!(
                        "{} is not a JSON object of column to role ({e}); for example {{\"C\": \"target_value\"}}",
                        path.display()
                    ))
                })?;
            let entries: Vec<(String, String)> = entries
                .into_iter()
                .map(|(k, v)| {
                    (
                        k,
                        v.as_str()
                            .map(str::to_owned)
                            .unwrap_or_else(|| v.to_string()),
                    )
                })
                .collect();
            layout::roles_from_names(&entries, &found)
                .map_err(|m| CliError::Input(format!("{}: {m}", path.display())))?
        }
        None => app::backend::import::stage::saved_roles(&conn, forum.id, &found)
            .await
            .map_err(|e| CliError::Database(e.to_string()))?
            .unwrap_or_default(),
    };
    let layout = layout::detect_with(grid, &roles);
    progress.step(2, steps, "reading the plan");
    let draft = interpret_with(&layout, &directory, &resources);
    let Some(slug) = args.strategy.filter(|_| !args.dry_run) else {
        progress.step(3, steps, "done");
        print!(
            "{}",
            preview(&file_name, &forum.name, &layout, &draft, &directory)
        );
        return Ok(());
    };
    let st = strategy::Entity::find()
        .filter(strategy::Column::ForumId.eq(forum.id))
        .filter(strategy::Column::Slug.eq(&slug))
        .one(&conn)
        .await
        .map_err(|e| CliError::Database(e.to_string()))?
        .ok_or_else(|| {
            CliError::Refused(format!(
                "“{}” has no strategy with the URL name '{slug}'",
                forum.name
            ))
        })?;
    progress.step(
        3,
        steps,
        &format!(
            "writing {} actions in one transaction",
            draft.action_count()
        ),
    );
    let report = commit_import(
        &conn,
        &Editor::command_line(&forum),
        st.id,
        &draft,
        &file_name,
        &sha256_hex(&bytes),
    )
    .await
    .map_err(|e| match e {
        app::backend::error::BackendError::Invalid(m) => {
            CliError::Refused(format!("{m} Nothing was saved."))
        }
        other => CliError::Database(format!("{other}: nothing was saved")),
    })?;
    progress.step(4, steps, "done");
    print!("{}", summary(&file_name, &st.title, &report));
    Ok(())
}

/// What a committed import did, for the terminal.
pub fn summary(file_name: &str, strategy: &str, report: &ImportReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Imported “{file_name}” into “{strategy}”.");
    let _ = writeln!(out, "Added: {}.", report.added);
    let _ = writeln!(out, "Changed: {}.", report.changed);
    let _ = writeln!(out, "Unchanged: {}.", report.unchanged);
    if !report.new_partners.is_empty() {
        let _ = writeln!(
            out,
            "\nNew partners (added as statutory agencies: check their sector and short name):"
        );
        for p in &report.new_partners {
            let _ = writeln!(out, "  {p}");
        }
    }
    if !report.warnings.is_empty() {
        let _ = writeln!(out, "\nWarnings:");
        for w in &report.warnings {
            let _ = writeln!(out, "  {w}");
        }
    }
    out
}

/// The preview, as printed.
pub fn preview(
    file_name: &str,
    forum: &str,
    layout: &Layout,
    draft: &PlanDraft,
    directory: &[KnownPartner],
) -> String {
    let mut out = String::new();
    let targets: usize = draft
        .themes
        .iter()
        .flat_map(|t| &t.actions)
        .map(|a| a.targets.len())
        .sum();
    let new = draft.new_partners().count();
    let _ = writeln!(
        out,
        "Dry run: importing “{file_name}” (sheet “{}”{}) into “{forum}”. Nothing was saved.",
        layout.sheet,
        layout
            .header_row
            .map_or_else(String::new, |r| format!(", header on row {}", r + 1))
    );
    let _ = writeln!(
        out,
        "{} themes, {} actions, {targets} targets; {} partners named ({} known, {new} new); {} resources; {} warnings.",
        draft.themes.len(),
        draft.action_count(),
        draft.partners.len(),
        draft.partners.len() - new,
        draft.resources.len(),
        draft.warnings.len()
    );
    for theme in &draft.themes {
        let _ = writeln!(out);
        let at = theme
            .row
            .map_or_else(String::new, |r| format!(" (row {r})"));
        let _ = writeln!(out, "Theme: {}{at}", theme.title);
        for a in &theme.actions {
            let rows = if a.continued_rows.is_empty() {
                format!("row {}", a.row)
            } else {
                format!(
                    "rows {}-{}",
                    a.row,
                    a.continued_rows.last().unwrap_or(&a.row)
                )
            };
            let _ = writeln!(out, "  {rows}: {}", a.title);
            let supporting = if a.supporting.is_empty() {
                String::new()
            } else {
                format!("; supporting {}", a.supporting.join(", "))
            };
            let due = a.due_date.map_or_else(
                || "no due date".to_owned(),
                |d| format!("due {}", d.format("%d/%m/%Y")),
            );
            let _ = writeln!(
                out,
                "      lead {}{supporting}; {} target{}; {due}",
                a.lead.as_deref().unwrap_or("none"),
                a.targets.len(),
                if a.targets.len() == 1 { "" } else { "s" },
            );
        }
    }
    if new > 0 {
        let _ = writeln!(out, "\nNew partners (not in the forum's directory):");
        for p in draft.new_partners() {
            let _ = writeln!(
                out,
                "  {} (first named on row {})",
                p.label(directory),
                p.first_row
            );
        }
    }
    if !draft.resources.is_empty() {
        let _ = writeln!(out, "\nResources: {}", draft.resources.join(", "));
    }
    if !layout.notes.is_empty() {
        let _ = writeln!(out, "\nNotes (not imported): {}", layout.notes.join(" / "));
    }
    if !draft.warnings.is_empty() {
        let _ = writeln!(out, "\nWarnings:");
        for w in &draft.warnings {
            match w.row {
                Some(r) => {
                    let _ = writeln!(out, "  row {r}: {}", w.message);
                }
                None => {
                    let _ = writeln!(out, "  {}", w.message);
                }
            }
        }
    }
    out
}
