//! The audit log: appended in the same transaction as the change it describes, and chained —
//! each entry stores the SHA-256 of the previous entry's hash and its own content, so an
//! edited or deleted row breaks the chain (`eventmgr audit verify`).

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Condition;
use sea_orm::{ColumnTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde_json::Value as Json;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::page::{self, Page, PageQuery, SortKind, fetch_page};
use crate::entity::audit_log;
use crate::{Conn, StoreError, now};

/// Names the audit chain's lock among PostgreSQL advisory locks.
const CHAIN_LOCK_KEY: i64 = 0x6175_6469_745f_6c6f; // "audit_lo"
const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

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
    pub user_agent: Option<String>,
}

/// The hash of an entry: everything it says, in a fixed order, after the previous hash.
pub fn entry_hash(prev_hash: &str, m: &audit_log::Model) -> String {
    let content = serde_json::json!([
        m.id.to_string(),
        m.seq,
        m.occurred_at
            .to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
        m.actor_id.map(|v| v.to_string()),
        m.actor_label,
        m.action,
        m.entity_type,
        m.entity_id.map(|v| v.to_string()),
        m.project_id.map(|v| v.to_string()),
        m.changes,
        m.request_id,
        m.ip,
        m.user_agent,
    ]);
    let mut hasher = Sha256::new();
    hasher.update(prev_hash.as_bytes());
    hasher.update(b"|");
    hasher.update(content.to_string().as_bytes());
    hex::encode(hasher.finalize())
}

async fn last_entry<C: Conn>(db: &C) -> Result<Option<audit_log::Model>, StoreError> {
    Ok(audit_log::Entity::find()
        .filter(audit_log::Column::Seq.is_not_null())
        .order_by_desc(audit_log::Column::Seq)
        .limit(1)
        .one(db)
        .await?)
}

/// Appends an entry. Call inside the transaction of the change: on PostgreSQL an advisory
/// lock held to the end of that transaction keeps the chain a single line (SQLite's write
/// transactions are serial already).
pub async fn record<C: Conn>(db: &C, entry: AuditEntry) -> Result<(), StoreError> {
    if db.get_database_backend() == DbBackend::Postgres {
        db.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({CHAIN_LOCK_KEY})"))
            .await?;
    }
    let previous = last_entry(db).await?;
    let prev_hash = previous
        .as_ref()
        .and_then(|p| p.hash.clone())
        .unwrap_or_else(|| GENESIS.to_owned());
    let seq = previous.and_then(|p| p.seq).unwrap_or(0) + 1;
    let mut model = audit_log::Model {
        id: Uuid::now_v7(),
        occurred_at: now(),
        actor_id: entry.actor_id,
        actor_label: entry.actor_label.map(|l| l.chars().take(254).collect()),
        action: entry.action,
        entity_type: entry.entity_type,
        entity_id: entry.entity_id,
        project_id: entry.project_id,
        changes: entry.changes,
        request_id: entry.request_id,
        ip: entry.ip,
        user_agent: entry.user_agent.map(|a| a.chars().take(500).collect()),
        seq: Some(seq),
        prev_hash: Some(prev_hash.clone()),
        hash: None,
    };
    model.hash = Some(entry_hash(&prev_hash, &model));
    super::insert(db, audit_log::ActiveModel::from(model)).await
}

/// Audit entries about one entity, oldest first.
pub async fn for_entity<C: Conn>(
    db: &C,
    entity_type: &str,
    entity_id: Uuid,
) -> Result<Vec<audit_log::Model>, StoreError> {
    Ok(audit_log::Entity::find()
        .filter(audit_log::Column::EntityType.eq(entity_type))
        .filter(audit_log::Column::EntityId.eq(entity_id))
        .order_by_asc(audit_log::Column::Id)
        .all(db)
        .await?)
}

#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub entity_type: Option<String>,
    pub entity_id: Option<Uuid>,
    pub actor_id: Option<Uuid>,
    pub project_id: Option<Uuid>,
    pub action: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    /// Restrict to entries about these projects (plus none); `None` means no restriction.
    pub visible_projects: Option<Vec<Uuid>>,
}

pub fn sort_column(field: &str) -> Option<(audit_log::Column, SortKind)> {
    match field {
        "occurred_at" => Some((audit_log::Column::OccurredAt, SortKind::Timestamp)),
        _ => None,
    }
}

pub async fn list<C: Conn>(
    db: &C,
    filter: &AuditFilter,
    page_query: &PageQuery<audit_log::Column>,
) -> Result<Page<audit_log::Model>, StoreError> {
    let mut select = audit_log::Entity::find();
    if let Some(v) = &filter.entity_type {
        select = select.filter(audit_log::Column::EntityType.eq(v.clone()));
    }
    if let Some(v) = filter.entity_id {
        select = select.filter(audit_log::Column::EntityId.eq(v));
    }
    if let Some(v) = filter.actor_id {
        select = select.filter(audit_log::Column::ActorId.eq(v));
    }
    if let Some(v) = filter.project_id {
        select = select.filter(audit_log::Column::ProjectId.eq(v));
    }
    if let Some(v) = &filter.action {
        select = select.filter(audit_log::Column::Action.eq(v.clone()));
    }
    if let Some(v) = filter.from {
        select = select.filter(audit_log::Column::OccurredAt.gte(v));
    }
    if let Some(v) = filter.to {
        select = select.filter(audit_log::Column::OccurredAt.lte(v));
    }
    if let Some(projects) = &filter.visible_projects {
        select = select.filter(
            Condition::all().add(audit_log::Column::ProjectId.is_in(projects.iter().copied())),
        );
    }
    fetch_page(db, select, audit_log::Column::Id, page_query, |m| {
        vec![page::ts(&m.occurred_at), page::id(&m.id)]
    })
    .await
}

/// What `verify_chain` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainCheck {
    Intact { entries: u64 },
    Broken { seq: i64, reason: String },
}

/// Re-computes the chain from the first entry; reports the first entry that does not fit.
pub async fn verify_chain<C: Conn>(db: &C) -> Result<ChainCheck, StoreError> {
    let mut expected_prev = GENESIS.to_owned();
    let mut expected_seq = 1;
    let mut after: i64 = 0;
    loop {
        let batch = audit_log::Entity::find()
            .filter(audit_log::Column::Seq.gt(after))
            .order_by_asc(audit_log::Column::Seq)
            .limit(1000)
            .all(db)
            .await?;
        if batch.is_empty() {
            return Ok(ChainCheck::Intact {
                entries: u64::try_from(expected_seq - 1).unwrap_or(0),
            });
        }
        for m in batch {
            let seq = m.seq.unwrap_or(0);
            if seq != expected_seq {
                return Ok(ChainCheck::Broken {
                    seq: expected_seq,
                    reason: format!("entry {expected_seq} is missing (next is {seq})"),
                });
            }
            if m.prev_hash.as_deref() != Some(expected_prev.as_str()) {
                return Ok(ChainCheck::Broken {
                    seq,
                    reason: "does not link to the entry before it".to_owned(),
                });
            }
            let hash = entry_hash(&expected_prev, &m);
            if m.hash.as_deref() != Some(hash.as_str()) {
                return Ok(ChainCheck::Broken {
                    seq,
                    reason: "its content was changed after it was written".to_owned(),
                });
            }
            expected_prev = hash;
            expected_seq += 1;
            after = seq;
        }
    }
}
