//! The forum dashboard (see [`crate::domain::dashboard`]): the live plan of the strategies
//! shown, assessed as of the forum's date (or the end of a past quarter), counted by theme and
//! status, with the overdue targets, those due by the end of the next quarter, the returns of
//! the period being collected and the resources at risk.
//!
//! Rules: a target counts when its theme, its action's lead and its indicator's framework pass
//! the filters (no framework filter: every target); statuses are the plan pages' own (overrides
//! included); "on course" is met or on track out of the targets that are not "not due" or
//! "reported"; a resource at risk is listed with the number of shown actions that draw on it.
use crate::backend::charts::{StatusBar, describe, status_bars};
use crate::backend::entity::{action_resource, forum, resource, strategy};
use crate::backend::error::BackendResult;
use crate::backend::plan::{calendar, forum_ref, recent_quarters};
use crate::backend::revision::{PageCache, kept_or_built};
use crate::backend::tree::Tree;
use crate::domain::dashboard::{
    Choice, Dashboard, DashboardFilter, FundingRisk, ItemList, ItemRow, List, ReturnsFigure,
    SinceReview, ThemeFigure,
};
use crate::domain::review::{Movement, movement};
use crate::domain::status::{Status, tally};
use crate::domain::target::{Frequency, format_number};
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::{BTreeMap, HashSet};

/// How many dashboards a server process keeps (each a few tens of kilobytes: the lists are cut
/// at [`crate::domain::dashboard::LIST_LIMIT`] rows).
pub const KEPT: usize = 128;

/// Dashboards kept, by forum, filter and date.
pub type Kept = PageCache<(i32, DashboardFilter, NaiveDate), Dashboard>;

/// [`dashboard`], handed out again from `kept` while the forum's revision and row stay the same.
///
/// # Errors
/// As [`dashboard`].
pub async fn dashboard_kept(
    db: &impl ConnectionTrait,
    kept: &Kept,
    forum: &forum::Model,
    filter: DashboardFilter,
    today: NaiveDate,
) -> BackendResult<Dashboard> {
    let key = (forum.id, filter.clone(), today);
    kept_or_built(db, kept, forum, key, || dashboard(db, forum, filter, today)).await
}

