use sea_orm::entity::prelude::*;

/// A forum's revision: moved by the database's own triggers on every change to what its
/// dashboard is built from (migration `m20261203_000001_forum_revision`); never written here.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "forum_revision")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub forum_id: i32,
    pub revision: i64,
}

/// Foreign keys of this table (`belongs_to`).
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
