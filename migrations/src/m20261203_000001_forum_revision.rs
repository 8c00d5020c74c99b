//! Each forum's revision (issue 9): a counter the database moves itself, by triggers, on every
//! change to a row a forum's dashboard is built from, so that a server process can keep a page it
//! built and know, with one primary-key read, whether it still holds; the same on every process
//! sharing the database.
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

/// Adds `forum_revision` (one row per forum) and the triggers that move it.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// The forum of the row `{r}` (`NEW.`/`OLD.` in a trigger), per table watched.
pub const WATCHED: [(&str, &str); 11] = [
    ("strategy", "{r}forum_id"),
    ("partner", "{r}forum_id"),
    ("resource", "{r}forum_id"),
    ("indicator", "{r}forum_id"),
    ("review", "{r}forum_id"),
    (
        "theme",
        "(SELECT s.forum_id FROM strategy s WHERE s.id = {r}strategy_id)",
    ),
    ("action", OF_THEME),
    ("target", OF_ACTION),
    ("action_partner", OF_ACTION),
    ("action_resource", OF_ACTION),
    (
        "progress_update",
        "(SELECT s.forum_id FROM target t JOIN action a ON a.id = t.action_id \
         JOIN theme th ON th.id = a.theme_id JOIN strategy s ON s.id = th.strategy_id \
         WHERE t.id = {r}target_id)",
    ),
];

const OF_THEME: &str = "(SELECT s.forum_id FROM theme th JOIN strategy s ON s.id = th.strategy_id \
                        WHERE th.id = {r}theme_id)";
const OF_ACTION: &str = "(SELECT s.forum_id FROM action a JOIN theme th ON th.id = a.theme_id \
                         JOIN strategy s ON s.id = th.strategy_id WHERE a.id = {r}action_id)";

const BUMP: &str = "UPDATE forum_revision SET revision = revision + 1 WHERE forum_id = ";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared(
            "CREATE TABLE forum_revision (\
             forum_id INTEGER NOT NULL PRIMARY KEY REFERENCES forum (id) ON DELETE CASCADE, \
             revision BIGINT NOT NULL DEFAULT 0)",
        )
        .await?;
        db.execute_unprepared("INSERT INTO forum_revision (forum_id) SELECT id FROM forum")
            .await?;
        let sqlite = manager.get_database_backend() == DbBackend::Sqlite;
        if sqlite {
            db.execute_unprepared(
                "CREATE TRIGGER forum_revision_forum AFTER INSERT ON forum \
                 BEGIN INSERT OR IGNORE INTO forum_revision (forum_id) VALUES (NEW.id); END",
            )
            .await?;
            for (table, forum) in WATCHED {
                let new = forum.replace("{r}", "NEW.");
                let old = forum.replace("{r}", "OLD.");
                for (event, body) in [
                    ("INSERT", format!("{BUMP}{new}")),
                    (
                        "UPDATE",
                        format!("{BUMP}{new}; {BUMP}{old} AND {new} IS NOT {old}"),
                    ),
                    ("DELETE", format!("{BUMP}{old}")),
                ] {
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER forum_revision_{table}_{} AFTER {event} ON {table} \
                         BEGIN {body}; END",
                        event.to_lowercase()
                    ))
                    .await?;
                }
            }
        } else {
            db.execute_unprepared(
                "CREATE FUNCTION forum_revision_forum() RETURNS trigger LANGUAGE plpgsql AS $$ \
                 BEGIN INSERT INTO forum_revision (forum_id) VALUES (NEW.id) ON CONFLICT DO NOTHING; \
                 RETURN NULL; END $$",
            )
            .await?;
            db.execute_unprepared(
                "CREATE TRIGGER forum_revision_forum AFTER INSERT ON forum \
                 FOR EACH ROW EXECUTE FUNCTION forum_revision_forum()",
            )
            .await?;
            // Once per forum and transaction: the new revision is seen only with the commit
            // anyway, and PostgreSQL keeps every version of a row a transaction updates, so a
            // counter moved for each of an import's rows would leave a chain of thousands of
            // versions to walk on every later move (quadratic: the large demo took minutes).
            db.execute_unprepared(
                "CREATE FUNCTION forum_revision_bump(f integer) RETURNS void LANGUAGE plpgsql AS $$ \
                 BEGIN \
                 IF f IS NULL OR current_setting('forumplan.revision_' || f, true) = 'moved' \
                 THEN RETURN; END IF; \
                 UPDATE forum_revision SET revision = revision + 1 WHERE forum_id = f; \
                 PERFORM set_config('forumplan.revision_' || f, 'moved', true); \
                 END $$",
            )
            .await?;
            for (table, forum) in WATCHED {
                let new = forum.replace("{r}", "NEW.");
                let old = forum.replace("{r}", "OLD.");
                // Deferred to the commit: the forum's counter row is locked only while the
                // transaction finishes, not for the whole of a long import.
                db.execute_unprepared(&format!(
                    "CREATE FUNCTION forum_revision_{table}() RETURNS trigger LANGUAGE plpgsql AS $$ \
                     BEGIN \
                     IF TG_OP <> 'INSERT' THEN PERFORM forum_revision_bump({old}); END IF; \
                     IF TG_OP <> 'DELETE' THEN PERFORM forum_revision_bump({new}); END IF; \
                     RETURN NULL; END $$"
                ))
                .await?;
                db.execute_unprepared(&format!(
                    "CREATE CONSTRAINT TRIGGER forum_revision_{table} \
                     AFTER INSERT OR UPDATE OR DELETE ON {table} \
                     DEFERRABLE INITIALLY DEFERRED \
                     FOR EACH ROW EXECUTE FUNCTION forum_revision_{table}()"
                ))
                .await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        if manager.get_database_backend() == DbBackend::Sqlite {
            db.execute_unprepared("DROP TRIGGER IF EXISTS forum_revision_forum")
                .await?;
            for (table, _) in WATCHED {
                for event in ["insert", "update", "delete"] {
                    db.execute_unprepared(&format!(
                        "DROP TRIGGER IF EXISTS forum_revision_{table}_{event}"
                    ))
                    .await?;
                }
            }
        } else {
            db.execute_unprepared("DROP TRIGGER IF EXISTS forum_revision_forum ON forum")
                .await?;
            db.execute_unprepared("DROP FUNCTION IF EXISTS forum_revision_forum()")
                .await?;
            for (table, _) in WATCHED {
                db.execute_unprepared(&format!(
                    "DROP TRIGGER IF EXISTS forum_revision_{table} ON {table}"
                ))
                .await?;
                db.execute_unprepared(&format!("DROP FUNCTION IF EXISTS forum_revision_{table}()"))
                    .await?;
            }
            db.execute_unprepared("DROP FUNCTION IF EXISTS forum_revision_bump(integer)")
                .await?;
        }
        db.execute_unprepared("DROP TABLE forum_revision").await?;
        Ok(())
    }
}
