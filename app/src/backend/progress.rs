//! The quarterly progress cycle: which returns each agency owes, recording an update, the
//! coordinator's decisions, status overrides and the forum's reporting settings.
//!
//! A target owes a return for its **return period**: the last completed period of its reporting
//! frequency in the forum's financial year (in July a quarterly target reports on April–June),
//! due `forum.return_days` after that period ends. It owes one only while its strategy is active
//! and the period overlaps the target's span (its start, or the strategy's, to the strategy's
//! end); a milestone already reached in an approved return owes no more.
//! Members record for the actions their agency leads or supports; coordinators for any.
mod record;
mod settings;

pub use record::{Actor, decide_update, override_status, record_update};
pub use settings::{SettingsForm, forum_settings, update_forum_settings};

use crate::backend::accounts::Caller;
use crate::backend::entity::{
    action, action_partner, app_user, audit_event, forum, partner, progress_update, strategy,
    target, theme,
};
use crate::backend::error::{BackendError, BackendResult};
use crate::backend::plan::{Assessor, calendar, forum_ref, state_label, value_text};
use crate::domain::period::{Period, return_deadline};
use crate::domain::progress::{
    MyUpdatesPage, PeriodChoice, PeriodView, QueueItem, ReportingNote, ReturnCount, ReturnItem,
    ReturnsPage, UpdateEvent, UpdateFields, UpdatePage, UpdateView,
};
use crate::domain::role::Role;
use crate::domain::target::{Frequency, TargetKind, format_number};
use crate::domain::update::{ReturnState, UpdateState};
use crate::domain::views::StrategyRef;
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::{BTreeMap, HashMap};

/// The date a forum's calendar uses: today, or a training or demonstration forum's fixed date.
pub fn forum_today(forum: &forum::Model, today: NaiveDate) -> NaiveDate {
    forum.fixed_date.unwrap_or(today)
}

/// A period with its label and deadline in `forum`'s calendar.
pub fn period_view(forum: &forum::Model, p: Period) -> PeriodView {
    PeriodView {
        start: p.start,
        end: p.end,
        label: calendar(forum).label(p),
        deadline: return_deadline(p, u32::try_from(forum.return_days).unwrap_or(0)),
    }
}

/// The forum's current quarter of returns, for its pages.
pub fn reporting_note(forum: &forum::Model, today: NaiveDate) -> ReportingNote {
    let p = calendar(forum).return_period(today, Frequency::Quarterly);
    ReportingNote {
        period: period_view(forum, p),
        today,
        fixed: forum.fixed_date.is_some(),
    }
}

/// The agency a caller records for in `forum`: `None` for someone who may record for any
/// action (a coordinator or an administrator), `Some(None)` for a member without an agency.
fn recording_agency(caller: &Caller, forum: &forum::Model) -> Option<Option<i32>> {
    if caller.user.is_admin {
        return None;
    }
    let m = caller.membership(forum.id)?;
    match m.role {
        Role::Coordinator => None,
        Role::Member => Some(m.partner.as_ref().map(|p| p.id)),
        Role::Viewer => Some(None),
    }
}

/// Why the caller may not record for an action led by `lead` and supported by `supporting`
/// (None: they may).
pub(crate) fn cannot_record(
    caller: &Caller,
    forum: &forum::Model,
    lead: Option<i32>,
    supporting: &[i32],
    names: &HashMap<i32, String>,
) -> Option<String> {
    let agency = recording_agency(caller, forum)?;
    let is_viewer = caller.role_in(forum.id) == Some(Role::Viewer);
    if is_viewer {
        return Some(
            "Viewers read the plan; members of the lead or a supporting agency record its updates."
                .to_owned(),
        );
    }
    if agency.is_some_and(|p| lead == Some(p) || supporting.contains(&p)) {
        return None;
    }
    let agencies: Vec<String> = lead
        .into_iter()
        .chain(supporting.iter().copied())
        .filter_map(|id| names.get(&id).cloned())
        .collect();
    Some(if agencies.is_empty() {
        "This action names no agency, so only a coordinator can record its updates.".to_owned()
    } else {
        format!(
            "Only members of {} (or a coordinator) record updates for this action.",
            agencies.join(", ")
        )
    })
}

