//! The report a share link opens: the part of the live plan it covers, assessed at the forum's
//! date exactly as the plan pages assess it, with only what the link shows. Figures pass
//! through the small-number rules ([`crate::domain::suppress`]); narratives appear only when the
//! link shows them and their author marked them public, and only from approved updates.
use super::{live_strategy, open_link, parts_of};
use crate::backend::charts::{StatusBar, status_bars};
use crate::backend::entity::{
    action_resource, forum, progress_update, resource, share_link, target, theme,
};
use crate::backend::error::{BackendError, BackendResult};
use crate::backend::plan::{calendar, live_strategies, period_text};
use crate::backend::progress::forum_today;
use crate::backend::revision::{PageCache, kept_or_built};
use crate::backend::tree::Tree;
use crate::domain::period::Period;
use crate::domain::share::{
    FunderReport, Part, ReportAction, ReportSection, ReportTarget, ScopeKind,
};
use crate::domain::status::{Status, roll_up, tally};
use crate::domain::suppress::{Figure, Shown, figure};
use crate::domain::target::{Frequency, TargetKind};
use crate::domain::views::TargetRow;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::HashSet;

/// What a link covers, resolved: the strategies to load and what to keep of them.
struct Coverage {
    strategies: Vec<crate::backend::entity::strategy::Model>,
    theme: Option<i32>,
    actions: Option<HashSet<i32>>,
    title: String,
}

async fn coverage(
    db: &impl ConnectionTrait,
    forum: &crate::backend::entity::forum::Model,
    scope: ScopeKind,
    id: i32,
) -> BackendResult<Option<Coverage>> {
    Ok(match scope {
        ScopeKind::Strategy => live_strategy(db, forum, id).await?.map(|s| Coverage {
            title: s.title.clone(),
            strategies: vec![s],
            theme: None,
            actions: None,
        }),
        ScopeKind::Theme => {
            let Some(th) = theme::Entity::find_by_id(id)
                .filter(theme::Column::ArchivedAt.is_null())
                .one(db)
                .await?
            else {
                return Ok(None);
            };
            live_strategy(db, forum, th.strategy_id)
                .await?
                .map(|s| Coverage {
                    title: format!("{} — {}", th.title, s.title),
                    strategies: vec![s],
                    theme: Some(th.id),
                    actions: None,
                })
        }
        ScopeKind::Resource => {
            let Some(r) = resource::Entity::find_by_id(id)
                .filter(resource::Column::ForumId.eq(forum.id))
                .filter(resource::Column::ArchivedAt.is_null())
                .one(db)
                .await?
            else {
                return Ok(None);
            };
            let actions = action_resource::Entity::find()
                .filter(action_resource::Column::ResourceId.eq(r.id))
                .all(db)
                .await?
                .into_iter()
                .map(|ar| ar.action_id)
                .collect();
            Some(Coverage {
                title: format!("Actions funded by {}", r.name),
                strategies: live_strategies(db, forum.id).await?,
                theme: None,
                actions: Some(actions),
            })
        }
    })
}

