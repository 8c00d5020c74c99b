//! Editing the plan against real databases: building, ordering, stale saves, archive or delete,
//! forum boundaries, the directories, the audit trail and the schema's own rules.
#![cfg(feature = "ssr")]
mod common;

use ItemCommand::{Down, Remove, Restore, Up};
use ItemKind::{Action, Target, Theme};
use app::backend::entity::{
    action, action_partner as ap, audit_event as ae, forum, partner, progress_update as pu,
    strategy, target,
};
use app::backend::error::BackendError;
use app::backend::plan::forum_by_slug;
use app::backend::plan_edit::{
    Editor, action_editor, adopt_indicator, command, create_action, create_indicator,
    create_partner, create_resource, create_strategy, create_target, create_theme,
    indicator_fields, merge_partners, resources_page, strategy_editor, update_action,
    update_indicator, update_partner, update_resource, update_strategy, update_target,
};
use app::backend::strategy_page;
use app::domain::editor::{ItemRow, StrategyEditor};
use app::domain::plan_form::{
    ActionForm, ActionInput, IndicatorInput, ItemCommand, ItemKind, PartnerInput, ResourceInput,
    StrategyInput, TargetForm, TargetInput,
};
use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection as Db, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, Select, Set,
};

const DEMO: &str = "dv-strategy-2005-2007";

/// Awaits a use case that must succeed.
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

async fn new_forum(db: &Db, slug: &str) -> forum::Model {
    let row = forum::ActiveModel {
        name: Set(format!("{slug} DV forum")),
        slug: Set(slug.to_owned()),
        fy_start_month: Set(4),
        amber_tolerance: Set(10.0),
        small_number_threshold: Set(5),
        created_at: Set(chrono::Utc::now()),
        version: Set(1),
        ..Default::default()
    };
    ok!(row.insert(db))
}

async fn demo(b: &str) -> (Db, forum::Model) {
    let db = common::with_demo(b).await;
    let forum = ok!(forum_by_slug(&db, "wolverhampton"));
    (db, forum)
}

fn strategy_in(title: &str) -> StrategyInput {
    let aims = "Fewer repeat victims";
    StrategyInput::parse(title, "2026-04-01", "2029-03-31", aims, "active").expect("strategy")
}

fn action_in(title: &str, lead: &str, new_lead: &str, due_date: &str) -> ActionInput {
    let form = ActionForm {
        title,
        lead,
        new_lead,
        due_date,
        ..ActionForm::default()
    };
    ActionInput::parse(&form).expect("action")
}

fn target_in(title: &str, kind: &str, direction: &str, target_value: &str) -> TargetInput {
    let due_date = if kind == "milestone" {
        "2027-03-31"
    } else {
        ""
    };
    let (band_low, band_high) = if direction == "in_band" {
        ("20", "30")
    } else {
        ("", "")
    };
    let form = TargetForm {
        title,
        kind,
        direction,
        target_value,
        due_date,
        band_low,
        band_high,
        ..TargetForm::default()
    };
    TargetInput::parse(&form).expect("target")
}

fn partner_in(name: &str, short: &str, aliases: &str) -> PartnerInput {
    PartnerInput::parse(name, short, "voluntary", aliases).expect("partner")
}

fn conflict<T: std::fmt::Debug>(result: Result<T, BackendError>) -> String {
    match result {
        Err(BackendError::Conflict { changes, .. }) => changes.join(" "),
        other => panic!("expected a conflict, got {other:?}"),
    }
}

