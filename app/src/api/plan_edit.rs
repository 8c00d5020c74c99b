//! Editing the plan: coordinators (and administrators) only, in their own forum. Every function
//! here is a plain form post that also works from client code: the typed text is parsed into
//! domain types at this edge (`domain::plan_form`), problems go back next to their fields with
//! everything typed kept, and a save from a stale page is refused with what changed meanwhile.
#![allow(
    clippy::too_many_arguments,
    reason = "a form's server function takes one argument per form field"
)]
use crate::api::ApiError;
use crate::domain::editor::{ActionEditor, ResourcesPage, StrategyEditor, TargetEditor};
use leptos::prelude::*;
use std::collections::BTreeMap;

#[cfg(feature = "ssr")]
pub(crate) mod edge {
    use crate::api::ApiError;
    use crate::api::guard::ForumAccess;
    use crate::backend::plan_edit::{Editor, Saved};
    use crate::domain::role::Permission;
    use std::future::Future;

    /// Runs one edit for a coordinator of `forum`: the guard first, then `run` with an editor;
    /// success leaves the notice (and goes to `to`, when it names a page), failure leaves the
    /// problems and the `kept` text for the form's page.
    pub async fn edit<F, Fut>(
        forum: &str,
        form: &str,
        kept: Vec<(&str, String)>,
        to: impl FnOnce(&Saved) -> Option<String>,
        run: F,
    ) -> Result<(), ApiError>
    where
        F: FnOnce(ForumAccess) -> Fut,
        Fut: Future<Output = Result<Saved, ApiError>>,
    {
        edit_then(forum, form, kept, |a| async move {
            let saved = run(a).await?;
            let path = to(&saved);
            Ok((saved, path))
        })
        .await
    }

    /// [`edit`] for a use case that itself says which page comes next (`None`: the form's own).
    pub async fn edit_then<F, Fut>(
        forum: &str,
        form: &str,
        kept: Vec<(&str, String)>,
        run: F,
    ) -> Result<(), ApiError>
    where
        F: FnOnce(ForumAccess) -> Fut,
        Fut: Future<Output = Result<(Saved, Option<String>), ApiError>>,
    {
        crate::api::form::guarded(forum, Permission::EditPlan, form, kept, run).await
    }

    /// The editor for a guarded call.
    pub fn editor(a: &ForumAccess) -> Editor<'_> {
        Editor {
            forum: &a.forum,
            actor: Some(a.caller.id()),
            now: chrono::Utc::now(),
        }
    }

    /// Field problems as the API's error.
    pub fn fields(errors: Vec<crate::domain::plan_form::FieldError>) -> ApiError {
        ApiError::Fields(errors)
    }
}

#[cfg(feature = "ssr")]
fn checked(map: &Option<BTreeMap<String, String>>) -> Vec<&str> {
    map.iter()
        .flat_map(|m| m.keys().map(String::as_str))
        .collect()
}

/// The strategy editor (coordinators).
#[server(endpoint = "get_strategy_editor")]
pub async fn get_strategy_editor(
    forum: String,
    strategy: String,
) -> Result<StrategyEditor, ApiError> {
    use crate::domain::role::Permission;
    let a = crate::api::guard::forum(&forum, Permission::EditPlan).await?;
    Ok(crate::backend::plan_edit::strategy_editor(&a.ctx.db, &a.forum, &strategy).await?)
}

/// The action editor (coordinators).
#[server(endpoint = "get_action_editor")]
pub async fn get_action_editor(forum: String, id: i32) -> Result<ActionEditor, ApiError> {
    use crate::domain::role::Permission;
    let a = crate::api::guard::forum(&forum, Permission::EditPlan).await?;
    Ok(crate::backend::plan_edit::action_editor(&a.ctx.db, &a.forum, id).await?)
}

/// The target editor (coordinators).
#[server(endpoint = "get_target_editor")]
pub async fn get_target_editor(forum: String, id: i32) -> Result<TargetEditor, ApiError> {
    use crate::domain::role::Permission;
    let a = crate::api::guard::forum(&forum, Permission::EditPlan).await?;
    Ok(crate::backend::plan_edit::target_editor(&a.ctx.db, &a.forum, id).await?)
}

