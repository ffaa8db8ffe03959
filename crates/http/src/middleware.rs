//! Request middleware: authentication, idempotent POSTs, and the fallbacks that keep every
//! answer problem+json.

use std::net::SocketAddr;

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, RawPathParams, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use eventmgr_app::access::{Need, Owned};
use eventmgr_app::idempotency::{Decision, StoredResponse};
use eventmgr_app::{Actor, AppError, RequestMeta};
use sha2::{Digest, Sha256};

use crate::problem::ApiError;
use crate::{AppState, JSON_BODY_LIMIT, request_id};

fn bearer(headers: &HeaderMap) -> Result<&str, ApiError> {
    let value = headers.get(header::AUTHORIZATION).ok_or_else(|| {
        ApiError::App(AppError::Unauthenticated(
            "a bearer token is required".to_owned(),
        ))
    })?;
    let text = value.to_str().map_err(|_| {
        ApiError::App(AppError::Unauthenticated(
            "malformed Authorization header".to_owned(),
        ))
    })?;
    match text.split_once(' ') {
        Some((scheme, token))
            if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() =>
        {
            Ok(token.trim())
        }
        _ => Err(ApiError::App(AppError::Unauthenticated(
            "use Authorization: Bearer <token>".to_owned(),
        ))),
    }
}

/// Facts about the request that audit entries keep.
pub fn request_meta(request: &Request) -> RequestMeta {
    RequestMeta {
        request_id: request_id::current(),
        ip: request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip().to_string()),
        user_agent: request
            .headers()
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(|v| v.chars().take(500).collect()),
    }
}

