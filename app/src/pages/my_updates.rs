//! "My updates": every return the member's agency owes for the period being collected, what is
//! missing, due and overdue, in the order to complete them one after the other.
use crate::api::account::take_flash;
use crate::api::progress::get_my_updates;
use crate::components::breadcrumb::{Breadcrumb, Crumb};
use crate::components::loaded::loaded;
use crate::components::plan_form::form_note;
use crate::components::reporting::{ReportingLine, ReturnTable};
use crate::pages::param;
use leptos::prelude::*;
use leptos_meta::Title;

/// The "My updates" page.
#[component]
pub fn MyUpdatesPage() -> impl IntoView {
    let forum = param("forum");
    let data = Resource::new(
        move || forum.get(),
        |f| async move { Ok((get_my_updates(f).await?, take_flash().await?)) },
    );
    loaded(data, |(page, flash)| {
        let slug = page.forum.slug.clone();
        let (todo, done): (Vec<_>, Vec<_>) =
            page.items.into_iter().partition(|i| i.state.outstanding());
        let waiting = done.len();
        let first = todo.first().map(|i| i.href.clone());
        let who = match (&page.agency, page.whole_forum) {
            (Some(a), false) => format!("Returns owed by {a}"),
            (_, true) => "Returns owed across the forum (you are a coordinator)".to_owned(),
            (None, false) => "Returns owed".to_owned(),
        };
        view! {
            <Title text="My updates"/>
            <Breadcrumb crumbs=vec![
                Crumb::link(page.forum.name.clone(), format!("/forums/{slug}")),
                Crumb::here("My updates"),
            ]/>
            <h1>"My updates"</h1>
            <ReportingLine note=page.reporting.clone()/>
            {form_note(&flash, "update")}
            <p>{who}</p>
            {if page.agency.is_none() && !page.whole_forum {
                view! { <p>"Your account is not linked to an agency of this forum, so no returns are owed by you. Ask the coordinator to link it."</p> }.into_any()
            } else if todo.is_empty() {
                view! { <p class="done-note">"Nothing left to do: every return owed has been submitted."</p> }.into_any()
            } else {
                view! {
                    <p>
                        {format!("{} to complete", todo.len())}
                        {first.map(|href| view! { " · " <a href=href class="button">"Start with the first"</a> })}
                    </p>
                    <ReturnTable caption="Still to do".to_owned() items=todo/>
                }.into_any()
            }}
            {(waiting > 0).then(|| view! {
                <ReturnTable caption=format!("Submitted or approved ({waiting})") items=done/>
            })}
        }
    })
}
