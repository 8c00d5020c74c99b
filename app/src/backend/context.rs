//! What server functions find in the request context.
use sea_orm::DatabaseConnection;

/// Shared, cheap to clone: the database pool and settings every use case needs.
#[derive(Clone, Debug)]
pub struct AppContext {
    /// The connection pool.
    pub db: DatabaseConnection,
}
