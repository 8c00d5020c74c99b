//! Finding the table in a sheet: its header row, what each column holds, and the themes.
//!
//! Rules, in the order [`detect_with`] applies them:
//! 1. Hidden rows are skipped (with a warning when they hold anything); blank rows are skipped.
//! 2. The header row is the row among the first 30 of the sheet whose cells name the most known
//!    headings (at least two): "Action", "Activity", "Target(s)", "Target/ Date", "Due", "Date",
//!    "Deadline", "Lead (agency)", "Partner(s)", "Resources", "Funding", "Baseline", "Target value",
//!    "Status", "Progress", "RAG", "Indicator", "Theme", "Section", "Ref", "Reference", "No.".
//!    Headings are compared without case or punctuation; a heading that is not known exactly is
//!    read by its first word ("Lead officer" is Lead). Ties go to the earlier row.
//! 3. Each column gets a [`ColumnRole`] from its heading (a merged heading gives its role to every
//!    column it covers); a column without a known heading is ignored, and so is a hidden column.
//!    `overrides` then replace the role of the columns they name.
//! 4. Non-blank rows above the header are title lines, except that the last of them opens the first
//!    theme when it is a single cell and the sheet's later sections look the same (the same fill,
//!    or each followed by a repeated header).
//! 5. Below the header, a row that repeats the header is skipped; a row whose only filled cell is
//!    in the table's first column, or is merged across columns, is a section row: its text names
//!    the theme of the rows that follow. Any other row is a data row.
//! 6. With a Theme column, a data row's theme is that cell (a blank cell keeps the theme of the
//!    row above, as a vertically merged cell does); otherwise the current section's. Rows before
//!    any section belong to a theme named after the sheet.
//! 7. A section with no rows under it (a closing note, say) becomes a note, with a warning.
//!
//! Warnings name sheet rows as people see them: row 1 is the first row.
use super::grid::{Grid, GridCell, GridRow, column_letters};
use serde::{Deserialize, Serialize};

/// How many rows from the top the header is looked for in.
pub const HEADER_SEARCH_ROWS: usize = 30;

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnRole {
    /// The action's title.
    Action,
    /// What will be done.
    Activity,
    /// The targets, one per line.
    Target,
    /// The due date.
    Due,
    /// The lead partner.
    Lead,
    /// Supporting partners.
    Partners,
    /// Resources and funding.
    Resources,
    /// The baseline value.
    Baseline,
    /// The target value.
    TargetValue,
    /// The status ("Complete", "In progress").
    Status,
    /// A red / amber / green rating, as text or a fill colour.
    Rag,
    /// An indicator code or name.
    Indicator,
    /// The theme the row belongs to.
    Theme,
    /// A reference number that identifies the row between imports.
    Reference,
    /// The kind of a target's value ("Count", "Percentage"): when a row gives it, the target is
    /// read from its columns (title, kind, direction, values, due date) rather than guessed from
    /// its words, as in a file ForumPlan exported.
    Kind,
    /// Which way a target's value should go ("at least", "at most", "within").
    Direction,
    /// The low end of a target's band.
    BandLow,
    /// The high end of a target's band.
    BandHigh,
    /// The population a rate is per ("10000": per 10,000 population).
    PopulationBase,
    /// A target's own due date.
    TargetDue,
    /// What a count counts ("meetings").
    Unit,
    /// How often a target reports ("Quarterly").
    Frequency,
    /// The action's due date in the plan's words ("by March 2007"), beside a Due column's date.
    DueText,
    /// Not imported.
    Ignore,
}

