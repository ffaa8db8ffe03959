//! `/clients`

use axum::extract::State;
use axum::response::{Json, Response};
use uuid::Uuid;

use eventmgr_app::clients::{ClientOut, ClientQuery, CreateClient, UpdateClient};
use eventmgr_app::listing::{ListParams, ListResponse};

use super::{IncludeDeleted, created, no_content, versioned};
use crate::AppState;
use crate::extract::{ApiJson, ApiPath, ApiQuery, CurrentActor, IfMatch};
use crate::problem::ApiError;

#[utoipa::path(get, path = "/api/v1/clients", tag = "clients", security(("bearer" = [])), params(ListParams, ClientQuery),
    responses((status = 200, body = ListResponse<ClientOut>)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiQuery(params): ApiQuery<ListParams>,
    ApiQuery(query): ApiQuery<ClientQuery>,
) -> Result<Json<ListResponse<ClientOut>>, ApiError> {
    Ok(Json(state.app.list_clients(&actor, query, params).await?))
}

#[utoipa::path(post, path = "/api/v1/clients", tag = "clients", security(("bearer" = [])), request_body = CreateClient,
    responses((status = 201, body = ClientOut), (status = 422, description = "Invalid input")))]
pub async fn create(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    body: ApiJson<CreateClient>,
) -> Result<Response, ApiError> {
    let client = state.app.create_client(&actor, body.value).await?;
    Ok(created(
        format!("/api/v1/clients/{}", client.id),
        client.version,
        client,
    ))
}

#[utoipa::path(get, path = "/api/v1/clients/{id}", tag = "clients", security(("bearer" = [])), params(("id" = Uuid, Path), IncludeDeleted),
    responses((status = 200, body = ClientOut), (status = 404, description = "Not found")))]
pub async fn get(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(q): ApiQuery<IncludeDeleted>,
) -> Result<Response, ApiError> {
    let client = state
        .app
        .get_client(&actor, id, q.include_deleted.unwrap_or(false))
        .await?;
    Ok(versioned(client.version, client))
}

#[utoipa::path(patch, path = "/api/v1/clients/{id}", tag = "clients", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = UpdateClient,
    responses((status = 200, body = ClientOut), (status = 412, description = "Version mismatch")))]
pub async fn update(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    if_match: IfMatch,
    body: ApiJson<UpdateClient>,
) -> Result<Response, ApiError> {
    let client = state
        .app
        .update_client(&actor, id, if_match.or_body(body.body_version), body.value)
        .await?;
    Ok(versioned(client.version, client))
}

#[utoipa::path(delete, path = "/api/v1/clients/{id}", tag = "clients", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 204, description = "Moved to the trash"), (status = 409, description = "Still referenced")))]
pub async fn delete(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    if_match: IfMatch,
) -> Result<Response, ApiError> {
    state.app.delete_client(&actor, id, if_match.0).await?;
    Ok(no_content())
}

#[utoipa::path(post, path = "/api/v1/clients/{id}/restore", tag = "clients", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = ClientOut)))]
pub async fn restore(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Response, ApiError> {
    let client = state.app.restore_client(&actor, id).await?;
    Ok(versioned(client.version, client))
}
