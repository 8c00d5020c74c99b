//! Committing an import against real databases: the Wolverhampton sheet into a new strategy of the
//! demo forum, a re-import that changes nothing, and a failed import that leaves nothing behind.
#![cfg(feature = "ssr")]
mod common;

use app::backend::entity::{
    action, action_partner, action_resource, audit_event, forum, indicator, partner, resource,
    strategy, target, theme,
};
use app::backend::error::BackendError;
use app::backend::import::{Counts, commit_import, read_grid};
use app::backend::plan::forum_by_slug;
use app::backend::plan_edit::{Editor, create_strategy};
use app::domain::import::layout;
use app::domain::import::plan::{PlanDraft, interpret_with};
use app::domain::plan_form::{StrategyInput, StrategyStatus};
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, DatabaseConnection as Db, EntityTrait, PaginatorTrait, QueryFilter};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/wolverhampton-dv-action-plan.xlsx"
);
const SHA: &str = "0000000000000000000000000000000000000000000000000000000000000000";

macro_rules! ok {
    ($call:expr) => {
        $call.await.expect(stringify!($call))
    };
}

fn editor(forum: &forum::Model) -> Editor<'_> {
    Editor {
        forum,
        actor: None,
        now: chrono::Utc::now(),
    }
}

/// The fixture's draft, interpreted against the forum's live partners and resources.
async fn draft(db: &Db, forum: &forum::Model) -> PlanDraft {
    let bytes = std::fs::read(FIXTURE).expect("fixture");
    let grids = read_grid(
        &bytes,
        "wolverhampton-dv-action-plan.xlsx",
        &app::backend::import::Limits::default(),
    )
    .expect("reads");
    let grid = grids
        .iter()
        .find(|g| g.rows.iter().any(|r| !r.is_blank()))
        .expect("a sheet with data");
    let (directory, resources) = ok!(app::backend::import::stage::known(db, forum.id));
    interpret_with(&layout::detect(grid), &directory, &resources)
}

async fn new_strategy(db: &Db, forum: &forum::Model) -> i32 {
    let (saved, _) = ok!(create_strategy(
        db,
        &editor(forum),
        StrategyInput {
            title: "Imported action plan".to_owned(),
            period_start: NaiveDate::from_ymd_opt(2008, 4, 1).expect("date"),
            period_end: NaiveDate::from_ymd_opt(2011, 3, 31).expect("date"),
            aims: None,
            status: StrategyStatus::Draft,
        }
    ));
    saved.id
}

/// Rows in every plan table, and audit events.
async fn row_counts(db: &Db) -> [u64; 11] {
    [
        ok!(strategy::Entity::find().count(db)),
        ok!(theme::Entity::find().count(db)),
        ok!(action::Entity::find().count(db)),
        ok!(action_partner::Entity::find().count(db)),
        ok!(action_resource::Entity::find().count(db)),
        ok!(target::Entity::find().count(db)),
        ok!(partner::Entity::find().count(db)),
        ok!(resource::Entity::find().count(db)),
        ok!(indicator::Entity::find().count(db)),
        ok!(audit_event::Entity::find().count(db)),
        ok!(audit_event::Entity::find()
            .filter(audit_event::Column::Action.eq("import"))
            .count(db)),
    ]
}

/// The ids of a strategy's themes, their actions and those actions' targets.
async fn ids_in(db: &Db, strategy_id: i32) -> (Vec<i32>, Vec<i32>, Vec<i32>) {
    let theme_ids: Vec<i32> = ok!(theme::Entity::find()
        .filter(theme::Column::StrategyId.eq(strategy_id))
        .all(db))
    .into_iter()
    .map(|t| t.id)
    .collect();
    let action_ids: Vec<i32> = ok!(action::Entity::find()
        .filter(action::Column::ThemeId.is_in(theme_ids.clone()))
        .all(db))
    .into_iter()
    .map(|a| a.id)
    .collect();
    let target_ids: Vec<i32> = ok!(target::Entity::find()
        .filter(target::Column::ActionId.is_in(action_ids.clone()))
        .all(db))
    .into_iter()
    .map(|t| t.id)
    .collect();
    (theme_ids, action_ids, target_ids)
}

async fn strategy_counts(db: &Db, strategy_id: i32) -> (u64, u64, u64) {
    let (themes, actions, targets) = ids_in(db, strategy_id).await;
    (
        themes.len() as u64,
        actions.len() as u64,
        targets.len() as u64,
    )
}

fn target_count(d: &PlanDraft) -> usize {
    d.themes
        .iter()
        .flat_map(|t| &t.actions)
        .map(|a| a.targets.len())
        .sum()
}

