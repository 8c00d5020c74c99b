use sea_orm::entity::prelude::*;

/// One target: kind, direction, baseline, target value or band, and reporting frequency.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "target")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub action_id: i32,
    #[sea_orm(column_type = "Text")]
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub kind: String,
    #[sea_orm(column_type = "Text")]
    pub unit: Option<String>,
    pub baseline: Option<f64>,
    pub target_value: Option<f64>,
    pub band_low: Option<f64>,
    pub band_high: Option<f64>,
    #[sea_orm(column_type = "Text")]
    pub direction: String,
    pub start_date: Option<Date>,
    pub due_date: Option<Date>,
    #[sea_orm(column_type = "Text")]
    pub frequency: String,
    pub indicator_id: Option<i32>,
    pub population_per: Option<i64>,
    #[sea_orm(column_type = "Text")]
    pub source_text: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub status_override: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub status_override_reason: Option<String>,
    pub position: i32,
    pub archived_at: Option<DateTimeUtc>,
    pub version: i32,
}

/// Foreign keys of this table (`belongs_to`) and the tables that point at it (`has_many`).
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::action::Entity",
        from = "Column::ActionId",
        to = "super::action::Column::Id",
        on_delete = "Cascade"
    )]
    Action,
    #[sea_orm(
        belongs_to = "super::indicator::Entity",
        from = "Column::IndicatorId",
        to = "super::indicator::Column::Id",
        on_delete = "SetNull"
    )]
    Indicator,
    #[sea_orm(has_many = "super::progress_update::Entity")]
    ProgressUpdate,
}

impl Related<super::action::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Action.def()
    }
}

impl Related<super::indicator::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Indicator.def()
    }
}

impl Related<super::progress_update::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ProgressUpdate.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
