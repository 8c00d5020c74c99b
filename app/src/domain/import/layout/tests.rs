use super::*;
use crate::domain::import::grid::CellValue;

const GREY: &str = "#D9D9D9";

/// A row whose one cell is merged across `width` columns.
fn merged(index: usize, text: &str, width: u16, fill: Option<&str>) -> GridRow {
    let mut first = GridCell::text(text).spanning(width);
    first.fill = fill.map(str::to_owned);
    let mut cells = vec![first];
    cells.extend((1..width).map(|_| GridCell::default()));
    GridRow {
        index,
        hidden: false,
        cells,
    }
}

fn row(index: usize, texts: &[&str]) -> GridRow {
    GridRow::texts(index, texts)
}

fn titles(layout: &Layout) -> Vec<&str> {
    layout.themes.iter().map(|t| t.title.as_str()).collect()
}

fn roles(layout: &Layout) -> Vec<ColumnRole> {
    layout.columns.iter().map(|c| c.role).collect()
}

fn actions(layout: &Layout, theme: usize) -> Vec<String> {
    layout.themes[theme]
        .rows
        .iter()
        .map(|r| layout.text(r, ColumnRole::Action))
        .collect()
}

/// The layout of the Wolverhampton plan: two merged title rows, a grey merged section row above
/// each repeated header, blank rows between sections, a closing note in column A.
fn wolverhampton() -> Grid {
    let header1 = [
        "Action",
        "Activity",
        "Target/ Date",
        "Partners",
        "Resources",
    ];
    let header = ["Action", "Activity", "Targets", "Partners", "Resources"];
    Grid {
        sheet: "DV Action Plan".into(),
        rows: vec![
            merged(
                0,
                "Wolverhampton Crime and Disorder Reduction and Substance Misuse Strategy",
                5,
                None,
            ),
            merged(1, "DOMESTIC VIOLENCE", 5, None),
            row(2, &["", "", "", "", ""]),
            merged(3, "Everyone’s Business", 5, Some(GREY)),
            row(4, &header1),
            row(
                5,
                &[
                    "Domestic Violence Co-ordinator and Strategy",
                    "Employment of full time DV Strategy Co-ordinator",
                    "Best Value Indicator\nEmployment of voluntary sector based domestic violence co-ordinator\nSLA with WCC until 0306",
                    "WDVF members",
                    "WCC and WCSP",
                ],
            ),
            row(
                6,
                &[
                    "Information Sharing Protocol",
                    "An information sharing protocol agreed",
                    "Best Value Indicator\nDV ISP",
                    "SWP, WDVF and SDVC",
                    "",
                ],
            ),
            row(7, &[]),
            merged(12, "Prevention and Awareness Raising", 5, Some(GREY)),
            row(13, &header),
            row(
                14,
                &[
                    "Increase community and agency awareness of domestic violence ",
                    "Citywide awareness raising campaigns.",
                    "4 campaigns per year",
                    "WDVF member agencies",
                    "WDVF, WCSP",
                ],
            ),
            row(
                15,
                &[
                    "Building Safe Relationships Education Programme",
                    "School and youth organisations",
                    "Teacher training to take place 2005-2006",
                    "WDVF, LEA",
                    "WDVF, LEA",
                ],
            ),
            row(16, &["", "", "", "", ""]),
            merged(17, "Protection and Justice", 5, Some(GREY)),
            row(18, &header),
            row(
                19,
                &[
                    "Specialist Domestic Violence Court",
                    "Continuation of the partnership",
                    "Maintain level of 30% repeat victimization or less",
                    "SDVC Members  ",
                    "BSC funds, SWP",
                ],
            ),
            row(40, &[]),
            row(
                41,
                &["Local Public Service Agreement –  provisional target to be agreed by partners"],
            ),
        ],
    }
}

