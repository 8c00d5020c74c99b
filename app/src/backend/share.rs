//! Share links (see [`crate::domain::share`]): making, listing and revoking them, and opening
//! the report behind a token.
//!
//! A token is never stored, logged or audited: only its SHA-256 is kept, as for sessions. A
//! link's expiry is a real date (not a demonstration forum's fixed date), so that a link made in
//! a training forum still closes when it says. An unknown, revoked or expired token, or one
//! whose strategy, theme or resource has since been archived, opens nothing, and they all look
//! the same to the visitor.
mod report;

use crate::backend::accounts::audit::AuditEntry;
use crate::backend::entity::{app_user, forum, resource, share_link, strategy, theme};
use crate::backend::error::{BackendError, BackendResult};
use crate::backend::plan::{forum_ref, live_strategies};
use crate::backend::plan_edit::Saved;
use crate::backend::sessions::{id_of, new_token};
use crate::domain::share::{
    DEFAULT_DAYS, LinkState, NewShare, Part, ScopeKind, ShareLinkRow, ShareLinksPage,
};
use chrono::{DateTime, Days, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use std::collections::HashMap;

pub use report::{KEPT, Kept, open, open_kept};

/// A link just made: the token goes to the coordinator once and nowhere else.
#[derive(Clone, Debug)]
pub struct NewLink {
    /// The link's id.
    pub id: i32,
    /// The secret part of its address (43 URL-safe characters, 256 random bits).
    pub token: String,
}

/// The address path of the report a token opens.
pub fn report_path(token: &str) -> String {
    format!("/report/{token}")
}

/// The moment a link that opens until the end of `day` closes.
fn closes_at(day: NaiveDate) -> DateTime<Utc> {
    day.checked_add_days(Days::new(1))
        .unwrap_or(day)
        .and_hms_opt(0, 0, 0)
        .map_or_else(Utc::now, |t| t.and_utc())
}

fn state_of(link: &share_link::Model, now: DateTime<Utc>) -> LinkState {
    if link.revoked_at.is_some() {
        LinkState::Revoked
    } else if link.expires_at.is_some_and(|e| e <= now) {
        LinkState::Expired
    } else {
        LinkState::Open
    }
}

fn parts_of(link: &share_link::Model) -> Vec<Part> {
    serde_json::from_str::<Vec<String>>(&link.shows)
        .unwrap_or_default()
        .iter()
        .filter_map(|p| p.parse().ok())
        .collect()
}

/// The scopes a link of `forum` may cover: its live strategies, their live themes and its
/// resources, as (`kind:id`, label).
async fn scope_choices(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
) -> BackendResult<[Vec<(String, String)>; 3]> {
    let strategies = live_strategies(db, forum.id).await?;
    let titles: HashMap<i32, &str> = strategies
        .iter()
        .map(|s| (s.id, s.title.as_str()))
        .collect();
    let themes = theme::Entity::find()
        .filter(theme::Column::StrategyId.is_in(strategies.iter().map(|s| s.id)))
        .filter(theme::Column::ArchivedAt.is_null())
        .order_by_asc(theme::Column::StrategyId)
        .order_by_asc(theme::Column::Position)
        .order_by_asc(theme::Column::Id)
        .all(db)
        .await?;
    let resources = resource::Entity::find()
        .filter(resource::Column::ForumId.eq(forum.id))
        .filter(resource::Column::ArchivedAt.is_null())
        .order_by_asc(resource::Column::Name)
        .all(db)
        .await?;
    Ok([
        strategies
            .iter()
            .map(|s| (format!("strategy:{}", s.id), s.title.clone()))
            .collect(),
        themes
            .iter()
            .map(|t| {
                let of = titles.get(&t.strategy_id).copied().unwrap_or_default();
                (format!("theme:{}", t.id), format!("{} ({of})", t.title))
            })
            .collect(),
        resources
            .iter()
            .map(|r| (format!("resource:{}", r.id), r.name.clone()))
            .collect(),
    ])
}

/// The forum's share links page: its links, newest first, and what a new one may cover.
/// `today` is the real date (expiries are real dates).
///
/// # Errors
/// Database errors.
pub async fn page(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
    now: DateTime<Utc>,
) -> BackendResult<ShareLinksPage> {
    let [strategies, themes, resources] = scope_choices(db, forum).await?;
    let labels: HashMap<String, String> = strategies
        .iter()
        .map(|(k, l)| (k.clone(), format!("Strategy: {l}")))
        .chain(
            themes
                .iter()
                .map(|(k, l)| (k.clone(), format!("Theme: {l}"))),
        )
        .chain(
            resources
                .iter()
                .map(|(k, l)| (k.clone(), format!("Funded by {l}"))),
        )
        .collect();
    let links = share_link::Entity::find()
        .filter(share_link::Column::ForumId.eq(forum.id))
        .order_by_desc(share_link::Column::CreatedAt)
        .order_by_desc(share_link::Column::Id)
        .all(db)
        .await?;
    let users: HashMap<i32, String> = app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(links.iter().filter_map(|l| l.created_by)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let today = now.date_naive();
    Ok(ShareLinksPage {
        forum: forum_ref(forum),
        links: links
            .iter()
            .map(|l| ShareLinkRow {
                id: l.id,
                label: l.label.clone(),
                scope: labels
                    .get(&format!("{}:{}", l.scope_kind, l.scope_id))
                    .cloned()
                    .unwrap_or_else(|| "Something since archived: it opens nothing".to_owned()),
                parts: parts_of(l),
                expires_on: l
                    .expires_at
                    .map(|e| (e - chrono::Duration::seconds(1)).date_naive()),
                created_by: l.created_by.and_then(|id| users.get(&id).cloned()),
                created_on: l.created_at.date_naive(),
                state: state_of(l, now),
            })
            .collect(),
        strategies,
        themes,
        resources,
        default_expiry: today
            .checked_add_days(Days::new(DEFAULT_DAYS))
            .unwrap_or(today),
        threshold: u32::try_from(forum.small_number_threshold).unwrap_or(0),
    })
}

/// Whether `scope:id` names a live strategy, theme or resource of `forum`.
async fn scope_exists(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
    scope: ScopeKind,
    id: i32,
) -> BackendResult<bool> {
    let [strategies, themes, resources] = scope_choices(db, forum).await?;
    let key = format!("{}:{id}", scope.as_str());
    let list = match scope {
        ScopeKind::Strategy => strategies,
        ScopeKind::Theme => themes,
        ScopeKind::Resource => resources,
    };
    Ok(list.iter().any(|(k, _)| *k == key))
}

/// Makes a share link of `forum` as user `user_id` asked (checked by [`NewShare::parse`]).
///
/// # Errors
/// [`BackendError::Fields`] when the scope is not a live part of the forum; database errors.
pub async fn create(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
    user_id: i32,
    new: &NewShare,
    now: DateTime<Utc>,
) -> BackendResult<NewLink> {
    if !scope_exists(db, forum, new.scope, new.scope_id).await? {
        return Err(BackendError::Fields(vec![
            crate::domain::plan_form::FieldError {
                field: "scope".to_owned(),
                message: "That is no longer part of the forum's plan: choose another.".to_owned(),
            },
        ]));
    }
    let token = new_token()?;
    let parts: Vec<&str> = new.parts.iter().map(|p| p.as_str()).collect();
    let shows = serde_json::to_string(&parts).map_err(|e| BackendError::Corrupt(e.to_string()))?;
    let saved = share_link::ActiveModel {
        forum_id: Set(forum.id),
        token_hash: Set(id_of(&token)),
        label: Set(new.label.clone()),
        scope_kind: Set(new.scope.as_str().to_owned()),
        scope_id: Set(new.scope_id),
        shows: Set(shows.clone()),
        expires_at: Set(Some(closes_at(new.expires_on))),
        revoked_at: Set(None),
        created_by: Set(Some(user_id)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    AuditEntry {
        forum_id: Some(forum.id),
        user_id: Some(user_id),
        entity_id: Some(saved.id),
        new_value: Some(new.label.clone()),
        detail: Some(format!(
            "{}:{} shows {shows} until {}",
            new.scope.as_str(),
            new.scope_id,
            new.expires_on
        )),
        ..AuditEntry::new("share_link", "create")
    }
    .append(db, now)
    .await?;
    Ok(NewLink {
        id: saved.id,
        token,
    })
}

/// Revokes link `id` of `forum`: from now on it opens "no longer available". Revoking a
/// revoked link changes nothing.
///
/// # Errors
/// [`BackendError::NotFound`] for a link of another forum or none; database errors.
pub async fn revoke(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
    user_id: i32,
    id: i32,
    now: DateTime<Utc>,
) -> BackendResult<Saved> {
    let link = share_link::Entity::find_by_id(id)
        .filter(share_link::Column::ForumId.eq(forum.id))
        .one(db)
        .await?
        .ok_or(BackendError::NotFound("share link"))?;
    if link.revoked_at.is_some() {
        return Ok(Saved {
            id,
            message: format!("“{}” was already revoked.", link.label),
            warnings: Vec::new(),
        });
    }
    let label = link.label.clone();
    let mut m: share_link::ActiveModel = link.into();
    m.revoked_at = Set(Some(now));
    m.update(db).await?;
    AuditEntry {
        forum_id: Some(forum.id),
        user_id: Some(user_id),
        entity_id: Some(id),
        old_value: Some(label.clone()),
        ..AuditEntry::new("share_link", "revoke")
    }
    .append(db, now)
    .await?;
    Ok(Saved {
        id,
        message: format!("Revoked “{label}”: the link now opens nothing."),
        warnings: Vec::new(),
    })
}

/// The link a token opens, with its forum, if it is open at `now`.
async fn open_link(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> BackendResult<Option<(share_link::Model, forum::Model)>> {
    // A token is 43 URL-safe characters; anything else is not looked up at all.
    if token.len() != 43
        || !token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Ok(None);
    }
    let Some(link) = share_link::Entity::find()
        .filter(share_link::Column::TokenHash.eq(id_of(token)))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if state_of(&link, now) != LinkState::Open {
        return Ok(None);
    }
    let forum = forum::Entity::find_by_id(link.forum_id).one(db).await?;
    Ok(forum.map(|f| (link, f)))
}

/// The live strategy of `forum` with id `id`.
async fn live_strategy(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
    id: i32,
) -> BackendResult<Option<strategy::Model>> {
    Ok(live_strategies(db, forum.id)
        .await?
        .into_iter()
        .find(|s| s.id == id))
}