/// The forum's resources (anyone in the forum; coordinators may change them).
#[server(endpoint = "get_resources_page")]
pub async fn get_resources_page(forum: String) -> Result<ResourcesPage, ApiError> {
    use crate::domain::role::Permission;
    let a = crate::api::guard::forum(&forum, Permission::ViewForum).await?;
    let can_edit = a.caller.may(a.forum.id, Permission::EditPlan);
    Ok(crate::backend::plan_edit::resources_page(&a.ctx.db, &a.forum, can_edit).await?)
}

/// Creates a strategy, then opens its editor.
#[server(endpoint = "create_strategy")]
pub async fn create_strategy(
    forum: String,
    title: String,
    period_start: String,
    period_end: String,
    aims: Option<String>,
    status: Option<String>,
) -> Result<(), ApiError> {
    use crate::domain::plan_form::StrategyInput;
    let aims = aims.unwrap_or_default();
    let status = status.unwrap_or_default();
    let kept = vec![
        ("title", title.clone()),
        ("period_start", period_start.clone()),
        ("period_end", period_end.clone()),
        ("aims", aims.clone()),
        ("status", status.clone()),
    ];
    edge::edit_then(&forum, "new-strategy", kept, |a| async move {
        let input = StrategyInput::parse(&title, &period_start, &period_end, &aims, &status)
            .map_err(edge::fields)?;
        let (saved, slug) =
            crate::backend::plan_edit::create_strategy(&a.ctx.db, &edge::editor(&a), input).await?;
        let editor = format!("/forums/{}/strategies/{slug}/edit", a.forum.slug);
        Ok((saved, Some(editor)))
    })
    .await
}

/// Changes a strategy's details.
#[server(endpoint = "update_strategy")]
pub async fn update_strategy(
    forum: String,
    id: i32,
    version: i32,
    title: String,
    period_start: String,
    period_end: String,
    aims: Option<String>,
    status: String,
) -> Result<(), ApiError> {
    use crate::domain::plan_form::StrategyInput;
    let aims = aims.unwrap_or_default();
    let kept = vec![
        ("title", title.clone()),
        ("period_start", period_start.clone()),
        ("period_end", period_end.clone()),
        ("aims", aims.clone()),
        ("status", status.clone()),
    ];
    edge::edit(
        &forum,
        "strategy",
        kept,
        |_| None,
        |a| async move {
            let input = StrategyInput::parse(&title, &period_start, &period_end, &aims, &status)
                .map_err(edge::fields)?;
            Ok(crate::backend::plan_edit::update_strategy(
                &a.ctx.db,
                &edge::editor(&a),
                id,
                version,
                input,
            )
            .await?)
        },
    )
    .await
}

/// Adds a theme at the end of a strategy.
#[server(endpoint = "create_theme")]
pub async fn create_theme(forum: String, strategy_id: i32, title: String) -> Result<(), ApiError> {
    let kept = vec![("title", title.clone())];
    edge::edit(
        &forum,
        "new-theme",
        kept,
        |_| None,
        |a| async move {
            let title =
                crate::domain::plan_form::parse_theme_title(&title).map_err(edge::fields)?;
            Ok(crate::backend::plan_edit::create_theme(
                &a.ctx.db,
                &edge::editor(&a),
                strategy_id,
                title,
            )
            .await?)
        },
    )
    .await
}

/// Renames a theme.
#[server(endpoint = "update_theme")]
pub async fn update_theme(
    forum: String,
    id: i32,
    version: i32,
    title: String,
) -> Result<(), ApiError> {
    let kept = vec![("title", title.clone())];
    edge::edit(
        &forum,
        &format!("theme-{id}"),
        kept,
        |_| None,
        |a| async move {
            let title =
                crate::domain::plan_form::parse_theme_title(&title).map_err(edge::fields)?;
            Ok(crate::backend::plan_edit::update_theme(
                &a.ctx.db,
                &edge::editor(&a),
                id,
                version,
                title,
            )
            .await?)
        },
    )
    .await
}

