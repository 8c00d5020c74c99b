//! The backend against real databases: the demo plan, the plan pages, forum boundaries, schema guard.
#![cfg(feature = "ssr")]
mod common;

use app::backend::entity::{action, forum, indicator, partner, progress_update, target, theme};
use app::backend::error::BackendError;
use app::backend::{action_page, db, demo, forums, indicators, partners, strategy_page};
use app::domain::status::Status;
use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).expect("date")
}

const STRATEGY: &str = "dv-strategy-2005-2007";

#[tokio::test]
async fn demo_plan_is_the_spreadsheet_faithfully() {
    for b in common::backends() {
        let conn = common::with_demo(b).await;
        let themes = theme::Entity::find().all(&conn).await.expect("themes");
        let titles: Vec<&str> = themes.iter().map(|t| t.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Everyone’s Business",
                "Prevention and Awareness Raising",
                "Protection and Justice",
                "Support Services",
                "Health Care Needs",
                "Children Support and Services"
            ],
            "{b}"
        );
        assert_eq!(
            action::Entity::find().count(&conn).await.expect("count"),
            20,
            "{b}"
        );
        // Every target cell marked "Best Value Indicator" gives targets linked to a Best Value indicator.
        let targets = target::Entity::find().all(&conn).await.expect("targets");
        let indicators = indicator::Entity::find()
            .all(&conn)
            .await
            .expect("indicators");
        let framework_of = |t: &target::Model| {
            t.indicator_id
                .and_then(|id| indicators.iter().find(|i| i.id == id))
                .map(|i| i.framework.as_str())
        };
        let best_value = targets
            .iter()
            .filter(|t| framework_of(t) == Some("best_value"))
            .count();
        assert!(best_value >= 9, "{b}: only {best_value} Best Value targets");
        let lpsa = targets
            .iter()
            .find(|t| framework_of(t) == Some("lpsa"))
            .expect("LPSA target");
        assert_eq!(
            (
                lpsa.kind.as_str(),
                lpsa.direction.as_str(),
                lpsa.target_value
            ),
            ("percentage", "at_most", Some(30.0))
        );
        let arrest = targets
            .iter()
            .find(|t| framework_of(t) == Some("policing_plan") && t.target_value == Some(70.0))
            .expect("policing plan arrest target");
        assert_eq!(
            (arrest.kind.as_str(), arrest.direction.as_str()),
            ("percentage", "at_least")
        );
        let refuge = targets
            .iter()
            .find(|t| t.population_per == Some(10_000))
            .expect("per-population target");
        assert_eq!(refuge.target_value, Some(1.0));
        // Partners named in the sheet are agencies with short names and aliases.
        let wdvf = partner::Entity::find()
            .filter(partner::Column::ShortName.eq("WDVF"))
            .one(&conn)
            .await
            .expect("query")
            .expect("WDVF is a partner");
        assert!(
            wdvf.aliases.contains("WDVF members"),
            "{b}: aliases {}",
            wdvf.aliases
        );
        assert!(
            progress_update::Entity::find()
                .count(&conn)
                .await
                .expect("count")
                > 20,
            "{b}"
        );
    }
}

#[tokio::test]
async fn loading_the_demo_twice_changes_nothing() {
    for b in common::backends() {
        let conn = common::with_demo(b).await;
        let before = target::Entity::find().count(&conn).await.expect("count");
        let again = demo::load(&conn).await.expect("second load");
        assert!(
            matches!(again, demo::DemoOutcome::AlreadyPresent { .. }),
            "{b}: {again:?}"
        );
        assert_eq!(
            target::Entity::find().count(&conn).await.expect("count"),
            before,
            "{b}"
        );
        assert_eq!(
            forum::Entity::find().count(&conn).await.expect("count"),
            1,
            "{b}"
        );
    }
}

#[tokio::test]
async fn strategy_page_rolls_statuses_up_the_plan() {
    for b in common::backends() {
        let conn = common::with_demo(b).await;
        let page = strategy_page::load(&conn, "wolverhampton", STRATEGY, today())
            .await
            .expect("page");
        assert_eq!(page.themes.len(), 6, "{b}");
        assert_eq!(page.summary.action_count, 20, "{b}");
        // The plan ended in March 2007: it is judged at its close.
        assert_eq!(
            page.summary.as_of,
            NaiveDate::from_ymd_opt(2007, 3, 31).expect("date")
        );
        let all: Vec<Status> = page
            .themes
            .iter()
            .flat_map(|t| &t.actions)
            .flat_map(|a| &a.targets)
            .map(|t| t.status)
            .collect();
        assert!(all.contains(&Status::Met), "{b}: {all:?}");
        assert!(
            all.contains(&Status::NoData),
            "{b}: targets without updates show no data"
        );
        for theme in &page.themes {
            for a in &theme.actions {
                let worst = app::domain::status::roll_up(a.targets.iter().map(|t| t.status));
                assert_eq!(a.status, worst, "{b}: action {}", a.title);
            }
        }
        let counted: u32 = page.summary.status_counts.iter().map(|(_, n)| n).sum();
        assert_eq!(counted as usize, all.len(), "{b}");
    }
}

