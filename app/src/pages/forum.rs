//! A forum's home page: its strategies.
use crate::api::forums::get_forum_home;
use crate::components::breadcrumb::{Breadcrumb, Crumb};
use crate::components::loaded::loaded;
use crate::components::status_badge::StatusBadge;
use crate::pages::param;
use leptos::prelude::*;
use leptos_meta::Title;

/// The forum's strategies, with links to its partners and indicators.
#[component]
pub fn ForumPage() -> impl IntoView {
    let forum = param("forum");
    let data = Resource::new(move || forum.get(), get_forum_home);
    loaded(data, |home| {
        let slug = home.forum.slug.clone();
        view! {
            <Title text=home.forum.name.clone()/>
            <Breadcrumb crumbs=vec![Crumb::here(home.forum.name.clone())]/>
            <h1>{home.forum.name.clone()}</h1>
            <nav aria-label="Forum" class="subnav">
                <ul>
                    <li><a href=format!("/forums/{slug}/partners")>"Partners"</a>" "<span class="muted">{format!("({})", home.partner_count)}</span></li>
                    <li><a href=format!("/forums/{slug}/indicators")>"Indicators"</a>" "<span class="muted">{format!("({})", home.indicator_count)}</span></li>
                </ul>
            </nav>
            <section aria-labelledby="strategies-heading">
                <h2 id="strategies-heading">"Strategies"</h2>
                {if home.strategies.is_empty() {
                    view! { <p>"This forum has no strategy yet."</p> }.into_any()
                } else {
                    view! {
                        <ul class="card-list">
                            {home.strategies.into_iter().map(|s| {
                                let href = format!("/forums/{slug}/strategies/{}", s.slug);
                                view! {
                                    <li class="card">
                                        <h3><a href=href>{s.title}</a></h3>
                                        <p class="muted">{s.period}" · "{format!("{} themes, {} actions", s.theme_count, s.action_count)}</p>
                                        <p>"Overall: "<StatusBadge status=s.status/></p>
                                        <ul class="status-counts" aria-label="Targets by status">
                                            {s.status_counts.into_iter().map(|(status, n)| view! {
                                                <li><StatusBadge status=status/>" "{n}</li>
                                            }).collect_view()}
                                        </ul>
                                        <p class="muted">"Status as at "{s.as_of.format("%-d %B %Y").to_string()}</p>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        }
    })
}
