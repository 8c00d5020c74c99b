//! The records the JSON API (`/api/v1`, `api::v1`) lists, read a page at a time.
//!
//! Every list is in id order and paged by key: a page is the first `limit` records whose id is
//! above `after`, so a page never skips or repeats a record when others are added meanwhile, and
//! each page costs one query (statuses: a few more, the same number whatever the page size)
//! whatever the size of the forum. Only live records are listed: an archived strategy takes its
//! themes, actions, targets and updates out of the lists with it.
use crate::backend::entity::{
    action, forum, indicator, partner, progress_update, strategy, target, theme,
};
use crate::backend::error::{BackendError, BackendResult};
use crate::backend::plan::{Assessor, calendar, number_of, state_label};
use crate::domain::period::Period;
use chrono::{DateTime, NaiveDate, Utc};
use schemars::JsonSchema;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect,
    RelationTrait,
};
use serde::Serialize;
use std::collections::HashMap;

/// The most records one page holds.
pub const MAX_LIMIT: u64 = 1000;
/// The records a page holds when the request does not say.
pub const DEFAULT_LIMIT: u64 = 100;

/// Which page: at most `limit` records with ids above `after`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageRequest {
    /// How many records (1 to [`MAX_LIMIT`]).
    pub limit: u64,
    /// The last id of the page before (0 for the first page).
    pub after: i32,
}

impl PageRequest {
    /// Reads `limit` and `after` as a query string gives them.
    ///
    /// # Errors
    /// A sentence saying which value is wrong and what to give instead.
    pub fn parse(limit: Option<&str>, after: Option<&str>) -> Result<PageRequest, String> {
        let limit = match limit.map(str::trim).filter(|v| !v.is_empty()) {
            None => DEFAULT_LIMIT,
            Some(v) => match v.parse::<u64>() {
                Ok(n) if (1..=MAX_LIMIT).contains(&n) => n,
                _ => {
                    return Err(format!(
                        "limit '{v}' is not a whole number from 1 to {MAX_LIMIT}."
                    ));
                }
            },
        };
        let after = match after.map(str::trim).filter(|v| !v.is_empty()) {
            None => 0,
            Some(v) => v.parse::<i32>().ok().filter(|n| *n >= 0).ok_or_else(|| {
                format!("after '{v}' is not a record id: give the `next` link of the page before.")
            })?,
        };
        Ok(PageRequest { limit, after })
    }
}

/// One page of records and the id to ask the next page after (`None` on the last page).
#[derive(Clone, Debug, PartialEq)]
pub struct Listing<T> {
    /// The records.
    pub data: Vec<T>,
    /// The id the next page starts after, when there is one.
    pub next_after: Option<i32>,
}

fn listing<T, M>(
    mut rows: Vec<M>,
    page: PageRequest,
    id: impl Fn(&M) -> i32,
    to: impl Fn(M) -> T,
) -> Listing<T> {
    let limit = usize::try_from(page.limit).unwrap_or(usize::MAX);
    let more = rows.len() > limit;
    rows.truncate(limit);
    let next_after = if more { rows.last().map(&id) } else { None };
    Listing {
        data: rows.into_iter().map(to).collect(),
        next_after,
    }
}

/// A forum the token's owner has a role in.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct ApiForum {
    /// The forum's id.
    pub id: i32,
    /// Its URL name: the `{forum}` of the other paths.
    pub slug: String,
    /// Its name.
    pub name: String,
    /// The owner's role there (`coordinator`, `member`, `viewer`; `administrator` for an
    /// administrator without a role there).
    pub role: String,
}

/// A strategy.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct ApiStrategy {
    /// The strategy's id.
    pub id: i32,
    /// Its URL name.
    pub slug: String,
    /// Its title.
    pub title: String,
    /// The first day of the period it covers.
    pub period_start: NaiveDate,
    /// The last day.
    pub period_end: NaiveDate,
    /// `draft`, `active` or `closed`.
    pub status: String,
}

/// A theme of a strategy.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct ApiTheme {
    /// The theme's id.
    pub id: i32,
    /// The strategy it belongs to.
    pub strategy_id: i32,
    /// Its title.
    pub title: String,
    /// Its place in the strategy (1 first).
    pub position: i32,
}