#[tokio::test]
async fn action_page_shows_partners_resources_and_history() {
    for b in common::backends() {
        let conn = common::with_demo(b).await;
        let isp = action::Entity::find()
            .filter(action::Column::Title.eq("Information Sharing Protocol"))
            .one(&conn)
            .await
            .expect("query")
            .expect("ISP action");
        let page = action_page::load(&conn, "wolverhampton", isp.id, today())
            .await
            .expect("page");
        assert_eq!(page.title, "Information Sharing Protocol");
        assert_eq!(page.theme, "Everyone’s Business");
        assert!(page.lead.is_some(), "{b}: the ISP has a lead partner");
        assert!(!page.targets.is_empty(), "{b}");
        let with_history = action::Entity::find()
            .filter(action::Column::Title.eq("Multi-agency Domestic Violence Forum"))
            .one(&conn)
            .await
            .expect("query")
            .expect("forum action");
        let page = action_page::load(&conn, "wolverhampton", with_history.id, today())
            .await
            .expect("page");
        let history = &page.targets[0].history;
        assert!(history.len() >= 2, "{b}: {history:?}");
        assert!(
            history[0].period > history[1].period
                || history[0].period.len() == history[1].period.len()
        );
    }
}

#[tokio::test]
async fn another_forums_records_are_not_found_through_this_forum() {
    for b in common::backends() {
        let conn = common::with_demo(b).await;
        forum::ActiveModel {
            name: Set("Kent and Medway DV Strategy Group".to_owned()),
            slug: Set("kent".to_owned()),
            fy_start_month: Set(4),
            amber_tolerance: Set(10.0),
            small_number_threshold: Set(5),
            created_at: Set(chrono::Utc::now()),
            version: Set(1),
            ..Default::default()
        }
        .insert(&conn)
        .await
        .expect("second forum");
        let any_action = action::Entity::find()
            .one(&conn)
            .await
            .expect("query")
            .expect("an action");
        let err = action_page::load(&conn, "kent", any_action.id, today())
            .await
            .expect_err("must not leak");
        assert!(
            matches!(err, BackendError::NotFound("action")),
            "{b}: {err:?}"
        );
        let wdvf = partner::Entity::find()
            .one(&conn)
            .await
            .expect("query")
            .expect("partner");
        assert!(matches!(
            partners::page(&conn, "kent", wdvf.id, today()).await,
            Err(BackendError::NotFound(_))
        ));
        assert!(matches!(
            strategy_page::load(&conn, "kent", STRATEGY, today()).await,
            Err(BackendError::NotFound("strategy"))
        ));
        let kent = forums::home(&conn, "kent", today())
            .await
            .expect("kent home");
        assert!(kent.strategies.is_empty(), "{b}");
        assert!(matches!(
            forums::home(&conn, "nope", today()).await,
            Err(BackendError::NotFound("forum"))
        ));
    }
}

#[tokio::test]
async fn partner_and_indicator_pages_list_their_actions() {
    for b in common::backends() {
        let conn = common::with_demo(b).await;
        let list = partners::list(&conn, "wolverhampton").await.expect("list");
        let busiest = list
            .partners
            .iter()
            .max_by_key(|p| p.leads)
            .expect("partners");
        assert!(busiest.leads > 0, "{b}");
        let page = partners::page(&conn, "wolverhampton", busiest.partner.id, today())
            .await
            .expect("page");
        assert_eq!(page.leads.len() as u32, busiest.leads, "{b}");
        assert_eq!(page.supports.len() as u32, busiest.supports, "{b}");
        let inds = indicators::list(&conn, "wolverhampton")
            .await
            .expect("indicators");
        let used = inds
            .indicators
            .iter()
            .find(|i| i.target_count > 0)
            .expect("a used indicator");
        let ipage = indicators::page(&conn, "wolverhampton", used.indicator.id, today())
            .await
            .expect("page");
        assert_eq!(ipage.targets.len() as u32, used.target_count, "{b}");
    }
}

#[tokio::test]
async fn a_database_migrated_by_a_newer_binary_is_refused() {
    for b in common::backends() {
        let conn = common::fresh(b).await;
        conn.execute_unprepared(
            "INSERT INTO seaql_migrations (version, applied_at) VALUES ('m29990101_000001_from_the_future', 0)",
        )
        .await
        .expect("insert");
        let err = db::migrate(&conn).await.expect_err("must refuse");
        assert!(
            err.to_string().contains("newer than this binary"),
            "{b}: {err}"
        );
    }
}

#[tokio::test]
async fn database_constraints_back_the_rules() {
    for b in common::backends() {
        let conn = common::with_demo(b).await;
        let t = target::Entity::find()
            .one(&conn)
            .await
            .expect("query")
            .expect("target");
        let u = progress_update::Entity::find()
            .filter(progress_update::Column::TargetId.eq(t.id))
            .one(&conn)
            .await
            .expect("query");
        if let Some(u) = u {
            // One update per target and period.
            let mut dup: progress_update::ActiveModel = u.into();
            dup.id = sea_orm::ActiveValue::NotSet;
            assert!(
                dup.insert(&conn).await.is_err(),
                "{b}: duplicate period accepted"
            );
        }
        // A target must belong to an existing action.
        let orphan = target::ActiveModel {
            action_id: Set(999_999),
            title: Set("orphan".to_owned()),
            kind: Set("count".to_owned()),
            direction: Set("at_least".to_owned()),
            frequency: Set("quarterly".to_owned()),
            position: Set(0),
            version: Set(1),
            ..Default::default()
        };
        assert!(
            orphan.insert(&conn).await.is_err(),
            "{b}: orphan target accepted"
        );
    }
}
