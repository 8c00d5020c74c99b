//! The quarterly progress cycle: recording updates (members for their agency's actions,
//! coordinators for any), approving, returning and reopening them, status overrides, the
//! "My updates" and returns pages, and the forum's reporting settings. Forms post and redirect
//! (with and without JavaScript); each use case runs in one transaction, version-checked.
#![allow(
    clippy::too_many_arguments,
    reason = "a form's server function takes one argument per form field"
)]
use crate::api::ApiError;
use crate::domain::progress::{ForumSettings, MyUpdatesPage, ReturnsPage, UpdatePage};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
fn day(text: &str, what: &str) -> Result<chrono::NaiveDate, ApiError> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        ApiError::Invalid(format!(
            "“{text}” is not a {what}: use the links on the target's page."
        ))
    })
}

/// The actor of a guarded call.
#[cfg(feature = "ssr")]
fn actor(a: &crate::api::guard::ForumAccess) -> crate::backend::progress::Actor<'_> {
    crate::backend::progress::Actor {
        forum: &a.forum,
        caller: &a.caller,
        today: a.today,
        now: chrono::Utc::now(),
    }
}

/// One target's return for a period (`period`: its first day; none: the period being collected).
#[server(endpoint = "get_update_page")]
pub async fn get_update_page(
    forum: String,
    target: i32,
    period: Option<String>,
) -> Result<UpdatePage, ApiError> {
    use crate::domain::role::Permission;
    let a = crate::api::guard::forum(&forum, Permission::ViewForum).await?;
    let period = match period.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(p) => Some(day(p, "reporting period")?),
        None => None,
    };
    Ok(crate::backend::progress::update_page(
        &a.ctx.db, &a.forum, &a.caller, target, period, a.today,
    )
    .await?)
}

/// Records a target's update for a period as a draft (`command` = `save_draft`) or submits it
/// (`submit`); after a submission the page goes to `then` (the next return to make) if given.
#[server(endpoint = "record_update")]
pub async fn record_update(
    forum: String,
    target: i32,
    period: String,
    version: i32,
    command: String,
    value: Option<String>,
    numerator: Option<String>,
    denominator: Option<String>,
    done: Option<String>,
    reached_on: Option<String>,
    text: Option<String>,
    narrative: Option<String>,
    evidence_url: Option<String>,
    public: Option<String>,
    then: Option<String>,
) -> Result<(), ApiError> {
    use crate::domain::role::Permission;
    use crate::domain::update::{RecordCommand, UpdateForm};
    let [
        value,
        numerator,
        denominator,
        done,
        reached_on,
        text,
        narrative,
        evidence_url,
        public,
    ] = [
        value,
        numerator,
        denominator,
        done,
        reached_on,
        text,
        narrative,
        evidence_url,
        public,
    ]
    .map(Option::unwrap_or_default);
    let kept = vec![
        ("value", value.clone()),
        ("numerator", numerator.clone()),
        ("denominator", denominator.clone()),
        ("done", done.clone()),
        ("reached_on", reached_on.clone()),
        ("text", text.clone()),
        ("narrative", narrative.clone()),
        ("evidence_url", evidence_url.clone()),
        ("public", public.clone()),
    ];
    crate::api::form::guarded(
        &forum,
        Permission::RecordUpdate,
        "update",
        kept,
        |a| async move {
            let command: RecordCommand = command
                .parse()
                .map_err(|_| ApiError::Invalid("Choose “Save as draft” or “Submit”.".to_owned()))?;
            let period = day(&period, "reporting period")?;
            let form = UpdateForm {
                value: &value,
                numerator: &numerator,
                denominator: &denominator,
                done: &done,
                reached_on: &reached_on,
                text: &text,
                narrative: &narrative,
                evidence_url: &evidence_url,
                public: &public,
            };
            let saved = crate::backend::progress::record_update(
                &a.ctx.db,
                &actor(&a),
                target,
                period,
                version,
                command,
                &form,
            )
            .await?;
            let next = then.filter(|t| {
                command == RecordCommand::Submit && crate::backend::web::is_local_path(t)
            });
            Ok((saved, next))
        },
    )
    .await
}

