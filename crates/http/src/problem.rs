//! Every failure as RFC 9457 problem+json, from one place.
//!
//! Internal causes are logged here, once, with the request id; the client sees a generic
//! title, the request id to quote, and never SQL, paths or stack traces.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use eventmgr_app::AppError;
use eventmgr_app::error::ConflictRecord;
use eventmgr_domain::FieldError;
use serde::Serialize;

use crate::request_id;

const TYPE_BASE: &str = "https://eventmgr.dev/problems/";

/// An error at the HTTP edge: a use-case error or one of the protocol's own.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error(transparent)]
    App(#[from] AppError),
    #[error("{0}")]
    PayloadTooLarge(String),
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error("route not found")]
    RouteNotFound,
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("request timed out")]
    Timeout,
}

#[derive(Serialize)]
struct Problem<'a> {
    #[serde(rename = "type")]
    kind: String,
    title: &'a str,
    status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    detail: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    errors: Option<&'a [FieldError]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    current_version: Option<i64>,
    /// A 409's rule, for clients to explain in their own words.
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'static str>,
    /// The records a 409 is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    records: Option<&'a [ConflictRecord]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    request_id: Option<String>,
}

impl ApiError {
    /// Status, problem type slug and title.
    pub fn classify(&self) -> (StatusCode, &'static str, &'static str) {
        match self {
            ApiError::App(e) => match e {
                AppError::BadRequest(_) => (StatusCode::BAD_REQUEST, "bad-request", "Bad request"),
                AppError::Unauthenticated(_) => (
                    StatusCode::UNAUTHORIZED,
                    "unauthenticated",
                    "Authentication required",
                ),
                AppError::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden", "Not allowed"),
                AppError::NotFound(_) => (StatusCode::NOT_FOUND, "not-found", "Not found"),
                AppError::Conflict(_) | AppError::ConflictWith(_) => (
                    StatusCode::CONFLICT,
                    "conflict",
                    "Conflict with the current state",
                ),
                AppError::VersionMismatch { .. } | AppError::WriteRaced { .. } => (
                    StatusCode::PRECONDITION_FAILED,
                    "version-mismatch",
                    "The resource was changed by someone else",
                ),
                AppError::Validation(_) => (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "validation",
                    "Invalid input",
                ),
                AppError::MfaRequired => (
                    StatusCode::UNAUTHORIZED,
                    "mfa-required",
                    "A second factor is required",
                ),
                AppError::MfaSetupRequired => (
                    StatusCode::FORBIDDEN,
                    "mfa-setup-required",
                    "Multi-factor login must be set up first",
                ),
                AppError::RateLimited { .. } => (
                    StatusCode::TOO_MANY_REQUESTS,
                    "rate-limited",
                    "Too many requests",
                ),
                AppError::PayloadTooLarge(_) => (
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "payload-too-large",
                    "Request body too large",
                ),
                AppError::RangeNotSatisfiable { .. } => (
                    StatusCode::RANGE_NOT_SATISFIABLE,
                    "range-not-satisfiable",
                    "Range not satisfiable",
                ),
                AppError::Busy => (
                    StatusCode::SERVICE_UNAVAILABLE,
                    "busy",
                    "The server is busy",
                ),
                AppError::Internal(_) => (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "Internal server error",
                ),
            },
            ApiError::PayloadTooLarge(_) => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload-too-large",
                "Request body too large",
            ),
            ApiError::UnsupportedMediaType(_) => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type",
                "Unsupported content type",
            ),
            ApiError::RouteNotFound => (StatusCode::NOT_FOUND, "not-found", "Not found"),
            ApiError::MethodNotAllowed => (
                StatusCode::METHOD_NOT_ALLOWED,
                "method-not-allowed",
                "Method not allowed",
            ),
            ApiError::Timeout => (
                StatusCode::SERVICE_UNAVAILABLE,
                "timeout",
                "The request took too long",
            ),
        }
    }

    pub fn bad_request(detail: impl Into<String>) -> ApiError {
        ApiError::App(AppError::BadRequest(detail.into()))
    }

    pub fn validation(field: &str, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::App(AppError::field(field, code, message))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, slug, title) = self.classify();
        let request_id = request_id::current();
        let detail = match &self {
            ApiError::App(AppError::Internal(cause)) => {
                tracing::error!(request_id = request_id.as_deref().unwrap_or("-"), cause = %cause, "internal error");
                Some(
                    "An unexpected error occurred; quote the request_id when reporting it."
                        .to_owned(),
                )
            }
            ApiError::App(AppError::Validation(_)) => {
                Some("One or more fields are invalid.".to_owned())
            }
            ApiError::App(AppError::NotFound(what)) => Some(format!(
                "The {what} does not exist or is not visible to you."
            )),
            ApiError::App(
                AppError::VersionMismatch { current } | AppError::WriteRaced { current },
            ) => Some(format!(
                "The resource is at version {current}; reload it and apply your change again."
            )),
            ApiError::RouteNotFound => Some("No such route.".to_owned()),
            ApiError::MethodNotAllowed => {
                Some("This route does not support the method.".to_owned())
            }
            other => Some(other.to_string()),
        };
        let errors = match &self {
            ApiError::App(AppError::Validation(errors)) => Some(errors.as_slice()),
            _ => None,
        };
        let (code, records) = match &self {
            ApiError::App(AppError::ConflictWith(conflict)) => {
                (Some(conflict.code), Some(conflict.records.as_slice()))
            }
            _ => (None, None),
        };
        let current_version = match &self {
            ApiError::App(
                AppError::VersionMismatch { current } | AppError::WriteRaced { current },
            ) => Some(*current),
            _ => None,
        };
        let body = Problem {
            kind: format!("{TYPE_BASE}{slug}"),
            title,
            status: status.as_u16(),
            detail,
            errors,
            current_version,
            code,
            records,
            request_id: if status.is_server_error() {
                request_id
            } else {
                None
            },
        };
        let mut response = (status, serde_json::to_vec(&body).unwrap_or_default()).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        match &self {
            ApiError::App(AppError::Unauthenticated(_)) => {
                headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            ApiError::App(AppError::RateLimited { retry_after }) => {
                if let Ok(value) = HeaderValue::from_str(&retry_after.to_string()) {
                    headers.insert(header::RETRY_AFTER, value);
                }
            }
            ApiError::App(AppError::Busy) => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
            }
            ApiError::App(AppError::RangeNotSatisfiable { size }) => {
                if let Ok(value) = HeaderValue::from_str(&format!("bytes */{size}")) {
                    headers.insert(header::CONTENT_RANGE, value);
                }
            }
            ApiError::App(AppError::WriteRaced { .. }) => {
                response.extensions_mut().insert(WriteRacedMark);
            }
            _ => {}
        }
        response
    }
}

