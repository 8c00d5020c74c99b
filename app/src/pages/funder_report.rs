//! The read-only report a share link opens, for a funder without an account: the forum's name,
//! what it covers, the period, and only what the link shows. Nothing on it is editable and it
//! links nowhere else in the site (the site header shows no navigation on it).
use crate::api::share::get_funder_report;
use crate::components::loaded::loaded;
use crate::components::status_badge::StatusBadge;
use crate::domain::share::{FunderReport, Part, ReportAction, ReportTarget};
use crate::pages::param;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// Whether `path` is a funder report's (the site header leaves out its navigation there).
pub fn is_report_path(path: &str) -> bool {
    path.starts_with("/report/")
}

/// The funder report page.
#[component]
pub fn FunderReportPage() -> impl IntoView {
    let token = param("token");
    let data = Resource::new(move || token.get(), get_funder_report);
    view! {
        <Meta name="robots" content="noindex, nofollow"/>
        {loaded(data, |report| match report {
            Some(r) => view_of(&r),
            None => view! {
                <Title text="Report not available"/>
                <h1>"This report is no longer available"</h1>
                <p>"The link may have expired or been withdrawn. If you still need the report, ask the forum that sent it for a new link."</p>
            }
            .into_any(),
        })}
    }
}

fn view_of(r: &FunderReport) -> AnyView {
    let statuses = r.shows(Part::Statuses);
    let values = r.shows(Part::Values);
    let tally = (statuses && !r.tally.is_empty()).then(|| {
        let total: u32 = r.tally.iter().map(|(_, n)| n).sum();
        view! {
            <table class="report-tally">
                <caption>{format!("{total} targets by status")}</caption>
                <thead><tr><th scope="col">"Status"</th><th scope="col">"Targets"</th></tr></thead>
                <tbody>
                    {r.tally.iter().map(|(s, n)| view! {
                        <tr><th scope="row"><StatusBadge status=*s/></th><td>{*n}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
    });
    let chart = r.chart.clone().map(|svg| {
        view! {
            <figure class="chart-figure">
                <div class="chart-box" inner_html=svg></div>
                <figcaption>"Targets by status and theme. Each bar is a theme; the segments count its targets by status."</figcaption>
            </figure>
        }
    });
    let sections = r
        .sections
        .iter()
        .map(|s| {
            view! {
                <section class="report-section">
                    <h2>{s.title.clone()}" "{s.status.map(|st| view! { <StatusBadge status=st/> })}</h2>
                    {s.actions.iter().map(action).collect_view()}
                </section>
            }
        })
        .collect_view();
    view! {
        <Title text=format!("{} · {}", r.title, r.forum)/>
        <article class="funder-report">
            <header class="report-head">
                <p class="report-forum">{r.forum.clone()}</p>
                <h1>{r.title.clone()}</h1>
                <p class="report-for">{format!("Prepared for: {}", r.label)}</p>
                <dl class="report-facts">
                    <dt>"Plan period"</dt><dd>{r.period.clone()}</dd>
                    <dt>"Position at"</dt><dd>{r.as_of.format("%-d %B %Y").to_string()}</dd>
                    <dt>"Latest reporting quarter"</dt><dd>{r.quarter.clone()}</dd>
                </dl>
            </header>
            {(values || statuses).then(|| view! {
                <p class="report-note">
                    {statuses.then_some("Statuses are worked out from the latest approved figures against each target's aim and due date. ")}
                    {values.then(|| format!(
                        "To protect the people these figures count, numbers below {} are shown as “fewer than {}”, and percentages that would reveal them are withheld{}.",
                        r.threshold, r.threshold,
                        if r.suppressed > 0 { format!(" ({} figures in this report)", r.suppressed) } else { String::new() }
                    ))}
                </p>
            })}
            {tally}
            {chart}
            {if r.sections.is_empty() {
                view! { <p>"There are no actions in this report yet."</p> }.into_any()
            } else {
                sections.into_any()
            }}
            <footer class="report-foot">
                <p>{format!("A read-only report from {}'s plan in ForumPlan.", r.forum)}
                {r.expires_on.map(|d| format!(" This link works until {}.", d.format("%-d %B %Y")))}</p>
            </footer>
        </article>
    }
    .into_any()
}

fn action(a: &ReportAction) -> impl IntoView {
    let meta = [
        a.lead.clone().map(|l| format!("Lead: {l}")),
        a.due.clone().map(|d| format!("Due: {d}")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    view! {
        <div class="report-action">
            <h3>{a.title.clone()}" "{a.status.map(|st| view! { <StatusBadge status=st/> })}</h3>
            {(!meta.is_empty()).then(|| view! { <p class="report-meta">{meta}</p> })}
            {(!a.targets.is_empty()).then(|| view! {
                <ul class="report-targets">{a.targets.iter().map(target).collect_view()}</ul>
            })}
        </div>
    }
}

fn target(t: &ReportTarget) -> impl IntoView {
    view! {
        <li>
            <p class="report-target">
                <strong>{t.title.clone()}</strong>
                {t.status.map(|st| view! { " " <StatusBadge status=st/> })}
            </p>
            <p class="report-meta">{format!("Aim: {}", t.aim)}</p>
            {t.latest.clone().map(|v| view! {
                <p class:suppressed=t.suppressed>
                    {format!("Latest: {v}")}
                    {t.period.clone().map(|p| format!(" ({p})"))}
                </p>
            })}
            {t.narrative.clone().map(|n| view! {
                <blockquote class="report-narrative">
                    <p>{n}</p>
                    {t.narrative_period.clone().map(|p| view! { <footer>{p}</footer> })}
                </blockquote>
            })}
        </li>
    }
}
