//! Exports of a forum's plan and update history as `.xlsx` or `.csv` (the columns and the rules
//! are in `domain::spreadsheet`). Reading runs a fixed number of queries whatever the size of the
//! plan: the tree (six), then the actions' supporting partners and resources (three).
//!
//! Who may export is decided by the caller (the route and the command line): whoever sees the
//! forum's pages sees the same figures and narratives here. Exports are for people inside the
//! forum and are not suppressed; funders get share links (`backend::share`).
use crate::backend::entity::{
    action, action_partner, action_resource, forum, partner, progress_update, resource, strategy,
    target, theme,
};
use crate::backend::error::{BackendError, BackendResult};
use crate::backend::plan::{calendar, live_strategies, number_of, state_label};
use crate::backend::tree::Tree;
use crate::domain::period::Period;
use crate::domain::spreadsheet::{
    Cell, ExportContent, ExportFormat, ExportRequest, PLAN_COLUMNS, SheetLayout, Table,
    UPDATE_COLUMNS, file_name, neutralise, sheet_name, to_csv,
};
use crate::domain::target::TargetKind;
use chrono::{Datelike, NaiveDate};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;

/// A finished export.
#[derive(Clone, Debug)]
pub struct Export {
    /// The file's suggested name.
    pub file_name: String,
    /// Its HTTP content type.
    pub content_type: &'static str,
    /// The file.
    pub bytes: Vec<u8>,
    /// How many data rows it holds (all sheets together).
    pub rows: usize,
}

/// Exports the forum's plan or update history (see the module's docs).
///
/// # Errors
/// [`BackendError::NotFound`] when the request names a strategy the forum does not have (or has
/// archived); database errors; [`BackendError::Corrupt`] for stored data that cannot be read.
#[tracing::instrument(skip(db, forum), fields(forum = %forum.slug))]
pub async fn export(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
    request: &ExportRequest,
    today: NaiveDate,
) -> BackendResult<Export> {
    let mut strategies = live_strategies(db, forum.id).await?;
    if let Some(slug) = &request.strategy {
        strategies.retain(|s| &s.slug == slug);
        if strategies.is_empty() {
            return Err(BackendError::NotFound("strategy"));
        }
    }
    let tree = match request.content {
        ExportContent::Plan => Tree::load(db, forum, strategies, today).await?,
        ExportContent::Updates => Tree::load_with_history(db, forum, strategies, today).await?,
    };
    let links = Links::load(db, forum.id, &tree).await?;
    let tables = match request.content {
        ExportContent::Plan => plan_tables(&tree, &links, request.layout)?,
        ExportContent::Updates => update_tables(&tree, request.layout)?,
    };
    let rows = tables.iter().map(|t| t.rows.len()).sum();
    let bytes = match request.format {
        ExportFormat::Csv => to_csv(&tables).into_bytes(),
        ExportFormat::Xlsx => xlsx(&tables)?,
    };
    Ok(Export {
        file_name: file_name(&forum.slug, request.strategy.as_deref(), request),
        content_type: request.format.content_type(),
        bytes,
        rows,
    })
}

/// [`export`] with statuses as at the forum's date today (a training forum's fixed date, or
/// today).
///
/// # Errors
/// As [`export`].
pub async fn export_now(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
    request: &ExportRequest,
) -> BackendResult<Export> {
    let today = crate::backend::progress::forum_today(forum, chrono::Utc::now().date_naive());
    export(db, forum, request, today).await
}

/// The supporting partners and resources of the tree's actions.
struct Links {
    supporting: HashMap<i32, Vec<String>>,
    resources: HashMap<i32, Vec<String>>,
}