#[test]
fn the_wolverhampton_layout() {
    let layout = detect(&wolverhampton());
    assert_eq!(layout.header_row, Some(4));
    assert_eq!(
        roles(&layout),
        [
            ColumnRole::Action,
            ColumnRole::Activity,
            ColumnRole::Target,
            ColumnRole::Partners,
            ColumnRole::Resources
        ]
    );
    assert_eq!(
        layout.title_lines,
        [
            "Wolverhampton Crime and Disorder Reduction and Substance Misuse Strategy",
            "DOMESTIC VIOLENCE"
        ]
    );
    assert_eq!(
        titles(&layout),
        [
            "Everyone’s Business",
            "Prevention and Awareness Raising",
            "Protection and Justice"
        ]
    );
    assert_eq!(layout.themes[0].row, Some(3));
    assert_eq!(layout.themes[1].row, Some(12));
    assert_eq!(
        actions(&layout, 0),
        [
            "Domestic Violence Co-ordinator and Strategy",
            "Information Sharing Protocol"
        ]
    );
    assert_eq!(
        actions(&layout, 1),
        [
            "Increase community and agency awareness of domestic violence",
            "Building Safe Relationships Education Programme"
        ]
    );
    assert_eq!(actions(&layout, 2), ["Specialist Domestic Violence Court"]);
    assert_eq!(layout.row_count(), 5);
    assert_eq!(layout.themes[0].rows[0].row, 5);
    assert_eq!(
        layout.text(&layout.themes[0].rows[0], ColumnRole::Partners),
        "WDVF members"
    );
    assert_eq!(
        layout.text(&layout.themes[0].rows[1], ColumnRole::Resources),
        ""
    );
    assert_eq!(
        layout.notes,
        ["Local Public Service Agreement – provisional target to be agreed by partners"]
    );
    assert_eq!(
        layout.warnings,
        [RowWarning {
            row: Some(42),
            message: "'Local Public Service Agreement – provisional target to be agreed by partners' has no rows under it: kept as a note, not a theme".into()
        }]
    );
}

#[test]
fn the_first_section_is_found_by_its_fill_alone() {
    // the later sections are not followed by repeated headers, but share the grey fill
    let grid = Grid {
        sheet: "Plan".into(),
        rows: vec![
            merged(0, "Kent DV Strategy", 3, None),
            merged(1, "Prevention", 3, Some(GREY)),
            row(2, &["Action", "Lead", "Due"]),
            row(3, &["Leaflets", "Police", "2006"]),
            merged(4, "Protection", 3, Some(GREY)),
            row(5, &["IDVA service", "Refuge", "2007"]),
        ],
    };
    let layout = detect(&grid);
    assert_eq!(layout.title_lines, ["Kent DV Strategy"]);
    assert_eq!(titles(&layout), ["Prevention", "Protection"]);
}

#[test]
fn a_title_above_the_header_is_not_a_theme_without_sections() {
    let grid = Grid {
        sheet: "Plan".into(),
        rows: vec![
            merged(0, "Action plan 2008-11", 3, Some(GREY)),
            row(1, &["Action", "Lead", "Due"]),
            row(2, &["Leaflets", "Police", "2006"]),
            row(3, &["Audit", "Council", "2007"]),
        ],
    };
    let layout = detect(&grid);
    assert_eq!(layout.title_lines, ["Action plan 2008-11"]);
    assert_eq!(titles(&layout), ["Plan"]);
    assert_eq!(layout.row_count(), 2);
}

