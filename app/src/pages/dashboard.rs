//! The forum dashboard: targets by status and theme (a chart and its table), what is overdue,
//! what falls due by the end of the next quarter, the returns being collected and the funding
//! at risk; filtered by strategy, theme, lead partner, indicator framework and past quarter.
use crate::api::dashboard::get_dashboard;
use crate::components::breadcrumb::{Breadcrumb, Crumb};
use crate::components::loaded::loaded;
use crate::components::status_badge::StatusBadge;
use crate::domain::dashboard::{Choice, Dashboard, DashboardFilter, ItemList, List, chart_path};
use crate::domain::status::Status;
use crate::pages::param;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The query string of a filter, with `status` set as given (and no list shown in full).
fn query(f: &DashboardFilter, status: Option<Status>) -> String {
    let mut parts = Vec::new();
    if let Some(s) = &f.strategy {
        parts.push(format!(
            "strategy={}",
            s.replace(|c: char| !c.is_ascii_alphanumeric() && c != '-', "")
        ));
    }
    if let Some(t) = f.theme {
        parts.push(format!("theme={t}"));
    }
    if let Some(l) = f.lead {
        parts.push(format!("lead={l}"));
    }
    if let Some(fw) = &f.framework {
        parts.push(format!(
            "framework={}",
            fw.replace(|c: char| !c.is_ascii_alphanumeric() && c != '_', "")
        ));
    }
    if let Some(p) = f.period {
        parts.push(format!("period={p}"));
    }
    if let Some(s) = status {
        parts.push(format!("status={}", s.as_str()));
    }
    parts.join("&")
}

/// The dashboard page.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let forum = param("forum");
    let q = use_query_map();
    let data = Resource::new(
        move || {
            let q = q.read();
            let get = |k: &str| q.get(k);
            (
                forum.get(),
                [
                    get("strategy"),
                    get("theme"),
                    get("lead"),
                    get("framework"),
                    get("period"),
                    get("status"),
                    get("all"),
                ],
            )
        },
        |(f, [strategy, theme, lead, framework, period, status, all])| {
            get_dashboard(f, strategy, theme, lead, framework, period, status, all)
        },
    );
    loaded(data, view_of)
}

fn select(
    name: &'static str,
    label: &'static str,
    all: &'static str,
    current: String,
    options: Vec<Choice>,
) -> AnyView {
    let id = format!("dash-{name}");
    view! {
        <p class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=name>
                <option value="" selected=current.is_empty()>{all}</option>
                {options.into_iter().map(|(v, l)| { let selected = v == current; view! { <option value=v selected=selected>{l}</option> } }).collect_view()}
            </select>
        </p>
    }
    .into_any()
}

