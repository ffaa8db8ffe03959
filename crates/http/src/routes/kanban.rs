//! Kanban: `/projects/{id}/boards`, `/boards/{id}`, `/boards/{id}/columns`, `/columns/{id}`,
//! `/columns/{id}/cards`, `/cards/{id}` and `POST /cards/{id}/move`.

use axum::extract::State;
use axum::response::{Json, Response};
use uuid::Uuid;

use eventmgr_app::kanban::{
    BoardList, BoardOut, CardList, CardOut, ColumnList, ColumnOut, CreateBoard, CreateCard,
    CreateColumn, MoveCard, UpdateBoard, UpdateCard, UpdateColumn,
};

use super::{created, no_content, versioned};
use crate::AppState;
use crate::extract::{ApiJson, ApiPath, CurrentActor, IfMatch};
use crate::problem::ApiError;

// --- boards ------------------------------------------------------------------------------

#[utoipa::path(get, path = "/api/v1/projects/{id}/boards", tag = "kanban", security(("bearer" = [])),
    params(("id" = Uuid, Path)), responses((status = 200, body = BoardList)))]
pub async fn list_boards(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<BoardList>, ApiError> {
    Ok(Json(BoardList {
        items: state.app.list_boards(&actor, id).await?,
    }))
}

#[utoipa::path(post, path = "/api/v1/projects/{id}/boards", tag = "kanban", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = CreateBoard,
    responses((status = 201, body = BoardOut), (status = 422, description = "Invalid input")))]
pub async fn create_board(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    body: ApiJson<CreateBoard>,
) -> Result<Response, ApiError> {
    let board = state.app.create_board(&actor, id, body.value).await?;
    Ok(created(
        format!("/api/v1/boards/{}", board.id),
        board.version,
        board,
    ))
}

/// The whole board: columns in order, each with its cards in order.
#[utoipa::path(get, path = "/api/v1/boards/{id}", tag = "kanban", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = BoardOut), (status = 404, description = "Not found")))]
pub async fn get_board(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Response, ApiError> {
    let board = state.app.get_board(&actor, id).await?;
    Ok(versioned(board.version, board))
}

#[utoipa::path(patch, path = "/api/v1/boards/{id}", tag = "kanban", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = UpdateBoard,
    responses((status = 200, body = BoardOut), (status = 412, description = "Version mismatch")))]
pub async fn update_board(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    if_match: IfMatch,
    body: ApiJson<UpdateBoard>,
) -> Result<Response, ApiError> {
    let board = state
        .app
        .update_board(&actor, id, if_match.or_body(body.body_version), body.value)
        .await?;
    Ok(versioned(board.version, board))
}

#[utoipa::path(delete, path = "/api/v1/boards/{id}", tag = "kanban", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 204, description = "Deleted with its columns and cards")))]
pub async fn delete_board(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    if_match: IfMatch,
) -> Result<Response, ApiError> {
    state.app.delete_board(&actor, id, if_match.0).await?;
    Ok(no_content())
}

// --- columns -----------------------------------------------------------------------------

#[utoipa::path(get, path = "/api/v1/boards/{id}/columns", tag = "kanban", security(("bearer" = [])),
    params(("id" = Uuid, Path)), responses((status = 200, body = ColumnList)))]
pub async fn list_columns(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<ColumnList>, ApiError> {
    Ok(Json(ColumnList {
        items: state.app.list_columns(&actor, id).await?,
    }))
}

#[utoipa::path(post, path = "/api/v1/boards/{id}/columns", tag = "kanban", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = CreateColumn,
    responses((status = 201, body = ColumnOut), (status = 422, description = "Invalid input")))]
pub async fn create_column(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    body: ApiJson<CreateColumn>,
) -> Result<Response, ApiError> {
    let column = state.app.create_column(&actor, id, body.value).await?;
    Ok(created(
        format!("/api/v1/columns/{}", column.id),
        column.version,
        column,
    ))
}

