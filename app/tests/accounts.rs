//! Accounts: forums, users and memberships, sign-in, and the audit of each.
#![cfg(feature = "ssr")]
mod common;

use app::backend::accounts::{
    self, AuthError, Email, MembershipOf, NewUser, Password, add_user, authenticate, create_forum,
    find_forum, find_partner, list_forums, memberships_of,
};
use app::backend::entity::{app_user, audit_event, membership, partner};
use app::backend::error::BackendError;
use app::domain::role::Role;
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};

const PASSWORD: &str = "correct horse battery";

fn invalid<T: std::fmt::Debug>(result: Result<T, BackendError>) -> String {
    match result {
        Err(BackendError::Invalid(message)) => message,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

async fn add_partner(db: &DatabaseConnection, forum_id: i32, name: &str) -> partner::Model {
    partner::ActiveModel {
        forum_id: Set(forum_id),
        name: Set(name.to_owned()),
        short_name: Set(None),
        sector: Set("statutory".to_owned()),
        aliases: Set("[]".to_owned()),
        version: Set(1),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("partner")
}

fn new_user(email: &str, forum_id: Option<i32>, role: Option<Role>) -> NewUser {
    NewUser {
        email: Email::parse(email).expect("email"),
        name: "Jo Bloggs".to_owned(),
        password: Password::parse(PASSWORD.to_owned()).expect("password"),
        is_admin: false,
        forum_id,
        role,
        partner_id: None,
        must_change_password: false,
    }
}

async fn audit(db: &DatabaseConnection) -> Vec<audit_event::Model> {
    audit_event::Entity::find()
        .order_by_asc(audit_event::Column::Id)
        .all(db)
        .await
        .expect("audit")
}

/// Nothing in the audit log mentions a password or its hash.
async fn assert_no_secret_in_audit(db: &DatabaseConnection, b: &str) {
    let hashes: Vec<String> = app_user::Entity::find()
        .all(db)
        .await
        .expect("users")
        .into_iter()
        .filter_map(|u| u.password_hash)
        .collect();
    for e in audit(db).await {
        for text in [&e.field, &e.old_value, &e.new_value, &e.detail]
            .into_iter()
            .flatten()
        {
            assert!(!text.contains(PASSWORD), "{b}: password in audit: {text}");
            assert!(!text.contains("$argon2"), "{b}: hash in audit: {text}");
            assert!(
                !hashes.iter().any(|h| text.contains(h.as_str())),
                "{b}: {text}"
            );
        }
    }
}

#[tokio::test]
async fn forums_get_unique_slugs_and_unique_names() {
    for b in common::backends() {
        let db = common::fresh(b).await;
        let first = create_forum(&db, "  Safer  Wolverhampton ", None)
            .await
            .expect("create");
        assert_eq!(first.name, "Safer Wolverhampton", "{b}");
        assert_eq!(first.slug, "safer-wolverhampton", "{b}");
        assert_eq!(first.fy_start_month, 4);
        // A different name with the same URL name gets a number.
        let second = create_forum(&db, "Safer: Wolverhampton!", None)
            .await
            .expect("create");
        assert_eq!(second.slug, "safer-wolverhampton-2", "{b}");
        let third = create_forum(&db, "safer wolverhampton?", None)
            .await
            .expect("create");
        assert_eq!(third.slug, "safer-wolverhampton-3", "{b}");

        let dup = invalid(create_forum(&db, "SAFER WOLVERHAMPTON", None).await);
        assert!(dup.contains("already exists"), "{b}: {dup}");
        let empty = invalid(create_forum(&db, "   ", None).await);
        assert!(empty.contains("empty"), "{b}: {empty}");

        let names: Vec<String> = list_forums(&db)
            .await
            .expect("list")
            .into_iter()
            .map(|f| f.name)
            .collect();
        assert_eq!(
            names,
            [
                "Safer Wolverhampton",
                "Safer: Wolverhampton!",
                "safer wolverhampton?"
            ],
            "{b}"
        );
        assert_eq!(
            find_forum(&db, &second.id.to_string())
                .await
                .expect("by id")
                .id,
            second.id
        );
        assert_eq!(
            find_forum(&db, "safer WOLVERHAMPTON")
                .await
                .expect("by name")
                .id,
            first.id
        );
        assert_eq!(
            find_forum(&db, "safer-wolverhampton-3")
                .await
                .expect("by slug")
                .id,
            third.id
        );
        assert!(matches!(
            find_forum(&db, "Elsewhere").await,
            Err(BackendError::NotFound("forum"))
        ));
        let created = audit(&db).await;
        assert_eq!(created.len(), 3, "{b}: one audit event a forum");
        assert!(
            created
                .iter()
                .all(|e| e.entity == "forum" && e.action == "create")
        );
        assert_eq!(created[0].forum_id, Some(first.id));
    }
}

#[tokio::test]
async fn a_user_is_added_with_a_membership_and_audited() {
    for b in common::backends() {
        let db = common::fresh(b).await;
        let f = create_forum(&db, "Wolverhampton", None)
            .await
            .expect("forum");
        let police = add_partner(&db, f.id, "West Midlands Police").await;
        let mut member = new_user("  Jo.Bloggs@Example.org ", Some(f.id), Some(Role::Member));
        member.partner_id = Some(police.id);
        let user = add_user(&db, member, None).await.expect("add");
        assert_eq!(user.email, "jo.bloggs@example.org", "{b}");
        assert!(!user.is_admin);
        assert!(user.disabled_at.is_none());
        let hash = user.password_hash.clone().expect("a hash");
        assert!(hash.starts_with("$argon2id$"), "{b}");
        assert!(!hash.contains(PASSWORD));

        let memberships = memberships_of(&db, user.id).await.expect("memberships");
        assert_eq!(
            memberships,
            vec![MembershipOf {
                forum: f.clone(),
                role: Role::Member,
                partner: Some(police.clone()),
            }],
            "{b}"
        );

        let admin = NewUser {
            is_admin: true,
            ..new_user("admin@example.org", None, None)
        };
        let admin = add_user(&db, admin, None).await.expect("admin");
        assert!(admin.is_admin, "{b}");
        assert!(
            memberships_of(&db, admin.id)
                .await
                .expect("none")
                .is_empty()
        );

        let events: Vec<_> = audit(&db)
            .await
            .into_iter()
            .filter(|e| e.entity != "forum")
            .collect();
        let created_user = events
            .iter()
            .find(|e| e.entity == "app_user" && e.entity_id == Some(user.id))
            .expect("user audited");
        assert_eq!(created_user.action, "create");
        assert_eq!(created_user.forum_id, Some(f.id));
        let text = created_user.new_value.clone().unwrap_or_default();
        assert!(text.contains("jo.bloggs@example.org"), "{b}: {text}");
        assert!(text.contains("member of Wolverhampton"), "{b}: {text}");
        assert!(
            events
                .iter()
                .any(|e| e.entity == "membership" && e.action == "create"),
            "{b}"
        );
        assert!(
            events.iter().any(|e| e.entity == "app_user"
                && e.entity_id == Some(admin.id)
                && e.new_value
                    .as_deref()
                    .is_some_and(|v| v.contains("administrator"))),
            "{b}"
        );
        assert_no_secret_in_audit(&db, b).await;
    }
}

#[tokio::test]
async fn a_duplicate_email_is_refused() {
    for b in common::backends() {
        let db = common::fresh(b).await;
        add_user(&db, new_user("jo@example.org", None, None), None)
            .await
            .expect("first");
        let again = invalid(add_user(&db, new_user(" JO@example.ORG", None, None), None).await);
        assert!(again.contains("jo@example.org"), "{b}: {again}");
        assert!(again.contains("already exists"), "{b}: {again}");
        assert_eq!(app_user::Entity::find().count(&db).await.expect("count"), 1);
    }
}

#[tokio::test]
async fn membership_rules_refuse_and_write_nothing() {
    for b in common::backends() {
        let db = common::fresh(b).await;
        let mine = create_forum(&db, "Wolverhampton", None)
            .await
            .expect("forum");
        let other = create_forum(&db, "Dudley", None).await.expect("forum");
        let theirs = add_partner(&db, other.id, "Dudley Council").await;
        let before = audit(&db).await.len();

        let mut wrong_forum = new_user("jo@example.org", Some(mine.id), Some(Role::Member));
        wrong_forum.partner_id = Some(theirs.id);
        let message = invalid(add_user(&db, wrong_forum, None).await);
        assert!(
            message.contains("not one of the partners of \"Wolverhampton\""),
            "{b}: {message}"
        );

        let no_partner = new_user("jo@example.org", Some(mine.id), Some(Role::Member));
        let message = invalid(add_user(&db, no_partner, None).await);
        assert!(message.contains("partner"), "{b}: {message}");

        let no_forum = new_user("jo@example.org", None, Some(Role::Viewer));
        let message = invalid(add_user(&db, no_forum, None).await);
        assert!(message.contains("needs a forum"), "{b}: {message}");

        let no_role = new_user("jo@example.org", Some(mine.id), None);
        let message = invalid(add_user(&db, no_role, None).await);
        assert!(message.contains("role"), "{b}: {message}");

        let unknown_forum = new_user("jo@example.org", Some(9999), Some(Role::Viewer));
        let message = invalid(add_user(&db, unknown_forum, None).await);
        assert!(message.contains("no forum with id 9999"), "{b}: {message}");

        // The transaction: no user, no membership, no audit event was left behind.
        assert_eq!(
            app_user::Entity::find().count(&db).await.expect("count"),
            0,
            "{b}"
        );
        assert_eq!(
            membership::Entity::find().count(&db).await.expect("count"),
            0,
            "{b}"
        );
        assert_eq!(audit(&db).await.len(), before, "{b}");

        // The same person as a coordinator of the other forum, for its partner, is fine.
        let mut right = new_user("jo@example.org", Some(other.id), Some(Role::Coordinator));
        right.partner_id = Some(theirs.id);
        let user = add_user(&db, right, None).await.expect("add");
        let m = memberships_of(&db, user.id).await.expect("memberships");
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].role, Role::Coordinator);
        assert_eq!(m[0].forum.id, other.id);

        // Partners are found by name within their own forum only.
        let found = find_partner(&db, other.id, " dudley  COUNCIL ")
            .await
            .expect("found");
        assert_eq!(found.id, theirs.id, "{b}");
        assert!(matches!(
            find_partner(&db, mine.id, "Dudley Council").await,
            Err(BackendError::NotFound("partner"))
        ));
    }
}

#[tokio::test]
async fn sign_in_succeeds_fails_alike_and_is_audited() {
    for b in common::backends() {
        let db = common::fresh(b).await;
        let user = add_user(&db, new_user("jo@example.org", None, None), None)
            .await
            .expect("add");

        let signed_in = authenticate(&db, " JO@example.org ", PASSWORD)
            .await
            .expect("sign in");
        assert_eq!(signed_in.id, user.id, "{b}");
        assert!(signed_in.last_sign_in_at.is_some());
        let stored = app_user::Entity::find_by_id(user.id)
            .one(&db)
            .await
            .expect("read")
            .expect("user");
        assert!(stored.last_sign_in_at.is_some(), "{b}");
        assert_eq!(stored.version, 1, "{b}: signing in is not an edit");

        let wrong = authenticate(&db, "jo@example.org", "correct horse battery!").await;
        let unknown = authenticate(&db, "nobody@example.org", PASSWORD).await;
        let garbled = authenticate(&db, "not an address", PASSWORD).await;
        let (Err(wrong), Err(unknown), Err(garbled)) = (wrong, unknown, garbled) else {
            panic!("{b}: refused sign-ins succeeded");
        };
        assert!(matches!(wrong, AuthError::BadCredentials), "{b}: {wrong:?}");
        assert!(
            matches!(unknown, AuthError::BadCredentials),
            "{b}: {unknown:?}"
        );
        assert!(
            matches!(garbled, AuthError::BadCredentials),
            "{b}: {garbled:?}"
        );
        assert_eq!(wrong.to_string(), unknown.to_string());

        let events = audit(&db).await;
        let sign_ins: Vec<_> = events.iter().filter(|e| e.action == "sign_in").collect();
        assert_eq!(sign_ins.len(), 1, "{b}");
        assert_eq!(sign_ins[0].user_id, Some(user.id));
        let failures: Vec<_> = events
            .iter()
            .filter(|e| e.action == "sign_in_failed")
            .collect();
        assert_eq!(failures.len(), 3, "{b}");
        assert!(
            failures.iter().all(|e| e.user_id.is_none()),
            "{b}: anonymous"
        );
        assert_eq!(failures[0].entity_id, Some(user.id));
        assert!(
            failures[1]
                .detail
                .as_deref()
                .is_some_and(|d| d.contains("nobody@example.org")),
            "{b}: the address attempted is kept"
        );
        assert_no_secret_in_audit(&db, b).await;
    }
}

#[tokio::test]
async fn a_disabled_account_cannot_sign_in() {
    for b in common::backends() {
        let db = common::fresh(b).await;
        let user = add_user(&db, new_user("jo@example.org", None, None), None)
            .await
            .expect("add");
        let mut row: app_user::ActiveModel = user.into();
        row.disabled_at = Set(Some(Utc::now()));
        row.update(&db).await.expect("disable");

        let refused = authenticate(&db, "jo@example.org", PASSWORD).await;
        assert!(
            matches!(refused, Err(AuthError::Disabled)),
            "{b}: {refused:?}"
        );
        // Without the right password a disabled account looks like any other failure.
        let guessed = authenticate(&db, "jo@example.org", "a wrong guess!").await;
        assert!(
            matches!(guessed, Err(AuthError::BadCredentials)),
            "{b}: {guessed:?}"
        );
        let failed = audit_event::Entity::find()
            .filter(audit_event::Column::Action.eq("sign_in_failed"))
            .count(&db)
            .await
            .expect("count");
        assert_eq!(failed, 2, "{b}");
        assert_eq!(
            audit_event::Entity::find()
                .filter(audit_event::Column::Action.eq("sign_in"))
                .count(&db)
                .await
                .expect("count"),
            0,
            "{b}"
        );
    }
}

#[tokio::test]
async fn one_person_holds_different_roles_in_different_forums() {
    for b in common::backends() {
        let db = common::fresh(b).await;
        let a = create_forum(&db, "Avon", None).await.expect("forum");
        let z = create_forum(&db, "Zetland", None).await.expect("forum");
        let user = add_user(
            &db,
            new_user("jo@example.org", Some(z.id), Some(Role::Viewer)),
            None,
        )
        .await
        .expect("add");
        membership::ActiveModel {
            user_id: Set(user.id),
            forum_id: Set(a.id),
            role: Set(Role::Coordinator.as_str().to_owned()),
            partner_id: Set(None),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&db)
        .await
        .expect("second membership");
        let roles: Vec<(String, Role)> = memberships_of(&db, user.id)
            .await
            .expect("memberships")
            .into_iter()
            .map(|m| (m.forum.name, m.role))
            .collect();
        assert_eq!(
            roles,
            [
                ("Avon".to_owned(), Role::Coordinator),
                ("Zetland".to_owned(), Role::Viewer)
            ],
            "{b}"
        );
    }
}

#[test]
fn the_password_policy_is_reachable_from_outside() {
    assert_eq!(accounts::PASSWORD_MIN_LENGTH, 12);
    let message = invalid(Password::parse("too short".to_owned()));
    assert!(message.contains("at least 12"), "{message}");
}
