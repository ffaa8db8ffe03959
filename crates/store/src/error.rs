//! Errors of the persistence layer, with constraint violations recognised by name.

use sea_orm::{DbErr, SqlErr};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The configuration (URL, options) is unusable.
    #[error("{0}")]
    Config(String),
    /// The database could not be reached.
    #[error("database unavailable: {0}")]
    Unavailable(String),
    /// A unique index refused the write; the text names the index or table.column.
    #[error("unique constraint violated: {0}")]
    Unique(String),
    /// A foreign key refused the write.
    #[error("foreign key constraint violated: {0}")]
    ForeignKey(String),
    /// No connection (or, on SQLite, no turn to write) within the configured wait: the
    /// database is overloaded, nothing is wrong with the request.
    #[error("database busy: no connection or turn to write within the wait")]
    Busy,
    #[error("corrupt stored value: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Db(DbErr),
}

impl From<DbErr> for StoreError {
    fn from(err: DbErr) -> Self {
        if matches!(
            err,
            DbErr::ConnectionAcquire(sea_orm::ConnAcquireErr::Timeout)
        ) {
            return StoreError::Busy;
        }
        match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(text)) => StoreError::Unique(text),
            Some(SqlErr::ForeignKeyConstraintViolation(text)) => StoreError::ForeignKey(text),
            _ => StoreError::Db(err),
        }
    }
}

impl StoreError {
    /// True when a unique index on `table.column` refused the write. PostgreSQL names the
    /// index (`uq_users_email`), SQLite the columns (`users.email`); both are recognised.
    pub fn is_unique_on(&self, table: &str, column: &str) -> bool {
        match self {
            StoreError::Unique(text) => {
                text.contains(&format!("uq_{table}_{column}"))
                    || text.contains(&format!("{table}.{column}"))
            }
            _ => false,
        }
    }
}
