//! Editing a strategy: its details, its themes (add, rename, reorder, remove) and their actions
//! (add with a lead partner, reorder, remove; the rest on each action's editor).
use crate::api::account::take_flash;
use crate::api::plan_edit::{
    CreateAction, CreateTheme, UpdateStrategy, UpdateTheme, get_strategy_editor,
};
use crate::components::breadcrumb::{Breadcrumb, Crumb};
use crate::components::loaded::loaded;
use crate::components::plan_form::{
    FormState, Input, choices, drag_attrs, field, form_note, hidden, item_buttons, select,
};
use crate::domain::account::Flash;
use crate::domain::editor::{ItemRow, StrategyEditor, ThemeEdit};
use crate::domain::plan_form::{ItemKind, StrategyStatus};
use crate::domain::views::PartnerRef;
use crate::pages::param;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

/// Options for a lead partner: none, the directory, and "a new partner" (typed next to it).
pub fn lead_options(partners: &[PartnerRef]) -> Vec<(String, String)> {
    let mut options = vec![(String::new(), "No lead yet".to_owned())];
    options.extend(partners.iter().map(|p| (p.id.to_string(), p.full_label())));
    options
}

fn details_form(e: &StrategyEditor, flash: &Option<Flash>) -> AnyView {
    let s = &e.strategy;
    let state = FormState::new(flash, "strategy");
    view! {
        <section aria-labelledby="details-heading">
            <h2 id="details-heading">"Details"</h2>
            {form_note(flash, "strategy")}
            <form method="post" data-enhance="" action=UpdateStrategy::url() class="stacked-form">
                {hidden("forum", &e.forum.slug)}
                {hidden("id", s.id)}
                {hidden("version", s.version)}
                {field(&state, "title", "Title", &s.title, Input::Required, None)}
                {field(&state, "period_start", "Period starts", &s.period_start, Input::Date, None)}
                {field(&state, "period_end", "Period ends", &s.period_end, Input::Date, None)}
                {select(&state, "status", "Status", &s.status, choices(StrategyStatus::ALL, |v| (v.as_str(), v.label())))}
                {field(&state, "aims", "Aims", &s.aims, Input::Area, None)}
                <p><button type="submit">"Save the details"</button></p>
            </form>
        </section>
    }
    .into_any()
}