fn invalid<T: std::fmt::Debug>(result: Result<T, BackendError>) -> String {
    match result {
        Err(BackendError::Invalid(m)) => m,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn not_found<T: std::fmt::Debug>(result: Result<T, BackendError>) {
    assert!(
        matches!(result, Err(BackendError::NotFound(_))),
        "not found? {result:?}"
    );
}

async fn count<E: EntityTrait<Model: Sync>>(db: &Db, query: Select<E>) -> u64 {
    query.count(db).await.expect("count")
}

async fn action_row(db: &Db, id: i32) -> Option<action::Model> {
    action::Entity::find_by_id(id).one(db).await.expect("query")
}

async fn target_row(db: &Db, id: i32) -> Option<target::Model> {
    target::Entity::find_by_id(id).one(db).await.expect("query")
}

async fn partner_row(db: &Db, id: i32) -> Option<partner::Model> {
    partner::Entity::find_by_id(id)
        .one(db)
        .await
        .expect("query")
}

/// The audit trail of one record, oldest first: "update title: old → new (v2)".
async fn trail(db: &Db, entity: &str, id: i32) -> Vec<String> {
    let query = ae::Entity::find().filter(ae::Column::Entity.eq(entity));
    let query = query.filter(ae::Column::EntityId.eq(id));
    let events = ok!(query.order_by_asc(ae::Column::Id).all(db));
    let line = |e: ae::Model| {
        let (old, new) = (
            e.old_value.unwrap_or_default(),
            e.new_value.unwrap_or_default(),
        );
        let change = e.field.map(|f| format!(" {f}: {old} → {new}"));
        let version = e.entity_version.map(|v| format!(" (v{v})"));
        format!(
            "{}{}{}",
            e.action,
            change.unwrap_or_default(),
            version.unwrap_or_default()
        )
    };
    events.into_iter().map(line).collect()
}

async fn last_event(db: &Db, entity: &str, id: i32) -> String {
    trail(db, entity, id).await.pop().expect("an event")
}

/// A demo target with progress recorded against it.
async fn recorded_target(db: &Db) -> target::Model {
    let update = ok!(pu::Entity::find().one(db)).expect("an update");
    target_row(db, update.target_id).await.expect("target")
}

/// The ids of the targets on the strategy page (the live plan).
async fn live_targets(db: &Db, forum: &str, slug: &str) -> Vec<i32> {
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
    let page = ok!(strategy_page::load(db, forum, slug, today));
    let actions = page.themes.into_iter().flat_map(|t| t.actions);
    actions.flat_map(|a| a.targets).map(|t| t.id).collect()
}

fn titles(rows: &[ItemRow]) -> Vec<&str> {
    rows.iter().map(|r| r.title.as_str()).collect()
}

#[tokio::test]
async fn a_plan_is_built_from_nothing() {
    for b in common::backends() {
        let db = common::fresh(b).await;
        let kent = new_forum(&db, "kent").await;
        let ed = editor(&kent);
        let input = strategy_in("DV Strategy 2026/2029");
        let (s, slug) = ok!(create_strategy(&db, &ed, input));
        assert_eq!(slug, "dv-strategy-2026-2029", "{b}");
        let input = strategy_in("DV strategy 2026–2029");
        let (_, again) = ok!(create_strategy(&db, &ed, input));
        assert_eq!(again, "dv-strategy-2026-2029-2", "{b}");
        let prevention = ok!(create_theme(&db, &ed, s.id, "Prevention".into())).id;
        let protection = ok!(create_theme(&db, &ed, s.id, "Protection".into())).id;
        let input = action_in("Information Sharing Protocol", "", "Victim Support", "");
        let isp = ok!(create_action(&db, &ed, prevention, input));
        let note = isp.warnings.join(" ");
        assert!(
            note.contains("added to the partner directory"),
            "{b}: {note}"
        );
        let vs = ok!(partner::Entity::find().one(&db)).expect("the new partner");
        let got = (vs.name.as_str(), vs.forum_id);
        assert_eq!(got, ("Victim Support", kent.id), "{b}");
        let input = action_in("Sanctuary scheme", "", "victim support", "");
        let sanctuary = ok!(create_action(&db, &ed, prevention, input));
        let note = sanctuary.warnings.join(" ");
        assert!(
            note.contains("already in the partner directory"),
            "{b}: {note}"
        );
        let input = partner_in("Womens Aid", "WA", "Women's Aid UK");
        let wa = ok!(create_partner(&db, &ed, input));
        let input = action_in("Refuge places", "", "women's aid uk", "2030-01-01");
        let refuge = ok!(create_action(&db, &ed, protection, input));
        let note = refuge.warnings.join(" ");
        assert!(
            note.contains("outside the strategy's period"),
            "{b}: {note}"
        );
        let mut leads = Vec::new();
        for id in [isp.id, sanctuary.id, refuge.id] {
            leads.push(action_row(&db, id).await.expect("action").lead_partner_id);
        }
        assert_eq!(leads, [Some(vs.id), Some(vs.id), Some(wa.id)], "{b}");
        assert_eq!(count(&db, partner::Entity::find()).await, 2, "{b}");
        let mut made = Vec::new();
        for (title, kind, direction, value) in [
            ("Meetings held", "count", "at_least", "4"),
            ("Repeat referrals", "percentage", "at_most", "30%"),
            ("Protocol signed", "milestone", "", ""),
            ("Caseload", "count", "in_band", ""),
        ] {
            let input = target_in(title, kind, direction, value);
            made.push(ok!(create_target(&db, &ed, isp.id, input)).id);
        }
        let input = target_in("Refuge open", "yes_no", "", "");
        made.push(ok!(create_target(&db, &ed, refuge.id, input)).id);
        let edit = ok!(strategy_editor(&db, &kent, &slug));
        let themes: Vec<_> = edit.themes.iter().map(|t| t.theme.clone()).collect();
        assert_eq!(titles(&themes), ["Prevention", "Protection"], "{b}");
        let first = titles(&edit.themes[0].actions);
        let expected = ["Information Sharing Protocol", "Sanctuary scheme"];
        assert_eq!(first, expected, "{b}");
        assert_eq!(titles(&edit.themes[1].actions), ["Refuge places"], "{b}");
        let note = edit.themes[1].actions[0].note.as_deref();
        assert_eq!(note, Some("Lead: WA"), "{b}");
        assert_eq!(live_targets(&db, "kent", &slug).await, made, "{b}");
        let targets = ok!(action_editor(&db, &kent, isp.id)).targets;
        let expected = ["Meetings held", "Repeat referrals", "Protocol signed"];
        assert_eq!(titles(&targets)[..3], expected, "{b}");
    }
}

#[tokio::test]
async fn themes_actions_and_targets_move_among_their_siblings() {
    for b in common::backends() {
        let (db, forum) = demo(b).await;
        let ed = editor(&forum);
        let theme_ids =
            |e: &StrategyEditor| -> Vec<i32> { e.themes.iter().map(|t| t.theme.id).collect() };
        let before = ok!(strategy_editor(&db, &forum, DEMO));
        let (first, second) = (&before.themes[0].theme, &before.themes[1].theme);
        ok!(command(&db, &ed, Theme, second.id, second.version, Up));
        let after = ok!(strategy_editor(&db, &forum, DEMO));
        let mut expected = theme_ids(&before);
        expected.swap(0, 1);
        assert_eq!(theme_ids(&after), expected, "{b}");
        invalid(command(&db, &ed, Theme, second.id, second.version, Up).await);
        let (a0, a1) = (&before.themes[0].actions[0], &before.themes[0].actions[1]);
        ok!(command(&db, &ed, Action, a0.id, a0.version, Down));
        let moved = ok!(strategy_editor(&db, &forum, DEMO));
        let theme = moved.themes.iter().find(|t| t.theme.id == first.id);
        let actions = &theme.expect("theme").actions;
        assert_eq!([actions[0].id, actions[1].id], [a1.id, a0.id], "{b}");
        let last = actions.last().expect("last");
        invalid(command(&db, &ed, Action, last.id, last.version, Down).await);
        // Targets, as the action editor lists them.
        let all = ok!(target::Entity::find().all(&db));
        let busy = |a: &i32| all.iter().filter(|t| t.action_id == *a).count() >= 3;
        let action_id = all.iter().map(|t| t.action_id).find(busy);
        let action_id = action_id.expect("an action with three targets");
        let t = ok!(action_editor(&db, &forum, action_id)).targets;
        ok!(command(&db, &ed, Target, t[2].id, t[2].version, Up));
        let now = ok!(action_editor(&db, &forum, action_id)).targets;
        let ids: Vec<i32> = now.iter().take(3).map(|t| t.id).collect();
        assert_eq!(ids, [t[0].id, t[2].id, t[1].id], "{b}");
        assert_eq!(last_event(&db, "target", t[2].id).await, "move", "{b}");
    }
}

#[tokio::test]
async fn a_stale_save_is_refused_with_what_changed_and_overwrites_nothing() {
    for b in common::backends() {
        let (db, forum) = demo(b).await;
        let ed = editor(&forum);
        let t = recorded_target(&db).await;
        let a = action_row(&db, t.action_id).await.expect("action");
        let lead = a.lead_partner_id.map(|l| l.to_string()).unwrap_or_default();
        let first = action_in("Protocol agreed", &lead, "", "");
        ok!(update_action(&db, &ed, a.id, a.version, first));
        let stale = action_in("Somebody else's title", &lead, "", "");
        let changes = conflict(update_action(&db, &ed, a.id, a.version, stale).await);
        let said = format!("changed title from “{}” to “Protocol agreed”", a.title);
        assert!(changes.contains(&said), "{b}: {changes}");
        let stored = action_row(&db, a.id).await.expect("action");
        assert_eq!(stored.title, "Protocol agreed", "{b}");
        assert_eq!(stored.version, a.version + 1, "{b}");
        let refused = ae::Column::NewValue.eq("Somebody else's title");
        assert_eq!(
            count(&db, ae::Entity::find().filter(refused)).await,
            0,
            "{b}"
        );
        // A target: the second save from the same page is refused too.
        let input = target_in("Arrest rate", "percentage", "at_least", "75");
        ok!(update_target(&db, &ed, t.id, t.version, input.clone()));
        let changes = conflict(update_target(&db, &ed, t.id, t.version, input).await);
        assert!(changes.contains("to “Arrest rate”"), "{b}: {changes}");
        let stored = target_row(&db, t.id).await.expect("target");
        let expected = (Some(75.0), t.version + 1);
        assert_eq!((stored.target_value, stored.version), expected, "{b}");
        // A strategy, which keeps its URL name when renamed.
        let s = ok!(strategy::Entity::find().one(&db)).expect("strategy");
        ok!(update_strategy(
            &db,
            &ed,
            s.id,
            s.version,
            strategy_in("Renamed")
        ));
        let other = strategy_in("Other");
        let changes = conflict(update_strategy(&db, &ed, s.id, s.version, other).await);
        assert!(changes.contains("to “Renamed”"), "{b}: {changes}");
        let stored = ok!(strategy::Entity::find_by_id(s.id).one(&db)).expect("strategy");
        let got = (stored.title.as_str(), stored.slug.as_str());
        assert_eq!(got, ("Renamed", DEMO), "{b}");
    }
}

#[tokio::test]
async fn removing_deletes_what_has_no_progress_and_archives_the_rest() {
    for b in common::backends() {
        let (db, forum) = demo(b).await;
        let ed = editor(&forum);
        let t = recorded_target(&db).await;
        let theme_id = action_row(&db, t.action_id).await.expect("action").theme_id;
        let live = async |id: i32| live_targets(&db, "wolverhampton", DEMO).await.contains(&id);
        // Nothing recorded: a target is deleted, an action is deleted with its targets.
        let input = target_in("Leaflets", "count", "at_least", "500");
        let fresh = ok!(create_target(&db, &ed, t.action_id, input));
        let message = ok!(command(&db, &ed, Target, fresh.id, 1, Remove));
        assert!(message.starts_with("Deleted"), "{b}: {message}");
        assert!(target_row(&db, fresh.id).await.is_none(), "{b}");
        let input = action_in("Posters", "", "", "");
        let new = ok!(create_action(&db, &ed, theme_id, input));
        let input = target_in("Posters up", "count", "at_least", "40");
        let child = ok!(create_target(&db, &ed, new.id, input));
        conflict(command(&db, &ed, Action, new.id, 7, Remove).await);
        ok!(command(&db, &ed, Action, new.id, 1, Remove));
        assert!(action_row(&db, new.id).await.is_none(), "{b}");
        assert!(target_row(&db, child.id).await.is_none(), "{b}: cascade");
        assert_eq!(last_event(&db, "action", new.id).await, "delete", "{b}");
        // Progress recorded: the target is archived, kept with its progress, out of the plan.
        let progress = pu::Entity::find().filter(pu::Column::TargetId.eq(t.id));
        let recorded = count(&db, progress.clone()).await;
        let message = ok!(command(&db, &ed, Target, t.id, t.version, Remove));
        assert!(message.starts_with("Archived"), "{b}: {message}");
        let archived = target_row(&db, t.id).await.expect("kept");
        assert!(archived.archived_at.is_some(), "{b}");
        assert_eq!(archived.version, t.version + 1, "{b}");
        assert_eq!(count(&db, progress).await, recorded, "{b}");
        assert!(!live(t.id).await, "{b}");
        invalid(command(&db, &ed, Target, t.id, archived.version, Remove).await);
        ok!(command(&db, &ed, Target, t.id, archived.version, Restore));
        let restored = target_row(&db, t.id).await.expect("kept");
        let expected = (None, t.version + 2);
        assert_eq!((restored.archived_at, restored.version), expected, "{b}");
        assert!(live(t.id).await, "{b}");
        invalid(command(&db, &ed, Target, t.id, restored.version, Restore).await);
        // Its action is archived too, with its targets kept.
        let a = action_row(&db, t.action_id).await.expect("action");
        ok!(command(&db, &ed, Action, a.id, a.version, Remove));
        let kept = action_row(&db, a.id).await.expect("kept");
        assert!(kept.archived_at.is_some(), "{b}");
        assert!(target_row(&db, t.id).await.is_some(), "{b}");
        assert!(!live(t.id).await, "{b}");
        let edit = ok!(strategy_editor(&db, &forum, DEMO));
        let mut rows = edit.themes.iter().flat_map(|th| &th.actions);
        assert!(rows.find(|x| x.id == a.id).expect("listed").archived, "{b}");
        let archive = format!("archive (v{})", a.version + 1);
        assert_eq!(last_event(&db, "action", a.id).await, archive, "{b}");
    }
}

#[tokio::test]
async fn an_editor_reaches_only_its_own_forum() {
    for b in common::backends() {
        let (db, _) = demo(b).await;
        let kent = new_forum(&db, "kent").await;
        let ed = editor(&kent);
        let t = recorded_target(&db).await;
        let a = action_row(&db, t.action_id).await.expect("action");
        let s = ok!(strategy::Entity::find().one(&db)).expect("demo strategy");
        let p = ok!(partner::Entity::find().one(&db)).expect("demo partner");
        let a_in = action_in("Hijack", "", "", "");
        let t_in = target_in("Hijack", "yes_no", "", "");
        let (s_in, p_in) = (strategy_in("Hijack"), partner_in("Hijack", "", ""));
        not_found(update_action(&db, &ed, a.id, a.version, a_in.clone()).await);
        not_found(update_target(&db, &ed, t.id, t.version, t_in.clone()).await);
        not_found(update_strategy(&db, &ed, s.id, s.version, s_in).await);
        not_found(update_partner(&db, &ed, p.id, p.version, p_in).await);
        not_found(create_theme(&db, &ed, s.id, "Hijack".into()).await);
        not_found(create_action(&db, &ed, a.theme_id, a_in).await);
        not_found(create_target(&db, &ed, a.id, t_in).await);
        not_found(command(&db, &ed, Target, t.id, t.version, Remove).await);
        not_found(command(&db, &ed, Action, a.id, a.version, Up).await);
        not_found(strategy_editor(&db, &kent, DEMO).await);
        not_found(action_editor(&db, &kent, a.id).await);
        // Kent's own action may not name the demo forum's partners.
        let (ks, _) = ok!(create_strategy(&db, &ed, strategy_in("Kent plan")));
        let theme = ok!(create_theme(&db, &ed, ks.id, "Prevention".into())).id;
        let borrowed = action_in("Borrowed lead", &p.id.to_string(), "", "");
        not_found(create_action(&db, &ed, theme, borrowed).await);
        let mine = ok!(create_partner(&db, &ed, partner_in("Kent Police", "", "")));
        not_found(merge_partners(&db, &ed, mine.id, 1, p.id).await);
        let theirs = action::Column::ThemeId.eq(theme);
        assert_eq!(
            count(&db, action::Entity::find().filter(theirs)).await,
            0,
            "{b}"
        );
        let same = action_row(&db, a.id).await.expect("action");
        assert_eq!((same.title, same.version), (a.title, a.version), "{b}");
        let same = target_row(&db, t.id).await.expect("target");
        assert_eq!((same.archived_at, same.version), (None, t.version), "{b}");
    }
}

#[tokio::test]
async fn partners_are_added_once_and_merged_with_everything_they_did() {
    for b in common::backends() {
        let (db, forum) = demo(b).await;
        let ed = editor(&forum);
        let input = partner_in("Haven Refuge", "HR", "Haven Wolverhampton refuge");
        let refuge = ok!(create_partner(&db, &ed, input));
        let dup = partner_in("victim support wolverhampton", "", "");
        let message = invalid(create_partner(&db, &ed, dup).await);
        assert!(
            message.contains("Victim Support Wolverhampton"),
            "{b}: {message}"
        );
        let haven = partner::Entity::find().filter(partner::Column::ShortName.eq("Haven"));
        let haven = ok!(haven.one(&db)).expect("the Haven");
        let leads = |id: i32| action::Entity::find().filter(action::Column::LeadPartnerId.eq(id));
        let backs = |id: i32| ap::Entity::find().filter(ap::Column::PartnerId.eq(id));
        let led = count(&db, leads(haven.id)).await;
        let supported = count(&db, backs(haven.id)).await;
        assert!(
            led > 0 && supported > 0,
            "{b}: the Haven takes part in the plan"
        );
        let (id, v) = (haven.id, haven.version);
        conflict(merge_partners(&db, &ed, id, v + 1, refuge.id).await);
        invalid(merge_partners(&db, &ed, id, v, id).await);
        ok!(merge_partners(&db, &ed, id, v, refuge.id));
        assert!(partner_row(&db, id).await.is_none(), "{b}: merged away");
        assert_eq!(count(&db, leads(refuge.id)).await, led, "{b}");
        assert_eq!(count(&db, backs(refuge.id)).await, supported, "{b}");
        let kept = partner_row(&db, refuge.id).await.expect("kept");
        let aliases: Vec<String> = serde_json::from_str(&kept.aliases).expect("json");
        let names = [
            "Haven Wolverhampton refuge",
            "The Haven Wolverhampton",
            "Haven",
        ];
        assert_eq!(aliases, [&names[..], &["Haven (CJSSC)"]].concat(), "{b}");
        assert_eq!(kept.version, 2, "{b}");
        assert!(
            last_event(&db, "partner", id).await.starts_with("merge"),
            "{b}"
        );
        // The old name still finds the agency when typed as a new lead.
        let theme_id = ok!(action::Entity::find().one(&db))
            .expect("action")
            .theme_id;
        let input = action_in("Outreach", "", "The Haven Wolverhampton", "");
        let outreach = ok!(create_action(&db, &ed, theme_id, input)).id;
        let lead = action_row(&db, outreach)
            .await
            .expect("action")
            .lead_partner_id;
        assert_eq!(lead, Some(refuge.id), "{b}");
        // A stale partner page cannot save.
        ok!(update_partner(
            &db,
            &ed,
            refuge.id,
            2,
            partner_in("Haven", "", "")
        ));
        let stale = partner_in("Stale", "", "");
        conflict(update_partner(&db, &ed, refuge.id, 2, stale).await);
        // Merging a lead into one of its action's supporters leaves that partner the lead only.
        let one = ok!(create_partner(&db, &ed, partner_in("Dup One", "", "")));
        let two = ok!(create_partner(&db, &ed, partner_in("Dup Two", "", "")));
        let (lead, supporting) = (one.id.to_string(), vec![two.id.to_string()]);
        let supporting = supporting.iter().map(String::as_str).collect();
        let form = ActionForm {
            title: "Joint work",
            lead: &lead,
            supporting,
            ..Default::default()
        };
        let input = ActionInput::parse(&form).expect("action");
        let joint = ok!(create_action(&db, &ed, theme_id, input)).id;
        ok!(merge_partners(&db, &ed, one.id, 1, two.id));
        let lead = action_row(&db, joint)
            .await
            .expect("action")
            .lead_partner_id;
        assert_eq!(lead, Some(two.id), "{b}");
        let links = ap::Entity::find().filter(ap::Column::ActionId.eq(joint));
        assert_eq!(
            count(&db, links).await,
            0,
            "{b}: the lead is not also a supporter"
        );
    }
}

#[tokio::test]
async fn resources_and_indicators_are_kept_distinct() {
    for b in common::backends() {
        let db = common::fresh(b).await;
        let kent = new_forum(&db, "kent").await;
        let ed = editor(&kent);
        let resource = |name: &str, amount: &str| {
            ResourceInput::parse(name, amount, "2", false, "").expect("resource")
        };
        let input = resource("Supporting People", "£12,500.50");
        let sp = ok!(create_resource(&db, &ed, input)).id;
        invalid(create_resource(&db, &ed, resource("supporting people", "")).await);
        let home = ok!(create_resource(&db, &ed, resource("Home Office", ""))).id;
        let taken = resource("Supporting people", "");
        invalid(update_resource(&db, &ed, home, 1, taken).await);
        let grant = resource("Supporting People grant", "15000");
        ok!(update_resource(&db, &ed, sp, 1, grant.clone()));
        conflict(update_resource(&db, &ed, sp, 1, grant).await);
        let page = ok!(resources_page(&db, &kent, true));
        let row = page.resources.iter().find(|x| x.id == sp).expect("row");
        let got = (row.name.as_str(), row.amount.as_str());
        assert_eq!(got, ("Supporting People grant", "15000"), "{b}");
        let local = IndicatorInput::parse("local", "L1", "Nights", "", "in_band", "");
        let local = local.expect("indicator");
        ok!(create_indicator(&db, &ed, local.clone()));
        let again = IndicatorInput {
            code: "l1".into(),
            ..local
        };
        invalid(create_indicator(&db, &ed, again).await);
        let ni32 = ok!(adopt_indicator(&db, &ed, "NI32"));
        assert!(ni32.warnings.is_empty(), "{b}: {ni32:?}");
        let i = ok!(indicator_fields(&db, &kent, ni32.id));
        let got = (i.framework.as_str(), i.code.as_str(), i.polarity.as_str());
        assert_eq!(got, ("national", "NI32", "lower_is_better"), "{b}");
        assert!(i.definition.contains("Source"), "{b}");
        invalid(adopt_indicator(&db, &ed, "NI32").await);
        invalid(adopt_indicator(&db, &ed, "NI999").await);
        let bv = ok!(adopt_indicator(&db, &ed, "BV225"));
        let note = bv.warnings.join(" ");
        assert!(note.contains("checklist"), "{b}: {note}");
        let items = "Directory of services\nRefuge places; Sanctuary scheme";
        let input = IndicatorInput::parse("best_value", "BV225", "DV", "", "in_band", items);
        let input = input.expect("indicator");
        ok!(update_indicator(&db, &ed, bv.id, 1, input.clone()));
        conflict(update_indicator(&db, &ed, bv.id, 1, input).await);
        let i = ok!(indicator_fields(&db, &kent, bv.id));
        let expected = "Directory of services\nRefuge places\nSanctuary scheme";
        assert_eq!((i.checklist.as_str(), i.version), (expected, 2), "{b}");
    }
}

#[tokio::test]
async fn every_change_is_audited_with_the_version_it_made() {
    for b in common::backends() {
        let db = common::fresh(b).await;
        let kent = new_forum(&db, "kent").await;
        let ed = editor(&kent);
        let (s, _) = ok!(create_strategy(&db, &ed, strategy_in("Kent plan")));
        let (start, end, aims) = ("2026-04-01", "2029-03-31", "Fewer repeat victims");
        let renamed = StrategyInput::parse("Kent DV plan", start, end, aims, "draft");
        ok!(update_strategy(
            &db,
            &ed,
            s.id,
            1,
            renamed.expect("strategy")
        ));
        let expected = [
            "create (v1)",
            "update title: Kent plan → Kent DV plan (v2)",
            "update status: active → draft (v2)",
        ];
        assert_eq!(trail(&db, "strategy", s.id).await, expected, "{b}");
        let one = ok!(create_theme(&db, &ed, s.id, "One".into())).id;
        let two = ok!(create_theme(&db, &ed, s.id, "Two".into())).id;
        ok!(command(&db, &ed, Theme, two, 1, Up));
        let input = action_in("Protocol", "", "", "");
        let a = ok!(create_action(&db, &ed, one, input)).id;
        let input = target_in("Signed", "yes_no", "", "");
        let t = ok!(create_target(&db, &ed, a, input)).id;
        ok!(command(&db, &ed, Target, t, 1, Remove));
        assert_eq!(
            trail(&db, "theme", two).await,
            ["create (v1)", "move"],
            "{b}"
        );
        assert_eq!(
            trail(&db, "target", t).await,
            ["create (v1)", "delete"],
            "{b}"
        );
        assert_eq!(trail(&db, "action", a).await, ["create (v1)"], "{b}");
        let all = ae::Entity::find().filter(ae::Column::ForumId.eq(kent.id));
        assert_eq!(count(&db, all).await, 9, "{b}: every event names the forum");
    }
}

#[tokio::test]
async fn the_schema_refuses_targets_that_break_the_rules() {
    for b in common::backends() {
        let (db, _) = demo(b).await;
        let action_id = ok!(action::Entity::find().one(&db)).expect("action").id;
        let row = |kind: &str, value: Option<f64>, low: Option<f64>, high: Option<f64>| {
            target::ActiveModel {
                action_id: Set(action_id),
                title: Set("Direct insert".to_owned()),
                kind: Set(kind.to_owned()),
                target_value: Set(value),
                band_low: Set(low),
                band_high: Set(high),
                direction: Set(if low.is_some() { "in_band" } else { "at_least" }.to_owned()),
                frequency: Set("quarterly".to_owned()),
                position: Set(99),
                version: Set(1),
                ..Default::default()
            }
        };
        let valid = row("percentage", Some(100.0), None, None).insert(&db).await;
        assert!(valid.is_ok(), "{b}: a valid row is accepted: {valid:?}");
        for (what, broken) in [
            (
                "a percentage of 150",
                row("percentage", Some(150.0), None, None),
            ),
            (
                "a band upside down",
                row("count", None, Some(30.0), Some(20.0)),
            ),
            ("an empty band", row("count", None, Some(20.0), Some(20.0))),
            ("half a count", row("count", Some(2.5), None, None)),
        ] {
            assert!(broken.insert(&db).await.is_err(), "{b}: {what} is refused");
        }
        let mut stored: target::ActiveModel = valid.expect("row").into();
        stored.target_value = Set(Some(101.0));
        assert!(
            stored.update(&db).await.is_err(),
            "{b}: changes are checked too"
        );
    }
}
