//! Personal API tokens on SQLite and PostgreSQL: making one (only coordinators and
//! administrators; a label; at most twenty live), reading as its owner with their roles as they
//! are now, revoking one, and never storing or auditing the token itself.
#![cfg(feature = "ssr")]
mod common;

use app::backend::accounts::{Caller, memberships_of};
use app::backend::api_tokens::{MAX_LIVE, caller_for_token, create, page, revoke};
use app::backend::entity::{api_token, app_user, audit_event, membership};
use app::backend::error::BackendError;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection as Db, EntityTrait, QueryFilter, Set,
};

macro_rules! ok {
    ($call:expr) => {
        $call.await.expect(stringify!($call))
    };
}

async fn caller(db: &Db, email: &str) -> Caller {
    let user = ok!(app_user::Entity::find()
        .filter(app_user::Column::Email.eq(email))
        .one(db))
    .expect("a demo account");
    let memberships = ok!(memberships_of(db, user.id));
    Caller { user, memberships }
}

#[tokio::test]
async fn a_coordinator_makes_a_token_that_reads_as_them_until_revoked() {
    for b in common::backends() {
        let db = common::with_demo(b).await;
        ok!(app::backend::demo::load_accounts(
            &db,
            "wolverhampton",
            "forumplan-demo"
        ));
        let coordinator = caller(&db, "coordinator@forumplan.example").await;
        let now = chrono::Utc::now();

        let made = ok!(create(&db, &coordinator, "  Council   Power BI ", now));
        assert!(
            made.token.starts_with("fpt_") && made.token.len() == 47,
            "{b}: {}",
            made.token
        );
        let stored = ok!(api_token::Entity::find_by_id(made.id).one(&db)).expect("stored");
        assert_eq!(stored.label, "Council Power BI", "{b}: the label is tidied");
        assert_ne!(stored.token_hash, made.token, "{b}: only the hash is kept");
        assert_eq!(
            stored.token_hash,
            app::backend::import::sha256_hex(made.token.as_bytes())
        );
        assert!(!stored.can_write, "{b}: read-only");
        let events = ok!(audit_event::Entity::find()
            .filter(audit_event::Column::Entity.eq("api_token"))
            .all(&db));
        assert_eq!(events.len(), 1, "{b}");
        let logged = format!("{events:?}");
        assert!(
            !logged.contains(&made.token[4..]),
            "{b}: the token is never audited"
        );

        let listed = ok!(page(&db, &coordinator));
        assert!(listed.may_create, "{b}");
        assert_eq!(listed.tokens.len(), 1, "{b}");
        assert_eq!(listed.tokens[0].last_used_on, None, "{b}");

        let reads = ok!(caller_for_token(&db, &made.token, now)).expect("the token reads");
        assert_eq!(reads.user.id, coordinator.user.id, "{b}");
        assert!(
            ok!(caller_for_token(&db, "fpt_guessed", now)).is_none(),
            "{b}"
        );
        let mut forged = made.token.clone();
        forged.replace_range(10..11, if &made.token[10..11] == "A" { "B" } else { "A" });
        assert!(
            ok!(caller_for_token(&db, &forged, now)).is_none(),
            "{b}: one character off"
        );
        assert_eq!(
            ok!(page(&db, &coordinator)).tokens[0].last_used_on,
            Some(now.date_naive()),
            "{b}"
        );

        // Roles are read afresh: a coordinator made a viewer reads as a viewer at once.
        let m = ok!(membership::Entity::find()
            .filter(membership::Column::UserId.eq(coordinator.user.id))
            .one(&db))
        .expect("membership");
        let mut demoted: membership::ActiveModel = m.into();
        demoted.role = Set("viewer".to_owned());
        ok!(demoted.update(&db));
        let now_reads = ok!(caller_for_token(&db, &made.token, now)).expect("still reads");
        assert_eq!(
            now_reads.memberships[0].role,
            app::domain::role::Role::Viewer,
            "{b}"
        );

        // Somebody else cannot revoke it; its owner can, at once.
        let viewer = caller(&db, "viewer@forumplan.example").await;
        assert!(
            matches!(
                revoke(&db, &viewer, made.id, now).await,
                Err(BackendError::NotFound(_))
            ),
            "{b}"
        );
        assert_eq!(
            ok!(revoke(&db, &coordinator, made.id, now)),
            "Council Power BI"
        );
        assert!(
            ok!(caller_for_token(&db, &made.token, now)).is_none(),
            "{b}: revoked"
        );
        assert!(ok!(page(&db, &coordinator)).tokens[0].revoked, "{b}");
    }
}

#[tokio::test]
async fn only_coordinators_make_tokens_with_a_label_and_at_most_twenty() {
    for b in common::backends() {
        let db = common::with_demo(b).await;
        ok!(app::backend::demo::load_accounts(
            &db,
            "wolverhampton",
            "forumplan-demo"
        ));
        let now = chrono::Utc::now();
        for email in ["member@forumplan.example", "viewer@forumplan.example"] {
            let who = caller(&db, email).await;
            assert!(!ok!(page(&db, &who)).may_create, "{b} {email}");
            assert!(
                matches!(
                    create(&db, &who, "Tool", now).await,
                    Err(BackendError::Forbidden(_))
                ),
                "{b} {email}"
            );
        }
        let coordinator = caller(&db, "coordinator@forumplan.example").await;
        assert!(
            matches!(
                create(&db, &coordinator, "   ", now).await,
                Err(BackendError::Invalid(_))
            ),
            "{b}"
        );
        assert!(
            matches!(
                create(&db, &coordinator, &"x".repeat(81), now).await,
                Err(BackendError::Invalid(_))
            ),
            "{b}"
        );
        let admin = caller(&db, "admin@forumplan.example").await;
        assert!(
            ok!(create(&db, &admin, "Admin's tool", now))
                .token
                .starts_with("fpt_"),
            "{b}"
        );
        for n in 0..MAX_LIVE {
            ok!(create(&db, &coordinator, &format!("Tool {n}"), now));
        }
        match create(&db, &coordinator, "One too many", now).await {
            Err(BackendError::Invalid(m)) => assert!(m.contains("revoke one"), "{b}: {m}"),
            other => panic!("{b}: {other:?}"),
        }
        assert_eq!(
            ok!(page(&db, &coordinator)).tokens.len(),
            usize::try_from(MAX_LIVE).expect("small"),
            "{b}"
        );
    }
}
