//! The table of an action's targets with their aims, latest figures and statuses.
use crate::components::status_badge::StatusBadge;
use crate::domain::views::TargetRow;
use leptos::prelude::*;

/// Targets of one action.
#[component]
pub fn TargetTable(forum: String, caption: String, targets: Vec<TargetRow>) -> impl IntoView {
    view! {
        <table class="targets">
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">"Target"</th>
                    <th scope="col">"Aim"</th>
                    <th scope="col">"Latest"</th>
                    <th scope="col">"Status"</th>
                </tr>
            </thead>
            <tbody>
                {targets
                    .into_iter()
                    .map(|t| {
                        let indicator = t.indicator.map(|i| {
                            let href = format!("/forums/{forum}/indicators/{}", i.id);
                            view! {
                                <span class="indicator-tag">
                                    <a href=href title=i.title>{format!("{} {}", i.framework, i.code)}</a>
                                </span>
                            }
                        });
                        let latest = match (t.latest, t.latest_period) {
                            (Some(v), Some(p)) => format!("{v} ({p})"),
                            (Some(v), None) => v,
                            _ => "—".to_owned(),
                        };
                        view! {
                            <tr>
                                <th scope="row">{t.title}" "{indicator}</th>
                                <td data-label="Aim">{t.aim}</td>
                                <td data-label="Latest">{latest}</td>
                                <td data-label="Status"><StatusBadge status=t.status/></td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
