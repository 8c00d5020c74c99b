//! The forum's directories: partner agencies (with merging), resources and indicators (with the
//! installation's starter set).
use super::common::{
    Editor, Fields, Saved, claim, indicator_in, num, opt, partner_in, resource_in,
};
use crate::backend::entity::{action, action_partner, indicator, membership, partner, resource};
use crate::backend::error::{BackendError, BackendResult};
use crate::domain::plan_form::{IndicatorInput, PartnerInput, ResourceInput, STARTER_INDICATORS};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};

fn aliases_json(aliases: &[String]) -> String {
    serde_json::to_string(aliases).unwrap_or_else(|_| "[]".to_owned())
}

fn partner_fields(p: &partner::Model) -> Fields {
    vec![
        ("name", p.name.clone()),
        ("short_name", opt(p.short_name.as_deref())),
        ("sector", p.sector.clone()),
        (
            "aliases",
            serde_json::from_str::<Vec<String>>(&p.aliases)
                .unwrap_or_default()
                .join("; "),
        ),
    ]
}

/// Refuses a name another live or archived record of the forum already has.
async fn name_free_partner(
    db: &impl ConnectionTrait,
    ed: &Editor<'_>,
    name: &str,
    except: Option<i32>,
) -> BackendResult<()> {
    let clash = partner::Entity::find()
        .filter(partner::Column::ForumId.eq(ed.forum.id))
        .all(db)
        .await?
        .into_iter()
        .find(|p| Some(p.id) != except && p.name.eq_ignore_ascii_case(name));
    match clash {
        Some(p) => Err(BackendError::Invalid(format!(
            "the forum already has a partner called “{}”{}: use that one, or give this one a different name",
            p.name,
            if p.archived_at.is_some() {
                " (archived: restore it from the partner directory)"
            } else {
                ""
            }
        ))),
        None => Ok(()),
    }
}

