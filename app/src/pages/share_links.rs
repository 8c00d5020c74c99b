//! Share links for funders (coordinators): the links made, with what each covers and shows and
//! whether it still opens; making one (the link shown once, to copy); revoking one.
use crate::api::account::take_flash;
use crate::api::share::{CreateShareLink, RevokeShareLink, get_share_links};
use crate::components::breadcrumb::{Breadcrumb, Crumb};
use crate::components::flash::kept;
use crate::components::loaded::loaded;
use crate::components::plan_form::{FormState, Input, field, form_note, hidden, select};
use crate::domain::account::Flash;
use crate::domain::share::{LinkState, Part, ShareLinkRow, ShareLinksPage};
use crate::pages::param;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

const FORM: &str = "new-share";

/// The share links page.
#[component]
pub fn ShareLinksPageView() -> impl IntoView {
    let forum = param("forum");
    let data = Resource::new(
        move || (crate::components::enhance::refresh_version(), forum.get()),
        |(_, f)| async move { Ok((get_share_links(f).await?, take_flash().await?)) },
    );
    loaded(data, |(page, flash)| view_of(&page, &flash))
}

fn view_of(page: &ShareLinksPage, flash: &Option<Flash>) -> AnyView {
    let slug = page.forum.slug.clone();
    let made = kept(flash, FORM, "link");
    view! {
        <Title text="Share links for funders"/>
        <Breadcrumb crumbs=vec![
            Crumb::link(page.forum.name.clone(), format!("/forums/{slug}")),
            Crumb::here("Share links for funders"),
        ]/>
        <h1>"Share links for funders"</h1>
        <p>
            "A share link opens a read-only report for someone without an account, such as a funder or commissioner: "
            "a strategy, a theme, or the actions a funding source pays for. It shows only what you choose, never internal "
            "narratives (only those marked public when they were recorded), and counts below the forum's threshold of "
            {page.threshold}" are shown as “fewer than "{page.threshold}"”. Anyone who has the link can open it until it expires or you revoke it."
        </p>
        {form_note(flash, FORM)}
        {(!made.is_empty()).then(|| view! {
            <p class="field new-link">
                <label for="new-share-link">"The new link (copy it now: it is not shown again)"</label>
                <input id="new-share-link" type="text" readonly="" value=made.clone() class="copyable"/>
                " "<a href=made.clone() rel="noreferrer" target="_blank">"Open the report"</a>
            </p>
        })}
        <section aria-labelledby="links-heading">
            <h2 id="links-heading">"Links"</h2>
            {links_table(&slug, &page.links, flash)}
        </section>
        {new_form(page, flash)}
    }
    .into_any()
}

fn parts_text(parts: &[Part]) -> String {
    parts
        .iter()
        .map(|p| p.label())
        .collect::<Vec<_>>()
        .join("; ")
}

fn links_table(slug: &str, links: &[ShareLinkRow], flash: &Option<Flash>) -> AnyView {
    if links.is_empty() {
        return view! { <p>"No share links yet."</p> }.into_any();
    }
    let rows = links
        .iter()
        .map(|l| {
            let form = format!("share-{}", l.id);
            view! {
                <tr>
                    <th scope="row">{l.label.clone()}</th>
                    <td>{l.scope.clone()}</td>
                    <td>{parts_text(&l.parts)}</td>
                    <td>{l.expires_on.map(|d| d.format("%-d %b %Y").to_string()).unwrap_or_default()}</td>
                    <td>{format!("{}, {}", l.created_by.clone().unwrap_or_else(|| "—".to_owned()), l.created_on.format("%-d %b %Y"))}</td>
                    <td>{l.state.label()}</td>
                    <td>
                        {form_note(flash, &form)}
                        {(l.state == LinkState::Open).then(|| view! {
                            <form method="post" data-enhance="" action=RevokeShareLink::url() class="inline-form">
                                {hidden("forum", slug)}
                                {hidden("id", l.id)}
                                <button type="submit" class="secondary" aria-label=format!("Revoke “{}”", l.label)>"Revoke"</button>
                            </form>
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table>
            <caption>{format!("{} share links, newest first", links.len())}</caption>
            <thead><tr>
                <th scope="col">"For"</th><th scope="col">"Covers"</th><th scope="col">"Shows"</th>
                <th scope="col">"Open until"</th><th scope="col">"Made by"</th><th scope="col">"State"</th>
                <th scope="col">"Revoke"</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

fn new_form(page: &ShareLinksPage, flash: &Option<Flash>) -> AnyView {
    let state = FormState::new(flash, FORM);
    let mut scopes: Vec<(String, String)> = vec![(String::new(), "Choose…".to_owned())];
    scopes.extend(
        page.strategies
            .iter()
            .map(|(k, l)| (k.clone(), format!("Strategy: {l}"))),
    );
    scopes.extend(
        page.themes
            .iter()
            .map(|(k, l)| (k.clone(), format!("Theme: {l}"))),
    );
    scopes.extend(
        page.resources
            .iter()
            .map(|(k, l)| (k.clone(), format!("Funded by: {l}"))),
    );
    let ticked = state.value("shows", "statuses,values,charts");
    let ticked: Vec<&str> = ticked.split(',').collect();
    let boxes = Part::ALL
        .iter()
        .map(|p| {
            let id = format!("{FORM}-shows-{}", p.as_str());
            let checked = ticked.contains(&p.as_str());
            view! {
                <li class="checkbox">
                    <input type="checkbox" id=id.clone() name=format!("shows[{}]", p.as_str()) value="on" checked=checked/>
                    <label for=id>{p.label()}</label>
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="new-share-heading">
            <h2 id="new-share-heading">"Make a link"</h2>
            <form method="post" data-enhance="" action=CreateShareLink::url() class="stacked-form">
                {hidden("forum", &page.forum.slug)}
                {field(&state, "label", "Who it is for", "", Input::Required, Some("Shown at the top of the report, such as “Supporting People, 2006/07 monitoring”."))}
                {select(&state, "scope", "What it covers", "", scopes)}
                <fieldset>
                    <legend>"What it shows"</legend>
                    {state.error("shows").map(|e| view! { <p class="field-problem">{e}</p> })}
                    <ul class="checkbox-list">{boxes}</ul>
                </fieldset>
                {field(&state, "expires_on", "Open until (the last day it opens)", &page.default_expiry.to_string(), Input::Date, Some("Two years at most."))}
                <p><button type="submit">"Make the link"</button></p>
            </form>
        </section>
    }
    .into_any()
}
