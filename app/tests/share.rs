//! Share links on SQLite and PostgreSQL: the life cycle (make, open, expire, revoke, a guessed
//! token), what each scope covers, what each part shows, small-number suppression and public
//! narratives, on a small hand-made plan whose calendar stands at 20 October 2006:
//!
//! | target | theme | action | kind | approved 2006/07 Q2 figure | narrative |
//! |---|---|---|---|---|---|
//! | few | Protection | P1 (funded by "Home Office grant") | count ≥ 10 | 3 | public |
//! | many | Protection | P1 | count ≥ 10 | 12 | internal |
//! | share | Protection | P2 | percentage ≥ 90 | 38 of 40 (95%) | public, but a later draft |
//! | met | Prevention | V1 | yes/no | done | none |
#![cfg(feature = "ssr")]
mod common;

use app::backend::entity::{
    action, action_resource, app_user, audit_event, forum, partner, progress_update, resource,
    share_link, strategy, target, theme,
};
use app::backend::share::{create, open, revoke};
use app::domain::share::{FunderReport, NewShare, Part, ScopeKind};
use app::domain::status::Status;
use chrono::{Duration, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection as Db, EntityTrait, QueryFilter, Set,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

struct Plan {
    forum: forum::Model,
    strategy: i32,
    protection: i32,
    grant: i32,
    coordinator: i32,
}

async fn update(
    db: &Db,
    target_id: i32,
    state: &str,
    values: (Option<f64>, Option<f64>, Option<f64>, Option<bool>),
    narrative: &str,
    public: bool,
    (start, end): (NaiveDate, NaiveDate),
) {
    let now = Utc::now();
    progress_update::ActiveModel {
        target_id: Set(target_id),
        period_start: Set(start),
        period_end: Set(end),
        value_number: Set(values.0),
        value_numerator: Set(values.1),
        value_denominator: Set(values.2),
        value_bool: Set(values.3),
        narrative: Set(Some(narrative.to_owned())),
        is_public: Set(public),
        state: Set(state.to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("update");
}

async fn plan(db: &Db) -> Plan {
    app::backend::demo::load(db).await.expect("demo");
    app::backend::demo::load_accounts(db, "wolverhampton", "a-test-password-1")
        .await
        .expect("demo accounts");
    let made = app::backend::accounts::create_forum(db, "Share Test Forum", None)
        .await
        .expect("forum");
    let mut f: forum::ActiveModel = forum::Entity::find_by_id(made.id)
        .one(db)
        .await
        .expect("q")
        .expect("forum")
        .into();
    f.fixed_date = Set(Some(d(2006, 10, 20)));
    let forum = f.update(db).await.expect("fixed date");
    let police = partner::ActiveModel {
        forum_id: Set(forum.id),
        name: Set("West Midlands Police".to_owned()),
        sector: Set("statutory".to_owned()),
        aliases: Set("[]".to_owned()),
        version: Set(1),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("partner")
    .id;
    let st = strategy::ActiveModel {
        forum_id: Set(forum.id),
        title: Set("Share Strategy 2005-2008".to_owned()),
        slug: Set("share-strategy".to_owned()),
        period_start: Set(d(2005, 4, 1)),
        period_end: Set(d(2008, 3, 31)),
        status: Set("active".to_owned()),
        position: Set(0),
        version: Set(1),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("strategy");
    let theme_of = |title: &str, position: i32| theme::ActiveModel {
        strategy_id: Set(st.id),
        title: Set(title.to_owned()),
        position: Set(position),
        version: Set(1),
        ..Default::default()
    };
    let protection = theme_of("Protection", 0).insert(db).await.expect("t").id;
    let prevention = theme_of("Prevention", 1).insert(db).await.expect("t").id;
    let action_of = |theme_id: i32, title: &str, position: i32| action::ActiveModel {
        theme_id: Set(theme_id),
        title: Set(title.to_owned()),
        lead_partner_id: Set(Some(police)),
        position: Set(position),
        version: Set(1),
        ..Default::default()
    };
    let p1 = action_of(protection, "P1", 0)
        .insert(db)
        .await
        .expect("a")
        .id;
    let p2 = action_of(protection, "P2", 1)
        .insert(db)
        .await
        .expect("a")
        .id;
    let v1 = action_of(prevention, "V1", 0)
        .insert(db)
        .await
        .expect("a")
        .id;
    let target_of = |action_id: i32, title: &str, kind: &str, value: Option<f64>, position: i32| {
        target::ActiveModel {
            action_id: Set(action_id),
            title: Set(title.to_owned()),
            kind: Set(kind.to_owned()),
            direction: Set("at_least".to_owned()),
            target_value: Set(value),
            due_date: Set(Some(d(2008, 3, 31))),
            frequency: Set("quarterly".to_owned()),
            position: Set(position),
            version: Set(1),
            ..Default::default()
        }
    };
    let few = target_of(p1, "few", "count", Some(10.0), 0)
        .insert(db)
        .await
        .expect("t")
        .id;
    let many = target_of(p1, "many", "count", Some(10.0), 1)
        .insert(db)
        .await
        .expect("t")
        .id;
    let share = target_of(p2, "share", "percentage", Some(90.0), 0)
        .insert(db)
        .await
        .expect("t")
        .id;
    let met = target_of(v1, "met", "yes_no", None, 0)
        .insert(db)
        .await
        .expect("t")
        .id;
    let q2 = (d(2006, 7, 1), d(2006, 9, 30));
    let q1 = (d(2006, 4, 1), d(2006, 6, 30));
    update(
        db,
        few,
        "approved",
        (Some(3.0), None, None, None),
        "Referrals continue through the helpline.",
        true,
        q2,
    )
    .await;
    update(
        db,
        many,
        "approved",
        (Some(12.0), None, None, None),
        "INTERNAL: staffing problem at the refuge.",
        false,
        q2,
    )
    .await;
    update(
        db,
        share,
        "approved",
        (Some(95.0), Some(38.0), Some(40.0), None),
        "Most cases reviewed on time.",
        true,
        q1,
    )
    .await;
    update(
        db,
        share,
        "approved",
        (Some(95.0), Some(38.0), Some(40.0), None),
        "INTERNAL: two cases missed.",
        false,
        q2,
    )
    .await;
    update(
        db,
        met,
        "approved",
        (None, None, None, Some(true)),
        "Campaign launched.",
        false,
        q2,
    )
    .await;
    // A later draft marked public is not approved, so no funder sees it.
    update(
        db,
        few,
        "draft",
        (Some(4.0), None, None, None),
        "DRAFT: not yet agreed.",
        true,
        (d(2006, 10, 1), d(2006, 12, 31)),
    )
    .await;
    let grant = resource::ActiveModel {
        forum_id: Set(forum.id),
        name: Set("Home Office grant".to_owned()),
        at_risk: Set(false),
        version: Set(1),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("resource")
    .id;
    action_resource::ActiveModel {
        action_id: Set(p1),
        resource_id: Set(grant),
    }
    .insert(db)
    .await
    .expect("funds");
    let user = app_user::Entity::find()
        .filter(app_user::Column::Email.eq("coordinator@forumplan.example"))
        .one(db)
        .await
        .expect("q")
        .expect("demo coordinator");
    Plan {
        forum,
        strategy: st.id,
        protection,
        grant,
        coordinator: user.id,
    }
}

fn new(scope: ScopeKind, id: i32, parts: &[Part]) -> NewShare {
    NewShare {
        label: "Home Office, 2006/07 monitoring".to_owned(),
        scope,
        scope_id: id,
        parts: parts.to_vec(),
        expires_on: Utc::now().date_naive() + Duration::days(30),
    }
}

const ALL: [Part; 4] = [Part::Statuses, Part::Values, Part::Narratives, Part::Charts];

fn target<'a>(r: &'a FunderReport, title: &str) -> &'a app::domain::share::ReportTarget {
    r.sections
        .iter()
        .flat_map(|s| &s.actions)
        .flat_map(|a| &a.targets)
        .find(|t| t.title == title)
        .unwrap_or_else(|| panic!("target {title} in the report"))
}

/// Makes a link of the small plan's forum and opens it at once.
async fn made_and_opened(
    db: &Db,
    p: &Plan,
    share: NewShare,
    now: chrono::DateTime<Utc>,
) -> (app::backend::share::NewLink, FunderReport) {
    let link = create(db, &p.forum, p.coordinator, &share, now)
        .await
        .expect("made");
    let report = open(db, &link.token, now)
        .await
        .expect("opens")
        .expect("a report");
    (link, report)
}

fn text(r: &FunderReport) -> String {
    format!("{r:?}")
}

#[tokio::test]
async fn a_link_opens_its_report_until_it_expires_or_is_revoked_and_a_guess_opens_nothing() {
    for backend in common::backends() {
        let db = common::fresh(backend).await;
        let p = plan(&db).await;
        let now = Utc::now();
        let link = create(
            &db,
            &p.forum,
            p.coordinator,
            &new(ScopeKind::Strategy, p.strategy, &ALL),
            now,
        )
        .await
        .expect("made");
        assert_eq!(link.token.len(), 43, "256 random bits, URL-safe");

        // Only the token's SHA-256 is stored, and the audit log does not hold the token either.
        let stored = share_link::Entity::find_by_id(link.id)
            .one(&db)
            .await
            .expect("q")
            .expect("row");
        assert_ne!(stored.token_hash, link.token);
        assert_eq!(
            stored.token_hash,
            app::backend::import::sha256_hex(link.token.as_bytes())
        );
        let audit = audit_event::Entity::find()
            .filter(audit_event::Column::Entity.eq("share_link"))
            .all(&db)
            .await
            .expect("audit");
        assert_eq!(audit.len(), 1, "{backend}");
        assert!(
            !format!("{audit:?}").contains(&link.token),
            "{backend}: token in the audit log"
        );

        let report = open(&db, &link.token, now)
            .await
            .expect("opens")
            .expect("a report");
        assert_eq!(report.forum, "Share Test Forum");
        assert_eq!(report.title, "Share Strategy 2005-2008");
        assert_eq!(report.period, "April 2005 – March 2008");
        assert_eq!(report.as_of, d(2006, 10, 20), "the forum's date");
        assert_eq!(report.quarter, "2006/07 Q2");
        assert_eq!(report.sections.len(), 2);

        // Guesses: another well-formed token, a malformed one, the stored hash itself.
        let mut guess = link.token.clone();
        let last = if guess.ends_with('A') { "B" } else { "A" };
        guess.replace_range(42.., last);
        for wrong in [
            guess.as_str(),
            "",
            "not-a-token",
            &stored.token_hash,
            &format!("{}x", link.token),
        ] {
            assert_eq!(
                open(&db, wrong, now).await.expect("no error"),
                None,
                "{backend}: {wrong}"
            );
        }

        // Expiry: it opens until the end of its last day and not after.
        let closes = stored.expires_at.expect("an expiry");
        assert!(
            open(&db, &link.token, closes - Duration::seconds(1))
                .await
                .expect("q")
                .is_some()
        );
        assert_eq!(
            open(&db, &link.token, closes).await.expect("q"),
            None,
            "{backend}: expired"
        );

        // Revoked: nothing, at once; revoking again changes nothing.
        revoke(&db, &p.forum, p.coordinator, link.id, now)
            .await
            .expect("revoked");
        assert_eq!(
            open(&db, &link.token, now).await.expect("q"),
            None,
            "{backend}: revoked"
        );
        let again = revoke(&db, &p.forum, p.coordinator, link.id, now)
            .await
            .expect("again");
        assert!(
            again.message.contains("already revoked"),
            "{}",
            again.message
        );

        // Another forum's coordinator view cannot revoke it (the link is not theirs).
        let demo = app::backend::plan::forum_by_slug(&db, "wolverhampton")
            .await
            .expect("demo");
        let other = create(
            &db,
            &p.forum,
            p.coordinator,
            &new(ScopeKind::Strategy, p.strategy, &ALL),
            now,
        )
        .await
        .expect("made");
        assert!(
            revoke(&db, &demo, p.coordinator, other.id, now)
                .await
                .is_err()
        );
        assert!(open(&db, &other.token, now).await.expect("q").is_some());
    }
}

#[tokio::test]
async fn a_report_shows_small_numbers_as_fewer_than_the_threshold_and_only_public_approved_narratives()
 {
    for backend in common::backends() {
        let db = common::fresh(backend).await;
        let p = plan(&db).await;
        let now = Utc::now();
        let (link, r) =
            made_and_opened(&db, &p, new(ScopeKind::Strategy, p.strategy, &ALL), now).await;
        let few = target(&r, "few");
        assert_eq!(few.latest.as_deref(), Some("fewer than 5"), "{backend}");
        assert!(few.suppressed);
        assert_eq!(few.period.as_deref(), Some("2006/07 Q2"));
        assert_eq!(
            few.narrative.as_deref(),
            Some("Referrals continue through the helpline.")
        );
        let many = target(&r, "many");
        assert_eq!(many.latest.as_deref(), Some("12"), "{backend}");
        assert_eq!(many.narrative, None, "an internal narrative is never shown");
        // 38 of 40: the 2 it did not apply to are few, so the percentage is withheld.
        let share = target(&r, "share");
        assert_eq!(
            share.latest.as_deref(),
            Some("withheld (small numbers)"),
            "{backend}"
        );
        // Its public narrative is the Q1 one: the Q2 one is internal.
        assert_eq!(
            share.narrative.as_deref(),
            Some("Most cases reviewed on time.")
        );
        assert_eq!(share.narrative_period.as_deref(), Some("2006/07 Q1"));
        assert_eq!(target(&r, "met").latest.as_deref(), Some("Yes"));
        assert_eq!(target(&r, "met").status, Some(Status::Met));
        assert_eq!(r.suppressed, 2);
        let all = text(&r);
        for secret in ["INTERNAL", "DRAFT", "\"3\"", "38 of 40"] {
            assert!(!all.contains(secret), "{backend}: {secret} leaked: {all}");
        }
        assert!(
            r.chart
                .as_deref()
                .is_some_and(|svg| svg.starts_with("<svg"))
        );
        assert_eq!(r.tally.iter().map(|(_, n)| n).sum::<u32>(), 4);

        // The forum's own threshold: at 13, 12 is small too; at 0 nothing is suppressed.
        for (threshold, many_shows, few_shows) in
            [(13, "fewer than 13", "fewer than 13"), (0, "12", "3")]
        {
            let mut f: forum::ActiveModel = p.forum.clone().into();
            f.small_number_threshold = Set(threshold);
            f.update(&db).await.expect("threshold");
            let r = open(&db, &link.token, now)
                .await
                .expect("q")
                .expect("report");
            assert_eq!(
                target(&r, "many").latest.as_deref(),
                Some(many_shows),
                "{backend} {threshold}"
            );
            assert_eq!(
                target(&r, "few").latest.as_deref(),
                Some(few_shows),
                "{backend} {threshold}"
            );
        }
    }
}

#[tokio::test]
async fn a_link_shows_only_the_parts_chosen_and_only_its_scope() {
    for backend in common::backends() {
        let db = common::fresh(backend).await;
        let p = plan(&db).await;
        let now = Utc::now();
        // Statuses only: no figures, narratives or chart.
        let (statuses_only, r) = made_and_opened(
            &db,
            &p,
            new(ScopeKind::Strategy, p.strategy, &[Part::Statuses]),
            now,
        )
        .await;
        assert!(r.chart.is_none());
        for t in ["few", "many", "share", "met"] {
            assert_eq!(target(&r, t).latest, None, "{backend}: {t}");
            assert_eq!(target(&r, t).narrative, None, "{backend}: {t}");
            assert!(target(&r, t).status.is_some(), "{backend}: {t}");
        }
        // Values only: no statuses anywhere.
        let (_, r) = made_and_opened(
            &db,
            &p,
            new(ScopeKind::Strategy, p.strategy, &[Part::Values]),
            now,
        )
        .await;
        assert!(r.tally.is_empty());
        assert!(
            r.sections
                .iter()
                .all(|s| s.status.is_none() && s.actions.iter().all(|a| a.status.is_none()))
        );
        assert_eq!(target(&r, "many").status, None);

        // A theme: only its actions.
        let (_, r) = made_and_opened(&db, &p, new(ScopeKind::Theme, p.protection, &ALL), now).await;
        assert_eq!(r.title, "Protection — Share Strategy 2005-2008");
        let titles: Vec<&str> = r.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, ["Protection"], "{backend}");

        // A funding source: only the actions it pays for.
        let (link, r) =
            made_and_opened(&db, &p, new(ScopeKind::Resource, p.grant, &ALL), now).await;
        assert_eq!(r.title, "Actions funded by Home Office grant");
        let actions: Vec<&str> = r
            .sections
            .iter()
            .flat_map(|s| &s.actions)
            .map(|a| a.title.as_str())
            .collect();
        assert_eq!(actions, ["P1"], "{backend}");

        // A scope from another forum is refused when the link is made.
        let demo = app::backend::plan::forum_by_slug(&db, "wolverhampton")
            .await
            .expect("demo");
        assert!(
            create(
                &db,
                &demo,
                p.coordinator,
                &new(ScopeKind::Theme, p.protection, &ALL),
                now
            )
            .await
            .is_err()
        );

        // Archiving the strategy closes the links to it (a funding source's shows nothing of it).
        let mut s: strategy::ActiveModel = strategy::Entity::find_by_id(p.strategy)
            .one(&db)
            .await
            .expect("q")
            .expect("s")
            .into();
        s.archived_at = Set(Some(now));
        s.update(&db).await.expect("archived");
        assert_eq!(
            open(&db, &statuses_only.token, now).await.expect("q"),
            None,
            "{backend}"
        );
        let r = open(&db, &link.token, now)
            .await
            .expect("q")
            .expect("report");
        assert!(r.sections.is_empty(), "{backend}");
    }
}

#[tokio::test]
async fn the_demo_plan_opens_as_a_report_of_its_twenty_actions() {
    for backend in common::backends() {
        let db = common::with_demo(backend).await;
        app::backend::demo::load_accounts(&db, "wolverhampton", "a-test-password-1")
            .await
            .expect("demo accounts");
        let forum = app::backend::plan::forum_by_slug(&db, "wolverhampton")
            .await
            .expect("demo");
        let user = app_user::Entity::find()
            .filter(app_user::Column::Email.eq("coordinator@forumplan.example"))
            .one(&db)
            .await
            .expect("q")
            .expect("coordinator");
        let caller = user.id;
        let strategy = app::backend::plan::live_strategies(&db, forum.id)
            .await
            .expect("s")
            .remove(0);
        let now = Utc::now();
        let link = create(
            &db,
            &forum,
            caller,
            &new(ScopeKind::Strategy, strategy.id, &ALL),
            now,
        )
        .await
        .expect("made");
        let r = open(&db, &link.token, now)
            .await
            .expect("q")
            .expect("report");
        assert_eq!(r.forum, "Wolverhampton Domestic Violence Forum");
        assert_eq!(r.sections.len(), 6, "{backend}");
        assert_eq!(
            r.sections.iter().map(|s| s.actions.len()).sum::<usize>(),
            20,
            "{backend}"
        );
        let page = app::backend::share::page(&db, &forum, now)
            .await
            .expect("page");
        assert_eq!(page.links.len(), 1);
        assert_eq!(page.links[0].scope, format!("Strategy: {}", strategy.title));
        assert_eq!(page.threshold, 5);
    }
}
