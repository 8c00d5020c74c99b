//! Connecting to the database and keeping its schema in step with this binary.
use crate::backend::error::{BackendError, BackendResult};
use migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ActiveModelTrait, ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend,
    EntityTrait, IntoActiveModel, Iterable, Statement,
};
use std::time::Duration;

/// Rows SQLite's worker thread may run ahead of the page reading them.
const SQLITE_ROW_BUFFER: usize = 1024;

/// The database used when `DATABASE_URL` is not set: a SQLite file under `data/`.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/forumplan.db?mode=rwc";

/// Opens a pool on `url` (SQLite with WAL and foreign keys on, or PostgreSQL).
///
/// # Errors
/// A clear message when the database cannot be reached or the SQLite folder cannot be made.
pub async fn connect(url: &str) -> BackendResult<DatabaseConnection> {
    if let Some(path) = sqlite_path(url)
        && let Some(dir) = std::path::Path::new(path).parent()
        && !dir.as_os_str().is_empty()
    {
        std::fs::create_dir_all(dir).map_err(|e| {
            BackendError::Invalid(format!(
                "cannot create the database folder {}: {e}",
                dir.display()
            ))
        })?;
    }
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(if url.starts_with("sqlite:") { 8 } else { 16 })
        .min_connections(1)
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false)
        // Set on every connection the pool opens (a PRAGMA run through the pool reaches only
        // one): WAL; NORMAL sync (a commit survives the process being killed, only a power cut
        // can lose the last ones); foreign keys; a writer waiting its turn for up to 5 s. Rows come back from SQLite's
        // worker thread through a channel; a deeper one lets a page's few thousand rows arrive
        // without a thread hand-off every 50.
        .map_sqlx_sqlite_opts(|o| {
            o.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(5))
                .row_buffer_size(SQLITE_ROW_BUFFER)
        });
    let db = Database::connect(options).await?;
    Ok(db)
}

/// Starts a transaction that will write. On SQLite it takes the write lock at once
/// (`BEGIN IMMEDIATE`), so that two writers queue on the busy timeout instead of one failing with
/// "database is locked" when its reads are overtaken by the other's commit; elsewhere a plain
/// `BEGIN`.
///
/// # Errors
/// Database errors.
pub async fn write<C: sea_orm::TransactionTrait>(db: &C) -> BackendResult<C::Transaction> {
    Ok(db
        .begin_with_options(sea_orm::TransactionOptions {
            sqlite_transaction_mode: Some(sea_orm::SqliteTransactionMode::Immediate),
            ..Default::default()
        })
        .await?)
}

/// Values bound to one statement, at most: below SQLite's 32,766 (and PostgreSQL's 65,535).
const BOUND_PER_STATEMENT: usize = 30_000;

/// Rows of `A` that fit in one statement.
fn rows_per_statement<A: ActiveModelTrait>() -> usize {
    let columns = <<A::Entity as EntityTrait>::Column as Iterable>::iter().count();
    (BOUND_PER_STATEMENT / columns.max(1)).max(1)
}

/// Inserts `rows` many to a statement, in their order. Every row must set the same columns.
///
/// # Errors
/// Database errors (the caller's transaction then holds part of them: drop it).
pub async fn insert_all<A>(db: &impl ConnectionTrait, rows: Vec<A>) -> BackendResult<()>
where
    A: ActiveModelTrait + Send,
{
    let per = rows_per_statement::<A>();
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        <A::Entity as EntityTrait>::insert_many(rows.by_ref().take(per))
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// [`insert_all`], giving back the rows as stored (ids and all), in no promised order (SQLite's
/// `RETURNING` gives none): match them by what they hold.
///
/// # Errors
/// As [`insert_all`].
pub async fn insert_all_returning<A>(
    db: &impl ConnectionTrait,
    rows: Vec<A>,
) -> BackendResult<Vec<<A::Entity as EntityTrait>::Model>>
where
    A: ActiveModelTrait + Send,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
{
    let per = rows_per_statement::<A>();
    let mut out = Vec::with_capacity(rows.len());
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        out.extend(
            <A::Entity as EntityTrait>::insert_many(rows.by_ref().take(per))
                .exec_with_returning(db)
                .await?,
        );
    }
    Ok(out)
}

/// The file path of a `sqlite://` URL, if it names a file.
pub fn sqlite_path(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (!path.is_empty() && !path.starts_with(":memory:")).then_some(path)
}

/// Applies pending migrations, after refusing a database that a newer binary has migrated.
///
/// # Errors
/// [`BackendError::Invalid`] naming the unknown migration when the schema is newer than this binary.
pub async fn migrate(db: &DatabaseConnection) -> BackendResult<()> {
    check_not_newer(db).await?;
    Migrator::up(db, None).await?;
    Ok(())
}

/// Refuses to run against a schema with migrations this binary does not know.
///
/// # Errors
/// [`BackendError::Invalid`] when the database has a migration this binary lacks.
pub async fn check_not_newer(db: &DatabaseConnection) -> BackendResult<()> {
    let known: Vec<String> = Migrator::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .collect();
    let backend = db.get_database_backend();
    let exists_sql = match backend {
        DbBackend::Sqlite => {
            "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'seaql_migrations'"
        }
        _ => {
            "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_name = 'seaql_migrations'"
        }
    };
    let row = db
        .query_one_raw(Statement::from_string(backend, exists_sql))
        .await?;
    let exists = row
        .map(|r| r.try_get::<i64>("", "n"))
        .transpose()?
        .unwrap_or(0)
        > 0;
    if !exists {
        return Ok(());
    }
    let rows = db
        .query_all_raw(Statement::from_string(
            backend,
            "SELECT version FROM seaql_migrations",
        ))
        .await?;
    for row in rows {
        let version: String = row.try_get("", "version")?;
        if !known.contains(&version) {
            return Err(BackendError::Invalid(format!(
                "the database schema is newer than this binary (it has migration {version}); \
                 run a newer forumplan or restore a backup made by this version"
            )));
        }
    }
    Ok(())
}

/// Answers whether the database responds, for `/health`.
///
/// # Errors
/// The database error when it does not.
pub async fn ping(db: &DatabaseConnection) -> BackendResult<()> {
    db.ping().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::sqlite_path;

    #[test]
    fn sqlite_paths_are_found_in_urls() {
        assert_eq!(
            sqlite_path("sqlite://data/forumplan.db?mode=rwc"),
            Some("data/forumplan.db")
        );
        assert_eq!(sqlite_path("sqlite::memory:"), None);
        assert_eq!(sqlite_path("postgres://localhost/x"), None);
    }
}
