//! Opening the database named by a URL: SQLite (embedded default) or PostgreSQL.

use std::str::FromStr;
use std::time::Duration;

use sea_orm::sqlx::Connection;
use sea_orm::sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sea_orm::sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous,
};
use sea_orm::{DatabaseConnection, SqlxPostgresConnector, SqlxSqliteConnector};

use crate::StoreError;

/// Which engine a URL names; decided once, at start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn from_url(url: &str) -> Result<Backend, StoreError> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            Err(StoreError::Config(
                "database URL must start with sqlite: or postgres://".to_owned(),
            ))
        }
    }
}

/// Pool sizing; SQLite serialises writers anyway, so its pool stays small.
#[derive(Debug, Clone)]
pub struct PoolSettings {
    pub max_connections: u32,
    pub acquire_timeout: Duration,
}

impl Default for PoolSettings {
    fn default() -> Self {
        Self {
            max_connections: 10,
            acquire_timeout: Duration::from_secs(10),
        }
    }
}

/// A pooled PostgreSQL connection idle this long is pinged before use.
const PING_WHEN_IDLE_FOR: Duration = Duration::from_secs(30);

/// The pools of one database: `reads` serves reads and single-statement writes; on SQLite,
/// `writes` is the one connection that write transactions use.
pub(crate) struct Pools {
    pub reads: DatabaseConnection,
    pub writes: Option<DatabaseConnection>,
    pub backend: Backend,
}

pub(crate) async fn open(url: &str, settings: &PoolSettings) -> Result<Pools, StoreError> {
    let backend = Backend::from_url(url)?;
    let bad_url = |e: sea_orm::sqlx::Error| {
        StoreError::Config(format!("invalid database URL: {}", redact(&e.to_string())))
    };
    let pools = match backend {
        Backend::Sqlite => {
            let options = SqliteConnectOptions::from_str(url)
                .map_err(bad_url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                .pragma("temp_store", "memory");
            let pool = |size: u32| {
                SqlitePoolOptions::new()
                    .max_connections(size)
                    .acquire_timeout(settings.acquire_timeout)
                    // A connection to a local file cannot go away: no liveness ping (a round
                    // trip through the connection's worker thread) before every query.
                    .test_before_acquire(false)
                    .connect_with(options.clone())
            };
            let unavailable = |e: sea_orm::sqlx::Error| StoreError::Unavailable(e.to_string());
            let reads = pool(settings.max_connections.min(8))
                .await
                .map_err(unavailable)?;
            // SQLite writes one transaction at a time; its writers take turns on a connection
            // of their own, so that a writer never waits for a reader to hand one back
            // (`tx` says what waiting cost).
            let writes = pool(1).await.map_err(unavailable)?;
            Pools {
                reads: SqlxSqliteConnector::from_sqlx_sqlite_pool(reads),
                writes: Some(SqlxSqliteConnector::from_sqlx_sqlite_pool(writes)),
                backend,
            }
        }
        Backend::Postgres => {
            let options = PgConnectOptions::from_str(url)
                .map_err(bad_url)?
                .application_name("eventmgr")
                // A search reads a sample of a broad match (`repo::search::find_passes`),
                // which PostgreSQL may read by scanning the table up to the sample's limit.
                // With synchronised scans such a scan starts wherever another one is, so the
                // same search listed different records each time; from the start it lists the
                // same ones.
                .options([("synchronize_seqscans", "off")]);
            let pool = PgPoolOptions::new()
                .max_connections(settings.max_connections)
                .acquire_timeout(settings.acquire_timeout)
                // sqlx pings every connection it hands out: a round trip to the server per
                // query, as many as the queries themselves on small reads. Only a connection
                // idle long enough to have been dropped (a database restart, a firewall's
                // idle cut) is checked; a connection that breaks in use is discarded by sqlx.
                .test_before_acquire(false)
                .before_acquire(|conn, meta| {
                    Box::pin(async move {
                        if meta.idle_for >= PING_WHEN_IDLE_FOR {
                            conn.ping().await?;
                        }
                        Ok(true)
                    })
                })
                .connect_with(options)
                .await
                .map_err(|e| StoreError::Unavailable(redact(&e.to_string())))?;
            Pools {
                reads: SqlxPostgresConnector::from_sqlx_postgres_pool(pool),
                writes: None,
                backend,
            }
        }
    };
    Ok(pools)
}

/// Removes a password from any URL-like text so it never reaches a log line.
pub fn redact(text: &str) -> String {
    text.split_whitespace()
        .map(|word| match url::Url::parse(word) {
            Ok(mut u) if u.password().is_some() => {
                let _ = u.set_password(Some("****"));
                u.to_string()
            }
            _ => word.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backend_from_url() {
        assert_eq!(
            Backend::from_url("sqlite:data/x.db").ok(),
            Some(Backend::Sqlite)
        );
        assert_eq!(
            Backend::from_url("postgres://u@h/db").ok(),
            Some(Backend::Postgres)
        );
        assert!(Backend::from_url("mysql://h/db").is_err());
    }

    /// `.cargo/config.toml` builds SQLite with `SQLITE_ENABLE_QPSG`; without it every query
    /// with a bound `LIMIT` is re-parsed on each run (see there). A build that lost the flag
    /// fails here instead of silently getting slower.
    #[tokio::test]
    async fn sqlite_is_built_with_the_query_planner_stability_guarantee() {
        use sea_orm::{ConnectionTrait, Statement};
        let db = open("sqlite::memory:", &PoolSettings::default())
            .await
            .unwrap()
            .reads;
        let row = db
            .query_one_raw(Statement::from_string(
                db.get_database_backend(),
                "SELECT COUNT(*) AS n FROM pragma_compile_options WHERE compile_options = 'ENABLE_QPSG'",
            ))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(row.try_get::<i64>("", "n").unwrap(), 1);
    }

    #[test]
    fn redacts_passwords() {
        assert_eq!(
            redact("cannot reach postgres://app:s3cret@db/x now"),
            "cannot reach postgres://app:****@db/x now"
        );
    }
}