crate::domain::target::text_enum!(ColumnRole, "column role",
    Action => "action", "Action",
    Activity => "activity", "Activity",
    Target => "target", "Target",
    Due => "due", "Due",
    Lead => "lead", "Lead",
    Partners => "partners", "Partners",
    Resources => "resources", "Resources",
    Baseline => "baseline", "Baseline",
    TargetValue => "target_value", "Target value",
    Status => "status", "Status",
    Rag => "rag", "RAG",
    Indicator => "indicator", "Indicator",
    Theme => "theme", "Theme",
    Reference => "reference", "Reference",
    Kind => "kind", "Kind of value",
    Direction => "direction", "Direction",
    BandLow => "band_low", "Band low",
    BandHigh => "band_high", "Band high",
    PopulationBase => "population_base", "Population base",
    TargetDue => "target_due", "Target due",
    Unit => "unit", "Unit",
    Frequency => "frequency", "Reporting frequency",
    DueText => "due_text", "Due, as written",
    Ignore => "ignore", "Ignore",
);

impl ColumnRole {
    /// Whether several columns of this role are read together (their texts joined), rather than
    /// only the first.
    pub fn joins(self) -> bool {
        matches!(
            self,
            ColumnRole::Activity
                | ColumnRole::Target
                | ColumnRole::Partners
                | ColumnRole::Resources
                | ColumnRole::Indicator
        )
    }
}

/// One column of the table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    /// 0-based column (0 = A).
    pub index: usize,
    /// The heading's text ("" when it has none).
    pub header: String,
    /// What the column holds.
    pub role: ColumnRole,
    /// Whether the column is hidden in the workbook.
    pub hidden: bool,
}

/// A data row: one action, usually.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DataRow {
    /// The row in the sheet, 0-based.
    pub row: usize,
    /// Its cells; `cells[i]` is column `i`.
    pub cells: Vec<GridCell>,
}

/// A theme and its data rows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThemeBlock {
    /// The theme's title.
    pub title: String,
    /// The section row that named it, 0-based, when one did.
    pub row: Option<usize>,
    /// Its rows, in sheet order.
    pub rows: Vec<DataRow>,
}

/// Something a person should check, tied to a row when it concerns one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowWarning {
    /// The sheet row, 1-based as people count them.
    pub row: Option<usize>,
    /// What to check, as a sentence.
    pub message: String,
}

/// What [`detect`] understood of a sheet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Layout {
    /// The sheet's name.
    pub sheet: String,
    /// The header row, 0-based, when one was found.
    pub header_row: Option<usize>,
    /// Every column, in order.
    pub columns: Vec<Column>,
    /// The text of the rows above the header (titles), one line per row.
    pub title_lines: Vec<String>,
    /// The themes, in the order they appear.
    pub themes: Vec<ThemeBlock>,
    /// Section rows with nothing under them, such as a closing note.
    pub notes: Vec<String>,
    /// What a person should check.
    pub warnings: Vec<RowWarning>,
}

impl Layout {
    /// The first column of a role.
    pub fn column(&self, role: ColumnRole) -> Option<usize> {
        self.columns
            .iter()
            .find(|c| c.role == role)
            .map(|c| c.index)
    }

    /// A row's cell in the first column of a role.
    pub fn cell<'a>(&self, row: &'a DataRow, role: ColumnRole) -> Option<&'a GridCell> {
        row.cells.get(self.column(role)?)
    }

    /// A row's text for a role, trimmed: every column of a joining role ([`ColumnRole::joins`]),
    /// one per line, or the first column's otherwise.
    pub fn text(&self, row: &DataRow, role: ColumnRole) -> String {
        let texts: Vec<String> = self
            .columns
            .iter()
            .filter(|c| c.role == role)
            .take(if role.joins() { usize::MAX } else { 1 })
            .filter_map(|c| row.cells.get(c.index))
            .map(|cell| cell.value.text().trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect();
        texts.join("\n")
    }

    /// How many data rows there are in all themes.
    pub fn row_count(&self) -> usize {
        self.themes.iter().map(|t| t.rows.len()).sum()
    }

    fn warn(&mut self, row: Option<usize>, message: String) {
        self.warnings.push(RowWarning {
            row: row.map(|r| r + 1),
            message,
        });
    }
}

/// Finds the table in a sheet (see the module's rules).
pub fn detect(grid: &Grid) -> Layout {
    detect_with(grid, &[])
}

