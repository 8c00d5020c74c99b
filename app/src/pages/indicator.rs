//! One indicator and the targets that measure it.
use crate::api::indicators::get_indicator_page;
use crate::components::breadcrumb::{Breadcrumb, Crumb};
use crate::components::loaded::loaded;
use crate::components::status_badge::StatusBadge;
use crate::pages::{id_param, param};
use leptos::prelude::*;
use leptos_meta::Title;

/// The indicator page.
#[component]
pub fn IndicatorPageView() -> impl IntoView {
    let forum = param("forum");
    let id = id_param("id");
    let data = Resource::new(
        move || (forum.get(), id.get()),
        |(f, id)| get_indicator_page(f, id),
    );
    loaded(data, |page| {
        let slug = page.forum.slug.clone();
        let heading = format!("{} {}", page.indicator.code, page.indicator.title);
        view! {
            <Title text=heading.clone()/>
            <Breadcrumb crumbs=vec![
                Crumb::link(page.forum.name.clone(), format!("/forums/{slug}")),
                Crumb::link("Indicators", format!("/forums/{slug}/indicators")),
                Crumb::here(heading.clone()),
            ]/>
            <h1>{heading}</h1>
            <dl class="facts">
                <dt>"Framework"</dt><dd>{page.indicator.framework.clone()}</dd>
                <dt>"Polarity"</dt><dd>{page.polarity.clone()}</dd>
                {page.definition.clone().map(|d| view! { <dt>"Definition"</dt><dd>{d}</dd> })}
            </dl>
            <section aria-labelledby="measured-heading">
                <h2 id="measured-heading">"Targets measured by this indicator"</h2>
                {if page.targets.is_empty() {
                    view! { <p>"No live target uses this indicator."</p> }.into_any()
                } else {
                    view! {
                        <table>
                            <caption class="visually-hidden">"Targets and their actions"</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Target"</th>
                                    <th scope="col">"Action"</th>
                                    <th scope="col">"Aim"</th>
                                    <th scope="col">"Latest"</th>
                                    <th scope="col">"Status"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {page.targets.into_iter().map(|row| {
                                    let href = format!("/forums/{slug}/actions/{}", row.action.id);
                                    view! {
                                        <tr>
                                            <th scope="row">{row.target.title}</th>
                                            <td><a href=href>{row.action.title}</a></td>
                                            <td>{row.target.aim}</td>
                                            <td>{row.target.latest.unwrap_or_else(|| "—".to_owned())}</td>
                                            <td><StatusBadge status=row.target.status/></td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }}
            </section>
        }
    })
}
