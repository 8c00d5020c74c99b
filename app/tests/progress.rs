//! The quarterly cycle against real databases, on the demo forum (its calendar stands at
//! 20 October 2006, so 2006/07 Q2 returns are being collected, due 30 October): who may record,
//! the workflow from draft to approved, locks and reopening with history, returned comments,
//! stale saves, the returns and "My updates" lists, status overrides and the settings.
#![cfg(feature = "ssr")]
mod common;

use app::backend::accounts::Caller;
use app::backend::accounts::{MembershipOf, memberships_of};
use app::backend::entity::{action, app_user, forum, partner, progress_update as pu, target};
use app::backend::error::BackendError;
use app::backend::plan::forum_by_slug;
use app::backend::plan_edit::Editor;
use app::backend::progress::{
    Actor, SettingsForm, decide_update, forum_today, my_updates, override_status, record_update,
    returns_page, update_forum_settings, update_page,
};
use app::domain::role::Role;
use app::domain::status::Status;
use app::domain::update::{Decision, RecordCommand, ReturnState, UpdateForm, UpdateState};
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, DatabaseConnection as Db, EntityTrait, QueryFilter};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

struct World {
    db: Db,
    forum: forum::Model,
    coordinator: Caller,
    member: Caller,
    /// The demo member's account, but a member for another agency (SWP).
    other_member: Caller,
    viewer: Caller,
    today: NaiveDate,
}

impl World {
    /// `who` acting in the demo forum on its date.
    fn by<'a>(&'a self, who: &'a Caller) -> Actor<'a> {
        Actor {
            forum: &self.forum,
            caller: who,
            today: self.today,
            now: chrono::Utc::now(),
        }
    }
}

async fn caller(db: &Db, email: &str) -> Caller {
    let user = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(email))
        .one(db)
        .await
        .expect("query")
        .expect("demo account");
    let memberships = memberships_of(db, user.id).await.expect("memberships");
    Caller { user, memberships }
}

async fn world(backend: &str) -> World {
    let db = common::with_demo(backend).await;
    app::backend::demo::load_accounts(&db, "wolverhampton", "a-test-password-1")
        .await
        .expect("demo accounts");
    let forum = forum_by_slug(&db, "wolverhampton").await.expect("forum");
    let member = caller(&db, "member@forumplan.example").await;
    let swp = partner::Entity::find()
        .filter(partner::Column::ForumId.eq(forum.id))
        .filter(partner::Column::ShortName.eq("SWP"))
        .one(&db)
        .await
        .expect("query")
        .expect("SWP");
    let other_member = Caller {
        user: member.user.clone(),
        memberships: vec![MembershipOf {
            forum: forum.clone(),
            role: Role::Member,
            partner: Some(swp),
        }],
    };
    World {
        coordinator: caller(&db, "coordinator@forumplan.example").await,
        viewer: caller(&db, "viewer@forumplan.example").await,
        today: forum_today(&forum, d(2026, 11, 24)),
        member,
        other_member,
        forum,
        db,
    }
}

async fn target_titled(db: &Db, prefix: &str) -> target::Model {
    target::Entity::find()
        .filter(target::Column::Title.starts_with(prefix))
        .one(db)
        .await
        .expect("query")
        .expect("demo target")
}

fn yes(narrative: &str) -> UpdateForm<'_> {
    UpdateForm {
        done: "yes",
        narrative,
        ..UpdateForm::default()
    }
}

const Q2: (i32, u32, u32) = (2006, 7, 1);

fn q2() -> NaiveDate {
    d(Q2.0, Q2.1, Q2.2)
}

async fn stored(db: &Db, target_id: i32, start: NaiveDate) -> pu::Model {
    pu::Entity::find()
        .filter(pu::Column::TargetId.eq(target_id))
        .filter(pu::Column::PeriodStart.eq(start))
        .one(db)
        .await
        .expect("query")
        .expect("update")
}

