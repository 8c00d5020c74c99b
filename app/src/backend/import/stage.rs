//! The import flow in the site: an uploaded file is staged (kept in `import_upload` until it is
//! committed), previewed with the column roles the layout found or a person chose, and
//! committed into an existing or a new strategy in one transaction.
//!
//! Rules:
//! 1. A file is read as soon as it arrives: one that is not a spreadsheet, is damaged, too
//!    large or holds nothing is refused with the reader's message and nothing is kept.
//! 2. The sheet shown is the one chosen, else the first that holds anything. Column roles are
//!    the layout's, replaced by the person's choices (`mapping`); a new upload whose headings
//!    match a mapping the forum saved ([`header_key`]: the headings without case, spaces or
//!    punctuation) starts with that mapping.
//! 3. Changing the mapping or committing is version-checked: two people on the same upload
//!    cannot overwrite each other's choices, and an upload is committed once.
//! 4. The commit creates the new strategy (if asked), writes the plan
//!    ([`super::commit::commit_in`]), records the report and drops the file's bytes (its name
//!    and SHA-256 stay, as in the audit trail), all in one transaction.
//! 5. Uploads never committed are deleted after 14 days.
use super::commit::{ImportReport, commit_in, sha256_hex};
use super::read::{Limits, human_size, read_grid};
use crate::backend::entity::{
    app_user, import_mapping, import_upload, partner, resource, strategy,
};
use crate::backend::error::{BackendError, BackendResult};
use crate::backend::plan::forum_ref;
use crate::backend::plan_edit::common::claim;
use crate::backend::plan_edit::{Editor, Saved, create_strategy};
use crate::domain::import::grid::{Grid, column_letters};
use crate::domain::import::layout::{ColumnRole, Layout, detect_with};
use crate::domain::import::plan::{KnownPartner, PlanDraft, interpret_with};
use crate::domain::import::view::{
    ActionPreview, ColumnView, ImportPage, ImportPreview, ImportResult, PartnerPreview,
    SavedMapping, StrategyChoice, TargetPreview, ThemePreview, UploadSummary,
};
use crate::domain::plan_form::StrategyInput;
use crate::domain::target::{TargetKind, format_number};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionSession, TransactionTrait,
};

/// How long an upload that was never committed is kept.
const KEEP_DAYS: i64 = 14;

/// Where a committed import goes.
#[derive(Clone, Debug, PartialEq)]
pub enum Destination {
    /// A strategy of the forum, by id.
    Existing(i32),
    /// A new strategy.
    New(StrategyInput),
}

/// The column roles chosen for an upload: `(column, role)`.
pub type Mapping = Vec<(usize, ColumnRole)>;

fn stamp(at: DateTime<Utc>) -> String {
    at.format("%-d %b %Y %H:%M UTC").to_string()
}

