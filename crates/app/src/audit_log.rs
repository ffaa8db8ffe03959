//! Reading the audit log (`audit:read`), and verifying its hash chain. Entries are never
//! changed or deleted through the application: there is no use case that could.

use chrono::{DateTime, Utc};
use eventmgr_store::entity::{audit_log, project_member};
use eventmgr_store::repo::audit::{self, AuditFilter, ChainCheck};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::listing::{self, ListParams, ListResponse};
use crate::{Actor, App, AppError, Permission};

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AuditEntryOut {
    pub id: Uuid,
    pub seq: Option<i64>,
    pub occurred_at: DateTime<Utc>,
    pub actor_id: Option<Uuid>,
    pub actor_label: Option<String>,
    pub action: String,
    pub entity_type: String,
    pub entity_id: Option<Uuid>,
    pub project_id: Option<Uuid>,
    pub changes: Option<serde_json::Value>,
    pub request_id: Option<String>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub hash: Option<String>,
}

impl From<audit_log::Model> for AuditEntryOut {
    fn from(m: audit_log::Model) -> Self {
        AuditEntryOut {
            id: m.id,
            seq: m.seq,
            occurred_at: m.occurred_at,
            actor_id: m.actor_id,
            actor_label: m.actor_label,
            action: m.action,
            entity_type: m.entity_type,
            entity_id: m.entity_id,
            project_id: m.project_id,
            changes: m.changes,
            request_id: m.request_id,
            ip: m.ip,
            user_agent: m.user_agent,
            hash: m.hash,
        }
    }
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    pub entity_type: Option<String>,
    pub entity_id: Option<Uuid>,
    pub actor_id: Option<Uuid>,
    pub project_id: Option<Uuid>,
    pub action: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

pub const DEFAULT_SORT: &str = "-occurred_at";

/// The projects whose audit entries a non-admin auditor may read: those they belong to.
async fn visible_project_ids<C: eventmgr_store::Conn>(
    db: &C,
    user_id: Uuid,
) -> Result<Vec<Uuid>, AppError> {
    Ok(eventmgr_store::repo::members::projects_of(db, user_id)
        .await?
        .into_iter()
        .map(|m: project_member::Model| m.project_id)
        .collect())
}

impl App {
    /// Audit entries, newest first. Auditors who do not see every project see only the
    /// entries about projects they belong to.
    pub async fn list_audit_log(
        &self,
        actor: &Actor,
        query: AuditQuery,
        params: ListParams,
    ) -> Result<ListResponse<AuditEntryOut>, AppError> {
        actor.require(Permission::AuditRead)?;
        let db = self.store.conn();
        let visible_projects = if actor.has(Permission::ProjectsReadAll) {
            None
        } else {
            Some(visible_project_ids(db, actor.user_id).await?)
        };
        let page_query = listing::page_query(&params, audit::sort_column, DEFAULT_SORT)?;
        let filter = AuditFilter {
            entity_type: query.entity_type,
            entity_id: query.entity_id,
            actor_id: query.actor_id,
            project_id: query.project_id,
            action: query.action,
            from: query.from,
            to: query.to,
            visible_projects,
        };
        let page = audit::list(db, &filter, &page_query)
            .await
            .map_err(crate::clients::cursor_or_internal)?;
        Ok(listing::respond(
            &params,
            DEFAULT_SORT,
            page,
            AuditEntryOut::from,
        ))
    }

    /// Re-computes the audit chain (`eventmgr audit verify`).
    pub async fn verify_audit_chain(&self) -> Result<ChainCheck, AppError> {
        Ok(audit::verify_chain(self.store.conn()).await?)
    }
}