#[test]
fn a_theme_column_names_each_rows_theme() {
    let grid = Grid {
        sheet: "Tracker".into(),
        rows: vec![
            row(
                0,
                &["Ref", "Theme", "Action", "Lead agency", "Due date", "RAG"],
            ),
            row(
                1,
                &[
                    "1.1",
                    "Prevention",
                    "Leaflets",
                    "Police",
                    "31/03/2009",
                    "Green",
                ],
            ),
            row(
                2,
                &["1.2", "", "Schools programme", "LEA", "2008-2009", "Amber"],
            ),
            row(3, &["2.1", "Protection", "MARAC", "Police", "March 09", ""]),
            row(4, &["1.3", "Prevention", "Campaign", "WDVF", "", "Red"]),
            row(5, &["", "", "", "", "", ""]),
            row(6, &["2.2", "Protection", "SDVC", "Courts", "", ""]),
        ],
    };
    let layout = detect(&grid);
    assert_eq!(layout.header_row, Some(0));
    assert_eq!(
        roles(&layout),
        [
            ColumnRole::Reference,
            ColumnRole::Theme,
            ColumnRole::Action,
            ColumnRole::Lead,
            ColumnRole::Due,
            ColumnRole::Rag
        ]
    );
    assert_eq!(titles(&layout), ["Prevention", "Protection"]);
    assert_eq!(
        actions(&layout, 0),
        ["Leaflets", "Schools programme", "Campaign"]
    );
    assert_eq!(actions(&layout, 1), ["MARAC", "SDVC"]);
    assert!(layout.themes.iter().all(|t| t.row.is_none()));
    assert_eq!(
        layout.text(&layout.themes[0].rows[0], ColumnRole::Reference),
        "1.1"
    );
    assert!(layout.warnings.is_empty(), "{:?}", layout.warnings);
}

#[test]
fn hidden_rows_and_columns_are_skipped() {
    let hidden_cell = |t: &str| GridCell::text(t).in_hidden_column();
    let grid = Grid {
        sheet: "Plan".into(),
        rows: vec![
            GridRow {
                index: 0,
                hidden: false,
                cells: vec![
                    GridCell::text("Action"),
                    hidden_cell("Lead"),
                    GridCell::text("Partners"),
                ],
            },
            GridRow {
                index: 1,
                hidden: false,
                cells: vec![
                    GridCell::text("Leaflets"),
                    hidden_cell("Police"),
                    GridCell::text("WDVF"),
                ],
            },
            GridRow {
                index: 2,
                hidden: true,
                cells: vec![
                    GridCell::text("Old action"),
                    hidden_cell("Council"),
                    GridCell::text("PCT"),
                ],
            },
            GridRow {
                index: 3,
                hidden: true,
                cells: vec![GridCell::text("")],
            },
            GridRow {
                index: 4,
                hidden: false,
                cells: vec![
                    GridCell::text("Audit"),
                    hidden_cell("Haven"),
                    GridCell::text("PCT"),
                ],
            },
        ],
    };
    let layout = detect(&grid);
    assert_eq!(
        roles(&layout),
        [ColumnRole::Action, ColumnRole::Ignore, ColumnRole::Partners]
    );
    assert!(layout.columns[1].hidden);
    assert_eq!(actions(&layout, 0), ["Leaflets", "Audit"]);
    assert_eq!(layout.text(&layout.themes[0].rows[1], ColumnRole::Lead), "");
    let messages: Vec<_> = layout
        .warnings
        .iter()
        .map(|w| (w.row, w.message.as_str()))
        .collect();
    assert_eq!(
        messages,
        [
            (Some(3), "row 3 is hidden: skipped"),
            (None, "column B ('Lead') is hidden: ignored")
        ]
    );
    // a person can bring a hidden column back
    let overridden = detect_with(&grid, &[(1, ColumnRole::Lead)]);
    assert_eq!(
        overridden.text(&overridden.themes[0].rows[0], ColumnRole::Lead),
        "Police"
    );
}

