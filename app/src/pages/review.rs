//! One review: its frozen figures (summary, exceptions, changes since the previous review), what
//! happened to the previous review's actions arising, and its own decisions and actions
//! arising; coordinators record minutes and outcomes, turn actions arising into plan actions
//! and close the review. The meeting pack prints the same from the frozen snapshot.
use crate::api::account::take_flash;
use crate::api::review::{AddMinute, CloseReview, MakePlanAction, RecordOutcome, get_review};
use crate::components::breadcrumb::{Breadcrumb, Crumb};
use crate::components::loaded::loaded;
use crate::components::plan_form::{FormState, Input, field, form_note, hidden, select};
use crate::components::review::{exceptions, minute_body, review_line, since_previous, summary};
use crate::domain::account::Flash;
use crate::domain::review::{DecisionKind, Minute, ReviewPage};
use crate::pages::{id_param, param};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

/// The review page.
#[component]
pub fn ReviewPageView() -> impl IntoView {
    let forum = param("forum");
    let id = id_param("review");
    let data = Resource::new(
        move || {
            (
                crate::components::enhance::refresh_version(),
                forum.get(),
                id.get(),
            )
        },
        |(_, f, id)| async move { Ok((get_review(f, id).await?, take_flash().await?)) },
    );
    loaded(data, |(p, flash)| view_of(&p, &flash))
}

/// The forms under a minute: what happened to it, and making it a plan action.
fn minute_forms(p: &ReviewPage, flash: &Option<Flash>, m: &Minute, outcome: bool) -> AnyView {
    if m.kind != DecisionKind::ActionArising {
        return ().into_any();
    }
    let slug = p.forum.slug.clone();
    let outcome_form = format!("outcome-{}", m.id);
    let action_form = format!("make-action-{}", m.id);
    let outcome_state = FormState::new(flash, outcome_form.clone());
    let action_state = FormState::new(flash, action_form.clone());
    let mut themes = vec![(String::new(), "Choose a theme".to_owned())];
    themes.extend(p.themes_for_actions.clone());
    view! {
        {(outcome && p.can_manage).then(|| view! {
            {form_note(flash, &outcome_form)}
            <form method="post" data-enhance="" action=RecordOutcome::url() class="stacked-form minute-form">
                {hidden("forum", &slug)}
                {hidden("minute", m.id)}
                {hidden("version", m.version)}
                {field(&outcome_state, "outcome", "What happened", m.outcome.as_deref().unwrap_or_default(), Input::Area, None)}
                <p><button type="submit">"Record what happened"</button></p>
            </form>
        })}
        {(m.action.is_none() && p.can_edit_plan && !p.themes_for_actions.is_empty()).then(|| view! {
            {form_note(flash, &action_form)}
            <form method="post" data-enhance="" action=MakePlanAction::url() class="stacked-form minute-form">
                {hidden("forum", &slug)}
                {hidden("minute", m.id)}
                {hidden("version", m.version)}
                {select(&action_state, "theme", "Theme of the plan action", "", themes)}
                <p><button type="submit" class="secondary">"Make it a plan action"</button></p>
            </form>
        })}
    }
    .into_any()
}

fn view_of(p: &ReviewPage, flash: &Option<Flash>) -> AnyView {
    let slug = p.forum.slug.clone();
    let r = &p.review;
    let minute_state = FormState::new(flash, "minute");
    let kinds = DecisionKind::ALL
        .iter()
        .map(|k| (k.as_str().to_owned(), k.label().to_owned()))
        .collect();
    view! {
        <Title text=format!("{} · Reviews · {}", r.title, p.forum.name)/>
        <Breadcrumb crumbs=vec![
            Crumb::link(p.forum.name.clone(), format!("/forums/{slug}")),
            Crumb::link("Reviews", format!("/forums/{slug}/reviews")),
            Crumb::here(r.title.clone()),
        ]/>
        <h1>{r.title.clone()}</h1>
        <p class="lead">{review_line(r)}</p>
        <p>
            // A full page load: the pack's print headers are a style with the response's nonce.
            <a class="button" rel="external" href=format!("/forums/{slug}/reviews/{}/pack", r.id)>"Meeting pack (to print or save as PDF)"</a>
        </p>
        // Opening the review (on the reviews page) and closing it (below) report here.
        {form_note(flash, "open-review")}
        {form_note(flash, "close-review")}
        {summary(p)}
        {exceptions(p)}
        {since_previous(p)}
        {p.previous.as_ref().map(|prev| view! {
            <section aria-labelledby="previous-actions-heading">
                <h2 id="previous-actions-heading">{format!("Actions arising from “{}” ({})", prev.title, p.previous_actions.len())}</h2>
                {if p.previous_actions.is_empty() {
                    view! { <p class="muted">"That review recorded no actions arising."</p> }.into_any()
                } else {
                    view! {
                        <ol class="minutes">
                            {p.previous_actions.iter().map(|m| view! {
                                <li>{minute_body(&slug, m)}{minute_forms(p, flash, m, true)}</li>
                            }).collect_view()}
                        </ol>
                    }.into_any()
                }}
            </section>
        })}
        <section aria-labelledby="minutes-heading">
            <h2 id="minutes-heading">{format!("Decisions and actions arising ({})", p.minutes.len())}</h2>
            {if p.minutes.is_empty() {
                view! { <p class="muted">"None recorded yet."</p> }.into_any()
            } else {
                view! {
                    <ol class="minutes">
                        {p.minutes.iter().map(|m| view! {
                            <li>{minute_body(&slug, m)}{minute_forms(p, flash, m, false)}</li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
            {(p.can_manage && !r.closed).then(|| view! {
                <h3>"Record a decision or an action arising"</h3>
                {form_note(flash, "minute")}
                <form method="post" data-enhance="" data-reset="" action=AddMinute::url() class="stacked-form">
                    {hidden("forum", &slug)}
                    {hidden("review", r.id)}
                    {select(&minute_state, "kind", "Kind", "decision", kinds)}
                    {field(&minute_state, "text", "What was decided, or what is to be done", "", Input::Area, None)}
                    {field(&minute_state, "owner", "Owner (actions arising)", "", Input::Text, Some("A person or an agency."))}
                    {field(&minute_state, "due", "Due (actions arising)", "", Input::Date, None)}
                    <p><button type="submit">"Record it"</button></p>
                </form>
                <form method="post" data-enhance="" action=CloseReview::url() class="stacked-form">
                    {hidden("forum", &slug)}
                    {hidden("review", r.id)}
                    {hidden("version", p.version)}
                    <p><button type="submit" class="secondary">"Close the review (the meeting is over)"</button></p>
                </form>
            })}
        </section>
    }
    .into_any()
}
