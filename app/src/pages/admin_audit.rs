//! The audit log: every recorded change and sign-in, filtered, with a CSV export.
use crate::api::admin::get_audit_page;
use crate::components::loaded::loaded;
use crate::domain::account::{AuditFilter, AuditPage, AuditRow};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The filter named by the page's query string (a plain GET form sets it).
fn filter_of(get: impl Fn(&str) -> Option<String>) -> AuditFilter {
    let text = |k: &str| get(k).filter(|v| !v.trim().is_empty());
    AuditFilter {
        forum_id: text("forum").and_then(|v| v.parse().ok()),
        user_id: text("user").and_then(|v| v.parse().ok()),
        entity: text("entity"),
        action: text("action"),
        from: text("from").and_then(|v| v.parse().ok()),
        to: text("to").and_then(|v| v.parse().ok()),
    }
}

/// The same filter as a query string, for the CSV link.
fn query_of(f: &AuditFilter) -> String {
    let mut parts = Vec::new();
    if let Some(v) = f.forum_id {
        parts.push(format!("forum={v}"));
    }
    if let Some(v) = f.user_id {
        parts.push(format!("user={v}"));
    }
    for (k, v) in [("entity", &f.entity), ("action", &f.action)] {
        if let Some(v) = v {
            let safe: String = v
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            parts.push(format!("{k}={safe}"));
        }
    }
    if let Some(v) = f.from {
        parts.push(format!("from={v}"));
    }
    if let Some(v) = f.to {
        parts.push(format!("to={v}"));
    }
    parts.join("&")
}

/// A table of audit events (also the action history page's).
pub fn audit_table(rows: Vec<AuditRow>, caption: String) -> impl IntoView {
    view! {
        <table class="audit">
            <caption>{caption}</caption>
            <thead><tr>
                <th scope="col">"When (UTC)"</th><th scope="col">"Who"</th><th scope="col">"What"</th>
                <th scope="col">"Before"</th><th scope="col">"After"</th><th scope="col">"Detail"</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|r| {
                    let what = format!(
                        "{} {}{}{}",
                        r.action,
                        r.entity,
                        r.entity_id.map(|i| format!(" {i}")).unwrap_or_default(),
                        r.field.map(|f| format!(" ({f})")).unwrap_or_default()
                    );
                    let forum = r.forum.map(|f| view! { <br/><span class="muted">{f}</span> });
                    view! {
                        <tr>
                            <td>{r.at.format("%Y-%m-%d %H:%M:%S").to_string()}</td>
                            <td>{r.who}</td>
                            <td>{what}{forum}</td>
                            <td>{r.old_value}</td>
                            <td>{r.new_value}</td>
                            <td>{r.detail}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

fn filter_form(page: &AuditPage, f: &AuditFilter) -> impl IntoView + use<> {
    let opt = |id: i32, name: &str, chosen: Option<i32>| {
        view! { <option value=id.to_string() selected=chosen == Some(id)>{name.to_owned()}</option> }
    };
    let forums = page
        .forums
        .iter()
        .map(|(id, n)| opt(*id, n, f.forum_id))
        .collect_view();
    let users = page
        .users
        .iter()
        .map(|(id, n)| opt(*id, n, f.user_id))
        .collect_view();
    view! {
        <form method="get" action="/admin/audit" class="filters">
            <p><label for="f-forum">"Forum"</label><select id="f-forum" name="forum"><option value="">"Any"</option>{forums}</select></p>
            <p><label for="f-user">"Person"</label><select id="f-user" name="user"><option value="">"Anyone"</option>{users}</select></p>
            <p><label for="f-entity">"Record"</label><input id="f-entity" name="entity" value=f.entity.clone().unwrap_or_default() placeholder="e.g. app_user, membership, action"/></p>
            <p><label for="f-action">"Event"</label><input id="f-action" name="action" value=f.action.clone().unwrap_or_default() placeholder="e.g. sign_in_failed"/></p>
            <p><label for="f-from">"From"</label><input id="f-from" name="from" type="date" value=f.from.map(|d| d.to_string()).unwrap_or_default()/></p>
            <p><label for="f-to">"To"</label><input id="f-to" name="to" type="date" value=f.to.map(|d| d.to_string()).unwrap_or_default()/></p>
            <p><button type="submit">"Filter"</button></p>
        </form>
    }
}

/// The audit log page.
#[component]
pub fn AdminAuditPage() -> impl IntoView {
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let q = query.read();
        filter_of(|k| q.get(k))
    });
    let data = Resource::new(move || filter.get(), get_audit_page);
    loaded(data, move |page| {
        let f = filter.get_untracked();
        let csv = format!("/admin/audit.csv?{}", query_of(&f));
        let caption = if page.total > page.rows.len() as u64 {
            format!(
                "The newest {} of {} matching events",
                page.rows.len(),
                page.total
            )
        } else {
            format!("{} matching events", page.total)
        };
        view! {
            <Title text="Audit log"/>
            <h1>"Audit log"</h1>
            <p>"Every change, sign-in and failed sign-in, newest first. The log is only ever added to."</p>
            {filter_form(&page, &f)}
            <p><a href=csv download="forumplan-audit.csv">"Download these events as CSV"</a></p>
            {audit_table(page.rows, caption)}
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filter_round_trips_through_the_query_string() {
        let f = AuditFilter {
            forum_id: Some(3),
            user_id: None,
            entity: Some("app_user".to_owned()),
            action: Some("sign_in&x=1".to_owned()),
            from: "2026-11-01".parse().ok(),
            to: None,
        };
        let q = query_of(&f);
        assert_eq!(
            q,
            "forum=3&entity=app_user&action=sign_inx1&from=2026-11-01"
        );
        let pairs: Vec<(String, String)> = q
            .split('&')
            .filter_map(|p| p.split_once('='))
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        let back = filter_of(|k| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()));
        assert_eq!(back.forum_id, Some(3));
        assert_eq!(back.from, f.from);
        assert_eq!(back.entity.as_deref(), Some("app_user"));
    }
}