/// An action of a theme.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct ApiAction {
    /// The action's id.
    pub id: i32,
    /// The theme it belongs to.
    pub theme_id: i32,
    /// Its reference in the plan ("1.2"), if it has one.
    pub reference: Option<String>,
    /// What will be done.
    pub title: String,
    /// How, in more words.
    pub activity: Option<String>,
    /// The lead partner's name.
    pub lead: Option<String>,
    /// When it is due.
    pub due_date: Option<NaiveDate>,
    /// The due date in the plan's words ("by March 2007").
    pub due_text: Option<String>,
    /// Its place in the theme (1 first).
    pub position: i32,
}

/// A target of an action.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct ApiTarget {
    /// The target's id.
    pub id: i32,
    /// The action it belongs to.
    pub action_id: i32,
    /// What it says.
    pub title: String,
    /// `count`, `percentage`, `currency`, `yes_no`, `milestone` or `text`.
    pub kind: String,
    /// `at_least`, `at_most` or `in_band`.
    pub direction: String,
    /// The unit of a count ("meetings").
    pub unit: Option<String>,
    /// Where it started.
    pub baseline: Option<f64>,
    /// The value to reach.
    pub target_value: Option<f64>,
    /// The low end of a band.
    pub band_low: Option<f64>,
    /// The high end of a band.
    pub band_high: Option<f64>,
    /// The population a rate is per (10000: per 10,000 people).
    pub population_per: Option<i64>,
    /// When it is due.
    pub due_date: Option<NaiveDate>,
    /// `monthly`, `quarterly`, `half_yearly` or `yearly`.
    pub frequency: String,
    /// The indicator it reports against ("BV-DV-01"), if any.
    pub indicator: Option<String>,
}

/// One period's progress on a target.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct ApiUpdate {
    /// The update's id.
    pub id: i32,
    /// The target it reports on.
    pub target_id: i32,
    /// The first day of the period.
    pub period_start: NaiveDate,
    /// The last day.
    pub period_end: NaiveDate,
    /// The value, for counts, percentages and amounts.
    pub value_number: Option<f64>,
    /// "How many", when a percentage was recorded with its counts.
    pub value_numerator: Option<f64>,
    /// "Out of how many".
    pub value_denominator: Option<f64>,
    /// Done or not, for yes/no targets.
    pub value_bool: Option<bool>,
    /// The day a milestone was reached.
    pub value_date: Option<NaiveDate>,
    /// The value in words, for text targets.
    pub value_text: Option<String>,
    /// `draft`, `submitted`, `approved` or `returned`.
    pub state: String,
    /// The state as the pages show it ("Approved").
    pub state_label: String,
    /// Whether the narrative may be shown in reports for funders.
    pub is_public: bool,
    /// What was done, in words.
    pub narrative: Option<String>,
    /// Where the evidence is.
    pub evidence_url: Option<String>,
    /// When it was submitted.
    pub submitted_at: Option<DateTime<Utc>>,
    /// When it was approved or returned.
    pub decided_at: Option<DateTime<Utc>>,
}

/// A target's status as the pages show it, with the figure it was assessed on.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct ApiStatus {
    /// The target (the listing is paged by target id).
    pub target_id: i32,
    /// The action it belongs to.
    pub action_id: i32,
    /// `met`, `on_track`, `at_risk`, `off_track`, `overdue`, `no_data`, `not_due` or `reported`.
    pub status: String,
    /// The status as the pages show it ("On track").
    pub status_label: String,
    /// The latest approved figure the status was assessed on, as a number, when it is one.
    pub latest_value: Option<f64>,
    /// That figure as the pages show it ("12", "45%", "Done").
    pub latest_text: Option<String>,
    /// Its period ("2006/07 Q1").
    pub latest_period: Option<String>,
    /// The day the status is assessed at.
    pub as_of: NaiveDate,
}

/// One page of `select`: the records with `id` above `page.after`, in id order, and one more to
/// tell whether there is a next page.
async fn fetch<E: EntityTrait>(
    db: &impl ConnectionTrait,
    select: sea_orm::Select<E>,
    id: E::Column,
    page: PageRequest,
) -> BackendResult<Vec<E::Model>> {
    Ok(select
        .filter(id.gt(page.after))
        .order_by_asc(id)
        .limit(page.limit + 1)
        .all(db)
        .await?)
}