#[tokio::test]
async fn a_quarter_from_draft_to_approved_with_a_return_and_a_correction() {
    for b in common::backends() {
        let w = world(b).await;
        assert_eq!(
            w.today,
            d(2006, 10, 20),
            "{b}: the demo's calendar is fixed"
        );
        // The Haven leads "Provision of support for children and young people".
        let t = target_titled(&w.db, "Continuation of Haven").await;

        // The member's list: the Haven's targets only, for 2006/07 Q2, due 30 October.
        let mine = my_updates(&w.db, &w.forum, &w.member, w.today)
            .await
            .expect("my updates");
        assert_eq!(
            mine.agency.as_deref(),
            Some("The Haven Wolverhampton"),
            "{b}"
        );
        let item = mine
            .items
            .iter()
            .find(|i| i.target_id == t.id)
            .expect("owed");
        assert_eq!(item.period.label, "2006/07 Q2", "{b}");
        assert_eq!(item.period.deadline, d(2006, 10, 30), "{b}");
        assert_eq!(item.state, ReturnState::Missing, "{b}");
        assert!(!item.overdue, "{b}: not yet past 30 October");
        let haven_actions: Vec<i32> = mine.items.iter().map(|i| i.action_id).collect();
        for action_id in haven_actions {
            let a = action::Entity::find_by_id(action_id)
                .one(&w.db)
                .await
                .expect("q")
                .expect("a");
            let supporting = app::backend::entity::action_partner::Entity::find()
                .filter(app::backend::entity::action_partner::Column::ActionId.eq(a.id))
                .all(&w.db)
                .await
                .expect("q");
            let haven = w.member.memberships[0].partner.as_ref().expect("agency").id;
            assert!(
                a.lead_partner_id == Some(haven)
                    || supporting.iter().any(|s| s.partner_id == haven),
                "{b}: only the Haven's actions are listed"
            );
        }

        // Nobody else records it: another agency's member, a viewer.
        for (who, c) in [("other agency", &w.other_member), ("viewer", &w.viewer)] {
            let refused = record_update(
                &w.db,
                &w.by(c),
                t.id,
                q2(),
                0,
                RecordCommand::Submit,
                &yes("x"),
            )
            .await;
            assert!(
                matches!(refused, Err(BackendError::Forbidden(_))),
                "{b}: {who}: {refused:?}"
            );
        }
        // A submission needs its value and narrative; nothing is written when refused.
        let refused = record_update(
            &w.db,
            &w.by(&w.member),
            t.id,
            q2(),
            0,
            RecordCommand::Submit,
            &UpdateForm::default(),
        )
        .await;
        match refused {
            Err(BackendError::Fields(errors)) => {
                let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
                assert_eq!(fields, ["done", "narrative"], "{b}");
            }
            other => panic!("{b}: {other:?}"),
        }
        // A draft, then the submission.
        record_update(
            &w.db,
            &w.by(&w.member),
            t.id,
            q2(),
            0,
            RecordCommand::SaveDraft,
            &yes("Counselling continues."),
        )
        .await
        .expect("draft");
        let draft = stored(&w.db, t.id, q2()).await;
        assert_eq!((draft.state.as_str(), draft.version), ("draft", 1), "{b}");
        assert_eq!(draft.period_end, d(2006, 9, 30), "{b}");
        // A save from a page read before the draft is refused, with what changed.
        let stale = record_update(
            &w.db,
            &w.by(&w.member),
            t.id,
            q2(),
            0,
            RecordCommand::Submit,
            &yes("Other text"),
        )
        .await;
        assert!(
            matches!(stale, Err(BackendError::Conflict { .. })),
            "{b}: {stale:?}"
        );
        record_update(
            &w.db,
            &w.by(&w.member),
            t.id,
            q2(),
            1,
            RecordCommand::Submit,
            &yes("Counselling continues: 14 children seen."),
        )
        .await
        .expect("submit");

        // Only a coordinator decides.
        let refused =
            decide_update(&w.db, &w.by(&w.member), draft.id, 2, Decision::Approve, "").await;
        assert!(matches!(refused, Err(BackendError::Forbidden(_))), "{b}");
        // It is in the coordinator's queue.
        let returns = returns_page(&w.db, &w.forum, w.today)
            .await
            .expect("returns");
        assert!(
            returns.queue.iter().any(|q| q.id == draft.id),
            "{b}: queued"
        );
        let haven = returns
            .by_agency
            .iter()
            .find(|c| c.name == "The Haven Wolverhampton")
            .expect("haven row");
        assert!(haven.submitted >= 1, "{b}: {haven:?}");
        // Returning needs a comment, which the author then sees.
        let refused = decide_update(
            &w.db,
            &w.by(&w.coordinator),
            draft.id,
            2,
            Decision::Return,
            " ",
        )
        .await;
        assert!(matches!(refused, Err(BackendError::Fields(_))), "{b}");
        decide_update(
            &w.db,
            &w.by(&w.coordinator),
            draft.id,
            2,
            Decision::Return,
            "Say how many sessions.",
        )
        .await
        .expect("returned");
        let mine = my_updates(&w.db, &w.forum, &w.member, w.today)
            .await
            .expect("my updates");
        let item = mine
            .items
            .iter()
            .find(|i| i.target_id == t.id)
            .expect("listed");
        assert_eq!(item.state, ReturnState::Returned, "{b}");
        assert_eq!(
            item.comment.as_deref(),
            Some("Say how many sessions."),
            "{b}"
        );
        assert_eq!(
            mine.items[0].state,
            ReturnState::Returned,
            "{b}: returned ones come first"
        );
        // Resubmitted and approved: the status counts it, and it is locked.
        record_update(
            &w.db,
            &w.by(&w.member),
            t.id,
            q2(),
            3,
            RecordCommand::Submit,
            &yes("14 children seen in 52 sessions."),
        )
        .await
        .expect("resubmit");
        let approve_stale = decide_update(
            &w.db,
            &w.by(&w.coordinator),
            draft.id,
            3,
            Decision::Approve,
            "",
        )
        .await;
        assert!(
            matches!(approve_stale, Err(BackendError::Conflict { .. })),
            "{b}: {approve_stale:?}"
        );
        decide_update(
            &w.db,
            &w.by(&w.coordinator),
            draft.id,
            4,
            Decision::Approve,
            "",
        )
        .await
        .expect("approved");
        let page = update_page(&w.db, &w.forum, &w.member, t.id, Some(q2()), w.today)
            .await
            .expect("page");
        assert_eq!(
            page.update.as_ref().map(|u| u.state),
            Some(UpdateState::Approved),
            "{b}"
        );
        assert_eq!(
            page.target.status,
            Status::Met,
            "{b}: done counts once approved"
        );
        for c in [&w.member, &w.coordinator] {
            let locked = record_update(
                &w.db,
                &w.by(c),
                t.id,
                q2(),
                5,
                RecordCommand::Submit,
                &yes("changed"),
            )
            .await;
            assert!(
                matches!(locked, Err(BackendError::Invalid(_))),
                "{b}: approved is locked: {locked:?}"
            );
        }
        // Reopening needs a reason; the correction keeps the approved value in the history.
        let refused = decide_update(
            &w.db,
            &w.by(&w.coordinator),
            draft.id,
            5,
            Decision::Reopen,
            "",
        )
        .await;
        assert!(matches!(refused, Err(BackendError::Fields(_))), "{b}");
        decide_update(
            &w.db,
            &w.by(&w.coordinator),
            draft.id,
            5,
            Decision::Reopen,
            "Wrong quarter's figure",
        )
        .await
        .expect("reopened");
        let no = UpdateForm {
            done: "no",
            narrative: "Service paused in September.",
            ..UpdateForm::default()
        };
        record_update(
            &w.db,
            &w.by(&w.member),
            t.id,
            q2(),
            6,
            RecordCommand::Submit,
            &no,
        )
        .await
        .expect("corrected");
        let page = update_page(&w.db, &w.forum, &w.coordinator, t.id, Some(q2()), w.today)
            .await
            .expect("page");
        let history: Vec<&str> = page.events.iter().map(|e| e.what.as_str()).collect();
        assert!(
            history.iter().any(|e| e.contains(
                "reopened the approved 2006/07 Q2 update for correction: Wrong quarter's figure"
            )),
            "{b}: {history:?}"
        );
        assert!(
            history
                .iter()
                .any(|e| e == &"changed done from “yes” to “no”"),
            "{b}: {history:?}"
        );
        assert!(
            history
                .iter()
                .any(|e| e.starts_with("approved the 2006/07 Q2 update")),
            "{b}: {history:?}"
        );
    }
}

