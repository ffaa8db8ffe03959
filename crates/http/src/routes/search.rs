//! `GET /search`: permission-aware full-text search across everything.

use axum::extract::State;
use axum::response::Json;

use eventmgr_app::search::{SearchQuery, SearchResponse};

use crate::AppState;
use crate::extract::{ApiQuery, CurrentActor};
use crate::problem::ApiError;

/// Finds projects, clients, suppliers, BOM items, permits, transports, tasks, cards and
/// files by the beginnings of their words, case- and accent-insensitively; ranked (exact
/// matches first), grouped by kind, each with highlighted title and snippet pieces. Only
/// what the caller may see is ever returned.
#[utoipa::path(get, path = "/api/v1/search", tag = "search", security(("bearer" = [])),
    params(SearchQuery),
    responses((status = 200, body = SearchResponse), (status = 422, description = "Empty or too long query, unknown type")))]
pub async fn search(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiQuery(query): ApiQuery<SearchQuery>,
) -> Result<Json<SearchResponse>, ApiError> {
    Ok(Json(state.app.search(&actor, query).await?))
}
