//! Recording an update, the coordinator's decisions on it, and status overrides: each one
//! transaction, version-checked, audited with the values before and after.
use super::{cannot_record, corrupt, period_view, reportable_periods, state_text};
use crate::backend::accounts::Caller;
use crate::backend::entity::{action_partner, partner, progress_update, target};
use crate::backend::error::{BackendError, BackendResult};
use crate::backend::plan::calendar;
use crate::backend::plan_edit::common::{Fields, claim, conflict, num, opt};
use crate::backend::plan_edit::{Editor, Saved, target_in};
use crate::domain::role::Permission;
use crate::domain::status::Status;
use crate::domain::target::{Frequency, TargetKind};
use crate::domain::update::{
    Decision, RecordCommand, UpdateForm, UpdateInput, UpdateState, after_decision, after_record,
};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set, SqlErr,
    TransactionSession, TransactionTrait,
};
use std::collections::HashMap;

/// Who is acting in which forum, and when: the caller, the forum's date (for periods) and the
/// time stamped on the change.
#[derive(Clone, Copy)]
pub struct Actor<'a> {
    /// The forum.
    pub forum: &'a crate::backend::entity::forum::Model,
    /// Who.
    pub caller: &'a Caller,
    /// The forum's date.
    pub today: NaiveDate,
    /// Now.
    pub now: DateTime<Utc>,
}

impl Actor<'_> {
    /// Refuses anyone but a coordinator (or an administrator).
    fn must_review(&self, what: &str) -> BackendResult<()> {
        if self.caller.may(self.forum.id, Permission::ReviewUpdates) {
            Ok(())
        } else {
            Err(BackendError::Forbidden(format!(
                "only a coordinator {what}"
            )))
        }
    }
}

fn missing(field: &str, message: &str) -> BackendError {
    BackendError::Fields(vec![crate::domain::plan_form::FieldError {
        field: field.to_owned(),
        message: message.to_owned(),
    }])
}

/// The audit trail's name for updates.
pub(crate) const ENTITY: &str = "progress_update";

fn fields(u: &progress_update::Model) -> Fields {
    vec![
        ("figure", num(u.value_number)),
        ("how_many", num(u.value_numerator)),
        ("out_of", num(u.value_denominator)),
        (
            "done",
            u.value_bool
                .map(|b| if b { "yes" } else { "no" }.to_owned())
                .unwrap_or_default(),
        ),
        (
            "reached_on",
            u.value_date.map(|d| d.to_string()).unwrap_or_default(),
        ),
        ("text", opt(u.value_text.as_deref())),
        ("narrative", opt(u.narrative.as_deref())),
        ("evidence", opt(u.evidence_url.as_deref())),
        ("public", if u.is_public { "yes" } else { "no" }.to_owned()),
        ("state", u.state.clone()),
    ]
}

fn editor<'a>(
    forum: &'a crate::backend::entity::forum::Model,
    caller: &Caller,
    now: DateTime<Utc>,
) -> Editor<'a> {
    Editor {
        forum,
        actor: Some(caller.id()),
        now,
    }
}

