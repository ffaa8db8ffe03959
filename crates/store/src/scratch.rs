//! Scratch SQLite databases for the store's own tests: a fresh file per test, removed after.

use std::path::PathBuf;

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
