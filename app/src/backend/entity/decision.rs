use sea_orm::entity::prelude::*;

/// One decision; `kind` is decision/action_arising.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "decision")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub review_id: i32,
    #[sea_orm(column_type = "Text")]
    pub kind: String,
    #[sea_orm(column_type = "Text")]
    pub text: String,
    #[sea_orm(column_type = "Text")]
    pub owner: Option<String>,
    pub due_date: Option<Date>,
    pub action_id: Option<i32>,
    #[sea_orm(column_type = "Text")]
    pub outcome: Option<String>,
    pub created_at: DateTimeUtc,
    pub version: i32,
}

/// Foreign keys of this table (`belongs_to`) and the tables that point at it (`has_many`).
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::review::Entity",
        from = "Column::ReviewId",
        to = "super::review::Column::Id",
        on_delete = "Cascade"
    )]
    Review,
    #[sea_orm(
        belongs_to = "super::action::Entity",
        from = "Column::ActionId",
        to = "super::action::Column::Id",
        on_delete = "SetNull"
    )]
    Action,
}

impl Related<super::review::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Review.def()
    }
}

impl Related<super::action::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Action.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
