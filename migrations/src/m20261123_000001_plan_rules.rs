//! Plan editing (issue 4): the schema backs up the rules the forms check, an indicator can be a
//! checklist, and audit events say which version of a record a change made (so that a refused,
//! stale save can show what changed meanwhile).
//!
//! The rules are CHECK constraints on PostgreSQL; SQLite cannot add a constraint to an existing
//! table, so there each rule is a pair of triggers (before insert, before update) that abort with
//! the same message. Both treat an unknown (NULL) result as passing, as CHECK does.
use sea_orm_migration::prelude::*;

/// Adds the plan rules, `indicator.checklist` and `audit_event.entity_version`.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// (name, table, condition that must hold). `{n}` stands for the row (`NEW.` in a trigger).
const RULES: &[(&str, &str, &str)] = &[
    ("strategy_title", "strategy", "trim({n}title) <> ''"),
    (
        "strategy_period",
        "strategy",
        "{n}period_start < {n}period_end",
    ),
    (
        "strategy_status",
        "strategy",
        "{n}status IN ('draft', 'active', 'closed')",
    ),
    ("theme_title", "theme", "trim({n}title) <> ''"),
    ("action_title", "action", "trim({n}title) <> ''"),
    ("target_title", "target", "trim({n}title) <> ''"),
    (
        "target_kind",
        "target",
        "{n}kind IN ('count', 'percentage', 'currency', 'yes_no', 'milestone', 'text')",
    ),
    (
        "target_direction",
        "target",
        "{n}direction IN ('at_least', 'at_most', 'in_band')",
    ),
    (
        "target_frequency",
        "target",
        "{n}frequency IN ('monthly', 'quarterly', 'half_yearly', 'yearly')",
    ),
    (
        "target_band",
        "target",
        "{n}band_low IS NULL OR {n}band_high IS NULL OR {n}band_low < {n}band_high",
    ),
    (
        "target_percentage",
        "target",
        "{n}kind <> 'percentage' OR ((({n}target_value IS NULL) OR ({n}target_value BETWEEN 0 AND 100)) \
         AND (({n}band_low IS NULL) OR ({n}band_low BETWEEN 0 AND 100)) \
         AND (({n}band_high IS NULL) OR ({n}band_high BETWEEN 0 AND 100)))",
    ),
    (
        "target_count",
        "target",
        "{n}kind <> 'count' OR {n}target_value IS NULL OR ({n}target_value >= 0 AND {n}target_value = round({n}target_value))",
    ),
    (
        "target_population",
        "target",
        "{n}population_per IS NULL OR {n}population_per > 0",
    ),
    ("partner_name", "partner", "trim({n}name) <> ''"),
    (
        "partner_sector",
        "partner",
        "{n}sector IN ('statutory', 'voluntary', 'community', 'private')",
    ),
    ("resource_name", "resource", "trim({n}name) <> ''"),
    (
        "resource_amounts",
        "resource",
        "({n}amount_pence IS NULL OR {n}amount_pence >= 0) AND ({n}posts IS NULL OR {n}posts >= 0)",
    ),
    (
        "indicator_framework",
        "indicator",
        "{n}framework IN ('best_value', 'national', 'lpsa', 'policing_plan', 'local')",
    ),
    (
        "indicator_polarity",
        "indicator",
        "{n}polarity IN ('higher_is_better', 'lower_is_better', 'in_band')",
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared(
            "ALTER TABLE indicator ADD COLUMN checklist text NOT NULL DEFAULT '[]'",
        )
        .await?;
        db.execute_unprepared("ALTER TABLE audit_event ADD COLUMN entity_version integer NULL")
            .await?;
        crate::rules::add(manager, RULES).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        crate::rules::drop(manager, RULES).await?;
        db.execute_unprepared("ALTER TABLE audit_event DROP COLUMN entity_version")
            .await?;
        db.execute_unprepared("ALTER TABLE indicator DROP COLUMN checklist")
            .await?;
        Ok(())
    }
}
