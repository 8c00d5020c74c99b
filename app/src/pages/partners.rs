//! The forum's partner agencies.
use crate::api::account::take_flash;
use crate::api::partners::get_partner_list;
use crate::api::plan_edit::CreatePartner;
use crate::components::breadcrumb::{Breadcrumb, Crumb};
use crate::components::loaded::loaded;
use crate::components::plan_form::{FormState, Input, choices, field, form_note, hidden, select};
use crate::domain::plan_form::Sector;
use crate::pages::param;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

/// The partner directory.
#[component]
pub fn PartnersPage() -> impl IntoView {
    let forum = param("forum");
    let data = Resource::new(
        move || (crate::components::enhance::refresh_version(), forum.get()),
        |(_, f)| async move { Ok((get_partner_list(f).await?, take_flash().await?)) },
    );
    loaded(data, |(list, flash)| {
        let slug = list.forum.slug.clone();
        let new = FormState::new(&flash, "new-partner");
        let can_edit = list.can_edit;
        view! {
            <Title text=format!("Partners – {}", list.forum.name)/>
            <Breadcrumb crumbs=vec![
                Crumb::link(list.forum.name.clone(), format!("/forums/{slug}")),
                Crumb::here("Partners"),
            ]/>
            <h1>"Partners"</h1>
            <p><a href=format!("/forums/{slug}/resources")>"Resources (funding sources)"</a></p>
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
            {(can_edit && !list.archived.is_empty()).then(|| view! {
                <section aria-labelledby="archived-partners-heading">
                    <h2 id="archived-partners-heading">"Archived partners"</h2>
                    <p class="muted">"Kept for the history of the actions that named them. Open one to restore it."</p>
                    <ul>
                        {list.archived.iter().map(|p| view! {
                            <li><a href=format!("/forums/{slug}/partners/{}", p.id)>{p.full_label()}</a></li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
            {can_edit.then(|| view! {
                <section aria-labelledby="new-partner-heading">
                    <h2 id="new-partner-heading">"Add a partner agency"</h2>
                    {form_note(&flash, "new-partner")}
                    <form method="post" data-enhance="" data-reset="" action=CreatePartner::url() class="stacked-form">
                        {hidden("forum", &slug)}
                        {field(&new, "name", "Name", "", Input::Required, Some("For example: Wolverhampton Domestic Violence Forum."))}
                        {field(&new, "short_name", "Short name", "", Input::Text, Some("For example: WDVF."))}
                        {select(&new, "sector", "Sector", "statutory", choices(Sector::ALL, |s| (s.as_str(), s.label())))}
                        {field(&new, "aliases", "Other names used for it in spreadsheets (one per line)", "", Input::Area, None)}
                        <p><button type="submit">"Add the partner"</button></p>
                    </form>
                </section>
            }.into_any())}
        }
    })
}
