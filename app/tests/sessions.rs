//! Sessions: tokens stored hashed, idle and absolute expiry, sign-out, a new id at every sign-in.
#![cfg(feature = "ssr")]
mod common;

use app::backend::entity::session_record;
use app::backend::sessions::{self, ABSOLUTE_TIMEOUT, IDLE_TIMEOUT};
use chrono::{Duration, TimeZone, Utc};
use sea_orm::{EntityTrait, PaginatorTrait};

fn at(hour: u32, minute: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, hour, minute, 0)
        .single()
        .expect("time")
}

#[tokio::test]
async fn a_session_resumes_until_idle_then_ends() {
    for b in common::backends() {
        let db = common::fresh(b).await;
        let s = sessions::start(&db, 7, at(9, 0)).await.expect("start");
        assert!(s.token.len() >= 43, "{b}: token too short");
        let stored = session_record::Entity::find().all(&db).await.expect("rows");
        assert_eq!(stored.len(), 1);
        assert_ne!(
            stored[0].id, s.token,
            "{b}: the token itself must not be stored"
        );
        assert!(!stored[0].data.contains(&s.token), "{b}");

        let data = sessions::resume(&db, &s.token, at(9, 30))
            .await
            .expect("resume")
            .expect("live");
        assert_eq!(data.user_id, 7);
        // Activity at 9:30 pushes the idle limit to 11:30.
        assert!(
            sessions::resume(&db, &s.token, at(11, 0))
                .await
                .expect("resume")
                .is_some(),
            "{b}"
        );
        let idle_end = at(11, 0) + IDLE_TIMEOUT;
        assert!(
            sessions::resume(&db, &s.token, idle_end)
                .await
                .expect("resume")
                .is_none(),
            "{b}: idle"
        );
        assert_eq!(
            session_record::Entity::find()
                .count(&db)
                .await
                .expect("count"),
            0,
            "{b}: expired row deleted"
        );
    }
}

#[tokio::test]
async fn a_busy_session_still_ends_at_the_absolute_limit() {
    for b in common::backends() {
        let db = common::fresh(b).await;
        let start = at(8, 0);
        let s = sessions::start(&db, 1, start).await.expect("start");
        let mut now = start;
        while now + Duration::hours(1) < start + ABSOLUTE_TIMEOUT {
            now += Duration::hours(1);
            assert!(
                sessions::resume(&db, &s.token, now)
                    .await
                    .expect("resume")
                    .is_some(),
                "{b} at {now}"
            );
        }
        let gone = sessions::resume(&db, &s.token, start + ABSOLUTE_TIMEOUT)
            .await
            .expect("resume");
        assert!(gone.is_none(), "{b}: absolute limit");
    }
}

#[tokio::test]
async fn sign_out_ends_the_session_and_sign_in_never_reuses_a_token() {
    for b in common::backends() {
        let db = common::fresh(b).await;
        let first = sessions::start(&db, 3, at(9, 0)).await.expect("start");
        let second = sessions::start(&db, 3, at(9, 1)).await.expect("start");
        assert_ne!(first.token, second.token, "{b}");
        sessions::end(&db, &first.token).await.expect("end");
        assert!(
            sessions::resume(&db, &first.token, at(9, 2))
                .await
                .expect("resume")
                .is_none(),
            "{b}"
        );
        assert!(
            sessions::resume(&db, &second.token, at(9, 2))
                .await
                .expect("resume")
                .is_some(),
            "{b}"
        );
        assert!(
            sessions::resume(&db, "made-up-token", at(9, 2))
                .await
                .expect("resume")
                .is_none(),
            "{b}"
        );
        // Expired sessions are purged in bulk.
        let purged = sessions::purge_expired(&db, at(23, 59))
            .await
            .expect("purge");
        assert_eq!(purged, 1, "{b}");
    }
}
