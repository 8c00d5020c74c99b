//! Demo accounts, one per role, so that the demo forum can be tried as each kind of user.
use crate::backend::accounts::{Email, NewUser, Password, add_user};
use crate::backend::entity::{app_user, forum, partner};
use crate::backend::error::{BackendError, BackendResult};
use crate::domain::role::Role;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

/// The demo accounts' password unless `FORUMPLAN_DEMO_PASSWORD` sets another. The demo is for
/// trying ForumPlan out; a real installation starts with `--no-demo` and its own accounts.
pub const DEFAULT_PASSWORD: &str = "forumplan-demo";

/// A demo account: how to sign in as it, and what it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoAccount {
    /// Sign-in address.
    pub email: &'static str,
    /// What the account can do.
    pub what: &'static str,
}

/// One demo account to create.
struct Spec {
    email: &'static str,
    name: &'static str,
    /// The role in the demo forum; None for the administrator.
    role: Option<Role>,
    /// The agency a member reports for.
    partner: Option<&'static str>,
    what: &'static str,
}

const ACCOUNTS: [Spec; 4] = [
    Spec {
        email: "admin@forumplan.example",
        name: "Alex Admin",
        role: None,
        partner: None,
        what: "administrator of the installation",
    },
    Spec {
        email: "coordinator@forumplan.example",
        name: "Chris Coordinator",
        role: Some(Role::Coordinator),
        partner: None,
        what: "coordinator of the demo forum",
    },
    Spec {
        email: "member@forumplan.example",
        name: "Morgan Member",
        role: Some(Role::Member),
        partner: Some("The Haven Wolverhampton"),
        what: "member for The Haven Wolverhampton (a refuge)",
    },
    Spec {
        email: "viewer@forumplan.example",
        name: "Val Viewer",
        role: Some(Role::Viewer),
        partner: None,
        what: "viewer of the demo forum",
    },
];

/// Creates the demo accounts that do not exist yet, in the forum with URL name `forum_slug`,
/// with `password`; returns every demo account. Running it twice changes nothing.
///
/// # Errors
/// [`BackendError::NotFound`] when the demo forum or the member's agency is missing;
/// [`BackendError::Invalid`] for a password the policy refuses; database errors.
pub async fn load_accounts(
    db: &DatabaseConnection,
    forum_slug: &str,
    password: &str,
) -> BackendResult<Vec<DemoAccount>> {
    let Some(f) = forum::Entity::find()
        .filter(forum::Column::Slug.eq(forum_slug))
        .one(db)
        .await?
    else {
        return Err(BackendError::NotFound("demo forum"));
    };
    let mut out = Vec::new();
    for Spec {
        email,
        name,
        role,
        partner: partner_name,
        what,
    } in ACCOUNTS
    {
        out.push(DemoAccount { email, what });
        let exists = app_user::Entity::find()
            .filter(app_user::Column::Email.eq(email))
            .one(db)
            .await?
            .is_some();
        if exists {
            continue;
        }
        let partner_id = match partner_name {
            Some(n) => Some(
                partner::Entity::find()
                    .filter(partner::Column::ForumId.eq(f.id))
                    .filter(partner::Column::Name.eq(n))
                    .one(db)
                    .await?
                    .ok_or(BackendError::NotFound("demo partner"))?
                    .id,
            ),
            None => None,
        };
        let new = NewUser {
            email: Email::parse(email)?,
            name: name.to_owned(),
            password: Password::parse(password.to_owned())?,
            is_admin: role.is_none(),
            forum_id: role.map(|_| f.id),
            role,
            partner_id,
            must_change_password: false,
        };
        add_user(db, new, None).await?;
    }
    Ok(out)
}
