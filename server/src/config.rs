//! Settings read from the environment (documented in the README).
use app::backend::db::DEFAULT_DATABASE_URL;
use tracing_subscriber::EnvFilter;

/// The binary's settings.
#[derive(Clone, Debug)]
pub struct Config {
    /// `DATABASE_URL`: `sqlite://…` or `postgres://…`.
    pub database_url: String,
    /// `FORUMPLAN_SITE_ROOT` (or cargo-leptos's `LEPTOS_SITE_ROOT`): the built site, `target/site`.
    pub site_root: String,
    /// `FORUMPLAN_PUBLIC_URL`: the address people use (`https://plan.example.org`) when a proxy
    /// stands in front; it makes cookies `Secure` and is trusted as the origin of form posts.
    pub public_url: Option<String>,
    /// `FORUMPLAN_TRUSTED_PROXIES`: the addresses of the reverse proxies in front (comma
    /// separated). A request from one of them is taken to come from the address its
    /// `X-Forwarded-For` names; any other peer's header is ignored.
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

impl Config {
    /// Reads the settings, with defaults that work from the repository root.
    pub fn from_env() -> Self {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        Config {
            database_url: var("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned()),
            site_root: var("FORUMPLAN_SITE_ROOT")
                .or_else(|| var("LEPTOS_SITE_ROOT"))
                .unwrap_or_else(|| "target/site".to_owned()),
            public_url: var("FORUMPLAN_PUBLIC_URL").map(|u| u.trim_end_matches('/').to_owned()),
            trusted_proxies: var("FORUMPLAN_TRUSTED_PROXIES")
                .map(|v| {
                    v.split(',')
                        .map(str::trim)
                        .filter(|a| !a.is_empty())
                        .filter_map(|a| match a.parse() {
                            Ok(ip) => Some(ip),
                            Err(_) => {
                                tracing::warn!(
                                    address = a,
                                    "FORUMPLAN_TRUSTED_PROXIES: not an IP address, ignored"
                                );
                                None
                            }
                        })
                        .collect()
                })
                .unwrap_or_default(),
        }
    }

    /// The database URL with any password hidden, for messages and logs.
    pub fn database_url_redacted(&self) -> String {
        redact(&self.database_url)
    }
}

fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    match rest.split_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

/// Logs to standard error; `RUST_LOG` sets the level (default `info`).
pub fn init_tracing() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm_migration=warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn passwords_are_hidden() {
        assert_eq!(
            redact("postgres://fp:secret@db:5432/fp"),
            "postgres://fp:***@db:5432/fp"
        );
        assert_eq!(redact("postgres://fp@db/fp"), "postgres://fp@db/fp");
        assert_eq!(
            redact("sqlite://data/forumplan.db?mode=rwc"),
            "sqlite://data/forumplan.db?mode=rwc"
        );
    }
}
