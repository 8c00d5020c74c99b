use sea_orm::entity::prelude::*;

/// One period's progress on one target; `state` is draft/submitted/approved/returned.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "progress_update")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub target_id: i32,
    pub period_start: Date,
    pub period_end: Date,
    pub value_number: Option<f64>,
    pub value_numerator: Option<f64>,
    pub value_denominator: Option<f64>,
    pub value_bool: Option<bool>,
    pub value_date: Option<Date>,
    #[sea_orm(column_type = "Text")]
    pub value_text: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub narrative: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub evidence_url: Option<String>,
    pub is_public: bool,
    #[sea_orm(column_type = "Text")]
    pub state: String,
    pub author_id: Option<i32>,
    pub submitted_at: Option<DateTimeUtc>,
    pub decided_at: Option<DateTimeUtc>,
    pub decided_by: Option<i32>,
    #[sea_orm(column_type = "Text")]
    pub decision_comment: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

/// Foreign keys of this table (`belongs_to`) and the tables that point at it (`has_many`).
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::target::Entity",
        from = "Column::TargetId",
        to = "super::target::Column::Id",
        on_delete = "Cascade"
    )]
    Target,
    #[sea_orm(
        belongs_to = "super::app_user::Entity",
        from = "Column::AuthorId",
        to = "super::app_user::Column::Id",
        on_delete = "SetNull"
    )]
    Author,
    #[sea_orm(
        belongs_to = "super::app_user::Entity",
        from = "Column::DecidedBy",
        to = "super::app_user::Column::Id",
        on_delete = "SetNull"
    )]
    DecidedBy,
}

impl Related<super::target::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Target.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
