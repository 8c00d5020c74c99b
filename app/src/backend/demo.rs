//! The demo forum: the Wolverhampton DV action plan, shipped as a data file the binary embeds,
//! and a demo account for each role.
mod accounts;
pub mod large;

use crate::backend::entity::{
    action, action_partner, action_resource, forum, indicator, partner, progress_update, resource,
    strategy, target, theme,
};
use crate::backend::error::{BackendError, BackendResult};
pub use accounts::{DEFAULT_PASSWORD, DemoAccount, load_accounts};
use chrono::{NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use serde::Deserialize;
use std::collections::HashMap;

/// The demo forum's URL name.
pub const DEMO_FORUM_SLUG: &str = "wolverhampton";

/// The embedded plan (see `demo/wolverhampton.json`).
const WOLVERHAMPTON: &str = include_str!("demo/wolverhampton.json");

/// What loading the demo did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DemoOutcome {
    /// The demo forum was created.
    Loaded {
        /// Name of the forum.
        forum: String,
        /// Actions created.
        actions: usize,
        /// Targets created.
        targets: usize,
        /// Updates created.
        updates: usize,
    },
    /// A forum with the demo's URL name already exists; nothing was changed.
    AlreadyPresent {
        /// Name of the forum.
        forum: String,
    },
}

#[derive(Deserialize)]
struct DemoFile {
    forum: DemoForum,
    partners: Vec<DemoPartner>,
    resources: Vec<DemoResource>,
    indicators: Vec<DemoIndicator>,
    strategy: DemoStrategy,
}

#[derive(Deserialize)]
struct DemoForum {
    name: String,
    slug: String,
    short_name: Option<String>,
    population: Option<i64>,
    fy_start_month: i32,
    amber_tolerance: f64,
    small_number_threshold: i32,
    #[serde(default)]
    return_days: Option<i32>,
    #[serde(default)]
    fixed_date: Option<NaiveDate>,
}

#[derive(Deserialize)]
struct DemoPartner {
    name: String,
    short_name: Option<String>,
    sector: String,
    aliases: Vec<String>,
}

#[derive(Deserialize)]
struct DemoResource {
    name: String,
    amount_pence: Option<i64>,
    posts: Option<f64>,
    at_risk: bool,
    notes: Option<String>,
}

#[derive(Deserialize)]
struct DemoIndicator {
    framework: String,
    code: String,
    title: String,
    definition: Option<String>,
    polarity: String,
}

#[derive(Deserialize)]
struct DemoStrategy {
    title: String,
    slug: String,
    period_start: NaiveDate,
    period_end: NaiveDate,
    aims: Option<String>,
    source: Option<String>,
    themes: Vec<DemoTheme>,
}

#[derive(Deserialize)]
struct DemoTheme {
    title: String,
    actions: Vec<DemoAction>,
}

#[derive(Deserialize)]
struct DemoAction {
    title: String,
    activity: Option<String>,
    lead: Option<String>,
    supporting: Vec<String>,
    resources: Vec<String>,
    due_date: Option<NaiveDate>,
    due_text: Option<String>,
    origin: Option<String>,
    targets: Vec<DemoTarget>,
}

#[derive(Deserialize)]
struct DemoIndicatorRef {
    framework: String,
    code: String,
}

#[derive(Deserialize)]
struct DemoTarget {
    title: String,
    kind: String,
    unit: Option<String>,
    baseline: Option<f64>,
    target_value: Option<f64>,
    band_low: Option<f64>,
    band_high: Option<f64>,
    direction: String,
    start_date: Option<NaiveDate>,
    due_date: Option<NaiveDate>,
    frequency: String,
    indicator: Option<DemoIndicatorRef>,
    population_per: Option<i64>,
    source_text: Option<String>,
    updates: Vec<DemoUpdate>,
}

#[derive(Deserialize)]
struct DemoUpdate {
    period_start: NaiveDate,
    period_end: NaiveDate,
    value_number: Option<f64>,
    value_numerator: Option<f64>,
    value_denominator: Option<f64>,
    value_bool: Option<bool>,
    value_date: Option<NaiveDate>,
    value_text: Option<String>,
    narrative: Option<String>,
    /// Whether the narrative may appear in funder reports.
    #[serde(default)]
    is_public: bool,
    state: String,
}

fn missing(what: &str, name: &str) -> BackendError {
    BackendError::Corrupt(format!("demo data names an unknown {what} '{name}'"))
}

