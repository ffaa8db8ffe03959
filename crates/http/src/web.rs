//! Serves the embedded web app (`eventmgr_webapp`) at `/`:
//! - hashed files under `/assets/` are cached by browsers for a year (`immutable`): a new build
//!   has new names;
//! - every other path that is not the API answers `index.html`, so that client-side routes
//!   (`/projects/…`) survive a reload; `index.html` itself is never cached, so a deploy is
//!   seen at the next page load;
//! - pages carry a Content-Security-Policy that allows scripts, connections and frames only
//!   from this origin (see [`CONTENT_SECURITY_POLICY`]).
//!
//! `/api/…`, `/assets/…` and non-GET requests that match nothing stay problem+json 404/405.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use eventmgr_webapp::Asset;

use crate::negotiate::{accepts_gzip, none_match};
use crate::problem::ApiError;

/// Scripts, styles, fonts, images, connections and frames from this origin only. Two
/// deliberate allowances: `style-src 'unsafe-inline'`, because the component library sets
/// computed styles as `style` attributes and injects its theme variables as a `<style>`
/// element (styles cannot run code; scripts stay strictly `'self'`), and `blob:` for images
/// and frames, because previews of stored files are fetched with the bearer token and shown
/// from a `blob:` URL.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; \
     connect-src 'self'; frame-src 'self' blob:; object-src 'none'; base-uri 'self'; \
     form-action 'self'; frame-ancestors 'none'";

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const NEVER: &str = "no-store";
/// Unhashed files from `public/` (the icon): cached briefly, revalidated by ETag.
const SHORT: &str = "public, max-age=3600, must-revalidate";

/// Router fallback: an app file, the app for a client-side route, or the API's 404/405.
pub async fn fallback(request: Request) -> Response {
    let path = request.uri().path();
    let is_api = path == "/api" || path.starts_with("/api/");
    if is_api || !matches!(*request.method(), Method::GET | Method::HEAD) {
        return if is_api || *request.method() == Method::GET {
            ApiError::RouteNotFound.into_response()
        } else {
            ApiError::MethodNotAllowed.into_response()
        };
    }
    let head = *request.method() == Method::HEAD;
    if let Some(asset) = eventmgr_webapp::get(path).filter(|a| a.path != "/index.html") {
        let cache = if path.starts_with("/assets/") {
            IMMUTABLE
        } else {
            SHORT
        };
        return respond(asset, cache, request.headers(), head);
    }
    // A missing hashed file is an old build's chunk: answering the HTML page instead would
    // make the browser fail to parse it as a script.
    if path.starts_with("/assets/") {
        return ApiError::RouteNotFound.into_response();
    }
    match eventmgr_webapp::index_html() {
        Some(index) => respond(index, NEVER, request.headers(), head),
        None => ApiError::RouteNotFound.into_response(),
    }
}

fn respond(
    asset: &'static Asset,
    cache: &'static str,
    request: &HeaderMap,
    head: bool,
) -> Response {
    let mut response = Response::new(Body::empty());
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    headers.insert(header::ETAG, HeaderValue::from_static(asset.etag));
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if asset.content_type.starts_with("text/html") {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        );
        headers.insert(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        );
        headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    if cache != NEVER && none_match(request, asset.etag) {
        *response.status_mut() = StatusCode::NOT_MODIFIED;
        return response;
    }
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(asset.content_type),
    );
    let body = match asset.gzip {
        Some(gzip) if accepts_gzip(request) => {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            gzip
        }
        _ => asset.body,
    };
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
    if !head {
        *response.body_mut() = Body::from(body);
    }
    response
}
