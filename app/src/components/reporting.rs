//! The current reporting period line, and the table of returns shared by "My updates" and the
//! coordinator's returns page.
use crate::components::status_badge::StatusBadge;
use crate::domain::progress::{ReportingNote, ReturnItem};
use crate::domain::update::ReturnState;
use leptos::prelude::*;

/// "Returns for 2006/07 Q2 (1 Jul – 30 Sep 2006) are due by 30 October 2006."
#[component]
pub fn ReportingLine(note: ReportingNote) -> impl IntoView {
    let overdue = note.today > note.period.deadline;
    view! {
        <p class="reporting">
            "Returns for "<strong>{note.period.long_label()}</strong>
            {if overdue { " were due by " } else { " are due by " }}
            <strong>{note.period.deadline.format("%-d %B %Y").to_string()}</strong>"."
            {note.fixed.then(|| view! {
                " "<span class="muted">{format!("This forum's calendar is fixed at {} (a training or demonstration forum).", note.today.format("%-d %B %Y"))}</span>
            })}
        </p>
    }
}

fn state_cell(item: &ReturnItem) -> AnyView {
    let class = match item.state {
        ReturnState::Returned => "return-state return-returned",
        ReturnState::Missing | ReturnState::Draft if item.overdue => "return-state return-overdue",
        _ => "return-state",
    };
    view! {
        <span class=class data-state=item.state.as_str()>{item.state.label()}</span>
        {item.overdue.then(|| view! { " " <strong class="overdue">"Overdue"</strong> })}
        {item.comment.clone().map(|c| view! { <br/><span class="comment">"Comment: "{c}</span> })}
    }
    .into_any()
}

/// A table of returns.
#[component]
pub fn ReturnTable(caption: String, items: Vec<ReturnItem>) -> impl IntoView {
    view! {
        <table class="returns">
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">"Target"</th>
                    <th scope="col">"Action"</th>
                    <th scope="col">"Lead"</th>
                    <th scope="col">"Period"</th>
                    <th scope="col">"Due"</th>
                    <th scope="col">"Return"</th>
                    <th scope="col">"Status"</th>
                </tr>
            </thead>
            <tbody>
                {items.into_iter().map(|i| view! {
                    <tr>
                        <th scope="row"><a href=i.href.clone()>{i.target.clone()}</a></th>
                        <td data-label="Action">{i.action.clone()}<br/><span class="muted">{i.theme.clone()}</span></td>
                        <td data-label="Lead">{i.lead.clone().unwrap_or_else(|| "—".to_owned())}</td>
                        <td data-label="Period">{i.period.label.clone()}</td>
                        <td data-label="Due">{i.period.deadline.format("%-d %b %Y").to_string()}</td>
                        <td data-label="Return">{state_cell(&i)}</td>
                        <td data-label="Status"><StatusBadge status=i.status/></td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
