use super::*;
use crate::domain::import::grid::CellValue;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

#[test]
fn agencies_from_the_wolverhampton_plan() {
    let cases: &[(&str, &[&str])] = &[
        ("SWP, WDVF and SDVC", &["SWP", "WDVF", "SDVC"]),
        (
            "WDVF members inc Police, Social Care & Housing, PCT",
            &["WDVF", "Police", "Social Care & Housing", "PCT"],
        ),
        ("WDVF members", &["WDVF"]),
        ("WDVF member agencies", &["WDVF"]),
        ("SDVC Members  ", &["SDVC"]),
        ("Multi-agency", &["Multi-agency"]),
        ("WCC, WCPCT, WDVF", &["WCC", "WCPCT", "WDVF"]),
        (
            "WDVF inc RRI, WCC, Haven, MP",
            &["WDVF", "RRI", "WCC", "Haven", "MP"],
        ),
        (
            "WDVF members inc Police, Social Care & Housing, PCT, Haven (CJSSC)",
            &[
                "WDVF",
                "Police",
                "Social Care & Housing",
                "PCT",
                "Haven (CJSSC)",
            ],
        ),
        (
            "WDVF, Haven, AWAAZ, WCC Interpretation and Translation Service, Asylum Seekers Service, ACCI, Black Country partners",
            &[
                "WDVF",
                "Haven",
                "AWAAZ",
                "WCC Interpretation and Translation Service",
                "Asylum Seekers Service",
                "ACCI",
                "Black Country partners",
            ],
        ),
        (
            "Social Services, Haven, WDVF,PCT, Barnardos, CAFCASS",
            &[
                "Social Services",
                "Haven",
                "WDVF",
                "PCT",
                "Barnardos",
                "CAFCASS",
            ],
        ),
        (
            "ACPC/DV Sub-group inc WDVF, Haven, CAFCASS, PCT, Barnardos, Social Services, Haven,LEA, Sure Start",
            &[
                "ACPC/DV Sub-group",
                "WDVF",
                "Haven",
                "CAFCASS",
                "PCT",
                "Barnardos",
                "Social Services",
                "LEA",
                "Sure Start",
            ],
        ),
        (
            "Police\nProbation; Health",
            &["Police", "Probation", "Health"],
        ),
        ("Police and Probation", &["Police", "Probation"]),
        ("", &[]),
        (" , ;\n", &[]),
    ];
    for (text, want) in cases {
        assert_eq!(split_agencies(text), *want, "{text:?}");
    }
}

#[test]
fn agencies_keep_formula_like_text() {
    assert_eq!(split_agencies("@SUM(A1)"), ["@SUM(A1)"]);
    assert_eq!(split_agencies("=HYPERLINK(x)"), ["=HYPERLINK(x)"]);
    assert_eq!(split_agencies("-Police"), ["-Police"]);
}

#[test]
fn resources_from_the_wolverhampton_plan() {
    let cases: &[(&str, &[&str])] = &[
        ("WCC and WCSP", &["WCC", "WCSP"]),
        (
            "WDVF, WCSP, Grants and Haven",
            &["WDVF", "WCSP", "Grants", "Haven"],
        ),
        ("In-house\nResources", &["In-house Resources"]),
        (
            "BSC funds, SWP, GOWM, ODPM",
            &["BSC funds", "SWP", "GOWM", "ODPM"],
        ),
        (
            "Supporting People,\n\nGrants, Registered Social Landlords",
            &["Supporting People", "Grants", "Registered Social Landlords"],
        ),
        ("Grants + expenses charged", &["Grants", "expenses charged"]),
        (
            "SCP + \n\nIn-house resources",
            &["SCP", "In-house resources"],
        ),
        ("CAFCASS, NSPCC and grants", &["CAFCASS", "NSPCC", "grants"]),
        (
            "In-house resources + Childrens Fund",
            &["In-house resources", "Childrens Fund"],
        ),
        ("Variety of grants sources", &["Variety of grants sources"]),
        ("", &[]),
    ];
    for (text, want) in cases {
        assert_eq!(split_resources(text), *want, "{text:?}");
    }
}

