#![allow(clippy::unwrap_used)]
use std::io::Write;

use super::*;

const FIXTURE: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/wolverhampton-dv-action-plan.xlsx"
));
const FIXTURE_NAME: &str = "wolverhampton-dv-action-plan.xlsx";

fn read(bytes: &[u8], name: &str) -> Result<Vec<Grid>, ReadError> {
    read_grid(bytes, name, &Limits::default())
}

fn one(bytes: &[u8], name: &str) -> Grid {
    let mut grids = read(bytes, name).unwrap();
    assert_eq!(grids.len(), 1, "{grids:?}");
    grids.remove(0)
}

/// The non-blank texts of each row, by row index.
fn texts(grid: &Grid) -> Vec<(usize, Vec<String>)> {
    grid.rows
        .iter()
        .map(|r| {
            let t = r
                .cells
                .iter()
                .filter(|c| !c.value.is_blank())
                .map(|c| c.value.text())
                .collect();
            (r.index, t)
        })
        .filter(|(_, t): &(usize, Vec<String>)| !t.is_empty())
        .collect()
}

fn cell(grid: &Grid, row: usize, col: usize) -> &GridCell {
    grid.rows[row].cells.get(col).unwrap()
}

/// A zip made in code; entries stored or deflated.
fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in entries {
        let method = if *name == "mimetype" {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let options = zip::write::SimpleFileOptions::default().compression_method(method);
        w.start_file(*name, options).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

// ---------------------------------------------------------------- the real fixture

#[test]
fn the_wolverhampton_fixture_reads_as_its_dumped_grid() {
    let want: Grid = serde_json::from_str(include_str!(
        "../../../domain/import/testdata/wolverhampton-grid.json"
    ))
    .unwrap();
    let grid = one(FIXTURE, FIXTURE_NAME);
    assert_eq!(grid.sheet, want.sheet);
    assert_eq!(texts(&grid), texts(&want));
    // Every row in place (blank ones too), same hidden flags and spans: the merged title and
    // section rows have span 5.
    assert_eq!(grid.rows.len(), want.rows.len());
    for (got, want) in grid.rows.iter().zip(&want.rows) {
        assert_eq!(got.index, want.index);
        assert_eq!(got.hidden, want.hidden, "row {}", got.index);
        let spans = |r: &GridRow| r.cells.iter().map(|c| c.span).collect::<Vec<_>>();
        let trimmed = |mut s: Vec<u16>| {
            while s.last() == Some(&1) {
                s.pop();
            }
            s
        };
        assert_eq!(
            trimmed(spans(got)),
            trimmed(spans(want)),
            "row {}",
            got.index
        );
    }
    for section in [3, 12, 17, 23, 29, 34] {
        assert_eq!(cell(&grid, section, 0).span, 5, "row {section}");
    }
}

#[test]
fn the_fixture_feeds_layout_detection() {
    let grid = one(FIXTURE, FIXTURE_NAME);
    let want: Grid = serde_json::from_str(include_str!(
        "../../../domain/import/testdata/wolverhampton-grid.json"
    ))
    .unwrap();
    // The same grid as the dump, cell for cell: values, spans, fills, hidden flags.
    assert_eq!(grid.rows.len(), want.rows.len());
    for (got, want) in grid.rows.iter().zip(&want.rows) {
        assert_eq!(got.cells.len(), want.cells.len(), "row {}", got.index);
        for (col, (g, w)) in got.cells.iter().zip(&want.cells).enumerate() {
            assert_eq!(g, w, "row {} column {col}", got.index);
        }
    }
    assert_eq!(grid, want);
}

#[test]
fn the_format_comes_from_the_content_not_the_name() {
    let limits = Limits::default();
    assert_eq!(
        detect_format(FIXTURE, "plan.csv", &limits),
        Ok(Format::Xlsx)
    );
    assert_eq!(
        detect_format(b"Action,Due\nA,2006\n", "plan.xlsx", &limits),
        Ok(Format::Csv)
    );
    let grid = one(b"Action,Due\nA,2006\n", "plan.xlsx");
    assert_eq!(grid.sheet, "plan");
    assert_eq!(texts(&grid)[1].1, ["A", "2006"]);
}

// ---------------------------------------------------------------- csv

const TABLE: [[&str; 3]; 3] = [
    ["Action", "Partners", "Due"],
    ["Training", "WDVF, Haven", "2005-2006"],
    ["Refuge", "SWP; WDVF", "31/03/2009"],
];

fn csv_with(delimiter: char) -> String {
    let mut out = String::new();
    out.push_str("Domestic violence action plan\n\n");
    for row in TABLE {
        let fields: Vec<String> = row
            .iter()
            .map(|f| {
                if f.contains(delimiter) {
                    format!("\"{f}\"")
                } else {
                    (*f).to_owned()
                }
            })
            .collect();
        out.push_str(&fields.join(&delimiter.to_string()));
        out.push_str("\r\n");
    }
    out
}

#[test]
fn csv_delimiters_are_detected() {
    for delimiter in [',', ';', '\t'] {
        let grid = one(csv_with(delimiter).as_bytes(), "plan.csv");
        let got = texts(&grid);
        assert_eq!(got[0].1, ["Domestic violence action plan"], "{delimiter:?}");
        for (i, row) in TABLE.iter().enumerate() {
            assert_eq!(got[i + 1].1, row, "{delimiter:?}");
        }
        assert_eq!(grid.sheet, "plan");
        assert!(grid.rows.iter().all(|r| r.cells.len() == 3));
    }
}

#[test]
fn semicolon_csv_with_decimal_commas() {
    let text = "Target;Baseline;Value\nRepeat victims;32,5;30\nArrests;65,1;70\n";
    let grid = one(text.as_bytes(), "plan.csv");
    assert_eq!(texts(&grid)[1].1, ["Repeat victims", "32,5", "30"]);
}

#[test]
fn csv_encodings() {
    // UTF-8 with a BOM: the BOM is not part of the first cell.
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice("Action,Partners\nOutreach,Women’s Aid\n".as_bytes());
    let grid = one(&bom, "bom.csv");
    assert_eq!(texts(&grid)[0].1, ["Action", "Partners"]);
    assert_eq!(texts(&grid)[1].1, ["Outreach", "Women’s Aid"]);

    // Windows-1252, as Excel saves "CSV" on Windows.
    let cp1252 = b"Action,Partners\nOutreach,Women\x92s Aid \x96 \x93Haven\x94, caf\xE9\n";
    let grid = one(cp1252, "win.csv");
    assert_eq!(
        texts(&grid)[1].1,
        ["Outreach", "Women’s Aid – “Haven”", " café"]
    );

    // UTF-16 with a BOM, as Excel saves "Unicode text" (tab-separated).
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        "Action\tDue\nRefuge\t2006\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    let grid = one(&utf16, "unicode.txt");
    assert_eq!(texts(&grid)[1].1, ["Refuge", "2006"]);
}

#[test]
fn quoted_multi_line_cells_are_kept_whole() {
    let text = "Action,Target,Partners\n\
        Forum,\"Best Value Indicator\n4 Forum meetings per year\",WDVF\n\
        Court,\"He said \"\"yes\"\"\r\nthen no\",\"SWP, WDVF and SDVC\"\n";
    let grid = one(text.as_bytes(), "plan.csv");
    let got = texts(&grid);
    assert_eq!(got.len(), 3);
    assert_eq!(
        got[1].1,
        [
            "Forum",
            "Best Value Indicator\n4 Forum meetings per year",
            "WDVF"
        ]
    );
    assert_eq!(
        got[2].1,
        ["Court", "He said \"yes\"\r\nthen no", "SWP, WDVF and SDVC"]
    );
}

#[test]
fn formula_like_text_is_kept_verbatim() {
    let text = "a,b,c,d\n=SUM(A1:A3),+44 121 555,-5,@cmd|' /C calc'!A0\n";
    let grid = one(text.as_bytes(), "plan.csv");
    let row = &grid.rows[1];
    let want = ["=SUM(A1:A3)", "+44 121 555", "-5", "@cmd|' /C calc'!A0"];
    for (c, w) in row.cells.iter().zip(want) {
        assert_eq!(c.value, CellValue::Text(w.to_owned()));
    }
}

#[test]
fn long_cells() {
    let ok = format!("Action\n{}\n", "x".repeat(40_000));
    let grid = one(ok.as_bytes(), "long.csv");
    assert_eq!(grid.rows[1].cells[0].value.text().len(), 40_000);

    // Characters, not bytes: 40,000 two-byte characters are fine.
    let ok = format!("Action\n{}\n", "é".repeat(40_000));
    assert!(read(ok.as_bytes(), "long.csv").is_ok());

    let too_long = format!("Action,Notes\nA,{}\n", "x".repeat(40_001));
    let err = read(too_long.as_bytes(), "long.csv").unwrap_err();
    assert_eq!(
        err,
        ReadError::CellTooLong {
            file: "long.csv".into(),
            sheet: "long".into(),
            cell: "B2".into(),
            chars: 40_001,
            limit: 40_000,
        }
    );
    let message = err.to_string();
    assert!(
        message.contains("Cell B2") && message.contains("at most 40000"),
        "{message}"
    );
}

#[test]
fn too_many_rows_and_cells() {
    let limits = Limits {
        max_rows: 3,
        max_cells: 7,
        ..Limits::default()
    };
    let err = read_grid(b"a\nb\nc\nd\n", "rows.csv", &limits).unwrap_err();
    assert!(
        matches!(err, ReadError::TooManyRows { limit: 3, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("at most 3 rows"));
    assert!(read_grid(b"a\nb\nc\n", "rows.csv", &limits).is_ok());

    let err = read_grid(b"a,b,c\nd,e,f\ng,h,i\n", "cells.csv", &limits).unwrap_err();
    assert!(
        matches!(err, ReadError::TooManyCells { limit: 7, .. }),
        "{err:?}"
    );
    // Dense too: 3 filled cells far apart make a 3 × 3 grid, more than 7 cells.
    assert!(read_grid(b"a,,b\n", "cells.csv", &limits).is_ok());
    let err = read_grid(b"a,,\nx,,\n,,b\n", "cells.csv", &limits).unwrap_err();
    assert!(matches!(err, ReadError::TooManyCells { .. }), "{err:?}");
}

#[test]
fn blank_text_is_an_empty_workbook() {
    for bytes in [&b"  \r\n\n ,, \n"[..], b",,,\n"] {
        let err = read(bytes, "blank.csv").unwrap_err();
        assert_eq!(
            err,
            ReadError::EmptyWorkbook {
                file: "blank.csv".into()
            }
        );
    }
}

// ---------------------------------------------------------------- xlsx and ods built in code

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
</Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"#;

const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets>
<sheet name="Plan &amp; targets" sheetId="1" r:id="rId1"/>
<sheet name="Notes" sheetId="2" r:id="rId2"/>
</sheets>
</workbook>"#;

const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>"#;

/// Style 0 default, 1 a date (built-in format 14), 2 a solid red fill.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="3">
<fill><patternFill patternType="none"/></fill>
<fill><patternFill patternType="gray125"/></fill>
<fill><patternFill patternType="solid"><fgColor rgb="FFFF0000"/><bgColor indexed="64"/></patternFill></fill>
</fills>
<borders count="1"><border/></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="3">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="0" fontId="0" fillId="2" borderId="0" xfId="0" applyFill="1"/>
</cellXfs>
</styleSheet>"#;

fn inline(r: &str, text: &str) -> String {
    format!(r#"<c r="{r}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>"#)
}

fn xlsx_sheet1() -> String {
    let mut rows = String::new();
    // Row 1: a title merged across A:C.
    rows.push_str(&format!(
        r#"<row r="1">{}</row>"#,
        inline("A1", "Action plan")
    ));
    // Row 2: the header; column B is hidden.
    rows.push_str(&format!(
        r#"<row r="2">{}{}{}{}</row>"#,
        inline("A2", "Action"),
        inline("B2", "Internal ref"),
        inline("C2", "Due"),
        inline("D2", "RAG")
    ));
    // Row 3: formula-like text, a formula with its cached value, a date, a red fill only.
    rows.push_str(&format!(
        r#"<row r="3">{}<c r="B3"><f>1+1</f><v>2</v></c><c r="C3" s="1"><v>38807</v></c><c r="D3" s="2"/></row>"#,
        inline("A3", "=HYPERLINK(&quot;http://x&quot;)")
    ));
    // Row 4, hidden: a number, a boolean, a two-line text.
    rows.push_str(&format!(
        r#"<row r="4" hidden="1">{}<c r="B4"><v>0.3</v></c><c r="C4" t="b"><v>1</v></c></row>"#,
        inline("A4", "Best Value Indicator\n4 Forum meetings per year")
    ));
    // Row 6 after a blank row 5.
    rows.push_str(&format!(
        r#"<row r="6">{}</row>"#,
        inline("A6", "-5 and @ text")
    ));
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<dimension ref="A1:D6"/>
<cols><col min="2" max="2" width="0" hidden="1" customWidth="1"/></cols>
<sheetData>{rows}</sheetData>
<mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells>
</worksheet>"#
    )
}

fn xlsx_sheet2() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<sheetData><row r="2">{}</row></sheetData>
</worksheet>"#,
        inline("B2", "A note")
    )
}

fn built_xlsx() -> Vec<u8> {
    let sheet1 = xlsx_sheet1();
    let sheet2 = xlsx_sheet2();
    zip_of(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", ROOT_RELS.as_bytes()),
        ("xl/workbook.xml", WORKBOOK.as_bytes()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes()),
        ("xl/styles.xml", STYLES.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet1.as_bytes()),
        ("xl/worksheets/sheet2.xml", sheet2.as_bytes()),
    ])
}

#[test]
fn an_xlsx_built_in_code() {
    let grids = read(&built_xlsx(), "built.xlsx").unwrap();
    assert_eq!(grids.len(), 2);
    let plan = &grids[0];
    assert_eq!(plan.sheet, "Plan & targets");
    assert_eq!(plan.rows.len(), 6);
    assert!(plan.rows.iter().all(|r| r.cells.len() == 4));

    // The merged title: span 3, the covered cells empty.
    assert_eq!(
        cell(plan, 0, 0).value,
        CellValue::Text("Action plan".into())
    );
    assert_eq!(cell(plan, 0, 0).span, 3);
    assert_eq!(cell(plan, 0, 1).value, CellValue::Empty);

    // Hidden column B and hidden row 4.
    assert!(plan.rows.iter().all(|r| r.cells[1].hidden_column));
    assert!(!cell(plan, 1, 0).hidden_column);
    let hidden: Vec<usize> = plan
        .rows
        .iter()
        .filter(|r| r.hidden)
        .map(|r| r.index)
        .collect();
    assert_eq!(hidden, [3]);

    // Typed values; formula-like text verbatim; a formula's cached value.
    assert_eq!(
        cell(plan, 2, 0).value,
        CellValue::Text("=HYPERLINK(\"http://x\")".into())
    );
    assert_eq!(cell(plan, 2, 1).value, CellValue::Number(2.0));
    assert_eq!(
        cell(plan, 2, 2).value,
        CellValue::Date(NaiveDate::from_ymd_opt(2006, 3, 31).unwrap())
    );
    assert_eq!(cell(plan, 2, 3).value, CellValue::Empty);
    assert_eq!(cell(plan, 2, 3).fill.as_deref(), Some("#FF0000"));
    assert_eq!(
        cell(plan, 3, 0).value,
        CellValue::Text("Best Value Indicator\n4 Forum meetings per year".into())
    );
    assert_eq!(cell(plan, 3, 1).value, CellValue::Number(0.3));
    assert_eq!(cell(plan, 3, 2).value, CellValue::Bool(true));
    assert!(plan.rows[4].is_blank());
    assert_eq!(
        cell(plan, 5, 0).value,
        CellValue::Text("-5 and @ text".into())
    );

    let notes = &grids[1];
    assert_eq!(notes.sheet, "Notes");
    assert_eq!(texts(notes), [(1, vec!["A note".to_owned()])]);
}

#[test]
fn an_xlsx_past_the_row_limit_stops_early() {
    let limits = Limits {
        max_rows: 5,
        ..Limits::default()
    };
    let err = read_grid(&built_xlsx(), "built.xlsx", &limits).unwrap_err();
    assert_eq!(
        err,
        ReadError::TooManyRows {
            file: "built.xlsx".into(),
            sheet: "Plan & targets".into(),
            limit: 5
        }
    );
}

fn built_ods() -> Vec<u8> {
    ods_with(ODS_TABLE)
}

const ODS_TABLE: &str = r#"<table:table table:name="Plan">
<table:table-column table:number-columns-repeated="3"/>
<table:table-row>
<table:table-cell office:value-type="string"><text:p>Action</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>Target</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>Due</text:p></table:table-cell>
</table:table-row>
<table:table-row>
<table:table-cell office:value-type="string"><text:p>Refuge</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>Best Value Indicator</text:p><text:p>14/15 bed spaces</text:p></table:table-cell>
<table:table-cell office:value-type="date" office:date-value="2006-03-31"><text:p>31/03/06</text:p></table:table-cell>
</table:table-row>
<table:table-row>
<table:table-cell office:value-type="string"><text:p>=1+1</text:p></table:table-cell>
<table:table-cell office:value-type="float" office:value="30"><text:p>30</text:p></table:table-cell>
<table:table-cell office:value-type="percentage" office:value="0.7"><text:p>70%</text:p></table:table-cell>
</table:table-row>
</table:table>"#;

/// An ods whose one spreadsheet body is `tables`.
fn ods_with(tables: &str) -> Vec<u8> {
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"#;
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>
</office:document-content>"#
    );
    // As LibreOffice writes it: no white space between elements (calamine expects none).
    zip_of(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        ("META-INF/manifest.xml", manifest.as_bytes()),
        ("content.xml", content.replace('\n', "").as_bytes()),
    ])
}

