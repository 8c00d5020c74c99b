//! Reading an uploaded spreadsheet into [`Grid`]s, one per sheet, within [`Limits`].
//!
//! What this module decides:
//! - **Format by content, never by name.** A zip is an xlsx (or xlsb) when its
//!   `[Content_Types].xml` says so and an ods when its `mimetype` entry says so; an OLE compound
//!   file (`D0 CF 11 E0`) is an xls, unless it holds an `EncryptedPackage` stream (that is how an
//!   xlsx protected by a password looks); anything else that decodes as text is csv. The file name
//!   is used only in messages and as a csv's sheet name.
//! - **Formulas are never evaluated.** calamine reads values only: a formula cell gives the value
//!   the spreadsheet program cached when it last saved the file (a formula that was never
//!   calculated gives an empty cell), and the formula's own text is not read. Text that starts
//!   with `=`, `+`, `-` or `@` (in a workbook or a csv) is a [`CellValue::Text`], verbatim, except
//!   that the `'` an export puts before such text (`domain::spreadsheet::neutralise`) is taken off.
//! - **csv cells are all text**, verbatim (no number or date guessing here: "007" and "-5" stay
//!   as typed; the cell readers of `domain::import::cells` interpret them).
//! - **A cell longer than [`Limits::max_cell_chars`] refuses the file** ([`ReadError::CellTooLong`],
//!   naming the cell) rather than being cut: cutting would import a target or an activity that
//!   silently lost its end. Excel itself holds at most 32,767 characters in a cell, so in practice
//!   only csv files meet this.
//! - **Memory is bounded before it is spent.** The upload is refused above [`Limits::max_bytes`];
//!   a zip's declared uncompressed sizes are added up before anything is unpacked (and the zip
//!   reader stops any entry that inflates past its declared size); xlsx sheets are streamed cell by
//!   cell, so a sheet is refused on its first cell past [`Limits::max_rows`] or
//!   [`Limits::max_cells`]; a grid is made dense (rows × columns) only after that product has been
//!   checked against [`Limits::max_cells`]. An ods's `content.xml` is scanned first (streamed) and
//!   refused when its repeated rows and cells would expand past those limits, before calamine
//!   expands them. With the defaults a grid is at most 500,000 cells (a `GridCell` is about 64
//!   bytes: some 32 MB) plus their text, and all text together is bounded by the 100 MiB unzipped
//!   limit (10 MiB for csv). xls and xlsb sheets are read by calamine into a dense range before
//!   these checks see them: their size is bounded by the 10 MiB upload, but a sheet with one cell
//!   far away is still allocated whole by calamine (a known gap).
//! - **Hidden rows and columns** are flagged for xlsx (read from the sheet's XML) and ods
//!   (`table:visibility="collapse"`); xls and xlsb report nothing hidden. **Merged cells** give
//!   `span` for xlsx, xls and ods. **Fills** (`#RRGGBB`, solid fills) are read for xlsx only.
//! - Every worksheet becomes a grid, hidden sheets included; chart and macro sheets are skipped.
use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};

use calamine::{Data, Dimensions, ExcelDateTime, Ods, Range, Reader, SheetType, Xls, Xlsb, Xlsx};
use chrono::NaiveDate;

use crate::domain::import::grid::{CellValue, Grid, GridCell, GridRow, column_letters};

const MIB: usize = 1024 * 1024;

/// How much a reader accepts; anything more is refused with a message that states the limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The largest upload, in bytes (default 10 MiB).
    pub max_bytes: usize,
    /// The most rows in one sheet, counting from row 1 to the last row with a value (default 20,000).
    pub max_rows: usize,
    /// The most cells in the whole workbook (default 500,000); a sheet's grid also counts its
    /// blank cells, rows × columns.
    pub max_cells: usize,
    /// The most characters in one cell (default 40,000).
    pub max_cell_chars: usize,
    /// The most bytes a zip (xlsx, ods) may declare once unpacked (default 100 MiB): the zip-bomb
    /// guard.
    pub max_unzipped_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 10 * MIB,
            max_rows: 20_000,
            max_cells: 500_000,
            max_cell_chars: 40_000,
            max_unzipped_bytes: 100 * MIB as u64,
        }
    }
}

/// A file format the reader knows, as detected from the content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Excel 2007 and later (a zip of XML).
    Xlsx,
    /// Excel binary workbook (a zip of binary records).
    Xlsb,
    /// Excel 97–2003 (an OLE compound file).
    Xls,
    /// OpenDocument spreadsheet (LibreOffice, Google Sheets' download).
    Ods,
    /// Comma-, semicolon- or tab-separated text.
    Csv,
}

