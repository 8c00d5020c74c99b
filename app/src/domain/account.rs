//! What crosses the wire about accounts: the signed-in person, the administration page, the
//! audit log, and the one-shot message a form leaves for the page it returns to.
use crate::domain::role::Role;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The signed-in person, as the page header and the pages need them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Me {
    /// Account id.
    pub id: i32,
    /// Name shown in the header.
    pub name: String,
    /// Sign-in address.
    pub email: String,
    /// Whether the account administers the installation.
    pub is_admin: bool,
    /// Whether the password must be changed before anything else.
    pub must_change_password: bool,
    /// The forums the person belongs to, by name.
    pub forums: Vec<MyForum>,
}

/// One of the signed-in person's forums.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyForum {
    /// URL name.
    pub slug: String,
    /// Full name.
    pub name: String,
    /// The person's role there.
    pub role: Role,
    /// The agency they report for there, if any.
    pub partner: Option<String>,
}

/// Whether a flash message reports a failure or a success.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlashKind {
    /// The form was refused; the message says what to change.
    Error,
    /// The form did what it was asked.
    Notice,
}

/// A message a plain form post leaves for the page it returns to (read once), with the values
/// typed into the form so that nothing typed is lost (never a password).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Flash {
    /// Failure or success.
    pub kind: FlashKind,
    /// What happened and what to do.
    pub message: String,
    /// The form it belongs to (a page may have several).
    pub form: String,
    /// The values typed, by field name.
    pub fields: Vec<(String, String)>,
    /// Problems with single fields, shown next to them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<crate::domain::plan_form::FieldError>,
    /// Further lines under the message (what changed meanwhile, for a refused stale save).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<String>,
}

impl Flash {
    /// The problem with `field`, if there is one.
    pub fn error(&self, field: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.clone())
    }

    /// The value typed into `field`, or "".
    pub fn field(&self, field: &str) -> String {
        self.fields
            .iter()
            .find(|(name, _)| name == field)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }
}

/// One membership on the administration page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MembershipRow {
    /// The forum's id.
    pub forum_id: i32,
    /// The forum's name.
    pub forum: String,
    /// The role there.
    pub role: Role,
    /// The agency, for a member.
    pub partner: Option<String>,
}

/// One account on the administration page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UserRow {
    /// Account id.
    pub id: i32,
    /// Name.
    pub name: String,
    /// Sign-in address.
    pub email: String,
    /// Administrator of the installation.
    pub is_admin: bool,
    /// Disabled accounts cannot sign in.
    pub disabled: bool,
    /// Still on a one-time password.
    pub must_change_password: bool,
    /// Last successful sign-in.
    pub last_sign_in_at: Option<DateTime<Utc>>,
    /// The account's version, sent back with every change to it (no lost updates).
    pub version: i32,
    /// Forum memberships, by forum name.
    pub memberships: Vec<MembershipRow>,
}

/// A forum and its live partner agencies, for the administration page's choices.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ForumChoice {
    /// Forum id.
    pub id: i32,
    /// Forum name.
    pub name: String,
    /// Its partners: id and name.
    pub partners: Vec<(i32, String)>,
}

/// The administration page: every account and the forums they can be given roles in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UsersPage {
    /// Accounts by name.
    pub users: Vec<UserRow>,
    /// Forums by name.
    pub forums: Vec<ForumChoice>,
}

/// One audit event as shown and exported.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditRow {
    /// Event id (the log's order).
    pub id: i32,
    /// When.
    pub at: DateTime<Utc>,
    /// Who: the person's name and address, or "command line / not signed in".
    pub who: String,
    /// The forum, if the event belongs to one.
    pub forum: Option<String>,
    /// The kind of record (`action`, `app_user`, …).
    pub entity: String,
    /// The record's id.
    pub entity_id: Option<i32>,
    /// What happened (`create`, `sign_in_failed`, …).
    pub action: String,
    /// The field changed.
    pub field: Option<String>,
    /// Value before.
    pub old_value: Option<String>,
    /// Value after.
    pub new_value: Option<String>,
    /// Anything else recorded.
    pub detail: Option<String>,
}

/// What the audit log is filtered by; every part optional.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AuditFilter {
    /// Only this forum's events.
    pub forum_id: Option<i32>,
    /// Only this person's events.
    pub user_id: Option<i32>,
    /// Only events on this kind of record.
    pub entity: Option<String>,
    /// Only this kind of event.
    pub action: Option<String>,
    /// From this day (inclusive).
    pub from: Option<chrono::NaiveDate>,
    /// Up to this day (inclusive).
    pub to: Option<chrono::NaiveDate>,
}

/// The audit log page: the events that match, newest first, and the choices for the filters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditPage {
    /// Matching events, newest first, at most [`AuditPage::LIMIT`].
    pub rows: Vec<AuditRow>,
    /// How many events match in all.
    pub total: u64,
    /// Forums to filter by: id and name.
    pub forums: Vec<(i32, String)>,
    /// People to filter by: id and name.
    pub users: Vec<(i32, String)>,
}

impl AuditPage {
    /// The most events the page shows; the CSV export has them all.
    pub const LIMIT: u64 = 200;
}

/// The history of one action and its targets, for a coordinator.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HistoryPage {
    /// The forum.
    pub forum: crate::domain::views::ForumRef,
    /// The action's id.
    pub action_id: i32,
    /// The action's title.
    pub action_title: String,
    /// Events, newest first.
    pub rows: Vec<AuditRow>,
}

/// One of a person's API tokens, as their tokens page lists it (never the token itself).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiTokenRow {
    /// Database id.
    pub id: i32,
    /// What it is for.
    pub label: String,
    /// The day it was made.
    pub created_on: chrono::NaiveDate,
    /// The day it was last used, if ever.
    pub last_used_on: Option<chrono::NaiveDate>,
    /// Whether it has been revoked.
    pub revoked: bool,
}

/// A person's API tokens page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiTokensPage {
    /// Whether they may make tokens (a coordinator of some forum, or an administrator).
    pub may_create: bool,
    /// Their tokens, newest first.
    pub tokens: Vec<ApiTokenRow>,
    /// The forums a token of theirs reads, with their role in each ("Wolverhampton DV Forum
    /// (Coordinator)").
    pub forums: Vec<String>,
}
