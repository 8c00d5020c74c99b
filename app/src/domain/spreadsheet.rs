//! Exports: what a person can ask for (a strategy's plan or its update history, as `.xlsx` or
//! `.csv`, on one sheet or one sheet per theme), the table an export is made of, and the rules
//! that keep a file safe to open.
//!
//! # The plan's columns
//! One row per target; an action without targets has one row with the target cells blank. An
//! action's own cells (reference, title, activity, partners, resources, due) are filled on its
//! first row only: a row with no action title continues the action above it, which is how the
//! importer reads it back (`domain::import::plan`), so an exported plan re-imports unchanged.
//! The columns after "Status" are facts about the target's progress; the importer ignores them.
//!
//! # Formula injection
//! Text that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is written with a
//! leading `'` ([`neutralise`]), in `.csv` and `.xlsx` alike, so that no spreadsheet runs it as a
//! formula, whatever it is later saved as. The importer takes that `'` off again.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// What an export holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportContent {
    /// Themes, actions and targets, with the latest figures and statuses.
    #[default]
    Plan,
    /// Every progress update of the strategy's targets.
    Updates,
}

crate::domain::target::text_enum!(ExportContent, "export content",
    Plan => "plan", "The plan: targets, latest figures and statuses",
    Updates => "updates", "The update history",
);

/// The file format.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// An Excel workbook.
    #[default]
    Xlsx,
    /// Comma-separated values (UTF-8), always one table.
    Csv,
}

crate::domain::target::text_enum!(ExportFormat, "export format",
    Xlsx => "xlsx", "Excel workbook (.xlsx)",
    Csv => "csv", "CSV (.csv)",
);

impl ExportFormat {
    /// The file name's ending.
    pub fn extension(self) -> &'static str {
        self.as_str()
    }

    /// The HTTP content type.
    pub fn content_type(self) -> &'static str {
        match self {
            ExportFormat::Xlsx => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
            ExportFormat::Csv => "text/csv; charset=utf-8",
        }
    }
}

/// How a workbook's rows are laid out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SheetLayout {
    /// Every row on one sheet.
    #[default]
    Flat,
    /// One sheet per theme (a `.csv` is always flat).
    PerTheme,
}

crate::domain::target::text_enum!(SheetLayout, "sheet layout",
    Flat => "flat", "All on one sheet",
    PerTheme => "per_theme", "One sheet per theme",
);

/// A complete export request, read from a query string or the command line.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportRequest {
    /// The strategy's URL name; `None`: every live strategy of the forum.
    pub strategy: Option<String>,
    /// What it holds.
    pub content: ExportContent,
    /// The file format.
    pub format: ExportFormat,
    /// The layout of a workbook.
    pub layout: SheetLayout,
}

impl ExportRequest {
    /// Reads the fields a person sent (`strategy`, `content`, `format`, `layout`); a missing or
    /// blank one takes its default.
    ///
    /// # Errors
    /// A sentence naming the value that is not known and the ones that are.
    pub fn parse(
        strategy: Option<&str>,
        content: Option<&str>,
        format: Option<&str>,
        layout: Option<&str>,
    ) -> Result<ExportRequest, String> {
        fn pick<T: Copy + Default + std::str::FromStr>(
            value: Option<&str>,
            all: &[T],
            name: impl Fn(T) -> &'static str,
            what: &str,
        ) -> Result<T, String> {
            match value.map(str::trim).filter(|v| !v.is_empty()) {
                None => Ok(T::default()),
                Some(v) => v.to_ascii_lowercase().parse().map_err(|_| {
                    let known: Vec<&str> = all.iter().map(|k| name(*k)).collect();
                    format!("'{v}' is not a known {what}: use {}.", known.join(" or "))
                }),
            }
        }
        Ok(ExportRequest {
            strategy: strategy
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned),
            content: pick(
                content,
                ExportContent::ALL,
                ExportContent::as_str,
                "content",
            )?,
            format: pick(format, ExportFormat::ALL, ExportFormat::as_str, "format")?,
            layout: pick(layout, SheetLayout::ALL, SheetLayout::as_str, "layout")?,
        })
    }
}

/// One cell of an export.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Cell {
    /// Nothing.
    Empty,
    /// Text, written as it is (neutralised when it looks like a formula).
    Text(String),
    /// A number.
    Number(f64),
    /// A date.
    Date(NaiveDate),
}

