//! One partner agency: what it leads and supports across the forum's strategies.
use crate::api::account::take_flash;
use crate::api::partners::get_partner_page;
use crate::api::plan_edit::{MergePartner, UpdatePartner};
use crate::components::breadcrumb::{Breadcrumb, Crumb};
use crate::components::loaded::loaded;
use crate::components::plan_form::{
    FormState, Input, choices, field, form_note, hidden, item_buttons, select,
};
use crate::components::status_badge::StatusBadge;
use crate::domain::account::Flash;
use crate::domain::editor::{ItemRow, PartnerFields};
use crate::domain::plan_form::{ItemKind, Sector};
use crate::domain::views::ActionLink;
use crate::domain::views::PartnerRef;
use crate::pages::{id_param, param};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

/// A list of actions with their strategy, theme and status.
#[component]
pub fn ActionList(forum: String, actions: Vec<ActionLink>, empty: &'static str) -> impl IntoView {
    if actions.is_empty() {
        return view! { <p>{empty}</p> }.into_any();
    }
    view! {
        <ul class="action-list">
            {actions.into_iter().map(|a| {
                let href = format!("/forums/{forum}/actions/{}", a.id);
                view! {
                    <li>
                        <a href=href>{a.title}</a>" "<StatusBadge status=a.status/>
                        <span class="muted">" "{a.strategy}" › "{a.theme}</span>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

fn edit_section(
    forum: &str,
    partner: &PartnerRef,
    e: &PartnerFields,
    flash: &Option<Flash>,
) -> AnyView {
    let state = FormState::new(flash, "partner");
    let merge = FormState::new(flash, "merge");
    let mut others = vec![(String::new(), "Choose the partner to keep".to_owned())];
    others.extend(e.others.iter().map(|o| (o.id.to_string(), o.full_label())));
    let item = ItemRow {
        id: partner.id,
        version: e.version,
        title: partner.name.clone(),
        note: None,
        archived: e.archived,
    };
    view! {
        <section aria-labelledby="edit-partner-heading">
            <h2 id="edit-partner-heading">"Change this partner"</h2>
            {form_note(flash, "partner")}
            <form method="post" data-enhance="" action=UpdatePartner::url() class="stacked-form">
                {hidden("forum", forum)}
                {hidden("id", partner.id)}
                {hidden("version", e.version)}
                {field(&state, "name", "Name", &partner.name, Input::Required, None)}
                {field(&state, "short_name", "Short name", &e.short_name, Input::Text, None)}
                {select(&state, "sector", "Sector", &e.sector, choices(Sector::ALL, |s| (s.as_str(), s.label())))}
                {field(&state, "aliases", "Other names used for it in spreadsheets (one per line)", &e.aliases, Input::Area, None)}
                <p><button type="submit">"Save the partner"</button></p>
            </form>
            <h3>"The same agency entered twice?"</h3>
            <p>"Merging moves every action this agency leads or supports, and every member reporting for it, to the partner you keep; its names are kept as that partner's aliases, and this entry is removed."</p>
            {form_note(flash, "merge")}
            <form method="post" data-enhance="" action=MergePartner::url() class="stacked-form">
                {hidden("forum", forum)}
                {hidden("id", partner.id)}
                {hidden("version", e.version)}
                {select(&merge, "into", "Merge into", "", others)}
                <p><button type="submit">"Merge into the chosen partner"</button></p>
            </form>
            <h3>"Remove"</h3>
            {form_note(flash, &format!("partner-{}-item", partner.id))}
            <div class="item-row">"Removes the partner when no action or member names it; archives it otherwise. "
                {item_buttons(forum, ItemKind::Partner, &item, false, None)}</div>
        </section>
    }
    .into_any()
}

/// The partner page.
#[component]
pub fn PartnerPageView() -> impl IntoView {
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
        |(_, f, id)| async move { Ok((get_partner_page(f, id).await?, take_flash().await?)) },
    );
    loaded(data, |(page, flash)| {
        let edit = page
            .edit
            .clone()
            .map(|e| edit_section(&page.forum.slug, &page.partner, &e, &flash));
        let slug = page.forum.slug.clone();
        view! {
            <Title text=page.partner.name.clone()/>
            <Breadcrumb crumbs=vec![
                Crumb::link(page.forum.name.clone(), format!("/forums/{slug}")),
                Crumb::link("Partners", format!("/forums/{slug}/partners")),
                Crumb::here(page.partner.name.clone()),
            ]/>
            <h1>{page.partner.name.clone()}</h1>
            <dl class="facts">
                {page.partner.short_name.clone().map(|s| view! { <dt>"Short name"</dt><dd>{s}</dd> })}
                <dt>"Sector"</dt><dd>{page.sector.clone()}</dd>
                {(!page.aliases.is_empty()).then(|| view! { <dt>"Also written as"</dt><dd>{page.aliases.join("; ")}</dd> })}
            </dl>
            {
                let overdue: Vec<ActionLink> = page
                    .leads
                    .iter()
                    .chain(&page.supports)
                    .filter(|a| a.status == crate::domain::status::Status::Overdue)
                    .cloned()
                    .collect();
                let owed = page.owed.clone();
                view! {
                    <section aria-labelledby="owed-heading">
                        <h2 id="owed-heading">"Owed this period"</h2>
                        <p>{format!("Returns for {}.", page.period)}</p>
                        {if owed.is_empty() {
                            view! { <p class="muted">"Nothing is owed for this period."</p> }.into_any()
                        } else {
                            view! {
                                <table class="owed">
                                    <caption class="visually-hidden">"Returns owed this period"</caption>
                                    <thead><tr><th scope="col">"Target"</th><th scope="col">"Action"</th><th scope="col">"Return"</th></tr></thead>
                                    <tbody>
                                        {owed.into_iter().map(|r| view! {
                                            <tr>
                                                <th scope="row"><a href=r.href.clone()>{r.target.clone()}</a></th>
                                                <td><a href=format!("/forums/{slug}/actions/{}", r.action_id)>{r.action.clone()}</a></td>
                                                <td>{r.state.label()}{r.overdue.then_some(" · overdue")}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            }.into_any()
                        }}
                    </section>
                    <section aria-labelledby="overdue-heading">
                        <h2 id="overdue-heading">"Overdue"</h2>
                        <ActionList forum=slug.clone() actions=overdue empty="Nothing this agency leads or supports is overdue."/>
                    </section>
                }
            }
            <section aria-labelledby="leads-heading">
                <h2 id="leads-heading">"Leads"</h2>
                <ActionList forum=slug.clone() actions=page.leads empty="This agency leads no action."/>
            </section>
            <section aria-labelledby="supports-heading">
                <h2 id="supports-heading">"Supports"</h2>
                <ActionList forum=slug.clone() actions=page.supports empty="This agency supports no action."/>
            </section>
            {edit}
        }
    })
}
