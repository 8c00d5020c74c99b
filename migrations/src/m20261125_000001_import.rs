//! Spreadsheet import (issue 7): uploads staged between the preview and the commit, the column
//! mappings a forum saves for its next file, and an action's reference number from its sheet.
use ForeignKeyAction::{Cascade, SetNull};
use sea_orm_migration::{prelude::*, schema::*};

/// Adds `import_upload`, `import_mapping` and `action.reference`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ImportUpload {
    Table,
    Id,
    ForumId,
    UploadedBy,
    FileName,
    FileSha256,
    FileSize,
    Content,
    Sheet,
    Mapping,
    CreatedAt,
    CommittedAt,
    StrategyId,
    Report,
    Version,
}

#[derive(DeriveIden)]
enum ImportMapping {
    Table,
    Id,
    ForumId,
    HeaderKey,
    Headers,
    Mapping,
    SavedBy,
    SavedAt,
}

#[derive(DeriveIden)]
enum Forum {
    Table,
}

#[derive(DeriveIden)]
enum AppUser {
    Table,
}

#[derive(DeriveIden)]
enum Strategy {
    Table,
}

fn fk<T: IntoIden, C: IntoIden, R: IntoIden>(
    name: &str,
    table: T,
    column: C,
    to: R,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(table, column)
        .to(to, Alias::new("id"))
        .on_delete(on_delete)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ImportUpload::Table)
                    .col(pk_auto(ImportUpload::Id))
                    .col(integer(ImportUpload::ForumId))
                    .col(integer_null(ImportUpload::UploadedBy))
                    .col(text(ImportUpload::FileName))
                    .col(text(ImportUpload::FileSha256))
                    .col(big_integer(ImportUpload::FileSize))
                    .col(blob_null(ImportUpload::Content))
                    .col(text_null(ImportUpload::Sheet))
                    .col(text(ImportUpload::Mapping).default("[]"))
                    .col(timestamp_with_time_zone(ImportUpload::CreatedAt))
                    .col(timestamp_with_time_zone_null(ImportUpload::CommittedAt))
                    .col(integer_null(ImportUpload::StrategyId))
                    .col(text_null(ImportUpload::Report))
                    .col(integer(ImportUpload::Version).default(1))
                    .foreign_key(&mut fk(
                        "fk_import_upload_forum_id",
                        ImportUpload::Table,
                        ImportUpload::ForumId,
                        Forum::Table,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_import_upload_uploaded_by",
                        ImportUpload::Table,
                        ImportUpload::UploadedBy,
                        AppUser::Table,
                        SetNull,
                    ))
                    .foreign_key(&mut fk(
                        "fk_import_upload_strategy_id",
                        ImportUpload::Table,
                        ImportUpload::StrategyId,
                        Strategy::Table,
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_import_upload_forum_id")
                    .table(ImportUpload::Table)
                    .col(ImportUpload::ForumId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ImportMapping::Table)
                    .col(pk_auto(ImportMapping::Id))
                    .col(integer(ImportMapping::ForumId))
                    .col(text(ImportMapping::HeaderKey))
                    .col(text(ImportMapping::Headers))
                    .col(text(ImportMapping::Mapping))
                    .col(integer_null(ImportMapping::SavedBy))
                    .col(timestamp_with_time_zone(ImportMapping::SavedAt))
                    .foreign_key(&mut fk(
                        "fk_import_mapping_forum_id",
                        ImportMapping::Table,
                        ImportMapping::ForumId,
                        Forum::Table,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_import_mapping_saved_by",
                        ImportMapping::Table,
                        ImportMapping::SavedBy,
                        AppUser::Table,
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_import_mapping_forum_header")
                    .table(ImportMapping::Table)
                    .col(ImportMapping::ForumId)
                    .col(ImportMapping::HeaderKey)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared("ALTER TABLE action ADD COLUMN reference text NULL")
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("ALTER TABLE action DROP COLUMN reference")
            .await?;
        manager
            .drop_table(Table::drop().table(ImportMapping::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(ImportUpload::Table).to_owned())
            .await
    }
}
