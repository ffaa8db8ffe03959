//! Routers per feature, and the response shapes they share (201 + Location, ETag).

pub mod audit_log;
pub mod auth;
pub mod bom;
pub mod clients;
pub mod dashboard;
pub mod events;
pub mod files;
pub mod health;
pub mod kanban;
pub mod logistics;
pub mod members;
pub mod permits;
pub mod projects;
pub mod search;
pub mod stages;
pub mod statuses;
pub mod suppliers;
pub mod tasks;
pub mod users;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Json, Response};
use serde::{Deserialize, Serialize};

/// `?include_deleted=true` on single-resource reads.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct IncludeDeleted {
    /// Also answer for a resource in the trash.
    pub include_deleted: Option<bool>,
}

fn etag(version: i64) -> Option<HeaderValue> {
    HeaderValue::from_str(&format!("\"{version}\"")).ok()
}

/// 200 with the resource and its version as `ETag`.
pub fn versioned<T: Serialize>(version: i64, body: T) -> Response {
    let mut response = Json(body).into_response();
    if let Some(tag) = etag(version) {
        response.headers_mut().insert(header::ETAG, tag);
    }
    response
}

/// 201 with the resource, its `Location` and `ETag`.
pub fn created<T: Serialize>(location: String, version: i64, body: T) -> Response {
    let mut response = (StatusCode::CREATED, Json(body)).into_response();
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    if let Some(tag) = etag(version) {
        response.headers_mut().insert(header::ETAG, tag);
    }
    response
}

pub fn no_content() -> Response {
    StatusCode::NO_CONTENT.into_response()
}