/// Adds an action at the end of a theme (from the strategy editor: title and lead; the rest on
/// the action's own editor).
#[server(endpoint = "create_action")]
pub async fn create_action(
    forum: String,
    theme_id: i32,
    title: String,
    lead: Option<String>,
    new_lead: Option<String>,
    due_date: Option<String>,
) -> Result<(), ApiError> {
    use crate::domain::plan_form::{ActionForm, ActionInput};
    let lead = lead.unwrap_or_default();
    let new_lead = new_lead.unwrap_or_default();
    let due_date = due_date.unwrap_or_default();
    let kept = vec![
        ("title", title.clone()),
        ("lead", lead.clone()),
        ("new_lead", new_lead.clone()),
        ("due_date", due_date.clone()),
    ];
    edge::edit(
        &forum,
        &format!("new-action-{theme_id}"),
        kept,
        |_| None,
        |a| async move {
            let input = ActionInput::parse(&ActionForm {
                title: &title,
                lead: &lead,
                new_lead: &new_lead,
                due_date: &due_date,
                ..ActionForm::default()
            })
            .map_err(edge::fields)?;
            Ok(crate::backend::plan_edit::create_action(
                &a.ctx.db,
                &edge::editor(&a),
                theme_id,
                input,
            )
            .await?)
        },
    )
    .await
}

/// Changes an action: details, lead, supporting partners (`supporting[ID]`), resources
/// (`resources[ID]`).
#[server(endpoint = "update_action")]
pub async fn update_action(
    forum: String,
    id: i32,
    version: i32,
    title: String,
    activity: Option<String>,
    lead: Option<String>,
    new_lead: Option<String>,
    supporting: Option<BTreeMap<String, String>>,
    resources: Option<BTreeMap<String, String>>,
    due_date: Option<String>,
    due_text: Option<String>,
    origin: Option<String>,
    owner_contact: Option<String>,
) -> Result<(), ApiError> {
    use crate::domain::plan_form::{ActionForm, ActionInput};
    let [
        activity,
        lead,
        new_lead,
        due_date,
        due_text,
        origin,
        owner_contact,
    ] = [
        activity,
        lead,
        new_lead,
        due_date,
        due_text,
        origin,
        owner_contact,
    ]
    .map(Option::unwrap_or_default);
    let kept = vec![
        ("title", title.clone()),
        ("activity", activity.clone()),
        ("lead", lead.clone()),
        ("new_lead", new_lead.clone()),
        ("due_date", due_date.clone()),
        ("due_text", due_text.clone()),
        ("origin", origin.clone()),
        ("owner_contact", owner_contact.clone()),
        ("supporting", checked(&supporting).join(",")),
        ("resources", checked(&resources).join(",")),
    ];
    edge::edit(
        &forum,
        "action",
        kept,
        |_| None,
        |a| async move {
            let input = ActionInput::parse(&ActionForm {
                title: &title,
                activity: &activity,
                lead: &lead,
                new_lead: &new_lead,
                supporting: checked(&supporting),
                resources: checked(&resources),
                due_date: &due_date,
                due_text: &due_text,
                origin: &origin,
                owner_contact: &owner_contact,
            })
            .map_err(edge::fields)?;
            Ok(crate::backend::plan_edit::update_action(
                &a.ctx.db,
                &edge::editor(&a),
                id,
                version,
                input,
            )
            .await?)
        },
    )
    .await
}

/// The fields of a target form, as posted.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct TargetPost {
    /// Title.
    pub title: String,
    /// Kind.
    pub kind: String,
    /// Unit.
    #[serde(default)]
    pub unit: String,
    /// Baseline.
    #[serde(default)]
    pub baseline: String,
    /// Target value.
    #[serde(default)]
    pub target_value: String,
    /// Band low.
    #[serde(default)]
    pub band_low: String,
    /// Band high.
    #[serde(default)]
    pub band_high: String,
    /// Direction.
    #[serde(default)]
    pub direction: String,
    /// Start date.
    #[serde(default)]
    pub start_date: String,
    /// Due date.
    #[serde(default)]
    pub due_date: String,
    /// Frequency.
    #[serde(default)]
    pub frequency: String,
    /// Indicator id.
    #[serde(default)]
    pub indicator: String,
    /// Population base.
    #[serde(default)]
    pub population_per: String,
}

