//! An action: what will be done, by whom, with what, and how it is going.
use crate::api::action::get_action_page;
use crate::components::breadcrumb::{Breadcrumb, Crumb};
use crate::components::loaded::loaded;
use crate::components::status_badge::StatusBadge;
use crate::domain::views::{PartnerRef, TargetDetail};
use crate::pages::{id_param, param};
use leptos::prelude::*;
use leptos_meta::Title;

fn partner_link(forum: &str, p: PartnerRef) -> impl IntoView + use<> {
    let href = format!("/forums/{forum}/partners/{}", p.id);
    view! { <a href=href>{p.full_label()}</a> }
}

/// The action page.
#[component]
pub fn ActionPageView() -> impl IntoView {
    let forum = param("forum");
    let id = id_param("id");
    let data = Resource::new(
        move || (forum.get(), id.get()),
        |(f, id)| get_action_page(f, id),
    );
    loaded(data, |page| {
        let slug = page.forum.slug.clone();
        let strategy_href = format!("/forums/{slug}/strategies/{}", page.strategy.slug);
        view! {
            <Title text=page.title.clone()/>
            <Breadcrumb crumbs=vec![
                Crumb::link(page.forum.name.clone(), format!("/forums/{slug}")),
                Crumb::link(page.strategy.title.clone(), strategy_href),
                Crumb::here(page.title.clone()),
            ]/>
            <h1>{page.title.clone()}</h1>
            <p class="muted">"Theme: "{page.theme.clone()}</p>
            {page.can_edit.then(|| view! { <p><a href=format!("/forums/{slug}/actions/{}/edit", page.id)>"Edit this action"</a></p> })}
            {page.can_view_history.then(|| view! {
                <p><a href=format!("/forums/{slug}/actions/{}/history", page.id)>"History of changes"</a></p>
            })}
            <dl class="facts">
                <dt>"Status"</dt>
                <dd><StatusBadge status=page.status/>" "<span class="muted">"as at "{page.as_of.format("%-d %B %Y").to_string()}</span></dd>
                <dt>"Due"</dt>
                <dd>{page.due_text.clone().or_else(|| page.due_date.map(|d| d.format("%-d %B %Y").to_string())).unwrap_or_else(|| "Not set".to_owned())}</dd>
                {page.origin.clone().map(|o| view! { <dt>"Origin"</dt><dd>{o}</dd> })}
            </dl>
            <section aria-labelledby="activity-heading">
                <h2 id="activity-heading">"Activity"</h2>
                <p class="prewrap">{page.activity.clone().unwrap_or_else(|| "No activity text recorded.".to_owned())}</p>
            </section>
            <section aria-labelledby="partners-heading">
                <h2 id="partners-heading">"Partners"</h2>
                <p>"Lead: "{match page.lead.clone() {
                    Some(p) => partner_link(&slug, p).into_any(),
                    None => view! { <span>"none named"</span> }.into_any(),
                }}</p>
                {if page.supporting.is_empty() {
                    view! { <p>"No supporting partners named."</p> }.into_any()
                } else {
                    view! {
                        <p>"Supporting:"</p>
                        <ul class="inline-list">
                            {page.supporting.clone().into_iter().map(|p| view! { <li>{partner_link(&slug, p)}</li> }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
            <section aria-labelledby="resources-heading">
                <h2 id="resources-heading">"Resources"</h2>
                {if page.resources.is_empty() {
                    view! { <p>"No resources named."</p> }.into_any()
                } else {
                    view! {
                        <ul>
                            {page.resources.clone().into_iter().map(|r| view! {
                                <li>
                                    {r.name}
                                    {r.amount.map(|a| format!(" · {a}"))}
                                    {r.posts.map(|p| format!(" · {p} posts"))}
                                    {r.at_risk.then(|| view! { " " <strong class="at-risk">"Funding at risk"</strong> })}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
            <section aria-labelledby="targets-heading">
                <h2 id="targets-heading">"Targets"</h2>
                {page.targets.into_iter().map(|t| view! { <TargetBlock forum=slug.clone() target=t/> }).collect_view()}
            </section>
        }
    })
}

/// One target: its aim, status and history of updates.
#[component]
fn TargetBlock(forum: String, target: TargetDetail) -> impl IntoView {
    let t = target.row;
    let caption = format!("History of “{}”", t.title);
    let indicator = t.indicator.map(|i| {
        let href = format!("/forums/{forum}/indicators/{}", i.id);
        view! { <dt>"Indicator"</dt><dd><a href=href>{format!("{} {}: {}", i.framework, i.code, i.title)}</a></dd> }
    });
    view! {
        <article class="target">
            <h3>{t.title.clone()}</h3>
            <dl class="facts">
                <dt>"Status"</dt><dd><StatusBadge status=t.status/></dd>
                <dt>"Aim"</dt><dd>{t.aim}</dd>
                <dt>"Kind"</dt><dd>{t.kind}</dd>
                {target.baseline.map(|b| view! { <dt>"Baseline"</dt><dd>{b}</dd> })}
                <dt>"Reports"</dt><dd>{target.frequency}</dd>
                {indicator}
                {target.source_text.map(|s| view! { <dt>"In the plan"</dt><dd class="prewrap">{s}</dd> })}
            </dl>
            <p><a href=format!("/forums/{forum}/targets/{}/update", t.id)>{format!("This period’s return for “{}”", t.title)}</a></p>
            {target.trend.map(|svg| view! {
                <figure class="chart-figure">
                    <div class="chart-box" inner_html=svg></div>
                    <figcaption>"Approved figures by period (line) against the target (dashed) or band (shaded); the table below holds the same figures."</figcaption>
                </figure>
            })}
            {if target.history.is_empty() {
                view! { <p>"No updates recorded yet."</p> }.into_any()
            } else {
                view! {
                    <table class="history">
                        <caption>{caption}</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Period"</th>
                                <th scope="col">"Value"</th>
                                <th scope="col">"State"</th>
                                <th scope="col">"Narrative"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {target.history.into_iter().map(|u| view! {
                                <tr>
                                    <th scope="row">{u.period}</th>
                                    <td>{u.value}</td>
                                    <td>{u.state}</td>
                                    <td>
                                        {u.narrative}
                                        {u.evidence_url.map(|url| view! { " " <a href=url>"Evidence"</a> })}
                                    </td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </article>
    }
}
