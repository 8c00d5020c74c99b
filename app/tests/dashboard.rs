//! Every figure of the dashboard against hand-computed values, on SQLite and PostgreSQL, on a
//! small plan: a forum whose calendar stands at 20 October 2006 (2006/07 Q2 returns due by
//! 30 October), two themes, three actions, five targets.
//!
//! | target | theme | action (lead) | kind, due | approved Q2 return | status |
//! |---|---|---|---|---|---|
//! | t1 | Prevention | A1 (Police) | yes/no, 30 Sep 2006 | not done | overdue |
//! | t2 | Prevention | A1 (Police) | yes/no, 31 Dec 2006 | not done | not due |
//! | t3 | Prevention | A2 (Refuge) | count ≥ 10, 31 Mar 2007, NI32 | none | no data |
//! | t4 | Justice | B1 (Police) | yes/no, 30 Jun 2007 | done | met |
//! | t5 | Justice | B1 (Police) | text, 31 Mar 2008 | a narrative | reported |
//!
//! Resources: "Home Office grant" (at risk, £120,000) for A1 and A2; "In-house" (not at risk)
//! for B1.
#![cfg(feature = "ssr")]
mod common;

use app::backend::dashboard::dashboard;
use app::backend::entity::{
    action, action_resource, forum, indicator, partner, progress_update, resource, strategy,
    target, theme,
};
use app::domain::dashboard::DashboardFilter;
use app::domain::status::Status;
use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, DatabaseConnection as Db, EntityTrait, Set};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

struct Plan {
    forum: forum::Model,
    police: i32,
    refuge: i32,
    prevention: i32,
    justice: i32,
    t: [i32; 5],
}