/// The key a saved mapping is found by: the headings without case, spaces or punctuation.
pub fn header_key(layout: &Layout) -> String {
    layout
        .columns
        .iter()
        .map(|c| {
            c.header
                .chars()
                .filter(|ch| ch.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("|")
}

/// The forum's live partners (as the interpreter's directory) and live resources' names.
///
/// # Errors
/// Database errors.
pub async fn known(
    db: &impl ConnectionTrait,
    forum_id: i32,
) -> BackendResult<(Vec<KnownPartner>, Vec<String>)> {
    let partners = partner::Entity::find()
        .filter(partner::Column::ForumId.eq(forum_id))
        .filter(partner::Column::ArchivedAt.is_null())
        .order_by_asc(partner::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|p| KnownPartner {
            id: Some(p.id),
            aliases: serde_json::from_str(&p.aliases).unwrap_or_default(),
            name: p.name,
            short_name: p.short_name,
        })
        .collect();
    let resources = resource::Entity::find()
        .filter(resource::Column::ForumId.eq(forum_id))
        .filter(resource::Column::ArchivedAt.is_null())
        .order_by_asc(resource::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.name)
        .collect();
    Ok((partners, resources))
}

/// The sheet named `wanted`, else the first that holds anything.
fn pick<'a>(grids: &'a [Grid], wanted: Option<&str>, file_name: &str) -> BackendResult<&'a Grid> {
    let filled = |g: &&Grid| g.rows.iter().any(|r| !r.is_blank());
    wanted
        .and_then(|w| grids.iter().filter(filled).find(|g| g.sheet == w))
        .or_else(|| grids.iter().find(filled))
        .ok_or_else(|| {
            BackendError::Invalid(format!(
                "“{file_name}” has no sheet with anything in it: check that you chose the right file."
            ))
        })
}

fn read(bytes: &[u8], file_name: &str) -> BackendResult<Vec<Grid>> {
    read_grid(bytes, file_name, &Limits::default())
        .map_err(|e| BackendError::Invalid(format!("{e} Nothing was imported.")))
}

fn parse_mapping(text: &str) -> Mapping {
    serde_json::from_str(text).unwrap_or_default()
}

async fn saved_mapping(
    db: &impl ConnectionTrait,
    forum_id: i32,
    key: &str,
) -> BackendResult<Option<import_mapping::Model>> {
    Ok(import_mapping::Entity::find()
        .filter(import_mapping::Column::ForumId.eq(forum_id))
        .filter(import_mapping::Column::HeaderKey.eq(key))
        .one(db)
        .await?)
}

/// The roles the forum saved for sheets with `layout`'s headings, if any.
///
/// # Errors
/// Database errors.
pub async fn saved_roles(
    db: &impl ConnectionTrait,
    forum_id: i32,
    layout: &Layout,
) -> BackendResult<Option<Mapping>> {
    Ok(saved_mapping(db, forum_id, &header_key(layout))
        .await?
        .map(|m| parse_mapping(&m.mapping)))
}

/// Reads and keeps an uploaded file for its preview; returns the upload's id.
///
/// # Errors
/// [`BackendError::Invalid`] with the reader's message (not a spreadsheet, damaged, too large,
/// password-protected, empty); database errors. Nothing is kept on error.
pub async fn stage(
    db: &impl TransactionTrait,
    ed: &Editor<'_>,
    file_name: &str,
    bytes: &[u8],
) -> BackendResult<i32> {
    let name = file_name.trim();
    let name = if name.is_empty() { "upload" } else { name };
    let grids = read(bytes, name)?;
    let grid = pick(&grids, None, name)?;
    let layout = detect_with(grid, &[]);
    let txn = crate::backend::db::write(db).await?;
    import_upload::Entity::delete_many()
        .filter(import_upload::Column::ForumId.eq(ed.forum.id))
        .filter(import_upload::Column::CommittedAt.is_null())
        .filter(import_upload::Column::CreatedAt.lt(ed.now - chrono::Duration::days(KEEP_DAYS)))
        .exec(&txn)
        .await?;
    let mapping = saved_mapping(&txn, ed.forum.id, &header_key(&layout))
        .await?
        .map_or_else(|| "[]".to_owned(), |m| m.mapping);
    let row = import_upload::ActiveModel {
        forum_id: Set(ed.forum.id),
        uploaded_by: Set(ed.actor),
        file_name: Set(name.to_owned()),
        file_sha256: Set(sha256_hex(bytes)),
        file_size: Set(i64::try_from(bytes.len()).unwrap_or(i64::MAX)),
        content: Set(Some(bytes.to_vec())),
        sheet: Set(Some(grid.sheet.clone())),
        mapping: Set(mapping),
        created_at: Set(ed.now),
        committed_at: Set(None),
        strategy_id: Set(None),
        report: Set(None),
        version: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(row.id)
}

async fn upload_in(
    db: &impl ConnectionTrait,
    forum_id: i32,
    id: i32,
) -> BackendResult<import_upload::Model> {
    import_upload::Entity::find_by_id(id)
        .filter(import_upload::Column::ForumId.eq(forum_id))
        .one(db)
        .await?
        .ok_or(BackendError::NotFound("upload"))
}

/// An upload's sheet laid out with its mapping, and the plan it gives.
struct Understood {
    grids: Vec<Grid>,
    sheet: String,
    layout: Layout,
    draft: PlanDraft,
    directory: Vec<KnownPartner>,
}

async fn understand(
    db: &impl ConnectionTrait,
    up: &import_upload::Model,
) -> BackendResult<Understood> {
    let bytes = up.content.as_deref().ok_or_else(|| {
        BackendError::Invalid(format!("“{}” has already been imported.", up.file_name))
    })?;
    let grids = read(bytes, &up.file_name)?;
    let grid = pick(&grids, up.sheet.as_deref(), &up.file_name)?;
    let layout = detect_with(grid, &parse_mapping(&up.mapping));
    let (directory, resources) = known(db, up.forum_id).await?;
    let draft = interpret_with(&layout, &directory, &resources);
    let sheet = grid.sheet.clone();
    Ok(Understood {
        grids,
        sheet,
        layout,
        draft,
        directory,
    })
}

/// The import page: the forum's recent uploads and saved mappings.
///
/// # Errors
/// Database errors.
pub async fn import_page(
    db: &impl ConnectionTrait,
    forum: &crate::backend::entity::forum::Model,
) -> BackendResult<ImportPage> {
    let uploads = import_upload::Entity::find()
        .select_only()
        .columns([
            import_upload::Column::Id,
            import_upload::Column::FileName,
            import_upload::Column::UploadedBy,
            import_upload::Column::CreatedAt,
            import_upload::Column::CommittedAt,
            import_upload::Column::StrategyId,
        ])
        .filter(import_upload::Column::ForumId.eq(forum.id))
        .order_by_desc(import_upload::Column::Id)
        .limit(20)
        .into_tuple::<(
            i32,
            String,
            Option<i32>,
            DateTime<Utc>,
            Option<DateTime<Utc>>,
            Option<i32>,
        )>()
        .all(db)
        .await?;
    let mappings = import_mapping::Entity::find()
        .filter(import_mapping::Column::ForumId.eq(forum.id))
        .order_by_desc(import_mapping::Column::SavedAt)
        .all(db)
        .await?;
    let user_ids: Vec<i32> = uploads
        .iter()
        .filter_map(|u| u.2)
        .chain(mappings.iter().filter_map(|m| m.saved_by))
        .collect();
    let users = app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(user_ids))
        .all(db)
        .await?;
    let strategy_ids: Vec<i32> = uploads.iter().filter_map(|u| u.5).collect();
    let strategies = strategy::Entity::find()
        .filter(strategy::Column::Id.is_in(strategy_ids))
        .all(db)
        .await?;
    let who = |id: Option<i32>| {
        id.and_then(|id| users.iter().find(|u| u.id == id))
            .map_or_else(|| "the command line".to_owned(), |u| u.name.clone())
    };
    Ok(ImportPage {
        forum: forum_ref(forum),
        limit: human_size(Limits::default().max_bytes as u64),
        limit_bytes: Limits::default().max_bytes as u64,
        uploads: uploads
            .into_iter()
            .map(|(id, file_name, by, at, committed, st)| UploadSummary {
                id,
                file_name,
                uploaded: format!("{} by {}", stamp(at), who(by)),
                state: match committed {
                    Some(when) => format!(
                        "Imported into “{}” on {}",
                        st.and_then(|s| strategies.iter().find(|x| x.id == s))
                            .map_or("a strategy since deleted", |s| s.title.as_str()),
                        stamp(when)
                    ),
                    None => "Not imported yet".to_owned(),
                },
            })
            .collect(),
        mappings: mappings
            .into_iter()
            .map(|m| {
                let headers: Vec<String> = serde_json::from_str(&m.headers).unwrap_or_default();
                let mapping = parse_mapping(&m.mapping);
                SavedMapping {
                    roles: (0..headers.len())
                        .map(|i| {
                            mapping
                                .iter()
                                .find(|(c, _)| *c == i)
                                .map_or("as found", |(_, r)| r.label())
                                .to_owned()
                        })
                        .collect(),
                    headers,
                    saved: format!("{} by {}", stamp(m.saved_at), who(m.saved_by)),
                }
            })
            .collect(),
    })
}

/// One target's reading, for the preview.
fn reading(t: &crate::domain::import::cells::TargetGuess) -> String {
    let mut parts = vec![t.kind.label().to_lowercase()];
    let value = |v: f64| match t.kind {
        TargetKind::Percentage => format!("{}%", format_number(v)),
        TargetKind::Currency => format!("£{}", format_number(v)),
        _ => format_number(v),
    };
    if let (Some(lo), Some(hi)) = (t.band_low, t.band_high) {
        parts.push(format!("between {} and {}", value(lo), value(hi)));
    } else if let Some(v) = t.target_value {
        parts.push(format!(
            "{} {}",
            t.direction.label().to_lowercase(),
            value(v)
        ));
    }
    if let Some(b) = t.baseline {
        parts.push(format!("baseline {}", value(b)));
    }
    if let Some(p) = t.population_per {
        parts.push(format!("per {} population", format_number(f64::from(p))));
    }
    if let Some(d) = t.due_date {
        parts.push(format!("by {}", d.format("%-d %b %Y")));
    }
    if let Some(i) = &t.indicator {
        parts.push(format!(
            "{}{}",
            i.framework.label(),
            i.code
                .as_deref()
                .map_or_else(String::new, |c| format!(" {c}"))
        ));
    }
    parts.join(", ")
}

fn sample(layout: &Layout, col: usize) -> String {
    let text = layout
        .themes
        .iter()
        .flat_map(|t| &t.rows)
        .filter_map(|r| r.cells.get(col))
        .map(|c| c.value.text())
        .find(|t| !t.trim().is_empty())
        .unwrap_or_default();
    let line = text.lines().next().unwrap_or_default().trim();
    if line.chars().count() > 60 {
        format!("{}…", line.chars().take(59).collect::<String>())
    } else {
        line.to_owned()
    }
}

fn result_of(
    up: &import_upload::Model,
    strategy: Option<&strategy::Model>,
) -> Option<ImportResult> {
    let when = up.committed_at?;
    let report: ImportReport = up
        .report
        .as_deref()
        .and_then(|r| serde_json::from_str(r).ok())
        .unwrap_or_default();
    Some(ImportResult {
        strategy: strategy.map(|s| (s.title.clone(), s.slug.clone())),
        added: report.added.to_string(),
        changed: report.changed.to_string(),
        unchanged: report.unchanged.to_string(),
        new_partners: report.new_partners,
        warnings: report.warnings,
        committed: stamp(when),
    })
}

/// The preview of an upload of the forum (or, once committed, its report).
///
/// # Errors
/// Not found (no such upload in this forum); [`BackendError::Invalid`] when the file can no
/// longer be read; database errors.
pub async fn preview(
    db: &impl ConnectionTrait,
    forum: &crate::backend::entity::forum::Model,
    id: i32,
) -> BackendResult<ImportPreview> {
    let up = upload_in(db, forum.id, id).await?;
    let strategies = crate::backend::plan::live_strategies(db, forum.id).await?;
    let mut page = ImportPreview {
        forum: forum_ref(forum),
        id: up.id,
        version: up.version,
        file_name: up.file_name.clone(),
        file_size: human_size(u64::try_from(up.file_size).unwrap_or(0)),
        sheet: up.sheet.clone().unwrap_or_default(),
        sheets: Vec::new(),
        header_row: None,
        columns: Vec::new(),
        mapping_saved: false,
        title_lines: Vec::new(),
        themes: Vec::new(),
        partners: Vec::new(),
        resources: Vec::new(),
        warnings: Vec::new(),
        action_count: 0,
        target_count: 0,
        strategies: strategies
            .iter()
            .map(|s| StrategyChoice {
                id: s.id,
                title: s.title.clone(),
            })
            .collect(),
        result: None,
    };
    if up.committed_at.is_some() {
        let st = strategy::Entity::find()
            .filter(strategy::Column::Id.eq(up.strategy_id.unwrap_or(-1)))
            .one(db)
            .await?;
        page.result = result_of(&up, st.as_ref());
        return Ok(page);
    }
    let u = understand(db, &up).await?;
    let saved = saved_mapping(db, forum.id, &header_key(&u.layout)).await?;
    page.mapping_saved = saved.is_some_and(|m| m.mapping == up.mapping);
    page.sheet = u.sheet.clone();
    page.sheets = u
        .grids
        .iter()
        .filter(|g| g.rows.iter().any(|r| !r.is_blank()))
        .map(|g| g.sheet.clone())
        .collect();
    page.header_row = u.layout.header_row.map(|r| r + 1);
    page.columns = u
        .layout
        .columns
        .iter()
        .map(|c| ColumnView {
            index: c.index,
            letter: column_letters(c.index),
            header: c.header.clone(),
            role: c.role,
            hidden: c.hidden,
            sample: sample(&u.layout, c.index),
        })
        .collect();
    page.title_lines.clone_from(&u.layout.title_lines);
    let partner = |i: usize| {
        u.draft
            .partners
            .get(i)
            .map(|p| (p.label(&u.directory).to_owned(), p.matched.is_none()))
    };
    page.themes = u
        .draft
        .themes
        .iter()
        .map(|t| ThemePreview {
            title: t.title.clone(),
            row: t.row,
            actions: t
                .actions
                .iter()
                .map(|a| ActionPreview {
                    row: a.row,
                    reference: a.reference.clone(),
                    title: a.title.clone(),
                    lead: a.lead_partner.and_then(partner),
                    supporting: a
                        .supporting_partners
                        .iter()
                        .filter_map(|i| partner(*i))
                        .collect(),
                    resources: a.resources.clone(),
                    due: match (&a.due_date, &a.due_text) {
                        (Some(d), Some(t)) if !t.is_empty() => {
                            format!("{} (“{t}”)", d.format("%-d %b %Y"))
                        }
                        (Some(d), _) => d.format("%-d %b %Y").to_string(),
                        (None, _) => a.due_column_text.clone(),
                    },
                    targets: a
                        .targets
                        .iter()
                        .map(|t| TargetPreview {
                            title: t.title.clone(),
                            reading: reading(t),
                        })
                        .collect(),
                    sheet_status: [a.status_text.trim(), a.rag.as_deref().unwrap_or_default()]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join(" · "),
                })
                .collect(),
        })
        .collect();
    page.partners = u
        .draft
        .partners
        .iter()
        .map(|p| PartnerPreview {
            written: p.text.clone(),
            name: p.label(&u.directory).to_owned(),
            new: p.matched.is_none(),
            row: p.first_row,
        })
        .collect();
    page.resources.clone_from(&u.draft.resources);
    page.warnings.clone_from(&u.draft.warnings);
    page.action_count = u.draft.action_count();
    page.target_count = u
        .draft
        .themes
        .iter()
        .flat_map(|t| &t.actions)
        .map(|a| a.targets.len())
        .sum();
    Ok(page)
}

/// An upload of the editor's forum not yet imported, claimed at `version`; its new version.
async fn claim_upload(
    txn: &impl ConnectionTrait,
    ed: &Editor<'_>,
    id: i32,
    version: i32,
) -> BackendResult<(import_upload::Model, i32)> {
    let up = upload_in(txn, ed.forum.id, id).await?;
    if up.committed_at.is_some() {
        return Err(BackendError::Invalid(format!(
            "“{}” has already been imported: upload it again to import it once more.",
            up.file_name
        )));
    }
    let new_version = claim!(
        txn,
        import_upload,
        "import_upload",
        id,
        version,
        format!("The import of “{}”", up.file_name)
    );
    Ok((up, new_version))
}

/// Sets the sheet and column roles of an upload (`roles`: every column's role; a different
/// sheet starts from the roles found), and when `remember` saves them as the forum's mapping
/// for sheets with these headings.
///
/// # Errors
/// Not found; [`BackendError::Invalid`] for an unknown sheet or column; a conflict when the
/// upload changed since the page was shown; database errors.
pub async fn set_mapping(
    db: &impl TransactionTrait,
    ed: &Editor<'_>,
    id: i32,
    version: i32,
    sheet: Option<String>,
    roles: Mapping,
    remember: bool,
) -> BackendResult<Saved> {
    let txn = crate::backend::db::write(db).await?;
    let (up, new_version) = claim_upload(&txn, ed, id, version).await?;
    let bytes = up.content.as_deref().unwrap_or_default();
    let grids = read(bytes, &up.file_name)?;
    let sheet = sheet.filter(|s| !s.trim().is_empty());
    if let Some(s) = &sheet
        && !grids.iter().any(|g| &g.sheet == s)
    {
        return Err(BackendError::Invalid(format!(
            "“{}” has no sheet called “{s}”.",
            up.file_name
        )));
    }
    let changed_sheet = sheet.is_some() && sheet != up.sheet;
    let grid = pick(
        &grids,
        sheet.as_deref().or(up.sheet.as_deref()),
        &up.file_name,
    )?;
    let found = detect_with(grid, &[]);
    let mapping: Mapping = if changed_sheet {
        Vec::new()
    } else {
        if let Some((c, _)) = roles
            .iter()
            .find(|(c, _)| !found.columns.iter().any(|x| x.index == *c))
        {
            return Err(BackendError::Invalid(format!(
                "The sheet has no column {}.",
                column_letters(*c)
            )));
        }
        // Keep only the choices that differ from what the layout found.
        roles
            .into_iter()
            .filter(|(c, r)| found.columns.iter().any(|x| x.index == *c && x.role != *r))
            .collect()
    };
    let mapping_json = serde_json::to_string(&mapping).unwrap_or_else(|_| "[]".to_owned());
    let mut row: import_upload::ActiveModel = up.clone().into();
    row.sheet = Set(Some(grid.sheet.clone()));
    row.mapping = Set(mapping_json.clone());
    row.version = Set(new_version);
    row.update(&txn).await?;
    let mut message = if changed_sheet {
        format!("Showing the sheet “{}”.", grid.sheet)
    } else {
        "Column roles changed: the preview below follows them.".to_owned()
    };
    if remember && !changed_sheet {
        let layout = detect_with(grid, &mapping);
        let key = header_key(&layout);
        let headers: Vec<String> = layout.columns.iter().map(|c| c.header.clone()).collect();
        let headers = serde_json::to_string(&headers).unwrap_or_else(|_| "[]".to_owned());
        match saved_mapping(&txn, ed.forum.id, &key).await? {
            Some(m) => {
                let mut m: import_mapping::ActiveModel = m.into();
                m.mapping = Set(mapping_json);
                m.headers = Set(headers);
                m.saved_by = Set(ed.actor);
                m.saved_at = Set(ed.now);
                m.update(&txn).await?;
            }
            None => {
                import_mapping::ActiveModel {
                    forum_id: Set(ed.forum.id),
                    header_key: Set(key),
                    headers: Set(headers),
                    mapping: Set(mapping_json),
                    saved_by: Set(ed.actor),
                    saved_at: Set(ed.now),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
            }
        }
        message.push_str(" Saved for the next file with the same headings.");
    }
    txn.commit().await?;
    Ok(Saved {
        id,
        message,
        warnings: Vec::new(),
    })
}

/// Imports an upload into a strategy (see the module's rules); returns the strategy's URL name
/// and the report.
///
/// # Errors
/// Not found (upload or strategy of another forum); [`BackendError::Invalid`] (already imported,
/// a theme or action without a title); a conflict when the upload changed since the page was
/// shown; database errors. On any error nothing is saved.
pub async fn commit(
    db: &impl TransactionTrait,
    ed: &Editor<'_>,
    id: i32,
    version: i32,
    to: Destination,
) -> BackendResult<(String, ImportReport)> {
    let txn = crate::backend::db::write(db).await?;
    let (up, new_version) = claim_upload(&txn, ed, id, version).await?;
    let u = understand(&txn, &up).await?;
    let strategy_id = match to {
        Destination::Existing(sid) => sid,
        Destination::New(input) => create_strategy(&txn, ed, input).await?.0.id,
    };
    let report = commit_in(
        &txn,
        ed,
        strategy_id,
        &u.draft,
        &up.file_name,
        &up.file_sha256,
    )
    .await?;
    let slug = strategy::Entity::find_by_id(strategy_id)
        .one(&txn)
        .await?
        .map(|s| s.slug)
        .ok_or(BackendError::NotFound("strategy"))?;
    let mut row: import_upload::ActiveModel = up.into();
    row.committed_at = Set(Some(ed.now));
    row.strategy_id = Set(Some(strategy_id));
    row.report = Set(serde_json::to_string(&report).ok());
    row.content = Set(None);
    row.version = Set(new_version);
    row.update(&txn).await?;
    txn.commit().await?;
    Ok((slug, report))
}
