use super::*;
use crate::domain::import::grid::{Grid, GridRow};
use crate::domain::import::layout::detect;
use std::collections::BTreeSet;

fn row(index: usize, texts: &[&str]) -> GridRow {
    GridRow::texts(index, texts)
}

fn partner(name: &str, short: &str, aliases: &[&str]) -> KnownPartner {
    KnownPartner {
        id: None,
        name: name.to_owned(),
        short_name: Some(short.to_owned()),
        aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
    }
}

fn directory() -> Vec<KnownPartner> {
    vec![
        KnownPartner {
            id: Some(7),
            ..partner(
                "Wolverhampton Domestic Violence Forum",
                "WDVF",
                &["Multi-agency"],
            )
        },
        partner("West Midlands Police", "WMP", &["Police"]),
        partner("Wolverhampton City Council", "WCC", &[]),
        partner(
            "Wolverhampton City Council Social Care and Housing",
            "SC&H",
            &["Social Care & Housing"],
        ),
    ]
}

fn interpret_grid(rows: Vec<GridRow>) -> PlanDraft {
    let grid = Grid {
        sheet: "Plan".into(),
        rows,
    };
    interpret(&detect(&grid), &directory())
}

fn messages(draft: &PlanDraft) -> Vec<(Option<usize>, &str)> {
    draft
        .warnings
        .iter()
        .map(|w| (w.row, w.message.as_str()))
        .collect()
}

#[test]
fn a_lead_column_gives_the_lead_and_the_partners_column_the_supporting() {
    let draft = interpret_grid(vec![
        row(0, &["Ref", "Action", "Lead agency", "Partners", "Due date"]),
        row(
            1,
            &[
                "1.1",
                "Refuge places",
                "Police",
                "WCC, police, SC&H",
                "31/03/2009",
            ],
        ),
        row(
            2,
            &["1.2", "Helpline", "", "WDVF members, WCC", "March 2010"],
        ),
        row(3, &["1.3", "Review", "WCC; WMP", "", "Ongoing monitoring"]),
    ]);
    let actions = &draft.themes[0].actions;
    assert_eq!(actions.len(), 3);
    let a = &actions[0];
    assert_eq!(a.reference.as_deref(), Some("1.1"));
    assert_eq!(a.row, 2);
    assert_eq!(a.lead.as_deref(), Some("WMP"));
    assert_eq!(a.supporting, ["WCC", "SC&H"]);
    assert_eq!(a.due_date, NaiveDate::from_ymd_opt(2009, 3, 31));
    // a blank lead cell: the first partner leads, with a warning
    assert_eq!(actions[1].lead.as_deref(), Some("WDVF"));
    assert_eq!(actions[1].supporting, ["WCC"]);
    assert_eq!(actions[1].due_date, NaiveDate::from_ymd_opt(2010, 3, 31));
    assert_eq!(actions[2].lead.as_deref(), Some("WCC"));
    assert_eq!(actions[2].supporting, ["WMP"]);
    assert_eq!(actions[2].due_date, None);
    assert_eq!(actions[2].due_column_text, "Ongoing monitoring");
    assert_eq!(
        messages(&draft),
        [
            (
                Some(3),
                "no lead named: 'WDVF', the first partner, taken as the lead"
            ),
            (
                Some(4),
                "several agencies in the lead column: 'WCC' taken as the lead, the others as supporting"
            ),
            (
                Some(4),
                "could not read a date from 'Ongoing monitoring': left without a due date"
            ),
        ]
    );
    // every partner is known, each listed once, with its id when it has one
    assert_eq!(draft.new_partners().count(), 0);
    assert_eq!(draft.partners.len(), 4);
    let wdvf = &draft.partners[actions[1].lead_partner.expect("lead")];
    assert_eq!((wdvf.matched, wdvf.matched_id), (Some(0), Some(7)));
    assert_eq!(wdvf.text, "WDVF");
    let police = &draft.partners[a.lead_partner.expect("lead")];
    assert_eq!(police.also_written, ["police", "WMP"]);
}