/// The dashboard of `forum` for `filter`; `today` is the forum's date.
///
/// # Errors
/// Database errors; stored data that cannot be read.
#[allow(
    clippy::too_many_lines,
    reason = "one page's figures, read top to bottom"
)]
pub async fn dashboard(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
    filter: DashboardFilter,
    today: NaiveDate,
) -> BackendResult<Dashboard> {
    let cal = calendar(forum);
    // Past quarters to look back at: the eight before the current one.
    let past_quarters = &recent_quarters(forum, today)[1..];
    let periods: Vec<Choice> = past_quarters
        .iter()
        .map(|p| (p.start.to_string(), cal.label(*p)))
        .collect();
    let past = filter
        .period
        .and_then(|start| past_quarters.iter().find(|p| p.start == start).copied());
    let as_of = past.map_or(today, |p| p.end);
    let filter = DashboardFilter {
        period: past.map(|p| p.start),
        ..filter
    };

    let all = crate::backend::plan::live_strategies(db, forum.id).await?;
    let strategies: Vec<Choice> = all
        .iter()
        .map(|s| (s.slug.clone(), s.title.clone()))
        .collect();
    let shown: Vec<strategy::Model> = all
        .into_iter()
        .filter(|s| filter.strategy.as_ref().is_none_or(|slug| &s.slug == slug))
        .collect();
    let tree = Tree::load(db, forum, shown.clone(), as_of).await?;
    // The latest review of what is shown (forum-wide, or of the strategy chosen), frozen before
    // the date shown.
    let strategy_id = filter
        .strategy
        .as_ref()
        .and_then(|_| shown.first().map(|s| s.id));
    let last_review = crate::backend::review::latest_review(db, forum, strategy_id)
        .await?
        .filter(|(_, snap)| snap.as_of <= as_of);
    let before = last_review.as_ref().map(|(_, snap)| snap.statuses());
    let mut newly_red = Vec::new();
    let mut newly_met = Vec::new();

    let mut themes: Vec<Choice> = Vec::new();
    let mut leads: BTreeMap<String, i32> = BTreeMap::new();
    let mut frameworks: BTreeMap<String, String> = BTreeMap::new();
    let mut counted: Vec<Status> = Vec::new();
    let mut figures = Vec::new();
    let mut overdue = Vec::new();
    let mut due_next = Vec::new();
    let mut listed = Vec::new();
    let mut shown_actions: HashSet<i32> = HashSet::new();
    let next_end = cal
        .period_containing(
            cal.period_containing(as_of, Frequency::Quarterly).end + chrono::Duration::days(1),
            Frequency::Quarterly,
        )
        .end;
    for st in &shown {
        for th in tree.theme_views(st)? {
            themes.push((th.id.to_string(), format!("{}: {}", st.title, th.title)));
            for a in &th.actions {
                if let Some(l) = &a.lead {
                    leads.insert(l.name.clone(), l.id);
                }
                for t in &a.targets {
                    if let Some(i) = &t.indicator {
                        frameworks.insert(i.framework.clone(), i.framework.clone());
                    }
                }
            }
            if filter.theme.is_some_and(|id| id != th.id) {
                continue;
            }
            let mut in_theme: Vec<Status> = Vec::new();
            for a in &th.actions {
                if filter
                    .lead
                    .is_some_and(|id| a.lead.as_ref().is_none_or(|l| l.id != id))
                {
                    continue;
                }
                shown_actions.insert(a.id);
                for t in &a.targets {
                    if let Some(f) = &filter.framework
                        && t.indicator
                            .as_ref()
                            .is_none_or(|i| &framework_key(&i.framework) != f)
                    {
                        continue;
                    }
                    in_theme.push(t.status);
                    let row = || ItemRow {
                        action_id: a.id,
                        action: a.title.clone(),
                        target_id: t.id,
                        target: t.title.clone(),
                        lead: a.lead.as_ref().map(|l| l.name.clone()),
                        status: t.status,
                        due: t.due,
                        latest: t.latest_with_period(),
                    };
                    if t.status == Status::Overdue {
                        overdue.push(row());
                    }
                    if t.status != Status::Met && t.due.is_some_and(|d| d > as_of && d <= next_end)
                    {
                        due_next.push(row());
                    }
                    if filter.status == Some(t.status) {
                        listed.push(row());
                    }
                    if let Some(before) = &before {
                        match movement(before.get(&t.id).copied(), t.status) {
                            Some(Movement::NewlyRed) => newly_red.push(row()),
                            Some(Movement::NewlyMet) => newly_met.push(row()),
                            None => {}
                        }
                    }
                }
            }
            counted.extend(&in_theme);
            let counts = tally(in_theme);
            let total: u32 = counts.iter().map(|(_, n)| n).sum();
            let assessed: u32 = counts
                .iter()
                .filter(|(s, _)| !matches!(s, Status::NotDue | Status::Reported))
                .map(|(_, n)| n)
                .sum();
            let good: u32 = counts
                .iter()
                .filter(|(s, _)| matches!(s, Status::Met | Status::OnTrack))
                .map(|(_, n)| n)
                .sum();
            figures.push(ThemeFigure {
                id: th.id,
                strategy: st.title.clone(),
                title: th.title.clone(),
                counts,
                total,
                on_course: (assessed > 0).then(|| (good * 100 + assessed / 2) / assessed),
            });
        }
    }
    overdue.sort_by_key(|r| r.due);
    due_next.sort_by_key(|r| r.due);
    let full = filter.all;
    let list = |rows: Vec<ItemRow>, which: List| ItemList::of(rows, full == Some(which));

    // Returns of the period being collected (not for a past quarter).
    let returns = if past.is_none() {
        let page = crate::backend::progress::returns_page(db, forum, today).await?;
        let sum = |f: fn(&crate::domain::progress::ReturnCount) -> usize| {
            u32::try_from(page.by_theme.iter().map(f).sum::<usize>()).unwrap_or(u32::MAX)
        };
        Some(ReturnsFigure {
            period: format!(
                "{} returns are due by {}.",
                page.reporting.period.label,
                page.reporting.period.deadline.format("%-d %B %Y")
            ),
            expected: sum(|c| c.expected),
            approved: sum(|c| c.approved),
            submitted: sum(|c| c.submitted),
            outstanding: sum(|c| c.outstanding),
            overdue: sum(|c| c.overdue),
        })
    } else {
        None
    };

    // Resources at risk, with the shown actions that draw on them.
    let at_risk = resource::Entity::find()
        .filter(resource::Column::ForumId.eq(forum.id))
        .filter(resource::Column::ArchivedAt.is_null())
        .filter(resource::Column::AtRisk.eq(true))
        .order_by_asc(resource::Column::Name)
        .all(db)
        .await?;
    let links = action_resource::Entity::find()
        .filter(action_resource::Column::ResourceId.is_in(at_risk.iter().map(|r| r.id)))
        .all(db)
        .await?;
    #[allow(clippy::cast_precision_loss)]
    let funding_at_risk = at_risk
        .iter()
        .map(|r| FundingRisk {
            name: r.name.clone(),
            amount: r
                .amount_pence
                .map(|p| format!("£{}", format_number(p as f64 / 100.0))),
            actions: u32::try_from(
                links
                    .iter()
                    .filter(|l| l.resource_id == r.id && shown_actions.contains(&l.action_id))
                    .count(),
            )
            .unwrap_or(u32::MAX),
        })
        .collect();

    let bars: Vec<StatusBar> = figures
        .iter()
        .map(|f| StatusBar {
            label: f.title.clone(),
            counts: f.counts.clone(),
        })
        .collect();
    let chart = status_bars("themes-chart", "Targets by status in each theme", &bars);
    let chart_alt = format!("Targets by status in each theme. {}", describe(&bars));
    Ok(Dashboard {
        forum: forum_ref(forum),
        filter,
        as_of: as_of.format("%-d %B %Y").to_string(),
        strategies,
        themes,
        leads: leads
            .into_iter()
            .map(|(name, id)| (id.to_string(), name))
            .collect(),
        frameworks: frameworks
            .into_values()
            .map(|label| (framework_key(&label), label))
            .collect(),
        periods,
        totals: tally(counted),
        themes_figures: figures,
        chart,
        chart_alt,
        overdue: list(overdue, List::Overdue),
        due_next: list(due_next, List::DueNext),
        listed: list(listed, List::Listed),
        returns,
        funding_at_risk,
        since_review: last_review.map(|(r, snap)| SinceReview {
            id: r.id,
            title: r.title,
            as_of: snap.as_of.format("%-d %B %Y").to_string(),
            newly_red: list(newly_red, List::NewlyRed),
            newly_met: list(newly_met, List::NewlyMet),
        }),
    })
}

/// The stored name of a framework from its label ("National Indicator": "national").
fn framework_key(label: &str) -> String {
    match label {
        "Best Value" => "best_value",
        "National Indicator" => "national",
        "LPSA" => "lpsa",
        "Policing Plan" => "policing_plan",
        "Local" => "local",
        other => other,
    }
    .to_owned()
}