impl Links {
    async fn load(
        db: &impl ConnectionTrait,
        forum_id: i32,
        tree: &Tree<'_>,
    ) -> BackendResult<Links> {
        let ids: Vec<i32> = tree.actions.values().flatten().map(|a| a.id).collect();
        let mut supporting: HashMap<i32, Vec<String>> = HashMap::new();
        let mut resource_links = Vec::new();
        for chunk in ids.chunks(900) {
            for link in action_partner::Entity::find()
                .filter(action_partner::Column::ActionId.is_in(chunk.to_vec()))
                .all(db)
                .await?
            {
                if let Some(p) = tree.partners.get(&link.partner_id) {
                    supporting
                        .entry(link.action_id)
                        .or_default()
                        .push(label(p).to_owned());
                }
            }
            resource_links.extend(
                action_resource::Entity::find()
                    .filter(action_resource::Column::ActionId.is_in(chunk.to_vec()))
                    .all(db)
                    .await?,
            );
        }
        let names: HashMap<i32, String> = resource::Entity::find()
            .filter(resource::Column::ForumId.eq(forum_id))
            .all(db)
            .await?
            .into_iter()
            .map(|r| (r.id, r.name))
            .collect();
        let mut resources: HashMap<i32, Vec<String>> = HashMap::new();
        for link in resource_links {
            if let Some(name) = names.get(&link.resource_id) {
                resources
                    .entry(link.action_id)
                    .or_default()
                    .push(name.clone());
            }
        }
        for list in supporting.values_mut().chain(resources.values_mut()) {
            list.sort_by_key(|n| n.to_lowercase());
        }
        Ok(Links {
            supporting,
            resources,
        })
    }
}

/// The name a plan uses for a partner: its short name, or its name.
fn label(p: &partner::Model) -> &str {
    p.short_name
        .as_deref()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or(&p.name)
}

/// Every (strategy, theme) of the tree, in order.
fn themes<'t>(tree: &'t Tree<'_>) -> Vec<(&'t strategy::Model, &'t theme::Model)> {
    tree.strategies
        .iter()
        .flat_map(|s| {
            tree.themes
                .get(&s.id)
                .into_iter()
                .flatten()
                .map(move |th| (s, th))
        })
        .collect()
}

/// The rows of each theme made into tables: one per theme, or all on one sheet called `flat`.
fn arrange(
    per_theme: Vec<(String, Vec<Vec<Cell>>)>,
    layout: SheetLayout,
    columns: &[crate::domain::spreadsheet::ColumnSpec],
    flat: &str,
) -> Vec<Table> {
    match layout {
        SheetLayout::Flat => vec![Table {
            name: flat.to_owned(),
            columns: columns.to_vec(),
            rows: per_theme.into_iter().flat_map(|(_, rows)| rows).collect(),
        }],
        SheetLayout::PerTheme => {
            let mut taken: Vec<String> = Vec::new();
            let mut tables = Vec::new();
            for (title, rows) in per_theme {
                let name = sheet_name(&title, &taken);
                taken.push(name.clone());
                tables.push(Table {
                    name,
                    columns: columns.to_vec(),
                    rows,
                });
            }
            if tables.is_empty() {
                tables.push(Table {
                    name: flat.to_owned(),
                    columns: columns.to_vec(),
                    rows: Vec::new(),
                });
            }
            tables
        }
    }
}

fn plan_tables(tree: &Tree<'_>, links: &Links, layout: SheetLayout) -> BackendResult<Vec<Table>> {
    let mut per_theme = Vec::new();
    for (st, th) in themes(tree) {
        let mut rows = Vec::new();
        for a in tree.actions.get(&th.id).into_iter().flatten() {
            let targets: Vec<&target::Model> =
                tree.targets.get(&a.id).into_iter().flatten().collect();
            let first = action_cells(tree, links, a);
            if targets.is_empty() {
                let mut row = vec![Cell::text(&st.title), Cell::text(&th.title)];
                row.extend(first.iter().cloned());
                row.extend(std::iter::repeat_n(Cell::Empty, PLAN_COLUMNS.len() - 10));
                rows.push(row);
            }
            for (i, t) in targets.into_iter().enumerate() {
                let mut row = vec![Cell::text(&st.title), Cell::text(&th.title)];
                if i == 0 {
                    row.extend(first.iter().cloned());
                } else {
                    row.extend(std::iter::repeat_n(Cell::Empty, 8));
                }
                row.extend(target_cells(tree, st, t)?);
                rows.push(row);
            }
        }
        per_theme.push((th.title.clone(), rows));
    }
    Ok(arrange(per_theme, layout, &PLAN_COLUMNS, "Plan"))
}

