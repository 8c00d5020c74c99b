//! Pages kept between requests, by forum revision.
//!
//! The database moves a forum's revision (`forum_revision`) itself, by triggers, whenever a row
//! of its strategies, themes, actions, targets, updates, partners, resources, indicators or
//! reviews (or their links) changes, in any process. A page built only from those rows, the
//! forum's own row and the date is the same page for as long as the revision and the forum row
//! stay the same, so [`PageCache`] hands it out again after one primary-key read; every process
//! sharing the database sees the same revision and drops what it kept when it moves.
//!
//! The revision is read before the page is built: a change committed while it is being built
//! moves the counter past the one the page is kept under, so the next request builds it again
//! rather than keeping a page older than its label.
use crate::backend::entity::{forum, forum_revision};
use crate::backend::error::BackendResult;
use sea_orm::{ConnectionTrait, EntityTrait};
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};

/// The page kept in `cache` under `key` for `forum` as it stands, or else the one `build` makes
/// (kept for the next request).
///
/// # Errors
/// Database errors; those of `build` (which are not kept).
pub async fn kept_or_built<K, V, Fut>(
    db: &impl ConnectionTrait,
    cache: &PageCache<K, V>,
    forum: &forum::Model,
    key: K,
    build: impl FnOnce() -> Fut,
) -> BackendResult<V>
where
    K: Eq + Hash + Clone,
    V: Clone,
    Fut: std::future::Future<Output = BackendResult<V>>,
{
    let Some(revision) = of(db, forum.id).await? else {
        return build().await;
    };
    if let Some(page) = cache.get(&key, revision, forum) {
        return Ok((*page).clone());
    }
    // One build per page at a time: those who ask meanwhile wait for it rather than build it
    // too (sixteen readers of a cold dashboard would otherwise each hold a plan in memory).
    let gate = cache.gate(&key);
    let _turn = gate.lock().await;
    if let Some(page) = cache.get(&key, revision, forum) {
        return Ok((*page).clone());
    }
    let built = build().await;
    if let Ok(page) = &built {
        cache.put(key.clone(), revision, forum, Arc::new(page.clone()));
    }
    cache.ungate(&key);
    built
}

/// The forum's revision now (none: the forum has no counter, so nothing is kept for it).
///
/// # Errors
/// Database errors.
pub async fn of(db: &impl ConnectionTrait, forum_id: i32) -> BackendResult<Option<i64>> {
    Ok(forum_revision::Entity::find_by_id(forum_id)
        .one(db)
        .await?
        .map(|r| r.revision))
}

struct Kept<V> {
    revision: i64,
    forum: forum::Model,
    value: Arc<V>,
    /// When it was last handed out (a counter), to drop the least recently used when full.
    used: u64,
}

/// Pages of type `V` by key `K` (which names the forum and whatever else the page depends on),
/// at most `capacity` of them.
pub struct PageCache<K, V> {
    kept: Mutex<(u64, HashMap<K, Kept<V>>)>,
    /// The pages being built, each with the lock its builder holds.
    gates: Mutex<HashMap<K, Arc<tokio::sync::Mutex<()>>>>,
    capacity: usize,
}

impl<K, V> std::fmt::Debug for PageCache<K, V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageCache")
            .field("capacity", &self.capacity)
            .finish_non_exhaustive()
    }
}

impl<K: Eq + Hash + Clone, V> PageCache<K, V> {
    /// An empty cache holding up to `capacity` pages.
    #[must_use]
    pub fn new(capacity: usize) -> Self {
        PageCache {
            kept: Mutex::new((0, HashMap::new())),
            gates: Mutex::new(HashMap::new()),
            capacity,
        }
    }

    /// The lock of the build of `key` (made when none is under way).
    fn gate(&self, key: &K) -> Arc<tokio::sync::Mutex<()>> {
        self.gates
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .entry(key.clone())
            .or_default()
            .clone()
    }

    /// Forgets the lock of the build of `key` (those waiting on it hold it still).
    fn ungate(&self, key: &K) {
        self.gates
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .remove(key);
    }

    /// The page kept for `key` if it was built at `revision` of this very `forum` row.
    pub fn get(&self, key: &K, revision: i64, forum: &forum::Model) -> Option<Arc<V>> {
        let mut guard = self
            .kept
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let (clock, kept) = &mut *guard;
        *clock += 1;
        let now = *clock;
        let entry = kept.get_mut(key)?;
        if entry.revision != revision || entry.forum != *forum {
            return None;
        }
        entry.used = now;
        Some(entry.value.clone())
    }

    /// Keeps `value`, built at `revision` of `forum`, for `key` (dropping the least recently
    /// used page when full).
    pub fn put(&self, key: K, revision: i64, forum: &forum::Model, value: Arc<V>) {
        let mut guard = self
            .kept
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let (clock, kept) = &mut *guard;
        *clock += 1;
        if kept.len() >= self.capacity && !kept.contains_key(&key) {
            let oldest = kept
                .iter()
                .min_by_key(|(_, e)| e.used)
                .map(|(k, _)| k.clone());
            if let Some(k) = oldest {
                kept.remove(&k);
            }
        }
        kept.insert(
            key,
            Kept {
                revision,
                forum: forum.clone(),
                value,
                used: *clock,
            },
        );
    }

    /// How many pages are kept.
    pub fn len(&self) -> usize {
        self.kept
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .1
            .len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
