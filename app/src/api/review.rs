//! Review meetings: everyone in the forum reads reviews and their packs; coordinators (and
//! administrators) open reviews, record decisions and actions arising, record what happened to
//! them, and close reviews; turning an action arising into a plan action is plan editing.
use crate::api::ApiError;
use crate::domain::review::{ReviewPage, ReviewsPage};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
fn day(text: &str, what: &str) -> Result<Option<chrono::NaiveDate>, ApiError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| {
            ApiError::Invalid(format!(
                "“{t}” is not a date: give the {what} as day, month and year (2006-11-15)."
            ))
        })
}

/// The forum's reviews.
#[server(endpoint = "get_reviews")]
pub async fn get_reviews(forum: String) -> Result<ReviewsPage, ApiError> {
    use crate::domain::role::Permission;
    let a = crate::api::guard::forum(&forum, Permission::ViewForum).await?;
    let can_manage = a.caller.may(a.forum.id, Permission::ManageReviews);
    Ok(crate::backend::review::reviews_page(&a.ctx.db, &a.forum, a.today, can_manage).await?)
}

/// One review (its page and its meeting pack).
#[server(endpoint = "get_review")]
pub async fn get_review(forum: String, review: i32) -> Result<ReviewPage, ApiError> {
    use crate::domain::role::Permission;
    let a = crate::api::guard::forum(&forum, Permission::ViewForum).await?;
    let can_manage = a.caller.may(a.forum.id, Permission::ManageReviews);
    let can_edit_plan = a.caller.may(a.forum.id, Permission::EditPlan);
    Ok(crate::backend::review::review_page(
        &a.ctx.db,
        &a.forum,
        review,
        a.today,
        can_manage,
        can_edit_plan,
    )
    .await?)
}

/// Opens a review of a quarter (freezing the plan as it stands), then shows it.
#[server(endpoint = "open_review")]
pub async fn open_review(
    forum: String,
    strategy: Option<String>,
    period: String,
    title: Option<String>,
    held_on: Option<String>,
) -> Result<(), ApiError> {
    use crate::domain::role::Permission;
    let title = title.unwrap_or_default();
    let held_on = held_on.unwrap_or_default();
    let kept = vec![
        ("strategy", strategy.clone().unwrap_or_default()),
        ("period", period.clone()),
        ("title", title.clone()),
        ("held_on", held_on.clone()),
    ];
    crate::api::form::guarded(
        &forum,
        Permission::ManageReviews,
        "open-review",
        kept,
        |a| async move {
            let period_start = day(&period, "quarter")?.ok_or_else(|| {
                ApiError::Invalid("Choose the quarter to review from the list.".to_owned())
            })?;
            let held_on = day(&held_on, "meeting's date")?;
            let ed = crate::api::plan_edit::edge::editor(&a);
            let saved = crate::backend::review::open_review(
                &a.ctx.db,
                &ed,
                Some(a.caller.id()),
                a.today,
                crate::backend::review::OpenReview {
                    strategy: strategy.filter(|s| !s.trim().is_empty()),
                    period_start,
                    title,
                    held_on,
                },
            )
            .await?;
            let path = format!("/forums/{}/reviews/{}", a.forum.slug, saved.id);
            Ok((saved, Some(path)))
        },
    )
    .await
}

/// Records a decision or an action arising in an open review.
#[server(endpoint = "add_minute")]
pub async fn add_minute(
    forum: String,
    review: i32,
    kind: String,
    text: String,
    owner: Option<String>,
    due: Option<String>,
) -> Result<(), ApiError> {
    use crate::domain::review::DecisionKind;
    use crate::domain::role::Permission;
    let owner = owner.unwrap_or_default();
    let due = due.unwrap_or_default();
    let kept = vec![
        ("kind", kind.clone()),
        ("text", text.clone()),
        ("owner", owner.clone()),
        ("due", due.clone()),
    ];
    crate::api::form::guarded(
        &forum,
        Permission::ManageReviews,
        "minute",
        kept,
        |a| async move {
            let kind: DecisionKind = kind.parse().map_err(|_| {
                ApiError::Invalid("Choose “Decision” or “Action arising”.".to_owned())
            })?;
            let due = day(&due, "due date")?;
            let ed = crate::api::plan_edit::edge::editor(&a);
            let saved = crate::backend::review::add_minute(
                &a.ctx.db,
                &ed,
                review,
                crate::backend::review::MinuteInput {
                    kind,
                    text,
                    owner: Some(owner),
                    due,
                },
            )
            .await?;
            Ok((saved, None))
        },
    )
    .await
}

/// Records what happened to an action arising.
#[server(endpoint = "record_outcome")]
pub async fn record_outcome(
    forum: String,
    minute: i32,
    version: i32,
    outcome: String,
) -> Result<(), ApiError> {
    use crate::domain::role::Permission;
    let kept = vec![("outcome", outcome.clone())];
    let form = format!("outcome-{minute}");
    crate::api::form::guarded(
        &forum,
        Permission::ManageReviews,
        &form,
        kept,
        |a| async move {
            let ed = crate::api::plan_edit::edge::editor(&a);
            let saved =
                crate::backend::review::record_outcome(&a.ctx.db, &ed, minute, version, &outcome)
                    .await?;
            Ok((saved, None))
        },
    )
    .await
}

/// Makes an action arising a plan action in the theme chosen, then opens the action's page.
#[server(endpoint = "make_plan_action")]
pub async fn make_plan_action(
    forum: String,
    minute: i32,
    version: i32,
    theme: String,
) -> Result<(), ApiError> {
    use crate::domain::role::Permission;
    let form = format!("make-action-{minute}");
    let kept = vec![("theme", theme.clone())];
    crate::api::form::guarded(&forum, Permission::EditPlan, &form, kept, |a| async move {
        let theme: i32 = theme
            .trim()
            .parse()
            .map_err(|_| ApiError::Invalid("Choose the theme the action belongs to.".to_owned()))?;
        let ed = crate::api::plan_edit::edge::editor(&a);
        let saved =
            crate::backend::review::make_plan_action(&a.ctx.db, &ed, minute, version, theme)
                .await?;
        let path = format!("/forums/{}/actions/{}", a.forum.slug, saved.id);
        Ok((saved, Some(path)))
    })
    .await
}

/// Closes a review once its meeting is over.
#[server(endpoint = "close_review")]
pub async fn close_review(forum: String, review: i32, version: i32) -> Result<(), ApiError> {
    use crate::domain::role::Permission;
    crate::api::form::guarded(
        &forum,
        Permission::ManageReviews,
        "close-review",
        Vec::new(),
        |a| async move {
            let ed = crate::api::plan_edit::edge::editor(&a);
            let saved =
                crate::backend::review::close_review(&a.ctx.db, &ed, review, version, a.today)
                    .await?;
            Ok((saved, None))
        },
    )
    .await
}
