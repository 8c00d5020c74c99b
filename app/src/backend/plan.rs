//! Shared plan reading: finding a forum, and turning stored targets and updates into statuses.
use crate::backend::entity::{
    action, forum, indicator, partner, progress_update, strategy, target, theme,
};
use crate::backend::error::{BackendError, BackendResult};
use crate::domain::period::{Calendar, Period};
use crate::domain::status::{self, Assessment, Observed, Status, TargetRule};
use crate::domain::target::{Direction, Frequency, TargetKind, format_number, format_value};
use crate::domain::views::{ForumRef, IndicatorRef, PartnerRef, TargetRow, UpdateRow};
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// Finds a forum by its URL name.
///
/// # Errors
/// [`BackendError::NotFound`] when there is no such forum.
pub async fn forum_by_slug(db: &impl ConnectionTrait, slug: &str) -> BackendResult<forum::Model> {
    forum::Entity::find()
        .filter(forum::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(BackendError::NotFound("forum"))
}

/// An action of `forum`, with its theme and strategy.
///
/// # Errors
/// [`BackendError::NotFound`] when there is no such action or it belongs to another forum.
pub async fn action_in_forum(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
    action_id: i32,
) -> BackendResult<(action::Model, theme::Model, strategy::Model)> {
    let not_found = || BackendError::NotFound("action");
    let a = action::Entity::find_by_id(action_id)
        .one(db)
        .await?
        .ok_or_else(not_found)?;
    let th = theme::Entity::find_by_id(a.theme_id)
        .one(db)
        .await?
        .ok_or_else(not_found)?;
    let st = strategy::Entity::find_by_id(th.strategy_id)
        .filter(strategy::Column::ForumId.eq(forum.id))
        .one(db)
        .await?
        .ok_or_else(not_found)?;
    Ok((a, th, st))
}

/// The forum as named in links.
pub fn forum_ref(forum: &forum::Model) -> ForumRef {
    ForumRef {
        slug: forum.slug.clone(),
        name: forum.name.clone(),
    }
}

/// The partner as named in links.
pub fn partner_ref(p: &partner::Model) -> PartnerRef {
    PartnerRef {
        id: p.id,
        name: p.name.clone(),
        short_name: p.short_name.clone(),
    }
}

/// The indicator as named in links.
pub fn indicator_ref(i: &indicator::Model) -> IndicatorRef {
    IndicatorRef {
        id: i.id,
        framework: framework_label(&i.framework).to_owned(),
        code: i.code.clone(),
        title: i.title.clone(),
    }
}

/// The label of an indicator framework.
pub fn framework_label(framework: &str) -> &str {
    match framework {
        "best_value" => "Best Value",
        "national" => "National Indicator",
        "lpsa" => "LPSA",
        "policing_plan" => "Policing Plan",
        "local" => "Local",
        other => other,
    }
}

/// The forum's live strategies, in their order.
///
/// # Errors
/// Database errors.
pub async fn live_strategies(
    db: &impl ConnectionTrait,
    forum_id: i32,
) -> BackendResult<Vec<strategy::Model>> {
    Ok(strategy::Entity::find()
        .filter(strategy::Column::ForumId.eq(forum_id))
        .filter(strategy::Column::ArchivedAt.is_null())
        .order_by_asc(strategy::Column::Position)
        .order_by_asc(strategy::Column::Id)
        .all(db)
        .await?)
}

/// The forum's reporting calendar.
pub fn calendar(forum: &forum::Model) -> Calendar {
    Calendar {
        fy_start_month: u32::try_from(forum.fy_start_month).unwrap_or(4),
    }
}

/// The quarter `today` falls in and the eight before it, newest first: the quarters a review
/// can be of and the dashboard can look back at.
pub fn recent_quarters(forum: &forum::Model, today: NaiveDate) -> Vec<Period> {
    let cal = calendar(forum);
    let mut p = cal.period_containing(today, Frequency::Quarterly);
    let mut out = vec![p];
    for _ in 0..8 {
        p = cal.previous(p, Frequency::Quarterly);
        out.push(p);
    }
    out
}

/// The date a strategy's statuses are assessed at: today, or its last day once it has ended
/// (a finished plan is judged on where it stood at its close).
pub fn as_of(strategy: &strategy::Model, today: NaiveDate) -> NaiveDate {
    today.min(strategy.period_end)
}

/// "April 2005 – March 2007".
pub fn period_text(start: NaiveDate, end: NaiveDate) -> String {
    format!("{} – {}", start.format("%B %Y"), end.format("%B %Y"))
}

/// Which of a target's updates an [`Assessor`] reads.
#[derive(Clone, Copy)]
enum Bound {
    /// Every one.
    All,
    /// The latest approved and later periods.
    Current,
    /// What statuses and the returns of the day need.
    Returns,
}

/// Everything needed to assess targets of one strategy.
pub struct Assessor<'a> {
    forum: &'a forum::Model,
    today: NaiveDate,
    /// Updates by target, newest period first.
    updates: HashMap<i32, Vec<progress_update::Model>>,
    indicators: HashMap<i32, indicator::Model>,
}