#[cfg(feature = "ssr")]
impl TargetPost {
    fn kept(&self) -> Vec<(&'static str, String)> {
        vec![
            ("title", self.title.clone()),
            ("kind", self.kind.clone()),
            ("unit", self.unit.clone()),
            ("baseline", self.baseline.clone()),
            ("target_value", self.target_value.clone()),
            ("band_low", self.band_low.clone()),
            ("band_high", self.band_high.clone()),
            ("direction", self.direction.clone()),
            ("start_date", self.start_date.clone()),
            ("due_date", self.due_date.clone()),
            ("frequency", self.frequency.clone()),
            ("indicator", self.indicator.clone()),
            ("population_per", self.population_per.clone()),
        ]
    }

    fn parse(&self) -> Result<crate::domain::plan_form::TargetInput, ApiError> {
        crate::domain::plan_form::TargetInput::parse(&crate::domain::plan_form::TargetForm {
            title: &self.title,
            kind: &self.kind,
            unit: &self.unit,
            baseline: &self.baseline,
            target_value: &self.target_value,
            band_low: &self.band_low,
            band_high: &self.band_high,
            direction: &self.direction,
            start_date: &self.start_date,
            due_date: &self.due_date,
            frequency: &self.frequency,
            indicator: &self.indicator,
            population_per: &self.population_per,
        })
        .map_err(edge::fields)
    }
}

/// Adds a target at the end of an action (fields in `t[...]`).
#[server(endpoint = "create_target")]
pub async fn create_target(forum: String, action_id: i32, t: TargetPost) -> Result<(), ApiError> {
    edge::edit(
        &forum,
        "new-target",
        t.kept(),
        |_| None,
        |a| async move {
            let input = t.parse()?;
            Ok(crate::backend::plan_edit::create_target(
                &a.ctx.db,
                &edge::editor(&a),
                action_id,
                input,
            )
            .await?)
        },
    )
    .await
}

/// Changes a target (fields in `t[...]`).
#[server(endpoint = "update_target")]
pub async fn update_target(
    forum: String,
    id: i32,
    version: i32,
    t: TargetPost,
) -> Result<(), ApiError> {
    edge::edit(
        &forum,
        "target",
        t.kept(),
        |_| None,
        |a| async move {
            let input = t.parse()?;
            Ok(crate::backend::plan_edit::update_target(
                &a.ctx.db,
                &edge::editor(&a),
                id,
                version,
                input,
            )
            .await?)
        },
    )
    .await
}

/// Adds a partner agency to the directory.
#[server(endpoint = "create_partner")]
pub async fn create_partner(
    forum: String,
    name: String,
    short_name: Option<String>,
    sector: String,
    aliases: Option<String>,
) -> Result<(), ApiError> {
    let [short_name, aliases] = [short_name, aliases].map(Option::unwrap_or_default);
    let kept = vec![
        ("name", name.clone()),
        ("short_name", short_name.clone()),
        ("sector", sector.clone()),
        ("aliases", aliases.clone()),
    ];
    edge::edit(
        &forum,
        "new-partner",
        kept,
        |_| None,
        |a| async move {
            let input = crate::domain::plan_form::PartnerInput::parse(
                &name,
                &short_name,
                &sector,
                &aliases,
            )
            .map_err(edge::fields)?;
            Ok(
                crate::backend::plan_edit::create_partner(&a.ctx.db, &edge::editor(&a), input)
                    .await?,
            )
        },
    )
    .await
}

/// Changes a partner agency.
#[server(endpoint = "update_partner")]
pub async fn update_partner(
    forum: String,
    id: i32,
    version: i32,
    name: String,
    short_name: Option<String>,
    sector: String,
    aliases: Option<String>,
) -> Result<(), ApiError> {
    let [short_name, aliases] = [short_name, aliases].map(Option::unwrap_or_default);
    let kept = vec![
        ("name", name.clone()),
        ("short_name", short_name.clone()),
        ("sector", sector.clone()),
        ("aliases", aliases.clone()),
    ];
    edge::edit(
        &forum,
        "partner",
        kept,
        |_| None,
        |a| async move {
            let input = crate::domain::plan_form::PartnerInput::parse(
                &name,
                &short_name,
                &sector,
                &aliases,
            )
            .map_err(edge::fields)?;
            Ok(crate::backend::plan_edit::update_partner(
                &a.ctx.db,
                &edge::editor(&a),
                id,
                version,
                input,
            )
            .await?)
        },
    )
    .await
}

