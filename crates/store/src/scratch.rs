//! Scratch databases for the store's own tests: a fresh SQLite file or PostgreSQL database
//! per test, removed after.

use std::path::PathBuf;

use sea_orm::ConnectionTrait;
use uuid::Uuid;

use crate::{PoolSettings, Store};

/// A store in a fresh SQLite file, not yet migrated; [`remove`] deletes the files.
pub(crate) async fn store(name: &str, settings: &PoolSettings) -> (Store, PathBuf) {
    let path = std::env::temp_dir().join(format!("eventmgr-{name}-{}.db", Uuid::now_v7()));
    let store = Store::connect(&format!("sqlite://{}", path.display()), settings)
        .await
        .unwrap();
    (store, path)
}

/// Closes the store and deletes its files (the database, its WAL and shared memory).
pub(crate) async fn remove(store: Store, path: PathBuf) {
    store.close().await.unwrap();
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

/// A fresh PostgreSQL database on the server of `TEST_DATABASE_URL`, not yet migrated;
/// [`remove_postgres`] drops it. `None` when that variable is not set — which fails under
/// `CI=true`, so that CI cannot skip the PostgreSQL half of a test unnoticed.
pub(crate) async fn postgres(name: &str, settings: &PoolSettings) -> Option<ScratchPostgres> {
    let Some(base) = std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
    else {
        assert_ne!(
            std::env::var("CI").as_deref(),
            Ok("true"),
            "CI=true but TEST_DATABASE_URL is not set"
        );
        return None;
    };
    let name = format!("eventmgr_{name}_{}", Uuid::now_v7().simple());
    let admin = sea_orm::Database::connect(&base).await.unwrap();
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .unwrap();
    let (server, _) = base.rsplit_once('/').unwrap();
    let store = Store::connect(&format!("{server}/{name}"), settings)
        .await
        .unwrap();
    Some(ScratchPostgres { store, admin, name })
}

/// A scratch PostgreSQL database and the connection that drops it.
pub(crate) struct ScratchPostgres {
    pub store: Store,
    admin: sea_orm::DatabaseConnection,
    name: String,
}

/// Closes the store and drops its database.
pub(crate) async fn remove_postgres(scratch: ScratchPostgres) {
    scratch.store.close().await.unwrap();
    scratch
        .admin
        .execute_unprepared(&format!("DROP DATABASE {} WITH (FORCE)", scratch.name))
        .await
        .unwrap();
}
