//! The project event feed: one row per change of a live record, written in the change's own
//! transaction, read by the live-update hub and by reconnecting clients.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Statement};
use uuid::Uuid;

use crate::entity::project_event;
use crate::{Conn, StoreError};

pub use crate::migration::m20261124_000005_work_management::EVENTS_CHANNEL;

/// Appends one event. Its id comes from the database (autoincrement / identity); on
/// PostgreSQL the insert trigger announces the row when the transaction commits.
pub async fn append<C: Conn>(
    db: &C,
    project_id: Uuid,
    event_type: &str,
    entity_id: Uuid,
    version: Option<i64>,
) -> Result<(), StoreError> {
    let backend = db.get_database_backend();
    db.execute_raw(Statement::from_sql_and_values(
        backend,
        "INSERT INTO project_events (project_id, event_type, entity_id, version, created_at) \
         VALUES ($1, $2, $3, $4, $5)",
        [
            project_id.into(),
            event_type.into(),
            entity_id.into(),
            version.into(),
            crate::now().into(),
        ],
    ))
    .await?;
    Ok(())
}

/// Events of every project after `after_id`, oldest first, at most `limit`.
pub async fn after<C: Conn>(
    db: &C,
    after_id: i64,
    limit: u64,
) -> Result<Vec<project_event::Model>, StoreError> {
    Ok(project_event::Entity::find()
        .filter(project_event::Column::Id.gt(after_id))
        .order_by_asc(project_event::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}

/// Events of one project after `after_id`, oldest first, at most `limit`.
pub async fn of_project_after<C: Conn>(
    db: &C,
    project_id: Uuid,
    after_id: i64,
    limit: u64,
) -> Result<Vec<project_event::Model>, StoreError> {
    Ok(project_event::Entity::find()
        .filter(project_event::Column::ProjectId.eq(project_id))
        .filter(project_event::Column::Id.gt(after_id))
        .order_by_asc(project_event::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}

/// The id of the oldest event still kept, if any.
pub async fn oldest_id<C: Conn>(db: &C) -> Result<Option<i64>, StoreError> {
    Ok(project_event::Entity::find()
        .order_by_asc(project_event::Column::Id)
        .one(db)
        .await?
        .map(|e| e.id))
}

/// The highest event id so far (0 when there is none).
pub async fn latest_id<C: Conn>(db: &C) -> Result<i64, StoreError> {
    Ok(project_event::Entity::find()
        .order_by_desc(project_event::Column::Id)
        .one(db)
        .await?
        .map_or(0, |e| e.id))
}

/// Removes events older than `before`; returns how many.
pub async fn prune<C: Conn>(db: &C, before: DateTime<Utc>) -> Result<u64, StoreError> {
    let result = project_event::Entity::delete_many()
        .filter(project_event::Column::CreatedAt.lt(before))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}