#[utoipa::path(get, path = "/api/v1/columns/{id}", tag = "kanban", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = ColumnOut), (status = 404, description = "Not found")))]
pub async fn get_column(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Response, ApiError> {
    let column = state.app.get_column(&actor, id).await?;
    Ok(versioned(column.version, column))
}

#[utoipa::path(patch, path = "/api/v1/columns/{id}", tag = "kanban", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = UpdateColumn,
    responses((status = 200, body = ColumnOut), (status = 409, description = "Neighbours changed"), (status = 412, description = "Version mismatch")))]
pub async fn update_column(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    if_match: IfMatch,
    body: ApiJson<UpdateColumn>,
) -> Result<Response, ApiError> {
    let column = state
        .app
        .update_column(&actor, id, if_match.or_body(body.body_version), body.value)
        .await?;
    Ok(versioned(column.version, column))
}

#[utoipa::path(delete, path = "/api/v1/columns/{id}", tag = "kanban", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 204, description = "Deleted"), (status = 409, description = "Still holds cards")))]
pub async fn delete_column(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    if_match: IfMatch,
) -> Result<Response, ApiError> {
    state.app.delete_column(&actor, id, if_match.0).await?;
    Ok(no_content())
}

// --- cards -------------------------------------------------------------------------------

#[utoipa::path(get, path = "/api/v1/columns/{id}/cards", tag = "kanban", security(("bearer" = [])),
    params(("id" = Uuid, Path)), responses((status = 200, body = CardList)))]
pub async fn list_cards(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<CardList>, ApiError> {
    Ok(Json(CardList {
        items: state.app.list_cards(&actor, id).await?,
    }))
}

#[utoipa::path(post, path = "/api/v1/columns/{id}/cards", tag = "kanban", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = CreateCard,
    responses((status = 201, body = CardOut), (status = 409, description = "WIP limit reached"), (status = 422, description = "Invalid input")))]
pub async fn create_card(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    body: ApiJson<CreateCard>,
) -> Result<Response, ApiError> {
    let card = state.app.create_card(&actor, id, body.value).await?;
    Ok(created(
        format!("/api/v1/cards/{}", card.id),
        card.version,
        card,
    ))
}

#[utoipa::path(get, path = "/api/v1/cards/{id}", tag = "kanban", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = CardOut), (status = 404, description = "Not found")))]
pub async fn get_card(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Response, ApiError> {
    let card = state.app.get_card(&actor, id).await?;
    Ok(versioned(card.version, card))
}

#[utoipa::path(patch, path = "/api/v1/cards/{id}", tag = "kanban", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = UpdateCard,
    responses((status = 200, body = CardOut), (status = 412, description = "Version mismatch")))]
pub async fn update_card(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    if_match: IfMatch,
    body: ApiJson<UpdateCard>,
) -> Result<Response, ApiError> {
    let card = state
        .app
        .update_card(&actor, id, if_match.or_body(body.body_version), body.value)
        .await?;
    Ok(versioned(card.version, card))
}

#[utoipa::path(delete, path = "/api/v1/cards/{id}", tag = "kanban", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 204, description = "Deleted")))]
pub async fn delete_card(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    if_match: IfMatch,
) -> Result<Response, ApiError> {
    state.app.delete_card(&actor, id, if_match.0).await?;
    Ok(no_content())
}

/// Moves the card into `column_id` between `after_id` and `before_id`.
#[utoipa::path(post, path = "/api/v1/cards/{id}/move", tag = "kanban", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = MoveCard,
    responses((status = 200, body = CardOut),
        (status = 409, description = "WIP limit reached, neighbours changed, or the linked task may not take the column's status"),
        (status = 412, description = "Version mismatch")))]
pub async fn move_card(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    if_match: IfMatch,
    body: ApiJson<MoveCard>,
) -> Result<Response, ApiError> {
    let card = state
        .app
        .move_card(&actor, id, if_match.or_body(body.body_version), body.value)
        .await?;
    Ok(versioned(card.version, card))
}