fn theme_block(e: &StrategyEditor, t: &ThemeEdit, flash: &Option<Flash>) -> AnyView {
    let forum = e.forum.slug.clone();
    let th = &t.theme;
    let rename = FormState::new(flash, format!("theme-{}", th.id));
    let new_action_form = format!("new-action-{}", th.id);
    let add = FormState::new(flash, new_action_form.clone());
    let heading_id = format!("theme-{}-heading", th.id);
    let actions = t
        .actions
        .iter()
        .map(|a| {
            let href = format!("/forums/{forum}/actions/{}/edit", a.id);
            let drag = drag_attrs(&forum, ItemKind::Action, a);
            view! {
                <li class:archived=a.archived
                        draggable=drag.as_ref().map(|_| "true")
                        data-drag-id=drag.as_ref().map(|d| d.0.clone())
                        data-drag-kind=drag.as_ref().map(|d| d.1)
                        data-drag-forum=drag.as_ref().map(|d| d.2.clone())
                        data-drag-url=drag.as_ref().map(|d| d.3.clone())>
                    <a href=href>{a.title.clone()}</a>
                    {a.note.clone().map(|n| view! { <span class="muted">" · "{n}</span> })}
                    {a.archived.then_some(" (archived)")}
                    {form_note(flash, &format!("action-{}-item", a.id))}
                    {item_buttons(&forum, ItemKind::Action, a, true, None)}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="theme" aria-labelledby=heading_id>
            <h3 id=format!("theme-{}-heading", th.id)>
                {th.title.clone()}
                {th.archived.then_some(" (archived)")}
            </h3>
            <div class="item-row">{item_buttons(&forum, ItemKind::Theme, th, true, None)}</div>
            {form_note(flash, &format!("theme-{}-item", th.id))}
            {form_note(flash, rename.form())}
            <details open=rename.refused()>
                <summary>"Rename this theme"</summary>
                <form method="post" data-enhance="" action=UpdateTheme::url() class="stacked-form">
                    {hidden("forum", &forum)}
                    {hidden("id", th.id)}
                    {hidden("version", th.version)}
                    {field(&rename, "title", "Theme title", &th.title, Input::Required, None)}
                    <p><button type="submit">"Rename"</button></p>
                </form>
            </details>
            {if t.actions.is_empty() {
                view! { <p>"No actions yet."</p> }.into_any()
            } else {
                view! { <ol class="edit-list">{actions}</ol> }.into_any()
            }}
            {form_note(flash, &new_action_form)}
            {(!th.archived).then(|| view! {
                <details open=add.refused() class="add-action">
                    <summary>{format!("Add an action to “{}”", th.title)}</summary>
                    <form method="post" data-enhance="" data-reset="" action=CreateAction::url() class="stacked-form">
                        {hidden("forum", &forum)}
                        {hidden("theme_id", th.id)}
                        {field(&add, "title", "What will be done", "", Input::Required, Some("For example: Information Sharing Protocol."))}
                        {select(&add, "lead", "Lead partner", "", lead_options(&e.partners))}
                        {field(&add, "new_lead", "…or a lead partner not in the directory yet", "", Input::Text, Some("Type its name to add it to the partner directory."))}
                        {field(&add, "due_date", "Due date", "", Input::Date, None)}
                        <p><button type="submit">"Add the action"</button></p>
                    </form>
                </details>
            })}
        </section>
    }
    .into_any()
}

/// The strategy editor page.
#[component]
pub fn StrategyEditPage() -> impl IntoView {
    let forum = param("forum");
    let strategy = param("strategy");
    let data = Resource::new(
        move || {
            (
                crate::components::enhance::refresh_version(),
                forum.get(),
                strategy.get(),
            )
        },
        |(_, f, s)| async move { Ok((get_strategy_editor(f, s).await?, take_flash().await?)) },
    );
    loaded(data, |(e, flash)| {
        let slug = e.forum.slug.clone();
        let view_href = format!("/forums/{slug}/strategies/{}", e.strategy.slug);
        let here = format!("{view_href}/edit");
        let new_theme = FormState::new(&flash, "new-theme");
        let themes = e
            .themes
            .iter()
            .map(|t| theme_block(&e, t, &flash))
            .collect_view();
        view! {
            <Title text=format!("Edit: {}", e.strategy.title)/>
            <Breadcrumb crumbs=vec![
                Crumb::link(e.forum.name.clone(), format!("/forums/{slug}")),
                Crumb::link(e.strategy.title.clone(), view_href.clone()),
                Crumb::here("Edit"),
            ]/>
            <h1>"Edit: "{e.strategy.title.clone()}</h1>
            <p><a href=view_href>"See the plan as everyone sees it"</a></p>
            {form_note(&flash, "new-strategy")}
            {e.archived.then(|| view! { <p class="flash flash-error">"This strategy is archived: it is not in the forum's live plan."</p> })}
            {form_note(&flash, "plan-item")}
            <div class="item-row">
                {if e.archived { "Restore this strategy: " } else { "Remove this strategy: " }}
                {item_buttons(&slug, ItemKind::Strategy, &ItemRow {
                    id: e.strategy.id,
                    version: e.strategy.version,
                    title: e.strategy.title.clone(),
                    note: None,
                    archived: e.archived,
                }, false, Some(if e.archived { here.clone() } else { format!("/forums/{slug}") }))}
            </div>
            {details_form(&e, &flash)}
            <section aria-labelledby="themes-heading">
                <h2 id="themes-heading">"Themes and actions"</h2>
                <p class="muted">"Use the arrow buttons (or drag an action) to change the order. Remove deletes something with nothing recorded against it, and archives it otherwise (kept for history)."</p>
                {themes}
                <h3>"Add a theme"</h3>
                {form_note(&flash, "new-theme")}
                <form method="post" data-enhance="" data-reset="" action=CreateTheme::url() class="stacked-form">
                    {hidden("forum", &slug)}
                    {hidden("strategy_id", e.strategy.id)}
                    {field(&new_theme, "title", "Theme title", "", Input::Required, Some("For example: Prevention and Awareness Raising."))}
                    <p><button type="submit">"Add the theme"</button></p>
                </form>
            </section>
        }
    })
}
