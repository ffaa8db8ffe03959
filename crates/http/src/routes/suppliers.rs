//! `/suppliers`

use axum::extract::State;
use axum::response::{Json, Response};
use uuid::Uuid;

use eventmgr_app::listing::{ListParams, ListResponse};
use eventmgr_app::suppliers::{CreateSupplier, SupplierOut, SupplierQuery, UpdateSupplier};

use super::{IncludeDeleted, created, no_content, versioned};
use crate::AppState;
use crate::extract::{ApiJson, ApiPath, ApiQuery, CurrentActor, IfMatch};
use crate::problem::ApiError;

#[utoipa::path(get, path = "/api/v1/suppliers", tag = "suppliers", security(("bearer" = [])), params(ListParams, SupplierQuery),
    responses((status = 200, body = ListResponse<SupplierOut>)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiQuery(params): ApiQuery<ListParams>,
    ApiQuery(query): ApiQuery<SupplierQuery>,
) -> Result<Json<ListResponse<SupplierOut>>, ApiError> {
    Ok(Json(state.app.list_suppliers(&actor, query, params).await?))
}

#[utoipa::path(post, path = "/api/v1/suppliers", tag = "suppliers", security(("bearer" = [])), request_body = CreateSupplier,
    responses((status = 201, body = SupplierOut), (status = 422, description = "Invalid input")))]
pub async fn create(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    body: ApiJson<CreateSupplier>,
) -> Result<Response, ApiError> {
    let supplier = state.app.create_supplier(&actor, body.value).await?;
    Ok(created(
        format!("/api/v1/suppliers/{}", supplier.id),
        supplier.version,
        supplier,
    ))
}

#[utoipa::path(get, path = "/api/v1/suppliers/{id}", tag = "suppliers", security(("bearer" = [])), params(("id" = Uuid, Path), IncludeDeleted),
    responses((status = 200, body = SupplierOut), (status = 404, description = "Not found")))]
pub async fn get(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(q): ApiQuery<IncludeDeleted>,
) -> Result<Response, ApiError> {
    let supplier = state
        .app
        .get_supplier(&actor, id, q.include_deleted.unwrap_or(false))
        .await?;
    Ok(versioned(supplier.version, supplier))
}

#[utoipa::path(patch, path = "/api/v1/suppliers/{id}", tag = "suppliers", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = UpdateSupplier,
    responses((status = 200, body = SupplierOut), (status = 412, description = "Version mismatch")))]
pub async fn update(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    if_match: IfMatch,
    body: ApiJson<UpdateSupplier>,
) -> Result<Response, ApiError> {
    let supplier = state
        .app
        .update_supplier(&actor, id, if_match.or_body(body.body_version), body.value)
        .await?;
    Ok(versioned(supplier.version, supplier))
}

#[utoipa::path(delete, path = "/api/v1/suppliers/{id}", tag = "suppliers", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 204, description = "Moved to the trash"), (status = 409, description = "Still referenced")))]
pub async fn delete(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    if_match: IfMatch,
) -> Result<Response, ApiError> {
    state.app.delete_supplier(&actor, id, if_match.0).await?;
    Ok(no_content())
}

#[utoipa::path(post, path = "/api/v1/suppliers/{id}/restore", tag = "suppliers", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = SupplierOut)))]
pub async fn restore(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Response, ApiError> {
    let supplier = state.app.restore_supplier(&actor, id).await?;
    Ok(versioned(supplier.version, supplier))
}
