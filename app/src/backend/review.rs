//! Review meetings (issue 6, in progress): freezing the plan as a review sees it.
use crate::backend::entity::forum;
use crate::backend::error::BackendResult;
use crate::backend::tree::Tree;
use crate::domain::review::{Snapshot, TargetSnap};
use chrono::NaiveDate;
use sea_orm::ConnectionTrait;

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
    let mut targets = Vec::new();
    for st in &shown {
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
                        latest: t.latest.as_ref().map(|v| match &t.latest_period {
                            Some(p) => format!("{v} ({p})"),
                            None => v.clone(),
                        }),
                        narrative: t.latest.as_ref().and(narrative),
                        due: t.due,
                    });
                }
            }
        }
    }
    Ok(Snapshot { as_of, targets })
}
