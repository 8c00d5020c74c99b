//! The spreadsheet reader's output: one sheet as rows of typed cells.
//!
//! The reader (calamine for xlsx/xls/ods, the csv crate for csv) fills a [`Grid`]; everything after
//! it works on this model only, so the rules can be tested with grids built in code.
//!
//! Rules of the model:
//! - `GridRow::cells[i]` is column `i` (0 = A). Rows may be shorter than the widest row; missing
//!   cells are empty.
//! - A merged cell is stored in its top-left position with `span` = the number of columns it
//!   covers; the covered cells that follow it are stored as [`CellValue::Empty`] (or left out at the
//!   end of a row).
//! - Cell text is kept verbatim: a cell that starts with `=`, `+`, `-` or `@` is text, never a
//!   formula, and no length is cut here (the reader bounds the file size instead).
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One sheet of a workbook, as read.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Grid {
    /// The sheet's name (a csv file's name without its extension).
    pub sheet: String,
    /// The sheet's rows, in order; blank rows may be left out.
    pub rows: Vec<GridRow>,
}

/// One row of a sheet.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GridRow {
    /// The row's position in the sheet, 0-based (row 1 in a spreadsheet program is 0).
    pub index: usize,
    /// Whether the row is hidden in the workbook.
    pub hidden: bool,
    /// The row's cells; `cells[i]` is column `i`.
    pub cells: Vec<GridCell>,
}

/// One cell of a row.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GridCell {
    /// What the cell holds.
    pub value: CellValue,
    /// How many columns the cell covers: 1 normally, more for a merged cell.
    pub span: u16,
    /// The cell's background colour as `#RRGGBB`, when it has one.
    pub fill: Option<String>,
    /// Whether the cell's column is hidden in the workbook.
    pub hidden_column: bool,
}

/// A cell's typed value.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum CellValue {
    /// Nothing in the cell.
    #[default]
    Empty,
    /// Text, verbatim (line breaks kept).
    Text(String),
    /// A number (Excel stores dates it does not know to be dates as serial numbers).
    Number(f64),
    /// A date the workbook marks as one.
    Date(NaiveDate),
    /// TRUE or FALSE.
    Bool(bool),
}

impl CellValue {
    /// The value as a person reads it: text verbatim, whole numbers without ".0", dates as
    /// `31/03/2006`, booleans as `Yes` / `No`, nothing as "".
    pub fn text(&self) -> String {
        match self {
            CellValue::Empty => String::new(),
            CellValue::Text(t) => t.clone(),
            CellValue::Number(n) => number_text(*n),
            CellValue::Date(d) => d.format("%d/%m/%Y").to_string(),
            CellValue::Bool(true) => "Yes".to_owned(),
            CellValue::Bool(false) => "No".to_owned(),
        }
    }

    /// Whether the cell holds nothing, or only white space.
    pub fn is_blank(&self) -> bool {
        match self {
            CellValue::Empty => true,
            CellValue::Text(t) => t.trim().is_empty(),
            _ => false,
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

impl GridCell {
    /// A plain cell (span 1, no fill, visible column).
    pub fn new(value: CellValue) -> Self {
        GridCell {
            value,
            span: 1,
            fill: None,
            hidden_column: false,
        }
    }

    /// A plain text cell; an empty string gives an empty cell.
    pub fn text(text: &str) -> Self {
        if text.is_empty() {
            Self::new(CellValue::Empty)
        } else {
            Self::new(CellValue::Text(text.to_owned()))
        }
    }

    /// The same cell merged across `span` columns.
    #[must_use]
    pub fn spanning(mut self, span: u16) -> Self {
        self.span = span.max(1);
        self
    }

    /// The same cell with a background colour.
    #[must_use]
    pub fn filled(mut self, fill: &str) -> Self {
        self.fill = Some(fill.to_owned());
        self
    }

    /// The same cell in a hidden column.
    #[must_use]
    pub fn in_hidden_column(mut self) -> Self {
        self.hidden_column = true;
        self
    }

    /// Whether the cell holds nothing, or only white space.
    pub fn is_blank(&self) -> bool {
        self.value.is_blank()
    }
}

impl Default for GridCell {
    fn default() -> Self {
        Self::new(CellValue::Empty)
    }
}

impl GridRow {
    /// A visible row of text cells ("" for an empty cell), handy for building grids in code.
    pub fn texts(index: usize, texts: &[&str]) -> Self {
        GridRow {
            index,
            hidden: false,
            cells: texts.iter().map(|t| GridCell::text(t)).collect(),
        }
    }

    /// The cell in column `col`, when the row reaches it.
    pub fn cell(&self, col: usize) -> Option<&GridCell> {
        self.cells.get(col)
    }

    /// Whether every cell of the row is blank.
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(GridCell::is_blank)
    }
}

/// A column's letters as a spreadsheet program shows them (0 → A, 26 → AA).
pub fn column_letters(col: usize) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_of_each_value() {
        let date = NaiveDate::from_ymd_opt(2006, 3, 31).expect("date");
        let cases = [
            (CellValue::Empty, ""),
            (CellValue::Text("WDVF\nHaven".into()), "WDVF\nHaven"),
            (CellValue::Number(4.0), "4"),
            (CellValue::Number(38807.0), "38807"),
            (CellValue::Number(0.3), "0.3"),
            (CellValue::Number(-2.5), "-2.5"),
            (CellValue::Date(date), "31/03/2006"),
            (CellValue::Bool(true), "Yes"),
            (CellValue::Bool(false), "No"),
        ];
        for (value, want) in cases {
            assert_eq!(value.text(), want, "{value:?}");
        }
    }

    #[test]
    fn formula_like_and_long_text_is_kept_verbatim() {
        let long = "x".repeat(40_000);
        for t in ["=SUM(A1:A3)", "+44 121", "-5", "@cmd", long.as_str()] {
            let cell = GridCell::text(t);
            assert_eq!(cell.value, CellValue::Text(t.to_owned()));
            assert_eq!(cell.value.text(), t);
        }
    }

    #[test]
    fn blank_cells_and_rows() {
        assert!(GridCell::text("").is_blank());
        assert!(GridCell::text("  \n ").is_blank());
        assert!(!GridCell::new(CellValue::Number(0.0)).is_blank());
        assert!(GridRow::texts(0, &["", " "]).is_blank());
        assert!(!GridRow::texts(0, &["", "a"]).is_blank());
    }

    #[test]
    fn builders() {
        let cell = GridCell::text("Theme").spanning(5).filled("#D9D9D9");
        assert_eq!(cell.span, 5);
        assert_eq!(cell.fill.as_deref(), Some("#D9D9D9"));
        assert_eq!(GridCell::text("a").spanning(0).span, 1);
        assert!(GridCell::text("a").in_hidden_column().hidden_column);
    }

    #[test]
    fn letters() {
        let cases = [
            (0, "A"),
            (4, "E"),
            (25, "Z"),
            (26, "AA"),
            (27, "AB"),
            (701, "ZZ"),
            (702, "AAA"),
        ];
        for (col, want) in cases {
            assert_eq!(column_letters(col), want);
        }
    }

    #[test]
    fn serde_round_trip() {
        let grid = Grid {
            sheet: "Plan".into(),
            rows: vec![GridRow::texts(3, &["Action", "Due"])],
        };
        let json = serde_json::to_string(&grid).expect("json");
        let back: Grid = serde_json::from_str(&json).expect("back");
        assert_eq!(back, grid);
    }
}