#[tokio::test]
async fn two_members_cannot_overwrite_each_other() {
    for b in common::backends() {
        let w = world(b).await;
        let t = target_titled(&w.db, "Continuation of Haven").await;
        // Both pages were read before anything was recorded (version 0).
        record_update(
            &w.db,
            &w.by(&w.member),
            t.id,
            q2(),
            0,
            RecordCommand::SaveDraft,
            &yes("First"),
        )
        .await
        .expect("first");
        let second = record_update(
            &w.db,
            &w.by(&w.coordinator),
            t.id,
            q2(),
            0,
            RecordCommand::SaveDraft,
            &yes("Second"),
        )
        .await;
        match second {
            Err(BackendError::Conflict { changes, .. }) => {
                assert!(
                    changes
                        .iter()
                        .any(|c| c.contains("recorded the 2006/07 Q2 update")),
                    "{b}: {changes:?}"
                );
            }
            other => panic!("{b}: {other:?}"),
        }
        assert_eq!(
            stored(&w.db, t.id, q2()).await.narrative.as_deref(),
            Some("First"),
            "{b}"
        );
    }
}

#[tokio::test]
async fn periods_values_and_the_returns_page() {
    for b in common::backends() {
        let w = world(b).await;
        // A count target of a WDVF action: coordinators record for any action.
        let t = target_titled(&w.db, "4 campaigns per year").await;
        let count = |value| UpdateForm {
            value,
            narrative: "Campaigns run.",
            ..UpdateForm::default()
        };
        let refused = record_update(
            &w.db,
            &w.by(&w.coordinator),
            t.id,
            q2(),
            0,
            RecordCommand::Submit,
            &count("2.5"),
        )
        .await;
        assert!(
            matches!(refused, Err(BackendError::Fields(_))),
            "{b}: a count is whole"
        );
        // Not a period start, a future period, and before the strategy: refused.
        for start in [d(2006, 7, 2), d(2006, 10, 1), d(2007, 1, 1), d(2005, 1, 1)] {
            let refused = record_update(
                &w.db,
                &w.by(&w.coordinator),
                t.id,
                start,
                0,
                RecordCommand::Submit,
                &count("2"),
            )
            .await;
            let expect_invalid = start != d(2006, 10, 1);
            if expect_invalid {
                assert!(
                    matches!(refused, Err(BackendError::Invalid(_))),
                    "{b}: {start}: {refused:?}"
                );
            } else {
                // The period in progress may be reported early.
                refused.expect("early return");
            }
        }
        let page = update_page(&w.db, &w.forum, &w.viewer, t.id, None, w.today)
            .await
            .expect("page");
        assert_eq!(
            page.period.start,
            q2(),
            "{b}: the default is the period being collected"
        );
        assert!(page.is_return_period && !page.can_record, "{b}");
        assert!(page.cannot_record.is_some(), "{b}");
        assert_eq!(
            page.periods.first().map(|p| p.period.label.as_str()),
            Some("2006/07 Q3"),
            "{b}"
        );

        // The returns page: every owed return is counted once by agency and once by theme.
        let returns = returns_page(&w.db, &w.forum, w.today)
            .await
            .expect("returns");
        let by_agency: usize = returns.by_agency.iter().map(|c| c.expected).sum();
        let by_theme: usize = returns.by_theme.iter().map(|c| c.expected).sum();
        assert_eq!(by_agency, by_theme, "{b}");
        let outstanding: usize = returns.by_agency.iter().map(|c| c.outstanding).sum();
        assert_eq!(outstanding, returns.missing.len(), "{b}");
        assert!(
            returns.missing_text.contains("due 30 October 2006"),
            "{b}: {}",
            returns.missing_text
        );
        // The demo has one Q2 return submitted and waiting.
        assert!(!returns.queue.is_empty(), "{b}");
        // A met milestone owes no more returns.
        let met = target_titled(&w.db, "Appointment of CJSSC").await;
        assert!(returns.missing.iter().all(|i| i.target_id != met.id), "{b}");
        // After the deadline, what is not submitted is overdue.
        let later = returns_page(&w.db, &w.forum, d(2006, 10, 31))
            .await
            .expect("returns");
        assert!(later.missing.iter().all(|i| i.overdue), "{b}");
        assert!(
            later.by_agency.iter().map(|c| c.overdue).sum::<usize>() > 0,
            "{b}"
        );
    }
}

