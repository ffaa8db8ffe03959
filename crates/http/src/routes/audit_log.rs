//! `/audit-log`: read-only; there is no route that changes or deletes an entry.

use axum::extract::State;
use axum::response::Json;

use eventmgr_app::audit_log::{AuditEntryOut, AuditQuery};
use eventmgr_app::listing::{ListParams, ListResponse};

use crate::AppState;
use crate::extract::{ApiQuery, CurrentActor};
use crate::problem::ApiError;

#[utoipa::path(get, path = "/api/v1/audit-log", tag = "audit", security(("bearer" = [])), params(ListParams, AuditQuery),
    responses((status = 200, body = ListResponse<AuditEntryOut>), (status = 403, description = "Needs audit:read")))]
pub async fn list(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiQuery(params): ApiQuery<ListParams>,
    ApiQuery(query): ApiQuery<AuditQuery>,
) -> Result<Json<ListResponse<AuditEntryOut>>, ApiError> {
    Ok(Json(state.app.list_audit_log(&actor, query, params).await?))
}
