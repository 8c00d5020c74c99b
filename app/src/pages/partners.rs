//! The forum's partner agencies.
use crate::api::partners::get_partner_list;
use crate::components::breadcrumb::{Breadcrumb, Crumb};
use crate::components::loaded::loaded;
use crate::pages::param;
use leptos::prelude::*;
use leptos_meta::Title;

/// The partner directory.
#[component]
pub fn PartnersPage() -> impl IntoView {
    let forum = param("forum");
    let data = Resource::new(move || forum.get(), get_partner_list);
    loaded(data, |list| {
        let slug = list.forum.slug.clone();
        view! {
            <Title text=format!("Partners – {}", list.forum.name)/>
            <Breadcrumb crumbs=vec![
                Crumb::link(list.forum.name.clone(), format!("/forums/{slug}")),
                Crumb::here("Partners"),
            ]/>
            <h1>"Partners"</h1>
            <table>
                <caption>{format!("Partner agencies of {}", list.forum.name)}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Agency"</th>
                        <th scope="col">"Sector"</th>
                        <th scope="col" class="num">"Leads"</th>
                        <th scope="col" class="num">"Supports"</th>
                    </tr>
                </thead>
                <tbody>
                    {list.partners.into_iter().map(|p| {
                        let href = format!("/forums/{slug}/partners/{}", p.partner.id);
                        let label = p.partner.full_label();
                        view! {
                            <tr>
                                <th scope="row"><a href=href>{label}</a></th>
                                <td>{p.sector}</td>
                                <td class="num">{p.leads}</td>
                                <td class="num">{p.supports}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        }
    })
}