impl<'a> Assessor<'a> {
    /// Loads the updates of `targets` and the forum's indicators: two queries whatever the size.
    ///
    /// # Errors
    /// Database errors.
    pub async fn load(
        db: &impl ConnectionTrait,
        forum: &'a forum::Model,
        targets: &[target::Model],
        today: NaiveDate,
    ) -> BackendResult<Assessor<'a>> {
        Self::load_with(db, forum, targets, today, Bound::All).await
    }

    /// [`Assessor::load`] with only what statuses need: each target's latest approved update
    /// and the updates of later periods (all of them for a target with none approved), so that
    /// [`Assessor::history`] starts as the full history does but stops at the latest approved.
    /// A forum's dashboard reads a few rows a target instead of every quarter's.
    ///
    /// # Errors
    /// Database errors.
    pub async fn load_current(
        db: &impl ConnectionTrait,
        forum: &'a forum::Model,
        targets: &[target::Model],
        today: NaiveDate,
    ) -> BackendResult<Assessor<'a>> {
        Self::load_with(db, forum, targets, today, Bound::Current).await
    }

    /// [`Assessor::load_current`] with what the returns of `today` also need: every update of
    /// the period a target owes (its frequency's return period) or later, every submitted update
    /// (the approval queue) and every approved update with a date reached (a milestone reached
    /// owes nothing more). The returns pages read these instead of every quarter's.
    ///
    /// # Errors
    /// Database errors.
    pub async fn load_returns(
        db: &impl ConnectionTrait,
        forum: &'a forum::Model,
        targets: &[target::Model],
        today: NaiveDate,
    ) -> BackendResult<Assessor<'a>> {
        Self::load_with(db, forum, targets, today, Bound::Returns).await
    }

    async fn load_with(
        db: &impl ConnectionTrait,
        forum: &'a forum::Model,
        targets: &[target::Model],
        today: NaiveDate,
        bound: Bound,
    ) -> BackendResult<Assessor<'a>> {
        use sea_orm::sea_query::Expr;
        const FROM_LATEST_APPROVED: &str = "progress_update.period_start >= \
            COALESCE((SELECT MAX(q.period_start) FROM progress_update q \
            WHERE q.target_id = progress_update.target_id AND q.state = 'approved'), \
            progress_update.period_start)";
        let cal = calendar(forum);
        let ids: Vec<i32> = targets.iter().map(|t| t.id).collect();
        let mut updates: HashMap<i32, Vec<progress_update::Model>> = HashMap::new();
        for chunk in ids.chunks(900) {
            let mut query = progress_update::Entity::find()
                .filter(progress_update::Column::TargetId.is_in(chunk.to_vec()));
            match bound {
                Bound::All => {}
                Bound::Current => query = query.filter(Expr::cust(FROM_LATEST_APPROVED)),
                Bound::Returns => {
                    // The first day of the period owed, by the target's stored frequency
                    // (literals: the words are ours and the dates are ISO dates).
                    let mut owed = String::from(
                        "progress_update.period_start >= CASE (SELECT t.frequency FROM target t \
                         WHERE t.id = progress_update.target_id)",
                    );
                    for f in Frequency::ALL {
                        owed.push_str(&format!(
                            " WHEN '{}' THEN '{}'",
                            f.as_str(),
                            cal.return_period(today, *f).start.format("%Y-%m-%d")
                        ));
                    }
                    owed.push_str(" ELSE progress_update.period_start END");
                    query = query.filter(Expr::cust(format!(
                        "({FROM_LATEST_APPROVED}) OR ({owed}) \
                         OR progress_update.state = 'submitted' \
                         OR (progress_update.state = 'approved' \
                         AND progress_update.value_date IS NOT NULL)"
                    )));
                }
            }
            let rows = query
                .order_by_desc(progress_update::Column::PeriodStart)
                .all(db)
                .await?;
            for row in rows {
                updates.entry(row.target_id).or_default().push(row);
            }
        }
        let indicators = indicator::Entity::find()
            .filter(indicator::Column::ForumId.eq(forum.id))
            .all(db)
            .await?
            .into_iter()
            .map(|i| (i.id, i))
            .collect();
        Ok(Assessor {
            forum,
            today,
            updates,
            indicators,
        })
    }

    /// The date of the assessment, before any strategy's end is applied.
    pub fn today(&self) -> NaiveDate {
        self.today
    }

    /// The date statuses of `strategy` are assessed at.
    pub fn as_of(&self, strategy: &strategy::Model) -> NaiveDate {
        as_of(strategy, self.today)
    }

    /// The forum being assessed.
    pub fn forum(&self) -> &'a forum::Model {
        self.forum
    }

    /// The latest approved update of a target that is current (the one its status is assessed
    /// on); `None` when there is none or its stored frequency is unknown.
    pub fn current(
        &self,
        t: &target::Model,
        strategy: &strategy::Model,
    ) -> Option<&progress_update::Model> {
        let frequency: Frequency = t.frequency.parse().ok()?;
        self.current_approved(t, strategy, frequency, calendar(self.forum))
    }

    /// The updates of a target, newest first.
    pub fn history(&self, target_id: i32) -> &[progress_update::Model] {
        self.updates.get(&target_id).map_or(&[], Vec::as_slice)
    }

    /// The row shown for a target in plan tables, with its computed status.
    ///
    /// # Errors
    /// [`BackendError::Corrupt`] when a stored kind, direction or frequency is unknown.
    pub fn row(&self, t: &target::Model, strategy: &strategy::Model) -> BackendResult<TargetRow> {
        let kind: TargetKind = t.kind.parse().map_err(corrupt)?;
        let direction: Direction = t.direction.parse().map_err(corrupt)?;
        let frequency: Frequency = t.frequency.parse().map_err(corrupt)?;
        let cal = calendar(self.forum);
        let latest = self.current_approved(t, strategy, frequency, cal);
        let rule = TargetRule {
            kind,
            direction,
            baseline: t.baseline,
            target_value: t.target_value,
            band_low: t.band_low,
            band_high: t.band_high,
            start: t.start_date.unwrap_or(strategy.period_start),
            due: t.due_date.unwrap_or(strategy.period_end),
            population_per: t.population_per,
        };
        let assessment = Assessment {
            as_of: self.as_of(strategy),
            tolerance: self.forum.amber_tolerance,
            population: self.forum.population,
        };
        let status = match t.status_override.as_deref().map(str::parse::<Status>) {
            Some(Ok(overridden)) => overridden,
            _ => status::assess(
                &rule,
                latest.map(|u| observed(kind, u)).as_ref(),
                &assessment,
            ),
        };
        Ok(TargetRow {
            id: t.id,
            title: t.title.clone(),
            kind: kind.label().to_owned(),
            aim: aim_text(t, kind, direction),
            latest: latest.map(|u| value_text(kind, t.unit.as_deref(), u)),
            latest_period: latest.map(|u| {
                cal.label(Period {
                    start: u.period_start,
                    end: u.period_end,
                })
            }),
            due: t.due_date,
            status,
            indicator: t
                .indicator_id
                .and_then(|id| self.indicators.get(&id))
                .map(indicator_ref),
        })
    }

    /// The history rows of a target, newest first.
    ///
    /// # Errors
    /// [`BackendError::Corrupt`] when the stored kind is unknown.
    pub fn history_rows(&self, t: &target::Model) -> BackendResult<Vec<UpdateRow>> {
        let kind: TargetKind = t.kind.parse().map_err(corrupt)?;
        let cal = calendar(self.forum);
        Ok(self
            .history(t.id)
            .iter()
            .map(|u| UpdateRow {
                period: cal.label(Period {
                    start: u.period_start,
                    end: u.period_end,
                }),
                value: value_text(kind, t.unit.as_deref(), u),
                state: state_label(&u.state).to_owned(),
                narrative: u.narrative.clone(),
                evidence_url: u.evidence_url.clone(),
            })
            .collect())
    }

    /// The latest approved update that is current: while the strategy runs, one for the last
    /// completed period or later; once it has ended, the latest there is.
    fn current_approved(
        &self,
        t: &target::Model,
        strategy: &strategy::Model,
        frequency: Frequency,
        cal: Calendar,
    ) -> Option<&progress_update::Model> {
        let latest = self.history(t.id).iter().find(|u| u.state == "approved")?;
        let as_of = self.as_of(strategy);
        if as_of >= strategy.period_end {
            return Some(latest);
        }
        let last_completed = cal.previous(cal.period_containing(as_of, frequency), frequency);
        (latest.period_end >= last_completed.start).then_some(latest)
    }
}