#[test]
fn due_dates_written_as_text() {
    let cases: &[(&str, Option<NaiveDate>, &str)] = &[
        ("31/03/2009", Some(d(2009, 3, 31)), "31/03/2009"),
        ("2009-03-31", Some(d(2009, 3, 31)), "2009-03-31"),
        ("31.03.09", Some(d(2009, 3, 31)), "31.03.09"),
        ("2005-2006", Some(d(2006, 3, 31)), "2005-2006"),
        ("2005/06", Some(d(2006, 3, 31)), "2005/06"),
        ("2005–2006", Some(d(2006, 3, 31)), "2005–2006"),
        ("by April 2006", Some(d(2006, 4, 30)), "by April 2006"),
        (
            "SCP to be developed by April 2006, with sub-committees in place",
            Some(d(2006, 4, 30)),
            "by April 2006",
        ),
        ("March 09", Some(d(2009, 3, 31)), "March 09"),
        ("Feb 2008", Some(d(2008, 2, 29)), "Feb 2008"),
        ("end of Sept 2007", Some(d(2007, 9, 30)), "end of Sept 2007"),
        ("31st March 2009", Some(d(2009, 3, 31)), "31st March 2009"),
        ("12 month post to 03.06", Some(d(2006, 3, 31)), "to 03.06"),
        ("until 0306", Some(d(2006, 3, 31)), "until 0306"),
        (
            "SLA with WCC until 0306",
            Some(d(2006, 3, 31)),
            "until 0306",
        ),
        ("Scheme introduced 2004", Some(d(2004, 12, 31)), "2004"),
        (
            "Integrated Domestic Abuse programme to be developed in 2005",
            Some(d(2005, 12, 31)),
            "in 2005",
        ),
        ("38807", Some(d(2006, 3, 31)), "38807"),
        ("38807.0", Some(d(2006, 3, 31)), "38807.0"),
        ("Ongoing monitoring", None, "Ongoing monitoring"),
        ("14/15 bed spaces", None, "14/15 bed spaces"),
        ("2000 leaflets", None, "2000 leaflets"),
        ("£2006 grant", None, "£2006 grant"),
        ("10,000 cards", None, "10,000 cards"),
        ("", None, ""),
    ];
    for (text, date, fragment) in cases {
        let due = parse_due(text, None);
        assert_eq!(due.date, *date, "{text:?}");
        assert_eq!(due.text, *fragment, "{text:?}");
    }
}

#[test]
fn due_warnings() {
    let due = parse_due("Ongoing monitoring ", None);
    assert_eq!(
        due.warning.as_deref(),
        Some("could not read a date from 'Ongoing monitoring': left without a due date")
    );
    assert_eq!(parse_due("", None).warning, None);
    assert_eq!(parse_due("2005-2006", None).warning, None);
    let several = parse_due("Ongoing monitoring \n\n2006-2007 and 2005-2006", None);
    assert_eq!(several.date, Some(d(2007, 3, 31)));
    assert_eq!(
        several.warning.as_deref(),
        Some(
            "found several dates in 'Ongoing monitoring 2006-2007 and 2005-2006': used the latest, 31/03/2007"
        )
    );
    let long = "x".repeat(40_000);
    let w = parse_due(&long, None).warning.expect("warning");
    assert!(w.chars().count() < 150, "{w}");
}

#[test]
fn month_without_a_year_needs_the_period() {
    assert_eq!(parse_due("by March", None).date, None);
    assert_eq!(
        parse_due("by March", Some(d(2005, 4, 1))).date,
        Some(d(2006, 3, 31))
    );
    assert_eq!(
        parse_due("by June", Some(d(2005, 4, 1))).date,
        Some(d(2005, 6, 30))
    );
    assert_eq!(parse_due("you may", Some(d(2005, 4, 1))).date, None);
}