#[test]
fn a_header_on_row_seven() {
    let mut rows = vec![
        row(0, &["Kent and Medway Multi-Agency Domestic Abuse Strategy"]),
        row(1, &["Action Plan 2007–2010"]),
        row(2, &["Version 3", "", "Agreed by the Strategy Group"]),
        row(4, &["Key: G = on track, A = at risk, R = off track"]),
    ];
    rows.push(row(
        6,
        &[
            "No.",
            "Action",
            "Lead",
            "Partners",
            "Timescale",
            "Progress",
            "RAG",
        ],
    ));
    rows.push(row(
        7,
        &[
            "1",
            "Publish directory",
            "KCC",
            "Police, PCT",
            "March 2008",
            "Complete",
            "G",
        ],
    ));
    rows.push(row(
        8,
        &["2", "Train GPs", "PCT", "", "2008/09", "In progress", "A"],
    ));
    let grid = Grid {
        sheet: "Action plan".into(),
        rows,
    };
    let layout = detect(&grid);
    assert_eq!(layout.header_row, Some(6));
    assert_eq!(
        roles(&layout),
        [
            ColumnRole::Reference,
            ColumnRole::Action,
            ColumnRole::Lead,
            ColumnRole::Partners,
            ColumnRole::Due,
            ColumnRole::Status,
            ColumnRole::Rag
        ]
    );
    assert_eq!(layout.title_lines.len(), 4);
    assert_eq!(
        layout.title_lines[2],
        "Version 3 Agreed by the Strategy Group"
    );
    assert_eq!(titles(&layout), ["Action plan"]);
    assert_eq!(actions(&layout, 0), ["Publish directory", "Train GPs"]);
    assert_eq!(
        layout.text(&layout.themes[0].rows[1], ColumnRole::Status),
        "In progress"
    );
}

#[test]
fn no_header_beyond_row_thirty() {
    let mut rows: Vec<GridRow> = (0..31).map(|i| row(i, &["note"])).collect();
    rows.push(row(31, &["Action", "Lead", "Due"]));
    let layout = detect(&Grid {
        sheet: "S".into(),
        rows,
    });
    assert_eq!(layout.header_row, None);
    assert!(layout.columns.iter().all(|c| c.role == ColumnRole::Ignore));
    assert!(
        layout.warnings.iter().any(|w| w
            .message
            .starts_with("no header row found in the first 30 rows")),
        "{:?}",
        layout.warnings
    );
}

#[test]
fn cells_are_kept_verbatim() {
    let long = "a".repeat(40_000);
    let grid = Grid {
        sheet: "S".into(),
        rows: vec![
            row(0, &["Action", "Activity", "Targets"]),
            row(1, &["=SUM(A1:A9)", "+44 121 555 0000", "-5"]),
            row(2, &["@cmd", &long, "=HYPERLINK(\"http://x\",\"y\")"]),
            GridRow {
                index: 3,
                hidden: false,
                cells: vec![
                    GridCell::text("Typed"),
                    GridCell::new(CellValue::Number(38807.0)),
                    GridCell::new(CellValue::Bool(true)),
                ],
            },
        ],
    };
    let layout = detect(&grid);
    let rows = &layout.themes[0].rows;
    assert_eq!(layout.text(&rows[0], ColumnRole::Action), "=SUM(A1:A9)");
    assert_eq!(
        layout.text(&rows[0], ColumnRole::Activity),
        "+44 121 555 0000"
    );
    assert_eq!(layout.text(&rows[0], ColumnRole::Target), "-5");
    assert_eq!(layout.text(&rows[1], ColumnRole::Action), "@cmd");
    assert_eq!(layout.text(&rows[1], ColumnRole::Activity), long);
    assert_eq!(
        layout.text(&rows[1], ColumnRole::Target),
        "=HYPERLINK(\"http://x\",\"y\")"
    );
    assert_eq!(rows[2].cells[1].value, CellValue::Number(38807.0));
    assert_eq!(layout.text(&rows[2], ColumnRole::Target), "Yes");
}

