//! The audit log: appended in the same transaction as the change it describes.

use sea_orm::ActiveValue::Set;
use serde_json::Value as Json;
use uuid::Uuid;

use crate::entity::audit_log;
use crate::{Conn, StoreError, now};

/// One audit entry as a use case describes it.
#[derive(Debug, Clone, Default)]
pub struct AuditEntry {
    pub actor_id: Option<Uuid>,
    pub actor_label: Option<String>,
    pub action: String,
    pub entity_type: String,
    pub entity_id: Option<Uuid>,
    pub project_id: Option<Uuid>,
    /// `{"field": {"before": .., "after": ..}}` for updates, the created object for creates.
    pub changes: Option<Json>,
    pub request_id: Option<String>,
    pub ip: Option<String>,
}

pub async fn record<C: Conn>(db: &C, entry: AuditEntry) -> Result<(), StoreError> {
    let model = audit_log::ActiveModel {
        id: Set(Uuid::now_v7()),
        occurred_at: Set(now()),
        actor_id: Set(entry.actor_id),
        actor_label: Set(entry.actor_label),
        action: Set(entry.action),
        entity_type: Set(entry.entity_type),
        entity_id: Set(entry.entity_id),
        project_id: Set(entry.project_id),
        changes: Set(entry.changes),
        request_id: Set(entry.request_id),
        ip: Set(entry.ip),
    };
    super::insert(db, model).await
}

/// Audit entries about one entity, oldest first.
pub async fn for_entity<C: Conn>(
    db: &C,
    entity_type: &str,
    entity_id: Uuid,
) -> Result<Vec<audit_log::Model>, StoreError> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    Ok(audit_log::Entity::find()
        .filter(audit_log::Column::EntityType.eq(entity_type))
        .filter(audit_log::Column::EntityId.eq(entity_id))
        .order_by_asc(audit_log::Column::Id)
        .all(db)
        .await?)
}