/// Why a file could not be read. Each message says what is wrong and what to do about it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    /// The file has no bytes at all.
    #[error(
        "“{file}” is empty (0 bytes). Choose the file that holds your action plan, or save it again from your spreadsheet program."
    )]
    EmptyFile {
        /// The file's name.
        file: String,
    },
    /// The upload is larger than [`Limits::max_bytes`].
    #[error(
        "“{file}” is {size} but an uploaded file can be at most {limit}. Remove sheets, pictures or old rows that are not part of the plan, or save the plan's sheet alone, and try again."
    )]
    TooLarge {
        /// The file's name.
        file: String,
        /// The file's size, for people ("12.3 MB").
        size: String,
        /// The limit, for people ("10 MB").
        limit: String,
    },
    /// The content is not a spreadsheet in a format the reader knows.
    #[error(
        "“{file}” is not a spreadsheet: it looks like {found}. Save your action plan as .xlsx, .xls, .ods or .csv from your spreadsheet program and upload that file."
    )]
    NotASpreadsheet {
        /// The file's name.
        file: String,
        /// What the content looks like ("a PDF document").
        found: String,
    },
    /// The file is damaged or cut short.
    #[error(
        "“{file}” could not be read: it seems damaged or incomplete ({detail}). Open it in your spreadsheet program; if it opens, save it again under a new name and upload the new copy, otherwise upload it again from where it came."
    )]
    Corrupt {
        /// The file's name.
        file: String,
        /// What the reader tripped on.
        detail: String,
    },
    /// The workbook is encrypted with a password.
    #[error(
        "“{file}” is protected by a password, so it cannot be read. Open it in your spreadsheet program, remove the password (in Excel: File › Info › Protect Workbook › Encrypt with Password, then clear it), save, and upload it again."
    )]
    Encrypted {
        /// The file's name.
        file: String,
    },
    /// No sheet of the workbook has anything in it.
    #[error(
        "“{file}” has no filled cells in any sheet. Check that you chose the right file and that the plan is not in a sheet saved elsewhere."
    )]
    EmptyWorkbook {
        /// The file's name.
        file: String,
    },
    /// The zip declares more unpacked data than [`Limits::max_unzipped_bytes`].
    #[error(
        "“{file}” would unpack to {size}, more than the {limit} allowed. Remove sheets, pictures or embedded files that are not part of the plan, or save the plan's sheet alone as .csv, and try again."
    )]
    TooLargeUnzipped {
        /// The file's name.
        file: String,
        /// The declared unpacked size, for people.
        size: String,
        /// The limit, for people.
        limit: String,
    },
    /// A sheet has more rows than [`Limits::max_rows`].
    #[error(
        "Sheet “{sheet}” of “{file}” goes past row {limit}: a sheet can have at most {limit} rows. Delete the rows below the plan (even blank-looking ones may hold something), or split the plan into several files."
    )]
    TooManyRows {
        /// The file's name.
        file: String,
        /// The sheet's name.
        sheet: String,
        /// The limit.
        limit: usize,
    },
    /// The workbook has more cells than [`Limits::max_cells`].
    #[error(
        "“{file}” has more than {limit} cells (sheet “{sheet}” reached the limit). Delete the sheets, rows and columns that are not part of the plan, and try again."
    )]
    TooManyCells {
        /// The file's name.
        file: String,
        /// The sheet where the limit was reached.
        sheet: String,
        /// The limit.
        limit: usize,
    },
    /// One cell holds more than [`Limits::max_cell_chars`] characters.
    #[error(
        "Cell {cell} of sheet “{sheet}” in “{file}” holds {chars} characters; a cell can hold at most {limit}. Shorten that cell or split it over several rows, and try again."
    )]
    CellTooLong {
        /// The file's name.
        file: String,
        /// The sheet's name.
        sheet: String,
        /// The cell's reference ("C12").
        cell: String,
        /// How many characters it holds.
        chars: usize,
        /// The limit.
        limit: usize,
    },
}

/// Reads an uploaded file into one [`Grid`] per sheet (a csv file gives one grid named after the
/// file). The format is detected from the content; `file_name` is used in messages only (and as
/// a csv's sheet name).
///
/// # Errors
/// A [`ReadError`] whose message can be shown to the person who uploaded the file.
pub fn read_grid(bytes: &[u8], file_name: &str, limits: &Limits) -> Result<Vec<Grid>, ReadError> {
    if bytes.len() > limits.max_bytes {
        return Err(ReadError::TooLarge {
            file: file_name.to_owned(),
            size: human_size(bytes.len() as u64),
            limit: human_size(limits.max_bytes as u64),
        });
    }
    let format = detect_format(bytes, file_name, limits)?;
    let ctx = Ctx {
        file: file_name,
        limits,
    };
    // The parsers are third-party code fed untrusted bytes: a panic in one of them (calamine
    // overflows on a cell reference like `A99999999999` when overflow checks are on, found by
    // `fuzz_tests`) refuses the file as damaged instead of taking the request down.
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        read_format(format, bytes, &ctx)
    }));
    let grids = match read {
        Ok(grids) => grids?,
        Err(panic) => {
            let why = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "the reader failed".to_owned());
            return Err(ctx.corrupt(why));
        }
    };
    if grids.iter().all(|g| {
        g.rows
            .iter()
            .all(|r| r.cells.iter().all(|c| c.value.is_blank()))
    }) {
        return Err(ReadError::EmptyWorkbook {
            file: file_name.to_owned(),
        });
    }
    Ok(grids)
}

