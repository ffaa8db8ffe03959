//! `/projects/{id}/members`

use axum::extract::State;
use axum::response::{Json, Response};
use uuid::Uuid;

use eventmgr_app::members::{AddMember, MemberList, MemberOut, UpdateMember};

use super::{created, no_content, versioned};
use crate::AppState;
use crate::extract::{ApiJson, ApiPath, CurrentActor, IfMatch};
use crate::problem::ApiError;

#[utoipa::path(get, path = "/api/v1/projects/{id}/members", tag = "members", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = MemberList)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<MemberList>, ApiError> {
    Ok(Json(state.app.list_members(&actor, id).await?))
}

#[utoipa::path(post, path = "/api/v1/projects/{id}/members", tag = "members", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = AddMember,
    responses((status = 201, body = MemberOut), (status = 409, description = "Already a member")))]
pub async fn add(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    body: ApiJson<AddMember>,
) -> Result<Response, ApiError> {
    let member = state.app.add_member(&actor, id, body.value).await?;
    Ok(created(
        format!("/api/v1/projects/{id}/members/{}", member.user_id),
        member.version,
        member,
    ))
}

#[utoipa::path(patch, path = "/api/v1/projects/{id}/members/{user_id}", tag = "members", security(("bearer" = [])), params(("id" = Uuid, Path), ("user_id" = Uuid, Path)), request_body = UpdateMember,
    responses((status = 200, body = MemberOut)))]
pub async fn update(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((id, user_id)): ApiPath<(Uuid, Uuid)>,
    if_match: IfMatch,
    body: ApiJson<UpdateMember>,
) -> Result<Response, ApiError> {
    let member = state
        .app
        .update_member(
            &actor,
            id,
            user_id,
            if_match.or_body(body.body_version),
            body.value,
        )
        .await?;
    Ok(versioned(member.version, member))
}

#[utoipa::path(delete, path = "/api/v1/projects/{id}/members/{user_id}", tag = "members", security(("bearer" = [])), params(("id" = Uuid, Path), ("user_id" = Uuid, Path)),
    responses((status = 204, description = "Removed")))]
pub async fn remove(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((id, user_id)): ApiPath<(Uuid, Uuid)>,
    if_match: IfMatch,
) -> Result<Response, ApiError> {
    state
        .app
        .remove_member(&actor, id, user_id, if_match.0)
        .await?;
    Ok(no_content())
}