/// Loads the demo forum unless a forum with its URL name exists: running it twice changes nothing.
/// All of it is written in one transaction.
///
/// # Errors
/// Database errors, or [`BackendError::Corrupt`] if the embedded data is inconsistent.
#[tracing::instrument(skip(db))]
pub async fn load(db: &DatabaseConnection) -> BackendResult<DemoOutcome> {
    let data: DemoFile = serde_json::from_str(WOLVERHAMPTON)
        .map_err(|e| BackendError::Corrupt(format!("embedded demo data: {e}")))?;
    if forum::Entity::find()
        .filter(forum::Column::Slug.eq(&data.forum.slug))
        .one(db)
        .await?
        .is_some()
    {
        return Ok(DemoOutcome::AlreadyPresent {
            forum: data.forum.name,
        });
    }
    let txn = crate::backend::db::write(db).await?;
    let now = Utc::now();
    let f = forum::ActiveModel {
        name: Set(data.forum.name.clone()),
        slug: Set(data.forum.slug.clone()),
        short_name: Set(data.forum.short_name.clone()),
        population: Set(data.forum.population),
        fy_start_month: Set(data.forum.fy_start_month),
        amber_tolerance: Set(data.forum.amber_tolerance),
        small_number_threshold: Set(data.forum.small_number_threshold),
        return_days: Set(data.forum.return_days.unwrap_or(30)),
        fixed_date: Set(data.forum.fixed_date),
        created_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await?;

    let mut partners: HashMap<String, i32> = HashMap::new();
    for p in &data.partners {
        let row = partner::ActiveModel {
            forum_id: Set(f.id),
            name: Set(p.name.clone()),
            short_name: Set(p.short_name.clone()),
            sector: Set(p.sector.clone()),
            aliases: Set(serde_json::to_string(&p.aliases).unwrap_or_else(|_| "[]".to_owned())),
            version: Set(1),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        partners.insert(
            p.short_name.clone().unwrap_or_else(|| p.name.clone()),
            row.id,
        );
        partners.insert(p.name.clone(), row.id);
    }
    let mut resources: HashMap<String, i32> = HashMap::new();
    for r in &data.resources {
        let row = resource::ActiveModel {
            forum_id: Set(f.id),
            name: Set(r.name.clone()),
            amount_pence: Set(r.amount_pence),
            posts: Set(r.posts),
            at_risk: Set(r.at_risk),
            notes: Set(r.notes.clone()),
            version: Set(1),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        resources.insert(r.name.clone(), row.id);
    }
    let mut indicators: HashMap<(String, String), i32> = HashMap::new();
    for i in &data.indicators {
        let row = indicator::ActiveModel {
            forum_id: Set(f.id),
            framework: Set(i.framework.clone()),
            code: Set(i.code.clone()),
            title: Set(i.title.clone()),
            definition: Set(i.definition.clone()),
            polarity: Set(i.polarity.clone()),
            version: Set(1),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        indicators.insert((i.framework.clone(), i.code.clone()), row.id);
    }

    let s = &data.strategy;
    let st = strategy::ActiveModel {
        forum_id: Set(f.id),
        title: Set(s.title.clone()),
        slug: Set(s.slug.clone()),
        period_start: Set(s.period_start),
        period_end: Set(s.period_end),
        aims: Set(s.aims.clone()),
        source: Set(s.source.clone()),
        status: Set("active".to_owned()),
        position: Set(0),
        version: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await?;

    let (mut n_actions, mut n_targets, mut n_updates) = (0, 0, 0);
    for (ti, th) in s.themes.iter().enumerate() {
        let theme_row = theme::ActiveModel {
            strategy_id: Set(st.id),
            title: Set(th.title.clone()),
            position: Set(position(ti)),
            version: Set(1),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        for (ai, a) in th.actions.iter().enumerate() {
            let lead = match &a.lead {
                Some(name) => Some(*partners.get(name).ok_or_else(|| missing("partner", name))?),
                None => None,
            };
            let action_row = action::ActiveModel {
                theme_id: Set(theme_row.id),
                title: Set(a.title.clone()),
                activity: Set(a.activity.clone()),
                lead_partner_id: Set(lead),
                due_date: Set(a.due_date),
                due_text: Set(a.due_text.clone()),
                origin: Set(a.origin.clone()),
                position: Set(position(ai)),
                version: Set(1),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            n_actions += 1;
            let mut supporting: Vec<i32> = Vec::new();
            for name in &a.supporting {
                let id = *partners.get(name).ok_or_else(|| missing("partner", name))?;
                if Some(id) != lead && !supporting.contains(&id) {
                    supporting.push(id);
                }
            }
            for partner_id in supporting {
                action_partner::ActiveModel {
                    action_id: Set(action_row.id),
                    partner_id: Set(partner_id),
                }
                .insert(&txn)
                .await?;
            }
            for name in &a.resources {
                let id = *resources
                    .get(name)
                    .ok_or_else(|| missing("resource", name))?;
                action_resource::ActiveModel {
                    action_id: Set(action_row.id),
                    resource_id: Set(id),
                }
                .insert(&txn)
                .await?;
            }
            for (gi, t) in a.targets.iter().enumerate() {
                let indicator_id = match &t.indicator {
                    Some(r) => Some(
                        *indicators
                            .get(&(r.framework.clone(), r.code.clone()))
                            .ok_or_else(|| missing("indicator", &r.code))?,
                    ),
                    None => None,
                };
                let target_row = target::ActiveModel {
                    action_id: Set(action_row.id),
                    title: Set(t.title.clone()),
                    kind: Set(t.kind.clone()),
                    unit: Set(t.unit.clone()),
                    baseline: Set(t.baseline),
                    target_value: Set(t.target_value),
                    band_low: Set(t.band_low),
                    band_high: Set(t.band_high),
                    direction: Set(t.direction.clone()),
                    start_date: Set(t.start_date),
                    due_date: Set(t.due_date),
                    frequency: Set(t.frequency.clone()),
                    indicator_id: Set(indicator_id),
                    population_per: Set(t.population_per),
                    source_text: Set(t.source_text.clone()),
                    position: Set(position(gi)),
                    version: Set(1),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
                n_targets += 1;
                for u in &t.updates {
                    let submitted = u.state != "draft";
                    let decided = u.state == "approved" || u.state == "returned";
                    progress_update::ActiveModel {
                        target_id: Set(target_row.id),
                        period_start: Set(u.period_start),
                        period_end: Set(u.period_end),
                        value_number: Set(u.value_number),
                        value_numerator: Set(u.value_numerator),
                        value_denominator: Set(u.value_denominator),
                        value_bool: Set(u.value_bool),
                        value_date: Set(u.value_date),
                        value_text: Set(u.value_text.clone()),
                        narrative: Set(u.narrative.clone()),
                        is_public: Set(u.is_public),
                        state: Set(u.state.clone()),
                        submitted_at: Set(submitted.then_some(now)),
                        decided_at: Set(decided.then_some(now)),
                        created_at: Set(now),
                        updated_at: Set(now),
                        version: Set(1),
                        ..Default::default()
                    }
                    .insert(&txn)
                    .await?;
                    n_updates += 1;
                }
            }
        }
    }
    july_review(&txn, &f).await?;
    txn.commit().await?;
    Ok(DemoOutcome::Loaded {
        forum: f.name,
        actions: n_actions,
        targets: n_targets,
        updates: n_updates,
    })
}

/// The strategy group's July 2006 meeting, held and closed: its review of 2006/07 Q1 (statuses
/// frozen as they stood on 20 July 2006), a decision and two actions arising, one with what
/// happened to it, so that the October meeting has a previous review to follow up.
async fn july_review(db: &sea_orm::DatabaseTransaction, forum: &forum::Model) -> BackendResult<()> {
    use crate::backend::review::{
        MinuteInput, OpenReview, add_minute, close_review, open_review, record_outcome,
    };
    use crate::domain::review::DecisionKind;
    let day = |m: u32, d: u32| {
        chrono::NaiveDate::from_ymd_opt(2006, m, d)
            .ok_or_else(|| BackendError::Corrupt("demo review date".to_owned()))
    };
    let ed = crate::backend::plan_edit::Editor::command_line(forum);
    let review = open_review(
        db,
        &ed,
        None,
        day(7, 20)?,
        OpenReview {
            strategy: None,
            period_start: day(4, 1)?,
            title: "Strategy group, July 2006".to_owned(),
            held_on: Some(day(7, 25)?),
        },
    )
    .await?
    .id;
    let minute = |kind, text: &str, owner: Option<&str>, due| MinuteInput {
        kind,
        text: text.to_owned(),
        owner: owner.map(str::to_owned),
        due,
    };
    add_minute(
        db,
        &ed,
        review,
        minute(
            DecisionKind::Decision,
            "Quarterly returns are due a month after each quarter ends; the co-ordinator chases any not in by then.",
            None,
            None,
        ),
    )
    .await?;
    add_minute(
        db,
        &ed,
        review,
        minute(
            DecisionKind::ActionArising,
            "Circulate the draft Information Sharing Protocol to all partners for comment.",
            Some("Wolverhampton Domestic Violence Forum"),
            Some(day(9, 30)?),
        ),
    )
    .await?;
    let refuge = add_minute(
        db,
        &ed,
        review,
        minute(
            DecisionKind::ActionArising,
            "Ask Supporting People for a decision on refuge funding beyond March 2007.",
            Some("Wolverhampton City Council"),
            Some(day(9, 15)?),
        ),
    )
    .await?
    .id;
    close_review(db, &ed, review, 1, day(7, 25)?).await?;
    record_outcome(
        db,
        &ed,
        refuge,
        1,
        "Asked in August; the decision is deferred to the December commissioning body.",
    )
    .await?;
    Ok(())
}

fn position(index: usize) -> i32 {
    i32::try_from(index).unwrap_or(i32::MAX)
}
