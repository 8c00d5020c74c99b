use sea_orm::entity::prelude::*;

/// One share link; `scope_kind` is strategy/theme/resource and `shows` a JSON array.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "share_link")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub forum_id: i32,
    #[sea_orm(column_type = "Text", unique)]
    pub token_hash: String,
    #[sea_orm(column_type = "Text")]
    pub label: String,
    #[sea_orm(column_type = "Text")]
    pub scope_kind: String,
    pub scope_id: i32,
    #[sea_orm(column_type = "Text")]
    pub shows: String,
    pub expires_at: Option<DateTimeUtc>,
    pub revoked_at: Option<DateTimeUtc>,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
}

/// Foreign keys of this table (`belongs_to`) and the tables that point at it (`has_many`).
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::forum::Entity",
        from = "Column::ForumId",
        to = "super::forum::Column::Id",
        on_delete = "Cascade"
    )]
    Forum,
    #[sea_orm(
        belongs_to = "super::app_user::Entity",
        from = "Column::CreatedBy",
        to = "super::app_user::Column::Id",
        on_delete = "SetNull"
    )]
    CreatedBy,
}

impl Related<super::forum::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Forum.def()
    }
}

impl Related<super::app_user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CreatedBy.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