#[tokio::test]
async fn status_overrides_and_settings_are_checked_and_audited() {
    for b in common::backends() {
        let w = world(b).await;
        let now = chrono::Utc::now();
        let t = target_titled(&w.db, "4 campaigns per year").await;
        let refused = override_status(
            &w.db,
            &w.by(&w.member),
            t.id,
            t.version,
            Some(Status::OnTrack),
            "why",
        )
        .await;
        assert!(matches!(refused, Err(BackendError::Forbidden(_))), "{b}");
        let refused = override_status(
            &w.db,
            &w.by(&w.coordinator),
            t.id,
            t.version,
            Some(Status::OnTrack),
            "",
        )
        .await;
        assert!(matches!(refused, Err(BackendError::Fields(_))), "{b}");
        override_status(
            &w.db,
            &w.by(&w.coordinator),
            t.id,
            t.version,
            Some(Status::OffTrack),
            "Campaign budget withdrawn",
        )
        .await
        .expect("override");
        let page = update_page(&w.db, &w.forum, &w.viewer, t.id, None, w.today)
            .await
            .expect("page");
        assert_eq!(page.target.status, Status::OffTrack, "{b}");
        assert_eq!(
            page.override_reason.as_deref(),
            Some("Campaign budget withdrawn"),
            "{b}"
        );
        let stale = override_status(&w.db, &w.by(&w.coordinator), t.id, t.version, None, "").await;
        assert!(matches!(stale, Err(BackendError::Conflict { .. })), "{b}");
        override_status(&w.db, &w.by(&w.coordinator), t.id, t.version + 1, None, "")
            .await
            .expect("cleared");
        let page = update_page(&w.db, &w.forum, &w.viewer, t.id, None, w.today)
            .await
            .expect("page");
        assert_eq!(page.override_reason, None, "{b}");

        // Settings: bad values are refused next to their fields; good ones saved once.
        let ed = Editor {
            forum: &w.forum,
            actor: Some(w.coordinator.id()),
            now,
        };
        let bad = SettingsForm {
            fy_start_month: "13",
            return_days: "-1",
            amber_tolerance: "150",
            population: "lots",
            small_number_threshold: "5",
            fixed_date: "32/13/2006",
        };
        match update_forum_settings(&w.db, &ed, w.forum.version, &bad).await {
            Err(BackendError::Fields(errors)) => {
                let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
                assert_eq!(
                    fields,
                    [
                        "fy_start_month",
                        "return_days",
                        "amber_tolerance",
                        "population",
                        "fixed_date"
                    ],
                    "{b}"
                );
            }
            other => panic!("{b}: {other:?}"),
        }
        let good = SettingsForm {
            fy_start_month: "4",
            return_days: "15",
            amber_tolerance: "5",
            population: "249470",
            small_number_threshold: "10",
            fixed_date: "2006-10-20",
        };
        update_forum_settings(&w.db, &ed, w.forum.version, &good)
            .await
            .expect("saved");
        let stale = update_forum_settings(&w.db, &ed, w.forum.version, &good).await;
        assert!(matches!(stale, Err(BackendError::Conflict { .. })), "{b}");
        let f = forum_by_slug(&w.db, "wolverhampton").await.expect("forum");
        assert_eq!((f.return_days, f.small_number_threshold), (15, 10), "{b}");
        let mine = my_updates(&w.db, &f, &w.member, w.today)
            .await
            .expect("mine");
        let q2_items: Vec<_> = mine
            .items
            .iter()
            .filter(|i| i.period.label == "2006/07 Q2")
            .collect();
        assert!(!q2_items.is_empty(), "{b}");
        assert!(
            q2_items
                .iter()
                .all(|i| i.period.deadline == d(2006, 10, 15)),
            "{b}"
        );
        assert!(
            q2_items
                .iter()
                .filter(|i| i.state.outstanding())
                .all(|i| i.overdue),
            "{b}: 15 October has passed"
        );
    }
}