/// Ref, Action, Activity, Lead, Partners, Resources, Due, Due as written.
fn action_cells(tree: &Tree<'_>, links: &Links, a: &action::Model) -> Vec<Cell> {
    let join =
        |list: Option<&Vec<String>>| Cell::text(list.map(|l| l.join("\n")).unwrap_or_default());
    vec![
        Cell::opt_text(a.reference.as_deref()),
        Cell::text(&a.title),
        Cell::opt_text(a.activity.as_deref()),
        Cell::opt_text(
            a.lead_partner_id
                .and_then(|id| tree.partners.get(&id))
                .map(label),
        ),
        join(links.supporting.get(&a.id)),
        join(links.resources.get(&a.id)),
        Cell::opt_date(a.due_date),
        Cell::opt_text(a.due_text.as_deref()),
    ]
}

/// Target to Status (see `PLAN_COLUMNS`).
fn target_cells(
    tree: &Tree<'_>,
    st: &strategy::Model,
    t: &target::Model,
) -> BackendResult<Vec<Cell>> {
    let row = tree.assessor.row(t, st)?;
    let kind: TargetKind = t
        .kind
        .parse()
        .map_err(|e| BackendError::Corrupt(format!("{e}")))?;
    let direction: crate::domain::target::Direction = t
        .direction
        .parse()
        .map_err(|e| BackendError::Corrupt(format!("{e}")))?;
    let latest = tree.assessor.current(t, st);
    let cal = calendar(tree.assessor.forum());
    #[expect(
        clippy::cast_precision_loss,
        reason = "a population base is far below 2^52"
    )]
    let population = t.population_per.map(|p| p as f64);
    Ok(vec![
        Cell::text(&t.title),
        Cell::text(kind.label()),
        Cell::text(direction.label()),
        Cell::opt_number(t.baseline),
        Cell::opt_number(t.target_value),
        Cell::opt_number(t.band_low),
        Cell::opt_number(t.band_high),
        Cell::opt_number(population),
        Cell::opt_text(t.unit.as_deref()),
        Cell::text(
            t.frequency
                .parse::<crate::domain::target::Frequency>()
                .map_or(t.frequency.as_str(), |f| f.label()),
        ),
        Cell::opt_text(
            row.indicator
                .as_ref()
                .map(|i| format!("{}: {}", i.framework, i.code))
                .as_deref(),
        ),
        Cell::opt_date(t.due_date),
        latest.map_or(Cell::Empty, |u| value_cell(kind, u)),
        latest.map_or(Cell::Empty, |u| {
            Cell::text(cal.label(Period {
                start: u.period_start,
                end: u.period_end,
            }))
        }),
        Cell::text(row.status.label()),
    ])
}

/// An update's value as a cell: a number for counts, percentages and amounts (a percentage
/// recorded as "how many of how many" as its percentage), "Yes"/"No", a date, or text.
fn value_cell(kind: TargetKind, u: &progress_update::Model) -> Cell {
    match kind {
        TargetKind::YesNo => u
            .value_bool
            .map_or(Cell::Empty, |b| Cell::text(if b { "Yes" } else { "No" })),
        TargetKind::Milestone => u
            .value_date
            .map(Cell::Date)
            .or_else(|| {
                u.value_bool
                    .map(|b| Cell::text(if b { "Reached" } else { "Not yet" }))
            })
            .unwrap_or_else(|| Cell::opt_text(u.value_text.as_deref())),
        TargetKind::Text => Cell::opt_text(u.value_text.as_deref()),
        TargetKind::Count | TargetKind::Percentage | TargetKind::Currency => {
            number_of(u).map_or_else(|| Cell::opt_text(u.value_text.as_deref()), Cell::Number)
        }
    }
}