/// A live target with everything around it.
pub(crate) struct LiveTarget {
    pub t: target::Model,
    pub a: action::Model,
    pub th: theme::Model,
    pub s: strategy::Model,
    pub supporting: Vec<i32>,
}

/// The live targets of the forum's active strategies, in plan order, and the partner names.
async fn live_targets(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
) -> BackendResult<(Vec<LiveTarget>, HashMap<i32, String>)> {
    let strategies: HashMap<i32, strategy::Model> = strategy::Entity::find()
        .filter(strategy::Column::ForumId.eq(forum.id))
        .filter(strategy::Column::ArchivedAt.is_null())
        .filter(strategy::Column::Status.eq("active"))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let themes: HashMap<i32, theme::Model> = theme::Entity::find()
        .filter(theme::Column::StrategyId.is_in(strategies.keys().copied()))
        .filter(theme::Column::ArchivedAt.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    let actions: HashMap<i32, action::Model> = action::Entity::find()
        .filter(action::Column::ThemeId.is_in(themes.keys().copied()))
        .filter(action::Column::ArchivedAt.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let targets = target::Entity::find()
        .filter(target::Column::ActionId.is_in(actions.keys().copied()))
        .filter(target::Column::ArchivedAt.is_null())
        .all(db)
        .await?;
    let mut supporting: HashMap<i32, Vec<i32>> = HashMap::new();
    for ap in action_partner::Entity::find()
        .filter(action_partner::Column::ActionId.is_in(actions.keys().copied()))
        .all(db)
        .await?
    {
        supporting
            .entry(ap.action_id)
            .or_default()
            .push(ap.partner_id);
    }
    let names = partner::Entity::find()
        .filter(partner::Column::ForumId.eq(forum.id))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let mut live: Vec<LiveTarget> = targets
        .into_iter()
        .filter_map(|t| {
            let a = actions.get(&t.action_id)?.clone();
            let th = themes.get(&a.theme_id)?.clone();
            let s = strategies.get(&th.strategy_id)?.clone();
            Some(LiveTarget {
                supporting: supporting.get(&a.id).cloned().unwrap_or_default(),
                t,
                a,
                th,
                s,
            })
        })
        .collect();
    live.sort_by_key(|l| {
        (
            l.s.position,
            l.s.id,
            l.th.position,
            l.th.id,
            l.a.position,
            l.a.id,
            l.t.position,
            l.t.id,
        )
    });
    Ok((live, names))
}

fn corrupt(e: impl std::fmt::Display) -> BackendError {
    BackendError::Corrupt(e.to_string())
}

/// The periods a target can be reported for on `today`: from its start (or its strategy's) to
/// the period in progress, never past the strategy's end.
fn reportable_periods(
    forum: &forum::Model,
    t: &target::Model,
    s: &strategy::Model,
    today: NaiveDate,
) -> BackendResult<Vec<Period>> {
    let frequency: Frequency = t.frequency.parse().map_err(corrupt)?;
    let from = t.start_date.unwrap_or(s.period_start).max(s.period_start);
    let to = today.min(s.period_end);
    if to < from {
        return Ok(Vec::new());
    }
    Ok(calendar(forum).periods_between(from, to, frequency))
}

/// The period a target owes a return for on `today`, if any.
fn owed_period(
    forum: &forum::Model,
    l: &LiveTarget,
    updates: &[progress_update::Model],
    today: NaiveDate,
) -> BackendResult<Option<Period>> {
    let frequency: Frequency = l.t.frequency.parse().map_err(corrupt)?;
    let kind: TargetKind = l.t.kind.parse().map_err(corrupt)?;
    let p = calendar(forum).return_period(today, frequency);
    let from =
        l.t.start_date
            .unwrap_or(l.s.period_start)
            .max(l.s.period_start);
    if p.end < from || p.start > l.s.period_end {
        return Ok(None);
    }
    // A milestone reached is reached for good; a yes/no target ("service continues") keeps
    // reporting, since it can lapse.
    let met_before = kind == TargetKind::Milestone
        && updates.iter().any(|u| {
            u.state == UpdateState::Approved.as_str()
                && u.period_start < p.start
                && u.value_date.is_some()
        });
    Ok((!met_before).then_some(p))
}

/// Every return owed on `today` by the targets of `agency` (None: every agency), with its state.
async fn returns_owed(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
    agency: Option<i32>,
    today: NaiveDate,
) -> BackendResult<(Vec<ReturnItem>, Vec<LiveTarget>, Assessed)> {
    let (live, names) = live_targets(db, forum).await?;
    let live: Vec<LiveTarget> = live
        .into_iter()
        .filter(|l| {
            agency.is_none_or(|p| l.a.lead_partner_id == Some(p) || l.supporting.contains(&p))
        })
        .collect();
    let models: Vec<target::Model> = live.iter().map(|l| l.t.clone()).collect();
    let assessor = Assessor::load_returns(db, forum, &models, today).await?;
    let mut items = Vec::new();
    for l in &live {
        let history = assessor.history(l.t.id);
        let Some(p) = owed_period(forum, l, history, today)? else {
            continue;
        };
        let update = history.iter().find(|u| u.period_start == p.start);
        let state = update
            .map(|u| u.state.parse::<UpdateState>().map_err(corrupt))
            .transpose()?;
        let state = ReturnState::of(state);
        let period = period_view(forum, p);
        items.push(ReturnItem {
            target_id: l.t.id,
            target: l.t.title.clone(),
            action_id: l.a.id,
            action: l.a.title.clone(),
            theme: l.th.title.clone(),
            strategy: l.s.title.clone(),
            lead: l.a.lead_partner_id.and_then(|id| names.get(&id).cloned()),
            overdue: state.outstanding() && today > period.deadline,
            comment: update
                .filter(|u| u.state == UpdateState::Returned.as_str())
                .and_then(|u| u.decision_comment.clone()),
            status: assessor.row(&l.t, &l.s)?.status,
            href: update_href(&forum.slug, l.t.id, p.start),
            period,
            state,
        });
    }
    let queue = queue_items(db, forum, &live, &assessor, &names).await?;
    Ok((items, live, Assessed { queue }))
}

/// What the returns page needs beyond the items.
struct Assessed {
    queue: Vec<QueueItem>,
}

async fn queue_items(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
    live: &[LiveTarget],
    assessor: &Assessor<'_>,
    names: &HashMap<i32, String>,
) -> BackendResult<Vec<QueueItem>> {
    let mut submitted: Vec<(&LiveTarget, &progress_update::Model)> = live
        .iter()
        .flat_map(|l| {
            assessor
                .history(l.t.id)
                .iter()
                .filter(|u| u.state == UpdateState::Submitted.as_str())
                .map(move |u| (l, u))
        })
        .collect();
    submitted.sort_by_key(|(_, u)| (u.submitted_at, u.id));
    let authors = user_names(db, submitted.iter().filter_map(|(_, u)| u.author_id)).await?;
    submitted
        .into_iter()
        .map(|(l, u)| {
            let kind: TargetKind = l.t.kind.parse().map_err(corrupt)?;
            Ok(QueueItem {
                id: u.id,
                version: u.version,
                target_id: l.t.id,
                target: l.t.title.clone(),
                action: l.a.title.clone(),
                lead: l.a.lead_partner_id.and_then(|id| names.get(&id).cloned()),
                period: period_view(
                    forum,
                    Period {
                        start: u.period_start,
                        end: u.period_end,
                    },
                ),
                value: value_text(kind, l.t.unit.as_deref(), u),
                narrative: u.narrative.clone(),
                evidence_url: u.evidence_url.clone(),
                author: u.author_id.and_then(|id| authors.get(&id).cloned()),
                href: update_href(&forum.slug, l.t.id, u.period_start),
            })
        })
        .collect()
}

async fn user_names(
    db: &impl ConnectionTrait,
    ids: impl Iterator<Item = i32>,
) -> BackendResult<HashMap<i32, String>> {
    let ids: Vec<i32> = ids.collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect())
}

/// The page of a target's return for a period.
pub fn update_href(forum: &str, target: i32, period_start: NaiveDate) -> String {
    format!("/forums/{forum}/targets/{target}/update?period={period_start}")
}

fn order(items: &mut [ReturnItem]) {
    items.sort_by_key(|i| i.state);
}

/// "My updates": the returns the caller's agency owes (a coordinator without an agency: all).
///
/// # Errors
/// Database errors.
pub async fn my_updates(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
    caller: &Caller,
    today: NaiveDate,
) -> BackendResult<MyUpdatesPage> {
    let membership = caller.membership(forum.id);
    let agency = membership.and_then(|m| m.partner.as_ref());
    let restrict = match recording_agency(caller, forum) {
        // A coordinator with an agency sees that agency's list; without one, the forum's.
        None => agency.map(|p| p.id),
        Some(Some(p)) => Some(p),
        // A viewer, or a member without an agency: nothing to record.
        Some(None) => Some(-1),
    };
    let (mut items, _, _) = returns_owed(db, forum, restrict, today).await?;
    order(&mut items);
    Ok(MyUpdatesPage {
        forum: forum_ref(forum),
        agency: agency.map(|p| p.name.clone()),
        whole_forum: restrict.is_none(),
        reporting: reporting_note(forum, today),
        items,
    })
}

/// The returns one agency owes (as lead or supporter) for the period being collected, returned
/// ones first, for its page in the forum.
///
/// # Errors
/// Database errors.
pub async fn agency_returns(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
    partner_id: i32,
    today: NaiveDate,
) -> BackendResult<Vec<ReturnItem>> {
    let (mut items, _, _) = returns_owed(db, forum, Some(partner_id), today).await?;
    order(&mut items);
    Ok(items)
}

/// The coordinator's returns page.
///
/// # Errors
/// Database errors.
pub async fn returns_page(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
    today: NaiveDate,
) -> BackendResult<ReturnsPage> {
    let (items, live, assessed) = returns_owed(db, forum, None, today).await?;
    let themes: HashMap<i32, String> = live.iter().map(|l| (l.t.id, l.th.title.clone())).collect();
    let mut by_agency: BTreeMap<String, ReturnCount> = BTreeMap::new();
    let mut by_theme: Vec<ReturnCount> = Vec::new();
    for item in &items {
        let agency = item
            .lead
            .clone()
            .unwrap_or_else(|| "No lead agency named".to_owned());
        let theme = themes.get(&item.target_id).cloned().unwrap_or_default();
        let theme_index = match by_theme.iter().position(|c| c.name == theme) {
            Some(i) => i,
            None => {
                by_theme.push(ReturnCount {
                    name: theme,
                    ..ReturnCount::default()
                });
                by_theme.len() - 1
            }
        };
        for count in [
            by_agency
                .entry(agency.clone())
                .or_insert_with(|| ReturnCount {
                    name: agency,
                    ..ReturnCount::default()
                }),
            &mut by_theme[theme_index],
        ] {
            count.expected += 1;
            match item.state {
                ReturnState::Submitted => count.submitted += 1,
                ReturnState::Approved => count.approved += 1,
                _ => count.outstanding += 1,
            }
            if item.overdue {
                count.overdue += 1;
            }
        }
    }
    let reporting = reporting_note(forum, today);
    let mut missing: Vec<ReturnItem> = items
        .into_iter()
        .filter(|i| i.state.outstanding())
        .collect();
    missing.sort_by(|a, b| a.lead.cmp(&b.lead).then(a.state.cmp(&b.state)));
    let missing_text = missing_text(forum, &missing);
    Ok(ReturnsPage {
        forum: forum_ref(forum),
        reporting,
        by_agency: by_agency.into_values().collect(),
        by_theme,
        queue: assessed.queue,
        missing,
        missing_text,
    })
}

/// The missing returns as plain text, grouped by lead agency, for the coordinator's e-mail.
fn missing_text(forum: &forum::Model, missing: &[ReturnItem]) -> String {
    if missing.is_empty() {
        return format!("{}: every return owed has been submitted.", forum.name);
    }
    let mut out = format!("{}: returns not yet submitted\n", forum.name);
    let mut current: Option<&Option<String>> = None;
    for item in missing {
        if current != Some(&item.lead) {
            out.push('\n');
            out.push_str(item.lead.as_deref().unwrap_or("No lead agency named"));
            out.push('\n');
            current = Some(&item.lead);
        }
        out.push_str(&format!(
            "- {} ({}), {}: due {}{}\n",
            item.target,
            item.action,
            item.period.label,
            item.period.deadline.format("%-d %B %Y"),
            match item.state {
                ReturnState::Returned => ", returned for changes",
                ReturnState::Draft => ", draft not submitted",
                _ => "",
            }
        ));
    }
    out
}

/// The page of one target's return for `period` (None: the period being collected, or the
/// latest that can be reported).
///
/// # Errors
/// [`BackendError::NotFound`] for a target of another forum; [`BackendError::Invalid`] for a
/// period that is not one of the target's.
pub async fn update_page(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
    caller: &Caller,
    target_id: i32,
    period: Option<NaiveDate>,
    today: NaiveDate,
) -> BackendResult<UpdatePage> {
    let (t, a, th, s) = crate::backend::plan_edit::target_in(db, forum, target_id).await?;
    let kind: TargetKind = t.kind.parse().map_err(corrupt)?;
    let frequency: Frequency = t.frequency.parse().map_err(corrupt)?;
    let cal = calendar(forum);
    let periods = reportable_periods(forum, &t, &s, today)?;
    let chosen = match period {
        Some(start) => {
            let p = cal.period_containing(start, frequency);
            if p.start != start || !periods.contains(&p) {
                return Err(BackendError::Invalid(format!(
                    "“{}” is not a reporting period of this target: choose one from the list on its page",
                    start.format("%-d %B %Y")
                )));
            }
            p
        }
        None => {
            let owed = cal.return_period(today, frequency);
            if periods.contains(&owed) {
                owed
            } else {
                match periods.last() {
                    Some(p) => *p,
                    None => {
                        return Err(BackendError::Invalid(
                            "this target has no reporting period yet: its strategy has not started"
                                .to_owned(),
                        ));
                    }
                }
            }
        }
    };
    let supporting: Vec<i32> = action_partner::Entity::find()
        .filter(action_partner::Column::ActionId.eq(a.id))
        .all(db)
        .await?
        .into_iter()
        .map(|ap| ap.partner_id)
        .collect();
    let names: HashMap<i32, String> = partner::Entity::find()
        .filter(partner::Column::ForumId.eq(forum.id))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let assessor = Assessor::load(db, forum, std::slice::from_ref(&t), today).await?;
    let history = assessor.history(t.id);
    let current = history.iter().find(|u| u.period_start == chosen.start);
    let events = match current {
        Some(u) => update_events(db, u.id).await?,
        None => Vec::new(),
    };
    let mut ids: Vec<i32> = events.iter().filter_map(|e| e.user_id).collect();
    ids.extend(current.and_then(|u| u.author_id));
    ids.extend(current.and_then(|u| u.decided_by));
    let users = user_names(db, ids.into_iter()).await?;
    let who = |id: Option<i32>| {
        id.and_then(|i| users.get(&i).cloned())
            .unwrap_or_else(|| "Someone".to_owned())
    };
    let update = current
        .map(|u| -> BackendResult<UpdateView> {
            Ok(UpdateView {
                id: u.id,
                version: u.version,
                state: u.state.parse().map_err(corrupt)?,
                value_text: value_text(kind, t.unit.as_deref(), u),
                fields: fields_of(u),
                author: u.author_id.map(|id| who(Some(id))),
                submitted_at: u
                    .submitted_at
                    .map(|at| at.format("%-d %b %Y %H:%M UTC").to_string()),
                decided: u.decided_at.map(|at| {
                    format!(
                        "{} on {}",
                        who(u.decided_by),
                        at.format("%-d %b %Y %H:%M UTC")
                    )
                }),
                comment: u.decision_comment.clone(),
            })
        })
        .transpose()?;
    let cannot = cannot_record(caller, forum, a.lead_partner_id, &supporting, &names);
    let can_review = caller.may(forum.id, crate::domain::role::Permission::ReviewUpdates);
    let mut choices: Vec<PeriodChoice> = periods
        .iter()
        .map(|p| PeriodChoice {
            period: period_view(forum, *p),
            state: history
                .iter()
                .find(|u| u.period_start == p.start)
                .and_then(|u| u.state.parse().ok()),
        })
        .collect();
    choices.reverse();
    let next = if cannot.is_none() {
        let page = my_updates(db, forum, caller, today).await?;
        let outstanding: Vec<&ReturnItem> = page
            .items
            .iter()
            .filter(|i| i.state.outstanding())
            .collect();
        let here = outstanding.iter().position(|i| i.target_id == t.id);
        let after = match here {
            Some(i) => outstanding.get(i + 1),
            None => outstanding.first(),
        };
        after
            .filter(|i| i.target_id != t.id)
            .map(|i| i.href.clone())
    } else {
        None
    };
    let agencies: Vec<String> = a
        .lead_partner_id
        .into_iter()
        .filter_map(|id| names.get(&id).map(|n| format!("{n} (lead)")))
        .chain(supporting.iter().filter_map(|id| names.get(id).cloned()))
        .collect();
    let rows = assessor.history_rows(&t)?;
    Ok(UpdatePage {
        forum: forum_ref(forum),
        strategy: StrategyRef {
            slug: s.slug.clone(),
            title: s.title.clone(),
        },
        theme: th.title.clone(),
        action_id: a.id,
        action: a.title.clone(),
        agencies: if agencies.is_empty() {
            "No agency named".to_owned()
        } else {
            agencies.join(", ")
        },
        target: assessor.row(&t, &s)?,
        target_version: t.version,
        override_reason: t
            .status_override
            .as_ref()
            .and(t.status_override_reason.clone()),
        kind,
        unit: t.unit.clone(),
        is_return_period: chosen == cal.return_period(today, frequency),
        period: period_view(forum, chosen),
        periods: choices,
        update,
        can_record: cannot.is_none(),
        cannot_record: cannot,
        can_review,
        events: events
            .iter()
            .rev()
            .map(|e| UpdateEvent {
                at: e.at.format("%-d %b %Y %H:%M UTC").to_string(),
                who: who(e.user_id),
                what: describe_event(e),
            })
            .collect(),
        history: rows
            .into_iter()
            .zip(history.iter())
            .filter(|(_, u)| u.period_start != chosen.start)
            .map(|(r, _)| r)
            .collect(),
        next,
        today,
    })
}

async fn update_events(
    db: &impl ConnectionTrait,
    update_id: i32,
) -> BackendResult<Vec<audit_event::Model>> {
    Ok(audit_event::Entity::find()
        .filter(audit_event::Column::Entity.eq(record::ENTITY))
        .filter(audit_event::Column::EntityId.eq(update_id))
        .order_by_asc(audit_event::Column::Id)
        .all(db)
        .await?)
}

fn describe_event(e: &audit_event::Model) -> String {
    match (&e.field, e.action.as_str()) {
        (Some(field), _) => format!(
            "changed {} from “{}” to “{}”",
            field.replace('_', " "),
            e.old_value.as_deref().unwrap_or_default(),
            e.new_value.as_deref().unwrap_or_default()
        ),
        (None, action) => e.detail.clone().unwrap_or_else(|| action.to_owned()),
    }
}

fn fields_of(u: &progress_update::Model) -> UpdateFields {
    let n = |v: Option<f64>| v.map(format_number).unwrap_or_default();
    UpdateFields {
        value: n(u.value_number),
        numerator: n(u.value_numerator),
        denominator: n(u.value_denominator),
        done: match u.value_bool {
            Some(true) => "yes".to_owned(),
            Some(false) => "no".to_owned(),
            None => String::new(),
        },
        reached_on: u.value_date.map(|d| d.to_string()).unwrap_or_default(),
        text: u.value_text.clone().unwrap_or_default(),
        narrative: u.narrative.clone().unwrap_or_default(),
        evidence_url: u.evidence_url.clone().unwrap_or_default(),
        public: u.is_public,
    }
}

/// The label of a state, for messages.
pub(crate) fn state_text(state: &str) -> String {
    state_label(state).to_lowercase()
}