/// [`detect`], with the roles of some columns (0-based) set by a person.
pub fn detect_with(grid: &Grid, overrides: &[(usize, ColumnRole)]) -> Layout {
    let mut layout = Layout {
        sheet: grid.sheet.clone(),
        header_row: None,
        columns: Vec::new(),
        title_lines: Vec::new(),
        themes: Vec::new(),
        notes: Vec::new(),
        warnings: Vec::new(),
    };
    let rows = visible_rows(grid, &mut layout);
    let header_at = find_header(&rows);
    layout.header_row = header_at.map(|i| rows[i].index);
    let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let inferred = infer_roles(header_at.map(|i| rows[i]), width);
    layout.columns = make_columns(
        grid,
        header_at.map(|i| rows[i]),
        &inferred,
        &mut layout.warnings,
    );
    apply_overrides(&mut layout, overrides);
    warn_duplicates(&mut layout);
    let body_start = header_at.map_or(0, |i| i + 1);
    layout.title_lines = rows[..header_at.unwrap_or(0)]
        .iter()
        .map(|r| row_line(r))
        .collect();
    let table = Table {
        inferred: &inferred,
        header_score: header_at.map_or(0, |i| header_score(rows[i])),
        first_col: first_heading_col(header_at.map(|i| rows[i])),
        hidden: layout.columns.iter().map(|c| c.hidden).collect(),
    };
    let first_section = adopt_first_section(&rows, header_at, &table);
    if first_section.is_some() {
        layout.title_lines.pop();
    }
    group_rows(&mut layout, &rows[body_start..], first_section, &table);
    warn_unheaded(&mut layout);
    layout
}

/// What row classification needs to know about the table.
struct Table<'a> {
    inferred: &'a [ColumnRole],
    header_score: usize,
    first_col: usize,
    hidden: Vec<bool>,
}

/// What a row below the header is.
#[derive(Debug, PartialEq)]
enum RowKind {
    RepeatedHeader,
    Section(String),
    Data,
}

fn visible_rows<'a>(grid: &'a Grid, layout: &mut Layout) -> Vec<&'a GridRow> {
    let mut out = Vec::new();
    for row in &grid.rows {
        if row.is_blank() {
            continue;
        }
        if row.hidden {
            layout.warn(
                Some(row.index),
                format!("row {} is hidden: skipped", row.index + 1),
            );
            continue;
        }
        out.push(row);
    }
    out
}

/// The position (in `rows`) of the header row.
fn find_header(rows: &[&GridRow]) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (i, row) in rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.index < HEADER_SEARCH_ROWS)
    {
        let score = header_score(row);
        if score >= 2 && best.is_none_or(|(_, s)| score > s) {
            best = Some((i, score));
        }
    }
    best.map(|(i, _)| i)
}

/// How many of a row's cells are known headings.
fn header_score(row: &GridRow) -> usize {
    row.cells
        .iter()
        .filter(|c| heading_role(&c.value.text()).is_some())
        .count()
}

