//! Exports against real databases: the demo plan as `.xlsx` and `.csv`, read back by the importer
//! into the same strategy (nothing changes) and into a new one (the same plan again), the update
//! history with real numbers and dates, one sheet per theme, and formula neutralisation.
#![cfg(feature = "ssr")]
mod common;

use app::backend::entity::{action, forum, progress_update, strategy, target, theme};
use app::backend::error::BackendError;
use app::backend::export::{Export, export};
use app::backend::import::{Counts, Limits, commit_import, read_grid};
use app::backend::plan::forum_by_slug;
use app::backend::plan_edit::{Editor, create_strategy};
use app::domain::import::grid::{CellValue, Grid};
use app::domain::import::layout;
use app::domain::import::plan::interpret_with;
use app::domain::plan_form::{StrategyInput, StrategyStatus};
use app::domain::spreadsheet::{ExportContent, ExportFormat, ExportRequest, SheetLayout};
use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection as Db, EntityTrait, PaginatorTrait,
    QueryFilter, Set,
};

const DEMO_STRATEGY: &str = "dv-strategy-2005-2007";
const SHA: &str = "0000000000000000000000000000000000000000000000000000000000000000";

macro_rules! ok {
    ($call:expr) => {
        $call.await.expect(stringify!($call))
    };
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2006, 9, 30).expect("date")
}

fn request(
    strategy: &str,
    content: ExportContent,
    format: ExportFormat,
    layout: SheetLayout,
) -> ExportRequest {
    ExportRequest {
        strategy: Some(strategy.to_owned()),
        content,
        format,
        layout,
    }
}

async fn plan_file(db: &Db, forum: &forum::Model, strategy: &str, format: ExportFormat) -> Export {
    ok!(export(
        db,
        forum,
        &request(strategy, ExportContent::Plan, format, SheetLayout::Flat),
        today()
    ))
}

fn grids(file: &Export) -> Vec<Grid> {
    read_grid(&file.bytes, &file.file_name, &Limits::default()).expect("the export reads back")
}

/// Imports the first sheet of a file into a strategy, as the import page does.
async fn reimport(
    db: &Db,
    forum: &forum::Model,
    strategy_id: i32,
    file: &Export,
) -> app::backend::import::ImportReport {
    let grid = grids(file).remove(0);
    let (directory, resources) = ok!(app::backend::import::stage::known(db, forum.id));
    let draft = interpret_with(&layout::detect(&grid), &directory, &resources);
    let ed = Editor {
        forum,
        actor: None,
        now: chrono::Utc::now(),
    };
    ok!(commit_import(
        db,
        &ed,
        strategy_id,
        &draft,
        &file.file_name,
        SHA
    ))
}

async fn strategy_named(db: &Db, forum: &forum::Model, slug: &str) -> strategy::Model {
    ok!(strategy::Entity::find()
        .filter(strategy::Column::ForumId.eq(forum.id))
        .filter(strategy::Column::Slug.eq(slug))
        .one(db))
    .expect("the strategy")
}

async fn plan_size(db: &Db, strategy_id: i32) -> (usize, usize, usize) {
    let themes: Vec<i32> = ok!(theme::Entity::find()
        .filter(theme::Column::StrategyId.eq(strategy_id))
        .all(db))
    .into_iter()
    .map(|t| t.id)
    .collect();
    let actions: Vec<i32> = ok!(action::Entity::find()
        .filter(action::Column::ThemeId.is_in(themes.clone()))
        .all(db))
    .into_iter()
    .map(|a| a.id)
    .collect();
    let targets = ok!(target::Entity::find()
        .filter(target::Column::ActionId.is_in(actions.clone()))
        .count(db));
    (
        themes.len(),
        actions.len(),
        usize::try_from(targets).expect("fits"),
    )
}

#[tokio::test]
async fn an_exported_plan_reimports_into_the_same_plan_with_nothing_changed() {
    for b in common::backends() {
        let db = common::with_demo(b).await;
        let forum = ok!(forum_by_slug(&db, "wolverhampton"));
        let st = strategy_named(&db, &forum, DEMO_STRATEGY).await;
        let (themes, actions, targets) = plan_size(&db, st.id).await;
        assert!(
            actions > 10 && targets > actions,
            "{b}: the demo plan has targets"
        );
        for format in [ExportFormat::Xlsx, ExportFormat::Csv] {
            let file = plan_file(&db, &forum, DEMO_STRATEGY, format).await;
            assert_eq!(
                file.file_name,
                format!("wolverhampton-{DEMO_STRATEGY}-plan.{}", format.as_str())
            );
            assert!(file.rows >= targets, "{b} {format:?}: a row per target");
            let report = reimport(&db, &forum, st.id, &file).await;
            assert_eq!(
                report.added,
                Counts::default(),
                "{b} {format:?}: {report:?}"
            );
            assert_eq!(
                report.changed,
                Counts::default(),
                "{b} {format:?}: {report:?}"
            );
            assert_eq!(report.unchanged.themes, themes, "{b} {format:?}");
            assert_eq!(report.unchanged.actions, actions, "{b} {format:?}");
            assert_eq!(report.unchanged.targets, targets, "{b} {format:?}");
            assert!(
                report.new_partners.is_empty(),
                "{b} {format:?}: {:?}",
                report.new_partners
            );
            assert_eq!(
                plan_size(&db, st.id).await,
                (themes, actions, targets),
                "{b}"
            );
        }
    }
}

