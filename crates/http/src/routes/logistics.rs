//! `/projects/{id}/logistics`, `/logistics/{id}`: transports and deliveries.

use axum::extract::State;
use axum::response::{Json, Response};
use uuid::Uuid;

use eventmgr_app::listing::{ListParams, ListResponse};
use eventmgr_app::logistics::{CreateTransport, TransportOut, TransportQuery, UpdateTransport};

use super::{created, no_content, versioned};
use crate::AppState;
use crate::extract::{ApiJson, ApiPath, ApiQuery, CurrentActor, IfMatch};
use crate::problem::ApiError;

#[utoipa::path(get, path = "/api/v1/projects/{id}/logistics", tag = "logistics", security(("bearer" = [])),
    params(("id" = Uuid, Path), ListParams, TransportQuery),
    responses((status = 200, body = ListResponse<TransportOut>)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(params): ApiQuery<ListParams>,
    ApiQuery(query): ApiQuery<TransportQuery>,
) -> Result<Json<ListResponse<TransportOut>>, ApiError> {
    Ok(Json(
        state.app.list_transports(&actor, id, query, params).await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/projects/{id}/logistics", tag = "logistics", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = CreateTransport,
    responses((status = 201, body = TransportOut), (status = 422, description = "Invalid input")))]
pub async fn create(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    body: ApiJson<CreateTransport>,
) -> Result<Response, ApiError> {
    let transport = state.app.create_transport(&actor, id, body.value).await?;
    Ok(created(
        format!("/api/v1/logistics/{}", transport.id),
        transport.version,
        transport,
    ))
}

#[utoipa::path(get, path = "/api/v1/logistics/{id}", tag = "logistics", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = TransportOut), (status = 404, description = "Not found")))]
pub async fn get(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Response, ApiError> {
    let transport = state.app.get_transport(&actor, id).await?;
    Ok(versioned(transport.version, transport))
}

#[utoipa::path(patch, path = "/api/v1/logistics/{id}", tag = "logistics", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = UpdateTransport,
    responses((status = 200, body = TransportOut), (status = 409, description = "Status move not allowed"), (status = 412, description = "Version mismatch")))]
pub async fn update(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    if_match: IfMatch,
    body: ApiJson<UpdateTransport>,
) -> Result<Response, ApiError> {
    let transport = state
        .app
        .update_transport(&actor, id, if_match.or_body(body.body_version), body.value)
        .await?;
    Ok(versioned(transport.version, transport))
}

#[utoipa::path(delete, path = "/api/v1/logistics/{id}", tag = "logistics", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 204, description = "Deleted")))]
pub async fn delete(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    if_match: IfMatch,
) -> Result<Response, ApiError> {
    state.app.delete_transport(&actor, id, if_match.0).await?;
    Ok(no_content())
}
