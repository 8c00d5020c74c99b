use sea_orm::entity::prelude::*;

/// A forum's saved column mapping: applied to an uploaded sheet whose headings give the same
/// `header_key`; `headers` are the headings as written (JSON array), `mapping` a JSON array of
/// `[column, role]`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "import_mapping")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub forum_id: i32,
    #[sea_orm(column_type = "Text")]
    pub header_key: String,
    #[sea_orm(column_type = "Text")]
    pub headers: String,
    #[sea_orm(column_type = "Text")]
    pub mapping: String,
    pub saved_by: Option<i32>,
    pub saved_at: DateTimeUtc,
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
