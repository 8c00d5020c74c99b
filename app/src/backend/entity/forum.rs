use sea_orm::entity::prelude::*;

/// One forum, with its reporting settings.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "forum")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(column_type = "Text", unique)]
    pub name: String,
    #[sea_orm(column_type = "Text", unique)]
    pub slug: String,
    #[sea_orm(column_type = "Text")]
    pub short_name: Option<String>,
    pub population: Option<i64>,
    pub fy_start_month: i32,
    pub amber_tolerance: f64,
    pub small_number_threshold: i32,
    /// Returns are due this many days after a reporting period ends.
    pub return_days: i32,
    /// A training or demonstration forum's calendar stands still on this date.
    pub fixed_date: Option<Date>,
    pub created_at: DateTimeUtc,
    pub version: i32,
}

/// Foreign keys of this table (`belongs_to`) and the tables that point at it (`has_many`).
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::partner::Entity")]
    Partner,
    #[sea_orm(has_many = "super::resource::Entity")]
    Resource,
    #[sea_orm(has_many = "super::indicator::Entity")]
    Indicator,
    #[sea_orm(has_many = "super::strategy::Entity")]
    Strategy,
    #[sea_orm(has_many = "super::membership::Entity")]
    Membership,
    #[sea_orm(has_many = "super::review::Entity")]
    Review,
    #[sea_orm(has_many = "super::share_link::Entity")]
    ShareLink,
    #[sea_orm(has_many = "super::audit_event::Entity")]
    AuditEvent,
}

impl Related<super::partner::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Partner.def()
    }
}

impl Related<super::resource::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Resource.def()
    }
}

impl Related<super::indicator::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Indicator.def()
    }
}

impl Related<super::strategy::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Strategy.def()
    }
}

impl Related<super::membership::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Membership.def()
    }
}

impl Related<super::review::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Review.def()
    }
}

impl Related<super::share_link::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ShareLink.def()
    }
}

impl Related<super::audit_event::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::AuditEvent.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
