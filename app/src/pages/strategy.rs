//! A strategy: themes → actions → targets with their statuses.
use crate::api::strategy::get_strategy_page;
use crate::components::breadcrumb::{Breadcrumb, Crumb};
use crate::components::loaded::loaded;
use crate::components::status_badge::StatusBadge;
use crate::components::target_table::TargetTable;
use crate::pages::param;
use leptos::prelude::*;
use leptos_meta::Title;

/// The whole plan of one strategy.
#[component]
pub fn StrategyPageView() -> impl IntoView {
    let forum = param("forum");
    let strategy = param("strategy");
    let data = Resource::new(
        move || (forum.get(), strategy.get()),
        |(f, s)| get_strategy_page(f, s),
    );
    loaded(data, |page| {
        let slug = page.forum.slug.clone();
        let s = page.summary;
        view! {
            <Title text=s.title.clone()/>
            <Breadcrumb crumbs=vec![
                Crumb::link(page.forum.name.clone(), format!("/forums/{slug}")),
                Crumb::here(s.title.clone()),
            ]/>
            <h1>{s.title.clone()}</h1>
            {page.can_edit.then(|| view! { <p><a href=format!("/forums/{slug}/strategies/{}/edit", s.slug)>"Edit this plan"</a></p> })}
            <p class="muted">{s.period.clone()}" · status as at "{s.as_of.format("%-d %B %Y").to_string()}</p>
            <p>"Overall: "<StatusBadge status=s.status/></p>
            {page.aims.map(|aims| view! { <section class="aims"><h2 class="visually-hidden">"Aims"</h2><p>{aims}</p></section> })}
            {page.source.map(|src| view! { <p class="muted">"Source: "{src}</p> })}
            <nav aria-label="Themes" class="toc">
                <ol>
                    {page.themes.iter().map(|t| view! {
                        <li><a href=format!("#theme-{}", t.id)>{t.title.clone()}</a></li>
                    }).collect_view()}
                </ol>
            </nav>
            {page.themes.into_iter().map(|t| {
                let slug = slug.clone();
                view! {
                    <section class="theme" aria-labelledby=format!("theme-{}", t.id)>
                        <h2 id=format!("theme-{}", t.id)>{t.title}</h2>
                        <p>"Theme status: "<StatusBadge status=t.status/></p>
                        {t.actions.into_iter().map(|a| {
                            let href = format!("/forums/{slug}/actions/{}", a.id);
                            let caption = format!("Targets for {}", a.title);
                            view! {
                                <article class="action">
                                    <h3><a href=href>{a.title.clone()}</a></h3>
                                    <p>
                                        <StatusBadge status=a.status/>
                                        <span class="muted">
                                            {a.lead.map(|l| format!(" · Lead: {}", l.display()))}
                                            {a.due.map(|d| format!(" · Due: {d}"))}
                                        </span>
                                    </p>
                                    <TargetTable forum=slug.clone() caption=caption targets=a.targets/>
                                </article>
                            }
                        }).collect_view()}
                    </section>
                }
            }).collect_view()}
        }
    })
}
