//! One indicator and the targets that measure it.
use crate::api::account::take_flash;
use crate::api::indicators::get_indicator_page;
use crate::api::plan_edit::UpdateIndicator;
use crate::components::breadcrumb::{Breadcrumb, Crumb};
use crate::components::loaded::loaded;
use crate::components::plan_form::{FormState, form_note, hidden, indicator_fields, item_buttons};
use crate::components::status_badge::StatusBadge;
use crate::domain::editor::ItemRow;
use crate::domain::plan_form::ItemKind;
use crate::pages::{id_param, param};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

/// The indicator page.
#[component]
pub fn IndicatorPageView() -> impl IntoView {
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
        |(_, f, id)| async move { Ok((get_indicator_page(f, id).await?, take_flash().await?)) },
    );
    loaded(data, |(page, flash)| {
        let edit = page.edit.clone().map(|e| {
            let state = FormState::new(&flash, "indicator");
            let item = ItemRow { id: page.indicator.id, version: e.version, title: page.indicator.code.clone(), note: None, archived: e.archived };
            view! {
                <section aria-labelledby="edit-indicator-heading">
                    <h2 id="edit-indicator-heading">"Change this indicator"</h2>
                    {form_note(&flash, "indicator")}
                    <form method="post" data-enhance="" action=UpdateIndicator::url() class="stacked-form">
                        {hidden("forum", &page.forum.slug)}
                        {hidden("id", page.indicator.id)}
                        {hidden("version", e.version)}
                        {indicator_fields(&state, &e)}
                        <p><button type="submit">"Save the indicator"</button></p>
                    </form>
                    {form_note(&flash, &format!("indicator-{}-item", page.indicator.id))}
                    <div class="item-row">"Removes the indicator when no target uses it; archives it otherwise. "
                        {item_buttons(&page.forum.slug, ItemKind::Indicator, &item, false, None)}</div>
                </section>
            }
        });
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
            {(!page.checklist.is_empty()).then(|| view! {
                <section aria-labelledby="checklist-heading">
                    <h2 id="checklist-heading">"Checklist"</h2>
                    <ol>{page.checklist.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}</ol>
                </section>
            })}
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
            {edit}
        }
    })
}
