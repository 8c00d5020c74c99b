use sea_orm::entity::prelude::*;

/// One action; its status is derived from its targets unless overridden.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "action")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub theme_id: i32,
    #[sea_orm(column_type = "Text")]
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub activity: Option<String>,
    pub lead_partner_id: Option<i32>,
    pub due_date: Option<Date>,
    #[sea_orm(column_type = "Text")]
    pub due_text: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub origin: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub owner_contact: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub status_override: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub status_override_reason: Option<String>,
    /// The action's reference number in the spreadsheet it was imported from ("1.2", "DV7").
    #[sea_orm(column_type = "Text")]
    pub reference: Option<String>,
    pub position: i32,
    pub archived_at: Option<DateTimeUtc>,
    pub version: i32,
}

/// Foreign keys of this table (`belongs_to`) and the tables that point at it (`has_many`).
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::theme::Entity",
        from = "Column::ThemeId",
        to = "super::theme::Column::Id",
        on_delete = "Cascade"
    )]
    Theme,
    #[sea_orm(
        belongs_to = "super::partner::Entity",
        from = "Column::LeadPartnerId",
        to = "super::partner::Column::Id",
        on_delete = "SetNull"
    )]
    LeadPartner,
    #[sea_orm(has_many = "super::target::Entity")]
    Target,
}

impl Related<super::theme::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Theme.def()
    }
}

impl Related<super::target::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Target.def()
    }
}

/// Many-to-many through `action_resource`.
impl Related<super::resource::Entity> for Entity {
    fn to() -> RelationDef {
        super::action_resource::Relation::Resource.def()
    }

    fn via() -> Option<RelationDef> {
        Some(super::action_resource::Relation::Action.def().rev())
    }
}

impl ActiveModelBehavior for ActiveModel {}
