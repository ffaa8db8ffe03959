//! `GET /dashboard`: one answer for the start page.

use axum::extract::State;
use axum::response::Json;

use eventmgr_app::dashboard::Dashboard;

use crate::AppState;
use crate::extract::CurrentActor;
use crate::problem::ApiError;

/// My tasks due soon, running projects with budget status, permits at risk, the next
/// transports and the latest changes, across every project the caller can see.
#[utoipa::path(get, path = "/api/v1/dashboard", tag = "projects", security(("bearer" = [])),
    responses((status = 200, body = Dashboard)))]
pub async fn get(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
) -> Result<Json<Dashboard>, ApiError> {
    Ok(Json(state.app.dashboard(&actor).await?))
}
