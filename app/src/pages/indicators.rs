//! The forum's indicators (Best Value, National Indicators, LPSA, Policing Plan, local).
use crate::api::account::take_flash;
use crate::api::indicators::get_indicator_list;
use crate::api::plan_edit::{AdoptIndicator, CreateIndicator};
use crate::components::breadcrumb::{Breadcrumb, Crumb};
use crate::components::loaded::loaded;
use crate::components::plan_form::{FormState, form_note, hidden, indicator_fields, select};
use crate::domain::editor::IndicatorFields;
use crate::pages::param;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

/// The list of indicators.
#[component]
pub fn IndicatorsPage() -> impl IntoView {
    let forum = param("forum");
    let data = Resource::new(
        move || (crate::components::enhance::refresh_version(), forum.get()),
        |(_, f)| async move { Ok((get_indicator_list(f).await?, take_flash().await?)) },
    );
    loaded(data, |(list, flash)| {
        let slug = list.forum.slug.clone();
        let can_edit = list.can_edit;
        let starters = list.starters.clone();
        let new = FormState::new(&flash, "new-indicator");
        let adopt = FormState::new(&flash, "adopt");
        let blank = IndicatorFields {
            version: 0,
            framework: String::new(),
            code: String::new(),
            title: String::new(),
            definition: String::new(),
            polarity: String::new(),
            checklist: String::new(),
            archived: false,
        };
        view! {
            <Title text=format!("Indicators – {}", list.forum.name)/>
            <Breadcrumb crumbs=vec![
                Crumb::link(list.forum.name.clone(), format!("/forums/{slug}")),
                Crumb::here("Indicators"),
            ]/>
            <h1>"Indicators"</h1>
            <table>
                <caption>{format!("Performance indicators used by {}", list.forum.name)}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Indicator"</th>
                        <th scope="col">"Framework"</th>
                        <th scope="col">"Polarity"</th>
                        <th scope="col" class="num">"Targets"</th>
                    </tr>
                </thead>
                <tbody>
                    {list.indicators.into_iter().map(|i| {
                        let href = format!("/forums/{slug}/indicators/{}", i.indicator.id);
                        view! {
                            <tr>
                                <th scope="row"><a href=href>{format!("{} {}", i.indicator.code, i.indicator.title)}</a></th>
                                <td>{i.indicator.framework}</td>
                                <td>{i.polarity}</td>
                                <td class="num">{i.target_count}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            {(can_edit && !list.archived.is_empty()).then(|| view! {
                <section aria-labelledby="archived-indicators-heading">
                    <h2 id="archived-indicators-heading">"Archived indicators"</h2>
                    <ul>
                        {list.archived.iter().map(|i| view! {
                            <li><a href=format!("/forums/{slug}/indicators/{}", i.id)>{format!("{} {}", i.code, i.title)}</a></li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
            {can_edit.then(|| view! {
                <section aria-labelledby="adopt-heading">
                    <h2 id="adopt-heading">"Adopt from the starter set"</h2>
                    {form_note(&flash, "adopt")}
                    {if starters.is_empty() {
                        view! { <p>"This forum has adopted every indicator of the starter set."</p> }.into_any()
                    } else {
                        view! {
                            <p>"Indicators with sourced definitions that ship with ForumPlan. Adopting makes a copy this forum owns."</p>
                            <form method="post" data-enhance="" data-reset="" action=AdoptIndicator::url() class="stacked-form">
                                {hidden("forum", &slug)}
                                {select(&adopt, "code", "Indicator", "", starters.clone())}
                                <p><button type="submit">"Adopt"</button></p>
                            </form>
                        }.into_any()
                    }}
                </section>
                <section aria-labelledby="new-indicator-heading">
                    <h2 id="new-indicator-heading">"Add an indicator of your own"</h2>
                    {form_note(&flash, "new-indicator")}
                    <form method="post" data-enhance="" data-reset="" action=CreateIndicator::url() class="stacked-form">
                        {hidden("forum", &slug)}
                        {indicator_fields(&new, &blank)}
                        <p><button type="submit">"Add the indicator"</button></p>
                    </form>
                </section>
            }.into_any())}
        }
    })
}
