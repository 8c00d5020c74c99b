//! Who changed what in an action and its targets (coordinators and administrators).
use crate::api::action::get_action_history;
use crate::components::breadcrumb::{Breadcrumb, Crumb};
use crate::components::loaded::loaded;
use crate::pages::admin_audit::audit_table;
use crate::pages::{id_param, param};
use leptos::prelude::*;
use leptos_meta::Title;

/// The action's history page.
#[component]
pub fn ActionHistoryPage() -> impl IntoView {
    let forum = param("forum");
    let id = id_param("id");
    let data = Resource::new(
        move || (forum.get(), id.get()),
        |(f, i)| get_action_history(f, i),
    );
    loaded(data, |h| {
        let action_href = format!("/forums/{}/actions/{}", h.forum.slug, h.action_id);
        let title = format!("History: {}", h.action_title);
        let count = h.rows.len();
        view! {
            <Title text=title.clone()/>
            <Breadcrumb crumbs=vec![
                Crumb::link(h.forum.name.clone(), format!("/forums/{}", h.forum.slug)),
                Crumb::link(h.action_title.clone(), action_href.clone()),
                Crumb::here("History"),
            ]/>
            <h1>{title}</h1>
            {if count == 0 {
                view! { <p>"No change to this action or its targets has been recorded yet. Edits and updates will be listed here, with who made them and when."</p> }.into_any()
            } else {
                audit_table(h.rows, format!("{count} recorded changes, newest first")).into_any()
            }}
            <p><a href=action_href>"Back to the action"</a></p>
        }
    })
}
