use sea_orm::entity::prelude::*;

/// One session, keyed by its id string.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "session_record")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false, column_type = "Text")]
    pub id: String,
    #[sea_orm(column_type = "Text")]
    pub data: String,
    pub expiry_date: DateTimeUtc,
}

/// Foreign keys of this table (`belongs_to`) and the tables that point at it (`has_many`).
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
