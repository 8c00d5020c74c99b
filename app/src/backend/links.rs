//! Actions listed outside their strategy (on partner and indicator pages), with their statuses,
//! in a fixed number of queries.
use crate::backend::entity::{action, forum, strategy, target, theme};
use crate::backend::error::BackendResult;
use crate::backend::plan::Assessor;
use crate::domain::status::roll_up;
use crate::domain::views::{ActionLink, TargetRow};
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// Live actions of a forum with their themes, strategies, targets and statuses.
pub struct ActionSet<'a> {
    actions: Vec<action::Model>,
    themes: HashMap<i32, theme::Model>,
    strategies: HashMap<i32, strategy::Model>,
    targets: Vec<target::Model>,
    assessor: Assessor<'a>,
}

impl<'a> ActionSet<'a> {
    /// Loads the live actions among `ids` that belong to `forum` (others are dropped).
    ///
    /// # Errors
    /// Database errors.
    pub async fn load(
        db: &impl ConnectionTrait,
        forum: &'a forum::Model,
        ids: Vec<i32>,
        today: NaiveDate,
    ) -> BackendResult<ActionSet<'a>> {
        let strategies: HashMap<i32, strategy::Model> = strategy::Entity::find()
            .filter(strategy::Column::ForumId.eq(forum.id))
            .filter(strategy::Column::ArchivedAt.is_null())
            .all(db)
            .await?
            .into_iter()
            .map(|s| (s.id, s))
            .collect();
        let themes: HashMap<i32, theme::Model> = theme::Entity::find()
            .filter(theme::Column::StrategyId.is_in(strategies.keys().copied().collect::<Vec<_>>()))
            .filter(theme::Column::ArchivedAt.is_null())
            .all(db)
            .await?
            .into_iter()
            .map(|t| (t.id, t))
            .collect();
        let mut actions = Vec::new();
        for chunk in ids.chunks(900) {
            actions.extend(
                action::Entity::find()
                    .filter(action::Column::Id.is_in(chunk.to_vec()))
                    .filter(action::Column::ArchivedAt.is_null())
                    .order_by_asc(action::Column::Position)
                    .all(db)
                    .await?
                    .into_iter()
                    .filter(|a| themes.contains_key(&a.theme_id)),
            );
        }
        let mut targets = Vec::new();
        let action_ids: Vec<i32> = actions.iter().map(|a| a.id).collect();
        for chunk in action_ids.chunks(900) {
            targets.extend(
                target::Entity::find()
                    .filter(target::Column::ActionId.is_in(chunk.to_vec()))
                    .filter(target::Column::ArchivedAt.is_null())
                    .order_by_asc(target::Column::Position)
                    .all(db)
                    .await?,
            );
        }
        let assessor = Assessor::load_current(db, forum, &targets, today).await?;
        Ok(ActionSet {
            actions,
            themes,
            strategies,
            targets,
            assessor,
        })
    }

    /// The strategy an action belongs to.
    fn strategy_of(&self, a: &action::Model) -> Option<(&theme::Model, &strategy::Model)> {
        let th = self.themes.get(&a.theme_id)?;
        Some((th, self.strategies.get(&th.strategy_id)?))
    }

    /// The link row of one loaded action, or None if it was not loaded.
    ///
    /// # Errors
    /// Stored data that cannot be read.
    pub fn link(&self, action_id: i32) -> BackendResult<Option<ActionLink>> {
        let Some(a) = self.actions.iter().find(|a| a.id == action_id) else {
            return Ok(None);
        };
        let Some((th, st)) = self.strategy_of(a) else {
            return Ok(None);
        };
        let rows = self
            .targets
            .iter()
            .filter(|t| t.action_id == a.id)
            .map(|t| self.assessor.row(t, st))
            .collect::<BackendResult<Vec<_>>>()?;
        let computed = roll_up(rows.iter().map(|r| r.status));
        Ok(Some(ActionLink {
            id: a.id,
            title: a.title.clone(),
            strategy: st.title.clone(),
            theme: th.title.clone(),
            status: a
                .status_override
                .as_deref()
                .and_then(|s| s.parse().ok())
                .unwrap_or(computed),
        }))
    }

    /// Links for every loaded action, in plan order (strategy, theme, position).
    ///
    /// # Errors
    /// Stored data that cannot be read.
    pub fn links(&self) -> BackendResult<Vec<ActionLink>> {
        let mut ordered: Vec<&action::Model> = self.actions.iter().collect();
        ordered.sort_by_key(|a| {
            let th = self.themes.get(&a.theme_id);
            (th.map(|t| (t.strategy_id, t.position)), a.position, a.id)
        });
        ordered
            .iter()
            .filter_map(|a| self.link(a.id).transpose())
            .collect()
    }

    /// The row of a loaded target.
    ///
    /// # Errors
    /// Stored data that cannot be read.
    pub fn target_row(&self, t: &target::Model) -> BackendResult<Option<TargetRow>> {
        let Some(a) = self.actions.iter().find(|a| a.id == t.action_id) else {
            return Ok(None);
        };
        let Some((_, st)) = self.strategy_of(a) else {
            return Ok(None);
        };
        self.assessor.row(t, st).map(Some)
    }
}
