//! Review meetings: a coordinator opens a review of a quarter, which freezes the plan as it
//! stands (every live target's status, latest figure and narrative) in the review's row; the
//! meeting records decisions and actions arising (owner, due date), an action arising can
//! become a plan action, and the next review shows what happened to the last one's actions
//! arising. The review page and the meeting pack are drawn from the frozen snapshot alone, so
//! a correction made after the meeting never rewrites what it saw.
//!
//! Every change runs in one transaction and is audited (entities `review` and `decision`);
//! changes to an existing record are version-checked.
use crate::backend::charts::{StatusBar, status_bars};
use crate::backend::entity::{action, decision, forum, review, strategy, theme};
use crate::backend::error::{BackendError, BackendResult};
use crate::backend::plan::{calendar, forum_ref, recent_quarters};
use crate::backend::plan_edit::common::claim;
use crate::backend::plan_edit::{Editor, Saved};
use crate::backend::tree::Tree;
use crate::domain::period::Period;
use crate::domain::plan_form::{ActionInput, LeadChoice};
use crate::domain::review::{
    DecisionKind, Minute, ReviewPage, ReviewRef, ReviewsPage, Snapshot, TargetSnap, changes,
    exceptions,
};
use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, TransactionSession, TransactionTrait,
};
use std::collections::HashMap;

/// Every live target of the forum's strategies (or of the one with URL name `strategy`) as it
/// stands on `as_of`: status, latest approved figure with its period and that figure's
/// narrative, in plan order.
///
/// # Errors
/// Database errors; stored data that cannot be read.
pub async fn snapshot(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
    strategy: Option<&str>,
    as_of: NaiveDate,
) -> BackendResult<Snapshot> {
    let shown: Vec<_> = crate::backend::plan::live_strategies(db, forum.id)
        .await?
        .into_iter()
        .filter(|s| strategy.is_none_or(|slug| s.slug == slug))
        .collect();
    let tree = Tree::load(db, forum, shown.clone(), as_of).await?;
    Ok(Snapshot {
        as_of,
        targets: snaps(&tree, &shown)?,
    })
}

/// The targets of `shown` in a loaded tree, as a snapshot lists them.
pub(crate) fn snaps(tree: &Tree, shown: &[strategy::Model]) -> BackendResult<Vec<TargetSnap>> {
    let mut targets = Vec::new();
    for st in shown {
        for th in tree.theme_views(st)? {
            for a in &th.actions {
                for t in &a.targets {
                    let narrative = tree
                        .assessor
                        .history(t.id)
                        .iter()
                        .find(|u| u.state == "approved")
                        .and_then(|u| u.narrative.clone());
                    targets.push(TargetSnap {
                        target_id: t.id,
                        action_id: a.id,
                        theme: th.title.clone(),
                        action: a.title.clone(),
                        target: t.title.clone(),
                        lead: a.lead.as_ref().map(|l| l.name.clone()),
                        status: t.status,
                        latest: t.latest_with_period(),
                        narrative: t.latest.as_ref().and(narrative),
                        due: t.due,
                    });
                }
            }
        }
    }
    Ok(targets)
}

fn reference(
    forum: &forum::Model,
    r: &review::Model,
    strategies: &HashMap<i32, strategy::Model>,
) -> ReviewRef {
    let cal = calendar(forum);
    let as_of = r
        .snapshot
        .as_deref()
        .and_then(|s| serde_json::from_str::<Snapshot>(s).ok())
        .map_or(r.created_at.date_naive(), |s| s.as_of);
    ReviewRef {
        id: r.id,
        title: r.title.clone(),
        strategy: r
            .strategy_id
            .and_then(|id| strategies.get(&id))
            .map(|s| s.title.clone()),
        period: cal.label(Period {
            start: r.period_start,
            end: r.period_end,
        }),
        held_on: r.held_on,
        closed: r.state == "closed",
        as_of,
    }
}

