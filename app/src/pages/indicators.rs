//! The forum's indicators (Best Value, National Indicators, LPSA, Policing Plan, local).
use crate::api::indicators::get_indicator_list;
use crate::components::breadcrumb::{Breadcrumb, Crumb};
use crate::components::loaded::loaded;
use crate::pages::param;
use leptos::prelude::*;
use leptos_meta::Title;

/// The list of indicators.
#[component]
pub fn IndicatorsPage() -> impl IntoView {
    let forum = param("forum");
    let data = Resource::new(move || forum.get(), get_indicator_list);
    loaded(data, |list| {
        let slug = list.forum.slug.clone();
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
        }
    })
}