fn corrupt(e: impl std::fmt::Display) -> BackendError {
    BackendError::Corrupt(e.to_string())
}

fn observed(kind: TargetKind, u: &progress_update::Model) -> Observed {
    match kind {
        TargetKind::YesNo => Observed::Done(u.value_bool.unwrap_or(false)),
        TargetKind::Milestone => Observed::Reached(u.value_date),
        TargetKind::Text => Observed::Text,
        _ => number_of(u).map_or(Observed::Text, Observed::Number),
    }
}

/// An update's figure as a number: the number recorded, or the percentage its "how many of how
/// many" make; `None` when it has neither.
pub fn number_of(u: &progress_update::Model) -> Option<f64> {
    match (u.value_number, u.value_numerator, u.value_denominator) {
        (Some(v), _, _) => Some(v),
        (None, Some(n), Some(d)) if d > 0.0 => Some(n / d * 100.0),
        _ => None,
    }
}

/// The aim of a target in words.
pub fn aim_text(t: &target::Model, kind: TargetKind, direction: Direction) -> String {
    let due = t.due_date.map(|d| d.format("%-d %b %Y").to_string());
    let per = t
        .population_per
        .map(|p| format!(" per {} population", format_number(p as f64)))
        .unwrap_or_default();
    match kind {
        TargetKind::YesNo => due.map_or_else(|| "done".to_owned(), |d| format!("done by {d}")),
        TargetKind::Milestone => {
            due.map_or_else(|| "reached".to_owned(), |d| format!("reached by {d}"))
        }
        TargetKind::Text => "reported in words".to_owned(),
        _ if direction == Direction::InBand => match (t.band_low, t.band_high) {
            (Some(lo), Some(hi)) => format!(
                "within {}–{}{per}",
                format_value(kind, lo, None),
                format_value(kind, hi, t.unit.as_deref())
            ),
            _ => "within a band (bounds not set)".to_owned(),
        },
        _ => match t.target_value {
            Some(v) => format!(
                "{} {}{per}",
                direction.label(),
                format_value(kind, v, t.unit.as_deref())
            ),
            None => "measured, no target value set".to_owned(),
        },
    }
}

