use sea_orm::entity::prelude::*;

/// One resource: money in pence and/or posts (FTE).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "resource")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub forum_id: i32,
    #[sea_orm(column_type = "Text")]
    pub name: String,
    pub amount_pence: Option<i64>,
    pub posts: Option<f64>,
    pub at_risk: bool,
    #[sea_orm(column_type = "Text")]
    pub notes: Option<String>,
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
}

impl Related<super::forum::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Forum.def()
    }
}

/// Many-to-many through `action_resource`.
impl Related<super::action::Entity> for Entity {
    fn to() -> RelationDef {
        super::action_resource::Relation::Action.def()
    }

    fn via() -> Option<RelationDef> {
        Some(super::action_resource::Relation::Resource.def().rev())
    }
}

impl ActiveModelBehavior for ActiveModel {}
