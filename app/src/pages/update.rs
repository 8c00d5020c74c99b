//! One target's return for one reporting period: record it (draft, submit), see why it was
//! returned, approve, return or reopen it (coordinators), override the target's status.
use crate::api::account::take_flash;
use crate::api::progress::{DecideUpdate, OverrideStatus, RecordUpdate, get_update_page};
use crate::components::breadcrumb::{Breadcrumb, Crumb};
use crate::components::loaded::loaded;
use crate::components::plan_form::{FormState, Input, choices, field, form_note, hidden, select};
use crate::components::status_badge::StatusBadge;
use crate::domain::account::Flash;
use crate::domain::progress::{UpdateFields, UpdatePage};
use crate::domain::status::Status;
use crate::domain::target::TargetKind;
use crate::domain::update::{Decision, UpdateState};
use crate::pages::{id_param, param};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn day(d: chrono::NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// The value fields for the target's kind.
fn value_fields(
    state: &FormState,
    kind: TargetKind,
    unit: Option<&str>,
    f: &UpdateFields,
) -> AnyView {
    match kind {
        TargetKind::Count | TargetKind::Currency => {
            let label = match (kind, unit) {
                (TargetKind::Currency, _) => "Amount this period (£)".to_owned(),
                (_, Some(u)) => format!("Figure this period ({u})"),
                _ => "Figure this period".to_owned(),
            };
            field(state, "value", &label, &f.value, Input::Number, None)
        }
        TargetKind::Percentage => view! {
            <fieldset>
                <legend>"Percentage this period"</legend>
                {field(state, "value", "Percentage", &f.value, Input::Number, Some("Leave blank to have it worked out from the two counts below."))}
                {field(state, "numerator", "How many", &f.numerator, Input::Number, None)}
                {field(state, "denominator", "Out of how many", &f.denominator, Input::Number, None)}
            </fieldset>
        }
        .into_any(),
        TargetKind::YesNo => {
            let current = state.value("done", &f.done);
            let error = state.error("done");
            let invalid = error.is_some();
            let radio = |value: &'static str, label: &'static str| {
                let id = format!("update-done-{value}");
                view! {
                    <p class="checkbox">
                        <input type="radio" id=id.clone() name="done" value=value checked=current == value/>
                        <label for=id>{label}</label>
                    </p>
                }
            };
            view! {
                <fieldset class:field-invalid=invalid>
                    <legend>"Done?"</legend>
                    {error.map(|e| view! { <span class="field-problem" id="update-done-problem">{e}</span> })}
                    {radio("yes", "Yes")}
                    {radio("no", "Not yet")}
                </fieldset>
            }
            .into_any()
        }
        TargetKind::Milestone => field(
            state,
            "reached_on",
            "Date reached",
            &f.reached_on,
            Input::Date,
            Some("Leave blank if it has not been reached yet, and say why in the narrative."),
        ),
        TargetKind::Text => field(state, "text", "In words", &f.text, Input::Area, None),
    }
}

/// The tick that lets a narrative appear in reports for funders (off unless chosen).
fn public_box(state: &FormState, current: bool) -> AnyView {
    let id = format!("{}-public", state.form());
    let checked = state.value("public", if current { "on" } else { "" }) == "on";
    view! {
        <p class="checkbox">
            <input type="checkbox" id=id.clone() name="public" value="on" checked=checked aria-describedby=format!("{id}-hint")/>
            <label for=id.clone()>"The narrative may be shown in reports for funders"</label>
            <span class="hint" id=format!("{id}-hint")>"Funders see it only once the update is approved, and only on a share link that shows narratives. Leave it unticked for anything internal."</span>
        </p>
    }
    .into_any()
}

fn record_form(page: &UpdatePage, flash: &Option<Flash>) -> AnyView {
    let state = FormState::new(flash, "update");
    let empty = UpdateFields::default();
    let fields = page.update.as_ref().map_or(&empty, |u| &u.fields);
    let version = page.update.as_ref().map_or(0, |u| u.version);
    let next = page
        .next
        .clone()
        .unwrap_or_else(|| format!("/forums/{}/my-updates", page.forum.slug));
    view! {
        <form method="post" data-enhance="" action=RecordUpdate::url() class="stacked-form" aria-labelledby="record-heading">
            {hidden("forum", &page.forum.slug)}
            {hidden("target", page.target.id)}
            {hidden("period", page.period.start)}
            {hidden("version", version)}
            {hidden("then", next)}
            {value_fields(&state, page.kind, page.unit.as_deref(), fields)}
            {field(&state, "narrative", "What happened, what is next", &fields.narrative, Input::Area, Some("Needed to submit. Plans and figures only: never details of a victim or a case."))}
            {field(&state, "evidence_url", "Evidence link (optional)", &fields.evidence_url, Input::Text, Some("A web address starting with https://, such as a report on the council's site."))}
            {public_box(&state, fields.public)}
            <p class="buttons">
                <button type="submit" name="command" value="submit">"Submit for approval"</button>
                " "
                <button type="submit" name="command" value="save_draft" class="secondary">"Save as draft"</button>
            </p>
        </form>
    }
    .into_any()
}

fn decision_form(
    slug: &str,
    id: i32,
    version: i32,
    decisions: &[Decision],
    flash: &Option<Flash>,
) -> AnyView {
    let form = format!("decision-{id}");
    let state = FormState::new(flash, form.clone());
    let reopen = decisions.contains(&Decision::Reopen);
    let buttons = decisions
        .iter()
        .map(|d| {
            let class = (*d != Decision::Approve).then_some("secondary");
            view! { <button type="submit" name="decision" value=d.as_str() class=class>{d.label()}</button>" " }
        })
        .collect_view();
    view! {
        {form_note(flash, &form)}
        <form method="post" data-enhance="" action=DecideUpdate::url() class="stacked-form decision">
            {hidden("forum", slug)}
            {hidden("id", id)}
            {hidden("version", version)}
            {field(&state, "comment", if reopen { "Reason for reopening" } else { "Comment for the author" }, "", Input::Area,
                Some(if reopen { "Needed to reopen; kept in the update's history." } else { "Needed to return it; the author sees it." }))}
            <p class="buttons">{buttons}</p>
        </form>
    }
    .into_any()
}

fn override_form(page: &UpdatePage, flash: &Option<Flash>) -> AnyView {
    let state = FormState::new(flash, "override");
    let current = if page.override_reason.is_some() {
        page.target.status.as_str()
    } else {
        ""
    };
    let mut options = vec![(
        String::new(),
        "Computed from the updates (no override)".to_owned(),
    )];
    options.extend(choices(Status::ALL, |s| (s.as_str(), s.label())));
    view! {
        <details open=state.refused()>
            <summary>"Override the status"</summary>
            {form_note(flash, "override")}
            <form method="post" data-enhance="" action=OverrideStatus::url() class="stacked-form">
                {hidden("forum", &page.forum.slug)}
                {hidden("target", page.target.id)}
                {hidden("version", page.target_version)}
                {select(&state, "status", "Status to show", current, options)}
                {field(&state, "reason", "Reason", page.override_reason.as_deref().unwrap_or_default(), Input::Area, Some("Shown with the status and kept in the history."))}
                <p><button type="submit">"Save the status"</button></p>
            </form>
        </details>
    }
    .into_any()
}

/// The update page.
#[component]
pub fn UpdatePageView() -> impl IntoView {
    let forum = param("forum");
    let id = id_param("id");
    let query = use_query_map();
    let period = Memo::new(move |_| query.read().get("period"));
    let data = Resource::new(
        move || {
            (
                crate::components::enhance::refresh_version(),
                forum.get(),
                id.get(),
                period.get(),
            )
        },
        |(_, f, id, p)| async move { Ok((get_update_page(f, id, p).await?, take_flash().await?)) },
    );
    loaded(data, |(page, flash)| {
        let slug = page.forum.slug.clone();
        let action_href = format!("/forums/{slug}/actions/{}", page.action_id);
        let title = format!("{}: {}", page.period.label, page.target.title);
        let state = page.update.as_ref().map(|u| u.state);
        let locked = state == Some(UpdateState::Approved);
        let overdue = page.is_return_period
            && page.today > page.period.deadline
            && !matches!(state, Some(UpdateState::Submitted | UpdateState::Approved));
        let decisions: Vec<Decision> = match state {
            Some(UpdateState::Submitted) => vec![Decision::Approve, Decision::Return],
            Some(UpdateState::Approved) => vec![Decision::Reopen],
            _ => Vec::new(),
        };
        let periods = page.periods.iter().map(|c| {
            let href = format!("/forums/{slug}/targets/{}/update?period={}", page.target.id, c.period.start);
            let here = c.period.start == page.period.start;
            let state = c.state.map_or("nothing recorded", |s| s.label());
            view! {
                <li>
                    <a href=href aria-current=here.then_some("page")>{c.period.label.clone()}</a>
                    " · "{state}
                </li>
            }
        }).collect_view();
        view! {
            <Title text=title.clone()/>
            <Breadcrumb crumbs=vec![
                Crumb::link(page.forum.name.clone(), format!("/forums/{slug}")),
                Crumb::link(page.strategy.title.clone(), format!("/forums/{slug}/strategies/{}", page.strategy.slug)),
                Crumb::link(page.action.clone(), action_href.clone()),
                Crumb::here(format!("Update for {}", page.period.label)),
            ]/>
            <h1>{page.target.title.clone()}</h1>
            <dl class="facts">
                <dt>"Period"</dt>
                <dd>{page.period.long_label()}{page.is_return_period.then_some(" · the period being collected")}</dd>
                <dt>"Return due"</dt>
                <dd>{day(page.period.deadline)}{overdue.then(|| view! { " " <strong class="overdue">"Overdue"</strong> })}</dd>
                <dt>"Aim"</dt><dd>{page.target.aim.clone()}</dd>
                <dt>"Status"</dt>
                <dd>
                    <StatusBadge status=page.target.status/>
                    {page.override_reason.clone().map(|r| view! { " " <span class="muted">"(set by a coordinator: "{r}")"</span> })}
                </dd>
                <dt>"Action"</dt><dd><a href=action_href.clone()>{page.action.clone()}</a>" · "{page.theme.clone()}</dd>
                <dt>"Agencies"</dt><dd>{page.agencies.clone()}</dd>
            </dl>
            {form_note(&flash, "update")}
            <section aria-labelledby="record-heading">
                <h2 id="record-heading">{match state {
                    None => "Record this period’s update".to_owned(),
                    Some(s) => format!("This period’s update: {}", s.label().to_lowercase()),
                }}</h2>
                // A decision that leaves nothing to decide (reopening) reports here.
                {decisions.is_empty().then(|| page.update.as_ref().map(|u| form_note(&flash, &format!("decision-{}", u.id))))}
                {page.update.as_ref().map(|u| view! {
                    <dl class="facts">
                        <dt>"Value"</dt><dd>{u.value_text.clone()}</dd>
                        {u.author.clone().map(|a| view! { <dt>"Recorded by"</dt><dd>{a}</dd> })}
                        {u.submitted_at.clone().map(|a| view! { <dt>"Submitted"</dt><dd>{a}</dd> })}
                        {u.decided.clone().map(|d| view! { <dt>{if u.state == UpdateState::Approved { "Approved by" } else { "Decided by" }}</dt><dd>{d}</dd> })}
                    </dl>
                    {(u.state == UpdateState::Returned).then(|| view! {
                        <div class="flash flash-error" role="note">
                            <p><strong>"Returned for changes: "</strong>{u.comment.clone().unwrap_or_default()}</p>
                            <p>"Correct it below and submit it again."</p>
                        </div>
                    })}
                })}
                {if locked {
                    view! { <p>"Approved updates are locked. A coordinator can reopen it, with a reason, if it needs correcting."</p> }.into_any()
                } else if page.can_record {
                    record_form(&page, &flash)
                } else {
                    view! { <p>{page.cannot_record.clone().unwrap_or_default()}</p> }.into_any()
                }}
                {page.next.clone().map(|n| view! { <p><a href=n>"Next return to make"</a></p> })}
            </section>
            {(page.can_review && !decisions.is_empty()).then(|| {
                let u = page.update.as_ref().map(|u| (u.id, u.version)).unwrap_or_default();
                view! {
                    <section aria-labelledby="decision-heading">
                        <h2 id="decision-heading">"Coordinator's decision"</h2>
                        {decision_form(&slug, u.0, u.1, &decisions, &flash)}
                    </section>
                }
            })}
            {page.can_review.then(|| override_form(&page, &flash))}
            {(!page.events.is_empty()).then(|| view! {
                <section aria-labelledby="events-heading">
                    <h2 id="events-heading">"History of this update"</h2>
                    <ul class="events">
                        {page.events.iter().map(|e| view! { <li>{e.at.clone()}" · "{e.who.clone()}" "{e.what.clone()}</li> }).collect_view()}
                    </ul>
                </section>
            })}
            <section aria-labelledby="periods-heading">
                <h2 id="periods-heading">"Other periods"</h2>
                <ul class="periods">{periods}</ul>
            </section>
        }
    })
}