#[test]
fn a_theme_column_groups_actions_into_themes() {
    let draft = interpret_grid(vec![
        row(0, &["Theme", "Action", "Partners", "Targets", "Resources"]),
        row(
            1,
            &[
                "Prevention",
                "Schools work",
                "WCC",
                "10 schools by 2008",
                "LEA + grants",
            ],
        ),
        row(
            2,
            &[
                "",
                "Publicity",
                "WDVF",
                "Leaflets produced\n2007-2008",
                "Grants",
            ],
        ),
        row(
            3,
            &["Protection", "Court", "Police", "", "In-house\nResources"],
        ),
    ]);
    let titles: Vec<&str> = draft.themes.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(titles, ["Prevention", "Protection"]);
    let actions: Vec<&str> = draft.themes[0]
        .actions
        .iter()
        .map(|a| a.title.as_str())
        .collect();
    assert_eq!(actions, ["Schools work", "Publicity"]);
    let schools = &draft.themes[0].actions[0];
    assert_eq!(schools.targets.len(), 1);
    assert_eq!(schools.due_date, NaiveDate::from_ymd_opt(2008, 12, 31));
    assert_eq!(schools.resources, ["LEA", "grants"]);
    let publicity = &draft.themes[0].actions[1];
    assert_eq!(publicity.due_date, NaiveDate::from_ymd_opt(2008, 3, 31));
    assert_eq!(publicity.due_text.as_deref(), Some("2007-2008"));
    assert_eq!(draft.themes[1].actions[0].lead.as_deref(), Some("WMP"));
    // resources listed once, without case
    assert_eq!(draft.resources, ["LEA", "grants", "In-house Resources"]);
}

#[test]
fn a_row_without_an_action_title_continues_the_action_above() {
    let draft = interpret_grid(vec![
        row(
            0,
            &["Action", "Activity", "Targets", "Partners", "Resources"],
        ),
        row(
            1,
            &[
                "Training",
                "Train GPs",
                "50 GPs trained by 2006",
                "WDVF",
                "WCSP",
            ],
        ),
        row(
            2,
            &[
                "",
                "Train nurses",
                "100 nurses trained by 2007",
                "WDVF, Police",
                "Grants",
            ],
        ),
        row(3, &["", "", "", "WCC", ""]),
        row(4, &["Refuge", "More places", "", "WCC", ""]),
    ]);
    let actions = &draft.themes[0].actions;
    assert_eq!(actions.len(), 2);
    let t = &actions[0];
    assert_eq!(t.row, 2);
    assert_eq!(t.continued_rows, [3, 4]);
    assert_eq!(t.activity, "Train GPs\nTrain nurses");
    assert_eq!(t.targets.len(), 2);
    assert_eq!(t.due_date, NaiveDate::from_ymd_opt(2007, 12, 31));
    assert_eq!(t.lead.as_deref(), Some("WDVF"));
    assert_eq!(t.supporting, ["WMP", "WCC"]);
    assert_eq!(t.resources, ["WCSP", "Grants"]);
    assert_eq!(t.partners_text, "WDVF\nWDVF, Police\nWCC");
    assert_eq!(actions[1].title, "Refuge");
}

#[test]
fn a_first_row_without_a_title_starts_an_action_named_after_its_activity() {
    let draft = interpret_grid(vec![
        row(0, &["Action", "Activity", "Partners"]),
        row(1, &["", "Audit the refuges\nand report", "WCC"]),
    ]);
    assert_eq!(draft.themes[0].actions[0].title, "Audit the refuges");
    assert_eq!(
        messages(&draft),
        [(
            Some(2),
            "no action title and no action above: titled 'Audit the refuges'"
        )]
    );
}

