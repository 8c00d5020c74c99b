use sea_orm::entity::prelude::*;

/// One review; `state` is open/closed.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "review")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub forum_id: i32,
    pub strategy_id: Option<i32>,
    #[sea_orm(column_type = "Text")]
    pub title: String,
    pub period_start: Date,
    pub period_end: Date,
    pub held_on: Option<Date>,
    #[sea_orm(column_type = "Text")]
    pub state: String,
    #[sea_orm(column_type = "Text")]
    pub snapshot: Option<String>,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
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
    #[sea_orm(
        belongs_to = "super::strategy::Entity",
        from = "Column::StrategyId",
        to = "super::strategy::Column::Id",
        on_delete = "SetNull"
    )]
    Strategy,
    #[sea_orm(
        belongs_to = "super::app_user::Entity",
        from = "Column::CreatedBy",
        to = "super::app_user::Column::Id",
        on_delete = "SetNull"
    )]
    CreatedBy,
    #[sea_orm(has_many = "super::decision::Entity")]
    Decision,
}

impl Related<super::forum::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Forum.def()
    }
}

impl Related<super::strategy::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Strategy.def()
    }
}

impl Related<super::decision::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Decision.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
