//! Administration of accounts (roles, disabling, password resets, lost-update protection) and
//! reading the audit log, on SQLite and PostgreSQL.
#![cfg(feature = "ssr")]
mod common;

use app::backend::accounts::{
    Password, change_own_password, memberships_of, reset_password, set_disabled, set_role,
    users_page,
};
use app::backend::audit_log;
use app::backend::demo::load_accounts;
use app::backend::entity::{action, app_user, audit_event, partner};
use app::backend::error::BackendError;
use app::domain::account::AuditFilter;
use app::domain::role::Role;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

async fn user(db: &DatabaseConnection, email: &str) -> app_user::Model {
    app_user::Entity::find()
        .filter(app_user::Column::Email.eq(email))
        .one(db)
        .await
        .expect("query")
        .expect("user")
}

async fn last_audit(db: &DatabaseConnection) -> audit_event::Model {
    audit_event::Entity::find()
        .order_by_desc(audit_event::Column::Id)
        .one(db)
        .await
        .expect("query")
        .expect("an event")
}

fn invalid<T: std::fmt::Debug>(result: Result<T, BackendError>) -> String {
    match result {
        Err(BackendError::Invalid(m)) => m,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

async fn demo_with_accounts(b: &str) -> DatabaseConnection {
    let db = common::with_demo(b).await;
    load_accounts(&db, "wolverhampton", "forumplan-demo")
        .await
        .expect("demo accounts");
    db
}

#[tokio::test]
async fn roles_are_given_changed_and_removed_with_old_and_new_values_audited() {
    for b in common::backends() {
        let db = demo_with_accounts(b).await;
        let admin = user(&db, "admin@forumplan.example").await;
        let viewer = user(&db, "viewer@forumplan.example").await;
        let forum_id = memberships_of(&db, viewer.id).await.expect("m")[0].forum.id;
        let haven = partner::Entity::find()
            .filter(partner::Column::Name.eq("The Haven Wolverhampton"))
            .one(&db)
            .await
            .expect("query")
            .expect("partner");

        // A member needs an agency.
        let m = invalid(
            set_role(
                &db,
                admin.id,
                viewer.id,
                viewer.version,
                forum_id,
                Some(Role::Member),
                None,
            )
            .await,
        );
        assert!(m.contains("partner agency"), "{b}: {m}");
        set_role(
            &db,
            admin.id,
            viewer.id,
            viewer.version,
            forum_id,
            Some(Role::Member),
            Some(haven.id),
        )
        .await
        .expect("viewer becomes member");
        let e = last_audit(&db).await;
        assert_eq!(
            (e.entity.as_str(), e.action.as_str()),
            ("membership", "update"),
            "{b}"
        );
        assert_eq!(e.old_value.as_deref(), Some("viewer"), "{b}");
        assert_eq!(
            e.new_value.as_deref(),
            Some("member for The Haven Wolverhampton"),
            "{b}"
        );
        assert_eq!(e.user_id, Some(admin.id), "{b}");

        // A stale version is refused: someone else changed the account meanwhile.
        let m = invalid(
            set_role(
                &db,
                admin.id,
                viewer.id,
                viewer.version,
                forum_id,
                Some(Role::Viewer),
                None,
            )
            .await,
        );
        assert!(m.contains("changed by someone else"), "{b}: {m}");
        let now = user(&db, "viewer@forumplan.example").await;
        assert_eq!(now.version, viewer.version + 1, "{b}");
        assert_eq!(
            memberships_of(&db, viewer.id).await.expect("m")[0].role,
            Role::Member,
            "{b}"
        );

        set_role(&db, admin.id, viewer.id, now.version, forum_id, None, None)
            .await
            .expect("removed");
        assert!(
            memberships_of(&db, viewer.id).await.expect("m").is_empty(),
            "{b}"
        );
        let e = last_audit(&db).await;
        assert_eq!(e.action, "delete", "{b}");
        assert_eq!(e.new_value, None, "{b}");
        let page = users_page(&db).await.expect("page");
        let row = page.users.iter().find(|u| u.id == viewer.id).expect("row");
        assert!(row.memberships.is_empty(), "{b}");
        assert_eq!(page.users.len(), 4, "{b}");
    }
}

#[tokio::test]
async fn disabling_and_password_resets_are_audited_and_guarded() {
    for b in common::backends() {
        let db = demo_with_accounts(b).await;
        let admin = user(&db, "admin@forumplan.example").await;
        let m = invalid(set_disabled(&db, admin.id, admin.id, admin.version, true).await);
        assert!(m.contains("your own account"), "{b}: {m}");

        let member = user(&db, "member@forumplan.example").await;
        set_disabled(&db, admin.id, member.id, member.version, true)
            .await
            .expect("disable");
        let e = last_audit(&db).await;
        assert_eq!(
            (
                e.action.as_str(),
                e.old_value.as_deref(),
                e.new_value.as_deref()
            ),
            ("disable", Some("enabled"), Some("disabled")),
            "{b}"
        );
        let member = user(&db, "member@forumplan.example").await;
        assert!(member.disabled_at.is_some(), "{b}");

        let temp = Password::parse("one-time-password-7".to_owned()).expect("valid");
        reset_password(&db, admin.id, member.id, member.version, temp)
            .await
            .expect("reset");
        let member = user(&db, "member@forumplan.example").await;
        assert!(member.must_change_password, "{b}");
        let e = last_audit(&db).await;
        assert_eq!(e.action, "reset_password", "{b}");
        for text in [&e.old_value, &e.new_value, &e.detail]
            .into_iter()
            .flatten()
        {
            assert!(
                !text.contains("one-time-password-7"),
                "{b}: the password leaked into the log"
            );
        }

        let wrong = invalid(
            change_own_password(
                &db,
                member.id,
                "not it",
                Password::parse("my own password".to_owned()).expect("valid"),
            )
            .await,
        );
        assert!(
            wrong.contains("current password is not right"),
            "{b}: {wrong}"
        );
        change_own_password(
            &db,
            member.id,
            "one-time-password-7",
            Password::parse("my own password".to_owned()).expect("valid"),
        )
        .await
        .expect("changed");
        assert!(
            !user(&db, "member@forumplan.example")
                .await
                .must_change_password,
            "{b}"
        );
    }
}

#[tokio::test]
async fn the_audit_log_filters_exports_and_gives_an_action_its_history() {
    for b in common::backends() {
        let db = demo_with_accounts(b).await;
        let admin = user(&db, "admin@forumplan.example").await;
        let viewer = user(&db, "viewer@forumplan.example").await;
        set_disabled(&db, admin.id, viewer.id, viewer.version, true)
            .await
            .expect("disable");

        let all = audit_log::page(&db, &AuditFilter::default())
            .await
            .expect("page");
        // Four accounts and four memberships (three roles) created by the demo, its July review
        // (opened, three minutes, closed, one outcome), one disable.
        assert_eq!(all.total, 4 + 3 + 6 + 1, "{b}");
        assert_eq!(all.rows[0].action, "disable", "{b}: newest first");
        assert_eq!(
            all.rows[0].who, "Alex Admin <admin@forumplan.example>",
            "{b}"
        );

        let only = AuditFilter {
            user_id: Some(admin.id),
            ..AuditFilter::default()
        };
        let page = audit_log::page(&db, &only).await.expect("page");
        assert_eq!(page.total, 1, "{b}");
        let tomorrow = chrono::Utc::now().date_naive() + chrono::Days::new(1);
        let future = AuditFilter {
            from: Some(tomorrow),
            ..AuditFilter::default()
        };
        assert_eq!(
            audit_log::page(&db, &future).await.expect("page").total,
            0,
            "{b}"
        );

        let csv = audit_log::csv(&db, &only).await.expect("csv");
        let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
        assert_eq!(lines.len(), 2, "{b}: header and one event");
        assert!(lines[0].starts_with("\u{feff}id,at (UTC),who"), "{b}");
        let expected = format!(
            ",Alex Admin <admin@forumplan.example>,,app_user,{},disable,disabled,enabled,disabled,",
            viewer.id
        );
        assert!(lines[1].contains(&expected), "{b}: {}", lines[1]);

        let forum = app::backend::plan::forum_by_slug(&db, "wolverhampton")
            .await
            .expect("forum");
        let a = action::Entity::find()
            .one(&db)
            .await
            .expect("query")
            .expect("action");
        let history = audit_log::action_history(&db, &forum, a.id)
            .await
            .expect("history");
        assert_eq!(history.action_title, a.title, "{b}");
        assert!(history.rows.is_empty(), "{b}: the demo load is not an edit");
        let missing = audit_log::action_history(&db, &forum, 999_999).await;
        assert!(matches!(missing, Err(BackendError::NotFound(_))), "{b}");
    }
}