/// Detects a file's format from its content (see the module's docs), checking a zip's declared
/// unpacked size against [`Limits::max_unzipped_bytes`] on the way.
///
/// # Errors
/// [`ReadError::EmptyFile`], [`ReadError::NotASpreadsheet`], [`ReadError::Encrypted`],
/// [`ReadError::Corrupt`] (a zip whose directory cannot be read) or
/// [`ReadError::TooLargeUnzipped`].
pub fn detect_format(bytes: &[u8], file_name: &str, limits: &Limits) -> Result<Format, ReadError> {
    let not = |found: &str| ReadError::NotASpreadsheet {
        file: file_name.to_owned(),
        found: found.to_owned(),
    };
    if bytes.is_empty() {
        return Err(ReadError::EmptyFile {
            file: file_name.to_owned(),
        });
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return zip_format(bytes, file_name, limits);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        if contains_utf16(bytes, "EncryptedPackage") {
            return Err(ReadError::Encrypted {
                file: file_name.to_owned(),
            });
        }
        if contains_utf16(bytes, "WordDocument") {
            return Err(not("a Word document"));
        }
        if contains_utf16(bytes, "PowerPoint Document") {
            return Err(not("a PowerPoint presentation"));
        }
        return Ok(Format::Xls);
    }
    let magic: [(&[u8], &str); 8] = [
        (b"%PDF", "a PDF document"),
        (b"\x89PNG", "a PNG picture"),
        (b"\xFF\xD8\xFF", "a JPEG picture"),
        (b"GIF8", "a GIF picture"),
        (b"{\\rtf", "a Rich Text (Word) document"),
        (b"\x1F\x8B", "a gzip archive"),
        (b"Rar!", "a RAR archive"),
        (b"7z\xBC\xAF", "a 7-Zip archive"),
    ];
    if let Some((_, found)) = magic.iter().find(|(m, _)| bytes.starts_with(m)) {
        return Err(not(found));
    }
    let Some(text) = decode_text(bytes) else {
        return Err(not("binary data, not a spreadsheet or text"));
    };
    let head: String = text
        .trim_start()
        .chars()
        .take(64)
        .collect::<String>()
        .to_ascii_lowercase();
    if head.starts_with("<html") || head.starts_with("<!doctype html") {
        return Err(not(
            "a web page (HTML) named as a spreadsheet; open it in your spreadsheet program and save it as .xlsx",
        ));
    }
    if head.starts_with("<?xml") {
        return Err(not(
            "an XML file (perhaps an Excel 2003 XML spreadsheet); open it in your spreadsheet program and save it as .xlsx",
        ));
    }
    Ok(Format::Csv)
}

/// Which spreadsheet a zip is, after the zip-bomb check.
fn zip_format(bytes: &[u8], file_name: &str, limits: &Limits) -> Result<Format, ReadError> {
    let corrupt = |detail: String| ReadError::Corrupt {
        file: file_name.to_owned(),
        detail,
    };
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| corrupt(format!("its zip directory is unreadable: {e}")))?;
    let mut total: u64 = 0;
    let mut names = HashSet::new();
    for i in 0..zip.len() {
        let entry = zip
            .by_index_raw(i)
            .map_err(|e| corrupt(format!("zip entry {i} is unreadable: {e}")))?;
        total = total.saturating_add(entry.size());
        if let Ok(name) = entry.name() {
            names.insert(name.into_owned());
        }
    }
    if total > limits.max_unzipped_bytes {
        return Err(ReadError::TooLargeUnzipped {
            file: file_name.to_owned(),
            size: human_size(total),
            limit: human_size(limits.max_unzipped_bytes),
        });
    }
    if names.contains("mimetype") {
        let mime = read_zip_entry(&mut zip, "mimetype", 200).unwrap_or_default();
        let mime = mime.trim();
        if mime == "application/vnd.oasis.opendocument.spreadsheet" {
            return Ok(Format::Ods);
        }
        if mime.starts_with("application/vnd.oasis.opendocument.text") {
            return Err(not_spreadsheet(file_name, "an OpenDocument text document"));
        }
        if mime.starts_with("application/vnd.oasis.opendocument") {
            return Err(not_spreadsheet(
                file_name,
                "an OpenDocument file that is not a spreadsheet",
            ));
        }
    }
    let types = read_zip_entry(&mut zip, "[Content_Types].xml", 1 << 20).unwrap_or_default();
    if types.contains("spreadsheetml.sheet.main+xml")
        || types.contains("spreadsheetml.template.main+xml")
        || types.contains("ms-excel.sheet.macroEnabled.main+xml")
        || types.contains("ms-excel.template.macroEnabled.main+xml")
        || (types.is_empty() && names.contains("xl/workbook.xml"))
    {
        return Ok(Format::Xlsx);
    }
    if types.contains("ms-excel.sheet.binary.macroEnabled.main")
        || (types.is_empty() && names.contains("xl/workbook.bin"))
    {
        return Ok(Format::Xlsb);
    }
    let found = if names.contains("word/document.xml") {
        "a Word document"
    } else if names.contains("ppt/presentation.xml") {
        "a PowerPoint presentation"
    } else {
        "a zip archive"
    };
    Err(not_spreadsheet(file_name, found))
}

fn not_spreadsheet(file: &str, found: &str) -> ReadError {
    ReadError::NotASpreadsheet {
        file: file.to_owned(),
        found: found.to_owned(),
    }
}

