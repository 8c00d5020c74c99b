//! The import flow as the site runs it, on SQLite and PostgreSQL: upload (refused files keep
//! nothing), preview, changing and saving the column roles, a stale change refused, the commit
//! into a new strategy, the report, a second commit refused, another forum kept out; a reference
//! column that finds a renamed action again; baseline, target value and indicator columns.
#![cfg(feature = "ssr")]
mod common;

use app::backend::entity::{action, forum, import_upload, target};
use app::backend::error::BackendError;
use app::backend::import::stage::{self, Destination};
use app::backend::plan::forum_by_slug;
use app::backend::plan_edit::Editor;
use app::domain::import::layout::ColumnRole;
use app::domain::plan_form::{StrategyInput, StrategyStatus};
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, DatabaseConnection as Db, EntityTrait, PaginatorTrait, QueryFilter};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/wolverhampton-dv-action-plan.xlsx"
);

fn editor(forum: &forum::Model) -> Editor<'_> {
    Editor {
        forum,
        actor: None,
        now: chrono::Utc::now(),
    }
}

fn new_strategy(title: &str) -> Destination {
    Destination::New(StrategyInput {
        title: title.to_owned(),
        period_start: NaiveDate::from_ymd_opt(2008, 4, 1).expect("date"),
        period_end: NaiveDate::from_ymd_opt(2011, 3, 31).expect("date"),
        aims: None,
        status: StrategyStatus::Active,
    })
}

async fn uploads(db: &Db) -> u64 {
    import_upload::Entity::find()
        .count(db)
        .await
        .expect("count")
}

