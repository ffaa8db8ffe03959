//! Audit entries for use cases: who changed what, with the changed fields before and after.

use eventmgr_store::Conn;
use eventmgr_store::repo::audit::{self, AuditEntry};
use serde_json::{Map, Value as Json};
use uuid::Uuid;

use crate::{Actor, AppError};

/// Fields that change on every write and say nothing about what the user changed.
const NOISE: [&str; 2] = ["version", "updated_at"];

/// The fields whose values differ, as `{"field": {"before": .., "after": ..}}`.
pub(crate) fn diff(before: &Json, after: &Json) -> Json {
    let mut changes = Map::new();
    if let (Some(before), Some(after)) = (before.as_object(), after.as_object()) {
        for (key, new) in after {
            if NOISE.contains(&key.as_str()) {
                continue;
            }
            let old = before.get(key).unwrap_or(&Json::Null);
            if old != new {
                changes.insert(
                    key.clone(),
                    serde_json::json!({ "before": old, "after": new }),
                );
            }
        }
    }
    Json::Object(changes)
}

/// [`diff`] of two views of one record (its API shape before and after a change).
pub(crate) fn diff_of<T: serde::Serialize>(before: &T, after: &T) -> Json {
    let as_json = |v: &T| serde_json::to_value(v).unwrap_or_default();
    diff(&as_json(before), &as_json(after))
}

pub(crate) struct Change<'a> {
    pub action: &'a str,
    pub entity_type: &'a str,
    pub entity_id: Uuid,
    pub project_id: Option<Uuid>,
    pub changes: Option<Json>,
}

/// Records one audit entry for `actor` inside the caller's transaction.
pub(crate) async fn record<C: Conn>(
    db: &C,
    actor: &Actor,
    change: Change<'_>,
) -> Result<(), AppError> {
    audit::record(
        db,
        AuditEntry {
            actor_id: Some(actor.user_id),
            actor_label: Some(actor.email.clone()),
            action: change.action.to_owned(),
            entity_type: change.entity_type.to_owned(),
            entity_id: Some(change.entity_id),
            project_id: change.project_id,
            changes: change.changes,
            request_id: actor.meta.request_id.clone(),
            ip: actor.meta.ip.clone(),
            user_agent: actor.meta.user_agent.clone(),
        },
    )
    .await?;
    Ok(())
}

/// The outcome of a versioned write (`UPDATE ... WHERE version = read_version`): `false`
/// means another writer committed between the read and the write. That is
/// [`AppError::WriteRaced`], which the HTTP layer answers by running the request again: a
/// request without a version then applies to the record as it is now, and one with a version
/// gets its 412 from [`check_version`].
pub(crate) fn written(ok: bool, read_version: i64) -> Result<(), AppError> {
    if ok {
        Ok(())
    } else {
        Err(AppError::WriteRaced {
            current: read_version + 1,
        })
    }
}

/// 412 when the client named a version that is not the stored one.
pub(crate) fn check_version(expected: Option<i64>, current: i64) -> Result<(), AppError> {
    match expected {
        Some(v) if v != current => Err(AppError::VersionMismatch { current }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_lists_changed_fields_only() {
        let before = serde_json::json!({"name": "A", "budget": "1.00", "version": 1});
        let after = serde_json::json!({"name": "B", "budget": "1.00", "version": 2});
        assert_eq!(
            diff(&before, &after),
            serde_json::json!({"name": {"before": "A", "after": "B"}})
        );
    }

    #[test]
    fn lost_race_is_a_write_race() {
        assert!(written(true, 3).is_ok());
        assert!(matches!(
            written(false, 3),
            Err(AppError::WriteRaced { current: 4 })
        ));
    }

    #[test]
    fn version_check() {
        assert!(check_version(None, 3).is_ok());
        assert!(check_version(Some(3), 3).is_ok());
        assert!(matches!(
            check_version(Some(2), 3),
            Err(AppError::VersionMismatch { current: 3 })
        ));
    }
}