impl Cell {
    /// Text, or [`Cell::Empty`] when there is none.
    pub fn text(text: impl Into<String>) -> Cell {
        let text = text.into();
        if text.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(text)
        }
    }

    /// Optional text.
    pub fn opt_text(text: Option<&str>) -> Cell {
        text.map_or(Cell::Empty, Cell::text)
    }

    /// An optional number.
    pub fn opt_number(n: Option<f64>) -> Cell {
        n.filter(|v| v.is_finite())
            .map_or(Cell::Empty, Cell::Number)
    }

    /// An optional date.
    pub fn opt_date(d: Option<NaiveDate>) -> Cell {
        d.map_or(Cell::Empty, Cell::Date)
    }

    /// The cell as CSV shows it before quoting: dates as `YYYY-MM-DD`, numbers without a
    /// trailing `.0`, text neutralised.
    pub fn csv_text(&self) -> Cow<'_, str> {
        match self {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Text(t) => neutralise(t),
            Cell::Number(n) => Cow::Owned(number_text(*n)),
            Cell::Date(d) => Cow::Owned(d.format("%Y-%m-%d").to_string()),
        }
    }
}

fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{n:.0}")
    } else {
        n.to_string()
    }
}

/// A column: its heading and its width in characters.
#[derive(Clone, Debug, PartialEq)]
pub struct ColumnSpec {
    /// The heading.
    pub header: &'static str,
    /// The width, in characters, a workbook gives it.
    pub width: u16,
}

/// One sheet of an export.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// The sheet's name (already valid for a workbook: see [`sheet_name`]).
    pub name: String,
    /// The columns.
    pub columns: Vec<ColumnSpec>,
    /// The rows, each as long as `columns`.
    pub rows: Vec<Vec<Cell>>,
}

const fn col(header: &'static str, width: u16) -> ColumnSpec {
    ColumnSpec { header, width }
}

/// The columns of a plan export, in order (see the module's docs).
pub const PLAN_COLUMNS: [ColumnSpec; 25] = [
    col("Strategy", 24),
    col("Theme", 28),
    col("Ref", 6),
    col("Action", 40),
    col("Activity", 40),
    col("Lead", 18),
    col("Partners", 24),
    col("Resources", 20),
    col("Due", 11),
    col("Due as written", 16),
    col("Target", 40),
    col("Kind", 12),
    col("Direction", 10),
    col("Baseline", 10),
    col("Target value", 12),
    col("Band low", 10),
    col("Band high", 10),
    col("Population base", 12),
    col("Unit", 10),
    col("Frequency", 11),
    col("Indicator", 12),
    col("Target due", 11),
    col("Latest value", 12),
    col("Latest period", 14),
    col("Status", 12),
];

/// The columns of an update history export.
pub const UPDATE_COLUMNS: [ColumnSpec; 18] = [
    col("Strategy", 24),
    col("Theme", 28),
    col("Ref", 6),
    col("Action", 40),
    col("Target", 40),
    col("Kind", 12),
    col("Period", 14),
    col("Period start", 11),
    col("Period end", 11),
    col("Value", 12),
    col("Numerator", 10),
    col("Denominator", 11),
    col("State", 10),
    col("Public", 7),
    col("Narrative", 60),
    col("Evidence", 30),
    col("Submitted", 11),
    col("Decided", 11),
];

/// Text made safe from formula injection: `'` put before text that starts with `=`, `+`, `-`,
/// `@`, a tab or a carriage return.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The text an importer keeps of a cell written by [`neutralise`]: without the leading `'` when
/// what follows it is one of the characters that needed it.
pub fn unneutralise(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => text,
    }
}

/// One CSV field: neutralised, then quoted when it holds a comma, a quote, a line break or
/// leading or trailing space.
pub fn csv_field(text: &str) -> String {
    let neutral = neutralise(text);
    if neutral.contains([',', '"', '\n', '\r']) || neutral != neutral.trim() {
        format!("\"{}\"", neutral.replace('"', "\"\""))
    } else {
        neutral.into_owned()
    }
}

/// Tables as one CSV text: UTF-8 with a byte-order mark (so that Excel reads it right), one
/// header row, then every table's rows in order (the tables of one export share their columns).
pub fn to_csv(tables: &[Table]) -> String {
    let mut out = String::from("\u{feff}");
    let Some(first) = tables.first() else {
        return out;
    };
    let header: Vec<String> = first.columns.iter().map(|c| csv_field(c.header)).collect();
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for table in tables {
        for row in &table.rows {
            let fields: Vec<String> = row
                .iter()
                .map(|c| match c {
                    Cell::Text(t) => csv_field(t),
                    // A number or a date is never read as a formula ("-5" is minus five).
                    other => other.csv_text().into_owned(),
                })
                .collect();
            out.push_str(&fields.join(","));
            out.push_str("\r\n");
        }
    }
    out
}

