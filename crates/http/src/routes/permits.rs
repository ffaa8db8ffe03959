//! `/projects/{id}/permits`, `/permits/{id}`: authority approvals.

use axum::extract::State;
use axum::response::{Json, Response};
use uuid::Uuid;

use eventmgr_app::listing::{ListParams, ListResponse};
use eventmgr_app::permits::{CreatePermit, PermitOut, PermitQuery, UpdatePermit};

use super::{created, no_content, versioned};
use crate::AppState;
use crate::extract::{ApiJson, ApiPath, ApiQuery, CurrentActor, IfMatch};
use crate::problem::ApiError;

#[utoipa::path(get, path = "/api/v1/projects/{id}/permits", tag = "permits", security(("bearer" = [])),
    params(("id" = Uuid, Path), ListParams, PermitQuery),
    responses((status = 200, body = ListResponse<PermitOut>)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(params): ApiQuery<ListParams>,
    ApiQuery(query): ApiQuery<PermitQuery>,
) -> Result<Json<ListResponse<PermitOut>>, ApiError> {
    Ok(Json(
        state.app.list_permits(&actor, id, query, params).await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/projects/{id}/permits", tag = "permits", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = CreatePermit,
    responses((status = 201, body = PermitOut), (status = 422, description = "Invalid input")))]
pub async fn create(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    body: ApiJson<CreatePermit>,
) -> Result<Response, ApiError> {
    let permit = state.app.create_permit(&actor, id, body.value).await?;
    Ok(created(
        format!("/api/v1/permits/{}", permit.id),
        permit.version,
        permit,
    ))
}

#[utoipa::path(get, path = "/api/v1/permits/{id}", tag = "permits", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = PermitOut), (status = 404, description = "Not found")))]
pub async fn get(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Response, ApiError> {
    let permit = state.app.get_permit(&actor, id).await?;
    Ok(versioned(permit.version, permit))
}

#[utoipa::path(patch, path = "/api/v1/permits/{id}", tag = "permits", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = UpdatePermit,
    responses((status = 200, body = PermitOut), (status = 409, description = "Status move not allowed"), (status = 412, description = "Version mismatch")))]
pub async fn update(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    if_match: IfMatch,
    body: ApiJson<UpdatePermit>,
) -> Result<Response, ApiError> {
    let permit = state
        .app
        .update_permit(&actor, id, if_match.or_body(body.body_version), body.value)
        .await?;
    Ok(versioned(permit.version, permit))
}

#[utoipa::path(delete, path = "/api/v1/permits/{id}", tag = "permits", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 204, description = "Deleted")))]
pub async fn delete(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    if_match: IfMatch,
) -> Result<Response, ApiError> {
    state.app.delete_permit(&actor, id, if_match.0).await?;
    Ok(no_content())
}