fn live_strategy(forum_id: i32) -> sea_orm::Condition {
    sea_orm::Condition::all()
        .add(strategy::Column::ForumId.eq(forum_id))
        .add(strategy::Column::ArchivedAt.is_null())
}

/// The strategies of a forum.
///
/// # Errors
/// Database errors.
pub async fn strategies(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
    page: PageRequest,
) -> BackendResult<Listing<ApiStrategy>> {
    let rows = fetch(
        db,
        strategy::Entity::find().filter(live_strategy(forum.id)),
        strategy::Column::Id,
        page,
    )
    .await?;
    Ok(listing(
        rows,
        page,
        |s| s.id,
        |s| ApiStrategy {
            id: s.id,
            slug: s.slug,
            title: s.title,
            period_start: s.period_start,
            period_end: s.period_end,
            status: s.status,
        },
    ))
}

/// The themes of a forum's strategies.
///
/// # Errors
/// Database errors.
pub async fn themes(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
    page: PageRequest,
) -> BackendResult<Listing<ApiTheme>> {
    let rows = fetch(
        db,
        theme::Entity::find()
            .join(JoinType::InnerJoin, theme::Relation::Strategy.def())
            .filter(live_strategy(forum.id))
            .filter(theme::Column::ArchivedAt.is_null()),
        theme::Column::Id,
        page,
    )
    .await?;
    Ok(listing(
        rows,
        page,
        |t| t.id,
        |t| ApiTheme {
            id: t.id,
            strategy_id: t.strategy_id,
            title: t.title,
            position: t.position,
        },
    ))
}

fn live_actions() -> sea_orm::Select<action::Entity> {
    action::Entity::find()
        .join(JoinType::InnerJoin, action::Relation::Theme.def())
        .join(JoinType::InnerJoin, theme::Relation::Strategy.def())
        .filter(theme::Column::ArchivedAt.is_null())
        .filter(action::Column::ArchivedAt.is_null())
}

/// The actions of a forum's strategies.
///
/// # Errors
/// Database errors.
pub async fn actions(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
    page: PageRequest,
) -> BackendResult<Listing<ApiAction>> {
    let rows = fetch(
        db,
        live_actions().filter(live_strategy(forum.id)),
        action::Column::Id,
        page,
    )
    .await?;
    let partners: HashMap<i32, String> = partner::Entity::find()
        .filter(partner::Column::ForumId.eq(forum.id))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    Ok(listing(
        rows,
        page,
        |a| a.id,
        |a| ApiAction {
            id: a.id,
            theme_id: a.theme_id,
            reference: a.reference,
            title: a.title,
            activity: a.activity,
            lead: a.lead_partner_id.and_then(|id| partners.get(&id).cloned()),
            due_date: a.due_date,
            due_text: a.due_text,
            position: a.position,
        },
    ))
}

fn live_targets(forum_id: i32) -> sea_orm::Select<target::Entity> {
    target::Entity::find()
        .join(JoinType::InnerJoin, target::Relation::Action.def())
        .join(JoinType::InnerJoin, action::Relation::Theme.def())
        .join(JoinType::InnerJoin, theme::Relation::Strategy.def())
        .filter(live_strategy(forum_id))
        .filter(theme::Column::ArchivedAt.is_null())
        .filter(action::Column::ArchivedAt.is_null())
        .filter(target::Column::ArchivedAt.is_null())
}

async fn target_page(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
    page: PageRequest,
) -> BackendResult<Vec<target::Model>> {
    fetch(db, live_targets(forum.id), target::Column::Id, page).await
}

/// The targets of a forum's strategies.
///
/// # Errors
/// Database errors.
pub async fn targets(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
    page: PageRequest,
) -> BackendResult<Listing<ApiTarget>> {
    let rows = target_page(db, forum, page).await?;
    let indicators: HashMap<i32, String> = indicator::Entity::find()
        .filter(indicator::Column::ForumId.eq(forum.id))
        .all(db)
        .await?
        .into_iter()
        .map(|i| (i.id, i.code))
        .collect();
    Ok(listing(
        rows,
        page,
        |t| t.id,
        |t| ApiTarget {
            id: t.id,
            action_id: t.action_id,
            title: t.title,
            kind: t.kind,
            direction: t.direction,
            unit: t.unit,
            baseline: t.baseline,
            target_value: t.target_value,
            band_low: t.band_low,
            band_high: t.band_high,
            population_per: t.population_per,
            due_date: t.due_date,
            frequency: t.frequency,
            indicator: t.indicator_id.and_then(|id| indicators.get(&id).cloned()),
        },
    ))
}

