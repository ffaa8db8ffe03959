//! `/projects`, their lifecycle, and their workflow stages.

use axum::extract::State;
use axum::response::{Json, Response};
use uuid::Uuid;

use eventmgr_app::listing::{ListParams, ListResponse};
use eventmgr_app::projects::{
    CreateProject, ProjectOut, ProjectQuery, TransitionRequest, UpdateProject,
};

use super::{IncludeDeleted, created, no_content, versioned};
use crate::AppState;
use crate::extract::{ApiJson, ApiPath, ApiQuery, CurrentActor, IfMatch};
use crate::problem::ApiError;

#[utoipa::path(get, path = "/api/v1/projects", tag = "projects", security(("bearer" = [])), params(ListParams, ProjectQuery),
    responses((status = 200, body = ListResponse<ProjectOut>)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiQuery(params): ApiQuery<ListParams>,
    ApiQuery(query): ApiQuery<ProjectQuery>,
) -> Result<Json<ListResponse<ProjectOut>>, ApiError> {
    Ok(Json(state.app.list_projects(&actor, query, params).await?))
}

#[utoipa::path(post, path = "/api/v1/projects", tag = "projects", security(("bearer" = [])), request_body = CreateProject,
    responses((status = 201, body = ProjectOut), (status = 422, description = "Invalid input")))]
pub async fn create(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    body: ApiJson<CreateProject>,
) -> Result<Response, ApiError> {
    let project = state.app.create_project(&actor, body.value).await?;
    Ok(created(
        format!("/api/v1/projects/{}", project.id),
        project.version,
        project,
    ))
}

#[utoipa::path(get, path = "/api/v1/projects/{id}", tag = "projects", security(("bearer" = [])), params(("id" = Uuid, Path), IncludeDeleted),
    responses((status = 200, body = ProjectOut), (status = 404, description = "Not found or not visible")))]
pub async fn get(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(q): ApiQuery<IncludeDeleted>,
) -> Result<Response, ApiError> {
    let project = state
        .app
        .get_project(&actor, id, q.include_deleted.unwrap_or(false))
        .await?;
    Ok(versioned(project.version, project))
}

#[utoipa::path(patch, path = "/api/v1/projects/{id}", tag = "projects", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = UpdateProject,
    responses((status = 200, body = ProjectOut), (status = 412, description = "Version mismatch"), (status = 422, description = "Invalid input")))]
pub async fn update(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    if_match: IfMatch,
    body: ApiJson<UpdateProject>,
) -> Result<Response, ApiError> {
    let project = state
        .app
        .update_project(&actor, id, if_match.or_body(body.body_version), body.value)
        .await?;
    Ok(versioned(project.version, project))
}

#[utoipa::path(delete, path = "/api/v1/projects/{id}", tag = "projects", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 204, description = "Moved to the trash")))]
pub async fn delete(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    if_match: IfMatch,
) -> Result<Response, ApiError> {
    state.app.delete_project(&actor, id, if_match.0).await?;
    Ok(no_content())
}

#[utoipa::path(post, path = "/api/v1/projects/{id}/restore", tag = "projects", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = ProjectOut)))]
pub async fn restore(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Response, ApiError> {
    let project = state.app.restore_project(&actor, id).await?;
    Ok(versioned(project.version, project))
}

#[utoipa::path(post, path = "/api/v1/projects/{id}/transition", tag = "projects", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = TransitionRequest,
    responses((status = 200, body = ProjectOut), (status = 409, description = "Illegal move; the detail names the allowed ones")))]
pub async fn transition(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    if_match: IfMatch,
    body: ApiJson<TransitionRequest>,
) -> Result<Response, ApiError> {
    let project = state
        .app
        .transition_project(&actor, id, if_match.or_body(body.body_version), body.value)
        .await?;
    Ok(versioned(project.version, project))
}

#[utoipa::path(get, path = "/api/v1/projects/{id}/summary", tag = "projects", security(("bearer" = [])),
    params(("id" = Uuid, Path), eventmgr_app::summary::SummaryQuery),
    responses((status = 200, body = eventmgr_app::summary::ProjectSummary)))]
pub async fn summary(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(q): ApiQuery<eventmgr_app::summary::SummaryQuery>,
) -> Result<Json<eventmgr_app::summary::ProjectSummary>, ApiError> {
    Ok(Json(state.app.project_summary(&actor, id, q).await?))
}