/// A plan's export without the columns that depend on the strategy and its updates.
fn plan_text(file: &Export) -> Vec<Vec<String>> {
    let grid = grids(file).remove(0);
    grid.rows
        .iter()
        .map(|r| {
            r.cells
                .iter()
                .enumerate()
                // Strategy; Latest value, Latest period, Status.
                .filter(|(i, _)| *i != 0 && *i < 22)
                .map(|(_, c)| c.value.text())
                .collect()
        })
        .collect()
}

#[tokio::test]
async fn an_exported_plan_imported_into_a_new_strategy_is_the_same_plan() {
    for b in common::backends() {
        let db = common::with_demo(b).await;
        let forum = ok!(forum_by_slug(&db, "wolverhampton"));
        let st = strategy_named(&db, &forum, DEMO_STRATEGY).await;
        let ed = Editor {
            forum: &forum,
            actor: None,
            now: chrono::Utc::now(),
        };
        let (copy, _) = ok!(create_strategy(
            &db,
            &ed,
            StrategyInput {
                title: "A copy".to_owned(),
                period_start: st.period_start,
                period_end: st.period_end,
                aims: None,
                status: StrategyStatus::Draft,
            }
        ));
        let file = plan_file(&db, &forum, DEMO_STRATEGY, ExportFormat::Xlsx).await;
        let report = reimport(&db, &forum, copy.id, &file).await;
        assert_eq!(report.changed, Counts::default(), "{b}: {report:?}");
        assert_eq!(
            plan_size(&db, copy.id).await,
            plan_size(&db, st.id).await,
            "{b}"
        );
        let copy_slug = ok!(strategy::Entity::find_by_id(copy.id).one(&db))
            .expect("the copy")
            .slug;
        let again = plan_file(&db, &forum, &copy_slug, ExportFormat::Xlsx).await;
        let (first, second) = (plan_text(&file), plan_text(&again));
        assert_eq!(first.len(), second.len(), "{b}");
        for (i, (x, y)) in first.iter().zip(&second).enumerate() {
            assert_eq!(x, y, "{b}: row {} differs", i + 1);
        }
    }
}