/// Merges a partner into another (the same agency entered twice), then opens the one kept.
#[server(endpoint = "merge_partner")]
pub async fn merge_partner(
    forum: String,
    id: i32,
    version: i32,
    into: String,
) -> Result<(), ApiError> {
    let kept = vec![("into", into.clone())];
    let f = forum.clone();
    edge::edit(
        &forum,
        "merge",
        kept,
        move |saved| Some(format!("/forums/{f}/partners/{}", saved.id)),
        |a| async move {
            let into: i32 = into.trim().parse().map_err(|_| {
                edge::fields(vec![crate::domain::plan_form::FieldError {
                    field: "into".to_owned(),
                    message: "Choose the partner to merge into from the list.".to_owned(),
                }])
            })?;
            Ok(crate::backend::plan_edit::merge_partners(
                &a.ctx.db,
                &edge::editor(&a),
                id,
                version,
                into,
            )
            .await?)
        },
    )
    .await
}

/// Adds a resource (funding source or budget line).
#[server(endpoint = "create_resource")]
pub async fn create_resource(
    forum: String,
    name: String,
    amount: Option<String>,
    posts: Option<String>,
    at_risk: Option<String>,
    notes: Option<String>,
) -> Result<(), ApiError> {
    let [amount, posts, notes] = [amount, posts, notes].map(Option::unwrap_or_default);
    let kept = vec![
        ("name", name.clone()),
        ("amount", amount.clone()),
        ("posts", posts.clone()),
        ("notes", notes.clone()),
    ];
    edge::edit(
        &forum,
        "new-resource",
        kept,
        |_| None,
        |a| async move {
            let input = crate::domain::plan_form::ResourceInput::parse(
                &name,
                &amount,
                &posts,
                at_risk.is_some(),
                &notes,
            )
            .map_err(edge::fields)?;
            Ok(
                crate::backend::plan_edit::create_resource(&a.ctx.db, &edge::editor(&a), input)
                    .await?,
            )
        },
    )
    .await
}

/// Changes a resource.
#[server(endpoint = "update_resource")]
pub async fn update_resource(
    forum: String,
    id: i32,
    version: i32,
    name: String,
    amount: Option<String>,
    posts: Option<String>,
    at_risk: Option<String>,
    notes: Option<String>,
) -> Result<(), ApiError> {
    let [amount, posts, notes] = [amount, posts, notes].map(Option::unwrap_or_default);
    let kept = vec![
        ("name", name.clone()),
        ("amount", amount.clone()),
        ("posts", posts.clone()),
        ("notes", notes.clone()),
    ];
    edge::edit(
        &forum,
        &format!("resource-{id}"),
        kept,
        |_| None,
        |a| async move {
            let input = crate::domain::plan_form::ResourceInput::parse(
                &name,
                &amount,
                &posts,
                at_risk.is_some(),
                &notes,
            )
            .map_err(edge::fields)?;
            Ok(crate::backend::plan_edit::update_resource(
                &a.ctx.db,
                &edge::editor(&a),
                id,
                version,
                input,
            )
            .await?)
        },
    )
    .await
}

/// Adds an indicator of the forum's own.
#[server(endpoint = "create_indicator")]
pub async fn create_indicator(
    forum: String,
    framework: String,
    code: String,
    title: String,
    definition: Option<String>,
    polarity: String,
    checklist: Option<String>,
) -> Result<(), ApiError> {
    let [definition, checklist] = [definition, checklist].map(Option::unwrap_or_default);
    let kept = vec![
        ("framework", framework.clone()),
        ("code", code.clone()),
        ("title", title.clone()),
        ("polarity", polarity.clone()),
        ("checklist", checklist.clone()),
        ("definition", definition.clone()),
    ];
    let f = forum.clone();
    edge::edit(
        &forum,
        "new-indicator",
        kept,
        move |saved| Some(format!("/forums/{f}/indicators/{}", saved.id)),
        |a| async move {
            let input = crate::domain::plan_form::IndicatorInput::parse(
                &framework,
                &code,
                &title,
                &definition,
                &polarity,
                &checklist,
            )
            .map_err(edge::fields)?;
            Ok(
                crate::backend::plan_edit::create_indicator(&a.ctx.db, &edge::editor(&a), input)
                    .await?,
            )
        },
    )
    .await
}