#[test]
fn overrides_replace_roles() {
    let grid = Grid {
        sheet: "S".into(),
        rows: vec![
            row(0, &["Action", "Comments", "Partners", ""]),
            row(1, &["Leaflets", "Complete", "WDVF", "x"]),
        ],
    };
    let layout = detect(&grid);
    assert_eq!(
        roles(&layout),
        [
            ColumnRole::Action,
            ColumnRole::Ignore,
            ColumnRole::Partners,
            ColumnRole::Ignore
        ]
    );
    assert_eq!(
        layout.warnings,
        [RowWarning {
            row: Some(2),
            message: "column D has text but no heading: ignored unless you choose what it holds"
                .into()
        }]
    );
    let layout = detect_with(
        &grid,
        &[
            (1, ColumnRole::Status),
            (2, ColumnRole::Lead),
            (3, ColumnRole::Reference),
            (6, ColumnRole::Due),
        ],
    );
    assert_eq!(
        roles(&layout)[..4],
        [
            ColumnRole::Action,
            ColumnRole::Status,
            ColumnRole::Lead,
            ColumnRole::Reference
        ]
    );
    assert_eq!(layout.columns.len(), 7);
    assert_eq!(
        layout.text(&layout.themes[0].rows[0], ColumnRole::Status),
        "Complete"
    );
    assert_eq!(layout.text(&layout.themes[0].rows[0], ColumnRole::Due), "");
}

#[test]
fn duplicate_roles_warn_or_join() {
    let grid = Grid {
        sheet: "S".into(),
        rows: vec![
            row(
                0,
                &["Action", "Date", "Partners", "Deadline", "Partner agencies"],
            ),
            row(1, &["Leaflets", "2006", "WDVF", "2007", "Police"]),
        ],
    };
    let layout = detect(&grid);
    assert_eq!(layout.warnings.len(), 1);
    assert_eq!(
        layout.warnings[0].message,
        "columns B and D are both read as Due: only B is used"
    );
    let r = &layout.themes[0].rows[0];
    assert_eq!(layout.text(r, ColumnRole::Due), "2006");
    assert_eq!(layout.text(r, ColumnRole::Partners), "WDVF\nPolice");
    assert_eq!(
        layout.cell(r, ColumnRole::Due).map(|c| c.value.text()),
        Some("2006".into())
    );
}

#[test]
fn a_merged_heading_covers_its_columns() {
    let grid = Grid {
        sheet: "S".into(),
        rows: vec![
            GridRow {
                index: 0,
                hidden: false,
                cells: vec![
                    GridCell::text("Action"),
                    GridCell::text("Partners").spanning(2),
                    GridCell::default(),
                ],
            },
            row(1, &["Leaflets", "WDVF", "Police"]),
        ],
    };
    let layout = detect(&grid);
    assert_eq!(
        roles(&layout),
        [
            ColumnRole::Action,
            ColumnRole::Partners,
            ColumnRole::Partners
        ]
    );
    assert_eq!(
        layout.text(&layout.themes[0].rows[0], ColumnRole::Partners),
        "WDVF\nPolice"
    );
}

#[test]
fn headings_are_read_without_case_or_punctuation() {
    use ColumnRole as R;
    let cases: &[(&str, Option<ColumnRole>)] = &[
        ("ACTION", Some(R::Action)),
        ("Target/ Date", Some(R::Target)),
        ("Targets", Some(R::Target)),
        ("Target value", Some(R::TargetValue)),
        ("Due", Some(R::Due)),
        ("Deadline:", Some(R::Due)),
        ("Lead Agency", Some(R::Lead)),
        ("Lead officer / agency", Some(R::Lead)),
        ("Partner(s)", Some(R::Partners)),
        ("Funding", Some(R::Resources)),
        ("Baseline 2005/06", Some(R::Baseline)),
        ("Progress update Q1", Some(R::Status)),
        ("R.A.G.", None),
        ("RAG", Some(R::Rag)),
        ("Indicator", Some(R::Indicator)),
        ("Section", Some(R::Theme)),
        ("Ref.", Some(R::Reference)),
        ("No.", Some(R::Reference)),
        ("#", Some(R::Reference)),
        ("Comments", None),
        ("", None),
        ("Domestic Violence Co-ordinator and Strategy", None),
    ];
    for (text, want) in cases {
        assert_eq!(heading_role(text), *want, "{text:?}");
    }
}