/// The text of a zip entry, at most `max` bytes of it; `None` when it is missing or unreadable.
fn read_zip_entry(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    max: u64,
) -> Option<String> {
    let entry = zip.by_name(name).ok()?;
    let mut buf = Vec::new();
    entry.take(max).read_to_end(&mut buf).ok()?;
    Some(String::from_utf8_lossy(&buf).into_owned())
}

/// Whether `bytes` hold `needle` in UTF-16LE (how an OLE file names its streams).
fn contains_utf16(bytes: &[u8], needle: &str) -> bool {
    let pattern: Vec<u8> = needle.encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes
        .windows(pattern.len())
        .any(|w| w == pattern.as_slice())
}

/// The file's text: UTF-8 (a BOM is dropped), UTF-16 with a BOM, else Windows-1252; `None` when
/// it holds control characters that no text file has (binary data).
fn decode_text(bytes: &[u8]) -> Option<String> {
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        String::from_utf8_lossy(rest).into_owned()
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        encoding_rs::UTF_16LE.decode(bytes).0.into_owned()
    } else {
        match std::str::from_utf8(bytes) {
            Ok(t) => t.to_owned(),
            Err(_) => encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
                .into_owned(),
        }
    };
    let binary = text
        .chars()
        .any(|c| matches!(c, '\0'..='\u{8}' | '\u{b}' | '\u{e}'..='\u{1f}' | '\u{7f}'));
    if binary { None } else { Some(text) }
}

/// A size for people: "512 bytes", "9.1 KB", "10 MB".
pub(crate) fn human_size(bytes: u64) -> String {
    #[allow(clippy::cast_precision_loss)]
    let b = bytes as f64;
    if bytes < 1024 {
        format!("{bytes} bytes")
    } else if bytes < 1024 * 1024 {
        format!("{:.1} KB", b / 1024.0)
    } else {
        let mb = b / (1024.0 * 1024.0);
        if mb.fract() == 0.0 {
            format!("{mb:.0} MB")
        } else {
            format!("{mb:.1} MB")
        }
    }
}

/// What every sheet reader needs: the file's name for messages, and the limits.
struct Ctx<'a> {
    file: &'a str,
    limits: &'a Limits,
}

impl Ctx<'_> {
    fn corrupt(&self, detail: impl std::fmt::Display) -> ReadError {
        ReadError::Corrupt {
            file: self.file.to_owned(),
            detail: detail.to_string(),
        }
    }

    fn workbook_error(&self, e: &dyn std::fmt::Display) -> ReadError {
        let detail = e.to_string();
        if detail.contains("password protected") {
            ReadError::Encrypted {
                file: self.file.to_owned(),
            }
        } else {
            self.corrupt(detail)
        }
    }

    fn xls_error(&self, e: &calamine::XlsError) -> ReadError {
        match e {
            calamine::XlsError::Password => ReadError::Encrypted {
                file: self.file.to_owned(),
            },
            other => self.corrupt(other),
        }
    }
}

/// One sheet being read: its cells as they come (sparse), checked against the limits, then made
/// into a dense [`Grid`].
struct SheetBuilder<'a> {
    ctx: &'a Ctx<'a>,
    name: String,
    /// Cells with a value: (row, column, cell).
    cells: Vec<(u32, u32, GridCell)>,
    /// Cells with only a fill (kept up to `max_cells` of them, never refusing the file).
    fills: Vec<(u32, u32, String)>,
}

impl<'a> SheetBuilder<'a> {
    fn new(ctx: &'a Ctx<'a>, name: &str) -> Self {
        SheetBuilder {
            ctx,
            name: name.to_owned(),
            cells: Vec::new(),
            fills: Vec::new(),
        }
    }

    /// Adds a cell; `budget` counts the workbook's cells with a value.
    fn push(
        &mut self,
        row: u32,
        col: u32,
        value: CellValue,
        fill: Option<String>,
        budget: &mut usize,
    ) -> Result<(), ReadError> {
        let limits = self.ctx.limits;
        if matches!(value, CellValue::Empty) {
            if let Some(fill) = fill
                && (row as usize) < limits.max_rows
                && self.fills.len() < limits.max_cells
            {
                self.fills.push((row, col, fill));
            }
            return Ok(());
        }
        if row as usize >= limits.max_rows {
            return Err(ReadError::TooManyRows {
                file: self.ctx.file.to_owned(),
                sheet: self.name.clone(),
                limit: limits.max_rows,
            });
        }
        if let CellValue::Text(t) = &value
            && t.len() > limits.max_cell_chars
        {
            let chars = t.chars().count();
            if chars > limits.max_cell_chars {
                return Err(ReadError::CellTooLong {
                    file: self.ctx.file.to_owned(),
                    sheet: self.name.clone(),
                    cell: format!("{}{}", column_letters(col as usize), row + 1),
                    chars,
                    limit: limits.max_cell_chars,
                });
            }
        }
        *budget += 1;
        if *budget > limits.max_cells {
            return Err(self.too_many_cells());
        }
        let mut cell = GridCell::new(value);
        cell.fill = fill;
        self.cells.push((row, col, cell));
        Ok(())
    }

