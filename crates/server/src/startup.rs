//! One start-up path for `main` and the integration tests: open the database, migrate, bind,
//! serve until told to stop, then close the database cleanly.

use std::future::Future;
use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use eventmgr_app::App;
use eventmgr_app::auth::TokenKeys;
use eventmgr_http::HttpSettings;
use eventmgr_store::{PoolSettings, Store};
use sha2::{Digest, Sha256};
use tokio::net::TcpListener;

use crate::config::Config;

/// Opens the configured database (creating the data directory first).
pub async fn open_store(config: &Config) -> anyhow::Result<Store> {
    config.prepare_data_dir()?;
    let settings = PoolSettings {
        max_connections: config.db_max_connections,
        acquire_timeout: Duration::from_secs(10),
    };
    Ok(Store::connect(&config.effective_database_url(), &settings).await?)
}

fn kid(secret: &[u8]) -> String {
    hex::encode(Sha256::digest(secret))[..12].to_owned()
}

/// The signing secret: configured, or generated once and kept in the data directory so that
/// restarts do not log everybody out.
fn load_or_create_secret(data_dir: &Path, file: &str) -> anyhow::Result<Vec<u8>> {
    let path = data_dir.join(file);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(hex::decode(text.trim()).map_err(|_| {
            anyhow::anyhow!(
                "{} is corrupt; delete it to generate a new key",
                path.display()
            )
        })?),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let secret: [u8; 32] = rand::random();
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            match options.open(&path) {
                Ok(mut file) => {
                    std::io::Write::write_all(&mut file, hex::encode(secret).as_bytes())?;
                    Ok(secret.to_vec())
                }
                // Another process created it first: use theirs.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    load_or_create_secret(data_dir, file)
                }
                Err(e) => Err(anyhow::anyhow!("cannot write {}: {e}", path.display())),
            }
        }
        Err(e) => Err(anyhow::anyhow!("cannot read {}: {e}", path.display())),
    }
}

/// The key storage secrets (MFA) are sealed with: configured, or generated once and kept in
/// the data directory. Losing it makes stored MFA secrets unreadable, so back it up with the
/// database; replicas must share it (`EVENTMGR_SECRET_KEY`).
fn master_key(config: &Config) -> anyhow::Result<Vec<u8>> {
    match &config.secret_key {
        Some(key) => Ok(key.as_bytes().to_vec()),
        None => load_or_create_secret(&config.data_dir, "secret.key"),
    }
}

pub fn token_keys(config: &Config) -> anyhow::Result<TokenKeys> {
    let current = match &config.jwt_secret {
        Some(secret) => secret.as_bytes().to_vec(),
        None => load_or_create_secret(&config.data_dir, "jwt.key")?,
    };
    let mut keys = vec![(kid(&current), current)];
    if let Some(previous) = &config.jwt_previous_secret {
        keys.push((kid(previous.as_bytes()), previous.as_bytes().to_vec()));
    }
    Ok(TokenKeys::new(keys, config.access_token_ttl_seconds)?)
}

/// Builds the application context on a migrated database.
pub async fn build_app(config: &Config) -> anyhow::Result<App> {
    let store = open_store(config).await?;
    let applied = store.migrate().await?;
    if !applied.is_empty() {
        tracing::info!(migrations = ?applied, "applied migrations");
    }
    let blobs = eventmgr_app::blobs::BlobStore::open(&config.blob_config())
        .map_err(|e| anyhow::anyhow!("blob_url: {e}"))?;
    let mut app = App::new(store, blobs, token_keys(config)?, &master_key(config)?)
        .with_public_url(&config.effective_public_url())
        .with_max_upload_bytes(config.max_upload_bytes);
    if let Some(url) = &config.smtp_url {
        app = app.with_mailer(
            eventmgr_app::mail::Mailer::from_url(url, &config.mail_from)
                .map_err(|e| anyhow::anyhow!("smtp_url: {e}"))?,
        );
    }
    app.ensure_builtin_roles().await?;
    Ok(app)
}

/// A bound, ready server.
pub struct Application {
    listener: TcpListener,
    app: App,
    settings: HttpSettings,
}

impl Application {
    pub async fn build(config: &Config) -> anyhow::Result<Application> {
        let app = build_app(config).await?;
        let listener = TcpListener::bind(config.listen)
            .await
            .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", config.listen))?;
        let settings = HttpSettings {
            request_timeout: Duration::from_secs(config.request_timeout_seconds),
        };
        Ok(Application {
            listener,
            app,
            settings,
        })
    }

    /// The application context (tests seed data through it).
    pub fn app(&self) -> &App {
        &self.app
    }

    /// True on a fresh database, so `serve` can say how to get in.
    pub async fn has_no_users(&self) -> bool {
        matches!(
            eventmgr_store::repo::users::count(self.app.store.conn()).await,
            Ok(0)
        )
    }

    pub fn local_addr(&self) -> anyhow::Result<SocketAddr> {
        Ok(self.listener.local_addr()?)
    }

    /// Serves until `shutdown` resolves; in-flight requests finish, new connections are
    /// refused, then the database is closed.
    pub async fn run_until_stopped(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let router = eventmgr_http::router(self.app.clone(), self.settings);
        // Live updates: the feed reader (LISTEN on PostgreSQL) runs beside the server.
        let feed = tokio::spawn({
            let app = self.app.clone();
            async move { app.run_live_feed().await }
        });
        let live = self.app.live.clone();
        let shutdown = async move {
            shutdown.await;
            // Event streams never end by themselves; end them so the shutdown can finish.
            live.close();
        };
        let served = axum::serve(
            self.listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await;
        feed.abort();
        served?;
        self.app.store.close().await?;
        Ok(())
    }
}

/// Resolves on SIGINT or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing in-flight requests");
}