/// The funder report behind `token` at `now`, or `None` when the token opens nothing (unknown,
/// revoked, expired, or what it covered has been archived): the visitor cannot tell which.
///
/// # Errors
/// Database errors; stored data that cannot be read.
pub async fn open(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> BackendResult<Option<FunderReport>> {
    let Some((link, forum)) = open_link(db, token, now).await? else {
        return Ok(None);
    };
    build(db, &link, &forum, forum_today(&forum, now.date_naive())).await
}

/// How many funder reports a server process keeps.
pub const KEPT: usize = 64;

/// Funder reports kept, by link (its id, label, what it shows, its scope) and date.
pub type Kept = PageCache<(i32, String, String, String, i32, NaiveDate), Option<FunderReport>>;

/// [`open`], with the report handed out again from `kept` while the forum's revision and row
/// stay the same (the link itself is looked up and checked on every call).
///
/// # Errors
/// As [`open`].
pub async fn open_kept(
    db: &impl ConnectionTrait,
    kept: &Kept,
    token: &str,
    now: DateTime<Utc>,
) -> BackendResult<Option<FunderReport>> {
    let Some((link, forum)) = open_link(db, token, now).await? else {
        return Ok(None);
    };
    let today = forum_today(&forum, now.date_naive());
    let key = (
        link.id,
        link.label.clone(),
        link.shows.clone(),
        link.scope_kind.clone(),
        link.scope_id,
        today,
    );
    kept_or_built(db, kept, &forum, key, || build(db, &link, &forum, today)).await
}

/// The report of an open `link` of `forum` on `today`.
async fn build(
    db: &impl ConnectionTrait,
    link: &share_link::Model,
    forum: &forum::Model,
    today: NaiveDate,
) -> BackendResult<Option<FunderReport>> {
    let Ok(scope) = link.scope_kind.parse::<ScopeKind>() else {
        return Ok(None);
    };
    let Some(cover) = coverage(db, forum, scope, link.scope_id).await? else {
        return Ok(None);
    };
    let parts = parts_of(link);
    let threshold = u32::try_from(forum.small_number_threshold).unwrap_or(0);
    let cal = calendar(forum);
    let quarter = cal.previous(
        cal.period_containing(today, Frequency::Quarterly),
        Frequency::Quarterly,
    );
    let tree = Tree::load_with_history(db, forum, cover.strategies.clone(), today).await?;
    let several = cover.strategies.len() > 1;
    let shows = |p: Part| parts.contains(&p);
    let mut sections = Vec::new();
    let mut suppressed = 0;
    let mut statuses: Vec<Status> = Vec::new();
    let mut bars = Vec::new();
    for s in &tree.strategies {
        for th in tree.themes.get(&s.id).into_iter().flatten() {
            if cover.theme.is_some_and(|id| id != th.id) {
                continue;
            }
            let mut actions = Vec::new();
            let mut section_statuses = Vec::new();
            for a in tree.actions.get(&th.id).into_iter().flatten() {
                if cover
                    .actions
                    .as_ref()
                    .is_some_and(|set| !set.contains(&a.id))
                {
                    continue;
                }
                let row = tree.action_row(a, s)?;
                let models = tree.targets.get(&a.id).map_or(&[][..], Vec::as_slice);
                let mut targets = Vec::new();
                for (t, r) in models.iter().zip(&row.targets) {
                    section_statuses.push(r.status);
                    targets.push(report_target(&tree, forum, t, r, &parts, &mut suppressed)?);
                }
                actions.push(ReportAction {
                    title: row.title,
                    lead: row.lead.map(|p| p.full_label()),
                    due: row.due,
                    status: shows(Part::Statuses).then_some(row.status),
                    targets,
                });
            }
            if actions.is_empty() && cover.actions.is_some() {
                continue;
            }
            let title = if several {
                format!("{} ({})", th.title, s.title)
            } else {
                th.title.clone()
            };
            bars.push(StatusBar {
                label: title.clone(),
                counts: tally(section_statuses.iter().copied()),
            });
            sections.push(ReportSection {
                title,
                status: shows(Part::Statuses).then(|| roll_up(section_statuses.iter().copied())),
                actions,
            });
            statuses.extend(section_statuses);
        }
    }
    let mut periods: Vec<String> = Vec::new();
    for s in &cover.strategies {
        let p = period_text(s.period_start, s.period_end);
        if !periods.contains(&p) {
            periods.push(p);
        }
    }
    Ok(Some(FunderReport {
        forum: forum.name.clone(),
        label: link.label.clone(),
        title: cover.title,
        period: periods.join("; "),
        as_of: today,
        quarter: cal.label(quarter),
        tally: if shows(Part::Statuses) {
            tally(statuses)
                .into_iter()
                .filter(|(_, n)| *n > 0)
                .collect()
        } else {
            Vec::new()
        },
        chart: shows(Part::Charts)
            .then(|| status_bars("report-chart", "Targets by status and theme", &bars)),
        sections,
        threshold,
        suppressed,
        expires_on: link
            .expires_at
            .map(|e| (e - chrono::Duration::seconds(1)).date_naive()),
        parts,
    }))
}

/// One target as the link may show it.
fn report_target(
    tree: &Tree<'_>,
    forum: &crate::backend::entity::forum::Model,
    t: &target::Model,
    row: &TargetRow,
    parts: &[Part],
    suppressed: &mut u32,
) -> BackendResult<ReportTarget> {
    let kind: TargetKind = t
        .kind
        .parse()
        .map_err(|e: crate::domain::target::UnknownVariant| BackendError::Corrupt(e.to_string()))?;
    let threshold = u32::try_from(forum.small_number_threshold).unwrap_or(0);
    let cal = calendar(forum);
    let label = |u: &progress_update::Model| {
        cal.label(Period {
            start: u.period_start,
            end: u.period_end,
        })
    };
    let mut approved = tree
        .assessor
        .history(t.id)
        .iter()
        .filter(|u| u.state == "approved");
    // The row has a latest figure only when the newest approved update is current.
    let current = approved.clone().next().filter(|_| row.latest.is_some());
    let shown = current.filter(|_| parts.contains(&Part::Values)).map(|u| {
        figure(
            kind,
            t.unit.as_deref(),
            Figure {
                number: u.value_number,
                numerator: u.value_numerator,
                denominator: u.value_denominator,
            },
            threshold,
        )
        .unwrap_or_else(|| Shown::Value(row.latest.clone().unwrap_or_default()))
    });
    let held_back = shown.as_ref().is_some_and(Shown::suppressed);
    if held_back {
        *suppressed += 1;
    }
    let public = if parts.contains(&Part::Narratives) {
        approved.find(|u| u.is_public && u.narrative.is_some())
    } else {
        None
    };
    Ok(ReportTarget {
        title: t.title.clone(),
        aim: row.aim.clone(),
        status: parts.contains(&Part::Statuses).then_some(row.status),
        suppressed: held_back,
        period: shown.as_ref().and(current).map(label),
        latest: shown.as_ref().map(Shown::text),
        narrative: public.and_then(|u| u.narrative.clone()),
        narrative_period: public.map(label),
    })
}
