//! What every plan edit shares: who is editing which forum, version claims, conflicts, audit.
use crate::backend::accounts::audit::AuditEntry;
use crate::backend::entity::{
    action, app_user, audit_event, forum, indicator, partner, resource, strategy, target, theme,
};
use crate::backend::error::{BackendError, BackendResult};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// Who is editing which forum, and when.
#[derive(Clone, Copy, Debug)]
pub struct Editor<'a> {
    /// The forum being edited.
    pub forum: &'a forum::Model,
    /// The account making the change (None: the command line).
    pub actor: Option<i32>,
    /// The time stamped on the change.
    pub now: DateTime<Utc>,
}

/// The outcome of a save: the record's id, what to tell the person, and warnings worth reading
/// (a due date outside the strategy's period) that did not stop the save.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Saved {
    /// The record created or changed.
    pub id: i32,
    /// "Saved “Information Sharing Protocol”."
    pub message: String,
    /// Things to check.
    pub warnings: Vec<String>,
}

impl Saved {
    /// The message with its warnings, as one notice.
    pub fn notice(&self) -> String {
        let mut out = self.message.clone();
        for w in &self.warnings {
            out.push_str(" Check: ");
            out.push_str(w);
        }
        out
    }
}

/// A record's editable fields as (field, value) text, for the audit trail.
pub(crate) type Fields = Vec<(&'static str, String)>;

pub(crate) fn opt(value: Option<&str>) -> String {
    value.unwrap_or_default().to_owned()
}

pub(crate) fn num(value: Option<f64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

impl<'a> Editor<'a> {
    /// The command line editing `forum` now (no account).
    pub fn command_line(forum: &'a forum::Model) -> Self {
        Editor {
            forum,
            actor: None,
            now: Utc::now(),
        }
    }
}

impl Editor<'_> {
    /// Appends one event for `action` on a record (create, archive, delete, move, merge…).
    pub(crate) async fn record(
        &self,
        db: &impl ConnectionTrait,
        entity: &'static str,
        id: i32,
        action: &'static str,
        detail: String,
        version: Option<i32>,
    ) -> BackendResult<()> {
        self.entry(entity, id, action, detail, version)
            .append(db, self.now)
            .await
    }

    /// The event [`Editor::record`] appends, for appending with others.
    pub(crate) fn entry(
        &self,
        entity: &'static str,
        id: i32,
        action: &'static str,
        detail: String,
        version: Option<i32>,
    ) -> AuditEntry {
        AuditEntry {
            forum_id: Some(self.forum.id),
            user_id: self.actor,
            entity_id: Some(id),
            detail: Some(detail),
            entity_version: version,
            ..AuditEntry::new(entity, action)
        }
    }

    /// Appends one `update` event per field that differs between `before` and `after`.
    pub(crate) async fn record_changes(
        &self,
        db: &impl ConnectionTrait,
        entity: &'static str,
        id: i32,
        version: i32,
        before: &Fields,
        after: &Fields,
    ) -> BackendResult<usize> {
        let mut changed = 0;
        for ((field, old), (_, new)) in before.iter().zip(after) {
            if old != new {
                changed += 1;
                AuditEntry {
                    forum_id: Some(self.forum.id),
                    user_id: self.actor,
                    entity_id: Some(id),
                    field: Some((*field).to_owned()),
                    old_value: Some(old.clone()),
                    new_value: Some(new.clone()),
                    entity_version: Some(version),
                    ..AuditEntry::new(entity, "update")
                }
                .append(db, self.now)
                .await?;
            }
        }
        Ok(changed)
    }
}

/// The refusal of a save made from a stale page: what changed since `version`, by whom and when,
/// from the audit trail.
pub(crate) async fn conflict(
    db: &impl ConnectionTrait,
    entity: &'static str,
    id: i32,
    version: i32,
    what: String,
) -> BackendError {
    let events = match audit_event::Entity::find()
        .filter(audit_event::Column::Entity.eq(entity))
        .filter(audit_event::Column::EntityId.eq(id))
        .filter(audit_event::Column::EntityVersion.gt(version))
        .order_by_asc(audit_event::Column::Id)
        .all(db)
        .await
    {
        Ok(events) => events,
        Err(e) => return e.into(),
    };
    let user_ids: Vec<i32> = events.iter().filter_map(|e| e.user_id).collect();
    let names: HashMap<i32, String> = match app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(user_ids))
        .all(db)
        .await
    {
        Ok(users) => users.into_iter().map(|u| (u.id, u.name)).collect(),
        Err(e) => return e.into(),
    };
    let changes = events
        .iter()
        .map(|e| {
            let who = e
                .user_id
                .and_then(|u| names.get(&u).cloned())
                .unwrap_or_else(|| "Someone".to_owned());
            let when = e.at.format("%-d %b %Y %H:%M UTC");
            match (&e.field, e.action.as_str()) {
                (Some(field), _) => format!(
                    "{who} changed {} from “{}” to “{}” ({when}).",
                    field.replace('_', " "),
                    e.old_value.as_deref().unwrap_or_default(),
                    e.new_value.as_deref().unwrap_or_default()
                ),
                (None, action) => format!(
                    "{who}: {action} ({when}).",
                    action = e.detail.as_deref().unwrap_or(action)
                ),
            }
        })
        .collect();
    BackendError::Conflict {
        message: format!(
            "{what} was changed by someone else since you opened this page, so your save was not made. \
             The page now shows the saved values and keeps what you typed in the form: \
             check what changed meanwhile (listed below), then save again to apply your edit."
        ),
        changes,
    }
}

