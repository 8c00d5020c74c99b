//! Editing an action: its details, lead and supporting partners, resources, and its targets
//! (add, reorder, remove; each target's details on its own editor).
use crate::api::account::take_flash;
use crate::api::plan_edit::{CreateTarget, UpdateAction, get_action_editor};
use crate::components::breadcrumb::{Breadcrumb, Crumb};
use crate::components::loaded::loaded;
use crate::components::plan_form::{
    FormState, Input, drag_attrs, field, form_note, hidden, item_buttons, select, target_fields,
};
use crate::domain::account::Flash;
use crate::domain::editor::{ActionEditor, TargetFields};
use crate::domain::plan_form::ItemKind;
use crate::pages::strategy_edit::lead_options;
use crate::pages::{id_param, param};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

/// Checkboxes named `name[ID]`, ticked for `ticked` (or, after a refused save, for what was
/// ticked then, kept as a comma-separated list under `name`).
fn checkboxes(
    state: &FormState,
    name: &'static str,
    legend: &str,
    options: Vec<(i32, String)>,
    ticked: &[i32],
) -> AnyView {
    let current = ticked
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let kept = state.value(name, &current);
    let ticked: Vec<String> = kept.split(',').map(|s| s.trim().to_owned()).collect();
    let items = options
        .into_iter()
        .map(|(id, label)| {
            let field_name = format!("{name}[{id}]");
            let field_id = format!("{}-{name}-{id}", state.form());
            let checked = ticked.contains(&id.to_string());
            view! {
                <li class="checkbox">
                    <input type="checkbox" id=field_id.clone() name=field_name value="on" checked=checked/>
                    <label for=field_id>{label}</label>
                </li>
            }
        })
        .collect_view();
    view! {
        <fieldset>
            <legend>{legend.to_owned()}</legend>
            {state.error(name).map(|e| view! { <p class="field-problem">{e}</p> })}
            <ul class="checkbox-list">{items}</ul>
        </fieldset>
    }
    .into_any()
}

fn action_form(e: &ActionEditor, flash: &Option<Flash>) -> AnyView {
    let a = &e.action;
    let state = FormState::new(flash, "action");
    let partners: Vec<(i32, String)> = e.partners.iter().map(|p| (p.id, p.full_label())).collect();
    let resources: Vec<(i32, String)> = e
        .resources
        .iter()
        .map(|r| (r.id, r.label.clone()))
        .collect();
    let due_hint = format!("The strategy runs {}.", e.period);
    view! {
        <section aria-labelledby="action-heading">
            <h2 id="action-heading">"The action"</h2>
            {form_note(flash, "action")}
            <form method="post" data-enhance="" action=UpdateAction::url() class="stacked-form">
                {hidden("forum", &e.forum.slug)}
                {hidden("id", a.id)}
                {hidden("version", a.version)}
                {field(&state, "title", "What will be done", &a.title, Input::Required, None)}
                {field(&state, "activity", "Activity", &a.activity, Input::Area, Some("How it will be done, in the plan's words."))}
                {select(&state, "lead", "Lead partner", &a.lead, lead_options(&e.partners))}
                {field(&state, "new_lead", "…or a lead partner not in the directory yet", "", Input::Text, Some("Type its name to add it to the partner directory (leave the list on “No lead yet”)."))}
                {checkboxes(&state, "supporting", "Supporting partners", partners, &a.supporting)}
                {if resources.is_empty() {
                    view! { <p class="muted">"No resources in the forum yet: add funding sources on the resources page."</p> }.into_any()
                } else {
                    checkboxes(&state, "resources", "Resources (funding)", resources, &a.resources)
                }}
                {field(&state, "due_date", "Due date", &a.due_date, Input::Date, Some(&due_hint))}
                {field(&state, "due_text", "Due, in the plan's words", &a.due_text, Input::Text, Some("For example: by April 2006, ongoing."))}
                {field(&state, "origin", "Where it came from", &a.origin, Input::Text, Some("For example: Domestic Homicide Review recommendation, statutory duty."))}
                {field(&state, "owner_contact", "Who to ask about it", &a.owner_contact, Input::Text, None)}
                <p><button type="submit">"Save the action"</button></p>
            </form>
        </section>
    }
    .into_any()
}

