//! Backups of a SQLite installation: a consistent copy taken while the server keeps serving
//! (`VACUUM INTO`, which reads one snapshot of the database and writes a compact copy), and the
//! checks a restore makes before it replaces a database. A PostgreSQL installation is backed up
//! with its own tools (`pg_dump`, `pg_restore`).
use crate::backend::error::{BackendError, BackendResult};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use std::path::Path;

/// What was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackupMade {
    /// Its size in bytes.
    pub bytes: u64,
    /// How many forums it holds.
    pub forums: i64,
}

async fn scalar(db: &DatabaseConnection, sql: &str) -> BackendResult<i64> {
    let row = db
        .query_one_raw(Statement::from_string(DbBackend::Sqlite, sql))
        .await?
        .ok_or_else(|| BackendError::Corrupt(format!("no answer to {sql}")))?;
    Ok(row.try_get_by_index::<i64>(0)?)
}

/// Checks that the SQLite database behind `db` is whole (`PRAGMA integrity_check`) and is a
/// ForumPlan database (it has the migrations table); gives how many forums it holds.
///
/// # Errors
/// [`BackendError::Invalid`] saying what is wrong with it; database errors.
pub async fn check(db: &DatabaseConnection) -> BackendResult<i64> {
    let row = db
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "PRAGMA integrity_check",
        ))
        .await?
        .ok_or_else(|| BackendError::Corrupt("no answer to the integrity check".to_owned()))?;
    let verdict: String = row.try_get_by_index(0)?;
    if verdict != "ok" {
        return Err(BackendError::Invalid(format!(
            "the database failed its integrity check: {verdict}"
        )));
    }
    let ours = scalar(
        db,
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('seaql_migrations', 'forum')",
    )
    .await?;
    if ours != 2 {
        return Err(BackendError::Invalid(
            "it is not a ForumPlan database (it has no forums or migrations table)".to_owned(),
        ));
    }
    scalar(db, "SELECT COUNT(*) FROM forum").await
}

/// Opens a SQLite file to read only (no journal mode set: a read-only file cannot change it).
///
/// # Errors
/// Database errors (not a database, cannot be opened).
pub async fn open_read_only(path: &Path) -> BackendResult<DatabaseConnection> {
    Ok(sea_orm::Database::connect(format!("sqlite://{}?mode=ro", path.display())).await?)
}

/// Copies the SQLite database behind `db` to `out`, consistently, while others go on reading
/// and writing it. The copy is written next to `out` and renamed into place once checked, so
/// that a failure leaves no partial backup.
///
/// # Errors
/// [`BackendError::Invalid`] when `db` is not SQLite or `out` exists; database and file errors.
pub async fn backup_sqlite(db: &DatabaseConnection, out: &Path) -> BackendResult<BackupMade> {
    if db.get_database_backend() != DbBackend::Sqlite {
        return Err(BackendError::Invalid(
            "this installation uses PostgreSQL: back it up with pg_dump".to_owned(),
        ));
    }
    if out.exists() {
        return Err(BackendError::Invalid(format!(
            "{} exists already: choose another file name (a backup never overwrites one)",
            out.display()
        )));
    }
    let partial = out.with_extension("partial");
    let _ = std::fs::remove_file(&partial);
    let quoted = partial.display().to_string().replace('\'', "''");
    db.execute_unprepared(&format!("VACUUM INTO '{quoted}'"))
        .await?;
    let copy = open_read_only(&partial).await?;
    let forums = check(&copy).await;
    copy.close().await?;
    let forums = match forums {
        Ok(n) => n,
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            return Err(e);
        }
    };
    std::fs::rename(&partial, out)
        .map_err(|e| BackendError::Invalid(format!("could not write {}: {e}", out.display())))?;
    let bytes = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
    Ok(BackupMade { bytes, forums })
}
