//! The forum's resources: funding sources and budget lines, what they pay for, and whether the
//! funding is at risk. Coordinators add, change and remove them here.
use crate::api::account::take_flash;
use crate::api::plan_edit::{CreateResource, UpdateResource, get_resources_page};
use crate::components::breadcrumb::{Breadcrumb, Crumb};
use crate::components::loaded::loaded;
use crate::components::plan_form::{FormState, Input, field, form_note, hidden, item_buttons};
use crate::domain::account::Flash;
use crate::domain::editor::{ItemRow, ResourceRow};
use crate::domain::plan_form::ItemKind;
use crate::pages::param;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

fn at_risk_box(state: &FormState, checked: bool) -> AnyView {
    let id = format!("{}-at_risk", state.form());
    view! {
        <p class="checkbox">
            <input type="checkbox" id=id.clone() name="at_risk" value="on" checked=checked/>
            <label for=id>"The funding is at risk"</label>
        </p>
    }
    .into_any()
}

fn edit_form(forum: &str, r: &ResourceRow, flash: &Option<Flash>) -> AnyView {
    let form = format!("resource-{}", r.id);
    let state = FormState::new(flash, form.clone());
    let item = ItemRow {
        id: r.id,
        version: r.version,
        title: r.name.clone(),
        note: None,
        archived: r.archived,
    };
    view! {
        <details open=state.refused()>
            <summary>{format!("Change “{}”", r.name)}</summary>
            <form method="post" data-enhance="" action=UpdateResource::url() class="stacked-form">
                {hidden("forum", forum)}
                {hidden("id", r.id)}
                {hidden("version", r.version)}
                {field(&state, "name", "Name", &r.name, Input::Required, None)}
                {field(&state, "amount", "Amount (£)", &r.amount, Input::Number, None)}
                {field(&state, "posts", "Posts funded", &r.posts, Input::Number, None)}
                {at_risk_box(&state, r.at_risk)}
                {field(&state, "notes", "Notes", &r.notes, Input::Area, None)}
                <p><button type="submit">"Save"</button></p>
            </form>
        </details>
        {item_buttons(forum, ItemKind::Resource, &item, false, None)}
    }
    .into_any()
}

/// The resources page.
#[component]
pub fn ResourcesPageView() -> impl IntoView {
    let forum = param("forum");
    let data = Resource::new(
        move || (crate::components::enhance::refresh_version(), forum.get()),
        |(_, f)| async move { Ok((get_resources_page(f).await?, take_flash().await?)) },
    );
    loaded(data, |(page, flash)| {
        let slug = page.forum.slug.clone();
        let can_edit = page.can_edit;
        let rows = page
            .resources
            .iter()
            .map(|r| {
                view! {
                    <tr class:archived=r.archived>
                        <th scope="row">{r.name.clone()}{r.archived.then_some(" (archived)")}</th>
                        <td>{r.amount_label.clone().unwrap_or_default()}</td>
                        <td>{r.posts.clone()}</td>
                        <td>{if r.at_risk { "At risk" } else { "" }}</td>
                        <td>{r.action_count}</td>
                        {can_edit.then(|| view! {
                            <td>
                                {form_note(&flash, &format!("resource-{}", r.id))}
                                {form_note(&flash, &format!("resource-{}-item", r.id))}
                                {edit_form(&slug, r, &flash)}
                            </td>
                        })}
                    </tr>
                }
            })
            .collect_view();
        let new = FormState::new(&flash, "new-resource");
        view! {
            <Title text="Resources"/>
            <Breadcrumb crumbs=vec![
                Crumb::link(page.forum.name.clone(), format!("/forums/{slug}")),
                Crumb::here("Resources"),
            ]/>
            <h1>"Resources"</h1>
            <p>"Funding sources and budget lines that pay for the plan's actions."</p>
            {if page.resources.is_empty() {
                view! { <p>"No resources recorded yet."</p> }.into_any()
            } else {
                view! {
                    <table>
                        <caption>{format!("{} resources", page.resources.len())}</caption>
                        <thead><tr>
                            <th scope="col">"Name"</th><th scope="col">"Amount"</th><th scope="col">"Posts"</th>
                            <th scope="col">"Risk"</th><th scope="col">"Actions using it"</th>
                            {can_edit.then(|| view! { <th scope="col">"Change"</th> })}
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                }.into_any()
            }}
            {can_edit.then(|| view! {
                <section aria-labelledby="new-resource-heading">
                    <h2 id="new-resource-heading">"Add a resource"</h2>
                    {form_note(&flash, "new-resource")}
                    <form method="post" data-enhance="" data-reset="" action=CreateResource::url() class="stacked-form">
                        {hidden("forum", &slug)}
                        {field(&new, "name", "Name", "", Input::Required, Some("For example: Supporting People, BSC funds, In-house."))}
                        {field(&new, "amount", "Amount (£)", "", Input::Number, None)}
                        {field(&new, "posts", "Posts funded", "", Input::Number, None)}
                        {at_risk_box(&new, false)}
                        {field(&new, "notes", "Notes", "", Input::Area, None)}
                        <p><button type="submit">"Add the resource"</button></p>
                    </form>
                </section>
            })}
        }
    })
}