fn view_of(d: Dashboard) -> AnyView {
    let slug = d.forum.slug.clone();
    let f = d.filter.clone();
    let path = format!("/forums/{slug}/dashboard");
    let link = {
        let path = path.clone();
        let f = f.clone();
        move |s: Status| {
            let q = query(&f, Some(s));
            format!("{path}?{q}#listed")
        }
    };
    // The same page with one list in full, at that list.
    let full = {
        let path = path.clone();
        let f = f.clone();
        move |l: List| {
            let q = query(&f, f.status);
            let sep = if q.is_empty() { "" } else { "&" };
            format!("{path}?{q}{sep}all={0}#{0}", l.as_str())
        }
    };
    let total: u32 = d.totals.iter().map(|(_, n)| n).sum();
    let chart = {
        let q = query(&f, f.status);
        let all = f.all.map(|l| format!("all={}", l.as_str()));
        let q = [Some(q).filter(|q| !q.is_empty()), all]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("&");
        chart_path(&slug, &q)
    };
    view! {
        <Title text=format!("Dashboard · {}", d.forum.name)/>
        <Breadcrumb crumbs=vec![
            Crumb::link(d.forum.name.clone(), format!("/forums/{slug}")),
            Crumb::here("Dashboard"),
        ]/>
        <h1>"Dashboard"</h1>
        <p class="lead">{format!("Where the plan stood on {}: {total} targets.", d.as_of)}</p>
        <form method="get" action=path.clone() class="filters" aria-label="Filters">
            {select("strategy", "Strategy", "All strategies", f.strategy.clone().unwrap_or_default(), d.strategies.clone())}
            {select("theme", "Theme", "All themes", f.theme.map(|t| t.to_string()).unwrap_or_default(), d.themes.clone())}
            {select("lead", "Lead partner", "All lead partners", f.lead.map(|t| t.to_string()).unwrap_or_default(), d.leads.clone())}
            {select("framework", "Indicator framework", "Any or none", f.framework.clone().unwrap_or_default(), d.frameworks.clone())}
            {select("period", "As at the end of", "Today", f.period.map(|p| p.to_string()).unwrap_or_default(), d.periods.clone())}
            <p class="filter-actions"><button type="submit">"Show"</button>" "<a href=path.clone()>"Clear the filters"</a></p>
        </form>
        <section aria-labelledby="status-heading">
            <h2 id="status-heading">"Targets by status"</h2>
            <ul class="status-totals">
                {d.totals.iter().map(|(s, n)| {
                    let href = link(*s);
                    view! { <li><a href=href><StatusBadge status=*s/>" "<strong>{*n}</strong></a></li> }
                }).collect_view()}
            </ul>
            <figure class="chart-figure">
                <div class="chart-box"><img src=chart.clone() alt=d.chart_alt.clone() class="chart"/></div>
                <figcaption>
                    "Each bar is a theme; each segment a status, with its count. The same figures are in the table below. "
                    <a href=chart download="dashboard-chart.svg">"Save the chart (SVG)"</a>
                </figcaption>
            </figure>
            <table class="dashboard-themes">
                <caption>"Targets by theme and status"</caption>
                <thead><tr>
                    <th scope="col">"Theme"</th>
                    {Status::ALL.iter().map(|s| view! { <th scope="col">{s.label()}</th> }).collect_view()}
                    <th scope="col">"Targets"</th>
                    <th scope="col">"Met or on track"</th>
                </tr></thead>
                <tbody>
                    {d.themes_figures.iter().map(|t| {
                        let mut tf = f.clone();
                        tf.theme = Some(t.id);
                        let theme_path = format!("{path}?{}", query(&tf, None));
                        view! {
                            <tr>
                                <th scope="row"><a href=theme_path>{t.title.clone()}</a>" "<span class="muted">{format!("({})", t.strategy)}</span></th>
                                {t.counts.iter().map(|(s, n)| {
                                    let mut sf = tf.clone();
                                    sf.status = Some(*s);
                                    let href = format!("{path}?{}#listed", query(&sf, Some(*s)));
                                    view! { <td>{if *n == 0 { view! { <span class="muted">"0"</span> }.into_any() } else { view! { <a href=href>{*n}</a> }.into_any() }}</td> }
                                }).collect_view()}
                                <td>{t.total}</td>
                                <td>{match t.on_course {
                                    Some(p) => view! { <meter min="0" max="100" value=p.to_string()>{format!("{p}%")}</meter>" "{format!("{p}%")} }.into_any(),
                                    None => view! { <span class="muted">"—"</span> }.into_any(),
                                }}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
        <section aria-labelledby="since-heading">
            <h2 id="since-heading">"Since the last review"</h2>
            {match d.since_review.clone() {
                None => view! { <p class="muted">"No review of what is shown has been held yet: open one from "<a href=format!("/forums/{slug}/reviews")>"Reviews"</a>" and this part compares with it."</p> }.into_any(),
                Some(r) => view! {
                    <p>"Compared with "<a href=format!("/forums/{slug}/reviews/{}", r.id)>{r.title.clone()}</a>{format!(" (statuses as of {}).", r.as_of)}</p>
                    <h3 id="newly-red">{format!("Newly red: overdue or off track ({})", r.newly_red.total)}</h3>
                    {items(&slug, &r.newly_red, "None.", full(List::NewlyRed))}
                    <h3 id="newly-met">{format!("Newly met ({})", r.newly_met.total)}</h3>
                    {items(&slug, &r.newly_met, "None.", full(List::NewlyMet))}
                }.into_any(),
            }}
        </section>
        {f.status.map(|s| view! {
            <section id="listed" aria-labelledby="listed-heading">
                <h2 id="listed-heading">{format!("Targets: {}", s.label().to_lowercase())}</h2>
                {items(&slug, &d.listed, "None.", full(List::Listed))}
            </section>
        })}
        <section aria-labelledby="overdue">
            <h2 id="overdue">{format!("Overdue ({})", d.overdue.total)}</h2>
            {items(&slug, &d.overdue, "Nothing is overdue.", full(List::Overdue))}
        </section>
        <section aria-labelledby="due-next">
            <h2 id="due-next">{format!("Due by the end of next quarter ({})", d.due_next.total)}</h2>
            {items(&slug, &d.due_next, "Nothing falls due by then.", full(List::DueNext))}
        </section>
        {d.returns.clone().map(|r| view! {
            <section aria-labelledby="returns-heading">
                <h2 id="returns-heading">"Returns"</h2>
                <p>{r.period.clone()}</p>
                <dl class="figures">
                    <dt>"Owed"</dt><dd>{r.expected}</dd>
                    <dt>"Approved"</dt><dd>{r.approved}</dd>
                    <dt>"Waiting for a decision"</dt><dd>{r.submitted}</dd>
                    <dt>"Not submitted"</dt><dd>{r.outstanding}</dd>
                    <dt>"Overdue"</dt><dd>{r.overdue}</dd>
                </dl>
                <p><a href=format!("/forums/{slug}/returns")>"The returns, agency by agency"</a></p>
            </section>
        })}
        <section aria-labelledby="funding-heading">
            <h2 id="funding-heading">{format!("Funding at risk ({})", d.funding_at_risk.len())}</h2>
            {if d.funding_at_risk.is_empty() {
                view! { <p class="muted">"No resource is marked at risk."</p> }.into_any()
            } else {
                view! {
                    <table>
                        <thead><tr><th scope="col">"Resource"</th><th scope="col">"Amount"</th><th scope="col">"Actions drawing on it"</th></tr></thead>
                        <tbody>
                            {d.funding_at_risk.iter().map(|r| view! {
                                <tr><th scope="row">{r.name.clone()}</th><td>{r.amount.clone().unwrap_or_default()}</td><td>{r.actions}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    <p><a href=format!("/forums/{slug}/resources")>"All resources"</a></p>
                }.into_any()
            }}
        </section>
    }
    .into_any()
}

/// A list's table; when rows are left out, how many and a link (`all`) to the list in full.
fn items(slug: &str, list: &ItemList, none: &'static str, all: String) -> AnyView {
    if list.is_empty() {
        return view! { <p class="muted">{none}</p> }.into_any();
    }
    let rows = &list.rows;
    let more = list.is_cut().then(|| {
        view! {
            <p class="list-more">
                {format!("The first {} of {} are shown. ", rows.len(), list.total)}
                <a href=all>{format!("Show all {}", list.total)}</a>
            </p>
        }
    });
    view! {
        <table class="dashboard-items">
            <thead><tr>
                <th scope="col">"Target"</th><th scope="col">"Action"</th><th scope="col">"Lead"</th>
                <th scope="col">"Due"</th><th scope="col">"Latest"</th><th scope="col">"Status"</th>
            </tr></thead>
            <tbody>
                {rows.iter().map(|r| view! {
                    <tr>
                        <th scope="row">{r.target.clone()}</th>
                        <td><a href=format!("/forums/{slug}/actions/{}", r.action_id)>{r.action.clone()}</a></td>
                        <td>{r.lead.clone().unwrap_or_default()}</td>
                        <td>{r.due.map(|d| d.format("%-d %b %Y").to_string()).unwrap_or_default()}</td>
                        <td>{r.latest.clone().unwrap_or_default()}</td>
                        <td><StatusBadge status=r.status/></td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        {more}
    }
    .into_any()
}