/// A coordinator approves, returns (with a comment) or reopens (with a reason) an update.
#[server(endpoint = "decide_update")]
pub async fn decide_update(
    forum: String,
    id: i32,
    version: i32,
    decision: String,
    comment: Option<String>,
) -> Result<(), ApiError> {
    use crate::domain::role::Permission;
    let comment = comment.unwrap_or_default();
    let kept = vec![("comment", comment.clone())];
    let form = format!("decision-{id}");
    crate::api::form::guarded(
        &forum,
        Permission::ReviewUpdates,
        &form,
        kept,
        |a| async move {
            let decision: crate::domain::update::Decision = decision
                .parse()
                .map_err(|_| ApiError::Invalid("Choose approve, return or reopen.".to_owned()))?;
            let saved = crate::backend::progress::decide_update(
                &a.ctx.db,
                &actor(&a),
                id,
                version,
                decision,
                &comment,
            )
            .await?;
            Ok((saved, None))
        },
    )
    .await
}

/// A coordinator overrides a target's computed status with a reason (`status` empty: clears it).
#[server(endpoint = "override_status")]
pub async fn override_status(
    forum: String,
    target: i32,
    version: i32,
    status: String,
    reason: Option<String>,
) -> Result<(), ApiError> {
    use crate::domain::role::Permission;
    let reason = reason.unwrap_or_default();
    let kept = vec![("status", status.clone()), ("reason", reason.clone())];
    crate::api::form::guarded(
        &forum,
        Permission::ReviewUpdates,
        "override",
        kept,
        |a| async move {
            let status = match status.trim() {
                "" => None,
                s => Some(s.parse::<crate::domain::status::Status>().map_err(|_| {
                    ApiError::Fields(vec![crate::domain::plan_form::FieldError {
                        field: "status".to_owned(),
                        message: "Choose a status from the list.".to_owned(),
                    }])
                })?),
            };
            let saved = crate::backend::progress::override_status(
                &a.ctx.db,
                &actor(&a),
                target,
                version,
                status,
                &reason,
            )
            .await?;
            Ok((saved, None))
        },
    )
    .await
}

/// "My updates": the returns the caller's agency owes this period.
#[server(endpoint = "get_my_updates")]
pub async fn get_my_updates(forum: String) -> Result<MyUpdatesPage, ApiError> {
    use crate::domain::role::Permission;
    let a = crate::api::guard::forum(&forum, Permission::RecordUpdate).await?;
    Ok(crate::backend::progress::my_updates(&a.ctx.db, &a.forum, &a.caller, a.today).await?)
}

/// The coordinator's returns page: who has reported, the queue to review, what is missing.
#[server(endpoint = "get_returns_page")]
pub async fn get_returns_page(forum: String) -> Result<ReturnsPage, ApiError> {
    use crate::domain::role::Permission;
    let a = crate::api::guard::forum(&forum, Permission::ReviewUpdates).await?;
    Ok(crate::backend::progress::returns_page(&a.ctx.db, &a.forum, a.today).await?)
}

/// The forum's reporting settings (coordinators).
#[server(endpoint = "get_forum_settings")]
pub async fn get_forum_settings(forum: String) -> Result<ForumSettings, ApiError> {
    use crate::domain::role::Permission;
    let a = crate::api::guard::forum(&forum, Permission::EditPlan).await?;
    Ok(crate::backend::progress::forum_settings(
        &a.forum,
        chrono::Utc::now().date_naive(),
    ))
}

/// Saves the forum's reporting settings.
#[server(endpoint = "update_forum_settings")]
pub async fn update_forum_settings(
    forum: String,
    version: i32,
    fy_start_month: String,
    return_days: String,
    amber_tolerance: String,
    population: Option<String>,
    small_number_threshold: String,
    fixed_date: Option<String>,
) -> Result<(), ApiError> {
    use crate::domain::role::Permission;
    let [population, fixed_date] = [population, fixed_date].map(Option::unwrap_or_default);
    let kept = vec![
        ("fy_start_month", fy_start_month.clone()),
        ("return_days", return_days.clone()),
        ("amber_tolerance", amber_tolerance.clone()),
        ("population", population.clone()),
        ("small_number_threshold", small_number_threshold.clone()),
        ("fixed_date", fixed_date.clone()),
    ];
    crate::api::form::guarded(
        &forum,
        Permission::EditPlan,
        "settings",
        kept,
        |a| async move {
            let form = crate::backend::progress::SettingsForm {
                fy_start_month: &fy_start_month,
                return_days: &return_days,
                amber_tolerance: &amber_tolerance,
                population: &population,
                small_number_threshold: &small_number_threshold,
                fixed_date: &fixed_date,
            };
            let ed = crate::backend::plan_edit::Editor {
                forum: &a.forum,
                actor: Some(a.caller.id()),
                now: chrono::Utc::now(),
            };
            let saved =
                crate::backend::progress::update_forum_settings(&a.ctx.db, &ed, version, &form)
                    .await?;
            Ok((saved, None))
        },
    )
    .await
}
