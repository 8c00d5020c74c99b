use sea_orm::entity::prelude::*;

/// One strategy; `status` is draft/active/closed.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "strategy")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub forum_id: i32,
    #[sea_orm(column_type = "Text")]
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub slug: String,
    pub period_start: Date,
    pub period_end: Date,
    #[sea_orm(column_type = "Text")]
    pub aims: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub source: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub status: String,
    pub position: i32,
    pub archived_at: Option<DateTimeUtc>,
    pub version: i32,
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
    #[sea_orm(has_many = "super::theme::Entity")]
    Theme,
    #[sea_orm(has_many = "super::review::Entity")]
    Review,
}

impl Related<super::forum::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Forum.def()
    }
}

impl Related<super::theme::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Theme.def()
    }
}

impl Related<super::review::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Review.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