#[test]
fn roles_round_trip_as_text() {
    for role in ColumnRole::ALL {
        assert_eq!(role.as_str().parse::<ColumnRole>(), Ok(*role));
        let json = serde_json::to_string(role).expect("json");
        assert_eq!(json, format!("\"{}\"", role.as_str()));
    }
}

#[test]
fn an_empty_grid() {
    let layout = detect(&Grid::default());
    assert!(layout.themes.is_empty());
    assert!(layout.columns.is_empty());
    assert_eq!(layout.header_row, None);
}

/// The real Wolverhampton sheet (`app/tests/fixtures/wolverhampton-dv-action-plan.xlsx`, dumped to a
/// grid with its merges and fills), read against the demo data made from it by hand.
#[test]
fn the_real_wolverhampton_sheet_matches_the_demo_plan() {
    let grid: Grid =
        serde_json::from_str(include_str!("../testdata/wolverhampton-grid.json")).expect("grid");
    let demo: serde_json::Value =
        serde_json::from_str(include_str!("../../../backend/demo/wolverhampton.json"))
            .expect("demo");
    let layout = detect(&grid);
    assert_eq!(layout.header_row, Some(4));
    assert_eq!(layout.title_lines.len(), 2);
    assert_eq!(layout.notes.len(), 1);
    let demo_themes = demo["strategy"]["themes"].as_array().expect("themes");
    assert_eq!(layout.themes.len(), demo_themes.len());
    assert_eq!(layout.row_count(), 20);
    for (theme, want) in layout.themes.iter().zip(demo_themes) {
        assert_eq!(theme.title, want["title"].as_str().expect("title"));
        let titles: Vec<String> = theme
            .rows
            .iter()
            .map(|r| layout.text(r, ColumnRole::Action))
            .collect();
        let want_titles: Vec<&str> = want["actions"]
            .as_array()
            .expect("actions")
            .iter()
            .map(|a| a["title"].as_str().expect("title"))
            .collect();
        assert_eq!(titles, want_titles);
    }
    // every agency the partner cells name is a partner (or an alias of one) in the demo data
    let known: Vec<String> = demo["partners"]
        .as_array()
        .expect("partners")
        .iter()
        .flat_map(|p| {
            let mut names = vec![p["short_name"].as_str().unwrap_or_default().to_lowercase()];
            names.extend(
                p["aliases"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|a| a.as_str())
                    .map(str::to_lowercase),
            );
            names
        })
        .collect();
    for row in layout.themes.iter().flat_map(|t| &t.rows) {
        for agency in
            crate::domain::import::cells::split_agencies(&layout.text(row, ColumnRole::Partners))
        {
            assert!(
                known.contains(&agency.to_lowercase()),
                "row {}: {agency:?}",
                row.row + 1
            );
        }
    }
}

#[test]
fn a_mapping_file_names_columns_by_letter_or_heading() {
    let grid = Grid {
        sheet: "Plan".to_owned(),
        rows: vec![
            GridRow::texts(0, &["Action", "Lead", "Notes"]),
            GridRow::texts(1, &["Refuge", "Haven", "x"]),
        ],
    };
    let layout = detect(&grid);
    let entries = vec![
        ("C".to_owned(), "Target value".to_owned()),
        ("lead".to_owned(), "partners".to_owned()),
    ];
    assert_eq!(
        roles_from_names(&entries, &layout),
        Ok(vec![
            (2, ColumnRole::TargetValue),
            (1, ColumnRole::Partners)
        ])
    );
    let bad = roles_from_names(&[("Z".to_owned(), "action".to_owned())], &layout);
    assert!(bad.is_err_and(|m| m.contains("no column or heading “Z”")));
    let bad = roles_from_names(&[("A".to_owned(), "owner".to_owned())], &layout);
    assert!(bad.is_err_and(|m| m.contains("“owner” is not a column role")));
}
