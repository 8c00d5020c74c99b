//! A forum's home page: its strategies.
use crate::api::account::take_flash;
use crate::api::forums::get_forum_home;
use crate::api::plan_edit::CreateStrategy;
use crate::components::breadcrumb::{Breadcrumb, Crumb};
use crate::components::loaded::loaded;
use crate::components::plan_form::{FormState, Input, field, form_note, hidden, item_buttons};
use crate::components::status_badge::StatusBadge;
use crate::domain::editor::ItemRow;
use crate::domain::plan_form::ItemKind;
use crate::pages::param;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

/// The forum's strategies, with links to its partners and indicators.
#[component]
pub fn ForumPage() -> impl IntoView {
    let forum = param("forum");
    let data = Resource::new(
        move || (crate::components::enhance::refresh_version(), forum.get()),
        |(_, f)| async move { Ok((get_forum_home(f).await?, take_flash().await?)) },
    );
    loaded(data, |(home, flash)| {
        let slug = home.forum.slug.clone();
        let can_edit = home.can_edit;
        let new = FormState::new(&flash, "new-strategy");
        let new_strategy = can_edit.then(|| view! {
            <section aria-labelledby="new-strategy-heading">
                <h2 id="new-strategy-heading">"Start a new strategy"</h2>
                {form_note(&flash, "new-strategy")}
                <details open=new.refused()>
                    <summary>"New strategy"</summary>
                    <form method="post" data-enhance="" data-reset="" action=CreateStrategy::url() class="stacked-form">
                        {hidden("forum", &slug)}
                        {field(&new, "title", "Title", "", Input::Required, Some("For example: Domestic Violence Strategy 2027–2030."))}
                        {field(&new, "period_start", "Period starts", "", Input::Date, None)}
                        {field(&new, "period_end", "Period ends", "", Input::Date, None)}
                        {field(&new, "aims", "Aims", "", Input::Area, None)}
                        <p><button type="submit">"Create the strategy"</button></p>
                    </form>
                </details>
            </section>
        });
        view! {
            <Title text=home.forum.name.clone()/>
            <Breadcrumb crumbs=vec![Crumb::here(home.forum.name.clone())]/>
            <h1>{home.forum.name.clone()}</h1>
            <crate::components::reporting::ReportingLine note=home.reporting.clone()/>
            <nav aria-label="Forum" class="subnav">
                <ul>
                    <li><a href=format!("/forums/{slug}/dashboard")>"Dashboard"</a></li>
                    <li><a href=format!("/forums/{slug}/reviews")>"Reviews and meeting packs"</a></li>
                    {home.can_record.then(|| view! { <li><a href=format!("/forums/{slug}/my-updates")>"My updates"</a></li> })}
                    {home.can_review.then(|| view! { <li><a href=format!("/forums/{slug}/returns")>"Returns"</a></li> })}
                    <li><a href=format!("/forums/{slug}/partners")>"Partners"</a>" "<span class="muted">{format!("({})", home.partner_count)}</span></li>
                    <li><a href=format!("/forums/{slug}/indicators")>"Indicators"</a>" "<span class="muted">{format!("({})", home.indicator_count)}</span></li>
                    <li><a href=format!("/forums/{slug}/resources")>"Resources"</a></li>
                    {can_edit.then(|| view! { <li><a href=format!("/forums/{slug}/settings")>"Reporting settings"</a></li> })}
                    {can_edit.then(|| view! { <li><a href=format!("/forums/{slug}/import")>"Import from a spreadsheet"</a></li> })}
                    {can_edit.then(|| view! { <li><a href=format!("/forums/{slug}/share-links")>"Share links for funders"</a></li> })}
                </ul>
            </nav>
            {form_note(&flash, "plan-item")}
            <section aria-labelledby="strategies-heading">
                <h2 id="strategies-heading">"Strategies"</h2>
                {if home.strategies.is_empty() {
                    view! { <p>"This forum has no strategy yet."</p> }.into_any()
                } else {
                    view! {
                        <ul class="card-list">
                            {home.strategies.into_iter().map(|s| {
                                let href = format!("/forums/{slug}/strategies/{}", s.slug);
                                let item = ItemRow { id: s.id, version: s.version, title: s.title.clone(), note: None, archived: false };
                                view! {
                                    <li class="card">
                                        <h3><a href=href>{s.title}</a></h3>
                                        {can_edit.then(|| {
                                            view! {
                                                <p><a href=format!("/forums/{slug}/strategies/{}/edit", s.slug)>"Edit this plan"</a></p>
                                                {form_note(&flash, &format!("strategy-{}-item", s.id))}
                                                <div class="item-row">{item_buttons(&slug, ItemKind::Strategy, &item, true, None)}</div>
                                            }
                                        })}
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
            {new_strategy}
            {(can_edit && !home.archived.is_empty()).then(|| view! {
                <section aria-labelledby="archived-strategies-heading">
                    <h2 id="archived-strategies-heading">"Archived strategies"</h2>
                    <p class="muted">"Out of the live plan, kept for history. Open one to restore it."</p>
                    <ul>
                        {home.archived.iter().map(|s| view! {
                            <li><a href=format!("/forums/{slug}/strategies/{}/edit", s.slug)>{s.title.clone()}</a></li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
        }
    })
}