#[tokio::test]
async fn the_wolverhampton_sheet_imports_once_and_reimports_as_unchanged() {
    for b in common::backends() {
        let db = common::with_demo(b).await;
        let forum = ok!(forum_by_slug(&db, "wolverhampton"));
        let ed = editor(&forum);
        let sid = new_strategy(&db, &forum).await;
        let d = draft(&db, &forum).await;
        let targets = target_count(&d);
        assert!(targets > 0, "{b}: the sheet has targets");

        let first = ok!(commit_import(&db, &ed, sid, &d, "w.xlsx", SHA));
        assert_eq!(first.added.themes, 6, "{b}: {first:?}");
        assert_eq!(first.added.actions, 20, "{b}: {first:?}");
        assert_eq!(first.added.targets, targets, "{b}: {first:?}");
        assert_eq!(first.changed, Counts::default(), "{b}");
        assert_eq!(first.added.partners, first.new_partners.len(), "{b}");
        assert_eq!(
            strategy_counts(&db, sid).await,
            (6, 20, targets as u64),
            "{b}"
        );
        let import = ok!(audit_event::Entity::find()
            .filter(audit_event::Column::Action.eq("import"))
            .filter(audit_event::Column::Entity.eq("strategy"))
            .filter(audit_event::Column::EntityId.eq(sid))
            .one(&db))
        .expect("an import event");
        let detail = import.detail.unwrap_or_default();
        assert!(
            detail.contains("w.xlsx") && detail.contains(SHA),
            "{b}: {detail}"
        );
        assert!(detail.contains("6 themes, 20 actions"), "{b}: {detail}");
        let created = ok!(audit_event::Entity::find()
            .filter(audit_event::Column::Action.eq("create"))
            .filter(audit_event::Column::Entity.eq("action"))
            .count(&db));
        assert!(created >= 20, "{b}: create events for the actions");

        // The same draft again: nothing added or changed.
        let before = row_counts(&db).await;
        let again = ok!(commit_import(&db, &ed, sid, &d, "w.xlsx", SHA));
        assert_eq!(again.added, Counts::default(), "{b}: {again:?}");
        assert_eq!(again.changed, Counts::default(), "{b}: {again:?}");
        assert_eq!(again.unchanged.themes, 6, "{b}");
        assert_eq!(again.unchanged.actions, 20, "{b}");
        assert_eq!(again.unchanged.targets, targets, "{b}");
        assert!(again.new_partners.is_empty(), "{b}");
        let after = row_counts(&db).await;
        assert_eq!(after[..9], before[..9], "{b}: no plan rows added");
        assert_eq!(after[10], before[10] + 1, "{b}: one more import event");
        assert_eq!(after[9], before[9] + 1, "{b}: and no other event");

        // Read afresh against the directory that now has the new partners: still nothing to do.
        let d2 = draft(&db, &forum).await;
        assert_eq!(d2.new_partners().count(), 0, "{b}");
        let third = ok!(commit_import(&db, &ed, sid, &d2, "w.xlsx", SHA));
        assert_eq!(third.added, Counts::default(), "{b}: {third:?}");
        assert_eq!(third.changed, Counts::default(), "{b}: {third:?}");
        assert_eq!(
            strategy_counts(&db, sid).await,
            (6, 20, targets as u64),
            "{b}"
        );
    }
}

#[tokio::test]
async fn a_changed_sheet_updates_actions_and_targets_in_place() {
    for b in common::backends() {
        let db = common::with_demo(b).await;
        let forum = ok!(forum_by_slug(&db, "wolverhampton"));
        let ed = editor(&forum);
        let sid = new_strategy(&db, &forum).await;
        let mut d = draft(&db, &forum).await;
        ok!(commit_import(&db, &ed, sid, &d, "w.xlsx", SHA));
        let a = &mut d.themes[0].actions[0];
        a.activity.push_str("\nAlso a new line.");
        a.title = a.title.to_uppercase();
        let with_target = d
            .themes
            .iter_mut()
            .flat_map(|t| &mut t.actions)
            .find(|a| !a.targets.is_empty())
            .expect("an action with a target");
        with_target.targets[0].due_date = NaiveDate::from_ymd_opt(2010, 1, 1);
        // A percentage the schema would refuse is saved as text, with a warning.
        let bad = with_target.targets[0].clone();
        with_target
            .targets
            .push(app::domain::import::cells::TargetGuess {
                title: "Impossible share".to_owned(),
                kind: app::domain::target::TargetKind::Percentage,
                target_value: Some(150.0),
                ..bad
            });
        let r = ok!(commit_import(&db, &ed, sid, &d, "w2.xlsx", SHA));
        assert_eq!(r.added.themes + r.added.actions, 0, "{b}: {r:?}");
        assert_eq!(r.changed.actions, 1, "{b}: {r:?}");
        assert_eq!(r.changed.targets, 1, "{b}: {r:?}");
        assert_eq!(r.added.targets, 1, "{b}: {r:?}");
        assert!(
            r.warnings.iter().any(|w| w.contains("Impossible share")),
            "{b}: {r:?}"
        );
        let t = ok!(target::Entity::find()
            .filter(target::Column::Title.eq("Impossible share"))
            .one(&db))
        .expect("saved");
        assert_eq!((t.kind.as_str(), t.target_value), ("text", None), "{b}");
    }
}

