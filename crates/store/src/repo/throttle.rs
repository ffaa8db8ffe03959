//! Failed-login counters, shared by every replica through the database.

use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Statement};

use crate::entity::login_throttle;
use crate::{Conn, StoreError};

pub async fn find<C: Conn>(db: &C, key: &str) -> Result<Option<login_throttle::Model>, StoreError> {
    Ok(login_throttle::Entity::find_by_id(key.to_owned())
        .one(db)
        .await?)
}

/// Counts one failure for `key` atomically (an upsert, so concurrent failures on several
/// replicas are all counted); a counter idle since `window_start` starts again at one.
/// Returns the new count.
pub async fn record_failure<C: Conn>(
    db: &C,
    key: &str,
    at: DateTime<Utc>,
    window_start: DateTime<Utc>,
) -> Result<i32, StoreError> {
    let backend = db.get_database_backend();
    // The same statement text works on SQLite (3.24+) and PostgreSQL.
    let sql = "INSERT INTO login_throttle (throttle_key, failures, last_failure_at, locked_until) VALUES ($1, 1, $2, NULL) \
               ON CONFLICT (throttle_key) DO UPDATE SET \
               failures = CASE WHEN login_throttle.last_failure_at < $3 THEN 1 ELSE login_throttle.failures + 1 END, \
               last_failure_at = $2";
    db.execute_raw(Statement::from_sql_and_values(
        backend,
        sql,
        [key.into(), at.into(), window_start.into()],
    ))
    .await?;
    let row = find(db, key)
        .await?
        .ok_or_else(|| StoreError::Corrupt("throttle row vanished".to_owned()))?;
    Ok(row.failures)
}

pub async fn lock_until<C: Conn>(
    db: &C,
    key: &str,
    until: DateTime<Utc>,
) -> Result<(), StoreError> {
    let model = login_throttle::ActiveModel {
        locked_until: Set(Some(until)),
        ..Default::default()
    };
    login_throttle::Entity::update_many()
        .set(model)
        .filter(login_throttle::Column::ThrottleKey.eq(key))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn clear<C: Conn>(db: &C, key: &str) -> Result<(), StoreError> {
    login_throttle::Entity::delete_many()
        .filter(login_throttle::Column::ThrottleKey.eq(key))
        .exec(db)
        .await?;
    Ok(())
}