#[test]
fn due_from_typed_cells() {
    assert_eq!(
        parse_due_cell(&CellValue::Number(38807.0), None).date,
        Some(d(2006, 3, 31))
    );
    assert_eq!(
        parse_due_cell(&CellValue::Date(d(2006, 4, 30)), None).date,
        Some(d(2006, 4, 30))
    );
    assert_eq!(
        parse_due_cell(&CellValue::Number(2006.0), None).date,
        Some(d(2006, 12, 31))
    );
    assert_eq!(
        parse_due_cell(&CellValue::Text("2005-2006".into()), None).date,
        Some(d(2006, 3, 31))
    );
    assert_eq!(parse_due_cell(&CellValue::Empty, None).date, None);
    assert_eq!(excel_serial(1.0), None);
    assert_eq!(excel_serial(f64::NAN), None);
}

#[test]
fn formula_like_text_is_not_a_date() {
    for text in ["=TODAY()", "+2006", "@2006"] {
        let due = parse_due(text, None);
        assert_eq!((due.date, due.text.as_str()), (None, text));
        assert!(due.warning.is_some_and(|w| w.contains("kept as text")));
    }
    assert_eq!(parse_due("-2006", None).date, None);
}

/// (kind, target value, direction) of each target in a cell.
fn kinds(cell: &str) -> Vec<(String, TargetKind, Option<f64>, Direction)> {
    split_targets(cell)
        .into_iter()
        .map(|t| (t.title, t.kind, t.target_value, t.direction))
        .collect()
}

#[test]
fn one_target_per_line_with_kinds() {
    use Direction::{AtLeast, AtMost};
    use TargetKind::{Count, Currency, Milestone, Percentage, Text};
    let cases: &[(&str, TargetKind, Option<f64>, Direction)] = &[
        ("4 Forum meetings per year", Count, Some(4.0), AtLeast),
        ("30 staff trained per year", Count, Some(30.0), AtLeast),
        (
            "10,000 cards reprinted in Punjabi",
            Count,
            Some(10_000.0),
            AtLeast,
        ),
        (
            "Maintain level of 30% repeat victimization or less",
            Percentage,
            Some(30.0),
            AtMost,
        ),
        (
            "arrest in 70% of all incidents",
            Percentage,
            Some(70.0),
            AtLeast,
        ),
        ("75 per cent of cases", Percentage, Some(75.0), AtLeast),
        (
            "% of dv offenders brought to justice",
            Percentage,
            None,
            AtLeast,
        ),
        (
            "% reduction in homelessness acceptances due to dv",
            Percentage,
            None,
            AtLeast,
        ),
        ("£25,000 raised", Currency, Some(25_000.0), AtLeast),
        ("£2.5m invested", Currency, Some(2_500_000.0), AtLeast),
        ("£40k match funding", Currency, Some(40_000.0), AtLeast),
        ("Protocol agreed", Milestone, None, AtLeast),
        ("Strategy developed", Milestone, None, AtLeast),
        ("Co-ordinator appointed", Milestone, None, AtLeast),
        ("Directory produced", Milestone, None, AtLeast),
        ("Scheme introduced", Milestone, None, AtLeast),
        (
            "Teacher training to take place 2005-2006",
            Milestone,
            None,
            AtLeast,
        ),
        (
            "To ensure that victims receive a speedy service",
            Text,
            None,
            AtLeast,
        ),
        ("Reduce repeat victimisation", Text, None, AtMost),
        (
            "no more than 12 repeat referrals",
            Count,
            Some(12.0),
            AtMost,
        ),
        ("at least 2 service groups", Count, Some(2.0), AtLeast),
        (
            "Provision of a minimum of 1 refuge place per 10,000 population",
            Count,
            Some(1.0),
            AtLeast,
        ),
        ("Increase reporting by 10%", Percentage, Some(10.0), AtLeast),
        ("12 month post to 03.06", Milestone, None, AtLeast),
        (
            "15 trainers trained during 2005-2006",
            Count,
            Some(15.0),
            AtLeast,
        ),
    ];
    for (line, kind, value, direction) in cases {
        let got = kinds(line);
        assert_eq!(got.len(), 1, "{line:?}: {got:?}");
        assert_eq!(
            (got[0].1, got[0].2, got[0].3),
            (*kind, *value, *direction),
            "{line:?}"
        );
    }
}

