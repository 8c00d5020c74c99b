//! The partner directory and a partner agency's page.
use crate::backend::entity::{action, action_partner, partner};
use crate::backend::error::{BackendError, BackendResult};
use crate::backend::links::ActionSet;
use crate::backend::plan::{forum_by_slug, forum_ref, partner_ref, sector_label};
use crate::domain::views::{PartnerList, PartnerListItem, PartnerPage};
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// Every live partner of a forum with how many actions it leads and supports.
///
/// # Errors
/// [`BackendError::NotFound`] for an unknown forum; database errors.
#[tracing::instrument(skip(db))]
pub async fn list(db: &impl ConnectionTrait, forum_slug: &str) -> BackendResult<PartnerList> {
    let forum = forum_by_slug(db, forum_slug).await?;
    let partners = partner::Entity::find()
        .filter(partner::Column::ForumId.eq(forum.id))
        .filter(partner::Column::ArchivedAt.is_null())
        .order_by_asc(partner::Column::Name)
        .all(db)
        .await?;
    let ids: Vec<i32> = partners.iter().map(|p| p.id).collect();
    let mut leads: HashMap<i32, u32> = HashMap::new();
    for a in action::Entity::find()
        .filter(action::Column::LeadPartnerId.is_in(ids.clone()))
        .filter(action::Column::ArchivedAt.is_null())
        .all(db)
        .await?
    {
        if let Some(id) = a.lead_partner_id {
            *leads.entry(id).or_default() += 1;
        }
    }
    let mut supports: HashMap<i32, u32> = HashMap::new();
    for ap in action_partner::Entity::find()
        .filter(action_partner::Column::PartnerId.is_in(ids))
        .all(db)
        .await?
    {
        *supports.entry(ap.partner_id).or_default() += 1;
    }
    Ok(PartnerList {
        can_edit: false,
        archived: Vec::new(),
        forum: forum_ref(&forum),
        partners: partners
            .iter()
            .map(|p| PartnerListItem {
                partner: partner_ref(p),
                sector: sector_label(&p.sector).to_owned(),
                leads: leads.get(&p.id).copied().unwrap_or(0),
                supports: supports.get(&p.id).copied().unwrap_or(0),
            })
            .collect(),
    })
}

/// One partner's page: what it leads and supports across the forum's strategies.
///
/// # Errors
/// [`BackendError::NotFound`] for an unknown forum or a partner of another forum.
#[tracing::instrument(skip(db))]
pub async fn page(
    db: &impl ConnectionTrait,
    forum_slug: &str,
    partner_id: i32,
    today: NaiveDate,
) -> BackendResult<PartnerPage> {
    let forum = forum_by_slug(db, forum_slug).await?;
    let p = partner::Entity::find_by_id(partner_id)
        .one(db)
        .await?
        .filter(|p| p.forum_id == forum.id)
        .ok_or(BackendError::NotFound("partner"))?;
    let lead_ids: Vec<i32> = action::Entity::find()
        .filter(action::Column::LeadPartnerId.eq(p.id))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.id)
        .collect();
    let support_ids: Vec<i32> = action_partner::Entity::find()
        .filter(action_partner::Column::PartnerId.eq(p.id))
        .all(db)
        .await?
        .into_iter()
        .map(|ap| ap.action_id)
        .collect();
    let all: Vec<i32> = lead_ids.iter().chain(&support_ids).copied().collect();
    let set = ActionSet::load(db, &forum, all, today).await?;
    let links = set.links()?;
    let aliases: Vec<String> = serde_json::from_str(&p.aliases).unwrap_or_default();
    let on = crate::backend::progress::forum_today(&forum, today);
    let owed = crate::backend::progress::agency_returns(db, &forum, p.id, on).await?;
    let note = crate::backend::progress::reporting_note(&forum, on);
    Ok(PartnerPage {
        owed,
        period: format!(
            "{}, due by {}",
            note.period.long_label(),
            note.period.deadline.format("%-d %B %Y")
        ),
        edit: None,
        forum: forum_ref(&forum),
        partner: partner_ref(&p),
        sector: sector_label(&p.sector).to_owned(),
        aliases,
        leads: links
            .iter()
            .filter(|l| lead_ids.contains(&l.id))
            .cloned()
            .collect(),
        supports: links
            .iter()
            .filter(|l| support_ids.contains(&l.id))
            .cloned()
            .collect(),
    })
}