/// The action editor page.
#[component]
pub fn ActionEditPage() -> impl IntoView {
    let forum = param("forum");
    let id = id_param("id");
    let data = Resource::new(
        move || {
            (
                crate::components::enhance::refresh_version(),
                forum.get(),
                id.get(),
            )
        },
        |(_, f, id)| async move { Ok((get_action_editor(f, id).await?, take_flash().await?)) },
    );
    loaded(data, |(e, flash)| {
        let slug = e.forum.slug.clone();
        let strategy_edit = format!("/forums/{slug}/strategies/{}/edit", e.strategy.slug);
        let action_href = format!("/forums/{slug}/actions/{}", e.action.id);
        let here = format!("{action_href}/edit");
        let new_target = FormState::new(&flash, "new-target");
        let targets = e
            .targets
            .iter()
            .map(|t| {
                let href = format!("/forums/{slug}/targets/{}/edit", t.id);
                let drag = drag_attrs(&slug, ItemKind::Target, t);
                view! {
                    <li class:archived=t.archived
                        draggable=drag.as_ref().map(|_| "true")
                        data-drag-id=drag.as_ref().map(|d| d.0.clone())
                        data-drag-kind=drag.as_ref().map(|d| d.1)
                        data-drag-forum=drag.as_ref().map(|d| d.2.clone())
                        data-drag-url=drag.as_ref().map(|d| d.3.clone())>
                        <a href=href>{t.title.clone()}</a>
                        {t.note.clone().map(|n| view! { <span class="muted">" · "{n}</span> })}
                        {t.archived.then_some(" (archived)")}
                        {form_note(&flash, &format!("target-{}-item", t.id))}
                        {item_buttons(&slug, ItemKind::Target, t, true, None)}
                    </li>
                }
            })
            .collect_view();
        let item = crate::domain::editor::ItemRow {
            id: e.action.id,
            version: e.action.version,
            title: e.action.title.clone(),
            note: None,
            archived: e.archived,
        };
        view! {
            <Title text=format!("Edit: {}", e.action.title)/>
            <Breadcrumb crumbs=vec![
                Crumb::link(e.forum.name.clone(), format!("/forums/{slug}")),
                Crumb::link(e.strategy.title.clone(), strategy_edit.clone()),
                Crumb::here(format!("Edit: {}", e.action.title)),
            ]/>
            <h1>"Edit: "{e.action.title.clone()}</h1>
            <p class="muted">"Theme: "{e.theme.clone()}" · "<a href=action_href>"See the action as everyone sees it"</a></p>
            {e.archived.then(|| view! { <p class="flash flash-error">"This action is archived: it is not in the live plan."</p> })}
            {form_note(&flash, "plan-item")}
            <div class="item-row">"Remove this action: "{item_buttons(&slug, ItemKind::Action, &item, false, Some(if e.archived { here.clone() } else { strategy_edit.clone() }))}</div>
            {action_form(&e, &flash)}
            <section aria-labelledby="targets-heading">
                <h2 id="targets-heading">"Targets"</h2>
                {if e.targets.is_empty() {
                    view! { <p>"No targets yet: add how this action will be measured."</p> }.into_any()
                } else {
                    view! { <ol class="edit-list">{targets}</ol> }.into_any()
                }}
                <h3 id="new-target-heading">"Add a target"</h3>
                {form_note(&flash, "new-target")}
                <form method="post" data-enhance="" data-reset="" action=CreateTarget::url() class="stacked-form" aria-labelledby="new-target-heading">
                    {hidden("forum", &slug)}
                    {hidden("action_id", e.action.id)}
                    {target_fields(&new_target, &TargetFields::default(), &e.indicators)}
                    <p><button type="submit">"Add the target"</button></p>
                </form>
            </section>
        }
    })
}