#[test]
fn band_and_population() {
    let t = &split_targets("between 20% and 30% of referrals")[0];
    assert_eq!(t.direction, Direction::InBand);
    assert_eq!((t.band_low, t.band_high), (Some(20.0), Some(30.0)));
    assert_eq!(t.kind, TargetKind::Percentage);
    let t = &split_targets("Provision of a minimum of 1 refuge place per 10,000 population")[0];
    assert_eq!(t.population_per, Some(10_000));
    assert_eq!(t.target_value, Some(1.0));
    let t = &split_targets("2 IDVAs per 100,000 people")[0];
    assert_eq!(t.population_per, Some(100_000));
    assert_eq!(t.target_value, Some(2.0));
}

#[test]
fn fraction_reads_the_larger_number_with_a_warning() {
    let t = &split_targets("14/15 bed spaces")[0];
    assert_eq!((t.kind, t.target_value), (TargetKind::Count, Some(15.0)));
    assert_eq!(t.warnings, ["read '14/15' as 15"]);
}

#[test]
fn indicator_markers() {
    let cases: &[(&str, Framework, Option<&str>, &str)] = &[
        (
            "Best Value Indicator: 4 meetings",
            Framework::BestValue,
            None,
            "4 meetings",
        ),
        (
            "BVPI 225 score of 80%",
            Framework::BestValue,
            Some("BVPI225"),
            "Score of 80%",
        ),
        (
            "NI32 repeat incidents",
            Framework::National,
            Some("NI32"),
            "Repeat incidents",
        ),
        (
            "NI 32 repeat incidents",
            Framework::National,
            Some("NI32"),
            "Repeat incidents",
        ),
        (
            "National Indicator 34 domestic homicides",
            Framework::National,
            Some("NI34"),
            "Domestic homicides",
        ),
        (
            "LPSA – Reduce repeat victimisation",
            Framework::Lpsa,
            None,
            "Reduce repeat victimisation",
        ),
        (
            "Policing Plan Target: arrest in 70% of all domestic violence incidents",
            Framework::PolicingPlan,
            None,
            "Arrest in 70% of all domestic violence incidents",
        ),
        (
            "% of dv offenders brought to justice (Policing Plan)",
            Framework::PolicingPlan,
            None,
            "% of dv offenders brought to justice",
        ),
    ];
    for (line, framework, code, title) in cases {
        let got = split_targets(line);
        assert_eq!(got.len(), 1, "{line:?}");
        let ind = got[0].indicator.as_ref().expect("indicator");
        assert_eq!(
            (ind.framework, ind.code.as_deref()),
            (*framework, *code),
            "{line:?}"
        );
        assert_eq!(got[0].title, *title, "{line:?}");
        assert_eq!(got[0].source_text, *line);
    }
    assert!(
        split_targets("UNISON members trained")
            .iter()
            .all(|t| t.indicator.is_none())
    );
    assert!(
        split_targets("NIGHT shelter")
            .iter()
            .all(|t| t.indicator.is_none())
    );
}

#[test]
fn marker_lines_link_the_next_target() {
    let got = split_targets("Best Value Indicator\n4 Forum meetings per year");
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].title, "4 Forum meetings per year");
    assert_eq!(
        got[0].indicator.as_ref().map(|i| i.framework),
        Some(Framework::BestValue)
    );

    let got = split_targets(
        "4 campaigns per year\nBest Value Indicator \n\n500 copies produced 2005-2006",
    );
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].indicator, None);
    assert_eq!(
        got[1].indicator.as_ref().map(|i| i.framework),
        Some(Framework::BestValue)
    );
    assert_eq!(got[1].due_date, Some(d(2006, 3, 31)));
    assert_eq!(got[1].target_value, Some(500.0));

    // a marker at the end links the target before it
    let got = split_targets("30 staff trained\nBVPI 225");
    assert_eq!(
        got[0].indicator.as_ref().and_then(|i| i.code.as_deref()),
        Some("BVPI225")
    );

    // a marker alone is kept, with a warning
    let got = split_targets("Best Value Indicator");
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].kind, TargetKind::Text);
    assert_eq!(got[0].warnings.len(), 1);
}