#[test]
fn an_ods_built_in_code() {
    let bytes = built_ods();
    assert_eq!(
        detect_format(&bytes, "plan.xlsx", &Limits::default()),
        Ok(Format::Ods)
    );
    let grid = one(&bytes, "plan.ods");
    assert_eq!(grid.sheet, "Plan");
    assert_eq!(texts(&grid)[0].1, ["Action", "Target", "Due"]);
    assert_eq!(
        cell(&grid, 1, 1).value,
        CellValue::Text("Best Value Indicator\n14/15 bed spaces".into())
    );
    assert_eq!(
        cell(&grid, 1, 2).value,
        CellValue::Date(NaiveDate::from_ymd_opt(2006, 3, 31).unwrap())
    );
    assert_eq!(cell(&grid, 2, 0).value, CellValue::Text("=1+1".into()));
    assert_eq!(cell(&grid, 2, 1).value, CellValue::Number(30.0));
    assert_eq!(cell(&grid, 2, 2).value, CellValue::Number(0.7));
}

#[test]
fn an_ods_with_merged_cells_hidden_rows_and_columns() {
    let table = r#"<table:table table:name="DV">
<table:table-column table:number-columns-repeated="2"/>
<table:table-column table:visibility="collapse"/>
<table:table-column table:number-columns-repeated="1021"/>
<table:table-row>
<table:table-cell table:number-columns-spanned="3" office:value-type="string"><text:p>Support Services</text:p></table:table-cell>
<table:covered-table-cell table:number-columns-repeated="2"/>
<table:table-cell table:number-columns-repeated="1021"/>
</table:table-row>
<table:table-row table:visibility="collapse">
<table:table-cell office:value-type="string"><text:p>Old action</text:p></table:table-cell>
<table:table-cell table:number-columns-repeated="2"/>
<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>
</table:table-row>
<table:table-row table:number-rows-repeated="1048574"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
</table:table>"#;
    let grid = one(&ods_with(table), "plan.ods");
    assert_eq!(grid.rows.len(), 2);
    assert_eq!(
        cell(&grid, 0, 0).value,
        CellValue::Text("Support Services".into())
    );
    assert_eq!(cell(&grid, 0, 0).span, 3);
    assert!(!grid.rows[0].hidden);
    assert!(grid.rows[1].hidden);
    assert_eq!(cell(&grid, 1, 3).value, CellValue::Text("x".into()));
    let hidden: Vec<bool> = grid.rows[1].cells.iter().map(|c| c.hidden_column).collect();
    assert_eq!(hidden, [false, false, true, false]);
}

