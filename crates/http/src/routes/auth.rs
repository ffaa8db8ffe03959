//! `/auth`: login, refresh, logout, sessions, and the caller's own account.

use axum::extract::{Request, State};
use axum::response::{Json, Response};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use uuid::Uuid;

use axum::response::IntoResponse;
use eventmgr_app::RequestMeta;
use eventmgr_app::auth::{
    ApiTokenList, CreateApiToken, CreatedApiToken, MfaDisable, MfaEnable, MfaSetup, RecoveryCodes,
};
use eventmgr_app::auth::{
    ChangePassword, LoginRequest, LoginResponse, RefreshRequest, ResetLink, ResetPassword,
    ResetRequest, SessionList, SseTicket,
};
use eventmgr_app::users::MeOut;

use super::no_content;
use crate::AppState;
use crate::extract::{ApiJson, ApiPath, ApiQuery, CurrentActor, parse_json};
use crate::middleware::request_meta;
use crate::problem::ApiError;

/// The JSON body of a public route, with the request's metadata (public routes have no actor).
async fn public_json<T: DeserializeOwned>(request: Request) -> Result<(RequestMeta, T), ApiError> {
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
    Ok((meta, parse_json::<T>(&bytes)?.value))
}

/// Exchanges email and password for an access token and a refresh token.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = LoginResponse), (status = 401, description = "Wrong email or password")))]
pub async fn login(
    State(state): State<AppState>,
    request: Request,
) -> Result<Json<LoginResponse>, ApiError> {
    let (meta, body) = public_json::<LoginRequest>(request).await?;
    Ok(Json(state.app.login(body, meta).await?))
}

/// Rotates a refresh token: the old one dies; a reused one revokes its whole session.
#[utoipa::path(post, path = "/api/v1/auth/refresh", tag = "auth", request_body = RefreshRequest,
    responses((status = 200, body = LoginResponse), (status = 401, description = "Invalid, expired or reused token")))]
pub async fn refresh(
    State(state): State<AppState>,
    request: Request,
) -> Result<Json<LoginResponse>, ApiError> {
    let (meta, body) = public_json::<RefreshRequest>(request).await?;
    Ok(Json(state.app.refresh(body, meta).await?))
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LogoutRequest {
    pub refresh_token: Option<String>,
}

/// Ends the session of the access token (or of the refresh token in the body).
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", security(("bearer" = [])), request_body(content = Option<LogoutRequest>),
    responses((status = 204, description = "Logged out")))]
pub async fn logout(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    request: Request,
) -> Result<Response, ApiError> {
    let bytes = axum::body::to_bytes(request.into_body(), crate::JSON_BODY_LIMIT)
        .await
        .map_err(|_| {
            ApiError::PayloadTooLarge("the request body exceeds the limit of 1 MiB".to_owned())
        })?;
    let body = if bytes.iter().all(u8::is_ascii_whitespace) {
        LogoutRequest::default()
    } else {
        parse_json::<LogoutRequest>(&bytes)?.value
    };
    state.app.logout(&actor, body.refresh_token).await?;
    Ok(no_content())
}

/// The caller's open sessions (devices).
#[utoipa::path(get, path = "/api/v1/auth/sessions", tag = "auth", security(("bearer" = [])), responses((status = 200, body = SessionList)))]
pub async fn sessions(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
) -> Result<Json<SessionList>, ApiError> {
    Ok(Json(state.app.list_sessions(&actor).await?))
}

/// Ends one of the caller's sessions.
#[utoipa::path(delete, path = "/api/v1/auth/sessions/{id}", tag = "auth", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 204, description = "Revoked"), (status = 404, description = "No such session of yours")))]
pub async fn revoke_session(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Response, ApiError> {
    state.app.revoke_session(&actor, id).await?;
    Ok(no_content())
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RevokeAllQuery {
    /// `true`: end every session but the one making this request ("sign out other devices").
    pub except_current: Option<bool>,
}

/// Log out everywhere: ends every session of the caller, this one included unless
/// `except_current=true`.
#[utoipa::path(delete, path = "/api/v1/auth/sessions", tag = "auth", security(("bearer" = [])), params(RevokeAllQuery),
    responses((status = 204, description = "Sessions ended")))]
pub async fn revoke_all_sessions(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiQuery(query): ApiQuery<RevokeAllQuery>,
) -> Result<Response, ApiError> {
    state
        .app
        .revoke_all_sessions(&actor, query.except_current.unwrap_or(false))
        .await?;
    Ok(no_content())
}

/// The authenticated user.
#[utoipa::path(get, path = "/api/v1/auth/me", tag = "auth", security(("bearer" = [])), responses((status = 200, body = MeOut)))]
pub async fn me(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
) -> Result<Json<MeOut>, ApiError> {
    Ok(Json(state.app.me(&actor).await?))
}

/// A one-minute ticket for opening `GET /projects/{id}/events?ticket=…` from a browser's
/// `EventSource`, which cannot send the `Authorization` header. The ticket opens event
/// streams only (it is refused as a bearer token) and dies with the session.
#[utoipa::path(post, path = "/api/v1/auth/sse-ticket", tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = SseTicket), (status = 403, description = "Called with an API token (send it as a header instead)")))]
pub async fn sse_ticket(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
) -> Result<Json<SseTicket>, ApiError> {
    Ok(Json(state.app.sse_ticket(&actor)?))
}

