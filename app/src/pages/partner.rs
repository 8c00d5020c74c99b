//! One partner agency: what it leads and supports across the forum's strategies.
use crate::api::partners::get_partner_page;
use crate::components::breadcrumb::{Breadcrumb, Crumb};
use crate::components::loaded::loaded;
use crate::components::status_badge::StatusBadge;
use crate::domain::views::ActionLink;
use crate::pages::{id_param, param};
use leptos::prelude::*;
use leptos_meta::Title;

/// A list of actions with their strategy, theme and status.
#[component]
pub fn ActionList(forum: String, actions: Vec<ActionLink>, empty: &'static str) -> impl IntoView {
    if actions.is_empty() {
        return view! { <p>{empty}</p> }.into_any();
    }
    view! {
        <ul class="action-list">
            {actions.into_iter().map(|a| {
                let href = format!("/forums/{forum}/actions/{}", a.id);
                view! {
                    <li>
                        <a href=href>{a.title}</a>" "<StatusBadge status=a.status/>
                        <span class="muted">" "{a.strategy}" › "{a.theme}</span>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// The partner page.
#[component]
pub fn PartnerPageView() -> impl IntoView {
    let forum = param("forum");
    let id = id_param("id");
    let data = Resource::new(
        move || (forum.get(), id.get()),
        |(f, id)| get_partner_page(f, id),
    );
    loaded(data, |page| {
        let slug = page.forum.slug.clone();
        view! {
            <Title text=page.partner.name.clone()/>
            <Breadcrumb crumbs=vec![
                Crumb::link(page.forum.name.clone(), format!("/forums/{slug}")),
                Crumb::link("Partners", format!("/forums/{slug}/partners")),
                Crumb::here(page.partner.name.clone()),
            ]/>
            <h1>{page.partner.name.clone()}</h1>
            <dl class="facts">
                {page.partner.short_name.clone().map(|s| view! { <dt>"Short name"</dt><dd>{s}</dd> })}
                <dt>"Sector"</dt><dd>{page.sector.clone()}</dd>
                {(!page.aliases.is_empty()).then(|| view! { <dt>"Also written as"</dt><dd>{page.aliases.join("; ")}</dd> })}
            </dl>
            <section aria-labelledby="leads-heading">
                <h2 id="leads-heading">"Leads"</h2>
                <ActionList forum=slug.clone() actions=page.leads empty="This agency leads no action."/>
            </section>
            <section aria-labelledby="supports-heading">
                <h2 id="supports-heading">"Supports"</h2>
                <ActionList forum=slug.clone() actions=page.supports empty="This agency supports no action."/>
            </section>
        }
    })
}