/// A heading's text, lower case, punctuation as spaces, one space between words.
fn normalise(text: &str) -> String {
    let spaced: String = text
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The role a heading names, if it is a known one.
pub fn heading_role(text: &str) -> Option<ColumnRole> {
    use ColumnRole as R;
    const EXACT: &[(&str, ColumnRole)] = &[
        ("action", R::Action),
        ("actions", R::Action),
        ("action title", R::Action),
        ("activity", R::Activity),
        ("activities", R::Activity),
        ("description", R::Activity),
        ("target", R::Target),
        ("targets", R::Target),
        ("target date", R::Target),
        ("targets date", R::Target),
        ("targets dates", R::Target),
        ("outcome", R::Target),
        ("outcomes", R::Target),
        ("due", R::Due),
        ("date", R::Due),
        ("due date", R::Due),
        ("deadline", R::Due),
        ("timescale", R::Due),
        ("timescales", R::Due),
        ("by when", R::Due),
        ("completion date", R::Due),
        ("lead", R::Lead),
        ("lead agency", R::Lead),
        ("lead partner", R::Lead),
        ("lead officer", R::Lead),
        ("owner", R::Lead),
        ("partner", R::Partners),
        ("partners", R::Partners),
        ("supporting partners", R::Partners),
        ("partner agencies", R::Partners),
        ("resources", R::Resources),
        ("resource", R::Resources),
        ("funding", R::Resources),
        ("budget", R::Resources),
        ("baseline", R::Baseline),
        ("target value", R::TargetValue),
        ("status", R::Status),
        ("progress", R::Status),
        ("rag", R::Rag),
        ("rag status", R::Rag),
        ("rag rating", R::Rag),
        ("indicator", R::Indicator),
        ("indicators", R::Indicator),
        ("performance indicator", R::Indicator),
        ("theme", R::Theme),
        ("section", R::Theme),
        ("priority", R::Theme),
        ("kind", R::Kind),
        ("kind of value", R::Kind),
        ("value kind", R::Kind),
        ("direction", R::Direction),
        ("band low", R::BandLow),
        ("band high", R::BandHigh),
        ("population base", R::PopulationBase),
        ("per population", R::PopulationBase),
        ("target due", R::TargetDue),
        ("unit", R::Unit),
        ("units", R::Unit),
        ("frequency", R::Frequency),
        ("reporting frequency", R::Frequency),
        ("target due date", R::TargetDue),
        ("due as written", R::DueText),
        ("ref", R::Reference),
        ("reference", R::Reference),
        ("no", R::Reference),
        ("ref no", R::Reference),
        ("number", R::Reference),
        ("id", R::Reference),
    ];
    if text.trim() == "#" {
        return Some(ColumnRole::Reference);
    }
    let norm = normalise(text);
    if norm.is_empty() || norm.len() > 40 {
        return None;
    }
    if let Some((_, role)) = EXACT.iter().find(|(k, _)| *k == norm) {
        return Some(*role);
    }
    let first = norm.split(' ').next()?;
    EXACT
        .iter()
        .find(|(k, _)| *k == first && first.len() > 2)
        .map(|(_, r)| *r)
}

/// The role of each column from the header row; a merged heading covers its columns.
fn infer_roles(header: Option<&GridRow>, width: usize) -> Vec<ColumnRole> {
    let mut roles = vec![ColumnRole::Ignore; width];
    let Some(header) = header else { return roles };
    for (i, cell) in header.cells.iter().enumerate() {
        if let Some(role) = heading_role(&cell.value.text()) {
            for r in roles.iter_mut().skip(i).take(usize::from(cell.span.max(1))) {
                *r = role;
            }
        }
    }
    roles
}

fn make_columns(
    grid: &Grid,
    header: Option<&GridRow>,
    inferred: &[ColumnRole],
    warnings: &mut Vec<RowWarning>,
) -> Vec<Column> {
    (0..inferred.len())
        .map(|index| {
            let header_text = header
                .and_then(|h| h.cell(index))
                .map(|c| c.value.text().trim().to_owned())
                .unwrap_or_default();
            let hidden = grid
                .rows
                .iter()
                .any(|r| r.cell(index).is_some_and(|c| c.hidden_column));
            let mut role = inferred[index];
            if hidden {
                if role != ColumnRole::Ignore || !header_text.is_empty() {
                    warnings.push(RowWarning {
                        row: None,
                        message: format!(
                            "column {} ('{header_text}') is hidden: ignored",
                            column_letters(index)
                        ),
                    });
                }
                role = ColumnRole::Ignore;
            }
            Column {
                index,
                header: header_text,
                role,
                hidden,
            }
        })
        .collect()
}

fn apply_overrides(layout: &mut Layout, overrides: &[(usize, ColumnRole)]) {
    for &(index, role) in overrides {
        while layout.columns.len() <= index {
            let i = layout.columns.len();
            layout.columns.push(Column {
                index: i,
                header: String::new(),
                role: ColumnRole::Ignore,
                hidden: false,
            });
        }
        layout.columns[index].role = role;
    }
}

fn warn_duplicates(layout: &mut Layout) {
    let mut messages = Vec::new();
    for (i, col) in layout.columns.iter().enumerate() {
        if col.role == ColumnRole::Ignore || col.role.joins() {
            continue;
        }
        if let Some(first) = layout.columns[..i].iter().find(|c| c.role == col.role) {
            messages.push(format!(
                "columns {} and {} are both read as {}: only {} is used",
                column_letters(first.index),
                column_letters(col.index),
                col.role.label(),
                column_letters(first.index)
            ));
        }
    }
    for m in messages {
        layout.warn(None, m);
    }
}

/// The index of the header's first filled cell.
fn first_heading_col(header: Option<&GridRow>) -> usize {
    header
        .and_then(|h| h.cells.iter().position(|c| !c.is_blank()))
        .unwrap_or(0)
}

/// A row's text as one line: its filled cells joined by spaces.
fn row_line(row: &GridRow) -> String {
    row.cells
        .iter()
        .filter(|c| !c.is_blank())
        .map(|c| {
            c.value
                .text()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The single filled cell of a section row, if the row is one.
fn section_cell<'a>(row: &'a GridRow, table: &Table<'_>) -> Option<&'a GridCell> {
    let mut filled = row
        .cells
        .iter()
        .enumerate()
        .filter(|(i, c)| !c.is_blank() && !table.hidden.get(*i).copied().unwrap_or(false));
    let (i, cell) = filled.next()?;
    if filled.next().is_some() {
        return None;
    }
    (i <= table.first_col || cell.span > 1).then_some(cell)
}

fn classify(row: &GridRow, table: &Table<'_>) -> RowKind {
    if is_repeated_header(row, table) {
        return RowKind::RepeatedHeader;
    }
    match section_cell(row, table) {
        Some(cell) => RowKind::Section(
            cell.value
                .text()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        ),
        None => RowKind::Data,
    }
}

/// Whether a row names the same headings as the header, in the same columns.
fn is_repeated_header(row: &GridRow, table: &Table<'_>) -> bool {
    let matching = row
        .cells
        .iter()
        .enumerate()
        .filter(|(i, c)| {
            heading_role(&c.value.text()).is_some_and(|r| table.inferred.get(*i) == Some(&r))
        })
        .count();
    matching >= 2 && matching * 2 >= table.header_score
}

/// The title of the first theme when the row just above the header opens it (rule 4).
fn adopt_first_section(
    rows: &[&GridRow],
    header_at: Option<usize>,
    table: &Table<'_>,
) -> Option<(String, usize)> {
    let h = header_at.filter(|h| *h > 0)?;
    let above = rows[h - 1];
    let cell = section_cell(above, table)?;
    let later: Vec<usize> = (h + 1..rows.len())
        .filter(|&i| matches!(classify(rows[i], table), RowKind::Section(_)))
        .collect();
    let same_fill = cell.fill.is_some()
        && later
            .iter()
            .any(|&i| section_cell(rows[i], table).is_some_and(|c| c.fill == cell.fill));
    let headed = !later.is_empty()
        && later.iter().all(|&i| {
            rows.get(i + 1)
                .is_some_and(|r| is_repeated_header(r, table))
        });
    (same_fill || headed).then(|| {
        (
            cell.value
                .text()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            above.index,
        )
    })
}

/// Sorts the rows below the header into themes (rules 5 to 7).
fn group_rows(
    layout: &mut Layout,
    rows: &[&GridRow],
    first: Option<(String, usize)>,
    table: &Table<'_>,
) {
    let theme_col = layout.column(ColumnRole::Theme);
    let mut current: Option<(String, Option<usize>)> = first.map(|(t, r)| (t, Some(r)));
    let mut themes: Vec<ThemeBlock> = Vec::new();
    if let Some((title, row)) = &current {
        themes.push(ThemeBlock {
            title: title.clone(),
            row: *row,
            rows: Vec::new(),
        });
    }
    for row in rows {
        match classify(row, table) {
            RowKind::RepeatedHeader => {}
            RowKind::Section(title)
                if theme_col.is_none_or(|c| row.cell(c).is_none_or(GridCell::is_blank)) =>
            {
                themes.push(ThemeBlock {
                    title: title.clone(),
                    row: Some(row.index),
                    rows: Vec::new(),
                });
                current = Some((title, Some(row.index)));
            }
            _ => {
                let title = row_theme(row, theme_col, &current, &layout.sheet);
                if theme_col.is_some() {
                    current = Some((title.clone(), current.and_then(|c| c.1)));
                }
                let data = DataRow {
                    row: row.index,
                    cells: row.cells.clone(),
                };
                let at = if theme_col.is_some() {
                    themes.iter().position(|t| t.title == title)
                } else {
                    themes
                        .len()
                        .checked_sub(1)
                        .filter(|&i| themes[i].title == title)
                };
                match at {
                    Some(i) => themes[i].rows.push(data),
                    None => themes.push(ThemeBlock {
                        title,
                        row: None,
                        rows: vec![data],
                    }),
                }
            }
        }
    }
    for block in themes {
        if block.rows.is_empty() {
            layout.warn(
                block.row,
                format!(
                    "'{}' has no rows under it: kept as a note, not a theme",
                    block.title
                ),
            );
            layout.notes.push(block.title);
        } else {
            layout.themes.push(block);
        }
    }
}

/// The theme a data row belongs to.
fn row_theme(
    row: &GridRow,
    theme_col: Option<usize>,
    current: &Option<(String, Option<usize>)>,
    sheet: &str,
) -> String {
    let own = theme_col
        .and_then(|c| row.cell(c))
        .map(|c| {
            c.value
                .text()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|t| !t.is_empty());
    own.or_else(|| current.as_ref().map(|c| c.0.clone()))
        .unwrap_or_else(|| sheet.to_owned())
}

/// Warns once per column that holds text but has no heading and no role.
fn warn_unheaded(layout: &mut Layout) {
    let mut messages = Vec::new();
    for col in layout
        .columns
        .iter()
        .filter(|c| c.role == ColumnRole::Ignore && c.header.is_empty() && !c.hidden)
    {
        let first = layout
            .themes
            .iter()
            .flat_map(|t| &t.rows)
            .find(|r| r.cells.get(col.index).is_some_and(|c| !c.is_blank()));
        if let Some(r) = first {
            messages.push((
                r.row,
                format!(
                    "column {} has text but no heading: ignored unless you choose what it holds",
                    column_letters(col.index)
                ),
            ));
        }
    }
    if layout.header_row.is_none() {
        messages.push((0, format!(
            "no header row found in the first {HEADER_SEARCH_ROWS} rows: choose what each column holds"
        )));
    }
    for (row, m) in messages {
        layout.warn(Some(row), m);
    }
}

#[cfg(test)]
mod tests;

/// Column roles from a mapping file's entries: each key is a column letter ("C") or a heading
/// as written (without case), each value a role's stored name ("action", "target_value",
/// "ignore").
///
/// # Errors
/// A message naming the first key that is no column of `layout` or value that is no role.
pub fn roles_from_names(
    entries: &[(String, String)],
    layout: &Layout,
) -> Result<Vec<(usize, ColumnRole)>, String> {
    let mut out = Vec::new();
    for (key, value) in entries {
        let wanted = key.trim().to_lowercase();
        let column = layout
            .columns
            .iter()
            .find(|c| column_letters(c.index).to_lowercase() == wanted)
            .or_else(|| {
                layout
                    .columns
                    .iter()
                    .find(|c| c.header.trim().to_lowercase() == wanted)
            })
            .ok_or_else(|| {
                format!("the sheet has no column or heading “{key}” (use a letter such as C, or a heading as written)")
            })?;
        let role: ColumnRole = value
            .trim()
            .to_lowercase()
            .replace(' ', "_")
            .parse()
            .map_err(|_| {
                let names: Vec<&str> = ColumnRole::ALL.iter().map(|r| r.as_str()).collect();
                format!(
                    "“{value}” is not a column role: use one of {}",
                    names.join(", ")
                )
            })?;
        out.push((column.index, role));
    }
    Ok(out)
}
