//! A forum's reporting settings: financial year, when returns are due, amber tolerance,
//! population, small-number threshold, and a fixed date for a training forum (coordinators).
use crate::api::account::take_flash;
use crate::api::progress::{UpdateForumSettings, get_forum_settings};
use crate::components::breadcrumb::{Breadcrumb, Crumb};
use crate::components::loaded::loaded;
use crate::components::plan_form::{FormState, Input, field, form_note, hidden, select};
use crate::components::reporting::ReportingLine;
use crate::pages::param;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The settings page.
#[component]
pub fn ForumSettingsPage() -> impl IntoView {
    let forum = param("forum");
    let data = Resource::new(
        move || (crate::components::enhance::refresh_version(), forum.get()),
        |(_, f)| async move { Ok((get_forum_settings(f).await?, take_flash().await?)) },
    );
    loaded(data, |(s, flash)| {
        let slug = s.forum.slug.clone();
        let state = FormState::new(&flash, "settings");
        let months = MONTHS
            .iter()
            .enumerate()
            .map(|(i, m)| ((i + 1).to_string(), (*m).to_owned()))
            .collect();
        let text = |v: f64| crate::domain::target::format_number(v).replace(',', "");
        view! {
            <Title text="Reporting settings"/>
            <Breadcrumb crumbs=vec![
                Crumb::link(s.forum.name.clone(), format!("/forums/{slug}")),
                Crumb::here("Reporting settings"),
            ]/>
            <h1>"Reporting settings"</h1>
            <ReportingLine note=s.reporting.clone()/>
            {form_note(&flash, "settings")}
            <form method="post" data-enhance="" action=UpdateForumSettings::url() class="stacked-form">
                {hidden("forum", &slug)}
                {hidden("version", s.version)}
                {select(&state, "fy_start_month", "Financial year starts in", &s.fy_start_month.to_string(), months)}
                {field(&state, "return_days", "Returns due (days after a period ends)", &s.return_days.to_string(), Input::Number, Some("Quarters, half-years and years follow the financial year; each target says how often it reports."))}
                {field(&state, "amber_tolerance", "Amber tolerance (percentage points)", &text(s.amber_tolerance), Input::Number, Some("How far behind the expected progress a target can be and still be “at risk” rather than “off track”; also the margin inside a band's edges."))}
                {field(&state, "population", "Population", &s.population.map(|p| p.to_string()).unwrap_or_default(), Input::Number, Some("For targets stated per head of population, such as 1 refuge place per 10,000."))}
                {field(&state, "small_number_threshold", "Small-number threshold", &s.small_number_threshold.to_string(), Input::Number, Some("Counts below this are shown as “fewer than …” in reports that leave the forum."))}
                {field(&state, "fixed_date", "Fixed date (training forums only)", &s.fixed_date.map(|d| d.to_string()).unwrap_or_default(), Input::Date, Some("Leave blank for a real forum. A training or demonstration forum's calendar stands still on this date."))}
                <p><button type="submit">"Save the settings"</button></p>
            </form>
        }
    })
}