/// Every route behind this layer needs a valid bearer token; the actor is put into the
/// request's extensions for handlers and later middleware.
pub async fn require_auth(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Result<Response, ApiError> {
    let meta = request_meta(&request);
    let actor = match sse_ticket(&request) {
        Some(ticket) => state.app.authenticate_sse_ticket(&ticket, meta).await?,
        None => {
            let token = bearer(request.headers())?;
            state.app.authenticate(token, meta).await?
        }
    };
    // A role that requires MFA lets its users do nothing else until they have set it up.
    // (Paths as seen inside the nested /api/v1 router.)
    const MFA_SETUP_ROUTES: [&str; 5] = [
        "/auth/me",
        "/auth/mfa/setup",
        "/auth/mfa/enable",
        "/auth/logout",
        "/auth/password/change",
    ];
    let path = request.uri().path();
    let path = path.strip_prefix("/api/v1").unwrap_or(path);
    if actor.mfa_setup_required && !MFA_SETUP_ROUTES.contains(&path) {
        return Err(ApiError::App(AppError::MfaSetupRequired));
    }
    request.extensions_mut().insert(actor);
    Ok(next.run(request).await)
}

/// The `?ticket=` of an event-stream request without an `Authorization` header. Only
/// `GET /projects/{id}/events` takes one: anywhere else a ticket in a URL is ignored (and
/// the request then lacks a bearer token), so a leaked ticket opens nothing else.
fn sse_ticket(request: &Request) -> Option<String> {
    if request.method() != Method::GET || request.headers().contains_key(header::AUTHORIZATION) {
        return None;
    }
    let path = request.uri().path();
    let path = path.strip_prefix("/api/v1").unwrap_or(path);
    let rest = path.strip_prefix("/projects/")?;
    let (_, tail) = rest.split_once('/')?;
    if tail != "events" {
        return None;
    }
    form_urlencoded::parse(request.uri().query()?.as_bytes())
        .find(|(key, _)| key == "ticket")
        .map(|(_, value)| value.into_owned())
}

/// The authenticated actor `require_auth` put into the request.
fn actor_of(request: &Request) -> Result<Actor, ApiError> {
    request.extensions().get::<Actor>().cloned().ok_or_else(|| {
        ApiError::App(AppError::Unauthenticated(
            "a bearer token is required".to_owned(),
        ))
    })
}

/// The `{id}` path parameter as a UUID.
fn path_id(params: &RawPathParams) -> Result<uuid::Uuid, ApiError> {
    let raw_id = params
        .iter()
        .find(|(name, _)| *name == "id")
        .map(|(_, value)| value.to_owned())
        .unwrap_or_default();
    uuid::Uuid::parse_str(&raw_id)
        .map_err(|_| ApiError::bad_request("invalid path parameter: id is not a UUID"))
}

/// Reads need read access; everything else writes.
fn need_of(method: &Method) -> Need {
    if matches!(*method, Method::GET | Method::HEAD) {
        Need::Read
    } else {
        Need::Write
    }
}

/// The one project-access guard at the HTTP edge, in front of every `/projects/{id}/...`
/// route: 404 when the caller cannot see the project, 403 when a write comes from a
/// read-only member. Use cases check the finer rules (managers only, ...) again.
pub async fn project_guard(
    State(state): State<AppState>,
    params: RawPathParams,
    request: Request,
    next: Next,
) -> Result<Response, ApiError> {
    let actor = actor_of(&request)?;
    let project_id = path_id(&params)?;
    let need = need_of(request.method());
    // Trashed projects pass here; the use case decides (restore needs them, reads 404).
    let access = state.app.project_access(&actor, project_id, need).await?;
    if need == Need::Read {
        actor.checked.hand_over(access);
    }
    Ok(next.run(request).await)
}

/// The same guard for records addressed by their own id (`/bom-items/{id}`,
/// `/permits/{id}`, `/logistics/{id}`): the first path segment names the kind, the record's
/// project is looked up, and the project rule applies as above.
pub async fn owned_guard(
    State(state): State<AppState>,
    params: RawPathParams,
    request: Request,
    next: Next,
) -> Result<Response, ApiError> {
    let actor = actor_of(&request)?;
    let path = request.uri().path();
    let segment = path
        .strip_prefix("/api/v1")
        .unwrap_or(path)
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or_default();
    let kind = Owned::from_path_segment(segment).ok_or_else(|| {
        ApiError::App(AppError::Internal(format!(
            "route /{segment} is not a project-owned record"
        )))
    })?;
    let id = path_id(&params)?;
    let need = need_of(request.method());
    let access = state.app.owned_access(&actor, kind, id, need).await?;
    if need == Need::Read {
        actor.checked.hand_over_owned(access, kind, id);
    }
    Ok(next.run(request).await)
}

const KEY_HEADER: &str = "idempotency-key";

/// Headers of a first answer that a replay must repeat.
const KEPT_HEADERS: [header::HeaderName; 3] =
    [header::CONTENT_TYPE, header::LOCATION, header::ETAG];

/// Makes a POST with an `Idempotency-Key` safe to retry: the same key and body yield the
/// first answer again and create nothing new; the same key with another body is a 422.
pub async fn idempotency(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Result<Response, ApiError> {
    // Answers under /auth carry secrets shown once (API tokens, recovery codes, MFA
    // secrets): they must never be stored for replay, so those routes bypass the cache.
    let path = request.uri().path();
    let carries_secrets = path
        .strip_prefix("/api/v1")
        .unwrap_or(path)
        .starts_with("/auth/");
    if request.method() != Method::POST || carries_secrets {
        return Ok(next.run(request).await);
    }
    let Some(key) = request.headers().get(KEY_HEADER) else {
        return Ok(next.run(request).await);
    };
    let key = key
        .to_str()
        .map_err(|_| ApiError::bad_request("Idempotency-Key must be visible ASCII"))?
        .to_owned();
    let Some(actor) = request.extensions().get::<Actor>().cloned() else {
        return Ok(next.run(request).await);
    };
    let streamed = crate::routes::files::is_upload(&request);
    let (parts, body) = request.into_parts();
    let mut hasher = Sha256::new();
    hasher.update(parts.method.as_str().as_bytes());
    hasher.update(b" ");
    hasher.update(parts.uri.path().as_bytes());
    hasher.update(b"\n");
    let body = if streamed {
        // File uploads stream (up to gigabytes): hashing them would mean buffering them.
        // Their fingerprint is the declared length instead; the key still makes a retry
        // replay the first answer.
        let length = parts.headers.get(header::CONTENT_LENGTH);
        hasher.update(length.map(|v| v.as_bytes()).unwrap_or(b"chunked"));
        body
    } else {
        // Spreadsheet imports are the largest buffered bodies; other routes limit themselves.
        let limit = JSON_BODY_LIMIT.max(crate::routes::bom::IMPORT_BODY_LIMIT);
        let bytes = axum::body::to_bytes(body, limit).await.map_err(|_| {
            ApiError::PayloadTooLarge("the request body exceeds the upload limit".to_owned())
        })?;
        hasher.update(&bytes);
        Body::from(bytes)
    };
    let hash = hex::encode(hasher.finalize());

    match state
        .app
        .idempotency_begin(actor.user_id, &key, &hash)
        .await?
    {
        Decision::Replay(stored) => Ok(replay(stored)),
        Decision::Proceed => {
            let response = next.run(Request::from_parts(parts, body)).await;
            if !response.status().is_success() {
                state.app.idempotency_release(actor.user_id, &key).await?;
                return Ok(response);
            }
            let (parts, body) = response.into_parts();
            let body: Bytes = axum::body::to_bytes(body, usize::MAX).await.map_err(|e| {
                ApiError::App(AppError::Internal(format!("buffering response: {e}")))
            })?;
            let headers = KEPT_HEADERS
                .iter()
                .filter_map(|name| {
                    parts
                        .headers
                        .get(name)
                        .and_then(|v| v.to_str().ok())
                        .map(|v| (name.as_str().to_owned(), v.to_owned()))
                })
                .collect();
            state
                .app
                .idempotency_complete(
                    actor.user_id,
                    &key,
                    StoredResponse {
                        status: parts.status.as_u16(),
                        headers,
                        body: body.to_vec(),
                    },
                )
                .await?;
            Ok(Response::from_parts(parts, Body::from(body)))
        }
    }
}

fn replay(stored: StoredResponse) -> Response {
    let status = StatusCode::from_u16(stored.status).unwrap_or(StatusCode::OK);
    let mut response = (status, stored.body).into_response();
    for (name, value) in stored.headers {
        if let (Ok(name), Ok(value)) = (
            header::HeaderName::try_from(name),
            HeaderValue::from_str(&value),
        ) {
            response.headers_mut().insert(name, value);
        }
    }
    response
        .headers_mut()
        .insert("idempotent-replayed", HeaderValue::from_static("true"));
    response
}

pub async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}
