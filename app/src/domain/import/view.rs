//! What the import pages show: the forum's uploads, a sheet's preview with its column mapping,
//! and a committed import's report. Built by the backend, read by the pages.
use super::layout::{ColumnRole, RowWarning};
use crate::domain::views::ForumRef;
use serde::{Deserialize, Serialize};

/// The import page: the upload form's limit and the forum's recent uploads.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportPage {
    /// The forum.
    pub forum: ForumRef,
    /// "10 MB": the largest file accepted.
    pub limit: String,
    /// The largest file accepted, in bytes (for the page's own check before uploading).
    pub limit_bytes: u64,
    /// Recent uploads, newest first.
    pub uploads: Vec<UploadSummary>,
    /// The forum's saved column mappings.
    pub mappings: Vec<SavedMapping>,
}

/// One upload in the list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UploadSummary {
    /// Its id (for its page).
    pub id: i32,
    /// The file's name.
    pub file_name: String,
    /// "23 Nov 2026 10:15 UTC by Bo Builder".
    pub uploaded: String,
    /// "Imported into “…” on …", or "Not imported yet".
    pub state: String,
}

/// A saved column mapping.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedMapping {
    /// The headings it applies to, as written.
    pub headers: Vec<String>,
    /// "Action, Activity, Target, …": each heading's role.
    pub roles: Vec<String>,
    /// "23 Nov 2026 10:15 UTC by Bo Builder".
    pub saved: String,
}

/// One column of the sheet in the preview.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ColumnView {
    /// 0-based column.
    pub index: usize,
    /// "A", "B", …
    pub letter: String,
    /// Its heading ("" when it has none).
    pub header: String,
    /// The role it has now.
    pub role: ColumnRole,
    /// Hidden in the workbook.
    pub hidden: bool,
    /// The first non-blank value under the heading, shortened.
    pub sample: String,
}

/// One target in the preview.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TargetPreview {
    /// Its title.
    pub title: String,
    /// "count, at least 4, by 31 Mar 2006, NI32": what was read from it.
    pub reading: String,
}

/// One action in the preview.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionPreview {
    /// The sheet row it starts on.
    pub row: usize,
    /// Its reference, if the sheet has a Reference column.
    pub reference: Option<String>,
    /// Its title.
    pub title: String,
    /// The lead partner, and whether it is new to the forum.
    pub lead: Option<(String, bool)>,
    /// Supporting partners, each with whether it is new.
    pub supporting: Vec<(String, bool)>,
    /// Resources.
    pub resources: Vec<String>,
    /// "31 Mar 2006 (March 06)", or the text when no date could be read.
    pub due: String,
    /// Its targets.
    pub targets: Vec<TargetPreview>,
    /// The sheet's status and RAG columns, as written ("In progress · red").
    pub sheet_status: String,
}

/// One theme in the preview.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThemePreview {
    /// Its title.
    pub title: String,
    /// The sheet row of its section row, if it has one.
    pub row: Option<usize>,
    /// Its actions.
    pub actions: Vec<ActionPreview>,
}

/// How a partner named in the sheet is matched.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartnerPreview {
    /// As written in the sheet (the first spelling).
    pub written: String,
    /// The forum's partner it is, or the name it will be created under.
    pub name: String,
    /// Whether it will be created.
    pub new: bool,
    /// The sheet row it is first named on.
    pub row: usize,
}

/// A strategy a sheet can be imported into.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StrategyChoice {
    /// Its id.
    pub id: i32,
    /// Its title.
    pub title: String,
}

/// A committed import's report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportResult {
    /// The strategy's title and URL name (none if it has since been deleted).
    pub strategy: Option<(String, String)>,
    /// "2 themes, 20 actions, …": what was added.
    pub added: String,
    /// What was changed.
    pub changed: String,
    /// What was already there as the sheet says.
    pub unchanged: String,
    /// Partners added to the forum's directory.
    pub new_partners: Vec<String>,
    /// What a person should check.
    pub warnings: Vec<String>,
    /// "23 Nov 2026 10:15 UTC".
    pub committed: String,
}

/// The preview page of one upload.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportPreview {
    /// The forum.
    pub forum: ForumRef,
    /// The upload's id.
    pub id: i32,
    /// For the version check.
    pub version: i32,
    /// The file's name.
    pub file_name: String,
    /// "24.3 KB".
    pub file_size: String,
    /// The sheet shown.
    pub sheet: String,
    /// The workbook's sheets that hold anything.
    pub sheets: Vec<String>,
    /// The header row (1-based), if one was found.
    pub header_row: Option<usize>,
    /// The sheet's columns with their roles.
    pub columns: Vec<ColumnView>,
    /// Whether the roles are the forum's saved mapping for these headings.
    pub mapping_saved: bool,
    /// Lines above the table (the sheet's title).
    pub title_lines: Vec<String>,
    /// The plan as understood.
    pub themes: Vec<ThemePreview>,
    /// Every partner named, matched or new.
    pub partners: Vec<PartnerPreview>,
    /// Every resource named.
    pub resources: Vec<String>,
    /// What a person should check, with sheet rows.
    pub warnings: Vec<RowWarning>,
    /// How many actions and targets the import would write.
    pub action_count: usize,
    /// How many targets.
    pub target_count: usize,
    /// The forum's live strategies.
    pub strategies: Vec<StrategyChoice>,
    /// After the commit, what it did (the page then shows only this).
    pub result: Option<ImportResult>,
}
