//! The forum dashboard, for everyone in the forum (viewers included).
use crate::api::ApiError;
use crate::domain::dashboard::Dashboard;
use leptos::prelude::*;

/// The dashboard of a forum, narrowed by the filters given (each optional; blank: all).
#[server(endpoint = "get_dashboard")]
pub async fn get_dashboard(
    forum: String,
    strategy: Option<String>,
    theme: Option<String>,
    lead: Option<String>,
    framework: Option<String>,
    period: Option<String>,
    status: Option<String>,
) -> Result<Dashboard, ApiError> {
    use crate::domain::dashboard::DashboardFilter;
    use crate::domain::role::Permission;
    let a = crate::api::guard::forum(&forum, Permission::ViewForum).await?;
    let some = |v: Option<String>| v.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
    let number = |v: Option<String>, what: &str| -> Result<Option<i32>, ApiError> {
        some(v)
            .map(|t| {
                t.parse().map_err(|_| {
                    ApiError::Invalid(format!("“{t}” is not a {what}: choose one from the list."))
                })
            })
            .transpose()
    };
    let filter = DashboardFilter {
        strategy: some(strategy),
        theme: number(theme, "theme")?,
        lead: number(lead, "lead partner")?,
        framework: some(framework),
        period: some(period)
            .map(|p| {
                chrono::NaiveDate::parse_from_str(&p, "%Y-%m-%d").map_err(|_| {
                    ApiError::Invalid(format!("“{p}” is not a quarter: choose one from the list."))
                })
            })
            .transpose()?,
        status: some(status)
            .map(|s| {
                s.parse()
                    .map_err(|_| ApiError::Invalid(format!("“{s}” is not a status.")))
            })
            .transpose()?,
    };
    Ok(crate::backend::dashboard::dashboard(&a.ctx.db, &a.forum, filter, a.today).await?)
}