#[test]
fn an_ods_whose_repeats_would_expand_too_far_is_refused_before_calamine() {
    // A few hundred bytes that declare a million rows of text, then a wide row.
    let rows = r#"<table:table table:name="Bomb">
<table:table-row table:number-rows-repeated="1000000"><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>
</table:table>"#;
    let err = read(&ods_with(rows), "bomb.ods").unwrap_err();
    assert!(
        matches!(err, ReadError::TooManyRows { limit: 20_000, .. }),
        "{err:?}"
    );
    let cells = r#"<table:table table:name="Bomb">
<table:table-row table:number-rows-repeated="100"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>
</table:table>"#;
    let err = read(&ods_with(cells), "bomb.ods").unwrap_err();
    assert!(
        matches!(err, ReadError::TooManyCells { limit: 500_000, .. }),
        "{err:?}"
    );
}

// ---------------------------------------------------------------- bad input

/// Deterministic noise (a linear congruential generator), never starting with a known magic.
fn noise(len: usize) -> Vec<u8> {
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut out: Vec<u8> = (0..len)
        .map(|_| {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (x >> 56) as u8
        })
        .collect();
    out[0] = 0x01;
    out
}

#[test]
fn random_bytes_are_not_a_spreadsheet() {
    let err = read(&noise(4096), "plan.xlsx").unwrap_err();
    assert!(matches!(err, ReadError::NotASpreadsheet { .. }), "{err:?}");
    assert!(
        err.to_string().contains("Save your action plan as .xlsx"),
        "{err}"
    );
}

