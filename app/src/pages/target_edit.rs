//! Editing one target.
use crate::api::account::take_flash;
use crate::api::plan_edit::{UpdateTarget, get_target_editor};
use crate::components::breadcrumb::{Breadcrumb, Crumb};
use crate::components::loaded::loaded;
use crate::components::plan_form::{FormState, form_note, hidden, item_buttons, target_fields};
use crate::domain::editor::ItemRow;
use crate::domain::plan_form::ItemKind;
use crate::pages::{id_param, param};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

/// The target editor page.
#[component]
pub fn TargetEditPage() -> impl IntoView {
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
        |(_, f, id)| async move { Ok((get_target_editor(f, id).await?, take_flash().await?)) },
    );
    loaded(data, |(e, flash)| {
        let slug = e.forum.slug.clone();
        let action_edit = format!("/forums/{slug}/actions/{}/edit", e.action.id);
        let state = FormState::new(&flash, "target");
        let t = &e.target;
        let item = ItemRow {
            id: t.id,
            version: t.version,
            title: t.title.clone(),
            note: None,
            archived: e.archived,
        };
        let here = format!("/forums/{slug}/targets/{}/edit", t.id);
        view! {
            <Title text=format!("Edit target: {}", t.title)/>
            <Breadcrumb crumbs=vec![
                Crumb::link(e.forum.name.clone(), format!("/forums/{slug}")),
                Crumb::link(e.action.label.clone(), action_edit.clone()),
                Crumb::here(format!("Edit target: {}", t.title)),
            ]/>
            <h1>"Edit target: "{t.title.clone()}</h1>
            {e.archived.then(|| view! { <p class="flash flash-error">"This target is archived: it is not in the live plan."</p> })}
            {form_note(&flash, "plan-item")}
            <div class="item-row">"Remove this target: "{item_buttons(&slug, ItemKind::Target, &item, false, Some(if e.archived { here } else { action_edit.clone() }))}</div>
            {form_note(&flash, "target")}
            <form method="post" data-enhance="" action=UpdateTarget::url() class="stacked-form">
                {hidden("forum", &slug)}
                {hidden("id", t.id)}
                {hidden("version", t.version)}
                {target_fields(&state, t, &e.indicators)}
                <p><button type="submit">"Save the target"</button></p>
            </form>
            <p><a href=action_edit>"Back to the action"</a></p>
        }
    })
}