    fn too_many_cells(&self) -> ReadError {
        ReadError::TooManyCells {
            file: self.ctx.file.to_owned(),
            sheet: self.name.clone(),
            limit: self.ctx.limits.max_cells,
        }
    }

    /// The dense grid: rows 0 to the last row with a value, each as wide as the widest row (or
    /// merged region that starts on a cell with a value).
    fn finish(
        self,
        merges: &[Dimensions],
        hidden_rows: &HashSet<u32>,
        hidden_cols: &HashSet<u32>,
    ) -> Result<Grid, ReadError> {
        let Some(last_row) = self.cells.iter().map(|(r, _, _)| *r).max() else {
            return Ok(Grid {
                sheet: self.name,
                rows: Vec::new(),
            });
        };
        let valued: HashSet<(u32, u32)> = self.cells.iter().map(|(r, c, _)| (*r, *c)).collect();
        let mut width = self.cells.iter().map(|(_, c, _)| *c + 1).max().unwrap_or(0);
        for m in merges {
            if valued.contains(&m.start) {
                width = width.max(m.end.1.saturating_add(1));
            }
        }
        let height = last_row as usize + 1;
        let dense = height.checked_mul(width as usize);
        if dense.is_none_or(|n| n > self.ctx.limits.max_cells) {
            return Err(self.too_many_cells());
        }
        let mut rows: Vec<GridRow> = (0..height)
            .map(|index| GridRow {
                index,
                hidden: u32::try_from(index).is_ok_and(|i| hidden_rows.contains(&i)),
                cells: (0..width)
                    .map(|c| GridCell {
                        hidden_column: hidden_cols.contains(&c),
                        ..GridCell::default()
                    })
                    .collect(),
            })
            .collect();
        for (r, c, fill) in self.fills {
            if let Some(cell) = rows
                .get_mut(r as usize)
                .and_then(|row| row.cells.get_mut(c as usize))
            {
                cell.fill = Some(fill);
            }
        }
        for (r, c, mut cell) in self.cells {
            let slot = &mut rows[r as usize].cells[c as usize];
            cell.hidden_column = slot.hidden_column;
            if cell.fill.is_none() {
                cell.fill = slot.fill.take();
            }
            *slot = cell;
        }
        for m in merges {
            let (r, c) = m.start;
            if let Some(cell) = rows
                .get_mut(r as usize)
                .and_then(|row| row.cells.get_mut(c as usize))
            {
                let span = m.end.1.saturating_sub(c).saturating_add(1);
                cell.span = u16::try_from(span).unwrap_or(u16::MAX).max(1);
            }
        }
        Ok(Grid {
            sheet: self.name,
            rows,
        })
    }
}

/// A calamine value as a grid value (see the module's docs for dates and errors).
fn cell_value(data: Data) -> CellValue {
    match data {
        Data::Empty => CellValue::Empty,
        Data::String(s) if s.is_empty() => CellValue::Empty,
        Data::String(s) => CellValue::Text(crate::domain::spreadsheet::unneutralise(&s).to_owned()),
        Data::DurationIso(s) => CellValue::Text(s),
        #[allow(clippy::cast_precision_loss)]
        Data::Int(i) => CellValue::Number(i as f64),
        Data::Float(f) => CellValue::Number(f),
        Data::Bool(b) => CellValue::Bool(b),
        Data::DateTime(dt) => excel_date(&dt),
        Data::DateTimeIso(s) => s
            .get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .map_or(CellValue::Text(s), CellValue::Date),
        Data::Error(e) => CellValue::Text(e.to_string()),
    }
}

/// An Excel date as a date (its time of day dropped); a duration, a time of day alone (a serial
/// below 1) or a date Excel cannot hold (its 29/02/1900) stays a number.
fn excel_date(dt: &ExcelDateTime) -> CellValue {
    if dt.is_datetime() && dt.as_f64() >= 1.0 {
        let (y, m, d, ..) = dt.to_ymd_hms_milli();
        if let Some(date) = NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d)) {
            return CellValue::Date(date);
        }
    }
    CellValue::Number(dt.as_f64())
}

/// An xlsx: each worksheet streamed cell by cell, with its merges, fills and hidden rows/columns.
fn read_xlsx(bytes: &[u8], ctx: &Ctx<'_>) -> Result<Vec<Grid>, ReadError> {
    let mut wb: Xlsx<Cursor<&[u8]>> =
        Xlsx::new(Cursor::new(bytes)).map_err(|e| ctx.workbook_error(&e))?;
    let hidden = xlsx_hidden(bytes);
    let sheets: Vec<String> = wb
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .collect();
    let mut budget = 0;
    let mut grids = Vec::with_capacity(sheets.len());
    for name in sheets {
        let merges = wb
            .merge_cells_by_sheet_name(&name)
            .map_err(|e| ctx.corrupt(format!("sheet “{name}”: {e}")))?;
        let mut sheet = SheetBuilder::new(ctx, &name);
        {
            let mut reader = wb
                .worksheet_cells_reader(&name)
                .map_err(|e| ctx.corrupt(format!("sheet “{name}”: {e}")))?;
            let fills: Vec<Option<String>> = reader.styles().iter().map(style_fill).collect();
            while let Some((cell, style)) = reader
                .next_cell_with_style_id()
                .map_err(|e| ctx.corrupt(format!("sheet “{name}”: {e}")))?
            {
                let (row, col) = cell.get_position();
                let value = cell_value(Data::from(cell.get_value().clone()));
                let fill = fills.get(style).cloned().flatten();
                sheet.push(row, col, value, fill, &mut budget)?;
            }
        }
        let (rows, cols) = hidden.get(&name).cloned().unwrap_or_default();
        grids.push(sheet.finish(&merges, &rows, &cols)?);
    }
    Ok(grids)
}