#[test]
fn other_documents_are_named() {
    let cases: [(Vec<u8>, &str); 5] = [
        (b"%PDF-1.7\n...".to_vec(), "a PDF document"),
        (b"\x89PNG\r\n\x1a\n....".to_vec(), "a PNG picture"),
        (
            zip_of(&[("word/document.xml", b"<w:document/>")]),
            "a Word document",
        ),
        (b"<html><body><table>".to_vec(), "a web page"),
        (zip_of(&[("readme.txt", b"hello")]), "a zip archive"),
    ];
    for (bytes, found) in cases {
        let err = read(&bytes, "plan.xlsx").unwrap_err();
        assert!(
            matches!(&err, ReadError::NotASpreadsheet { found: f, .. } if f.starts_with(found)),
            "{found}: {err:?}"
        );
    }
}

#[test]
fn a_truncated_file_is_corrupt() {
    for len in [1000, FIXTURE.len() / 2, FIXTURE.len() - 10] {
        let err = read(&FIXTURE[..len], FIXTURE_NAME).unwrap_err();
        assert!(matches!(err, ReadError::Corrupt { .. }), "{len}: {err:?}");
        assert!(err.to_string().contains("damaged or incomplete"), "{err}");
    }
}

#[test]
fn an_empty_file() {
    let err = read(b"", "plan.xlsx").unwrap_err();
    assert_eq!(
        err,
        ReadError::EmptyFile {
            file: "plan.xlsx".into()
        }
    );
    assert!(err.to_string().contains("is empty"));
}