/// On the response to a request that lost a write race ([`AppError::WriteRaced`]), for
/// [`crate::middleware::rerun_raced_writes`] to run it again.
#[derive(Debug, Clone, Copy)]
pub struct WriteRacedMark;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_maps_to_its_documented_status() {
        let cases: Vec<(ApiError, u16)> = vec![
            (AppError::BadRequest("x".into()).into(), 400),
            (AppError::Unauthenticated("x".into()).into(), 401),
            (AppError::Forbidden("x".into()).into(), 403),
            (AppError::NotFound("project").into(), 404),
            (AppError::Conflict("x".into()).into(), 409),
            (AppError::VersionMismatch { current: 2 }.into(), 412),
            (AppError::WriteRaced { current: 2 }.into(), 412),
            (AppError::Validation(vec![]).into(), 422),
            (AppError::Internal("x".into()).into(), 500),
            (AppError::PayloadTooLarge("x".into()).into(), 413),
            (AppError::RangeNotSatisfiable { size: 3 }.into(), 416),
            (ApiError::PayloadTooLarge("x".into()), 413),
            (ApiError::UnsupportedMediaType("x".into()), 415),
            (ApiError::RouteNotFound, 404),
            (ApiError::MethodNotAllowed, 405),
            (AppError::RateLimited { retry_after: 3 }.into(), 429),
            (AppError::MfaRequired.into(), 401),
            (AppError::MfaSetupRequired.into(), 403),
            (AppError::Busy.into(), 503),
        ];
        for (error, status) in cases {
            assert_eq!(error.classify().0.as_u16(), status, "{error:?}");
        }
    }

    #[tokio::test]
    async fn internal_cause_never_reaches_the_body() {
        let response = ApiError::from(AppError::Internal(
            "SELECT secret FROM users; /srv/db".into(),
        ))
        .into_response();
        assert_eq!(
            response.headers()[header::CONTENT_TYPE],
            "application/problem+json"
        );
        let body = http_body_util::BodyExt::collect(response.into_body())
            .await
            .unwrap()
            .to_bytes();
        let text = String::from_utf8_lossy(&body);
        assert!(!text.contains("SELECT") && !text.contains("/srv"), "{text}");
        assert!(text.contains("\"status\":500"));
    }

    /// An overloaded database is a 503 the client may retry, not a 500 logged as a fault.
    #[test]
    fn a_busy_database_asks_to_retry() {
        let response = ApiError::from(AppError::Busy).into_response();
        assert_eq!(response.status(), 503);
        assert_eq!(response.headers()[header::RETRY_AFTER], "1");
    }
}