/// A worksheet name from a title: at most 31 characters, none of `[ ] : * ? / \`, not blank, not
/// starting or ending with `'`, and different (without case) from the names in `taken`.
pub fn sheet_name(title: &str, taken: &[String]) -> String {
    let cleaned: String = title
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c })
        .collect();
    let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    let cleaned = cleaned.trim_matches('\'').trim();
    let base: String = if cleaned.is_empty() {
        "Sheet".to_owned()
    } else {
        cleaned.chars().take(31).collect()
    };
    let free = |name: &str| !taken.iter().any(|t| t.eq_ignore_ascii_case(name));
    if free(&base) {
        return base;
    }
    (2..)
        .map(|n| {
            let suffix = format!(" ({n})");
            let keep = 31 - suffix.chars().count();
            let stem: String = base.chars().take(keep).collect();
            format!("{}{suffix}", stem.trim_end())
        })
        .find(|name| free(name))
        .unwrap_or(base)
}

/// A file name for an export: `forum-strategy-content.ext`, only letters, digits and `-`.
pub fn file_name(forum: &str, strategy: Option<&str>, request: &ExportRequest) -> String {
    let mut parts = vec![forum.to_owned()];
    parts.extend(strategy.map(str::to_owned));
    parts.push(request.content.as_str().to_owned());
    let stem: String = parts
        .join("-")
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("{stem}.{}", request.format.extension())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_restored() {
        for text in ["=SUM(A1:A9)", "+44 121", "-5", "@cmd", "\tx", "\rx"] {
            let safe = neutralise(text);
            assert!(safe.starts_with('\''), "{text:?}");
            assert_eq!(unneutralise(&safe), text);
        }
        for text in ["Plain", "'quoted already", "5", ""] {
            assert_eq!(neutralise(text), text);
            assert_eq!(unneutralise(text), text);
        }
        // A quote a person typed before ordinary text stays.
        assert_eq!(unneutralise("'tis"), "'tis");
    }

    #[test]
    fn csv_quotes_and_neutralises() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=1+1"), "'=1+1");
        assert_eq!(csv_field("=1,2"), "\"'=1,2\"");
        assert_eq!(csv_field(" padded"), "\" padded\"");
        let table = Table {
            name: "Plan".to_owned(),
            columns: vec![col("A", 1), col("B", 1), col("C", 1), col("D", 1)],
            rows: vec![vec![
                Cell::text("line\nbreak"),
                Cell::Number(-5.0),
                Cell::Date(NaiveDate::from_ymd_opt(2007, 3, 31).expect("date")),
                Cell::Empty,
            ]],
        };
        assert_eq!(
            to_csv(&[table]),
            "\u{feff}A,B,C,D\r\n\"line\nbreak\",-5,2007-03-31,\r\n"
        );
    }

    #[test]
    fn sheet_names_are_valid_and_unique() {
        assert_eq!(
            sheet_name("Protection: Justice/Courts?", &[]),
            "Protection Justice Courts"
        );
        let long = "Prevention and Awareness Raising in schools and colleges";
        let first = sheet_name(long, &[]);
        assert_eq!(first.chars().count(), 31);
        let second = sheet_name(long, std::slice::from_ref(&first));
        assert_eq!(second.chars().count(), 31);
        assert!(second.ends_with(" (2)"));
        assert_eq!(sheet_name("  '' ", &[]), "Sheet");
        assert_eq!(sheet_name("plan", &["Plan".to_owned()]), "plan (2)");
    }

    #[test]
    fn requests_are_read_with_defaults_and_clear_refusals() {
        let r = ExportRequest::parse(Some("s"), None, Some("CSV"), Some(" ")).expect("valid");
        assert_eq!(r.format, ExportFormat::Csv);
        assert_eq!(r.layout, SheetLayout::Flat);
        assert_eq!(r.content, ExportContent::Plan);
        let e = ExportRequest::parse(None, Some("everything"), None, None).expect_err("unknown");
        assert_eq!(
            e,
            "'everything' is not a known content: use plan or updates."
        );
        assert_eq!(
            file_name("wdvf", Some("dv-strategy"), &r),
            "wdvf-dv-strategy-plan.csv"
        );
    }
}