async fn plan(db: &Db) -> Plan {
    let made = app::backend::accounts::create_forum(db, "Dashboard Test Forum", None)
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
    let partner = |name: &str| partner::ActiveModel {
        forum_id: Set(forum.id),
        name: Set(name.to_owned()),
        sector: Set("statutory".to_owned()),
        aliases: Set("[]".to_owned()),
        version: Set(1),
        ..Default::default()
    };
    let police = partner("Police").insert(db).await.expect("p").id;
    let refuge = partner("Refuge").insert(db).await.expect("p").id;
    let st = strategy::ActiveModel {
        forum_id: Set(forum.id),
        title: Set("Strategy 2005-2008".to_owned()),
        slug: Set("strategy-2005-2008".to_owned()),
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
    let prevention = theme_of("Prevention", 0).insert(db).await.expect("t").id;
    let justice = theme_of("Justice", 1).insert(db).await.expect("t").id;
    let action_of = |theme_id: i32, title: &str, lead: i32, position: i32| action::ActiveModel {
        theme_id: Set(theme_id),
        title: Set(title.to_owned()),
        lead_partner_id: Set(Some(lead)),
        position: Set(position),
        version: Set(1),
        ..Default::default()
    };
    let a1 = action_of(prevention, "A1", police, 0)
        .insert(db)
        .await
        .expect("a")
        .id;
    let a2 = action_of(prevention, "A2", refuge, 1)
        .insert(db)
        .await
        .expect("a")
        .id;
    let b1 = action_of(justice, "B1", police, 0)
        .insert(db)
        .await
        .expect("a")
        .id;
    let ni32 = indicator::ActiveModel {
        forum_id: Set(forum.id),
        framework: Set("national".to_owned()),
        code: Set("NI32".to_owned()),
        title: Set("Repeat incidents of domestic violence".to_owned()),
        polarity: Set("lower_is_better".to_owned()),
        checklist: Set("[]".to_owned()),
        version: Set(1),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("indicator")
    .id;
    let target_of = |action_id: i32, title: &str, kind: &str, due: NaiveDate, position: i32| {
        target::ActiveModel {
            action_id: Set(action_id),
            title: Set(title.to_owned()),
            kind: Set(kind.to_owned()),
            direction: Set("at_least".to_owned()),
            due_date: Set(Some(due)),
            frequency: Set("quarterly".to_owned()),
            position: Set(position),
            version: Set(1),
            ..Default::default()
        }
    };
    let t1 = target_of(a1, "t1", "yes_no", d(2006, 9, 30), 0)
        .insert(db)
        .await
        .expect("t")
        .id;
    let t2 = target_of(a1, "t2", "yes_no", d(2006, 12, 31), 1)
        .insert(db)
        .await
        .expect("t")
        .id;
    let mut t3 = target_of(a2, "t3", "count", d(2007, 3, 31), 0);
    t3.target_value = Set(Some(10.0));
    t3.indicator_id = Set(Some(ni32));
    let t3 = t3.insert(db).await.expect("t").id;
    let t4 = target_of(b1, "t4", "yes_no", d(2007, 6, 30), 0)
        .insert(db)
        .await
        .expect("t")
        .id;
    let t5 = target_of(b1, "t5", "text", d(2008, 3, 31), 1)
        .insert(db)
        .await
        .expect("t")
        .id;
    let now = chrono::Utc::now();
    for (target_id, done, text) in [
        (t1, Some(false), None),
        (t2, Some(false), None),
        (t4, Some(true), None),
        (t5, None, Some("Training delivered to 40 officers.")),
    ] {
        progress_update::ActiveModel {
            target_id: Set(target_id),
            period_start: Set(d(2006, 7, 1)),
            period_end: Set(d(2006, 9, 30)),
            value_bool: Set(done),
            value_text: Set(text.map(str::to_owned)),
            narrative: Set(Some("As agreed.".to_owned())),
            is_public: Set(false),
            state: Set("approved".to_owned()),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
            ..Default::default()
        }
        .insert(db)
        .await
        .expect("update");
    }
    let resource_of = |name: &str, at_risk: bool, pence: Option<i64>| resource::ActiveModel {
        forum_id: Set(forum.id),
        name: Set(name.to_owned()),
        amount_pence: Set(pence),
        at_risk: Set(at_risk),
        version: Set(1),
        ..Default::default()
    };
    let grant = resource_of("Home Office grant", true, Some(12_000_000))
        .insert(db)
        .await
        .expect("r")
        .id;
    let in_house = resource_of("In-house", false, None)
        .insert(db)
        .await
        .expect("r")
        .id;
    for (action_id, resource_id) in [(a1, grant), (a2, grant), (b1, in_house)] {
        action_resource::ActiveModel {
            action_id: Set(action_id),
            resource_id: Set(resource_id),
        }
        .insert(db)
        .await
        .expect("link");
    }
    Plan {
        forum,
        police,
        refuge,
        prevention,
        justice,
        t: [t1, t2, t3, t4, t5],
    }
}

fn counts(list: &[(Status, u32)]) -> Vec<(Status, u32)> {
    list.iter().copied().filter(|(_, n)| *n > 0).collect()
}

fn ids(rows: &[app::domain::dashboard::ItemRow]) -> Vec<i32> {
    rows.iter().map(|r| r.target_id).collect()
}

#[tokio::test]
async fn every_figure_matches_the_hand_computed_plan() {
    for backend in common::backends() {
        let db = common::fresh(backend).await;
        let p = plan(&db).await;
        let [t1, t2, t3, _, _] = p.t;
        let today = d(2006, 10, 20);
        let all = dashboard(&db, &p.forum, DashboardFilter::default(), today)
            .await
            .expect("dashboard");
        assert_eq!(all.as_of, "20 October 2006");
        assert_eq!(
            counts(&all.totals),
            vec![
                (Status::Overdue, 1),
                (Status::NoData, 1),
                (Status::NotDue, 1),
                (Status::Reported, 1),
                (Status::Met, 1),
            ],
            "{backend}"
        );
        assert_eq!(all.totals.len(), Status::ALL.len(), "zeros included");
        let [prevention, justice] = [&all.themes_figures[0], &all.themes_figures[1]];
        assert_eq!(prevention.title, "Prevention");
        assert_eq!(
            counts(&prevention.counts),
            vec![
                (Status::Overdue, 1),
                (Status::NoData, 1),
                (Status::NotDue, 1)
            ]
        );
        assert_eq!((prevention.total, prevention.on_course), (3, Some(0)));
        assert_eq!(
            counts(&justice.counts),
            vec![(Status::Reported, 1), (Status::Met, 1)]
        );
        assert_eq!((justice.total, justice.on_course), (2, Some(100)));
        assert_eq!(ids(&all.overdue), vec![t1]);
        assert_eq!(
            ids(&all.due_next),
            vec![t2, t3],
            "due by 31 March 2007, not met"
        );
        assert_eq!(all.overdue[0].lead.as_deref(), Some("Police"));
        assert!(all.listed.is_empty());
        let returns = all.returns.clone().expect("returns");
        assert_eq!(
            returns.period,
            "2006/07 Q2 returns are due by 30 October 2006."
        );
        assert_eq!(
            (
                returns.expected,
                returns.approved,
                returns.submitted,
                returns.outstanding,
                returns.overdue
            ),
            (5, 4, 0, 1, 0),
            "{backend}: {returns:?}"
        );
        assert_eq!(all.funding_at_risk.len(), 1);
        assert_eq!(all.funding_at_risk[0].name, "Home Office grant");
        assert_eq!(all.funding_at_risk[0].amount.as_deref(), Some("£120,000"));
        assert_eq!(all.funding_at_risk[0].actions, 2);
        assert!(
            all.chart
                .contains("Prevention: 1 overdue, 1 no data, 1 not due."),
            "{}",
            all.chart
        );
        assert_eq!(all.leads.len(), 2);
        assert_eq!(
            all.frameworks,
            vec![("national".to_owned(), "National Indicator".to_owned())]
        );
        assert_eq!(all.periods.len(), 8);
        assert_eq!(
            all.periods[0],
            ("2006-07-01".to_owned(), "2006/07 Q2".to_owned())
        );

        // One lead partner: only its targets and its actions' funding.
        let refuge = dashboard(
            &db,
            &p.forum,
            DashboardFilter {
                lead: Some(p.refuge),
                ..DashboardFilter::default()
            },
            today,
        )
        .await
        .expect("dashboard");
        assert_eq!(counts(&refuge.totals), vec![(Status::NoData, 1)]);
        assert_eq!(refuge.funding_at_risk[0].actions, 1);
        assert!(refuge.overdue.is_empty());
        let police = dashboard(
            &db,
            &p.forum,
            DashboardFilter {
                lead: Some(p.police),
                theme: Some(p.justice),
                ..DashboardFilter::default()
            },
            today,
        )
        .await
        .expect("dashboard");
        assert_eq!(
            counts(&police.totals),
            vec![(Status::Reported, 1), (Status::Met, 1)]
        );
        assert_eq!(police.themes_figures.len(), 1);
        assert_eq!(police.funding_at_risk[0].actions, 0);

        // A framework: only targets linked to its indicators.
        let national = dashboard(
            &db,
            &p.forum,
            DashboardFilter {
                framework: Some("national".to_owned()),
                ..DashboardFilter::default()
            },
            today,
        )
        .await
        .expect("dashboard");
        assert_eq!(counts(&national.totals), vec![(Status::NoData, 1)]);

        // The targets behind a figure.
        let listed = dashboard(
            &db,
            &p.forum,
            DashboardFilter {
                theme: Some(p.prevention),
                status: Some(Status::Overdue),
                ..DashboardFilter::default()
            },
            today,
        )
        .await
        .expect("dashboard");
        assert_eq!(ids(&listed.listed), vec![t1]);

        // A past quarter: as it stood at its end, without the returns being collected.
        let past = dashboard(
            &db,
            &p.forum,
            DashboardFilter {
                period: Some(d(2006, 4, 1)),
                ..DashboardFilter::default()
            },
            today,
        )
        .await
        .expect("dashboard");
        assert_eq!(past.as_of, "30 June 2006");
        assert!(past.returns.is_none());
        // A date that is not one of the quarters offered is ignored.
        let odd = dashboard(
            &db,
            &p.forum,
            DashboardFilter {
                period: Some(d(2001, 1, 1)),
                ..DashboardFilter::default()
            },
            today,
        )
        .await
        .expect("dashboard");
        assert_eq!(odd.as_of, "20 October 2006");
        assert_eq!(odd.filter.period, None);
    }
}

#[tokio::test]
async fn a_numeric_target_shows_its_trend_on_the_action_page() {
    for backend in common::backends() {
        let db = common::fresh(backend).await;
        let p = plan(&db).await;
        let [t1, _, t3, _, _] = p.t;
        let now = chrono::Utc::now();
        for (start, end, value) in [
            (d(2006, 4, 1), d(2006, 6, 30), 4.0),
            (d(2006, 7, 1), d(2006, 9, 30), 6.0),
        ] {
            progress_update::ActiveModel {
                target_id: Set(t3),
                period_start: Set(start),
                period_end: Set(end),
                value_number: Set(Some(value)),
                narrative: Set(Some("Counted.".to_owned())),
                is_public: Set(false),
                state: Set("approved".to_owned()),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
                ..Default::default()
            }
            .insert(&db)
            .await
            .expect("update");
        }
        let today = d(2006, 10, 20);
        let a2 = target::Entity::find_by_id(t3)
            .one(&db)
            .await
            .expect("q")
            .expect("t3")
            .action_id;
        let page = app::backend::action_page::load(&db, &p.forum.slug, a2, today)
            .await
            .expect("action page");
        let svg = page.targets[0].trend.clone().expect("a trend");
        assert_eq!(svg.matches("<circle").count(), 2, "{backend}");
        assert!(
            svg.contains(
                "Figures by period: 2006/07 Q1 4, 2006/07 Q2 6. Target: 10 (dashed line)."
            ),
            "{svg}"
        );
        // A yes/no target has no trend.
        let a1 = target::Entity::find_by_id(t1)
            .one(&db)
            .await
            .expect("q")
            .expect("t1")
            .action_id;
        let page = app::backend::action_page::load(&db, &p.forum.slug, a1, today)
            .await
            .expect("action page");
        assert!(page.targets.iter().all(|t| t.trend.is_none()));
    }
}

#[tokio::test]
async fn an_agency_page_shows_what_it_owes_this_period_and_what_is_overdue() {
    for backend in common::backends() {
        let db = common::fresh(backend).await;
        let p = plan(&db).await;
        let [t1, t2, t3, t4, t5] = p.t;
        let today = d(2006, 10, 20);
        let refuge = app::backend::partners::page(&db, &p.forum.slug, p.refuge, today)
            .await
            .expect("partner page");
        assert_eq!(
            refuge.owed.iter().map(|r| r.target_id).collect::<Vec<_>>(),
            vec![t3],
            "{backend}"
        );
        assert!(refuge.owed[0].state.outstanding());
        assert_eq!(
            refuge.period,
            "2006/07 Q2 (1 Jul – 30 Sep 2006), due by 30 October 2006"
        );
        let police = app::backend::partners::page(&db, &p.forum.slug, p.police, today)
            .await
            .expect("partner page");
        let mut owed: Vec<i32> = police.owed.iter().map(|r| r.target_id).collect();
        owed.sort_unstable();
        assert_eq!(owed, vec![t1, t2, t4, t5]);
        assert!(
            police.owed.iter().all(|r| !r.state.outstanding()),
            "all approved"
        );
        let overdue: Vec<&str> = police
            .leads
            .iter()
            .filter(|a| a.status == Status::Overdue)
            .map(|a| a.title.as_str())
            .collect();
        assert_eq!(overdue, vec!["A1"]);
    }
}

#[tokio::test]
async fn a_review_snapshot_freezes_every_target_as_it_stands() {
    for backend in common::backends() {
        let db = common::fresh(backend).await;
        let p = plan(&db).await;
        let today = d(2006, 10, 20);
        let s = app::backend::review::snapshot(&db, &p.forum, None, today)
            .await
            .expect("snapshot");
        assert_eq!(s.as_of, today);
        let got: Vec<(i32, Status)> = s.targets.iter().map(|t| (t.target_id, t.status)).collect();
        let [t1, t2, t3, t4, t5] = p.t;
        assert_eq!(
            got,
            vec![
                (t1, Status::Overdue),
                (t2, Status::NotDue),
                (t3, Status::NoData),
                (t4, Status::Met),
                (t5, Status::Reported),
            ],
            "{backend}"
        );
        assert_eq!(s.targets[0].narrative.as_deref(), Some("As agreed."));
        assert_eq!(s.targets[2].narrative, None, "no figure, no narrative");
        let ids: Vec<i32> = app::domain::review::exceptions(&s)
            .iter()
            .map(|t| t.target_id)
            .collect();
        assert_eq!(ids, vec![t1, t3]);
        let none = app::backend::review::snapshot(&db, &p.forum, Some("no-such-strategy"), today)
            .await
            .expect("snapshot");
        assert!(none.targets.is_empty());
    }
}

#[tokio::test]
#[allow(
    clippy::too_many_lines,
    reason = "one meeting's story, read top to bottom"
)]
async fn a_review_meeting_from_opening_to_the_next_review() {
    use app::backend::error::BackendError;
    use app::backend::plan_edit::Editor;
    use app::backend::review::{
        MinuteInput, OpenReview, add_minute, close_review, make_plan_action, open_review,
        record_outcome, review_page,
    };
    use app::domain::review::DecisionKind;
    use sea_orm::{ColumnTrait, QueryFilter};
    for backend in common::backends() {
        let db = common::fresh(backend).await;
        let p = plan(&db).await;
        let [t1, _t2, t3, _t4, _t5] = p.t;
        let today = d(2006, 10, 20);
        let ed = Editor::command_line(&p.forum);
        let open = |period_start: NaiveDate, title: &str| OpenReview {
            strategy: None,
            period_start,
            title: title.to_owned(),
            held_on: Some(d(2006, 10, 25)),
        };

        let dash = || dashboard(&db, &p.forum, DashboardFilter::default(), today);
        assert!(dash().await.expect("dashboard").since_review.is_none());

        // A quarter not offered is refused, and nothing is written.
        let bad = open_review(&db, &ed, None, today, open(d(2001, 1, 1), "")).await;
        assert!(matches!(bad, Err(BackendError::Invalid(_))), "{backend}");
        let first = open_review(&db, &ed, None, today, open(d(2006, 7, 1), ""))
            .await
            .expect("open");
        assert!(first.message.contains("5 targets"), "{}", first.message);
        let page = review_page(&db, &p.forum, first.id, today, true, true)
            .await
            .expect("page");
        assert_eq!(page.review.title, "Review of 2006/07 Q2");
        assert_eq!(page.review.period, "2006/07 Q2");
        assert_eq!(page.review.held_on, Some(d(2006, 10, 25)));
        assert_eq!(
            counts(&page.totals),
            vec![
                (Status::Overdue, 1),
                (Status::NoData, 1),
                (Status::NotDue, 1),
                (Status::Reported, 1),
                (Status::Met, 1),
            ]
        );
        assert_eq!(
            page.themes
                .iter()
                .map(|(t, _)| t.as_str())
                .collect::<Vec<_>>(),
            vec!["Prevention", "Justice"]
        );
        let exc: Vec<i32> = page.exceptions.iter().map(|t| t.target_id).collect();
        assert_eq!(exc, vec![t1, t3]);
        assert_eq!(page.exceptions[0].narrative.as_deref(), Some("As agreed."));
        assert!(page.previous.is_none() && page.newly_red.is_empty());
        assert!(page.chart.contains("<title id=") && page.chart.contains("Prevention"));

        // A later correction (t1 was done after all) does not change what the review froze.
        let mut u: progress_update::ActiveModel = progress_update::Entity::find()
            .filter(progress_update::Column::TargetId.eq(t1))
            .one(&db)
            .await
            .expect("q")
            .expect("t1's update")
            .into();
        u.value_bool = Set(Some(true));
        u.update(&db).await.expect("correct");
        let again = review_page(&db, &p.forum, first.id, today, true, true)
            .await
            .expect("page");
        assert_eq!(
            again.totals, page.totals,
            "{backend}: the snapshot is frozen"
        );
        assert_eq!(again.exceptions, page.exceptions);
        // The dashboard compares the live plan with the review: t1 is newly met.
        let since = dash()
            .await
            .expect("dashboard")
            .since_review
            .expect("review");
        assert_eq!(since.id, first.id);
        assert_eq!(ids(&since.newly_met), vec![t1]);
        assert!(since.newly_red.is_empty());
        let strategy = DashboardFilter {
            strategy: Some("strategy-2005-2008".to_owned()),
            ..DashboardFilter::default()
        };
        let of_strategy = dashboard(&db, &p.forum, strategy, today).await.expect("d");
        assert!(
            of_strategy.since_review.is_none(),
            "a forum-wide review is not a review of one strategy"
        );

        // Minutes: bad ones refused with the reason; a decision and an action arising recorded.
        let minute = |kind, text: &str, owner: Option<&str>, due| MinuteInput {
            kind,
            text: text.to_owned(),
            owner: owner.map(str::to_owned),
            due,
        };
        for wrong in [
            minute(DecisionKind::Decision, "  ", None, None),
            minute(DecisionKind::ActionArising, "Draft a policy", None, None),
            minute(
                DecisionKind::ActionArising,
                "Draft a policy",
                Some("Police"),
                None,
            ),
        ] {
            assert!(matches!(
                add_minute(&db, &ed, first.id, wrong).await,
                Err(BackendError::Invalid(_))
            ));
        }
        add_minute(
            &db,
            &ed,
            first.id,
            minute(
                DecisionKind::Decision,
                "Ask the police for the Q3 figures early",
                None,
                None,
            ),
        )
        .await
        .expect("decision");
        let arising = add_minute(
            &db,
            &ed,
            first.id,
            minute(
                DecisionKind::ActionArising,
                "Draft a workplace DV policy",
                Some("police"),
                Some(d(2006, 12, 1)),
            ),
        )
        .await
        .expect("action arising");

        // The action arising becomes a plan action, led by the partner it names.
        let made = make_plan_action(&db, &ed, arising.id, 1, p.justice)
            .await
            .expect("plan action");
        let a = action::Entity::find_by_id(made.id)
            .one(&db)
            .await
            .expect("q")
            .expect("action");
        assert_eq!(
            (a.theme_id, a.title.as_str(), a.lead_partner_id, a.due_date),
            (
                p.justice,
                "Draft a workplace DV policy",
                Some(p.police),
                Some(d(2006, 12, 1))
            )
        );
        assert_eq!(
            a.origin.as_deref(),
            Some("Action arising from “Review of 2006/07 Q2”")
        );
        assert!(matches!(
            make_plan_action(&db, &ed, arising.id, 2, p.justice).await,
            Err(BackendError::Invalid(_))
        ));
        // A page read before the action was made is stale now.
        assert!(matches!(
            record_outcome(&db, &ed, arising.id, 1, "Done").await,
            Err(BackendError::Conflict { .. })
        ));

        // Closing: stale refused, then closed; no more minutes.
        assert!(matches!(
            close_review(&db, &ed, first.id, 0, today).await,
            Err(BackendError::Conflict { .. })
        ));
        close_review(&db, &ed, first.id, 1, today)
            .await
            .expect("close");
        assert!(matches!(
            add_minute(
                &db,
                &ed,
                first.id,
                minute(DecisionKind::Decision, "Late", None, None)
            )
            .await,
            Err(BackendError::Invalid(_))
        ));

        // The next review compares with the first and shows its actions arising (read on a
        // later day, when the action arising is past its due date).
        let later = d(2007, 1, 20);
        let second = open_review(
            &db,
            &ed,
            None,
            today,
            open(d(2006, 10, 1), "January meeting"),
        )
        .await
        .expect("second");
        let next = review_page(&db, &p.forum, second.id, later, true, true)
            .await
            .expect("page");
        assert_eq!(next.previous.as_ref().map(|r| r.id), Some(first.id));
        assert!(next.previous.as_ref().is_some_and(|r| r.closed));
        let met: Vec<(i32, Option<Status>)> = next
            .newly_met
            .iter()
            .map(|c| (c.now.target_id, c.before))
            .collect();
        let now: Vec<_> = next
            .exceptions
            .iter()
            .map(|t| (t.target_id, t.status))
            .collect();
        assert!(
            met.contains(&(t1, Some(Status::Overdue))),
            "{met:?} {now:?} {:?}",
            next.totals
        );
        assert_eq!(
            next.previous_actions.len(),
            1,
            "decisions are not carried over"
        );
        let carried = &next.previous_actions[0];
        assert_eq!(carried.action, Some((made.id, a.title.clone())));
        assert!(carried.late, "due 1 Dec 2006, no outcome by 20 Jan 2007");
        record_outcome(&db, &ed, arising.id, 2, "Adopted by the forum in December.")
            .await
            .expect("outcome");
        let next = review_page(&db, &p.forum, second.id, later, true, true)
            .await
            .expect("page");
        let carried = &next.previous_actions[0];
        assert_eq!(
            carried.outcome.as_deref(),
            Some("Adopted by the forum in December.")
        );
        assert!(!carried.late);
        assert!(next.minutes.is_empty());

        // Another forum's review is not found from this forum.
        let other = app::backend::accounts::create_forum(&db, "Other Review Forum", None)
            .await
            .expect("forum");
        assert!(matches!(
            review_page(&db, &other, first.id, today, true, true).await,
            Err(BackendError::NotFound(_))
        ));
        let other_ed = Editor::command_line(&other);
        assert!(matches!(
            record_outcome(&db, &other_ed, arising.id, 3, "x").await,
            Err(BackendError::NotFound(_))
        ));
    }
}

