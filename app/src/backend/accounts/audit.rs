//! Appending to the audit log: who did what to which record, and when.
use crate::backend::entity::audit_event;
use crate::backend::error::BackendResult;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

/// One event to append to the audit log (the log is append-only: nothing updates or deletes it).
#[derive(Clone, Debug, Default)]
pub struct AuditEntry {
    /// The forum the change belongs to, if any (its coordinators see it in the forum's history).
    pub forum_id: Option<i32>,
    /// Who did it: a signed-in user, or `None` for the command line or an anonymous attempt.
    pub user_id: Option<i32>,
    /// The table of the record concerned (`app_user`, `forum`, …).
    pub entity: &'static str,
    /// The record concerned, once it has an id.
    pub entity_id: Option<i32>,
    /// What happened (`create`, `sign_in`, `sign_in_failed`, …).
    pub action: &'static str,
    /// The field changed, for a change of one field.
    pub field: Option<String>,
    /// The value before.
    pub old_value: Option<String>,
    /// The value after (never a password or a hash of one).
    pub new_value: Option<String>,
    /// Anything else worth knowing (never a password).
    pub detail: Option<String>,
    /// The record's version after the change (plan records), so that a stale save can be shown
    /// what changed since the version it started from.
    pub entity_version: Option<i32>,
}

impl AuditEntry {
    /// An entry for `action` on a record of `entity`; fill in the rest with struct update syntax.
    pub fn new(entity: &'static str, action: &'static str) -> Self {
        AuditEntry {
            entity,
            action,
            ..AuditEntry::default()
        }
    }

    /// The row this entry becomes, stamped `at`.
    pub fn row(self, at: DateTime<Utc>) -> audit_event::ActiveModel {
        audit_event::ActiveModel {
            forum_id: Set(self.forum_id),
            user_id: Set(self.user_id),
            at: Set(at),
            entity: Set(self.entity.to_owned()),
            entity_id: Set(self.entity_id),
            action: Set(self.action.to_owned()),
            field: Set(self.field),
            old_value: Set(self.old_value),
            new_value: Set(self.new_value),
            detail: Set(self.detail),
            entity_version: Set(self.entity_version),
            ..Default::default()
        }
    }

    /// Appends the entry, stamped `at`.
    ///
    /// # Errors
    /// Database errors.
    pub async fn append(self, db: &impl ConnectionTrait, at: DateTime<Utc>) -> BackendResult<()> {
        self.row(at).insert(db).await?;
        Ok(())
    }

    /// Appends many entries, stamped `at`, in their order, many to a statement.
    ///
    /// # Errors
    /// Database errors.
    pub async fn append_all(
        entries: Vec<AuditEntry>,
        db: &impl ConnectionTrait,
        at: DateTime<Utc>,
    ) -> BackendResult<()> {
        crate::backend::db::insert_all(db, entries.into_iter().map(|e| e.row(at)).collect()).await
    }
}
