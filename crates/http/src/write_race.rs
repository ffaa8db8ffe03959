//! Runs a write again when it lost a race it never asked to take part in.
//!
//! Every update reads a record, checks the version the client named (if any), and saves with
//! `UPDATE … WHERE version = <the version read>`. When another writer commits between that
//! read and that write — on PostgreSQL the read takes no lock, so this happens under load —
//! the save changes nothing and the use case answers [`eventmgr_app::AppError::WriteRaced`]; its
//! transaction is rolled back, so nothing of it was written. A client that sent no version
//! asked for its change to apply to the record as it is, so the request is run again, on the
//! version that won. A client that did send one gets its 412 from the version check of that
//! second run, as it would have had it come a moment later.
//!
//! Locking the record on read (`SELECT … FOR UPDATE`) would avoid the race, but every update
//! path would then need a lock order that agrees with the BOM tree's and the boards' moves to
//! stay free of deadlocks; running the request again needs nothing of the use cases.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::Response;

use crate::JSON_BODY_LIMIT;
use crate::problem::{ApiError, WriteRacedMark};

/// Runs in all, the first included; a client sees the 412 only after losing this many races
/// in a row.
const MAX_RUNS: usize = 4;

/// Middleware: reruns writes whose answer carries [`WriteRacedMark`]. Only requests whose
/// whole body can be held to send again are covered: JSON bodies (at most
/// [`JSON_BODY_LIMIT`], as the handlers allow) and bodiless requests such as `DELETE`.
/// Uploads and spreadsheet imports pass through: they create records, they do not update
/// versioned ones.
pub async fn rerun_raced_writes(request: Request, next: Next) -> Result<Response, ApiError> {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) || !holds_whole_body(&request)
    {
        return Ok(next.run(request).await);
    }
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, JSON_BODY_LIMIT)
        .await
        .map_err(|_| {
            ApiError::PayloadTooLarge("the request body exceeds the limit of 1 MiB".to_owned())
        })?;
    let mut run = 1;
    loop {
        let attempt = Request::from_parts(parts.clone(), Body::from(body.clone()));
        let response = next.clone().run(attempt).await;
        if run == MAX_RUNS || response.extensions().get::<WriteRacedMark>().is_none() {
            return Ok(response);
        }
        tracing::debug!(
            run,
            "a concurrent write got in first; running the request again"
        );
        run += 1;
    }
}

/// A JSON body (at most [`JSON_BODY_LIMIT`]) or none: a request that can be held whole.
pub(crate) fn holds_whole_body(request: &Request) -> bool {
    crate::extract::is_json(content_type(request)) || is_bodiless(request)
}

fn content_type(request: &Request) -> Option<&str> {
    request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
}

/// No body announced: neither a length above zero nor a chunked one.
fn is_bodiless(request: &Request) -> bool {
    let headers = request.headers();
    !headers.contains_key(header::TRANSFER_ENCODING)
        && headers
            .get(header::CONTENT_LENGTH)
            .is_none_or(|len| len.as_bytes() == b"0")
}