/// Changes an indicator (a checklist's items one per line).
#[server(endpoint = "update_indicator")]
pub async fn update_indicator(
    forum: String,
    id: i32,
    version: i32,
    framework: String,
    code: String,
    title: String,
    definition: Option<String>,
    polarity: String,
    checklist: Option<String>,
) -> Result<(), ApiError> {
    let [definition, checklist] = [definition, checklist].map(Option::unwrap_or_default);
    let kept = vec![
        ("framework", framework.clone()),
        ("code", code.clone()),
        ("title", title.clone()),
        ("polarity", polarity.clone()),
        ("checklist", checklist.clone()),
        ("definition", definition.clone()),
    ];
    edge::edit(
        &forum,
        "indicator",
        kept,
        |_| None,
        |a| async move {
            let input = crate::domain::plan_form::IndicatorInput::parse(
                &framework,
                &code,
                &title,
                &definition,
                &polarity,
                &checklist,
            )
            .map_err(edge::fields)?;
            Ok(crate::backend::plan_edit::update_indicator(
                &a.ctx.db,
                &edge::editor(&a),
                id,
                version,
                input,
            )
            .await?)
        },
    )
    .await
}

/// Adopts an indicator of the installation's starter set.
#[server(endpoint = "adopt_indicator")]
pub async fn adopt_indicator(forum: String, code: String) -> Result<(), ApiError> {
    let f = forum.clone();
    edge::edit(
        &forum,
        "adopt",
        Vec::new(),
        move |saved| Some(format!("/forums/{f}/indicators/{}", saved.id)),
        |a| async move {
            Ok(
                crate::backend::plan_edit::adopt_indicator(&a.ctx.db, &edge::editor(&a), &code)
                    .await?,
            )
        },
    )
    .await
}

/// Moves a theme, action, target or strategy up or down (or, command `move`, to place
/// `position`, counted from 0: what dragging does), or removes or restores any plan record; then
/// goes to `back` (a page of this site, which shows the outcome as form `plan-item`) or stays on
/// the page it came from.
#[server(endpoint = "plan_item")]
pub async fn plan_item(
    forum: String,
    kind: String,
    id: i32,
    version: i32,
    command: String,
    back: Option<String>,
    position: Option<u32>,
) -> Result<(), ApiError> {
    use crate::domain::plan_form::{ItemCommand, ItemKind};
    let back = back.filter(|b| crate::backend::web::is_local_path(b));
    // A button that leaves its page for another reports there, under one name every such page shows.
    let form = if back.is_some() {
        "plan-item".to_owned()
    } else {
        format!("{kind}-{id}-item")
    };
    edge::edit(
        &forum,
        &form,
        Vec::new(),
        move |_| back,
        |a| async move {
            let kind: ItemKind = kind
                .parse()
                .map_err(|_| ApiError::Invalid("Unknown kind of record.".to_owned()))?;
            if command == "move" {
                let index = usize::try_from(position.unwrap_or(0)).unwrap_or(usize::MAX);
                let message = crate::backend::plan_edit::move_item(
                    &a.ctx.db,
                    &edge::editor(&a),
                    kind,
                    id,
                    index,
                )
                .await?;
                return Ok(crate::backend::plan_edit::Saved {
                    id,
                    message,
                    warnings: Vec::new(),
                });
            }
            let cmd: ItemCommand = command.parse().map_err(|_| {
                ApiError::Invalid(
                    "Unknown command: use up, down, move, remove or restore.".to_owned(),
                )
            })?;
            let message = crate::backend::plan_edit::command(
                &a.ctx.db,
                &edge::editor(&a),
                kind,
                id,
                version,
                cmd,
            )
            .await?;
            Ok(crate::backend::plan_edit::Saved {
                id,
                message,
                warnings: Vec::new(),
            })
        },
    )
    .await
}