#[tokio::test]
async fn the_demo_forum_has_a_july_review_for_october_to_follow_up() {
    use app::backend::review::{OpenReview, open_review, review_page, reviews_page};
    for backend in common::backends() {
        let db = common::with_demo(backend).await;
        let forum = app::backend::plan::forum_by_slug(&db, "wolverhampton")
            .await
            .expect("demo forum");
        let today = d(2006, 10, 20);
        let list = reviews_page(&db, &forum, today, true).await.expect("list");
        assert_eq!(list.reviews.len(), 1, "{backend}");
        let july = &list.reviews[0];
        assert_eq!(
            (july.title.as_str(), july.period.as_str(), july.closed),
            ("Strategy group, July 2006", "2006/07 Q1", true)
        );
        assert_eq!(july.as_of, d(2006, 7, 20));
        assert_eq!(list.suggested_period, "2006-07-01");
        let ed = app::backend::plan_edit::Editor::command_line(&forum);
        let october = open_review(
            &db,
            &ed,
            None,
            today,
            OpenReview {
                strategy: None,
                period_start: d(2006, 7, 1),
                title: String::new(),
                held_on: None,
            },
        )
        .await
        .expect("open");
        let page = review_page(&db, &forum, october.id, today, true, true)
            .await
            .expect("page");
        assert_eq!(page.previous.as_ref().map(|r| r.id), Some(july.id));
        let follow_up: Vec<(bool, bool)> = page
            .previous_actions
            .iter()
            .map(|m| (m.late, m.outcome.is_some()))
            .collect();
        assert_eq!(
            follow_up,
            vec![(true, false), (false, true)],
            "the protocol is overdue; the refuge funding has an outcome"
        );
        let total: u32 = page.totals.iter().map(|(_, n)| n).sum();
        assert_eq!(total, 43);
    }
}
