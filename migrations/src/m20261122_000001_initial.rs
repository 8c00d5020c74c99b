//! The initial ForumPlan schema (docs/schema.md, v1): every table, foreign key and index.
use sea_orm_migration::{prelude::*, schema::*};

/// Creates the whole v1 schema; `down` drops it again in reverse order.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// A named foreign key from `table.column` to `to_table.id`.
fn fk<T, C, R>(
    name: &str,
    table: T,
    column: C,
    to_table: R,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement
where
    T: IntoIden,
    C: IntoIden,
    R: IntoIden,
{
    ForeignKey::create()
        .name(name)
        .from(table, column)
        .to(to_table, Alias::new("id"))
        .on_delete(on_delete)
        .to_owned()
}

/// A named (optionally unique) index on `table` over `columns`.
fn index<T, C>(
    name: &str,
    table: T,
    columns: impl IntoIterator<Item = C>,
    unique: bool,
) -> IndexCreateStatement
where
    T: IntoIden,
    C: IntoIden,
{
    let mut stmt = Index::create();
    stmt.name(name).table(table);
    for c in columns {
        stmt.col(c);
    }
    if unique {
        stmt.unique();
    }
    stmt.to_owned()
}

/// The `version` column: optimistic-concurrency counter starting at 1.
fn version<T: IntoIden>(col: T) -> ColumnDef {
    integer(col).default(1).to_owned()
}

use ForeignKeyAction::{Cascade, SetNull};

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    #[allow(clippy::too_many_lines)]
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // forum
        manager
            .create_table(
                Table::create()
                    .table(Forum::Table)
                    .col(pk_auto(Forum::Id))
                    .col(text_uniq(Forum::Name))
                    .col(text_uniq(Forum::Slug))
                    .col(text_null(Forum::ShortName))
                    .col(big_integer_null(Forum::Population))
                    .col(integer(Forum::FyStartMonth).default(4))
                    .col(double(Forum::AmberTolerance).default(10.0))
                    .col(integer(Forum::SmallNumberThreshold).default(5))
                    .col(timestamp_with_time_zone(Forum::CreatedAt))
                    .col(version(Forum::Version))
                    .to_owned(),
            )
            .await?;

        // app_user
        manager
            .create_table(
                Table::create()
                    .table(AppUser::Table)
                    .col(pk_auto(AppUser::Id))
                    .col(text_uniq(AppUser::Email))
                    .col(text(AppUser::Name))
                    .col(text_null(AppUser::PasswordHash))
                    .col(boolean(AppUser::IsAdmin).default(false))
                    .col(boolean(AppUser::MustChangePassword).default(false))
                    .col(timestamp_with_time_zone_null(AppUser::DisabledAt))
                    .col(timestamp_with_time_zone(AppUser::CreatedAt))
                    .col(timestamp_with_time_zone_null(AppUser::LastSignInAt))
                    .col(version(AppUser::Version))
                    .to_owned(),
            )
            .await?;

        // partner
        manager
            .create_table(
                Table::create()
                    .table(Partner::Table)
                    .col(pk_auto(Partner::Id))
                    .col(integer(Partner::ForumId))
                    .col(text(Partner::Name))
                    .col(text_null(Partner::ShortName))
                    .col(text(Partner::Sector))
                    .col(text(Partner::Aliases).default("[]"))
                    .col(timestamp_with_time_zone_null(Partner::ArchivedAt))
                    .col(version(Partner::Version))
                    .foreign_key(&mut fk(
                        "fk_partner_forum_id",
                        Partner::Table,
                        Partner::ForumId,
                        Forum::Table,
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_partner_forum_id_name",
                Partner::Table,
                [Partner::ForumId, Partner::Name],
                true,
            ))
            .await?;

        // resource
        manager
            .create_table(
                Table::create()
                    .table(Resource::Table)
                    .col(pk_auto(Resource::Id))
                    .col(integer(Resource::ForumId))
                    .col(text(Resource::Name))
                    .col(big_integer_null(Resource::AmountPence))
                    .col(double_null(Resource::Posts))
                    .col(boolean(Resource::AtRisk).default(false))
                    .col(text_null(Resource::Notes))
                    .col(timestamp_with_time_zone_null(Resource::ArchivedAt))
                    .col(version(Resource::Version))
                    .foreign_key(&mut fk(
                        "fk_resource_forum_id",
                        Resource::Table,
                        Resource::ForumId,
                        Forum::Table,
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_resource_forum_id_name",
                Resource::Table,
                [Resource::ForumId, Resource::Name],
                true,
            ))
            .await?;

        // indicator
        manager
            .create_table(
                Table::create()
                    .table(Indicator::Table)
                    .col(pk_auto(Indicator::Id))
                    .col(integer(Indicator::ForumId))
                    .col(text(Indicator::Framework))
                    .col(text(Indicator::Code))
                    .col(text(Indicator::Title))
                    .col(text_null(Indicator::Definition))
                    .col(text(Indicator::Polarity))
                    .col(timestamp_with_time_zone_null(Indicator::ArchivedAt))
                    .col(version(Indicator::Version))
                    .foreign_key(&mut fk(
                        "fk_indicator_forum_id",
                        Indicator::Table,
                        Indicator::ForumId,
                        Forum::Table,
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_indicator_forum_id_framework_code",
                Indicator::Table,
                [Indicator::ForumId, Indicator::Framework, Indicator::Code],
                true,
            ))
            .await?;

        // strategy
        manager
            .create_table(
                Table::create()
                    .table(Strategy::Table)
                    .col(pk_auto(Strategy::Id))
                    .col(integer(Strategy::ForumId))
                    .col(text(Strategy::Title))
                    .col(text(Strategy::Slug))
                    .col(date(Strategy::PeriodStart))
                    .col(date(Strategy::PeriodEnd))
                    .col(text_null(Strategy::Aims))
                    .col(text_null(Strategy::Source))
                    .col(text(Strategy::Status).default("active"))
                    .col(integer(Strategy::Position).default(0))
                    .col(timestamp_with_time_zone_null(Strategy::ArchivedAt))
                    .col(version(Strategy::Version))
                    .foreign_key(&mut fk(
                        "fk_strategy_forum_id",
                        Strategy::Table,
                        Strategy::ForumId,
                        Forum::Table,
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_strategy_forum_id_slug",
                Strategy::Table,
                [Strategy::ForumId, Strategy::Slug],
                true,
            ))
            .await?;

        // theme
        manager
            .create_table(
                Table::create()
                    .table(Theme::Table)
                    .col(pk_auto(Theme::Id))
                    .col(integer(Theme::StrategyId))
                    .col(text(Theme::Title))
                    .col(integer(Theme::Position))
                    .col(timestamp_with_time_zone_null(Theme::ArchivedAt))
                    .col(version(Theme::Version))
                    .foreign_key(&mut fk(
                        "fk_theme_strategy_id",
                        Theme::Table,
                        Theme::StrategyId,
                        Strategy::Table,
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_theme_strategy_id_position",
                Theme::Table,
                [Theme::StrategyId, Theme::Position],
                false,
            ))
            .await?;

        // action
        manager
            .create_table(
                Table::create()
                    .table(Action::Table)
                    .col(pk_auto(Action::Id))
                    .col(integer(Action::ThemeId))
                    .col(text(Action::Title))
                    .col(text_null(Action::Activity))
                    .col(integer_null(Action::LeadPartnerId))
                    .col(date_null(Action::DueDate))
                    .col(text_null(Action::DueText))
                    .col(text_null(Action::Origin))
                    .col(text_null(Action::OwnerContact))
                    .col(text_null(Action::StatusOverride))
                    .col(text_null(Action::StatusOverrideReason))
                    .col(integer(Action::Position))
                    .col(timestamp_with_time_zone_null(Action::ArchivedAt))
                    .col(version(Action::Version))
                    .foreign_key(&mut fk(
                        "fk_action_theme_id",
                        Action::Table,
                        Action::ThemeId,
                        Theme::Table,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_action_lead_partner_id",
                        Action::Table,
                        Action::LeadPartnerId,
                        Partner::Table,
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_action_theme_id_position",
                Action::Table,
                [Action::ThemeId, Action::Position],
                false,
            ))
            .await?;
        manager
            .create_index(index(
                "idx_action_lead_partner_id",
                Action::Table,
                [Action::LeadPartnerId],
                false,
            ))
            .await?;

        // action_partner
        manager
            .create_table(
                Table::create()
                    .table(ActionPartner::Table)
                    .col(integer(ActionPartner::ActionId))
                    .col(integer(ActionPartner::PartnerId))
                    .primary_key(
                        Index::create()
                            .name("pk_action_partner")
                            .col(ActionPartner::ActionId)
                            .col(ActionPartner::PartnerId),
                    )
                    .foreign_key(&mut fk(
                        "fk_action_partner_action_id",
                        ActionPartner::Table,
                        ActionPartner::ActionId,
                        Action::Table,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_action_partner_partner_id",
                        ActionPartner::Table,
                        ActionPartner::PartnerId,
                        Partner::Table,
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_action_partner_partner_id",
                ActionPartner::Table,
                [ActionPartner::PartnerId],
                false,
            ))
            .await?;

        // action_resource
        manager
            .create_table(
                Table::create()
                    .table(ActionResource::Table)
                    .col(integer(ActionResource::ActionId))
                    .col(integer(ActionResource::ResourceId))
                    .primary_key(
                        Index::create()
                            .name("pk_action_resource")
                            .col(ActionResource::ActionId)
                            .col(ActionResource::ResourceId),
                    )
                    .foreign_key(&mut fk(
                        "fk_action_resource_action_id",
                        ActionResource::Table,
                        ActionResource::ActionId,
                        Action::Table,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_action_resource_resource_id",
                        ActionResource::Table,
                        ActionResource::ResourceId,
                        Resource::Table,
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_action_resource_resource_id",
                ActionResource::Table,
                [ActionResource::ResourceId],
                false,
            ))
            .await?;

        // target
        manager
            .create_table(
                Table::create()
                    .table(Target::Table)
                    .col(pk_auto(Target::Id))
                    .col(integer(Target::ActionId))
                    .col(text(Target::Title))
                    .col(text(Target::Kind))
                    .col(text_null(Target::Unit))
                    .col(double_null(Target::Baseline))
                    .col(double_null(Target::TargetValue))
                    .col(double_null(Target::BandLow))
                    .col(double_null(Target::BandHigh))
                    .col(text(Target::Direction))
                    .col(date_null(Target::StartDate))
                    .col(date_null(Target::DueDate))
                    .col(text(Target::Frequency).default("quarterly"))
                    .col(integer_null(Target::IndicatorId))
                    .col(big_integer_null(Target::PopulationPer))
                    .col(text_null(Target::SourceText))
                    .col(text_null(Target::StatusOverride))
                    .col(text_null(Target::StatusOverrideReason))
                    .col(integer(Target::Position))
                    .col(timestamp_with_time_zone_null(Target::ArchivedAt))
                    .col(version(Target::Version))
                    .foreign_key(&mut fk(
                        "fk_target_action_id",
                        Target::Table,
                        Target::ActionId,
                        Action::Table,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_target_indicator_id",
                        Target::Table,
                        Target::IndicatorId,
                        Indicator::Table,
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_target_action_id_position",
                Target::Table,
                [Target::ActionId, Target::Position],
                false,
            ))
            .await?;
        manager
            .create_index(index(
                "idx_target_indicator_id",
                Target::Table,
                [Target::IndicatorId],
                false,
            ))
            .await?;

        // progress_update
        manager
            .create_table(
                Table::create()
                    .table(ProgressUpdate::Table)
                    .col(pk_auto(ProgressUpdate::Id))
                    .col(integer(ProgressUpdate::TargetId))
                    .col(date(ProgressUpdate::PeriodStart))
                    .col(date(ProgressUpdate::PeriodEnd))
                    .col(double_null(ProgressUpdate::ValueNumber))
                    .col(double_null(ProgressUpdate::ValueNumerator))
                    .col(double_null(ProgressUpdate::ValueDenominator))
                    .col(boolean_null(ProgressUpdate::ValueBool))
                    .col(date_null(ProgressUpdate::ValueDate))
                    .col(text_null(ProgressUpdate::ValueText))
                    .col(text_null(ProgressUpdate::Narrative))
                    .col(text_null(ProgressUpdate::EvidenceUrl))
                    .col(boolean(ProgressUpdate::IsPublic).default(false))
                    .col(text(ProgressUpdate::State))
                    .col(integer_null(ProgressUpdate::AuthorId))
                    .col(timestamp_with_time_zone_null(ProgressUpdate::SubmittedAt))
                    .col(timestamp_with_time_zone_null(ProgressUpdate::DecidedAt))
                    .col(integer_null(ProgressUpdate::DecidedBy))
                    .col(text_null(ProgressUpdate::DecisionComment))
                    .col(timestamp_with_time_zone(ProgressUpdate::CreatedAt))
                    .col(timestamp_with_time_zone(ProgressUpdate::UpdatedAt))
                    .col(version(ProgressUpdate::Version))
                    .foreign_key(&mut fk(
                        "fk_progress_update_target_id",
                        ProgressUpdate::Table,
                        ProgressUpdate::TargetId,
                        Target::Table,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_progress_update_author_id",
                        ProgressUpdate::Table,
                        ProgressUpdate::AuthorId,
                        AppUser::Table,
                        SetNull,
                    ))
                    .foreign_key(&mut fk(
                        "fk_progress_update_decided_by",
                        ProgressUpdate::Table,
                        ProgressUpdate::DecidedBy,
                        AppUser::Table,
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_progress_update_target_id_period_start",
                ProgressUpdate::Table,
                [ProgressUpdate::TargetId, ProgressUpdate::PeriodStart],
                true,
            ))
            .await?;
        manager
            .create_index(index(
                "idx_progress_update_state",
                ProgressUpdate::Table,
                [ProgressUpdate::State],
                false,
            ))
            .await?;

        // membership
        manager
            .create_table(
                Table::create()
                    .table(Membership::Table)
                    .col(pk_auto(Membership::Id))
                    .col(integer(Membership::UserId))
                    .col(integer(Membership::ForumId))
                    .col(text(Membership::Role))
                    .col(integer_null(Membership::PartnerId))
                    .col(timestamp_with_time_zone(Membership::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_membership_user_id",
                        Membership::Table,
                        Membership::UserId,
                        AppUser::Table,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_membership_forum_id",
                        Membership::Table,
                        Membership::ForumId,
                        Forum::Table,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_membership_partner_id",
                        Membership::Table,
                        Membership::PartnerId,
                        Partner::Table,
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_membership_user_id_forum_id",
                Membership::Table,
                [Membership::UserId, Membership::ForumId],
                true,
            ))
            .await?;
        manager
            .create_index(index(
                "idx_membership_forum_id",
                Membership::Table,
                [Membership::ForumId],
                false,
            ))
            .await?;

        // session_record
        manager
            .create_table(
                Table::create()
                    .table(SessionRecord::Table)
                    .col(text(SessionRecord::Id).primary_key())
                    .col(text(SessionRecord::Data))
                    .col(timestamp_with_time_zone(SessionRecord::ExpiryDate))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_session_record_expiry_date",
                SessionRecord::Table,
                [SessionRecord::ExpiryDate],
                false,
            ))
            .await?;

        // review
        manager
            .create_table(
                Table::create()
                    .table(Review::Table)
                    .col(pk_auto(Review::Id))
                    .col(integer(Review::ForumId))
                    .col(integer_null(Review::StrategyId))
                    .col(text(Review::Title))
                    .col(date(Review::PeriodStart))
                    .col(date(Review::PeriodEnd))
                    .col(date_null(Review::HeldOn))
                    .col(text(Review::State).default("open"))
                    .col(text_null(Review::Snapshot))
                    .col(integer_null(Review::CreatedBy))
                    .col(timestamp_with_time_zone(Review::CreatedAt))
                    .col(version(Review::Version))
                    .foreign_key(&mut fk(
                        "fk_review_forum_id",
                        Review::Table,
                        Review::ForumId,
                        Forum::Table,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_review_strategy_id",
                        Review::Table,
                        Review::StrategyId,
                        Strategy::Table,
                        SetNull,
                    ))
                    .foreign_key(&mut fk(
                        "fk_review_created_by",
                        Review::Table,
                        Review::CreatedBy,
                        AppUser::Table,
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_review_forum_id",
                Review::Table,
                [Review::ForumId],
                false,
            ))
            .await?;

        // decision
        manager
            .create_table(
                Table::create()
                    .table(Decision::Table)
                    .col(pk_auto(Decision::Id))
                    .col(integer(Decision::ReviewId))
                    .col(text(Decision::Kind))
                    .col(text(Decision::Text))
                    .col(text_null(Decision::Owner))
                    .col(date_null(Decision::DueDate))
                    .col(integer_null(Decision::ActionId))
                    .col(text_null(Decision::Outcome))
                    .col(timestamp_with_time_zone(Decision::CreatedAt))
                    .col(version(Decision::Version))
                    .foreign_key(&mut fk(
                        "fk_decision_review_id",
                        Decision::Table,
                        Decision::ReviewId,
                        Review::Table,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_decision_action_id",
                        Decision::Table,
                        Decision::ActionId,
                        Action::Table,
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_decision_review_id",
                Decision::Table,
                [Decision::ReviewId],
                false,
            ))
            .await?;

        // share_link
        manager
            .create_table(
                Table::create()
                    .table(ShareLink::Table)
                    .col(pk_auto(ShareLink::Id))
                    .col(integer(ShareLink::ForumId))
                    .col(text_uniq(ShareLink::TokenHash))
                    .col(text(ShareLink::Label))
                    .col(text(ShareLink::ScopeKind))
                    .col(integer(ShareLink::ScopeId))
                    .col(text(ShareLink::Shows).default("[]"))
                    .col(timestamp_with_time_zone_null(ShareLink::ExpiresAt))
                    .col(timestamp_with_time_zone_null(ShareLink::RevokedAt))
                    .col(integer_null(ShareLink::CreatedBy))
                    .col(timestamp_with_time_zone(ShareLink::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_share_link_forum_id",
                        ShareLink::Table,
                        ShareLink::ForumId,
                        Forum::Table,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_share_link_created_by",
                        ShareLink::Table,
                        ShareLink::CreatedBy,
                        AppUser::Table,
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;

        // api_token
        manager
            .create_table(
                Table::create()
                    .table(ApiToken::Table)
                    .col(pk_auto(ApiToken::Id))
                    .col(integer(ApiToken::UserId))
                    .col(text_uniq(ApiToken::TokenHash))
                    .col(text(ApiToken::Label))
                    .col(boolean(ApiToken::CanWrite).default(false))
                    .col(timestamp_with_time_zone(ApiToken::CreatedAt))
                    .col(timestamp_with_time_zone_null(ApiToken::LastUsedAt))
                    .col(timestamp_with_time_zone_null(ApiToken::RevokedAt))
                    .foreign_key(&mut fk(
                        "fk_api_token_user_id",
                        ApiToken::Table,
                        ApiToken::UserId,
                        AppUser::Table,
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;

        // audit_event
        manager
            .create_table(
                Table::create()
                    .table(AuditEvent::Table)
                    .col(pk_auto(AuditEvent::Id))
                    .col(integer_null(AuditEvent::ForumId))
                    .col(integer_null(AuditEvent::UserId))
                    .col(timestamp_with_time_zone(AuditEvent::At))
                    .col(text(AuditEvent::Entity))
                    .col(integer_null(AuditEvent::EntityId))
                    .col(text(AuditEvent::Action))
                    .col(text_null(AuditEvent::Field))
                    .col(text_null(AuditEvent::OldValue))
                    .col(text_null(AuditEvent::NewValue))
                    .col(text_null(AuditEvent::Detail))
                    .foreign_key(&mut fk(
                        "fk_audit_event_forum_id",
                        AuditEvent::Table,
                        AuditEvent::ForumId,
                        Forum::Table,
                        SetNull,
                    ))
                    .foreign_key(&mut fk(
                        "fk_audit_event_user_id",
                        AuditEvent::Table,
                        AuditEvent::UserId,
                        AppUser::Table,
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_audit_event_forum_id_at",
                AuditEvent::Table,
                [AuditEvent::ForumId, AuditEvent::At],
                false,
            ))
            .await?;
        manager
            .create_index(index(
                "idx_audit_event_entity_entity_id",
                AuditEvent::Table,
                [AuditEvent::Entity, AuditEvent::EntityId],
                false,
            ))
            .await?;

        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Reverse creation order, so no table is dropped while another still references it.
        let tables: [DynIden; 19] = [
            AuditEvent::Table.into_iden(),
            ApiToken::Table.into_iden(),
            ShareLink::Table.into_iden(),
            Decision::Table.into_iden(),
            Review::Table.into_iden(),
            SessionRecord::Table.into_iden(),
            Membership::Table.into_iden(),
            ProgressUpdate::Table.into_iden(),
            Target::Table.into_iden(),
            ActionResource::Table.into_iden(),
            ActionPartner::Table.into_iden(),
            Action::Table.into_iden(),
            Theme::Table.into_iden(),
            Strategy::Table.into_iden(),
            Indicator::Table.into_iden(),
            Resource::Table.into_iden(),
            Partner::Table.into_iden(),
            AppUser::Table.into_iden(),
            Forum::Table.into_iden(),
        ];
        for table in tables {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Forum {
    Table,
    Id,
    Name,
    Slug,
    ShortName,
    Population,
    FyStartMonth,
    AmberTolerance,
    SmallNumberThreshold,
    CreatedAt,
    Version,
}

#[derive(DeriveIden)]
enum Partner {
    Table,
    Id,
    ForumId,
    Name,
    ShortName,
    Sector,
    Aliases,
    ArchivedAt,
    Version,
}

#[derive(DeriveIden)]
enum Resource {
    Table,
    Id,
    ForumId,
    Name,
    AmountPence,
    Posts,
    AtRisk,
    Notes,
    ArchivedAt,
    Version,
}

#[derive(DeriveIden)]
enum Indicator {
    Table,
    Id,
    ForumId,
    Framework,
    Code,
    Title,
    Definition,
    Polarity,
    ArchivedAt,
    Version,
}

#[derive(DeriveIden)]
enum Strategy {
    Table,
    Id,
    ForumId,
    Title,
    Slug,
    PeriodStart,
    PeriodEnd,
    Aims,
    Source,
    Status,
    Position,
    ArchivedAt,
    Version,
}

#[derive(DeriveIden)]
enum Theme {
    Table,
    Id,
    StrategyId,
    Title,
    Position,
    ArchivedAt,
    Version,
}

#[derive(DeriveIden)]
enum Action {
    Table,
    Id,
    ThemeId,
    Title,
    Activity,
    LeadPartnerId,
    DueDate,
    DueText,
    Origin,
    OwnerContact,
    StatusOverride,
    StatusOverrideReason,
    Position,
    ArchivedAt,
    Version,
}

#[derive(DeriveIden)]
enum ActionPartner {
    Table,
    ActionId,
    PartnerId,
}

#[derive(DeriveIden)]
enum ActionResource {
    Table,
    ActionId,
    ResourceId,
}

#[derive(DeriveIden)]
#[allow(clippy::enum_variant_names)] // `TargetValue` is the column `target_value`.
enum Target {
    Table,
    Id,
    ActionId,
    Title,
    Kind,
    Unit,
    Baseline,
    TargetValue,
    BandLow,
    BandHigh,
    Direction,
    StartDate,
    DueDate,
    Frequency,
    IndicatorId,
    PopulationPer,
    SourceText,
    StatusOverride,
    StatusOverrideReason,
    Position,
    ArchivedAt,
    Version,
}

#[derive(DeriveIden)]
enum ProgressUpdate {
    Table,
    Id,
    TargetId,
    PeriodStart,
    PeriodEnd,
    ValueNumber,
    ValueNumerator,
    ValueDenominator,
    ValueBool,
    ValueDate,
    ValueText,
    Narrative,
    EvidenceUrl,
    IsPublic,
    State,
    AuthorId,
    SubmittedAt,
    DecidedAt,
    DecidedBy,
    DecisionComment,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Id,
    Email,
    Name,
    PasswordHash,
    IsAdmin,
    MustChangePassword,
    DisabledAt,
    CreatedAt,
    LastSignInAt,
    Version,
}

#[derive(DeriveIden)]
enum Membership {
    Table,
    Id,
    UserId,
    ForumId,
    Role,
    PartnerId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SessionRecord {
    Table,
    Id,
    Data,
    ExpiryDate,
}

#[derive(DeriveIden)]
enum Review {
    Table,
    Id,
    ForumId,
    StrategyId,
    Title,
    PeriodStart,
    PeriodEnd,
    HeldOn,
    State,
    Snapshot,
    CreatedBy,
    CreatedAt,
    Version,
}

#[derive(DeriveIden)]
enum Decision {
    Table,
    Id,
    ReviewId,
    Kind,
    Text,
    Owner,
    DueDate,
    ActionId,
    Outcome,
    CreatedAt,
    Version,
}

#[derive(DeriveIden)]
enum ShareLink {
    Table,
    Id,
    ForumId,
    TokenHash,
    Label,
    ScopeKind,
    ScopeId,
    Shows,
    ExpiresAt,
    RevokedAt,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ApiToken {
    Table,
    Id,
    UserId,
    TokenHash,
    Label,
    CanWrite,
    CreatedAt,
    LastUsedAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum AuditEvent {
    Table,
    Id,
    ForumId,
    UserId,
    At,
    Entity,
    EntityId,
    Action,
    Field,
    OldValue,
    NewValue,
    Detail,
}
