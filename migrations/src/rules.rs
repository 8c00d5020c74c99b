//! Rules the schema enforces on its own, written once for both databases: CHECK constraints on
//! PostgreSQL; on SQLite (which cannot add a constraint to an existing table) a pair of triggers
//! (before insert, before update) that abort with the same message. Both treat an unknown (NULL)
//! result as passing, as CHECK does.
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

/// (name, table, condition that must hold). `{n}` stands for the row (`NEW.` in a trigger).
pub type Rule = (&'static str, &'static str, &'static str);

/// Adds each rule.
pub async fn add(manager: &SchemaManager<'_>, rules: &[Rule]) -> Result<(), DbErr> {
    let db = manager.get_connection();
    for (name, table, condition) in rules {
        match manager.get_database_backend() {
            DbBackend::Sqlite => {
                let check = condition.replace("{n}", "NEW.");
                for (suffix, event) in [("insert", "INSERT"), ("update", "UPDATE")] {
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER rule_{name}_{suffix} BEFORE {event} ON {table} \
                         WHEN NOT ({check}) BEGIN SELECT RAISE(ABORT, 'rule {name} broken'); END"
                    ))
                    .await?;
                }
            }
            _ => {
                let check = condition.replace("{n}", "");
                db.execute_unprepared(&format!(
                    "ALTER TABLE {table} ADD CONSTRAINT rule_{name} CHECK ({check})"
                ))
                .await?;
            }
        }
    }
    Ok(())
}

/// Removes each rule.
pub async fn drop(manager: &SchemaManager<'_>, rules: &[Rule]) -> Result<(), DbErr> {
    let db = manager.get_connection();
    for (name, table, _) in rules {
        match manager.get_database_backend() {
            DbBackend::Sqlite => {
                for suffix in ["insert", "update"] {
                    db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS rule_{name}_{suffix}"))
                        .await?;
                }
            }
            _ => {
                db.execute_unprepared(&format!(
                    "ALTER TABLE {table} DROP CONSTRAINT IF EXISTS rule_{name}"
                ))
                .await?;
            }
        }
    }
    Ok(())
}