#[tokio::test]
async fn a_workbook_has_real_numbers_and_dates_a_frozen_header_and_a_sheet_per_theme() {
    let db = common::with_demo("sqlite").await;
    let forum = ok!(forum_by_slug(&db, "wolverhampton"));
    let st = strategy_named(&db, &forum, DEMO_STRATEGY).await;
    let (themes, ..) = plan_size(&db, st.id).await;

    let per_theme = ok!(export(
        &db,
        &forum,
        &request(
            DEMO_STRATEGY,
            ExportContent::Plan,
            ExportFormat::Xlsx,
            SheetLayout::PerTheme
        ),
        today()
    ));
    let sheets = grids(&per_theme);
    assert_eq!(sheets.len(), themes, "one sheet per theme");
    let mut expected: Vec<String> = Vec::new();
    let mut in_order = ok!(theme::Entity::find()
        .filter(theme::Column::StrategyId.eq(st.id))
        .filter(theme::Column::ArchivedAt.is_null())
        .all(&db));
    in_order.sort_by_key(|t| (t.position, t.id));
    for t in in_order {
        let name = app::domain::spreadsheet::sheet_name(&t.title, &expected);
        expected.push(name);
    }
    let names: Vec<String> = sheets.iter().map(|s| s.sheet.clone()).collect();
    assert_eq!(
        names, expected,
        "each sheet is named after its theme, in order"
    );
    for sheet in &sheets {
        assert_eq!(sheet.rows[0].cells[1].value.text(), "Theme");
    }
    // The header row is frozen, and every sheet has a filter.
    let mut zip =
        zip::ZipArchive::new(std::io::Cursor::new(per_theme.bytes.clone())).expect("a zip");
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet1.xml").expect("sheet1"),
        &mut xml,
    )
    .expect("xml");
    assert!(
        xml.contains(r#"state="frozen""#) && xml.contains(r#"ySplit="1""#),
        "{xml}"
    );
    assert!(xml.contains("<autoFilter"), "a filter on the header");

    // The update history: a row per update, values as numbers, periods as dates.
    let updates = ok!(export(
        &db,
        &forum,
        &request(
            DEMO_STRATEGY,
            ExportContent::Updates,
            ExportFormat::Xlsx,
            SheetLayout::Flat
        ),
        today()
    ));
    let theme_ids: Vec<i32> = ok!(theme::Entity::find()
        .filter(theme::Column::StrategyId.eq(st.id))
        .all(&db))
    .into_iter()
    .map(|t| t.id)
    .collect();
    let action_ids: Vec<i32> = ok!(action::Entity::find()
        .filter(action::Column::ThemeId.is_in(theme_ids))
        .all(&db))
    .into_iter()
    .map(|a| a.id)
    .collect();
    let target_ids: Vec<i32> = ok!(target::Entity::find()
        .filter(target::Column::ActionId.is_in(action_ids))
        .filter(target::Column::ArchivedAt.is_null())
        .all(&db))
    .into_iter()
    .map(|t| t.id)
    .collect();
    let stored = ok!(progress_update::Entity::find()
        .filter(progress_update::Column::TargetId.is_in(target_ids))
        .count(&db));
    assert!(stored > 0, "the demo has updates");
    assert_eq!(updates.rows as u64, stored);
    let grid = grids(&updates).remove(0);
    assert_eq!(
        grid.rows.len() as u64,
        stored + 1,
        "a header and a row per update"
    );
    let numbers = grid.rows[1..]
        .iter()
        .filter(|r| matches!(r.cells[9].value, CellValue::Number(_)))
        .count();
    assert!(numbers > 0, "numeric values are numbers");
    assert!(
        grid.rows[1..]
            .iter()
            .all(|r| matches!(r.cells[7].value, CellValue::Date(_))),
        "period starts are dates"
    );

    // A strategy the forum does not have.
    let missing = export(
        &db,
        &forum,
        &request(
            "no-such-plan",
            ExportContent::Plan,
            ExportFormat::Csv,
            SheetLayout::Flat,
        ),
        today(),
    )
    .await;
    assert!(
        matches!(missing, Err(BackendError::NotFound("strategy"))),
        "{missing:?}"
    );
}

#[tokio::test]
async fn text_that_looks_like_a_formula_is_neutralised_and_reimports_as_written() {
    let db = common::with_demo("sqlite").await;
    let forum = ok!(forum_by_slug(&db, "wolverhampton"));
    let st = strategy_named(&db, &forum, DEMO_STRATEGY).await;
    let theme_ids: Vec<i32> = ok!(theme::Entity::find()
        .filter(theme::Column::StrategyId.eq(st.id))
        .all(&db))
    .into_iter()
    .map(|t| t.id)
    .collect();
    let first = ok!(action::Entity::find()
        .filter(action::Column::ThemeId.is_in(theme_ids))
        .one(&db))
    .expect("an action");
    let formula = "=HYPERLINK(\"http://evil.example\",\"Click\")";
    let mut row: action::ActiveModel = first.clone().into();
    row.activity = Set(Some(formula.to_owned()));
    row.title = Set("+44 helpline".to_owned());
    ok!(row.update(&db));

    let csv = plan_file(&db, &forum, DEMO_STRATEGY, ExportFormat::Csv).await;
    let text = String::from_utf8(csv.bytes.clone()).expect("utf-8");
    assert!(text.starts_with('\u{feff}'), "a byte-order mark for Excel");
    assert!(
        text.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Click\"\")\""),
        "{text}"
    );
    assert!(text.contains(",'+44 helpline,"), "{text}");
    assert!(
        !text.contains(",=HYPERLINK") && !text.contains(",+44"),
        "nothing left live"
    );

    let xlsx = plan_file(&db, &forum, DEMO_STRATEGY, ExportFormat::Xlsx).await;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx.bytes.clone())).expect("a zip");
    let mut strings = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/sharedStrings.xml").expect("strings"),
        &mut strings,
    )
    .expect("xml");
    assert!(
        strings.contains("&apos;=HYPERLINK") || strings.contains("'=HYPERLINK"),
        "neutralised in the workbook"
    );
    assert!(!strings.contains(">=HYPERLINK"), "never a live formula");

    // Both read back as the text that was written: nothing changes.
    for file in [&csv, &xlsx] {
        let report = reimport(&db, &forum, st.id, file).await;
        assert_eq!(
            report.added,
            Counts::default(),
            "{}: {report:?}",
            file.file_name
        );
        assert_eq!(
            report.changed,
            Counts::default(),
            "{}: {report:?}",
            file.file_name
        );
    }
    let after = ok!(action::Entity::find_by_id(first.id).one(&db)).expect("still there");
    assert_eq!(after.title, "+44 helpline");
    assert_eq!(after.activity.as_deref(), Some(formula));
}
