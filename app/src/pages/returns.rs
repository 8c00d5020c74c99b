//! The coordinator's returns page: who has and has not reported this period (by agency and by
//! theme), the queue of submitted updates to approve or return, and the list of missing returns
//! ready to copy into the e-mail they will still send.
use crate::api::account::take_flash;
use crate::api::progress::{DecideUpdate, get_returns_page};
use crate::components::breadcrumb::{Breadcrumb, Crumb};
use crate::components::loaded::loaded;
use crate::components::plan_form::{FormState, Input, field, form_note, hidden};
use crate::components::reporting::{ReportingLine, ReturnTable};
use crate::domain::account::{Flash, FlashKind};
use crate::domain::progress::{QueueItem, ReturnCount};
use crate::pages::param;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

fn counts(caption: &str, first: &str, rows: Vec<ReturnCount>) -> AnyView {
    view! {
        <table class="return-counts">
            <caption>{caption.to_owned()}</caption>
            <thead><tr>
                <th scope="col">{first.to_owned()}</th>
                <th scope="col">"Owed"</th>
                <th scope="col">"Approved"</th>
                <th scope="col">"Waiting for approval"</th>
                <th scope="col">"Not submitted"</th>
                <th scope="col">"Overdue"</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|c| view! {
                    <tr>
                        <th scope="row">{c.name}</th>
                        <td data-label="Owed">{c.expected}</td>
                        <td data-label="Approved">{c.approved}</td>
                        <td data-label="Waiting for approval">{c.submitted}</td>
                        <td data-label="Not submitted">{c.outstanding}</td>
                        <td data-label="Overdue">{c.overdue}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

fn queue_item(slug: &str, q: QueueItem, flash: &Option<Flash>) -> AnyView {
    let form = format!("decision-{}", q.id);
    let state = FormState::new(flash, form.clone());
    view! {
        <li class="queue-item">
            <h3><a href=q.href.clone()>{q.target.clone()}</a></h3>
            <p class="muted">{q.action.clone()}" · "{q.lead.clone().unwrap_or_default()}" · "{q.period.label.clone()}
                {q.author.clone().map(|a| format!(" · submitted by {a}"))}</p>
            <dl class="facts">
                <dt>"Value"</dt><dd>{q.value.clone()}</dd>
                <dt>"Narrative"</dt><dd class="prewrap">{q.narrative.clone().unwrap_or_default()}</dd>
                {q.evidence_url.clone().map(|u| { let href = u.clone(); view! { <dt>"Evidence"</dt><dd><a href=href>{u}</a></dd> } })}
            </dl>
            {form_note(flash, &form)}
            <form method="post" data-enhance="" action=DecideUpdate::url() class="stacked-form decision">
                {hidden("forum", slug)}
                {hidden("id", q.id)}
                {hidden("version", q.version)}
                {field(&state, "comment", "Comment for the author", "", Input::Area, Some("Needed to return it; the author sees it."))}
                <p class="buttons">
                    <button type="submit" name="decision" value="approve">"Approve"</button>" "
                    <button type="submit" name="decision" value="return" class="secondary">"Return to author"</button>
                </p>
            </form>
        </li>
    }
    .into_any()
}

/// Copies the text of the element `source` to the clipboard (shown once the page is live).
#[component]
fn CopyButton(source: &'static str) -> impl IntoView {
    let ready = RwSignal::new(false);
    let copied = RwSignal::new(false);
    Effect::new(move |_| ready.set(true));
    let copy = move |_| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let text = document()
                .get_element_by_id(source)
                .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
                .map(|t| t.value())
                .unwrap_or_default();
            let _ = window().navigator().clipboard().write_text(&text);
            copied.set(true);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (source, copied);
    };
    move || {
        ready.get().then(|| {
            view! {
                <button type="button" on:click=copy>"Copy the list of missing returns"</button>
                <span aria-live="polite">{move || copied.get().then_some(" Copied.")}</span>
            }
        })
    }
}

/// The returns page.
#[component]
pub fn ReturnsPageView() -> impl IntoView {
    let forum = param("forum");
    let data = Resource::new(
        move || (crate::components::enhance::refresh_version(), forum.get()),
        |(_, f)| async move { Ok((get_returns_page(f).await?, take_flash().await?)) },
    );
    loaded(data, |(page, flash)| {
        let slug = page.forum.slug.clone();
        let queue_len = page.queue.len();
        let missing_len = page.missing.len();
        let rows = page.missing_text.lines().count().clamp(3, 16).to_string();
        view! {
            <Title text="Returns"/>
            <Breadcrumb crumbs=vec![
                Crumb::link(page.forum.name.clone(), format!("/forums/{slug}")),
                Crumb::here("Returns"),
            ]/>
            <h1>"Returns"</h1>
            <ReportingLine note=page.reporting.clone()/>
            // A decision's notice: its update has left the queue, so it is shown here.
            {flash.clone().filter(|f| f.kind == FlashKind::Notice).map(|f| form_note(&Some(f.clone()), &f.form))}
            <section aria-labelledby="queue-heading">
                <h2 id="queue-heading">{format!("To review ({queue_len})")}</h2>
                {if page.queue.is_empty() {
                    view! { <p>"No submitted updates are waiting for approval."</p> }.into_any()
                } else {
                    view! { <ol class="queue">{page.queue.into_iter().map(|q| queue_item(&slug, q, &flash)).collect_view()}</ol> }.into_any()
                }}
            </section>
            <section aria-labelledby="who-heading">
                <h2 id="who-heading">"Who has reported"</h2>
                {counts("Returns by lead agency", "Agency", page.by_agency)}
                {counts("Returns by theme", "Theme", page.by_theme)}
            </section>
            <section aria-labelledby="missing-heading">
                <h2 id="missing-heading">{format!("Not yet submitted ({missing_len})")}</h2>
                {(missing_len > 0).then(|| view! { <ReturnTable caption="Returns not yet submitted".to_owned() items=page.missing/> })}
                <p class="field">
                    <label for="missing-text">"The list for your e-mail"</label>
                    <textarea id="missing-text" readonly=true rows=rows>{page.missing_text}</textarea>
                </p>
                <p><CopyButton source="missing-text"/></p>
            </section>
        }
    })
}