fn invalid<T: std::fmt::Debug>(r: Result<T, BackendError>) -> String {
    match r {
        Err(BackendError::Invalid(m)) => m,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn upload_preview_mapping_and_commit() {
    for backend in common::backends() {
        let db = common::with_demo(backend).await;
        let forum = forum_by_slug(&db, "wolverhampton").await.expect("forum");
        let ed = editor(&forum);

        // Refused files keep nothing, and say why.
        let m = invalid(stage::stage(&db, &ed, "notes.txt", b"\x00\x01\x02binary junk\xff").await);
        assert!(m.contains("Nothing was imported"), "{m}");
        let m = invalid(stage::stage(&db, &ed, "empty.csv", b"").await);
        assert!(!m.is_empty());
        let mut zip = std::fs::read(FIXTURE).expect("fixture");
        zip.truncate(zip.len() / 2);
        let m = invalid(stage::stage(&db, &ed, "cut.xlsx", &zip).await);
        assert!(m.contains("cut.xlsx"), "{m}");
        assert_eq!(
            uploads(&db).await,
            0,
            "{backend}: refused uploads are not kept"
        );

        // The real plan: previewed as the layout found it.
        let bytes = std::fs::read(FIXTURE).expect("fixture");
        let id = stage::stage(&db, &ed, "wolverhampton-dv-action-plan.xlsx", &bytes)
            .await
            .expect("staged");
        let p = stage::preview(&db, &forum, id).await.expect("preview");
        assert_eq!(p.themes.len(), 6, "{backend}");
        assert_eq!(p.action_count, 20);
        assert!(p.target_count >= 20);
        assert!(p.result.is_none());
        assert!(!p.mapping_saved);
        let resources = p
            .columns
            .iter()
            .find(|c| c.role == ColumnRole::Resources)
            .expect("a resources column")
            .index;
        assert!(!p.resources.is_empty());
        let with_resources = p
            .themes
            .iter()
            .flat_map(|t| &t.actions)
            .filter(|a| !a.resources.is_empty())
            .count();
        assert!(with_resources > 10, "{with_resources}");
        assert!(
            p.partners.iter().any(|x| !x.new),
            "demo partners are matched"
        );

        // A person ignores the resources column and saves the roles.
        let roles: Vec<(usize, ColumnRole)> = p
            .columns
            .iter()
            .map(|c| {
                let role = if c.index == resources {
                    ColumnRole::Ignore
                } else {
                    c.role
                };
                (c.index, role)
            })
            .collect();
        stage::set_mapping(&db, &ed, id, p.version, None, roles.clone(), true)
            .await
            .expect("mapping");
        let p2 = stage::preview(&db, &forum, id).await.expect("preview");
        assert_eq!(p2.version, p.version + 1);
        assert!(p2.mapping_saved);
        assert!(p2.resources.is_empty(), "{:?}", p2.resources);
        assert!(
            p2.themes
                .iter()
                .flat_map(|t| &t.actions)
                .all(|a| a.resources.is_empty())
        );
        // The page shown before that change is stale.
        match stage::set_mapping(&db, &ed, id, p.version, None, roles.clone(), false).await {
            Err(BackendError::Conflict { .. }) => {}
            other => panic!("{backend}: a stale mapping must be refused, got {other:?}"),
        }
        // A column that is not in the sheet.
        let m = invalid(
            stage::set_mapping(
                &db,
                &ed,
                id,
                p2.version,
                None,
                vec![(99, ColumnRole::Action)],
                false,
            )
            .await,
        );
        assert!(m.contains("no column CV"), "{m}");

        // The next upload of a file with these headings starts with the saved roles.
        let again = stage::stage(&db, &ed, "next-quarter.xlsx", &bytes)
            .await
            .expect("staged");
        let p3 = stage::preview(&db, &forum, again).await.expect("preview");
        assert!(p3.mapping_saved);
        assert!(p3.resources.is_empty());
        let page = stage::import_page(&db, &forum).await.expect("page");
        assert_eq!(page.uploads.len(), 2);
        assert_eq!(page.mappings.len(), 1);
        assert!(page.mappings[0].roles.contains(&"Ignore".to_owned()));

        // Another forum cannot see or commit it.
        let other =
            app::backend::accounts::create_forum(&db, "Kent and Medway DV Strategy Group", None)
                .await
                .expect("forum B");
        assert!(matches!(
            stage::preview(&db, &other, id).await,
            Err(BackendError::NotFound(_))
        ));
        assert!(matches!(
            stage::commit(&db, &editor(&other), id, p2.version, new_strategy("Stolen")).await,
            Err(BackendError::NotFound(_))
        ));

        // A new strategy with a bad period: nothing at all is saved.
        let strategies_before = app::backend::entity::strategy::Entity::find()
            .count(&db)
            .await
            .expect("count");
        let bad = stage::commit(&db, &ed, id, p2.version, Destination::Existing(-5)).await;
        assert!(matches!(bad, Err(BackendError::NotFound(_))), "{bad:?}");
        let still = stage::preview(&db, &forum, id).await.expect("preview");
        assert_eq!(
            still.version, p2.version,
            "{backend}: a failed commit keeps the upload as it was"
        );
        assert!(still.result.is_none());

        // The commit: a new strategy with the plan, the report kept, the file's bytes dropped.
        let (slug, report) = stage::commit(&db, &ed, id, p2.version, new_strategy("Imported plan"))
            .await
            .expect("commit");
        assert_eq!(report.added.actions, 20, "{backend}: {report:?}");
        assert_eq!(report.added.resources, 0, "resources were ignored");
        assert_eq!(
            app::backend::entity::strategy::Entity::find()
                .count(&db)
                .await
                .expect("count"),
            strategies_before + 1
        );
        let done = stage::preview(&db, &forum, id).await.expect("report");
        let result = done.result.expect("a report");
        assert_eq!(
            result.strategy.as_ref().map(|s| s.1.as_str()),
            Some(slug.as_str())
        );
        assert!(result.added.contains("20 actions"), "{}", result.added);
        let row = import_upload::Entity::find_by_id(id)
            .one(&db)
            .await
            .expect("query")
            .expect("row");
        assert!(row.content.is_none());
        assert_eq!(row.file_sha256.len(), 64);
        let m = invalid(stage::commit(&db, &ed, id, done.version, new_strategy("Twice")).await);
        assert!(m.contains("already been imported"), "{m}");

        // The second upload into the same strategy: nothing new.
        let st = app::backend::entity::strategy::Entity::find()
            .filter(app::backend::entity::strategy::Column::Slug.eq(&slug))
            .one(&db)
            .await
            .expect("query")
            .expect("strategy");
        let (_, report) = stage::commit(&db, &ed, again, p3.version, Destination::Existing(st.id))
            .await
            .expect("re-import");
        assert_eq!(report.added.actions, 0, "{backend}: {report:?}");
        assert_eq!(report.added.targets, 0);
        assert_eq!(report.unchanged.actions, 20);
    }
}

#[tokio::test]
async fn reference_and_value_columns() {
    for backend in common::backends() {
        let db = common::with_demo(backend).await;
        let forum = forum_by_slug(&db, "wolverhampton").await.expect("forum");
        let ed = editor(&forum);
        let first = "Ref,Theme,Action,Lead,Target,Baseline,Target value,Indicator,RAG\n\
            A1,Safety,Sanctuary scheme,The Haven Wolverhampton,Homes made safe,12,40,,Green\n\
            A2,Safety,Repeat victims,West Midlands Police,Repeat incidents,31%,25%,NI32,amber\n";
        let id = stage::stage(&db, &ed, "tracker.csv", first.as_bytes())
            .await
            .expect("staged");
        let p = stage::preview(&db, &forum, id).await.expect("preview");
        assert_eq!(p.action_count, 2, "{backend}: {:?}", p.warnings);
        let a1 = &p.themes[0].actions[0];
        assert_eq!(a1.reference.as_deref(), Some("A1"));
        assert_eq!(a1.sheet_status, "green");
        assert!(
            a1.targets[0].reading.contains("baseline 12"),
            "{:?}",
            a1.targets
        );
        assert!(
            a1.targets[0].reading.starts_with("count"),
            "{:?}",
            a1.targets
        );
        let a2 = &p.themes[0].actions[1];
        assert!(a2.targets[0].reading.contains("25%"), "{:?}", a2.targets);
        assert!(a2.targets[0].reading.contains("NI32"), "{:?}", a2.targets);
        let (slug, report) = stage::commit(&db, &ed, id, p.version, new_strategy("Tracker"))
            .await
            .expect("commit");
        assert_eq!(report.added.actions, 2);
        let made = action::Entity::find()
            .filter(action::Column::Reference.eq("A1"))
            .one(&db)
            .await
            .expect("query")
            .expect("action A1");
        let t = target::Entity::find()
            .filter(target::Column::ActionId.eq(made.id))
            .one(&db)
            .await
            .expect("query")
            .expect("its target");
        assert_eq!((t.baseline, t.target_value), (Some(12.0), Some(40.0)));

        // Next quarter the action was renamed: the reference finds it.
        let second = "Ref,Theme,Action,Lead,Target,Baseline,Target value,Indicator,RAG\n\
            A1,Safety,Sanctuary scheme (extended),The Haven Wolverhampton,Homes made safe,12,60,,Green\n\
            A2,Safety,Repeat victims,West Midlands Police,Repeat incidents,31%,25%,NI32,amber\n";
        let id2 = stage::stage(&db, &ed, "tracker.csv", second.as_bytes())
            .await
            .expect("staged");
        let p2 = stage::preview(&db, &forum, id2).await.expect("preview");
        let st = app::backend::entity::strategy::Entity::find()
            .filter(app::backend::entity::strategy::Column::Slug.eq(&slug))
            .one(&db)
            .await
            .expect("query")
            .expect("strategy");
        let (_, report) = stage::commit(&db, &ed, id2, p2.version, Destination::Existing(st.id))
            .await
            .expect("re-import");
        assert_eq!(report.added.actions, 0, "{backend}: {report:?}");
        assert_eq!(report.changed.actions, 1, "{report:?}");
        assert_eq!(report.changed.targets, 1, "{report:?}");
        let renamed = action::Entity::find_by_id(made.id)
            .one(&db)
            .await
            .expect("query")
            .expect("still there");
        assert_eq!(renamed.title, "Sanctuary scheme (extended)");
    }
}