async fn strategies_of(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
) -> BackendResult<HashMap<i32, strategy::Model>> {
    Ok(strategy::Entity::find()
        .filter(strategy::Column::ForumId.eq(forum.id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect())
}

/// The forum's reviews, newest first, and what the form to open one offers.
///
/// # Errors
/// Database errors.
pub async fn reviews_page(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
    today: NaiveDate,
    can_manage: bool,
) -> BackendResult<ReviewsPage> {
    let strategies = strategies_of(db, forum).await?;
    let rows = review::Entity::find()
        .filter(review::Column::ForumId.eq(forum.id))
        .order_by_desc(review::Column::Id)
        .all(db)
        .await?;
    let mut live: Vec<&strategy::Model> = strategies
        .values()
        .filter(|s| s.archived_at.is_none())
        .collect();
    live.sort_by_key(|s| (s.period_start, s.id));
    let cal = calendar(forum);
    let periods: Vec<(String, String)> = recent_quarters(forum, today)
        .into_iter()
        .map(|p| (p.start.to_string(), cal.label(p)))
        .collect();
    Ok(ReviewsPage {
        forum: forum_ref(forum),
        reviews: rows
            .iter()
            .map(|r| reference(forum, r, &strategies))
            .collect(),
        can_manage,
        strategies: live
            .iter()
            .map(|s| (s.slug.clone(), s.title.clone()))
            .collect(),
        suggested_period: periods.get(1).map(|p| p.0.clone()).unwrap_or_default(),
        periods,
    })
}

/// What the form to open a review gives.
#[derive(Clone, Debug)]
pub struct OpenReview {
    /// The strategy's URL name (none: every live strategy of the forum).
    pub strategy: Option<String>,
    /// The first day of the quarter reviewed.
    pub period_start: NaiveDate,
    /// The review's title (empty: "Review of 2006/07 Q2").
    pub title: String,
    /// The meeting's date.
    pub held_on: Option<NaiveDate>,
}

/// Opens a review: freezes the plan as it stands on `today` in a new review.
///
/// # Errors
/// A strategy or quarter not offered; database errors.
pub async fn open_review(
    db: &impl TransactionTrait,
    ed: &Editor<'_>,
    created_by: Option<i32>,
    today: NaiveDate,
    input: OpenReview,
) -> BackendResult<Saved> {
    let forum = ed.forum;
    let Some(period) = recent_quarters(forum, today)
        .into_iter()
        .find(|p| p.start == input.period_start)
    else {
        return Err(BackendError::Invalid(
            "Choose the quarter to review from the list (the current one or one of the eight before it)."
                .to_owned(),
        ));
    };
    let title = input.title.trim();
    if title.chars().count() > 200 {
        return Err(BackendError::Invalid(
            "A review's title can be at most 200 characters: shorten it.".to_owned(),
        ));
    }
    let txn = crate::backend::db::write(db).await?;
    let strategy = match input.strategy.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(slug) => Some(
            crate::backend::plan::live_strategies(&txn, forum.id)
                .await?
                .into_iter()
                .find(|s| s.slug == slug)
                .ok_or_else(|| {
                    BackendError::Invalid(
                        "Choose a strategy from the list, or “All strategies”.".to_owned(),
                    )
                })?,
        ),
    };
    let label = calendar(forum).label(period);
    let title = if title.is_empty() {
        format!("Review of {label}")
    } else {
        title.to_owned()
    };
    let frozen = snapshot(
        &txn,
        forum,
        strategy.as_ref().map(|s| s.slug.as_str()),
        today,
    )
    .await?;
    let count = frozen.targets.len();
    let row = review::ActiveModel {
        forum_id: Set(forum.id),
        strategy_id: Set(strategy.as_ref().map(|s| s.id)),
        title: Set(title.clone()),
        period_start: Set(period.start),
        period_end: Set(period.end),
        held_on: Set(input.held_on),
        state: Set("open".to_owned()),
        snapshot: Set(Some(serde_json::to_string(&frozen).map_err(|e| {
            BackendError::Corrupt(format!("a review's snapshot could not be written: {e}"))
        })?)),
        created_by: Set(created_by),
        created_at: Set(ed.now),
        version: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    ed.record(
        &txn,
        "review",
        row.id,
        "create",
        format!("{title}: {count} targets frozen as of {today}"),
        Some(1),
    )
    .await?;
    txn.commit().await?;
    Ok(Saved {
        id: row.id,
        message: format!(
            "Opened “{title}”: the status of {count} targets as of {} is frozen for the meeting.",
            today.format("%-d %B %Y")
        ),
        warnings: Vec::new(),
    })
}

/// The forum's latest review of one strategy (or, for `None`, its latest forum-wide review),
/// with its snapshot.
///
/// # Errors
/// Database errors; a snapshot that cannot be read.
pub async fn latest_review(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
    strategy_id: Option<i32>,
) -> BackendResult<Option<(review::Model, Snapshot)>> {
    let found = review::Entity::find()
        .filter(review::Column::ForumId.eq(forum.id))
        .filter(match strategy_id {
            Some(s) => review::Column::StrategyId.eq(s),
            None => review::Column::StrategyId.is_null(),
        })
        .order_by_desc(review::Column::Id)
        .one(db)
        .await?;
    found.map(|r| frozen(&r).map(|snap| (r, snap))).transpose()
}

async fn review_in(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
    id: i32,
) -> BackendResult<review::Model> {
    match review::Entity::find_by_id(id).one(db).await? {
        Some(r) if r.forum_id == forum.id => Ok(r),
        _ => Err(BackendError::NotFound("review")),
    }
}

async fn minute_in(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
    id: i32,
) -> BackendResult<(decision::Model, review::Model)> {
    let Some(d) = decision::Entity::find_by_id(id).one(db).await? else {
        return Err(BackendError::NotFound("decision"));
    };
    let r = review_in(db, forum, d.review_id)
        .await
        .map_err(|_| BackendError::NotFound("decision"))?;
    Ok((d, r))
}

fn frozen(r: &review::Model) -> BackendResult<Snapshot> {
    serde_json::from_str(r.snapshot.as_deref().unwrap_or_default())
        .map_err(|e| BackendError::Corrupt(format!("review {}'s snapshot: {e}", r.id)))
}

fn minute(
    d: &decision::Model,
    actions: &HashMap<i32, String>,
    today: NaiveDate,
) -> BackendResult<Minute> {
    let kind: DecisionKind = d
        .kind
        .parse()
        .map_err(|e| BackendError::Corrupt(format!("decision {}: {e}", d.id)))?;
    Ok(Minute {
        id: d.id,
        kind,
        text: d.text.clone(),
        owner: d.owner.clone(),
        due: d.due_date,
        outcome: d.outcome.clone(),
        action: d
            .action_id
            .and_then(|id| actions.get(&id).map(|t| (id, t.clone()))),
        late: kind == DecisionKind::ActionArising
            && d.outcome.is_none()
            && d.due_date.is_some_and(|due| due < today),
        version: d.version,
    })
}

/// One review of the forum: its frozen figures, its minutes, and the previous review's actions
/// arising with what happened to them.
///
/// # Errors
/// Not found (or another forum's); database errors; a snapshot that cannot be read.
pub async fn review_page(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
    id: i32,
    today: NaiveDate,
    can_manage: bool,
    can_edit_plan: bool,
) -> BackendResult<ReviewPage> {
    let r = review_in(db, forum, id).await?;
    let strategies = strategies_of(db, forum).await?;
    let previous = review::Entity::find()
        .filter(review::Column::ForumId.eq(forum.id))
        .filter(review::Column::Id.lt(r.id))
        .filter(match r.strategy_id {
            Some(s) => review::Column::StrategyId.eq(s),
            None => review::Column::StrategyId.is_null(),
        })
        .order_by_desc(review::Column::Id)
        .one(db)
        .await?;
    let mut ids = vec![r.id];
    ids.extend(previous.as_ref().map(|p| p.id));
    let rows = decision::Entity::find()
        .filter(decision::Column::ReviewId.is_in(ids))
        .order_by_asc(decision::Column::Id)
        .all(db)
        .await?;
    let actions: HashMap<i32, String> = action::Entity::find()
        .filter(action::Column::Id.is_in(rows.iter().filter_map(|d| d.action_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.title))
        .collect();
    let mut minutes = Vec::new();
    let mut previous_actions = Vec::new();
    for d in &rows {
        let m = minute(d, &actions, today)?;
        if d.review_id == r.id {
            minutes.push(m);
        } else if m.kind == DecisionKind::ActionArising {
            previous_actions.push(m);
        }
    }

    let snap = frozen(&r)?;
    let (newly_red, newly_met) = match &previous {
        Some(p) => changes(&frozen(p)?, &snap.targets),
        None => (Vec::new(), Vec::new()),
    };
    let (totals, themes) = snap.counts();
    let bars: Vec<StatusBar> = themes
        .iter()
        .map(|(title, counts)| StatusBar {
            label: title.clone(),
            counts: counts.clone(),
        })
        .collect();
    let chart = status_bars(
        &format!("review-{}-chart", r.id),
        "Targets by status in each theme, as frozen for the review",
        &bars,
    );

    // Themes an action arising can join: those of the strategy reviewed (or of every live one).
    let mut live: Vec<&strategy::Model> = strategies
        .values()
        .filter(|s| s.archived_at.is_none() && r.strategy_id.is_none_or(|id| id == s.id))
        .collect();
    live.sort_by_key(|s| (s.period_start, s.id));
    let theme_rows = if can_edit_plan {
        theme::Entity::find()
            .filter(theme::Column::StrategyId.is_in(live.iter().map(|s| s.id)))
            .filter(theme::Column::ArchivedAt.is_null())
            .order_by_asc(theme::Column::Position)
            .all(db)
            .await?
    } else {
        Vec::new()
    };
    let themes_for_actions = live
        .iter()
        .flat_map(|s| {
            theme_rows
                .iter()
                .filter(move |t| t.strategy_id == s.id)
                .map(move |t| (t.id.to_string(), format!("{}: {}", s.title, t.title)))
        })
        .collect();

    Ok(ReviewPage {
        forum: forum_ref(forum),
        review: reference(forum, &r, &strategies),
        version: r.version,
        can_manage,
        can_edit_plan,
        totals,
        themes,
        chart,
        exceptions: exceptions(&snap).into_iter().cloned().collect(),
        previous: previous.as_ref().map(|p| reference(forum, p, &strategies)),
        newly_red,
        newly_met,
        previous_actions,
        minutes,
        themes_for_actions,
    })
}

/// A decision or action arising as typed on the review page.
#[derive(Clone, Debug)]
pub struct MinuteInput {
    /// Decision or action arising.
    pub kind: DecisionKind,
    /// What was decided or is to be done.
    pub text: String,
    /// Who is to do it (actions arising).
    pub owner: Option<String>,
    /// By when (actions arising).
    pub due: Option<NaiveDate>,
}

/// Records a decision or an action arising in an open review.
///
/// # Errors
/// Empty text; an action arising without an owner or due date; a closed review; not found;
/// database errors.
pub async fn add_minute(
    db: &impl TransactionTrait,
    ed: &Editor<'_>,
    review_id: i32,
    input: MinuteInput,
) -> BackendResult<Saved> {
    let text = input.text.trim();
    if text.is_empty() {
        return Err(BackendError::Invalid(
            "Write what was decided, or what is to be done.".to_owned(),
        ));
    }
    if text.chars().count() > 2000 {
        return Err(BackendError::Invalid(
            "A minute can be at most 2,000 characters: shorten it, or record it as two.".to_owned(),
        ));
    }
    let owner = input
        .owner
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty());
    if input.kind == DecisionKind::ActionArising && (owner.is_none() || input.due.is_none()) {
        return Err(BackendError::Invalid(
            "An action arising needs an owner (a person or an agency) and a due date.".to_owned(),
        ));
    }
    let txn = crate::backend::db::write(db).await?;
    let r = review_in(&txn, ed.forum, review_id).await?;
    if r.state == "closed" {
        return Err(BackendError::Invalid(format!(
            "“{}” is closed: its minutes can no longer be added to. Open a new review for the next meeting.",
            r.title
        )));
    }
    let row = decision::ActiveModel {
        review_id: Set(r.id),
        kind: Set(input.kind.as_str().to_owned()),
        text: Set(text.to_owned()),
        owner: Set(owner.map(str::to_owned)),
        due_date: Set(input.due),
        action_id: Set(None),
        outcome: Set(None),
        created_at: Set(ed.now),
        version: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    ed.record(
        &txn,
        "decision",
        row.id,
        "create",
        format!("{} in “{}”: {text}", input.kind.label(), r.title),
        Some(1),
    )
    .await?;
    txn.commit().await?;
    Ok(Saved {
        id: row.id,
        message: format!("Recorded the {}.", input.kind.label().to_lowercase()),
        warnings: Vec::new(),
    })
}

/// An action arising of the forum, claimed for a change from the page read at `version`
/// (refused with `not_arising` when it is a decision): it, its review and its new version.
async fn claim_action_arising(
    txn: &impl ConnectionTrait,
    ed: &Editor<'_>,
    minute_id: i32,
    version: i32,
    not_arising: &str,
) -> BackendResult<(decision::Model, review::Model, i32)> {
    let (d, r) = minute_in(txn, ed.forum, minute_id).await?;
    if d.kind != DecisionKind::ActionArising.as_str() {
        return Err(BackendError::Invalid(not_arising.to_owned()));
    }
    let new_version = claim!(
        txn,
        decision,
        "decision",
        d.id,
        version,
        "This action arising".to_owned()
    );
    Ok((d, r, new_version))
}

/// Records what happened to an action arising (at a later meeting, usually).
///
/// # Errors
/// Empty outcome; a decision rather than an action arising; a stale page; not found; database
/// errors.
pub async fn record_outcome(
    db: &impl TransactionTrait,
    ed: &Editor<'_>,
    minute_id: i32,
    version: i32,
    outcome: &str,
) -> BackendResult<Saved> {
    let outcome = outcome.trim();
    if outcome.is_empty() {
        return Err(BackendError::Invalid(
            "Write what happened to the action (done, in progress, dropped, and why).".to_owned(),
        ));
    }
    let txn = crate::backend::db::write(db).await?;
    let (d, _, new_version) = claim_action_arising(
        &txn,
        ed,
        minute_id,
        version,
        "Only an action arising has an outcome.",
    )
    .await?;
    let before = d.outcome.clone().unwrap_or_default();
    decision::ActiveModel {
        id: Set(d.id),
        outcome: Set(Some(outcome.to_owned())),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    ed.record_changes(
        &txn,
        "decision",
        d.id,
        new_version,
        &vec![("outcome", before)],
        &vec![("outcome", outcome.to_owned())],
    )
    .await?;
    txn.commit().await?;
    Ok(Saved {
        id: d.id,
        message: format!("Recorded what happened to “{}”.", d.text),
        warnings: Vec::new(),
    })
}

/// Makes an action arising a plan action in a theme of the forum: its text is the title, its
/// owner the lead when the owner is one of the forum's partners (the contact otherwise), its
/// due date the action's; the action arising then links to it.
///
/// # Errors
/// Already a plan action; a decision rather than an action arising; a theme not in the forum;
/// a stale page; database errors.
pub async fn make_plan_action(
    db: &impl TransactionTrait,
    ed: &Editor<'_>,
    minute_id: i32,
    version: i32,
    theme_id: i32,
) -> BackendResult<Saved> {
    let txn = crate::backend::db::write(db).await?;
    let (d, r, new_version) = claim_action_arising(
        &txn,
        ed,
        minute_id,
        version,
        "Only an action arising can become a plan action.",
    )
    .await?;
    if d.action_id.is_some() {
        return Err(BackendError::Invalid(
            "This action arising is a plan action already: follow its link.".to_owned(),
        ));
    }
    let partners = crate::backend::entity::partner::Entity::find()
        .filter(crate::backend::entity::partner::Column::ForumId.eq(ed.forum.id))
        .filter(crate::backend::entity::partner::Column::ArchivedAt.is_null())
        .all(&txn)
        .await?;
    let owner = d.owner.clone().unwrap_or_default();
    let lead = partners
        .iter()
        .find(|p| crate::backend::plan_edit::partner_named(p, &owner));
    let title: String = d.text.chars().take(200).collect();
    let saved = crate::backend::plan_edit::create_action(
        &txn,
        ed,
        theme_id,
        ActionInput {
            title,
            activity: (d.text.chars().count() > 200).then(|| d.text.clone()),
            lead: lead.map_or(LeadChoice::Nobody, |p| LeadChoice::Existing(p.id)),
            supporting: Vec::new(),
            resources: Vec::new(),
            due_date: d.due_date,
            due_text: None,
            origin: Some(format!("Action arising from “{}”", r.title)),
            owner_contact: if lead.is_some() || owner.is_empty() {
                None
            } else {
                Some(owner)
            },
        },
    )
    .await?;
    decision::ActiveModel {
        id: Set(d.id),
        action_id: Set(Some(saved.id)),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    ed.record_changes(
        &txn,
        "decision",
        d.id,
        new_version,
        &vec![("action", String::new())],
        &vec![("action", saved.id.to_string())],
    )
    .await?;
    txn.commit().await?;
    Ok(Saved {
        id: saved.id,
        message: format!(
            "“{}” is now an action of the plan: add its targets on its page.",
            d.text
        ),
        warnings: saved.warnings,
    })
}

/// Closes a review once the meeting is over: no more minutes; outcomes of its actions arising
/// can still be recorded.
///
/// # Errors
/// Closed already; a stale page; not found; database errors.
pub async fn close_review(
    db: &impl TransactionTrait,
    ed: &Editor<'_>,
    review_id: i32,
    version: i32,
    held_on: NaiveDate,
) -> BackendResult<Saved> {
    let txn = crate::backend::db::write(db).await?;
    let r = review_in(&txn, ed.forum, review_id).await?;
    if r.state == "closed" {
        return Err(BackendError::Invalid(format!(
            "“{}” is closed already.",
            r.title
        )));
    }
    let new_version = claim!(
        &txn,
        review,
        "review",
        r.id,
        version,
        format!("“{}”", r.title)
    );
    let held = r.held_on.unwrap_or(held_on);
    review::ActiveModel {
        id: Set(r.id),
        state: Set("closed".to_owned()),
        held_on: Set(Some(held)),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    ed.record_changes(
        &txn,
        "review",
        r.id,
        new_version,
        &vec![
            ("state", r.state.clone()),
            (
                "held_on",
                r.held_on.map(|d| d.to_string()).unwrap_or_default(),
            ),
        ],
        &vec![
            ("state", "closed".to_owned()),
            ("held_on", held.to_string()),
        ],
    )
    .await?;
    txn.commit().await?;
    Ok(Saved {
        id: r.id,
        message: format!(
            "Closed “{}”: its minutes are final. Record what happened to its actions arising at the next review.",
            r.title
        ),
        warnings: Vec::new(),
    })
}
