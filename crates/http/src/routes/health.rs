//! Liveness and readiness probes.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Json, Response};
use serde_json::json;

use crate::AppState;

/// `GET /healthz`: the process is up.
#[utoipa::path(get, path = "/healthz", tag = "health", responses((status = 200, description = "The process is up")))]
pub async fn healthz() -> Json<serde_json::Value> {
    Json(json!({"status": "ok"}))
}

/// `GET /readyz`: the database answers and its schema is current.
#[utoipa::path(get, path = "/readyz", tag = "health", responses((status = 200, description = "Ready"), (status = 503, description = "A check failed")))]
pub async fn readyz(State(state): State<AppState>) -> Response {
    let store = &state.app.store;
    let failing = match store.ping().await {
        Err(_) => Some("database"),
        Ok(()) => match store.migrations_current().await {
            Ok(true) => None,
            _ => Some("migrations"),
        },
    };
    match failing {
        None => Json(json!({"status": "ok"})).into_response(),
        Some(check) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({"status": "unavailable", "failing_check": check})),
        )
            .into_response(),
    }
}