#[tokio::test]
async fn a_failed_import_leaves_the_database_as_it_was() {
    for b in common::backends() {
        let db = common::with_demo(b).await;
        let forum = ok!(forum_by_slug(&db, "wolverhampton"));
        let ed = editor(&forum);
        let sid = new_strategy(&db, &forum).await;
        let good = draft(&db, &forum).await;
        let before = row_counts(&db).await;

        // An action without a title: refused before anything is written.
        let mut d = good.clone();
        d.themes[2].actions[0].title = "  ".to_owned();
        let err = commit_import(&db, &ed, sid, &d, "w.xlsx", SHA)
            .await
            .expect_err("refused");
        assert!(matches!(err, BackendError::Invalid(_)), "{b}: {err:?}");
        assert_eq!(row_counts(&db).await, before, "{b}");

        // A failure after partners, themes and most actions are written: all rolled back.
        let mut d = good.clone();
        let last = d
            .themes
            .last_mut()
            .and_then(|t| t.actions.last_mut())
            .expect("action");
        last.lead_partner = Some(9999);
        let err = commit_import(&db, &ed, sid, &d, "w.xlsx", SHA)
            .await
            .expect_err("refused");
        assert!(matches!(err, BackendError::Invalid(_)), "{b}: {err:?}");
        assert_eq!(row_counts(&db).await, before, "{b}");
        assert_eq!(strategy_counts(&db, sid).await, (0, 0, 0), "{b}");

        // The good draft still imports.
        ok!(commit_import(&db, &ed, sid, &good, "w.xlsx", SHA));
        assert_eq!(strategy_counts(&db, sid).await.1, 20, "{b}");
    }
}

/// Links and `create` events of the actions of a strategy: (supporting partners, resources,
/// action events, target events).
async fn written_with(db: &Db, strategy_id: i32) -> (u64, u64, u64, u64) {
    let (_, action_ids, target_ids) = ids_in(db, strategy_id).await;
    let created = |entity: &'static str, ids: Vec<i32>| {
        audit_event::Entity::find()
            .filter(audit_event::Column::Action.eq("create"))
            .filter(audit_event::Column::Entity.eq(entity))
            .filter(audit_event::Column::EntityId.is_in(ids))
            .count(db)
    };
    (
        ok!(action_partner::Entity::find()
            .filter(action_partner::Column::ActionId.is_in(action_ids.clone()))
            .count(db)),
        ok!(action_resource::Entity::find()
            .filter(action_resource::Column::ActionId.is_in(action_ids.clone()))
            .count(db)),
        ok!(created("action", action_ids)),
        ok!(created("target", target_ids)),
    )
}

/// A first import writes its new actions, their links, targets and events many rows to a
/// statement: a sheet with four times the actions takes the same number of statements, and
/// writes four times the rows, every one with its event.
#[tokio::test]
async fn a_larger_sheet_takes_no_more_statements() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    for b in common::backends() {
        let mut db = common::with_demo(b).await;
        let forum = ok!(forum_by_slug(&db, "wolverhampton"));
        let ed = editor(&forum);
        // The first import makes the sheet's partners and resources, so that the two counted
        // below find the same ones.
        let d = draft(&db, &forum).await;
        let first = new_strategy(&db, &forum).await;
        ok!(commit_import(&db, &ed, first, &d, "w.xlsx", SHA));
        let d = draft(&db, &forum).await;
        let mut big = d.clone();
        for th in &mut big.themes {
            let once = th.actions.clone();
            for _ in 0..3 {
                th.actions.extend(once.iter().cloned());
            }
        }
        let one = new_strategy(&db, &forum).await;
        let four = new_strategy(&db, &forum).await;
        let counter = Arc::new(AtomicUsize::new(0));
        let seen = Arc::clone(&counter);
        db.set_metric_callback(move |_| {
            seen.fetch_add(1, Ordering::SeqCst);
        });
        let r1 = ok!(commit_import(&db, &ed, one, &d, "w.xlsx", SHA));
        let n1 = counter.swap(0, Ordering::SeqCst);
        let r4 = ok!(commit_import(&db, &ed, four, &big, "w4.xlsx", SHA));
        let n4 = counter.swap(0, Ordering::SeqCst);
        eprintln!(
            "{b}: {n1} statements for {} actions, {n4} for {}",
            r1.added.actions, r4.added.actions
        );
        assert_eq!(r4.added.actions, 4 * r1.added.actions, "{b}: {r4:?}");
        assert_eq!(r4.added.targets, 4 * r1.added.targets, "{b}: {r4:?}");
        assert_eq!(
            n1, n4,
            "{b}: {n1} statements, then {n4} for four times the actions"
        );
        let (t1, a1, x1) = strategy_counts(&db, one).await;
        assert_eq!(
            strategy_counts(&db, four).await,
            (t1, 4 * a1, 4 * x1),
            "{b}"
        );
        let w1 = written_with(&db, one).await;
        assert!(
            w1.0 > 0 && w1.1 > 0,
            "{b}: the sheet links partners and resources: {w1:?}"
        );
        assert_eq!(
            (w1.2, w1.3),
            (a1, x1),
            "{b}: one event per new action and target"
        );
        assert_eq!(
            written_with(&db, four).await,
            (4 * w1.0, 4 * w1.1, 4 * w1.2, 4 * w1.3),
            "{b}"
        );
    }
}
