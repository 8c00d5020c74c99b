//! What a review page and its meeting pack both show, from the review's frozen snapshot: the
//! summary (counts, a chart and its table), the exceptions with their narratives, what changed
//! since the previous review, and minutes.
use crate::components::status_badge::StatusBadge;
use crate::domain::review::{Change, Minute, ReviewPage, ReviewRef, TargetSnap};
use crate::domain::status::Status;
use leptos::prelude::*;

fn date(d: chrono::NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// "Wolverhampton DV Strategy · 2006/07 Q2 · statuses as of 20 October 2006 · meeting on …".
pub fn review_line(r: &ReviewRef) -> String {
    let mut parts = vec![
        r.strategy
            .clone()
            .unwrap_or_else(|| "All strategies".to_owned()),
        format!("Quarter reviewed: {}", r.period),
        format!("Statuses as they stood on {}", date(r.as_of)),
    ];
    if let Some(h) = r.held_on {
        parts.push(format!("Meeting: {}", date(h)));
    }
    parts.push(if r.closed { "Closed" } else { "Open" }.to_owned());
    parts.join(" · ")
}

/// The summary: targets by status (a list and a table by theme) and the status chart.
pub fn summary(p: &ReviewPage) -> AnyView {
    let total: u32 = p.totals.iter().map(|(_, n)| n).sum();
    let id = format!("review-{}-summary", p.review.id);
    let label = id.clone();
    view! {
        <section class="pack-section" aria-labelledby=label>
            <h2 id=id>"Summary"</h2>
            <p>{format!("{total} targets were frozen for this review.")}</p>
            <ul class="status-totals">
                {p.totals.iter().map(|(s, n)| view! { <li><StatusBadge status=*s/>" "<strong>{*n}</strong></li> }).collect_view()}
            </ul>
            <table class="dashboard-themes">
                <caption>"Targets by theme and status, as frozen"</caption>
                <thead><tr>
                    <th scope="col">"Theme"</th>
                    {Status::ALL.iter().map(|s| view! { <th scope="col">{s.label()}</th> }).collect_view()}
                </tr></thead>
                <tbody>
                    {p.themes.iter().map(|(title, counts)| view! {
                        <tr>
                            <th scope="row">{title.clone()}</th>
                            {counts.iter().map(|(_, n)| view! { <td>{*n}</td> }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <figure class="chart-figure">
                <div class="chart-box" inner_html=p.chart.clone()></div>
                <figcaption>"Each bar is a theme; each segment a status, with its count. The same figures are in the table above."</figcaption>
            </figure>
        </section>
    }
    .into_any()
}

fn target_rows(slug: &str, rows: Vec<(TargetSnap, Option<Status>)>, with_before: bool) -> AnyView {
    view! {
        <table class="pack-targets">
            <thead><tr>
                <th scope="col">"Target"</th><th scope="col">"Action"</th><th scope="col">"Lead"</th>
                <th scope="col">"Due"</th><th scope="col">"Latest figure"</th>
                {with_before.then(|| view! { <th scope="col">"Before"</th> })}
                <th scope="col">"Status"</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|(t, before)| {
                    let narrative = t.narrative.clone();
                    view! {
                        <tr>
                            <th scope="row">{t.target.clone()}
                                {narrative.map(|n| view! { <p class="narrative">{n}</p> })}
                            </th>
                            <td><a href=format!("/forums/{slug}/actions/{}", t.action_id)>{t.action.clone()}</a></td>
                            <td>{t.lead.clone().unwrap_or_default()}</td>
                            <td>{t.due.map(|d| d.format("%-d %b %Y").to_string()).unwrap_or_default()}</td>
                            <td>{t.latest.clone().unwrap_or_else(|| "—".to_owned())}</td>
                            {with_before.then(|| view! { <td>{before.map_or("Not in the plan", Status::label)}</td> })}
                            <td><StatusBadge status=t.status/></td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// The exceptions: overdue, off track, at risk and no data, with their narratives.
pub fn exceptions(p: &ReviewPage) -> AnyView {
    let slug = p.forum.slug.clone();
    let id = format!("review-{}-exceptions", p.review.id);
    let label = id.clone();
    let rows: Vec<_> = p.exceptions.iter().map(|t| (t.clone(), None)).collect();
    view! {
        <section class="pack-section" aria-labelledby=label>
            <h2 id=id>{format!("Exceptions ({})", p.exceptions.len())}</h2>
            <p class="muted">"Targets overdue, off track, at risk or with no data, most urgent first, with the narrative of their latest figure."</p>
            {if rows.is_empty() {
                view! { <p>"None: every target was met, on track, not yet due or reported."</p> }.into_any()
            } else {
                target_rows(&slug, rows, false)
            }}
        </section>
    }
    .into_any()
}

/// What changed between the previous review's snapshot and this one's.
pub fn since_previous(p: &ReviewPage) -> AnyView {
    let slug = p.forum.slug.clone();
    let id = format!("review-{}-changes", p.review.id);
    let label = id.clone();
    let rows = |c: &[Change]| -> Vec<(TargetSnap, Option<Status>)> {
        c.iter().map(|c| (c.now.clone(), c.before)).collect()
    };
    let body = match &p.previous {
        None => view! { <p>"This is the first review: there is nothing to compare with."</p> }
            .into_any(),
        Some(prev) => {
            let red = rows(&p.newly_red);
            let met = rows(&p.newly_met);
            view! {
                <p>{format!("Compared with “{}” (statuses as of {}).", prev.title, date(prev.as_of))}</p>
                <h3>{format!("Newly red: overdue or off track ({})", red.len())}</h3>
                {if red.is_empty() { view! { <p class="muted">"None."</p> }.into_any() } else { target_rows(&slug, red, true) }}
                <h3>{format!("Newly met ({})", met.len())}</h3>
                {if met.is_empty() { view! { <p class="muted">"None."</p> }.into_any() } else { target_rows(&slug, met, true) }}
            }
            .into_any()
        }
    };
    view! {
        <section class="pack-section" aria-labelledby=label>
            <h2 id=id>"Since the previous review"</h2>
            {body}
        </section>
    }
    .into_any()
}

/// One minute as text: what, who, by when, what happened, the plan action it became.
pub fn minute_body(slug: &str, m: &Minute) -> AnyView {
    let mut facts = Vec::new();
    if let Some(o) = &m.owner {
        facts.push(format!("Owner: {o}"));
    }
    if let Some(d) = m.due {
        facts.push(format!("Due: {}", date(d)));
    }
    let action = m.action.clone().map(|(id, title)| {
        view! { <p>"Plan action: "<a href=format!("/forums/{slug}/actions/{id}")>{title}</a></p> }
    });
    view! {
        <p class="minute-text"><strong>{format!("{}: ", m.kind.label())}</strong>{m.text.clone()}</p>
        {(!facts.is_empty()).then(|| view! { <p class="minute-facts">{facts.join(" · ")}
            {m.late.then(|| view! { " · "<strong class="overdue">"Overdue"</strong> })}</p> })}
        {m.outcome.clone().map(|o| view! { <p>"What happened: "{o}</p> })}
        {action}
    }
    .into_any()
}