#[test]
fn an_xlsx_with_no_cells_is_an_empty_workbook() {
    let empty_sheet = r#"<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>"#;
    let bytes = zip_of(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", ROOT_RELS.as_bytes()),
        ("xl/workbook.xml", WORKBOOK.as_bytes()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes()),
        ("xl/styles.xml", STYLES.as_bytes()),
        ("xl/worksheets/sheet1.xml", empty_sheet.as_bytes()),
        ("xl/worksheets/sheet2.xml", empty_sheet.as_bytes()),
    ]);
    let err = read(&bytes, "empty.xlsx").unwrap_err();
    assert_eq!(
        err,
        ReadError::EmptyWorkbook {
            file: "empty.xlsx".into()
        }
    );
}

#[test]
fn a_zip_bomb_is_refused_before_unpacking() {
    // 4 MiB of zeros deflate to a few kilobytes.
    let zeros = vec![0u8; 4 << 20];
    let mut bytes = built_xlsx();
    assert!(read(&bytes, "bomb.xlsx").is_ok());
    bytes = zip_of(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("xl/workbook.xml", WORKBOOK.as_bytes()),
        ("xl/media/padding.bin", &zeros),
    ]);
    assert!(bytes.len() < 64 * 1024, "{}", bytes.len());
    let limits = Limits {
        max_unzipped_bytes: 1 << 20,
        ..Limits::default()
    };
    let err = read_grid(&bytes, "bomb.xlsx", &limits).unwrap_err();
    assert!(matches!(err, ReadError::TooLargeUnzipped { .. }), "{err:?}");
    assert!(
        err.to_string().contains("more than the 1 MB allowed"),
        "{err}"
    );
}

