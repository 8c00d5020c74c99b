//! Who is asking: the account behind a session, with its memberships, and what it may do.
use crate::backend::accounts::users::{MembershipOf, memberships_of};
use crate::backend::entity::app_user;
use crate::backend::error::BackendResult;
use crate::backend::sessions;
use crate::domain::account::{Me, MyForum};
use crate::domain::role::{Permission, Role, allows};
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, EntityTrait};

/// A signed-in person, loaded once per request.
#[derive(Clone, Debug, PartialEq)]
pub struct Caller {
    /// The account.
    pub user: app_user::Model,
    /// The forums the account belongs to, with role and agency in each.
    pub memberships: Vec<MembershipOf>,
}

impl Caller {
    /// The account's id.
    pub fn id(&self) -> i32 {
        self.user.id
    }

    /// The membership of forum `forum_id`, if any.
    pub fn membership(&self, forum_id: i32) -> Option<&MembershipOf> {
        self.memberships.iter().find(|m| m.forum.id == forum_id)
    }

    /// The role in forum `forum_id`, if any.
    pub fn role_in(&self, forum_id: i32) -> Option<Role> {
        self.membership(forum_id).map(|m| m.role)
    }

    /// Whether the caller may do `permission` in forum `forum_id` (DESIGN.md §4).
    pub fn may(&self, forum_id: i32, permission: Permission) -> bool {
        allows(self.user.is_admin, self.role_in(forum_id), permission)
    }

    /// The ids of the forums whose existence the caller may know: all for an administrator.
    pub fn visible_forums(&self) -> Option<Vec<i32>> {
        if self.user.is_admin {
            None
        } else {
            Some(self.memberships.iter().map(|m| m.forum.id).collect())
        }
    }

    /// The page header's view of the caller.
    pub fn me(&self) -> Me {
        Me {
            id: self.user.id,
            name: self.user.name.clone(),
            email: self.user.email.clone(),
            is_admin: self.user.is_admin,
            must_change_password: self.user.must_change_password,
            forums: self
                .memberships
                .iter()
                .map(|m| MyForum {
                    slug: m.forum.slug.clone(),
                    name: m.forum.name.clone(),
                    role: m.role,
                    partner: m.partner.as_ref().map(|p| p.name.clone()),
                })
                .collect(),
        }
    }
}

/// The caller behind a session token: None when the session is unknown or expired, or the
/// account has been disabled or removed since (a disabled account's sessions stop at once).
///
/// # Errors
/// Database errors.
pub async fn caller_for_session(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> BackendResult<Option<Caller>> {
    let Some(session) = sessions::resume(db, token, now).await? else {
        return Ok(None);
    };
    let Some(user) = app_user::Entity::find_by_id(session.user_id)
        .one(db)
        .await?
    else {
        sessions::end(db, token).await?;
        return Ok(None);
    };
    if user.disabled_at.is_some() {
        sessions::end(db, token).await?;
        return Ok(None);
    }
    let memberships = memberships_of(db, user.id).await?;
    Ok(Some(Caller { user, memberships }))
}
