use sea_orm::entity::prelude::*;

/// One uploaded spreadsheet: its bytes until it is committed (then only its name and hash), the
/// sheet and column roles chosen in the preview (`mapping`: a JSON array of `[column, role]`),
/// and after the commit the strategy it went into and the report (JSON).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "import_upload")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub forum_id: i32,
    pub uploaded_by: Option<i32>,
    #[sea_orm(column_type = "Text")]
    pub file_name: String,
    #[sea_orm(column_type = "Text")]
    pub file_sha256: String,
    pub file_size: i64,
    #[sea_orm(column_type = "Blob")]
    pub content: Option<Vec<u8>>,
    #[sea_orm(column_type = "Text")]
    pub sheet: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub mapping: String,
    pub created_at: DateTimeUtc,
    pub committed_at: Option<DateTimeUtc>,
    pub strategy_id: Option<i32>,
    #[sea_orm(column_type = "Text")]
    pub report: Option<String>,
    pub version: i32,
}

/// Foreign keys of this table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::forum::Entity",
        from = "Column::ForumId",
        to = "super::forum::Column::Id",
        on_delete = "Cascade"
    )]
    Forum,
}

impl Related<super::forum::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Forum.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
