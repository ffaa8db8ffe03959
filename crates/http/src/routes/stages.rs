//! `/projects/{id}/workflow-stages`, `/workflow-stages/{id}`: the phases of a project.

use axum::extract::State;
use axum::response::{Json, Response};
use serde::Serialize;
use uuid::Uuid;

use eventmgr_app::projects::WorkflowStageOut;
use eventmgr_app::stages::{CreateStage, UpdateStage};

use super::{created, no_content, versioned};
use crate::AppState;
use crate::extract::{ApiJson, ApiPath, CurrentActor, IfMatch};
use crate::problem::ApiError;

#[derive(Serialize, utoipa::ToSchema)]
pub struct StageList {
    pub items: Vec<WorkflowStageOut>,
}

#[utoipa::path(get, path = "/api/v1/projects/{id}/workflow-stages", tag = "workflow", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = StageList)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<StageList>, ApiError> {
    Ok(Json(StageList {
        items: state.app.list_workflow_stages(&actor, id).await?,
    }))
}

#[utoipa::path(post, path = "/api/v1/projects/{id}/workflow-stages", tag = "workflow", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = CreateStage,
    responses((status = 201, body = WorkflowStageOut), (status = 422, description = "Invalid input")))]
pub async fn create(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    body: ApiJson<CreateStage>,
) -> Result<Response, ApiError> {
    let stage = state.app.create_stage(&actor, id, body.value).await?;
    Ok(created(
        format!("/api/v1/workflow-stages/{}", stage.id),
        stage.version,
        stage,
    ))
}

#[utoipa::path(get, path = "/api/v1/workflow-stages/{id}", tag = "workflow", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = WorkflowStageOut), (status = 404, description = "Not found")))]
pub async fn get(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Response, ApiError> {
    let stage = state.app.get_stage(&actor, id).await?;
    Ok(versioned(stage.version, stage))
}

#[utoipa::path(patch, path = "/api/v1/workflow-stages/{id}", tag = "workflow", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = UpdateStage,
    responses((status = 200, body = WorkflowStageOut), (status = 409, description = "Status move not allowed"), (status = 412, description = "Version mismatch")))]
pub async fn update(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    if_match: IfMatch,
    body: ApiJson<UpdateStage>,
) -> Result<Response, ApiError> {
    let stage = state
        .app
        .update_stage(&actor, id, if_match.or_body(body.body_version), body.value)
        .await?;
    Ok(versioned(stage.version, stage))
}

#[utoipa::path(delete, path = "/api/v1/workflow-stages/{id}", tag = "workflow", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 204, description = "Deleted"), (status = 409, description = "The ACTIVE stage")))]
pub async fn delete(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    if_match: IfMatch,
) -> Result<Response, ApiError> {
    state.app.delete_stage(&actor, id, if_match.0).await?;
    Ok(no_content())
}