/// Records (creates or changes) the update of target `target_id` for the period starting
/// `period_start`, as a draft or submitted. `version` is the update's version the page showed
/// (0 when it showed none). The form's text is parsed here, for the target's kind.
///
/// # Errors
/// [`BackendError::Forbidden`] for a member of another agency (or a viewer),
/// [`BackendError::Fields`] for values that are wrong for the kind, [`BackendError::Invalid`]
/// for an approved (locked) update or a period the target does not report, and
/// [`BackendError::Conflict`] when someone else saved it since the page was read.
pub async fn record_update(
    db: &impl TransactionTrait,
    actor: &Actor<'_>,
    target_id: i32,
    period_start: NaiveDate,
    version: i32,
    command: RecordCommand,
    form: &UpdateForm<'_>,
) -> BackendResult<Saved> {
    let Actor {
        forum,
        caller,
        today,
        now,
    } = *actor;
    let txn = crate::backend::db::write(db).await?;
    let (t, a, _, s) = target_in(&txn, forum, target_id).await?;
    let supporting: Vec<i32> = action_partner::Entity::find()
        .filter(action_partner::Column::ActionId.eq(a.id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|ap| ap.partner_id)
        .collect();
    let names: HashMap<i32, String> = partner::Entity::find()
        .filter(partner::Column::ForumId.eq(forum.id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    if let Some(why) = cannot_record(caller, forum, a.lead_partner_id, &supporting, &names) {
        return Err(BackendError::Forbidden(why));
    }
    if t.archived_at.is_some() || a.archived_at.is_some() || s.archived_at.is_some() {
        return Err(BackendError::Invalid(
            "this target is archived: it no longer takes updates".to_owned(),
        ));
    }
    let kind: TargetKind = t.kind.parse().map_err(corrupt)?;
    let frequency: Frequency = t.frequency.parse().map_err(corrupt)?;
    let period = calendar(forum).period_containing(period_start, frequency);
    if period.start != period_start || !reportable_periods(forum, &t, &s, today)?.contains(&period)
    {
        return Err(BackendError::Invalid(format!(
            "“{}” is not a period this target reports for",
            period_start.format("%-d %B %Y")
        )));
    }
    let input = UpdateInput::parse(kind, form, command, today).map_err(BackendError::Fields)?;
    let label = period_view(forum, period).label;
    let what = format!("The {label} update of “{}”", t.title);
    let existing = progress_update::Entity::find()
        .filter(progress_update::Column::TargetId.eq(t.id))
        .filter(progress_update::Column::PeriodStart.eq(period.start))
        .one(&txn)
        .await?;
    let current_state = existing
        .as_ref()
        .map(|u| u.state.parse::<UpdateState>().map_err(corrupt))
        .transpose()?;
    let ed = editor(forum, caller, now);
    let saved = match existing {
        Some(u) => {
            if u.version != version {
                return Err(conflict(&txn, ENTITY, u.id, version, what).await);
            }
            let state = after_record(current_state, command).map_err(BackendError::Invalid)?;
            let before = fields(&u);
            let new_version = claim!(
                &txn,
                progress_update,
                "progress_update",
                u.id,
                version,
                what.clone()
            );
            let mut m = u.into_active_model();
            set_values(&mut m, &input, state, caller, now);
            m.version = Set(new_version);
            let after = m.update(&txn).await?;
            ed.record_changes(
                &txn,
                ENTITY,
                after.id,
                new_version,
                &before,
                &fields(&after),
            )
            .await?;
            after
        }
        None => {
            if version != 0 {
                // The page showed an update that has since gone (its target was removed and
                // restored): treat as a conflict rather than creating a second one blindly.
                return Err(BackendError::Invalid(
                    "the update you were editing no longer exists: reload the page".to_owned(),
                ));
            }
            let state = after_record(None, command).map_err(BackendError::Invalid)?;
            let mut m = progress_update::ActiveModel {
                target_id: Set(t.id),
                period_start: Set(period.start),
                period_end: Set(period.end),
                created_at: Set(now),
                version: Set(1),
                ..Default::default()
            };
            set_values(&mut m, &input, state, caller, now);
            let created = match m.insert(&txn).await {
                Ok(row) => row,
                Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
                    // Someone else recorded this period between our read and our write.
                    return Err(BackendError::Conflict {
                        message: format!(
                            "{what} was recorded by someone else since you opened this page, so your save was not made. \
                             Reload the page to see it; what you typed is kept in the form."
                        ),
                        changes: Vec::new(),
                    });
                }
                Err(e) => return Err(e.into()),
            };
            ed.record(
                &txn,
                ENTITY,
                created.id,
                "create",
                format!(
                    "recorded the {label} update of “{}” ({})",
                    t.title,
                    state.label().to_lowercase()
                ),
                Some(1),
            )
            .await?;
            ed.record_changes(&txn, ENTITY, created.id, 1, &blank(), &fields(&created))
                .await?;
            created
        }
    };
    txn.commit().await?;
    Ok(Saved {
        id: saved.id,
        message: match command {
            RecordCommand::SaveDraft => format!(
                "Saved the {label} update of “{}” as a draft: submit it when it is ready.",
                t.title
            ),
            RecordCommand::Submit => format!(
                "Submitted the {label} update of “{}” for approval.",
                t.title
            ),
        },
        warnings: Vec::new(),
    })
}

fn blank() -> Fields {
    let none = progress_update::Model {
        id: 0,
        target_id: 0,
        period_start: NaiveDate::MIN,
        period_end: NaiveDate::MIN,
        value_number: None,
        value_numerator: None,
        value_denominator: None,
        value_bool: None,
        value_date: None,
        value_text: None,
        narrative: None,
        evidence_url: None,
        is_public: false,
        state: String::new(),
        author_id: None,
        submitted_at: None,
        decided_at: None,
        decided_by: None,
        decision_comment: None,
        created_at: DateTime::<Utc>::MIN_UTC,
        updated_at: DateTime::<Utc>::MIN_UTC,
        version: 0,
    };
    fields(&none)
}

fn set_values(
    m: &mut progress_update::ActiveModel,
    input: &UpdateInput,
    state: UpdateState,
    caller: &Caller,
    now: DateTime<Utc>,
) {
    let v = &input.value;
    m.value_number = Set(v.number);
    m.value_numerator = Set(v.numerator);
    m.value_denominator = Set(v.denominator);
    m.value_bool = Set(v.done);
    m.value_date = Set(v.reached_on);
    m.value_text = Set(v.text.clone());
    m.narrative = Set(input.narrative.clone());
    m.evidence_url = Set(input.evidence_url.clone());
    m.is_public = Set(input.is_public);
    m.state = Set(state.as_str().to_owned());
    m.author_id = Set(Some(caller.id()));
    m.updated_at = Set(now);
    if state == UpdateState::Submitted {
        m.submitted_at = Set(Some(now));
    }
    // A returned update keeps its comment until it is decided again, so its author can see why.
}

/// A coordinator approves, returns (with a comment) or reopens (with a reason) update `id`.
///
/// # Errors
/// [`BackendError::Forbidden`] for someone who may not review, [`BackendError::Fields`] for a
/// missing comment, [`BackendError::Invalid`] for a decision that does not apply to the
/// update's state, [`BackendError::Conflict`] when it changed since the page was read.
pub async fn decide_update(
    db: &impl TransactionTrait,
    actor: &Actor<'_>,
    id: i32,
    version: i32,
    decision: Decision,
    comment: &str,
) -> BackendResult<Saved> {
    let Actor {
        forum, caller, now, ..
    } = *actor;
    actor.must_review("approves, returns or reopens updates")?;
    let comment = comment.trim();
    if comment.is_empty() && decision != Decision::Approve {
        return Err(missing(
            "comment",
            match decision {
                Decision::Return => "Say what needs changing: the author sees this comment.",
                _ => "Give the reason for reopening: it stays in the update's history.",
            },
        ));
    }
    let txn = crate::backend::db::write(db).await?;
    let Some(u) = progress_update::Entity::find_by_id(id).one(&txn).await? else {
        return Err(BackendError::NotFound("update"));
    };
    let (t, _, _, _) = target_in(&txn, forum, u.target_id)
        .await
        .map_err(|_| BackendError::NotFound("update"))?;
    let label = period_view(
        forum,
        crate::domain::period::Period {
            start: u.period_start,
            end: u.period_end,
        },
    )
    .label;
    let what = format!("The {label} update of “{}”", t.title);
    if u.version != version {
        return Err(conflict(&txn, ENTITY, u.id, version, what).await);
    }
    let state: UpdateState = u.state.parse().map_err(corrupt)?;
    let next = after_decision(state, decision).map_err(BackendError::Invalid)?;
    let new_version = claim!(
        &txn,
        progress_update,
        "progress_update",
        u.id,
        version,
        what.clone()
    );
    let before_state = u.state.clone();
    let mut m = u.into_active_model();
    m.state = Set(next.as_str().to_owned());
    m.decided_at = Set(Some(now));
    m.decided_by = Set(Some(caller.id()));
    m.decision_comment = Set((!comment.is_empty()).then(|| comment.to_owned()));
    m.updated_at = Set(now);
    m.version = Set(new_version);
    let saved = m.update(&txn).await?;
    let detail = match decision {
        Decision::Approve => format!(
            "approved the {label} update (was {})",
            state_text(&before_state)
        ),
        Decision::Return => format!("returned the {label} update to its author: {comment}"),
        Decision::Reopen => {
            format!("reopened the approved {label} update for correction: {comment}")
        }
    };
    let ed = editor(forum, caller, now);
    ed.record(
        &txn,
        ENTITY,
        saved.id,
        decision.as_str(),
        detail,
        Some(new_version),
    )
    .await?;
    txn.commit().await?;
    Ok(Saved {
        id: saved.id,
        message: match decision {
            Decision::Approve => format!("Approved the {label} update of “{}”.", t.title),
            Decision::Return => format!(
                "Returned the {label} update of “{}” to its author with your comment.",
                t.title
            ),
            Decision::Reopen => format!(
                "Reopened the {label} update of “{}”: it can be corrected and submitted again; the approved value stays in its history.",
                t.title
            ),
        },
        warnings: Vec::new(),
    })
}

/// A coordinator sets (or with `status` None, clears) a target's status override, with a reason.
///
/// # Errors
/// [`BackendError::Forbidden`] for someone who may not review, [`BackendError::Fields`] for a
/// missing reason, [`BackendError::Conflict`] when the target changed since the page was read.
pub async fn override_status(
    db: &impl TransactionTrait,
    actor: &Actor<'_>,
    target_id: i32,
    version: i32,
    status: Option<Status>,
    reason: &str,
) -> BackendResult<Saved> {
    let Actor {
        forum, caller, now, ..
    } = *actor;
    actor.must_review("overrides a status")?;
    let reason = reason.trim();
    if status.is_some() && reason.is_empty() {
        return Err(missing(
            "reason",
            "Give the reason for the override: it is shown with the status.",
        ));
    }
    let txn = crate::backend::db::write(db).await?;
    let (t, _, _, _) = target_in(&txn, forum, target_id).await?;
    let what = format!("The target “{}”", t.title);
    let new_version = claim!(&txn, target, "target", t.id, version, what);
    let before: Fields = vec![
        ("status_override", opt(t.status_override.as_deref())),
        ("override_reason", opt(t.status_override_reason.as_deref())),
    ];
    let mut m = t.clone().into_active_model();
    m.status_override = Set(status.map(|s| s.as_str().to_owned()));
    m.status_override_reason = Set(status.map(|_| reason.to_owned()));
    m.version = Set(new_version);
    let saved = m.update(&txn).await?;
    let after: Fields = vec![
        ("status_override", opt(saved.status_override.as_deref())),
        (
            "override_reason",
            opt(saved.status_override_reason.as_deref()),
        ),
    ];
    editor(forum, caller, now)
        .record_changes(&txn, "target", saved.id, new_version, &before, &after)
        .await?;
    txn.commit().await?;
    Ok(Saved {
        id: saved.id,
        message: match status {
            Some(s) => format!(
                "The status of “{}” is now shown as {} (overridden: {reason}).",
                t.title,
                s.label().to_lowercase()
            ),
            None => format!(
                "The status of “{}” is computed from its updates again.",
                t.title
            ),
        },
        warnings: Vec::new(),
    })
}