/// Claims a record for a change: bumps its version if it is still `version`, or refuses with
/// what changed meanwhile. Returns the new version.
macro_rules! claim {
    ($db:expr, $module:ident, $entity:literal, $id:expr, $version:expr, $what:expr) => {{
        use sea_orm::sea_query::Expr;
        let updated = $module::Entity::update_many()
            .col_expr($module::Column::Version, Expr::value($version + 1))
            .filter($module::Column::Id.eq($id))
            .filter($module::Column::Version.eq($version))
            .exec($db)
            .await?;
        if updated.rows_affected == 0 {
            return Err($crate::backend::plan_edit::common::conflict(
                $db, $entity, $id, $version, $what,
            )
            .await);
        }
        $version + 1
    }};
}
pub(crate) use claim;

fn not_found<T>(what: &'static str) -> impl FnOnce() -> BackendResult<T> {
    move || Err(BackendError::NotFound(what))
}

/// A strategy of the forum.
pub(crate) async fn strategy_in(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
    id: i32,
) -> BackendResult<strategy::Model> {
    match strategy::Entity::find_by_id(id).one(db).await? {
        Some(s) if s.forum_id == forum.id => Ok(s),
        _ => not_found("strategy")(),
    }
}

/// A theme of the forum, with its strategy.
pub(crate) async fn theme_in(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
    id: i32,
) -> BackendResult<(theme::Model, strategy::Model)> {
    let Some(th) = theme::Entity::find_by_id(id).one(db).await? else {
        return not_found("theme")();
    };
    match strategy::Entity::find_by_id(th.strategy_id).one(db).await? {
        Some(s) if s.forum_id == forum.id => Ok((th, s)),
        _ => not_found("theme")(),
    }
}

/// A target of the forum, with its action, theme and strategy.
pub(crate) async fn target_in(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
    id: i32,
) -> BackendResult<(target::Model, action::Model, theme::Model, strategy::Model)> {
    let Some(t) = target::Entity::find_by_id(id).one(db).await? else {
        return not_found("target")();
    };
    let (a, th, st) = crate::backend::plan::action_in_forum(db, forum, t.action_id)
        .await
        .map_err(|e| match e {
            BackendError::NotFound(_) => BackendError::NotFound("target"),
            other => other,
        })?;
    Ok((t, a, th, st))
}

/// A partner of the forum.
pub(crate) async fn partner_in(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
    id: i32,
) -> BackendResult<partner::Model> {
    match partner::Entity::find_by_id(id).one(db).await? {
        Some(p) if p.forum_id == forum.id => Ok(p),
        _ => not_found("partner")(),
    }
}

/// A resource of the forum.
pub(crate) async fn resource_in(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
    id: i32,
) -> BackendResult<resource::Model> {
    match resource::Entity::find_by_id(id).one(db).await? {
        Some(r) if r.forum_id == forum.id => Ok(r),
        _ => not_found("resource")(),
    }
}

/// An indicator of the forum.
pub(crate) async fn indicator_in(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
    id: i32,
) -> BackendResult<indicator::Model> {
    match indicator::Entity::find_by_id(id).one(db).await? {
        Some(i) if i.forum_id == forum.id => Ok(i),
        _ => not_found("indicator")(),
    }
}

/// A warning when `date` falls outside the strategy's period.
pub(crate) fn period_warning(
    what: &str,
    date: Option<chrono::NaiveDate>,
    s: &strategy::Model,
) -> Option<String> {
    let d = date?;
    let fmt = |d: chrono::NaiveDate| d.format("%-d %B %Y").to_string();
    if d < s.period_start || d > s.period_end {
        Some(format!(
            "the {what} due date {} is outside the strategy's period ({} to {}).",
            fmt(d),
            fmt(s.period_start),
            fmt(s.period_end)
        ))
    } else {
        None
    }
}