/// Changes the caller's password (needs the current one); other sessions end.
#[utoipa::path(post, path = "/api/v1/auth/password/change", tag = "auth", security(("bearer" = [])), request_body = ChangePassword,
    responses((status = 204, description = "Changed"), (status = 422, description = "Wrong current password or weak new one")))]
pub async fn change_password(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    body: ApiJson<ChangePassword>,
) -> Result<Response, ApiError> {
    state.app.change_password(&actor, body.value).await?;
    Ok(no_content())
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct Accepted {
    pub status: &'static str,
}

/// Emails a single-use reset link, if the account exists. The answer is the same either way.
#[utoipa::path(post, path = "/api/v1/auth/password/reset-request", tag = "auth", request_body = ResetRequest,
    responses((status = 202, body = Accepted)))]
pub async fn reset_request(
    State(state): State<AppState>,
    request: Request,
) -> Result<Response, ApiError> {
    let (meta, body) = public_json::<ResetRequest>(request).await?;
    state.app.request_password_reset(body, meta);
    Ok((
        axum::http::StatusCode::ACCEPTED,
        Json(Accepted { status: "accepted" }),
    )
        .into_response())
}

/// Sets a new password with the token from a reset link; every session ends.
#[utoipa::path(post, path = "/api/v1/auth/password/reset", tag = "auth", request_body = ResetPassword,
    responses((status = 204, description = "Password set"), (status = 422, description = "Invalid or expired token, or weak password")))]
pub async fn reset_password(
    State(state): State<AppState>,
    request: Request,
) -> Result<Response, ApiError> {
    let (meta, body) = public_json::<ResetPassword>(request).await?;
    state.app.reset_password(body, meta).await?;
    Ok(no_content())
}

/// An admin creates a reset link for a user (for when no email can be sent).
#[utoipa::path(post, path = "/api/v1/users/{id}/reset-link", tag = "users", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 201, body = ResetLink), (status = 403, description = "Needs users:manage")))]
pub async fn reset_link(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Response, ApiError> {
    let link = state.app.create_reset_link(&actor, id).await?;
    Ok((axum::http::StatusCode::CREATED, Json(link)).into_response())
}

/// Starts multi-factor setup: a new secret and its `otpauth://` URI (not active yet).
#[utoipa::path(post, path = "/api/v1/auth/mfa/setup", tag = "auth", security(("bearer" = [])), responses((status = 200, body = MfaSetup)))]
pub async fn mfa_setup(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
) -> Result<Json<MfaSetup>, ApiError> {
    Ok(Json(state.app.mfa_setup(&actor).await?))
}

/// Turns multi-factor login on with a valid code; answers the ten recovery codes, once.
#[utoipa::path(post, path = "/api/v1/auth/mfa/enable", tag = "auth", security(("bearer" = [])), request_body = MfaEnable, responses((status = 200, body = RecoveryCodes)))]
pub async fn mfa_enable(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    body: ApiJson<MfaEnable>,
) -> Result<Json<RecoveryCodes>, ApiError> {
    Ok(Json(state.app.mfa_enable(&actor, body.value).await?))
}

/// Turns multi-factor login off; needs the password and a code.
#[utoipa::path(post, path = "/api/v1/auth/mfa/disable", tag = "auth", security(("bearer" = [])), request_body = MfaDisable, responses((status = 204, description = "Off")))]
pub async fn mfa_disable(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    body: ApiJson<MfaDisable>,
) -> Result<Response, ApiError> {
    state.app.mfa_disable(&actor, body.value).await?;
    Ok(no_content())
}

/// The caller's API tokens (never the tokens themselves).
#[utoipa::path(get, path = "/api/v1/auth/tokens", tag = "auth", security(("bearer" = [])), responses((status = 200, body = ApiTokenList)))]
pub async fn list_tokens(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
) -> Result<Json<ApiTokenList>, ApiError> {
    Ok(Json(state.app.list_api_tokens(&actor).await?))
}

/// Creates an API token; the answer is the only time the token is shown.
#[utoipa::path(post, path = "/api/v1/auth/tokens", tag = "auth", security(("bearer" = [])), request_body = CreateApiToken,
    responses((status = 201, body = CreatedApiToken), (status = 422, description = "A scope the caller does not hold")))]
pub async fn create_token(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    body: ApiJson<CreateApiToken>,
) -> Result<Response, ApiError> {
    let created = state.app.create_api_token(&actor, body.value).await?;
    let location = format!("/api/v1/auth/tokens/{}", created.meta.id);
    let mut response = (axum::http::StatusCode::CREATED, Json(created)).into_response();
    if let Ok(value) = axum::http::HeaderValue::from_str(&location) {
        response
            .headers_mut()
            .insert(axum::http::header::LOCATION, value);
    }
    Ok(response)
}

/// Revokes one of the caller's API tokens.
#[utoipa::path(delete, path = "/api/v1/auth/tokens/{id}", tag = "auth", security(("bearer" = [])), params(("id" = Uuid, Path)), responses((status = 204, description = "Revoked")))]
pub async fn revoke_token(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Response, ApiError> {
    state.app.revoke_api_token(&actor, id).await?;
    Ok(no_content())
}