#[test]
fn agencies_the_directory_does_not_know_are_new_partners_listed_once() {
    let draft = interpret_grid(vec![
        row(0, &["Action", "Partners"]),
        row(1, &["One", "Refuge Trust members, WCC"]),
        row(
            2,
            &["Two", "WDVF member agencies inc refuge trust, Women’s Aid"],
        ),
        row(3, &["Three", "Womens Aid"]),
    ]);
    let new: Vec<(&str, Option<&str>, usize)> = draft
        .new_partners()
        .map(|p| (p.text.as_str(), p.new_name.as_deref(), p.first_row))
        .collect();
    assert_eq!(
        new,
        [
            ("Refuge Trust", Some("Refuge Trust"), 2),
            ("Women’s Aid", Some("Women’s Aid"), 3),
            ("Womens Aid", Some("Womens Aid"), 4),
        ]
    );
    let actions = &draft.themes[0].actions;
    assert_eq!(actions[0].lead.as_deref(), Some("Refuge Trust"));
    assert_eq!(actions[0].supporting, ["WCC"]);
    assert_eq!(actions[1].lead.as_deref(), Some("WDVF"));
    assert_eq!(actions[1].supporting, ["Refuge Trust", "Women’s Aid"]);
    let refuge = &draft.partners[actions[0].lead_partner.expect("lead")];
    assert_eq!(refuge.also_written, ["refuge trust"]);
    assert_eq!(
        actions[1].supporting_partners[0],
        actions[0].lead_partner.expect("lead")
    );
}

#[test]
fn resources_take_the_names_the_forum_already_has() {
    let grid = Grid {
        sheet: "Plan".into(),
        rows: vec![
            row(0, &["Action", "Resources"]),
            row(1, &["One", "In-house\nResources, Childrens Fund"]),
            row(2, &["Two", "in-house finances + BSC funds"]),
        ],
    };
    let known = ["In-house".to_owned(), "Children’s Fund".to_owned()];
    let draft = interpret_with(&detect(&grid), &directory(), &known);
    let actions = &draft.themes[0].actions;
    assert_eq!(actions[0].resources, ["In-house", "Children’s Fund"]);
    assert_eq!(actions[1].resources, ["In-house", "BSC funds"]);
    assert_eq!(
        draft.resources,
        ["In-house", "Children’s Fund", "BSC funds"]
    );
}

#[test]
fn matching_ignores_case_members_and_punctuation() {
    let directory = [
        partner(
            "Social Care and Housing",
            "SC&H",
            &["Social Care & Housing"],
        ),
        partner("Specialist DV Court", "SDVC", &["SDVC Members"]),
    ];
    let m = Matcher::new(&directory);
    assert_eq!(m.find("social care & housing"), Some(0));
    assert_eq!(m.find("SC & H"), Some(0));
    assert_eq!(m.find("sdvc members"), Some(1));
    assert_eq!(m.find("SDVC member agencies"), Some(1));
    assert_eq!(m.find("Specialist  DV court"), Some(1));
    assert_eq!(m.find("Probation"), None);
}

