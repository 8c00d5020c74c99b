//! ForumPlan database migrations (sea-orm-migration), portable across SQLite and PostgreSQL.
pub use sea_orm_migration::MigratorTrait;
pub use sea_orm_migration::prelude::*;

mod m20261122_000001_initial;
mod m20261123_000001_plan_rules;
mod m20261124_000001_progress_cycle;
mod m20261125_000001_import;
mod m20261203_000001_forum_revision;
mod rules;

/// The tables whose changes move a forum's revision, with how a row names its forum.
pub use m20261203_000001_forum_revision::WATCHED as REVISION_WATCHED;

/// Every migration of the ForumPlan schema, oldest first.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_initial::Migration),
            Box::new(m20261123_000001_plan_rules::Migration),
            Box::new(m20261124_000001_progress_cycle::Migration),
            Box::new(m20261125_000001_import::Migration),
            Box::new(m20261203_000001_forum_revision::Migration),
        ]
    }
}
