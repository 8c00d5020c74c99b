//! What server functions find in the request context.
use crate::backend::accounts::SignInThrottle;
use sea_orm::DatabaseConnection;
use std::sync::Arc;

/// Shared, cheap to clone: the database pool and what every use case needs.
#[derive(Clone, Debug)]
pub struct AppContext {
    /// The connection pool.
    pub db: DatabaseConnection,
    /// Failed sign-ins, for rate limiting (one per server process).
    pub throttle: Arc<SignInThrottle>,
    /// Flash messages too large for a cookie (one store per server process).
    pub flashes: Arc<crate::backend::web::FlashStore>,
    /// Dashboards built, kept by forum revision (one store per server process).
    pub dashboards: Arc<crate::backend::dashboard::Kept>,
    /// Strategy pages built, kept by forum revision (one store per server process).
    pub strategies: Arc<crate::backend::strategy_page::Kept>,
    /// Funder reports built, kept by forum revision (one store per server process).
    pub reports: Arc<crate::backend::share::Kept>,
    /// Forum home pages built, kept by forum revision (one store per server process).
    pub homes: Arc<crate::backend::forums::Kept>,
    /// Action pages built, kept by forum revision (one store per server process).
    pub actions: Arc<crate::backend::action_page::Kept>,
}

impl AppContext {
    /// A context for `db` with an empty sign-in throttle.
    pub fn new(db: DatabaseConnection) -> Self {
        AppContext {
            db,
            throttle: Arc::new(SignInThrottle::default()),
            flashes: Arc::default(),
            dashboards: Arc::new(crate::backend::dashboard::Kept::new(
                crate::backend::dashboard::KEPT,
            )),
            strategies: Arc::new(crate::backend::strategy_page::Kept::new(
                crate::backend::strategy_page::KEPT,
            )),
            reports: Arc::new(crate::backend::share::Kept::new(
                crate::backend::share::KEPT,
            )),
            homes: Arc::new(crate::backend::forums::Kept::new(
                crate::backend::forums::KEPT,
            )),
            actions: Arc::new(crate::backend::action_page::Kept::new(
                crate::backend::action_page::KEPT,
            )),
        }
    }
}