/// The real Wolverhampton sheet against the demo plan made from it by hand: every title, lead,
/// supporting set and resource list is compared, the differences printed as a table and their
/// counts asserted (so that a change either way shows).
#[test]
fn the_real_wolverhampton_sheet_against_the_demo_plan() {
    let grid: Grid =
        serde_json::from_str(include_str!("../testdata/wolverhampton-grid.json")).expect("grid");
    let demo: serde_json::Value =
        serde_json::from_str(include_str!("../../../backend/demo/wolverhampton.json"))
            .expect("demo");
    let strs = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s.as_str().map(str::to_owned))
            .collect()
    };
    let directory: Vec<KnownPartner> = demo["partners"]
        .as_array()
        .expect("partners")
        .iter()
        .map(|p| KnownPartner {
            id: None,
            name: p["name"].as_str().expect("name").to_owned(),
            short_name: p["short_name"].as_str().map(str::to_owned),
            aliases: strs(&p["aliases"]),
        })
        .collect();
    let known_resources: Vec<String> = demo["resources"]
        .as_array()
        .expect("resources")
        .iter()
        .map(|r| r["name"].as_str().expect("name").to_owned())
        .collect();
    let draft = interpret_with(&detect(&grid), &directory, &known_resources);

    let demo_themes = demo["strategy"]["themes"].as_array().expect("themes");
    let titles: Vec<&str> = draft.themes.iter().map(|t| t.title.as_str()).collect();
    let want: Vec<&str> = demo_themes
        .iter()
        .map(|t| t["title"].as_str().expect("title"))
        .collect();
    assert_eq!(titles, want);
    let actions: Vec<&ActionDraft> = draft.themes.iter().flat_map(|t| &t.actions).collect();
    let demo_actions: Vec<&serde_json::Value> = demo_themes
        .iter()
        .flat_map(|t| t["actions"].as_array().expect("actions"))
        .collect();
    assert_eq!(actions.len(), 20);
    assert_eq!(demo_actions.len(), 20);

    let lower_set =
        |items: &[String]| -> BTreeSet<String> { items.iter().map(|s| s.to_lowercase()).collect() };
    let (mut leads, mut supporting, mut resources, mut dues, mut targets) = (0, 0, 0, 0, 0);
    let mut table = vec![format!(
        "{:<4} {:<10} {:<45} {:<25} {}",
        "row", "field", "action", "imported", "demo"
    )];
    for (got, want) in actions.iter().zip(&demo_actions) {
        assert_eq!(got.title, want["title"].as_str().expect("title"));
        assert_eq!(got.activity, want["activity"].as_str().expect("activity"));
        let short: String = got.title.chars().take(44).collect();
        let mut diff = |field: &str, a: String, b: String| {
            table.push(format!(
                "{:<4} {field:<10} {short:<45} {a:<25} {b}",
                got.row
            ));
        };
        let want_lead = want["lead"].as_str().map(str::to_owned);
        if got.lead == want_lead {
            leads += 1;
        } else {
            diff("lead", format!("{:?}", got.lead), format!("{want_lead:?}"));
        }
        let want_supporting = strs(&want["supporting"]);
        if lower_set(&got.supporting) == lower_set(&want_supporting) {
            supporting += 1;
        } else {
            diff(
                "supporting",
                got.supporting.join(", "),
                want_supporting.join(", "),
            );
        }
        let want_resources = strs(&want["resources"]);
        if lower_set(&got.resources) == lower_set(&want_resources) {
            resources += 1;
        } else {
            diff(
                "resources",
                got.resources.join(", "),
                want_resources.join(", "),
            );
        }
        let want_targets = want["targets"].as_array().map_or(0, Vec::len);
        if got.targets.len() == want_targets {
            targets += 1;
        } else {
            diff(
                "targets",
                format!("{}", got.targets.len()),
                format!("{want_targets}"),
            );
        }
        let want_due = want["due_date"]
            .as_str()
            .map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("date"));
        if got.due_date == want_due {
            dues += 1;
        } else {
            diff(
                "due",
                format!("{:?}", got.due_date),
                format!("{want_due:?}"),
            );
        }
    }
    println!("{}", table.join("\n"));
    println!(
        "of 20: leads {leads}, supporting sets {supporting}, resource sets {resources}, due dates {dues}, target counts {targets}"
    );
    println!(
        "new partners: {:?}",
        draft.new_partners().map(|p| &p.text).collect::<Vec<_>>()
    );
    for w in &draft.warnings {
        println!("warning row {:?}: {}", w.row, w.message);
    }
    assert_eq!(draft.new_partners().count(), 0);
    assert_eq!(
        (leads, supporting, resources, dues, targets),
        (20, 20, 17, 20, 17)
    );
}
