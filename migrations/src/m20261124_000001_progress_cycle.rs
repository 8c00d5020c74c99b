//! The quarterly progress cycle (issue 5): when a forum's returns are due, a fixed calendar date
//! for training and demonstration forums, and the rules of an update and a status override.
use crate::rules::Rule;
use sea_orm_migration::prelude::*;

/// Adds `forum.return_days`, `forum.fixed_date` and the progress rules.
#[derive(DeriveMigrationName)]
pub struct Migration;

const RULES: &[Rule] = &[
    (
        "update_state",
        "progress_update",
        "{n}state IN ('draft', 'submitted', 'approved', 'returned')",
    ),
    (
        "update_period",
        "progress_update",
        "{n}period_start <= {n}period_end",
    ),
    (
        "update_fraction",
        "progress_update",
        "({n}value_numerator IS NULL AND {n}value_denominator IS NULL) OR \
         ({n}value_numerator >= 0 AND {n}value_denominator > 0 AND {n}value_numerator <= {n}value_denominator)",
    ),
    (
        "update_returned_comment",
        "progress_update",
        "{n}state <> 'returned' OR trim(coalesce({n}decision_comment, '')) <> ''",
    ),
    (
        "target_override",
        "target",
        "{n}status_override IS NULL OR ({n}status_override IN \
         ('overdue', 'off_track', 'at_risk', 'no_data', 'on_track', 'not_due', 'reported', 'met') \
         AND trim(coalesce({n}status_override_reason, '')) <> '')",
    ),
    (
        "forum_calendar",
        "forum",
        "{n}fy_start_month BETWEEN 1 AND 12 AND {n}return_days BETWEEN 0 AND 366 \
         AND {n}amber_tolerance BETWEEN 0 AND 100 AND {n}small_number_threshold >= 0 \
         AND ({n}population IS NULL OR {n}population > 0)",
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared(
            "ALTER TABLE forum ADD COLUMN return_days integer NOT NULL DEFAULT 30",
        )
        .await?;
        db.execute_unprepared("ALTER TABLE forum ADD COLUMN fixed_date date NULL")
            .await?;
        crate::rules::add(manager, RULES).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        crate::rules::drop(manager, RULES).await?;
        db.execute_unprepared("ALTER TABLE forum DROP COLUMN fixed_date")
            .await?;
        db.execute_unprepared("ALTER TABLE forum DROP COLUMN return_days")
            .await?;
        Ok(())
    }
}
