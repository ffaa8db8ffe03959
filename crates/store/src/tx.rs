//! Transactions, and on SQLite the one writer at a time that SQLite allows, taken in turn.
//!
//! SQLite lets one connection write at a time. Every write transaction used to send `BEGIN
//! IMMEDIATE` on a connection of the shared pool and, when another was writing, wait in
//! SQLite's busy handler, which sleeps 1, 2, 5, 10 … 100 ms between tries while holding that
//! connection. Under the benchmark's team mix (`bench team`, 64 users, size M) `strace`
//! counted 2,113 such sleeps in 10 s, 8.6 ms each: about two of the eight connections asleep
//! at any time, with readers queued behind them for the pool. Writers now wait for their turn
//! on an in-process fair queue, woken the moment the previous writer is done, and then write
//! on a connection of their own (`connect::Pools::writes`), so that a writer holding the turn
//! never waits for a reader to give a connection back. The busy handler stays as the backstop
//! for writes outside a transaction and for other processes (the CLI) on the same file.

use std::sync::Arc;
use std::time::Duration;

use sea_orm::{
    ConnectionTrait, DatabaseTransaction, DbBackend, DbErr, ExecResult, QueryResult, Statement,
};
use tokio::sync::{Mutex, OwnedMutexGuard};

/// The writers' queue of one SQLite database; PostgreSQL has none (rows lock themselves).
#[derive(Clone)]
pub(crate) struct WriteTurns {
    queue: Arc<Mutex<()>>,
    /// How long a writer waits for its turn: the same as SQLite's own busy timeout, after
    /// which the store answers "unavailable" instead of waiting on.
    wait: Duration,
}

impl WriteTurns {
    pub(crate) fn new(wait: Duration) -> WriteTurns {
        WriteTurns {
            queue: Arc::new(Mutex::new(())),
            wait,
        }
    }

    /// Waits for this writer's turn (first come, first served).
    pub(crate) async fn take(&self) -> Result<OwnedMutexGuard<()>, DbErr> {
        tokio::time::timeout(self.wait, self.queue.clone().lock_owned())
            .await
            .map_err(|_| DbErr::ConnectionAcquire(sea_orm::ConnAcquireErr::Timeout))
    }
}

/// An open transaction; dropping it rolls back. On SQLite a write transaction holds the
/// writers' turn until it commits or is dropped; read snapshots hold none.
pub struct Tx {
    inner: DatabaseTransaction,
    _turn: Option<OwnedMutexGuard<()>>,
}

impl Tx {
    pub(crate) fn new(inner: DatabaseTransaction, turn: Option<OwnedMutexGuard<()>>) -> Tx {
        Tx { inner, _turn: turn }
    }

    /// Commits; the turn passes to the next writer once the commit is done.
    pub async fn commit(self) -> Result<(), DbErr> {
        self.inner.commit().await
    }

    /// The transaction itself, for APIs that want SeaORM's own type (migrations).
    pub(crate) fn inner(&self) -> &DatabaseTransaction {
        &self.inner
    }
}

#[async_trait::async_trait]
impl ConnectionTrait for Tx {
    fn get_database_backend(&self) -> DbBackend {
        self.inner.get_database_backend()
    }

    async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        self.inner.execute_raw(stmt).await
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        self.inner.execute_unprepared(sql).await
    }

    async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        self.inner.query_one_raw(stmt).await
    }

    async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        self.inner.query_all_raw(stmt).await
    }

    fn support_returning(&self) -> bool {
        self.inner.support_returning()
    }

    fn is_mock_connection(&self) -> bool {
        self.inner.is_mock_connection()
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use crate::{PoolSettings, Store};
    use sea_orm::{ConnectionTrait, Statement};

    async fn scratch(name: &str, wait: Duration) -> (Store, std::path::PathBuf) {
        let settings = PoolSettings {
            max_connections: 2,
            acquire_timeout: wait,
        };
        let (store, path) = crate::scratch::store(name, &settings).await;
        store
            .conn()
            .execute_unprepared("CREATE TABLE t (n INTEGER NOT NULL)")
            .await
            .unwrap();
        (store, path)
    }

    async fn count(db: &impl ConnectionTrait) -> i64 {
        let row = db
            .query_one_raw(Statement::from_string(
                db.get_database_backend(),
                "SELECT COUNT(*) AS n FROM t",
            ))
            .await
            .unwrap()
            .unwrap();
        row.try_get::<i64>("", "n").unwrap()
    }

    /// A writer does not need a reader's connection: with every pooled read connection
    /// held by an open snapshot, a write transaction still begins and commits.
    #[tokio::test]
    async fn a_write_needs_no_connection_of_the_readers() {
        let (store, path) = scratch("writer-conn", Duration::from_secs(5)).await;
        let first = store.snapshot().await.unwrap();
        let second = store.snapshot().await.unwrap();
        assert_eq!(count(&first).await, 0);
        assert_eq!(count(&second).await, 0);
        let write = tokio::time::timeout(Duration::from_secs(5), async {
            let txn = store.begin().await.unwrap();
            txn.execute_unprepared("INSERT INTO t (n) VALUES (1)")
                .await
                .unwrap();
            txn.commit().await.unwrap();
        })
        .await;
        assert!(write.is_ok(), "the write waited for a reader's connection");
        first.commit().await.unwrap();
        second.commit().await.unwrap();
        assert_eq!(count(store.conn()).await, 1);
        crate::scratch::remove(store, path).await;
    }

    /// Writers take turns: the second waits, without an error, until the first commits, and
    /// then sees its row; a writer that cannot get its turn in time gets an error instead
    /// of waiting on.
    #[tokio::test]
    async fn writers_take_turns_and_give_up_after_the_wait() {
        let (store, path) = scratch("writer-turns", Duration::from_millis(300)).await;
        let first = store.begin().await.unwrap();
        first
            .execute_unprepared("INSERT INTO t (n) VALUES (1)")
            .await
            .unwrap();
        // The turn is taken: a second writer gives up after the configured wait, as busy.
        assert!(matches!(store.begin().await, Err(crate::StoreError::Busy)));
        let waiting = {
            let store = store.clone();
            tokio::spawn(async move {
                let txn = store.begin().await.unwrap();
                let seen = count(&txn).await;
                txn.execute_unprepared("INSERT INTO t (n) VALUES (2)")
                    .await
                    .unwrap();
                txn.commit().await.unwrap();
                seen
            })
        };
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(!waiting.is_finished());
        first.commit().await.unwrap();
        assert_eq!(waiting.await.unwrap(), 1);
        assert_eq!(count(store.conn()).await, 2);
        crate::scratch::remove(store, path).await;
    }

    /// A dropped transaction rolls back and passes the turn on.
    #[tokio::test]
    async fn a_dropped_writer_rolls_back_and_passes_the_turn() {
        let (store, path) = scratch("writer-drop", Duration::from_secs(5)).await;
        let txn = store.begin().await.unwrap();
        txn.execute_unprepared("INSERT INTO t (n) VALUES (1)")
            .await
            .unwrap();
        drop(txn);
        let next = store.begin().await.unwrap();
        assert_eq!(count(&next).await, 0);
        next.commit().await.unwrap();
        crate::scratch::remove(store, path).await;
    }
}