/// An update's value in words.
pub fn value_text(kind: TargetKind, unit: Option<&str>, u: &progress_update::Model) -> String {
    match kind {
        TargetKind::YesNo => match u.value_bool {
            Some(true) => "Yes".to_owned(),
            Some(false) => "No".to_owned(),
            None => "—".to_owned(),
        },
        TargetKind::Milestone => u.value_date.map_or_else(
            || "Not yet reached".to_owned(),
            |d| format!("Reached {}", d.format("%-d %b %Y")),
        ),
        TargetKind::Text => u
            .value_text
            .clone()
            .unwrap_or_else(|| "Narrative only".to_owned()),
        _ => {
            let main = u.value_number.map(|v| format_value(kind, v, unit));
            let fraction = match (u.value_numerator, u.value_denominator) {
                (Some(n), Some(d)) => Some(format!("{} of {}", format_number(n), format_number(d))),
                _ => None,
            };
            match (main, fraction) {
                (Some(m), Some(f)) => format!("{m} ({f})"),
                (Some(m), None) => m,
                (None, Some(f)) => f,
                (None, None) => "—".to_owned(),
            }
        }
    }
}

/// The label of an update state.
pub fn state_label(state: &str) -> &str {
    match state {
        "draft" => "Draft",
        "submitted" => "Submitted",
        "approved" => "Approved",
        "returned" => "Returned",
        other => other,
    }
}

/// The label of a partner sector.
pub fn sector_label(sector: &str) -> &str {
    match sector {
        "statutory" => "Statutory",
        "voluntary" => "Voluntary",
        "community" => "Community",
        "private" => "Private",
        other => other,
    }
}
