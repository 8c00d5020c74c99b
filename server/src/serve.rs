//! Starting the web server.
use crate::cli::CliError;
use crate::config::Config;
use crate::routes;
use axum::serve::ListenerExt;
use leptos::prelude::LeptosOptions;
use sea_orm::DatabaseConnection;
use std::net::SocketAddr;

/// Serves the site on `addr` until interrupted.
///
/// # Errors
/// When the address cannot be bound or the server fails.
pub async fn serve(
    config: Config,
    db: DatabaseConnection,
    addr: SocketAddr,
) -> Result<(), CliError> {
    let options = LeptosOptions::builder()
        .output_name("forumplan")
        .site_root(config.site_root.clone())
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .build();
    if !std::path::Path::new(&config.site_root).join("pkg").exists() {
        tracing::warn!(
            site_root = %config.site_root,
            "the built site was not found; pages will render without styles or scripts. \
             Build it with `cargo leptos build --release` or set FORUMPLAN_SITE_ROOT"
        );
    }
    let door = crate::front_door::FrontDoor {
        public_origin: config.public_url.clone(),
        trusted_proxies: config.trusted_proxies.clone(),
    };
    let router = routes::router_with(options, app::backend::context::AppContext::new(db), door);
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| CliError::Server(format!("cannot listen on {addr}: {e}")))?
        // Small responses must not wait for Nagle's algorithm (DESIGN.md §7).
        .tap_io(|tcp| {
            let _ = tcp.set_nodelay(true);
        });
    println!(
        "ForumPlan is serving http://{addr} (database {})",
        config.database_url_redacted()
    );
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .map_err(|e| CliError::Server(format!("server stopped: {e}")))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
