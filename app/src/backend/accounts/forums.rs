//! Creating and finding forums, for administrators and the command line.
use crate::backend::accounts::audit::AuditEntry;
use crate::backend::entity::{forum, partner};
use crate::backend::error::{BackendError, BackendResult};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    SqlErr, TransactionSession, TransactionTrait,
};

/// The longest forum name accepted.
const MAX_NAME: usize = 200;

/// The URL name for a forum name: its ASCII letters and digits, lowercased, in words joined by
/// '-' ("Wolverhampton DV Forum" → `wolverhampton-dv-forum`); `forum` if nothing is left.
pub fn slug_of(name: &str) -> String {
    let words: Vec<String> = name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    if words.is_empty() {
        "forum".to_owned()
    } else {
        words.join("-")
    }
}

/// `base`, or `base-2`, `base-3`, … : the first that no forum has.
fn unique_slug(base: &str, taken: &[forum::Model]) -> String {
    let free = |s: &str| !taken.iter().any(|f| f.slug == s);
    if free(base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|s| free(s))
        .unwrap_or_else(|| base.to_owned())
}

fn duplicate(name: &str) -> BackendError {
    BackendError::Invalid(format!(
        "a forum named \"{name}\" already exists: choose another name"
    ))
}

/// Creates a forum with the reporting defaults, its URL name derived from `name` and made
/// unique; `actor` is the user doing it (`None`: the command line). Audited.
///
/// # Errors
/// [`BackendError::Invalid`] for an empty or over-long name, or one another forum has (ignoring
/// case); database errors.
#[tracing::instrument(skip(db))]
pub async fn create_forum(
    db: &impl TransactionTrait,
    name: &str,
    actor: Option<i32>,
) -> BackendResult<forum::Model> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(BackendError::Invalid(
            "the forum's name is empty: give it a name".to_owned(),
        ));
    }
    if name.chars().count() > MAX_NAME {
        return Err(BackendError::Invalid(format!(
            "the forum's name is longer than {MAX_NAME} characters"
        )));
    }
    let txn = crate::backend::db::write(db).await?;
    let existing = forum::Entity::find().all(&txn).await?;
    if existing
        .iter()
        .any(|f| f.name.to_lowercase() == name.to_lowercase())
    {
        return Err(duplicate(&name));
    }
    let now = Utc::now();
    let created = forum::ActiveModel {
        name: Set(name.clone()),
        slug: Set(unique_slug(&slug_of(&name), &existing)),
        short_name: Set(None),
        population: Set(None),
        fy_start_month: Set(4),
        amber_tolerance: Set(10.0),
        small_number_threshold: Set(5),
        created_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| match e.sql_err() {
        // Another forum of that name (or slug) was added at the same moment.
        Some(SqlErr::UniqueConstraintViolation(_)) => duplicate(&name),
        _ => e.into(),
    })?;
    AuditEntry {
        forum_id: Some(created.id),
        user_id: actor,
        entity_id: Some(created.id),
        new_value: Some(format!("{} ({})", created.name, created.slug)),
        ..AuditEntry::new("forum", "create")
    }
    .append(&txn, now)
    .await?;
    txn.commit().await?;
    Ok(created)
}

/// Every forum, by name.
///
/// # Errors
/// Database errors.
#[tracing::instrument(skip(db))]
pub async fn list_forums(db: &impl ConnectionTrait) -> BackendResult<Vec<forum::Model>> {
    Ok(forum::Entity::find()
        .order_by_asc(forum::Column::Name)
        .all(db)
        .await?)
}

/// The forum with this id, or else this name (ignoring case), or else this URL name.
///
/// # Errors
/// [`BackendError::NotFound`] when none matches; database errors.
#[tracing::instrument(skip(db))]
pub async fn find_forum(
    db: &impl ConnectionTrait,
    name_or_id: &str,
) -> BackendResult<forum::Model> {
    let wanted = name_or_id.trim();
    if let Ok(id) = wanted.parse::<i32>()
        && let Some(f) = forum::Entity::find_by_id(id).one(db).await?
    {
        return Ok(f);
    }
    let forums = list_forums(db).await?;
    let lower = wanted.to_lowercase();
    forums
        .iter()
        .find(|f| f.name.to_lowercase() == lower)
        .or_else(|| forums.iter().find(|f| f.slug == lower))
        .cloned()
        .ok_or(BackendError::NotFound("forum"))
}

/// The live partner of a forum with this name or short name (ignoring case).
///
/// # Errors
/// [`BackendError::NotFound`] when the forum has no such live partner; database errors.
#[tracing::instrument(skip(db))]
pub async fn find_partner(
    db: &impl ConnectionTrait,
    forum_id: i32,
    name: &str,
) -> BackendResult<partner::Model> {
    let wanted = name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let partners = partner::Entity::find()
        .filter(partner::Column::ForumId.eq(forum_id))
        .filter(partner::Column::ArchivedAt.is_null())
        .all(db)
        .await?;
    partners
        .iter()
        .find(|p| p.name.to_lowercase() == wanted)
        .or_else(|| {
            partners.iter().find(|p| {
                p.short_name
                    .as_deref()
                    .is_some_and(|s| s.to_lowercase() == wanted)
            })
        })
        .cloned()
        .ok_or(BackendError::NotFound("partner"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forum_with_slug(slug: &str) -> forum::Model {
        forum::Model {
            id: 1,
            name: slug.to_owned(),
            slug: slug.to_owned(),
            short_name: None,
            population: None,
            fy_start_month: 4,
            amber_tolerance: 10.0,
            small_number_threshold: 5,
            return_days: 30,
            fixed_date: None,
            created_at: Utc::now(),
            version: 1,
        }
    }

    #[test]
    fn slugs_are_lowercase_ascii_words() {
        assert_eq!(
            slug_of("Wolverhampton Domestic Violence Forum"),
            "wolverhampton-domestic-violence-forum"
        );
        assert_eq!(
            slug_of("  Bath & N.E. Somerset -- DV  "),
            "bath-n-e-somerset-dv"
        );
        assert_eq!(slug_of("Forum 2006"), "forum-2006");
        assert_eq!(slug_of("Ynys Môn"), "ynys-m-n");
        assert_eq!(slug_of("ÆØÅ"), "forum");
    }

    #[test]
    fn slugs_are_made_unique_with_a_number() {
        let taken = vec![forum_with_slug("dv"), forum_with_slug("dv-2")];
        assert_eq!(unique_slug("dv", &taken), "dv-3");
        assert_eq!(unique_slug("other", &taken), "other");
        assert_eq!(unique_slug("dv-2", &taken), "dv-2-2");
    }
}
