//! Loading the live tree of one or more strategies (themes → actions → targets) in a fixed
//! number of queries, and rolling statuses up it.
use crate::backend::entity::{action, forum, partner, strategy, target, theme};
use crate::backend::error::BackendResult;
use crate::backend::plan::{Assessor, as_of, partner_ref, period_text};
use crate::domain::status::{Status, roll_up};
use crate::domain::views::{ActionRow, StrategySummary, ThemeView};
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// The live plan under some strategies, with what is needed to assess it.
pub struct Tree<'a> {
    /// The strategies, in the order given.
    pub strategies: Vec<strategy::Model>,
    /// Themes by strategy id, in order.
    pub themes: HashMap<i32, Vec<theme::Model>>,
    /// Actions by theme id, in order.
    pub actions: HashMap<i32, Vec<action::Model>>,
    /// Targets by action id, in order.
    pub targets: HashMap<i32, Vec<target::Model>>,
    /// The forum's partners by id.
    pub partners: HashMap<i32, partner::Model>,
    /// Statuses and latest values.
    pub assessor: Assessor<'a>,
}

impl<'a> Tree<'a> {
    /// Loads the tree: six queries whatever the size of the plan. The assessor holds what
    /// statuses need ([`Assessor::load_current`]): each target's history down to its latest
    /// approved update.
    ///
    /// # Errors
    /// Database errors.
    pub async fn load(
        db: &impl ConnectionTrait,
        forum: &'a forum::Model,
        strategies: Vec<strategy::Model>,
        today: NaiveDate,
    ) -> BackendResult<Tree<'a>> {
        Self::load_with(db, forum, strategies, today, false).await
    }

    /// [`Tree::load`] with every target's whole history (for the update history export and the
    /// funder report, which looks back for the latest public narrative).
    ///
    /// # Errors
    /// Database errors.
    pub async fn load_with_history(
        db: &impl ConnectionTrait,
        forum: &'a forum::Model,
        strategies: Vec<strategy::Model>,
        today: NaiveDate,
    ) -> BackendResult<Tree<'a>> {
        Self::load_with(db, forum, strategies, today, true).await
    }

    async fn load_with(
        db: &impl ConnectionTrait,
        forum: &'a forum::Model,
        strategies: Vec<strategy::Model>,
        today: NaiveDate,
        whole_history: bool,
    ) -> BackendResult<Tree<'a>> {
        let strategy_ids: Vec<i32> = strategies.iter().map(|s| s.id).collect();
        let themes = theme::Entity::find()
            .filter(theme::Column::StrategyId.is_in(strategy_ids))
            .filter(theme::Column::ArchivedAt.is_null())
            .order_by_asc(theme::Column::Position)
            .order_by_asc(theme::Column::Id)
            .all(db)
            .await?;
        let theme_ids: Vec<i32> = themes.iter().map(|t| t.id).collect();
        let actions = action::Entity::find()
            .filter(action::Column::ThemeId.is_in(theme_ids))
            .filter(action::Column::ArchivedAt.is_null())
            .order_by_asc(action::Column::Position)
            .order_by_asc(action::Column::Id)
            .all(db)
            .await?;
        let action_ids: Vec<i32> = actions.iter().map(|a| a.id).collect();
        let targets = target::Entity::find()
            .filter(target::Column::ActionId.is_in(action_ids))
            .filter(target::Column::ArchivedAt.is_null())
            .order_by_asc(target::Column::Position)
            .order_by_asc(target::Column::Id)
            .all(db)
            .await?;
        let partners = partner::Entity::find()
            .filter(partner::Column::ForumId.eq(forum.id))
            .all(db)
            .await?
            .into_iter()
            .map(|p| (p.id, p))
            .collect();
        let assessor = if whole_history {
            Assessor::load(db, forum, &targets, today).await?
        } else {
            Assessor::load_current(db, forum, &targets, today).await?
        };
        Ok(Tree {
            strategies,
            themes: group(themes, |t| t.strategy_id),
            actions: group(actions, |a| a.theme_id),
            targets: group(targets, |t| t.action_id),
            partners,
            assessor,
        })
    }

    /// The themes of a strategy with their actions, targets and rolled-up statuses.
    ///
    /// # Errors
    /// Stored data that cannot be read.
    pub fn theme_views(&self, strategy: &strategy::Model) -> BackendResult<Vec<ThemeView>> {
        let mut views = Vec::new();
        for th in self.themes.get(&strategy.id).into_iter().flatten() {
            let mut actions = Vec::new();
            for a in self.actions.get(&th.id).into_iter().flatten() {
                actions.push(self.action_row(a, strategy)?);
            }
            views.push(ThemeView {
                id: th.id,
                title: th.title.clone(),
                status: roll_up(actions.iter().map(|a| a.status)),
                actions,
            });
        }
        Ok(views)
    }

    /// One action's row with its targets.
    ///
    /// # Errors
    /// Stored data that cannot be read.
    pub fn action_row(
        &self,
        a: &action::Model,
        strategy: &strategy::Model,
    ) -> BackendResult<ActionRow> {
        let targets = self
            .targets
            .get(&a.id)
            .into_iter()
            .flatten()
            .map(|t| self.assessor.row(t, strategy))
            .collect::<BackendResult<Vec<_>>>()?;
        let computed = roll_up(targets.iter().map(|t| t.status));
        let status = a
            .status_override
            .as_deref()
            .and_then(|s| s.parse().ok())
            .unwrap_or(computed);
        Ok(ActionRow {
            id: a.id,
            title: a.title.clone(),
            lead: a
                .lead_partner_id
                .and_then(|id| self.partners.get(&id))
                .map(partner_ref),
            due: a
                .due_text
                .clone()
                .or_else(|| a.due_date.map(|d| d.format("%-d %b %Y").to_string())),
            status,
            targets,
        })
    }

    /// The summary of a strategy: period, rolled-up status and target counts by status.
    ///
    /// # Errors
    /// Stored data that cannot be read.
    pub fn summary(&self, strategy: &strategy::Model) -> BackendResult<StrategySummary> {
        Ok(self.summary_of(strategy, &self.theme_views(strategy)?))
    }

    /// The summary of a strategy from its already built theme views.
    pub fn summary_of(&self, strategy: &strategy::Model, themes: &[ThemeView]) -> StrategySummary {
        let mut counts: HashMap<Status, u32> = HashMap::new();
        for t in themes
            .iter()
            .flat_map(|th| &th.actions)
            .flat_map(|a| &a.targets)
        {
            *counts.entry(t.status).or_default() += 1;
        }
        let status_counts = Status::ALL
            .iter()
            .filter_map(|s| counts.get(s).map(|n| (*s, *n)))
            .collect();
        let actions: usize = themes.iter().map(|t| t.actions.len()).sum();
        StrategySummary {
            id: strategy.id,
            version: strategy.version,
            slug: strategy.slug.clone(),
            title: strategy.title.clone(),
            period: period_text(strategy.period_start, strategy.period_end),
            status: roll_up(themes.iter().map(|t| t.status)),
            status_counts,
            theme_count: u32::try_from(themes.len()).unwrap_or(u32::MAX),
            action_count: u32::try_from(actions).unwrap_or(u32::MAX),
            as_of: as_of(strategy, self.assessor.today()),
        }
    }
}

fn group<T>(rows: Vec<T>, key: impl Fn(&T) -> i32) -> HashMap<i32, Vec<T>> {
    let mut map: HashMap<i32, Vec<T>> = HashMap::new();
    for row in rows {
        map.entry(key(&row)).or_default().push(row);
    }
    map
}