fn ole_with(stream: &str) -> Vec<u8> {
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.extend(noise(1024));
    bytes.extend(stream.encode_utf16().flat_map(u16::to_le_bytes));
    bytes.extend(noise(1024));
    bytes
}

#[test]
fn an_encrypted_workbook_says_so() {
    let err = read(&ole_with("EncryptedPackage"), "secret.xlsx").unwrap_err();
    assert_eq!(
        err,
        ReadError::Encrypted {
            file: "secret.xlsx".into()
        }
    );
    assert!(err.to_string().contains("remove the password"), "{err}");
}

#[test]
fn an_ole_file_of_garbage_is_corrupt() {
    let err = read(&ole_with("Workbook"), "old.xls").unwrap_err();
    assert!(matches!(err, ReadError::Corrupt { .. }), "{err:?}");
    let err = read(&ole_with("WordDocument"), "old.xls").unwrap_err();
    assert!(matches!(err, ReadError::NotASpreadsheet { .. }), "{err:?}");
}

#[test]
fn a_file_over_the_size_limit() {
    let limits = Limits {
        max_bytes: 1000,
        ..Limits::default()
    };
    let err = read_grid(&vec![b'a'; 1001], "big.csv", &limits).unwrap_err();
    assert_eq!(
        err,
        ReadError::TooLarge {
            file: "big.csv".into(),
            size: "1001 bytes".into(),
            limit: "1000 bytes".into()
        }
    );
    let err = read_grid(&vec![b'a'; 11 * MIB], "big.csv", &Limits::default()).unwrap_err();
    assert!(err.to_string().contains("can be at most 10 MB"), "{err}");
}

#[test]
fn sizes_for_people() {
    assert_eq!(human_size(512), "512 bytes");
    assert_eq!(human_size(9295), "9.1 KB");
    assert_eq!(human_size(10 * MIB as u64), "10 MB");
    assert_eq!(human_size(50 * 1000 * 1000), "47.7 MB");
}
