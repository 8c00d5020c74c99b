//! Reading the audit log: the administrator's filtered view and CSV export, and a coordinator's
//! history of one action and its targets. (Appending is [`crate::backend::accounts::AuditEntry`];
//! nothing in the application updates or deletes an event.)
use crate::backend::entity::{app_user, audit_event, forum, target};
use crate::backend::error::BackendResult;
use crate::backend::plan::{action_in_forum, forum_ref};
use crate::domain::account::{AuditFilter, AuditPage, AuditRow, HistoryPage};
use chrono::{Days, NaiveTime};
use sea_orm::sea_query::Condition;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Select,
};
use std::collections::HashMap;

fn filtered(filter: &AuditFilter) -> Select<audit_event::Entity> {
    let mut q = audit_event::Entity::find();
    if let Some(id) = filter.forum_id {
        q = q.filter(audit_event::Column::ForumId.eq(id));
    }
    if let Some(id) = filter.user_id {
        q = q.filter(audit_event::Column::UserId.eq(id));
    }
    if let Some(entity) = filter.entity.as_deref().filter(|e| !e.is_empty()) {
        q = q.filter(audit_event::Column::Entity.eq(entity));
    }
    if let Some(action) = filter.action.as_deref().filter(|a| !a.is_empty()) {
        q = q.filter(audit_event::Column::Action.eq(action));
    }
    if let Some(from) = filter.from {
        q = q.filter(audit_event::Column::At.gte(from.and_time(NaiveTime::MIN).and_utc()));
    }
    if let Some(to) = filter.to.and_then(|d| d.checked_add_days(Days::new(1))) {
        q = q.filter(audit_event::Column::At.lt(to.and_time(NaiveTime::MIN).and_utc()));
    }
    q.order_by_desc(audit_event::Column::Id)
}

/// Events as rows, with the names of the people and forums they name (two more queries).
async fn rows(
    db: &impl ConnectionTrait,
    events: Vec<audit_event::Model>,
) -> BackendResult<Vec<AuditRow>> {
    let users: HashMap<i32, String> = app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(events.iter().filter_map(|e| e.user_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, format!("{} <{}>", u.name, u.email)))
        .collect();
    let forums: HashMap<i32, String> = forum::Entity::find()
        .filter(forum::Column::Id.is_in(events.iter().filter_map(|e| e.forum_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|f| (f.id, f.name))
        .collect();
    Ok(events
        .into_iter()
        .map(|e| AuditRow {
            id: e.id,
            at: e.at,
            who: match e.user_id {
                Some(id) => users
                    .get(&id)
                    .cloned()
                    .unwrap_or_else(|| format!("account {id}")),
                None => "command line or not signed in".to_owned(),
            },
            forum: e.forum_id.and_then(|id| forums.get(&id).cloned()),
            entity: e.entity,
            entity_id: e.entity_id,
            action: e.action,
            field: e.field,
            old_value: e.old_value,
            new_value: e.new_value,
            detail: e.detail,
        })
        .collect())
}

/// The administrator's audit page: the newest [`AuditPage::LIMIT`] matching events, the number
/// matching, and the forums and people to filter by.
///
/// # Errors
/// Database errors.
#[tracing::instrument(skip(db))]
pub async fn page(db: &impl ConnectionTrait, filter: &AuditFilter) -> BackendResult<AuditPage> {
    let total = filtered(filter).count(db).await?;
    let events = filtered(filter).limit(AuditPage::LIMIT).all(db).await?;
    let forums = forum::Entity::find()
        .order_by_asc(forum::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|f| (f.id, f.name))
        .collect();
    let users = app_user::Entity::find()
        .order_by_asc(app_user::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    Ok(AuditPage {
        rows: rows(db, events).await?,
        total,
        forums,
        users,
    })
}

/// One CSV field, quoted and neutralised against formula injection as every export is.
pub use crate::domain::spreadsheet::csv_field;

/// Every matching event as CSV (UTF-8 with a byte-order mark, so that Excel reads it right),
/// newest first, one header row.
///
/// # Errors
/// Database errors.
#[tracing::instrument(skip(db))]
pub async fn csv(db: &impl ConnectionTrait, filter: &AuditFilter) -> BackendResult<String> {
    let events = filtered(filter).all(db).await?;
    let mut out = String::from(
        "\u{feff}id,at (UTC),who,forum,record,record id,action,field,old value,new value,detail\r\n",
    );
    for r in rows(db, events).await? {
        let id = r.entity_id.map(|i| i.to_string()).unwrap_or_default();
        let cells = [
            r.id.to_string(),
            r.at.format("%Y-%m-%d %H:%M:%S").to_string(),
            r.who,
            r.forum.unwrap_or_default(),
            r.entity,
            id,
            r.action,
            r.field.unwrap_or_default(),
            r.old_value.unwrap_or_default(),
            r.new_value.unwrap_or_default(),
            r.detail.unwrap_or_default(),
        ];
        let line: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    Ok(out)
}

/// The history of action `action_id` of `forum` and of its targets, newest first.
///
/// # Errors
/// [`crate::backend::error::BackendError::NotFound`] when the action is not one of the forum's; database errors.
#[tracing::instrument(skip(db, forum))]
pub async fn action_history(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
    action_id: i32,
) -> BackendResult<HistoryPage> {
    let (a, _, _) = action_in_forum(db, forum, action_id).await?;
    let target_ids: Vec<i32> = target::Entity::find()
        .filter(target::Column::ActionId.eq(a.id))
        .all(db)
        .await?
        .into_iter()
        .map(|t| t.id)
        .collect();
    let events = audit_event::Entity::find()
        .filter(
            Condition::any()
                .add(
                    Condition::all()
                        .add(audit_event::Column::Entity.eq("action"))
                        .add(audit_event::Column::EntityId.eq(a.id)),
                )
                .add(
                    Condition::all()
                        .add(audit_event::Column::Entity.eq("target"))
                        .add(audit_event::Column::EntityId.is_in(target_ids)),
                ),
        )
        .order_by_desc(audit_event::Column::Id)
        .all(db)
        .await?;
    Ok(HistoryPage {
        forum: forum_ref(forum),
        action_id: a.id,
        action_title: a.title,
        rows: rows(db, events).await?,
    })
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn csv_fields_are_quoted_and_formulas_neutralised() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("+1"), "'+1");
        assert_eq!(csv_field("-2"), "'-2");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
    }
}
