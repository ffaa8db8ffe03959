//! `/users` and `/roles`: account and role administration.

use axum::extract::State;
use axum::response::{Json, Response};
use uuid::Uuid;

use eventmgr_app::listing::{ListParams, ListResponse};
use eventmgr_app::roles::{CreateRole, RoleList, RoleOut, UpdateRole};
use eventmgr_app::users::UserOut;
use eventmgr_app::users_admin::{CreateUserRequest, CreatedUser, UpdateUserRequest, UserQuery};

use super::{created, no_content, versioned};
use crate::AppState;
use crate::extract::{ApiJson, ApiPath, ApiQuery, CurrentActor, IfMatch};
use crate::problem::ApiError;

#[utoipa::path(get, path = "/api/v1/users", tag = "users", security(("bearer" = [])), params(ListParams, UserQuery), responses((status = 200, body = ListResponse<UserOut>)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiQuery(params): ApiQuery<ListParams>,
    ApiQuery(query): ApiQuery<UserQuery>,
) -> Result<Json<ListResponse<UserOut>>, ApiError> {
    Ok(Json(state.app.list_users(&actor, query, params).await?))
}

#[utoipa::path(post, path = "/api/v1/users", tag = "users", security(("bearer" = [])), request_body = CreateUserRequest,
    responses((status = 201, body = CreatedUser), (status = 403, description = "Needs users:manage")))]
pub async fn create(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    body: ApiJson<CreateUserRequest>,
) -> Result<Response, ApiError> {
    let created_user = state.app.admin_create_user(&actor, body.value).await?;
    Ok(created(
        format!("/api/v1/users/{}", created_user.user.id),
        created_user.user.version,
        created_user,
    ))
}

#[utoipa::path(get, path = "/api/v1/users/{id}", tag = "users", security(("bearer" = [])), params(("id" = Uuid, Path)), responses((status = 200, body = UserOut)))]
pub async fn get(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Response, ApiError> {
    let user = state.app.get_user(&actor, id).await?;
    Ok(versioned(user.version, user))
}

#[utoipa::path(patch, path = "/api/v1/users/{id}", tag = "users", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = UpdateUserRequest,
    responses((status = 200, body = UserOut), (status = 409, description = "Would leave no active admin")))]
pub async fn update(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    if_match: IfMatch,
    body: ApiJson<UpdateUserRequest>,
) -> Result<Response, ApiError> {
    let user = state
        .app
        .admin_update_user(&actor, id, if_match.or_body(body.body_version), body.value)
        .await?;
    Ok(versioned(user.version, user))
}

#[utoipa::path(delete, path = "/api/v1/users/{id}", tag = "users", security(("bearer" = [])), params(("id" = Uuid, Path)), responses((status = 204, description = "Deactivated and trashed")))]
pub async fn delete(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    if_match: IfMatch,
) -> Result<Response, ApiError> {
    state.app.admin_delete_user(&actor, id, if_match.0).await?;
    Ok(no_content())
}

#[utoipa::path(get, path = "/api/v1/roles", tag = "users", security(("bearer" = [])), responses((status = 200, body = RoleList)))]
pub async fn list_roles(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
) -> Result<Json<RoleList>, ApiError> {
    Ok(Json(state.app.list_roles(&actor).await?))
}

#[utoipa::path(post, path = "/api/v1/roles", tag = "users", security(("bearer" = [])), request_body = CreateRole, responses((status = 201, body = RoleOut)))]
pub async fn create_role(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    body: ApiJson<CreateRole>,
) -> Result<Response, ApiError> {
    let role = state.app.create_role(&actor, body.value).await?;
    Ok(created(
        format!("/api/v1/roles/{}", role.id),
        role.version,
        role,
    ))
}

#[utoipa::path(get, path = "/api/v1/roles/{id}", tag = "users", security(("bearer" = [])), params(("id" = Uuid, Path)), responses((status = 200, body = RoleOut)))]
pub async fn get_role(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Response, ApiError> {
    let role = state.app.get_role(&actor, id).await?;
    Ok(versioned(role.version, role))
}

#[utoipa::path(patch, path = "/api/v1/roles/{id}", tag = "users", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = UpdateRole, responses((status = 200, body = RoleOut)))]
pub async fn update_role(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    if_match: IfMatch,
    body: ApiJson<UpdateRole>,
) -> Result<Response, ApiError> {
    let role = state
        .app
        .update_role(&actor, id, if_match.or_body(body.body_version), body.value)
        .await?;
    Ok(versioned(role.version, role))
}

#[utoipa::path(delete, path = "/api/v1/roles/{id}", tag = "users", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 204, description = "Deleted"), (status = 409, description = "Built-in or still held")))]
pub async fn delete_role(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Response, ApiError> {
    state.app.delete_role(&actor, id).await?;
    Ok(no_content())
}