fn update_tables(tree: &Tree<'_>, layout: SheetLayout) -> BackendResult<Vec<Table>> {
    let cal = calendar(tree.assessor.forum());
    let mut per_theme = Vec::new();
    for (st, th) in themes(tree) {
        let mut rows = Vec::new();
        for a in tree.actions.get(&th.id).into_iter().flatten() {
            for t in tree.targets.get(&a.id).into_iter().flatten() {
                let kind: TargetKind = t
                    .kind
                    .parse()
                    .map_err(|e| BackendError::Corrupt(format!("{e}")))?;
                // Oldest first, as a history is read.
                for u in tree.assessor.history(t.id).iter().rev() {
                    rows.push(vec![
                        Cell::text(&st.title),
                        Cell::text(&th.title),
                        Cell::opt_text(a.reference.as_deref()),
                        Cell::text(&a.title),
                        Cell::text(&t.title),
                        Cell::text(kind.label()),
                        Cell::text(cal.label(Period {
                            start: u.period_start,
                            end: u.period_end,
                        })),
                        Cell::Date(u.period_start),
                        Cell::Date(u.period_end),
                        value_cell(kind, u),
                        Cell::opt_number(u.value_numerator),
                        Cell::opt_number(u.value_denominator),
                        Cell::text(state_label(&u.state)),
                        Cell::text(if u.is_public { "Yes" } else { "No" }),
                        Cell::opt_text(u.narrative.as_deref()),
                        Cell::opt_text(u.evidence_url.as_deref()),
                        Cell::opt_date(u.submitted_at.map(|d| d.date_naive())),
                        Cell::opt_date(u.decided_at.map(|d| d.date_naive())),
                    ]);
                }
            }
        }
        per_theme.push((th.title.clone(), rows));
    }
    Ok(arrange(per_theme, layout, &UPDATE_COLUMNS, "Updates"))
}

/// The tables as an Excel workbook: a bold, frozen header row with a filter, the columns'
/// widths, numbers as numbers and dates as dates (shown `yyyy-mm-dd`), text neutralised.
fn xlsx(tables: &[Table]) -> BackendResult<Vec<u8>> {
    use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook};
    let fail =
        |e: rust_xlsxwriter::XlsxError| BackendError::Corrupt(format!("writing the workbook: {e}"));
    let too_big = |what: &str| {
        BackendError::Invalid(format!(
            "The export has too many {what} for a workbook: export one strategy, or as CSV."
        ))
    };
    let mut workbook = Workbook::new();
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let text = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let number = Format::new().set_align(FormatAlign::Top);
    let date = Format::new()
        .set_num_format("yyyy-mm-dd")
        .set_align(FormatAlign::Top);
    for table in tables {
        let sheet = workbook.add_worksheet();
        sheet.set_name(&table.name).map_err(fail)?;
        for (c, column) in table.columns.iter().enumerate() {
            let c = u16::try_from(c).map_err(|_| too_big("columns"))?;
            sheet
                .write_string_with_format(0, c, column.header, &header)
                .map_err(fail)?;
            sheet
                .set_column_width(c, f64::from(column.width))
                .map_err(fail)?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            let r = u32::try_from(r + 1).map_err(|_| too_big("rows"))?;
            for (c, cell) in row.iter().enumerate() {
                let c = u16::try_from(c).map_err(|_| too_big("columns"))?;
                match cell {
                    Cell::Empty => {}
                    Cell::Text(t) => {
                        sheet
                            .write_string_with_format(r, c, neutralise(t).as_ref(), &text)
                            .map_err(fail)?;
                    }
                    Cell::Number(n) => {
                        sheet
                            .write_number_with_format(r, c, *n, &number)
                            .map_err(fail)?;
                    }
                    Cell::Date(d) => {
                        let day = ExcelDateTime::from_ymd(
                            u16::try_from(d.year()).map_err(|_| too_big("years"))?,
                            u8::try_from(d.month()).unwrap_or(1),
                            u8::try_from(d.day()).unwrap_or(1),
                        )
                        .map_err(fail)?;
                        sheet
                            .write_datetime_with_format(r, c, &day, &date)
                            .map_err(fail)?;
                    }
                }
            }
        }
        sheet.set_freeze_panes(1, 0).map_err(fail)?;
        if let Some(last) = table.columns.len().checked_sub(1) {
            let last_row = u32::try_from(table.rows.len()).map_err(|_| too_big("rows"))?;
            let last_col = u16::try_from(last).map_err(|_| too_big("columns"))?;
            sheet.autofilter(0, 0, last_row, last_col).map_err(fail)?;
        }
    }
    workbook.save_to_buffer().map_err(fail)
}
