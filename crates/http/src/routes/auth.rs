//! `/auth`: password login and the caller's own account.

use axum::extract::{Request, State};
use axum::response::Json;

use eventmgr_app::auth::{LoginRequest, LoginResponse};
use eventmgr_app::users::UserOut;

use crate::AppState;
use crate::extract::{CurrentActor, parse_json};
use crate::middleware::request_meta;
use crate::problem::ApiError;

/// Exchanges email and password for an access token.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = LoginResponse), (status = 401, description = "Wrong email or password")))]
pub async fn login(
    State(state): State<AppState>,
    request: Request,
) -> Result<Json<LoginResponse>, ApiError> {
    let meta = request_meta(&request);
    let content_type = request
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    if !content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .eq_ignore_ascii_case("application/json")
    {
        return Err(ApiError::UnsupportedMediaType(
            "send the body as application/json".to_owned(),
        ));
    }
    let bytes = axum::body::to_bytes(request.into_body(), crate::JSON_BODY_LIMIT)
        .await
        .map_err(|_| {
            ApiError::PayloadTooLarge("the request body exceeds the limit of 1 MiB".to_owned())
        })?;
    let body = parse_json::<LoginRequest>(&bytes)?;
    Ok(Json(state.app.login(body.value, meta).await?))
}

/// The authenticated user.
#[utoipa::path(get, path = "/api/v1/auth/me", tag = "auth", security(("bearer" = [])), responses((status = 200, body = UserOut)))]
pub async fn me(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
) -> Result<Json<UserOut>, ApiError> {
    Ok(Json(state.app.me(&actor).await?))
}
