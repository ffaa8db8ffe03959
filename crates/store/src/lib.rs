//! Persistence of Event Manager: one schema for SQLite and PostgreSQL, and repositories per
//! aggregate. All backend-specific SQL lives in this crate and nowhere else.
//!
//! Repositories are plain async functions taking any [`Conn`] (the pool or an open
//! transaction), so a use case decides where its transaction begins and ends.

mod connect;
pub mod decimal;
pub mod entity;
mod error;
pub mod listen;
pub(crate) mod migration;
pub mod repo;
#[cfg(test)]
mod scratch;
mod tx;

use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::{
    AccessMode, ConnectionTrait, DatabaseConnection, IsolationLevel, SqliteTransactionMode,
    TransactionOptions, TransactionTrait,
};
use sea_orm_migration::MigratorTrait;

pub use connect::{Backend, PoolSettings, redact};
pub use decimal::DbDecimal;
pub use error::StoreError;
pub use sea_orm::{ConnectionTrait as Conn, DbErr};
pub use tx::Tx;

use migration::Migrator;

/// The current time at the precision both backends keep (microseconds), so that what is
/// written is exactly what is read back.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

/// A migration and whether it has been applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationState {
    pub name: String,
    pub applied: bool,
}

/// The database, opened from a URL.
#[derive(Clone)]
pub struct Store {
    db: DatabaseConnection,
    /// Write transactions' own pool (SQLite: one connection); `db` on PostgreSQL.
    writes: DatabaseConnection,
    backend: Backend,
    /// SQLite's writers, one at a time (see [`tx`]); none on PostgreSQL.
    write_turns: Option<tx::WriteTurns>,
}

/// Arbitrary constant that names the migration lock among PostgreSQL advisory locks.
const MIGRATION_LOCK_KEY: i64 = 0x6576_656e_746d_6772; // "eventmgr"

impl Store {
    pub async fn connect(url: &str, settings: &PoolSettings) -> Result<Store, StoreError> {
        let pools = connect::open(url, settings).await?;
        let write_turns = (pools.backend == Backend::Sqlite)
            .then(|| tx::WriteTurns::new(settings.acquire_timeout));
        Ok(Store {
            writes: pools.writes.unwrap_or_else(|| pools.reads.clone()),
            db: pools.reads,
            backend: pools.backend,
            write_turns,
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The pool, for reads and single-statement writes.
    pub fn conn(&self) -> &DatabaseConnection {
        &self.db
    }

    /// Begins a write transaction. On SQLite it takes the write lock at once (`BEGIN
    /// IMMEDIATE`): a deferred transaction that reads and then writes would fail with
    /// `SQLITE_BUSY` instead of waiting when another writer got there first. Before that, a
    /// SQLite writer waits for its turn among this process's writers without holding a
    /// pooled connection ([`tx`] says why).
    pub async fn begin(&self) -> Result<Tx, StoreError> {
        let turn = match &self.write_turns {
            Some(turns) => Some(turns.take().await?),
            None => None,
        };
        let options = TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..Default::default()
        };
        Ok(Tx::new(
            self.writes.begin_with_options(options).await?,
            turn,
        ))
    }

    /// Begins a read-only snapshot for an answer made of several reads (summary, dashboard):
    /// every read sees the same committed state, and all of them run on one pooled
    /// connection. Taking a connection from the pool for each read made such answers queue
    /// for the pool once per query under load (`bench/`: p50 170–230 ms at 64 connections).
    /// End it with `commit` (nothing to write; it releases the snapshot).
    ///
    /// PostgreSQL: `REPEATABLE READ READ ONLY`. SQLite: a deferred transaction, whose first
    /// read fixes the snapshot.
    pub async fn snapshot(&self) -> Result<Tx, StoreError> {
        let options = match self.backend {
            Backend::Postgres => TransactionOptions {
                isolation_level: Some(IsolationLevel::RepeatableRead),
                access_mode: Some(AccessMode::ReadOnly),
                ..Default::default()
            },
            Backend::Sqlite => TransactionOptions {
                sqlite_transaction_mode: Some(SqliteTransactionMode::Deferred),
                ..Default::default()
            },
        };
        Ok(Tx::new(self.db.begin_with_options(options).await?, None))
    }

    /// Applies pending migrations, returning the names applied. All of them run in one
    /// transaction; on PostgreSQL an advisory lock serialises replicas starting at once, so the
    /// second waits and then finds nothing left to do.
    pub async fn migrate(&self) -> Result<Vec<String>, StoreError> {
        let txn = self.begin().await?;
        if self.backend == Backend::Postgres {
            txn.execute_unprepared(&format!(
                "SELECT pg_advisory_xact_lock({MIGRATION_LOCK_KEY})"
            ))
            .await?;
        }
        let pending: Vec<String> = Migrator::get_pending_migrations(txn.inner())
            .await?
            .iter()
            .map(|m| m.name().to_owned())
            .collect();
        if !pending.is_empty() {
            Migrator::up(txn.inner(), None).await?;
        }
        txn.commit().await?;
        Ok(pending)
    }

    pub async fn migration_status(&self) -> Result<Vec<MigrationState>, StoreError> {
        let states = Migrator::get_migration_with_status_read_only(&self.db).await?;
        Ok(states
            .iter()
            .map(|m| MigrationState {
                name: m.name().to_owned(),
                applied: matches!(m.status(), sea_orm_migration::MigrationStatus::Applied),
            })
            .collect())
    }

    /// True when every known migration is applied (the readiness check).
    pub async fn migrations_current(&self) -> Result<bool, StoreError> {
        Ok(self.migration_status().await?.iter().all(|m| m.applied))
    }

    /// A cheap round trip to the database.
    pub async fn ping(&self) -> Result<(), StoreError> {
        Ok(self.db.ping().await?)
    }

    /// Closes the pools; on SQLite this checkpoints the WAL into the main file.
    pub async fn close(&self) -> Result<(), StoreError> {
        if self.backend == Backend::Sqlite {
            self.writes.close_by_ref().await?;
            self.db
                .execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)")
                .await?;
        }
        Ok(self.db.close_by_ref().await?)
    }
}