/// A cell style's solid fill as `#RRGGBB`.
fn style_fill(style: &calamine::Style) -> Option<String> {
    let fill = style.fill.as_ref()?;
    if fill.pattern != calamine::FillPattern::Solid {
        return None;
    }
    let c = fill.get_color()?;
    Some(format!("#{:02X}{:02X}{:02X}", c.red, c.green, c.blue))
}

/// What a sheet's cells alone do not say: its merged regions and hidden rows and columns.
#[derive(Clone, Debug, Default)]
struct SheetLayout {
    merges: Vec<Dimensions>,
    hidden_rows: HashSet<u32>,
    hidden_cols: HashSet<u32>,
}

/// xls, xlsb, ods: each sheet read by calamine as a range, with what `layout` gives.
fn read_ranges<R, W>(
    mut wb: W,
    ctx: &Ctx<'_>,
    layout: impl Fn(&W, &str) -> SheetLayout,
) -> Result<Vec<Grid>, ReadError>
where
    R: std::io::Read + std::io::Seek,
    W: Reader<R>,
    W::Error: std::fmt::Display,
{
    let sheets: Vec<String> = wb
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .collect();
    let mut budget = 0;
    let mut grids = Vec::with_capacity(sheets.len());
    for name in sheets {
        let range: Range<Data> = wb
            .worksheet_range(&name)
            .map_err(|e| ctx.workbook_error(&e))?;
        let mut sheet = SheetBuilder::new(ctx, &name);
        if let Some((r0, c0)) = range.start() {
            for (r, c, data) in range.used_cells() {
                let (Ok(r), Ok(c)) = (u32::try_from(r), u32::try_from(c)) else {
                    return Err(sheet.too_many_cells());
                };
                sheet.push(r0 + r, c0 + c, cell_value(data.clone()), None, &mut budget)?;
            }
        }
        let layout = layout(&wb, &name);
        grids.push(sheet.finish(&layout.merges, &layout.hidden_rows, &layout.hidden_cols)?);
    }
    Ok(grids)
}

/// A sheet's hidden rows and hidden columns, 0-based.
type Hidden = (HashSet<u32>, HashSet<u32>);

/// Hidden rows and columns (0-based) of an xlsx's sheets, by sheet name. Anything unreadable
/// gives nothing hidden: calamine reports real damage when it reads the cells.
fn xlsx_hidden(bytes: &[u8]) -> HashMap<String, Hidden> {
    xlsx_hidden_inner(bytes).unwrap_or_default()
}