#[test]
fn date_lines_give_the_previous_target_its_due_date() {
    let got = split_targets("Ongoing monitoring \n\n2006-2007");
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].due_date, Some(d(2007, 3, 31)));
    assert_eq!(got[0].due_text.as_deref(), Some("2006-2007"));
    assert_eq!(got[0].source_text, "Ongoing monitoring\n2006-2007");

    // with no target before it, or one that has a date, a date line is a milestone of its own
    let got = split_targets("2005-2006\n2005-2006\n\n2005-2006");
    assert_eq!(got.len(), 3);
    assert!(
        got.iter()
            .all(|t| t.kind == TargetKind::Milestone && t.due_date == Some(d(2006, 3, 31)))
    );
}

#[test]
fn the_training_cell() {
    let cell = "2005-2006\n\n12 month post to 03.06\n\n15 trainers trained during 2005-2006\nBest Value Indicator\n2 service groups to receive dv training in 2005-2006";
    let got = split_targets(cell);
    let summary: Vec<_> = got
        .iter()
        .map(|t| (t.kind, t.target_value, t.due_date, t.indicator.is_some()))
        .collect();
    assert_eq!(
        summary,
        [
            (TargetKind::Milestone, None, Some(d(2006, 3, 31)), false),
            (TargetKind::Milestone, None, Some(d(2006, 3, 31)), false),
            (TargetKind::Count, Some(15.0), Some(d(2006, 3, 31)), false),
            (TargetKind::Count, Some(2.0), Some(d(2006, 3, 31)), true),
        ]
    );
}

#[test]
fn the_court_cell() {
    let got = split_targets(
        "\nLPSA – Reduce repeat victimisation \nMaintain level of 30% repeat victimization or less \n\nAppointment of CJSSC 2005-2006",
    );
    assert_eq!(got.len(), 3);
    assert_eq!(
        got[0].indicator.as_ref().map(|i| i.framework),
        Some(Framework::Lpsa)
    );
    assert_eq!(
        (got[1].kind, got[1].target_value, got[1].direction),
        (TargetKind::Percentage, Some(30.0), Direction::AtMost)
    );
    assert_eq!(
        (got[2].kind, got[2].due_date),
        (TargetKind::Milestone, Some(d(2006, 3, 31)))
    );
}

#[test]
fn formula_like_lines_stay_text() {
    for line in [
        "=SUM(A1:A3)",
        "+44 121 555 0000",
        "-5 incidents",
        "@import 4",
    ] {
        let got = split_targets(line);
        assert_eq!(got.len(), 1, "{line}");
        assert_eq!(got[0].title, line);
        assert_eq!(got[0].kind, TargetKind::Text, "{line}");
        assert_eq!(got[0].target_value, None, "{line}");
        assert_eq!(got[0].warnings.len(), 1, "{line}");
    }
}

#[test]
fn bullets_are_dropped() {
    let got = split_targets("- 4 meetings\n• Protocol agreed");
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].title, "4 meetings");
    assert_eq!(got[1].kind, TargetKind::Milestone);
}

#[test]
fn a_cell_of_forty_thousand_characters() {
    let long = format!("{} 25 meetings", "word ".repeat(8_000));
    assert!(long.len() > 40_000);
    let got = split_targets(&long);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].title, long.trim());
    assert_eq!(got[0].target_value, Some(25.0));
    let agencies = split_agencies(&"Police, ".repeat(6_000));
    assert_eq!(agencies, ["Police"]);
}

#[test]
fn empty_cells_give_nothing() {
    assert!(split_targets("").is_empty());
    assert!(split_targets("\n \n").is_empty());
}
