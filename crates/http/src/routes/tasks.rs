//! `/projects/{id}/tasks`, `/tasks/{id}`, `/tasks` (my tasks), dependencies and the
//! project schedule.

use axum::extract::State;
use axum::response::{Json, Response};
use serde::Serialize;
use uuid::Uuid;

use eventmgr_app::listing::{ListParams, ListResponse};
use eventmgr_app::tasks::{
    CreateDependency, CreateTask, DependencyOut, ScheduleOut, ScheduleQuery, TaskOut, TaskQuery,
    UpdateTask,
};

use super::{created, no_content, versioned};
use crate::AppState;
use crate::extract::{ApiJson, ApiPath, ApiQuery, CurrentActor, IfMatch};
use crate::problem::ApiError;

#[utoipa::path(get, path = "/api/v1/projects/{id}/tasks", tag = "tasks", security(("bearer" = [])),
    params(("id" = Uuid, Path), ListParams, TaskQuery),
    responses((status = 200, body = ListResponse<TaskOut>)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(params): ApiQuery<ListParams>,
    ApiQuery(query): ApiQuery<TaskQuery>,
) -> Result<Json<ListResponse<TaskOut>>, ApiError> {
    Ok(Json(
        state
            .app
            .list_tasks(&actor, Some(id), query, params)
            .await?,
    ))
}

/// Tasks across every project the caller can see; `assigned_to=me` gives "my tasks".
#[utoipa::path(get, path = "/api/v1/tasks", tag = "tasks", security(("bearer" = [])),
    params(ListParams, TaskQuery),
    responses((status = 200, body = ListResponse<TaskOut>)))]
pub async fn list_all(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiQuery(params): ApiQuery<ListParams>,
    ApiQuery(query): ApiQuery<TaskQuery>,
) -> Result<Json<ListResponse<TaskOut>>, ApiError> {
    Ok(Json(
        state.app.list_tasks(&actor, None, query, params).await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/projects/{id}/tasks", tag = "tasks", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = CreateTask,
    responses((status = 201, body = TaskOut), (status = 422, description = "Invalid input")))]
pub async fn create(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    body: ApiJson<CreateTask>,
) -> Result<Response, ApiError> {
    let task = state.app.create_task(&actor, id, body.value).await?;
    Ok(created(
        format!("/api/v1/tasks/{}", task.id),
        task.version,
        task,
    ))
}

#[utoipa::path(get, path = "/api/v1/tasks/{id}", tag = "tasks", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = TaskOut), (status = 404, description = "Not found")))]
pub async fn get(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Response, ApiError> {
    let task = state.app.get_task(&actor, id).await?;
    Ok(versioned(task.version, task))
}

#[utoipa::path(patch, path = "/api/v1/tasks/{id}", tag = "tasks", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = UpdateTask,
    responses((status = 200, body = TaskOut), (status = 409, description = "Status move not allowed, or dependencies not DONE"), (status = 412, description = "Version mismatch")))]
pub async fn update(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    if_match: IfMatch,
    body: ApiJson<UpdateTask>,
) -> Result<Response, ApiError> {
    let task = state
        .app
        .update_task(&actor, id, if_match.or_body(body.body_version), body.value)
        .await?;
    Ok(versioned(task.version, task))
}

#[utoipa::path(delete, path = "/api/v1/tasks/{id}", tag = "tasks", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 204, description = "Deleted")))]
pub async fn delete(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    if_match: IfMatch,
) -> Result<Response, ApiError> {
    state.app.delete_task(&actor, id, if_match.0).await?;
    Ok(no_content())
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct DependencyList {
    pub items: Vec<DependencyOut>,
}

#[utoipa::path(get, path = "/api/v1/tasks/{id}/dependencies", tag = "tasks", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = DependencyList)))]
pub async fn dependencies(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<DependencyList>, ApiError> {
    Ok(Json(DependencyList {
        items: state.app.list_dependencies(&actor, id).await?,
    }))
}

#[utoipa::path(post, path = "/api/v1/tasks/{id}/dependencies", tag = "tasks", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = CreateDependency,
    responses((status = 201, body = DependencyOut), (status = 409, description = "Would close a cycle (named)")))]
pub async fn add_dependency(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    body: ApiJson<CreateDependency>,
) -> Result<Response, ApiError> {
    let dependency = state.app.add_dependency(&actor, id, body.value).await?;
    let mut response = created(format!("/api/v1/tasks/{id}/dependencies"), 1, &dependency);
    response.headers_mut().remove(axum::http::header::ETAG);
    Ok(response)
}

#[utoipa::path(delete, path = "/api/v1/tasks/{id}/dependencies/{depends_on_id}", tag = "tasks", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("depends_on_id" = Uuid, Path)),
    responses((status = 204, description = "Removed"), (status = 404, description = "No such dependency")))]
pub async fn remove_dependency(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((id, depends_on_id)): ApiPath<(Uuid, Uuid)>,
) -> Result<Response, ApiError> {
    state
        .app
        .remove_dependency(&actor, id, depends_on_id)
        .await?;
    Ok(no_content())
}

#[utoipa::path(get, path = "/api/v1/projects/{id}/schedule", tag = "tasks", security(("bearer" = [])),
    params(("id" = Uuid, Path), ScheduleQuery),
    responses((status = 200, body = ScheduleOut)))]
pub async fn schedule(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(query): ApiQuery<ScheduleQuery>,
) -> Result<Json<ScheduleOut>, ApiError> {
    Ok(Json(state.app.project_schedule(&actor, id, query).await?))
}