fn xlsx_hidden_inner(bytes: &[u8]) -> Option<HashMap<String, Hidden>> {
    use quick_xml::events::Event;

    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let entry = |zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str| -> Option<Vec<u8>> {
        let mut buf = Vec::new();
        zip.by_name(name).ok()?.read_to_end(&mut buf).ok()?;
        Some(buf)
    };
    // Sheet name → relationship id, then relationship id → part path.
    let workbook = entry(&mut zip, "xl/workbook.xml")?;
    let rels = entry(&mut zip, "xl/_rels/workbook.xml.rels")?;
    let mut sheets = Vec::new();
    let mut xml = quick_xml::Reader::from_reader(workbook.as_slice());
    let mut buf = Vec::new();
    loop {
        match xml.read_event_into(&mut buf).ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "sheet" => {
                let attrs = attributes(&e);
                if let (Some(n), Some(i)) = (attrs.get("name"), attrs.get("id")) {
                    sheets.push((n.clone(), i.clone()));
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    let mut targets = HashMap::new();
    let mut xml = quick_xml::Reader::from_reader(rels.as_slice());
    loop {
        match xml.read_event_into(&mut buf).ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                let attrs = attributes(&e);
                if let (Some(i), Some(t)) = (attrs.get("Id"), attrs.get("Target")) {
                    let path = match t.strip_prefix('/') {
                        Some(abs) => abs.to_owned(),
                        None => format!("xl/{t}"),
                    };
                    targets.insert(i.clone(), path);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    let mut out = HashMap::new();
    for (name, id) in sheets {
        let Some(path) = targets.get(&id) else {
            continue;
        };
        let Some(part) = entry(&mut zip, path) else {
            continue;
        };
        out.insert(name, sheet_hidden(&part));
    }
    Some(out)
}

/// The hidden rows (`<row r=".." hidden="1">`) and columns (`<col min max hidden="1">`) of one
/// sheet's XML, 0-based; columns only as far as the limit of a sheet (16,384).
fn sheet_hidden(part: &[u8]) -> Hidden {
    use quick_xml::events::Event;

    let mut rows = HashSet::new();
    let mut cols = HashSet::new();
    let mut xml = quick_xml::Reader::from_reader(part);
    let mut buf = Vec::new();
    let mut row_index: u32 = 0;
    while let Ok(event) = xml.read_event_into(&mut buf) {
        match event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "row" => {
                    let attrs = attributes(&e);
                    if let Some(r) = attrs.get("r").and_then(|r| r.parse::<u32>().ok()) {
                        row_index = r.saturating_sub(1);
                    }
                    if attrs.get("hidden").is_some_and(|h| h == "1" || h == "true") {
                        rows.insert(row_index);
                    }
                    row_index = row_index.saturating_add(1);
                }
                "col" => {
                    let attrs = attributes(&e);
                    let num = |k: &str| attrs.get(k).and_then(|v| v.parse::<u32>().ok());
                    let hidden = attrs.get("hidden").is_some_and(|h| h == "1" || h == "true");
                    if let (true, Some(min), Some(max)) = (hidden, num("min"), num("max")) {
                        for c in min.max(1)..=max.min(16_384) {
                            cols.insert(c - 1);
                        }
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    (rows, cols)
}

/// One pass over an ods's `content.xml`, before calamine reads it: each table's merged cells
/// (`number-columns-spanned`) and collapsed rows and columns, and the limits checked on the
/// table's repeated rows and cells as they would expand (a small ods can declare a row repeated a
/// million times).
fn ods_scan(bytes: &[u8], ctx: &Ctx<'_>) -> Result<HashMap<String, SheetLayout>, ReadError> {
    use quick_xml::events::Event;

    let limits = ctx.limits;
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| ctx.corrupt(format!("zip: {e}")))?;
    let content = zip
        .by_name("content.xml")
        .map_err(|e| ctx.corrupt(format!("content.xml: {e}")))?;
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(content));
    let mut buf = Vec::new();
    let mut out = HashMap::new();
    let mut name = String::new();
    let mut layout = SheetLayout::default();
    let (mut row, mut col): (u64, u64) = (0, 0);
    let (mut row_repeat, mut col_repeat): (u64, u64) = (1, 1);
    let mut in_cell = false;
    let mut valued = false;
    let mut column_index: u64 = 0;
    let (mut cells, mut last_row, mut last_col): (u64, u64, u64) = (0, 0, 0);
    let repeat = |attrs: &HashMap<String, String>, key: &str| -> u64 {
        attrs
            .get(key)
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(1)
            .max(1)
    };
    let collapsed = |attrs: &HashMap<String, String>| {
        attrs
            .get("visibility")
            .is_some_and(|v| v == "collapse" || v == "filter")
    };
    loop {
        let event = xml
            .read_event_into(&mut buf)
            .map_err(|e| ctx.corrupt(format!("content.xml: {e}")))?;
        let (start, empty) = match &event {
            Event::Start(e) => (Some(e.clone()), false),
            Event::Empty(e) => (Some(e.clone()), true),
            _ => (None, false),
        };
        if let Some(e) = start {
            let attrs = attributes(&e);
            match e.local_name().as_ref() {
                "table" => {
                    name = attrs.get("name").cloned().unwrap_or_default();
                    layout = SheetLayout::default();
                    (row, column_index, cells, last_row, last_col) = (0, 0, 0, 0, 0);
                }
                "table-column" => {
                    let n = repeat(&attrs, "number-columns-repeated");
                    if collapsed(&attrs) {
                        for c in column_index..column_index.saturating_add(n).min(16_384) {
                            layout
                                .hidden_cols
                                .insert(u32::try_from(c).unwrap_or(u32::MAX));
                        }
                    }
                    column_index = column_index.saturating_add(n);
                }
                "table-row" => {
                    row_repeat = repeat(&attrs, "number-rows-repeated");
                    col = 0;
                    if collapsed(&attrs) {
                        let end = row.saturating_add(row_repeat).min(limits.max_rows as u64);
                        for r in row..end {
                            layout
                                .hidden_rows
                                .insert(u32::try_from(r).unwrap_or(u32::MAX));
                        }
                    }
                    if empty {
                        row = row.saturating_add(row_repeat);
                    }
                }
                "table-cell" | "covered-table-cell" => {
                    col_repeat = repeat(&attrs, "number-columns-repeated");
                    valued = attrs.contains_key("value-type");
                    let span = repeat(&attrs, "number-columns-spanned");
                    if span > 1
                        && let (Ok(r), Ok(c), Ok(end)) = (
                            u32::try_from(row),
                            u32::try_from(col),
                            u32::try_from(col.saturating_add(span - 1)),
                        )
                    {
                        layout.merges.push(Dimensions::new((r, c), (r, end)));
                    }
                    in_cell = !empty;
                }
                _ => {}
            }
        }
        let cell_ended = match &event {
            Event::End(e) => {
                let local = e.local_name();
                let local = local.as_ref();
                if local == "table-row" {
                    row = row.saturating_add(row_repeat);
                }
                if local == "table" {
                    out.insert(std::mem::take(&mut name), std::mem::take(&mut layout));
                }
                local == "table-cell" || local == "covered-table-cell"
            }
            Event::Empty(e) => {
                let local = e.local_name();
                local.as_ref() == "table-cell" || local.as_ref() == "covered-table-cell"
            }
            Event::Text(t) if in_cell => {
                valued |= !t.trim().is_empty();
                false
            }
            Event::Eof => break,
            _ => false,
        };
        if cell_ended {
            if valued {
                last_row = last_row.max(row.saturating_add(row_repeat));
                last_col = last_col.max(col.saturating_add(col_repeat));
                cells = cells.saturating_add(row_repeat.saturating_mul(col_repeat));
                if last_row > limits.max_rows as u64 {
                    return Err(ReadError::TooManyRows {
                        file: ctx.file.to_owned(),
                        sheet: name.clone(),
                        limit: limits.max_rows,
                    });
                }
                if cells > limits.max_cells as u64
                    || last_row.saturating_mul(last_col) > limits.max_cells as u64
                {
                    return Err(ReadError::TooManyCells {
                        file: ctx.file.to_owned(),
                        sheet: name.clone(),
                        limit: limits.max_cells,
                    });
                }
            }
            col = col.saturating_add(col_repeat);
            in_cell = false;
            valued = false;
        }
        buf.clear();
    }
    Ok(out)
}

/// An XML element's attributes by local name, values unescaped (unreadable ones left out).
fn attributes(e: &quick_xml::events::BytesStart<'_>) -> HashMap<String, String> {
    e.attributes()
        .flatten()
        .filter_map(|a| {
            let value = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()?;
            Some((a.key.local_name().as_ref().to_owned(), value.into_owned()))
        })
        .collect()
}

/// A csv file: decoded, its delimiter detected, every field a text cell.
fn read_csv(bytes: &[u8], ctx: &Ctx<'_>) -> Result<Grid, ReadError> {
    let text = decode_text(bytes).ok_or_else(|| ReadError::NotASpreadsheet {
        file: ctx.file.to_owned(),
        found: "binary data, not a spreadsheet or text".to_owned(),
    })?;
    let name = std::path::Path::new(ctx.file)
        .file_stem()
        .map_or_else(|| ctx.file.to_owned(), |s| s.to_string_lossy().into_owned());
    let delimiter = detect_delimiter(&text);
    let mut sheet = SheetBuilder::new(ctx, &name);
    let mut budget = 0;
    let mut record = csv::StringRecord::new();
    let mut reader = csv_reader(delimiter, &text);
    let mut row: u32 = 0;
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(ctx.corrupt(format!("csv row {}: {e}", row + 1))),
        }
        for (col, field) in record.iter().enumerate() {
            let col = u32::try_from(col).map_err(|_| sheet.too_many_cells())?;
            sheet.push(row, col, text_value(field), None, &mut budget)?;
        }
        row = row.saturating_add(1);
    }
    sheet.finish(&[], &HashSet::new(), &HashSet::new())
}

fn text_value(field: &str) -> CellValue {
    if field.is_empty() {
        CellValue::Empty
    } else {
        CellValue::Text(crate::domain::spreadsheet::unneutralise(field).to_owned())
    }
}

fn csv_reader(delimiter: u8, text: &str) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes())
}

/// The delimiter among comma, semicolon and tab that splits the first 50 records most
/// consistently: the most records share the same field count, and that count is above one
/// (ties go to the larger count, then to comma, semicolon, tab in that order).
fn detect_delimiter(text: &str) -> u8 {
    let mut best = (b',', (false, 0usize, 0usize));
    for delimiter in [b',', b';', b'\t'] {
        let mut counts: HashMap<usize, usize> = HashMap::new();
        for record in csv_reader(delimiter, text).records().take(50) {
            match record {
                Ok(r) => *counts.entry(r.len()).or_default() += 1,
                Err(_) => break,
            }
        }
        let Some((&fields, &records)) = counts.iter().max_by_key(|(f, n)| (**n, **f)) else {
            continue;
        };
        let score = (fields > 1, records, fields);
        if score > best.1 {
            best = (delimiter, score);
        }
    }
    best.0
}

/// Reads the sheets of a file whose format is known.
fn read_format(format: Format, bytes: &[u8], ctx: &Ctx<'_>) -> Result<Vec<Grid>, ReadError> {
    Ok(match format {
        Format::Xlsx => read_xlsx(bytes, ctx)?,
        Format::Xlsb => {
            let wb = Xlsb::new(Cursor::new(bytes)).map_err(|e| ctx.workbook_error(&e))?;
            read_ranges(wb, ctx, |_, _| SheetLayout::default())?
        }
        Format::Xls => {
            let wb = Xls::new(Cursor::new(bytes)).map_err(|e| ctx.xls_error(&e))?;
            read_ranges(wb, ctx, |wb, name| SheetLayout {
                merges: wb.merge_cells_by_sheet_name(name).unwrap_or_default(),
                ..SheetLayout::default()
            })?
        }
        Format::Ods => {
            // The scan refuses an ods too large before calamine expands its repeated cells.
            let layouts = ods_scan(bytes, ctx)?;
            let wb = Ods::new(Cursor::new(bytes)).map_err(|e| ctx.workbook_error(&e))?;
            read_ranges(wb, ctx, |_, name| {
                layouts.get(name).cloned().unwrap_or_default()
            })?
        }
        Format::Csv => vec![read_csv(bytes, ctx)?],
    })
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod fuzz_tests;