/// The progress updates of a forum's targets, every state (as the action pages show them).
///
/// # Errors
/// Database errors.
pub async fn updates(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
    page: PageRequest,
) -> BackendResult<Listing<ApiUpdate>> {
    let rows = fetch(
        db,
        progress_update::Entity::find()
            .join(JoinType::InnerJoin, progress_update::Relation::Target.def())
            .join(JoinType::InnerJoin, target::Relation::Action.def())
            .join(JoinType::InnerJoin, action::Relation::Theme.def())
            .join(JoinType::InnerJoin, theme::Relation::Strategy.def())
            .filter(live_strategy(forum.id))
            .filter(theme::Column::ArchivedAt.is_null())
            .filter(action::Column::ArchivedAt.is_null())
            .filter(target::Column::ArchivedAt.is_null()),
        progress_update::Column::Id,
        page,
    )
    .await?;
    Ok(listing(
        rows,
        page,
        |u| u.id,
        |u| ApiUpdate {
            id: u.id,
            target_id: u.target_id,
            period_start: u.period_start,
            period_end: u.period_end,
            value_number: u.value_number,
            value_numerator: u.value_numerator,
            value_denominator: u.value_denominator,
            value_bool: u.value_bool,
            value_date: u.value_date,
            value_text: u.value_text,
            state_label: state_label(&u.state).to_owned(),
            state: u.state,
            is_public: u.is_public,
            narrative: u.narrative,
            evidence_url: u.evidence_url,
            submitted_at: u.submitted_at,
            decided_at: u.decided_at,
        },
    ))
}

/// The statuses of a forum's targets, assessed as the pages assess them on `today` (the forum's
/// date).
///
/// # Errors
/// Database errors; [`BackendError::Corrupt`] for stored data that cannot be read.
pub async fn statuses(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
    page: PageRequest,
    today: NaiveDate,
) -> BackendResult<Listing<ApiStatus>> {
    let rows = target_page(db, forum, page).await?;
    let strategies: HashMap<i32, strategy::Model> = strategy::Entity::find()
        .filter(live_strategy(forum.id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let action_ids: Vec<i32> = rows.iter().map(|t| t.action_id).collect();
    let mut strategy_of_action: HashMap<i32, i32> = HashMap::new();
    for chunk in action_ids.chunks(900) {
        let pairs: Vec<(i32, i32)> = action::Entity::find()
            .select_only()
            .column(action::Column::Id)
            .column(theme::Column::StrategyId)
            .join(JoinType::InnerJoin, action::Relation::Theme.def())
            .filter(action::Column::Id.is_in(chunk.to_vec()))
            .into_tuple()
            .all(db)
            .await?;
        strategy_of_action.extend(pairs);
    }
    let assessor = Assessor::load_current(db, forum, &rows, today).await?;
    let cal = calendar(forum);
    let mut out = Vec::with_capacity(rows.len());
    let limit = usize::try_from(page.limit).unwrap_or(usize::MAX);
    for t in rows.iter().take(limit) {
        let st = strategy_of_action
            .get(&t.action_id)
            .and_then(|id| strategies.get(id))
            .ok_or_else(|| BackendError::Corrupt(format!("target {} has no strategy", t.id)))?;
        let row = assessor.row(t, st)?;
        let latest = assessor.current(t, st);
        out.push(ApiStatus {
            target_id: t.id,
            action_id: t.action_id,
            status: row.status.as_str().to_owned(),
            status_label: row.status.label().to_owned(),
            latest_value: latest.and_then(number_of),
            latest_text: row.latest.clone(),
            latest_period: latest.map(|u| {
                cal.label(Period {
                    start: u.period_start,
                    end: u.period_end,
                })
            }),
            as_of: assessor.as_of(st),
        });
    }
    let next_after = (rows.len() > limit)
        .then(|| out.last().map(|s| s.target_id))
        .flatten();
    Ok(Listing {
        data: out,
        next_after,
    })
}
