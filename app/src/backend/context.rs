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
}

impl AppContext {
    /// A context for `db` with an empty sign-in throttle.
    pub fn new(db: DatabaseConnection) -> Self {
        AppContext {
            db,
            throttle: Arc::new(SignInThrottle::default()),
            flashes: Arc::default(),
        }
    }
}