/// Adds a partner agency to the forum's directory.
///
/// # Errors
/// [`BackendError::Invalid`] for a name already used; database errors.
pub async fn create_partner(
    db: &impl TransactionTrait,
    ed: &Editor<'_>,
    input: PartnerInput,
) -> BackendResult<Saved> {
    let txn = crate::backend::db::write(db).await?;
    name_free_partner(&txn, ed, &input.name, None).await?;
    let row = partner::ActiveModel {
        forum_id: Set(ed.forum.id),
        name: Set(input.name),
        short_name: Set(input.short_name),
        sector: Set(input.sector.as_str().to_owned()),
        aliases: Set(aliases_json(&input.aliases)),
        archived_at: Set(None),
        version: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    ed.record(&txn, "partner", row.id, "create", row.name.clone(), Some(1))
        .await?;
    txn.commit().await?;
    Ok(Saved {
        id: row.id,
        message: format!("Added “{}” to the partner directory.", row.name),
        warnings: Vec::new(),
    })
}

/// Changes a partner's name, short name, sector and aliases.
///
/// # Errors
/// [`BackendError::Conflict`] when it changed since `version`; a name already used; not found.
pub async fn update_partner(
    db: &impl TransactionTrait,
    ed: &Editor<'_>,
    id: i32,
    version: i32,
    input: PartnerInput,
) -> BackendResult<Saved> {
    let txn = crate::backend::db::write(db).await?;
    let before = partner_in(&txn, ed.forum, id).await?;
    name_free_partner(&txn, ed, &input.name, Some(id)).await?;
    let v = claim!(
        &txn,
        partner,
        "partner",
        id,
        version,
        format!("The partner “{}”", before.name)
    );
    let mut row: partner::ActiveModel = before.clone().into();
    row.name = Set(input.name);
    row.short_name = Set(input.short_name);
    row.sector = Set(input.sector.as_str().to_owned());
    row.aliases = Set(aliases_json(&input.aliases));
    row.version = Set(v);
    let after = row.update(&txn).await?;
    ed.record_changes(
        &txn,
        "partner",
        id,
        v,
        &partner_fields(&before),
        &partner_fields(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(Saved {
        id,
        message: format!("Saved “{}”.", after.name),
        warnings: Vec::new(),
    })
}

/// Merges partner `from` into partner `into` (the same agency entered twice): every action it
/// leads or supports and every member reporting for it move to `into`, its names become aliases
/// of `into`, and `from` is deleted. Both versions must be current.
///
/// # Errors
/// [`BackendError::Conflict`] when either changed; [`BackendError::Invalid`] merging a partner
/// into itself; not found.
pub async fn merge_partners(
    db: &impl TransactionTrait,
    ed: &Editor<'_>,
    from_id: i32,
    from_version: i32,
    into_id: i32,
) -> BackendResult<Saved> {
    if from_id == into_id {
        return Err(BackendError::Invalid(
            "choose a different partner to merge into".to_owned(),
        ));
    }
    let txn = crate::backend::db::write(db).await?;
    let from = partner_in(&txn, ed.forum, from_id).await?;
    let into = partner_in(&txn, ed.forum, into_id).await?;
    let _ = claim!(
        &txn,
        partner,
        "partner",
        from_id,
        from_version,
        format!("The partner “{}”", from.name)
    );
    let into_version = claim!(
        &txn,
        partner,
        "partner",
        into_id,
        into.version,
        format!("The partner “{}”", into.name)
    );
    // Leads move; supporters move unless `into` already supports (or leads) the action.
    let led = action::Entity::update_many()
        .col_expr(action::Column::LeadPartnerId, Expr::value(into_id))
        .filter(action::Column::LeadPartnerId.eq(from_id))
        .exec(&txn)
        .await?
        .rows_affected;
    let into_actions: Vec<i32> = action_partner::Entity::find()
        .filter(action_partner::Column::PartnerId.eq(into_id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|r| r.action_id)
        .collect();
    let into_leads: Vec<i32> = action::Entity::find()
        .filter(action::Column::LeadPartnerId.eq(into_id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|a| a.id)
        .collect();
    // A partner that now leads an action is no longer also one of its supporters.
    action_partner::Entity::delete_many()
        .filter(action_partner::Column::PartnerId.eq(into_id))
        .filter(action_partner::Column::ActionId.is_in(into_leads.clone()))
        .exec(&txn)
        .await?;
    let supported = action_partner::Entity::find()
        .filter(action_partner::Column::PartnerId.eq(from_id))
        .all(&txn)
        .await?;
    let moved_support = supported.len();
    action_partner::Entity::delete_many()
        .filter(action_partner::Column::PartnerId.eq(from_id))
        .exec(&txn)
        .await?;
    for r in supported {
        if !into_actions.contains(&r.action_id) && !into_leads.contains(&r.action_id) {
            action_partner::ActiveModel {
                action_id: Set(r.action_id),
                partner_id: Set(into_id),
            }
            .insert(&txn)
            .await?;
        }
    }
    membership::Entity::update_many()
        .col_expr(membership::Column::PartnerId, Expr::value(into_id))
        .filter(membership::Column::PartnerId.eq(from_id))
        .exec(&txn)
        .await?;
    let mut aliases: Vec<String> = serde_json::from_str(&into.aliases).unwrap_or_default();
    let from_aliases: Vec<String> = serde_json::from_str(&from.aliases).unwrap_or_default();
    for name in std::iter::once(from.name.clone())
        .chain(from.short_name.clone())
        .chain(from_aliases)
    {
        let same = |a: &String| a.eq_ignore_ascii_case(&name);
        if !name.eq_ignore_ascii_case(&into.name)
            && into
                .short_name
                .as_ref()
                .is_none_or(|s| !s.eq_ignore_ascii_case(&name))
            && !aliases.iter().any(same)
        {
            aliases.push(name);
        }
    }
    let before = partner_fields(&into);
    let mut row: partner::ActiveModel = into.clone().into();
    row.aliases = Set(aliases_json(&aliases));
    row.version = Set(into_version);
    let after = row.update(&txn).await?;
    ed.record_changes(
        &txn,
        "partner",
        into_id,
        into_version,
        &before,
        &partner_fields(&after),
    )
    .await?;
    partner::Entity::delete_by_id(from_id).exec(&txn).await?;
    ed.record(
        &txn,
        "partner",
        from_id,
        "merge",
        format!(
            "merged “{}” into “{}” ({led} actions led, {moved_support} supported)",
            from.name, into.name
        ),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(Saved {
        id: into_id,
        message: format!(
            "Merged “{}” into “{}”: {led} actions it led and {moved_support} it supported now name “{}”, and its names are kept as aliases.",
            from.name, into.name, into.name
        ),
        warnings: Vec::new(),
    })
}

fn resource_fields(r: &resource::Model) -> Fields {
    vec![
        ("name", r.name.clone()),
        (
            "amount_pence",
            r.amount_pence.map(|a| a.to_string()).unwrap_or_default(),
        ),
        ("posts", num(r.posts)),
        ("at_risk", r.at_risk.to_string()),
        ("notes", opt(r.notes.as_deref())),
    ]
}

async fn name_free_resource(
    db: &impl ConnectionTrait,
    ed: &Editor<'_>,
    name: &str,
    except: Option<i32>,
) -> BackendResult<()> {
    let clash = resource::Entity::find()
        .filter(resource::Column::ForumId.eq(ed.forum.id))
        .all(db)
        .await?
        .into_iter()
        .any(|r| Some(r.id) != except && r.name.eq_ignore_ascii_case(name));
    if clash {
        return Err(BackendError::Invalid(format!(
            "the forum already has a resource called “{name}”: use that one, or give this one a different name"
        )));
    }
    Ok(())
}

/// Adds a resource (funding source or budget line).
///
/// # Errors
/// A name already used; database errors.
pub async fn create_resource(
    db: &impl TransactionTrait,
    ed: &Editor<'_>,
    input: ResourceInput,
) -> BackendResult<Saved> {
    let txn = crate::backend::db::write(db).await?;
    name_free_resource(&txn, ed, &input.name, None).await?;
    let row = resource::ActiveModel {
        forum_id: Set(ed.forum.id),
        name: Set(input.name),
        amount_pence: Set(input.amount_pence),
        posts: Set(input.posts),
        at_risk: Set(input.at_risk),
        notes: Set(input.notes),
        archived_at: Set(None),
        version: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    ed.record(
        &txn,
        "resource",
        row.id,
        "create",
        row.name.clone(),
        Some(1),
    )
    .await?;
    txn.commit().await?;
    Ok(Saved {
        id: row.id,
        message: format!("Added the resource “{}”.", row.name),
        warnings: Vec::new(),
    })
}

/// Changes a resource.
///
/// # Errors
/// [`BackendError::Conflict`] when it changed since `version`; a name already used; not found.
pub async fn update_resource(
    db: &impl TransactionTrait,
    ed: &Editor<'_>,
    id: i32,
    version: i32,
    input: ResourceInput,
) -> BackendResult<Saved> {
    let txn = crate::backend::db::write(db).await?;
    let before = resource_in(&txn, ed.forum, id).await?;
    name_free_resource(&txn, ed, &input.name, Some(id)).await?;
    let v = claim!(
        &txn,
        resource,
        "resource",
        id,
        version,
        format!("The resource “{}”", before.name)
    );
    let mut row: resource::ActiveModel = before.clone().into();
    row.name = Set(input.name);
    row.amount_pence = Set(input.amount_pence);
    row.posts = Set(input.posts);
    row.at_risk = Set(input.at_risk);
    row.notes = Set(input.notes);
    row.version = Set(v);
    let after = row.update(&txn).await?;
    ed.record_changes(
        &txn,
        "resource",
        id,
        v,
        &resource_fields(&before),
        &resource_fields(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(Saved {
        id,
        message: format!("Saved the resource “{}”.", after.name),
        warnings: Vec::new(),
    })
}

fn indicator_fields(i: &indicator::Model) -> Fields {
    vec![
        ("framework", i.framework.clone()),
        ("code", i.code.clone()),
        ("title", i.title.clone()),
        ("definition", opt(i.definition.as_deref())),
        ("polarity", i.polarity.clone()),
        (
            "checklist",
            serde_json::from_str::<Vec<String>>(&i.checklist)
                .unwrap_or_default()
                .join("; "),
        ),
    ]
}

async fn code_free(
    db: &impl ConnectionTrait,
    ed: &Editor<'_>,
    input: &IndicatorInput,
    except: Option<i32>,
) -> BackendResult<()> {
    let clash = indicator::Entity::find()
        .filter(indicator::Column::ForumId.eq(ed.forum.id))
        .filter(indicator::Column::Framework.eq(input.framework.as_str()))
        .all(db)
        .await?
        .into_iter()
        .any(|i| Some(i.id) != except && i.code.eq_ignore_ascii_case(&input.code));
    if clash {
        return Err(BackendError::Invalid(format!(
            "the forum already has a {} indicator with the code “{}”",
            input.framework.label(),
            input.code
        )));
    }
    Ok(())
}

/// Adds an indicator of the forum's own.
///
/// # Errors
/// A code already used in the framework; database errors.
pub async fn create_indicator(
    db: &impl TransactionTrait,
    ed: &Editor<'_>,
    input: IndicatorInput,
) -> BackendResult<Saved> {
    let txn = crate::backend::db::write(db).await?;
    code_free(&txn, ed, &input, None).await?;
    let row = indicator::ActiveModel {
        forum_id: Set(ed.forum.id),
        framework: Set(input.framework.as_str().to_owned()),
        code: Set(input.code),
        title: Set(input.title),
        definition: Set(input.definition),
        polarity: Set(input.polarity.as_str().to_owned()),
        checklist: Set(serde_json::to_string(&input.checklist).unwrap_or_else(|_| "[]".to_owned())),
        archived_at: Set(None),
        version: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    ed.record(
        &txn,
        "indicator",
        row.id,
        "create",
        format!("{} {}", row.code, row.title),
        Some(1),
    )
    .await?;
    txn.commit().await?;
    Ok(Saved {
        id: row.id,
        message: format!("Added the indicator {} “{}”.", row.code, row.title),
        warnings: Vec::new(),
    })
}

/// Changes an indicator.
///
/// # Errors
/// [`BackendError::Conflict`] when it changed since `version`; a code already used; not found.
pub async fn update_indicator(
    db: &impl TransactionTrait,
    ed: &Editor<'_>,
    id: i32,
    version: i32,
    input: IndicatorInput,
) -> BackendResult<Saved> {
    let txn = crate::backend::db::write(db).await?;
    let before = indicator_in(&txn, ed.forum, id).await?;
    code_free(&txn, ed, &input, Some(id)).await?;
    let v = claim!(
        &txn,
        indicator,
        "indicator",
        id,
        version,
        format!("The indicator {}", before.code)
    );
    let mut row: indicator::ActiveModel = before.clone().into();
    row.framework = Set(input.framework.as_str().to_owned());
    row.code = Set(input.code);
    row.title = Set(input.title);
    row.definition = Set(input.definition);
    row.polarity = Set(input.polarity.as_str().to_owned());
    row.checklist =
        Set(serde_json::to_string(&input.checklist).unwrap_or_else(|_| "[]".to_owned()));
    row.version = Set(v);
    let after = row.update(&txn).await?;
    ed.record_changes(
        &txn,
        "indicator",
        id,
        v,
        &indicator_fields(&before),
        &indicator_fields(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(Saved {
        id,
        message: format!("Saved the indicator {}.", after.code),
        warnings: Vec::new(),
    })
}

/// Adopts an indicator of the installation's starter set into the forum (a copy the forum owns:
/// a checklist indicator's items are then entered by the forum).
///
/// # Errors
/// [`BackendError::Invalid`] for an unknown code or one the forum already has.
pub async fn adopt_indicator(
    db: &impl TransactionTrait,
    ed: &Editor<'_>,
    code: &str,
) -> BackendResult<Saved> {
    let Some(s) = STARTER_INDICATORS.iter().find(|s| s.code == code) else {
        return Err(BackendError::Invalid(format!(
            "“{code}” is not in the starter set: choose one from the list"
        )));
    };
    let input = IndicatorInput {
        framework: s.framework,
        code: s.code.to_owned(),
        title: s.title.to_owned(),
        definition: Some(s.definition.to_owned()),
        polarity: s.polarity,
        checklist: Vec::new(),
    };
    let mut saved = create_indicator(db, ed, input).await?;
    if s.checklist {
        saved
            .warnings
            .push("it is a checklist: enter its items on the indicator's page.".to_owned());
    }
    Ok(saved)
}
