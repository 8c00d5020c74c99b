//! Who may do what (DESIGN.md §4): a person's role in one forum, and the permission table.
//!
//! The table is decided here, once, as a pure function; the server asks it for the caller's role
//! in the forum in question. Two refinements live elsewhere because they need the database:
//! - a member may record updates only for actions its agency leads or supports, so
//!   [`allows`] grants [`Permission::RecordUpdate`] to a member and the update use case narrows it
//!   to the actions of the membership's partner;
//! - a funder sees one report through a share link, which is not a role and is checked by the
//!   share link itself.
use serde::{Deserialize, Serialize};

/// A person's role in one forum; an administrator is not a role but a flag on the account.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Runs the forum's plan: edits it, records and approves updates.
    Coordinator,
    /// Works for one partner agency: records updates for the actions that agency leads or supports.
    Member,
    /// Reads the forum's plan, dashboards and internal notes.
    Viewer,
}

crate::domain::target::text_enum!(Role, "role",
    Coordinator => "coordinator", "Coordinator",
    Member => "member", "Member",
    Viewer => "viewer", "Viewer",
);

/// Something a person may or may not do: one row of the table in DESIGN.md §4.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    /// Change the plan's structure: strategies, themes, actions, targets, partners, resources.
    EditPlan,
    /// Record a progress update (a member: only for its agency's actions, checked elsewhere).
    RecordUpdate,
    /// Approve or return submitted updates.
    ReviewUpdates,
    /// Open review meetings and record their decisions and actions arising.
    ManageReviews,
    /// See the forum at all: its pages, dashboards and internal notes.
    ViewForum,
    /// See who changed what in the forum's plan: the history of an action or target.
    ViewHistory,
    /// See the funder report.
    ViewFunderReport,
    /// Create and revoke the share links that open funder reports to people without an account.
    ShareReports,
    /// Manage accounts, forums and backups of the whole installation.
    Administer,
}

crate::domain::target::text_enum!(Permission, "permission",
    EditPlan => "edit_plan", "Edit plan structure",
    RecordUpdate => "record_update", "Record updates",
    ReviewUpdates => "review_updates", "Approve or return updates",
    ManageReviews => "manage_reviews", "Hold review meetings and record decisions",
    ViewForum => "view_forum", "See dashboards and internal notes",
    ViewHistory => "view_history", "See the history of changes",
    ViewFunderReport => "view_funder_report", "See the funder report",
    ShareReports => "share_reports", "Create and revoke funder share links",
    Administer => "administer", "Manage accounts, forums and backups",
);

/// Whether someone with these rights may do `permission` in a forum: `is_admin` is the account's
/// administrator flag, `role` the account's role in that forum (`None`: no membership of it).
///
/// A member is allowed [`Permission::RecordUpdate`] here; the use case that records an update
/// narrows it to the actions its partner agency leads or supports.
pub fn allows(is_admin: bool, role: Option<Role>, permission: Permission) -> bool {
    if is_admin {
        return true;
    }
    let Some(role) = role else {
        // Without a role in the forum nothing of it is visible, not even its existence.
        return false;
    };
    match permission {
        Permission::EditPlan
        | Permission::ReviewUpdates
        | Permission::ManageReviews
        | Permission::ShareReports
        | Permission::ViewHistory => role == Role::Coordinator,
        Permission::RecordUpdate => matches!(role, Role::Coordinator | Role::Member),
        Permission::ViewForum | Permission::ViewFunderReport => true,
        Permission::Administer => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// DESIGN.md §4, transcribed: (permission, admin, coordinator, member, viewer).
    const TABLE: &[(Permission, bool, bool, bool, bool)] = &[
        (Permission::EditPlan, true, true, false, false),
        (Permission::RecordUpdate, true, true, true, false),
        (Permission::ReviewUpdates, true, true, false, false),
        (Permission::ManageReviews, true, true, false, false),
        (Permission::ViewForum, true, true, true, true),
        (Permission::ViewHistory, true, true, false, false),
        (Permission::ViewFunderReport, true, true, true, true),
        (Permission::ShareReports, true, true, false, false),
        (Permission::Administer, true, false, false, false),
    ];

    #[test]
    fn the_table_covers_every_permission_once() {
        for p in Permission::ALL {
            assert_eq!(TABLE.iter().filter(|row| row.0 == *p).count(), 1, "{p:?}");
        }
        assert_eq!(TABLE.len(), Permission::ALL.len());
    }

    #[test]
    fn every_cell_of_the_table() {
        for &(p, admin, coordinator, member, viewer) in TABLE {
            assert_eq!(allows(true, None, p), admin, "admin, {p:?}");
            assert_eq!(
                allows(false, Some(Role::Coordinator), p),
                coordinator,
                "coordinator, {p:?}"
            );
            assert_eq!(
                allows(false, Some(Role::Member), p),
                member,
                "member, {p:?}"
            );
            assert_eq!(
                allows(false, Some(Role::Viewer), p),
                viewer,
                "viewer, {p:?}"
            );
        }
    }

    #[test]
    fn an_administrator_may_do_everything_whatever_the_role() {
        for p in Permission::ALL {
            for role in Role::ALL {
                assert!(allows(true, Some(*role), *p), "{role:?} {p:?}");
            }
        }
    }

    #[test]
    fn no_role_in_the_forum_allows_nothing() {
        for p in Permission::ALL {
            assert!(!allows(false, None, *p), "{p:?}");
        }
    }

    #[test]
    fn roles_are_stored_as_snake_case_text() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(*role));
        }
        assert_eq!(Role::Coordinator.as_str(), "coordinator");
        assert_eq!(Role::Member.as_str(), "member");
        assert_eq!(Role::Viewer.as_str(), "viewer");
        assert!(
            "admin".parse::<Role>().is_err(),
            "admin is a flag, not a role"
        );
        for p in Permission::ALL {
            assert_eq!(p.as_str().parse::<Permission>(), Ok(*p));
        }
    }
}
