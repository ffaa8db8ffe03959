//! `/projects/{id}/files`, `/files/{id}`, `/files/{id}/content`: documents.
//!
//! Uploads are `multipart/form-data` with one or more `file` fields and optional
//! `category`, `description` and `shared_with_client` fields. The body is parsed as it
//! arrives (multer) and each file streamed to the blob store: nothing is buffered whole.
//!
//! Downloads stream from the blob store with `ETag` (the SHA-256), `If-None-Match` (304),
//! single `Range` requests (206; `If-Range` honoured; several ranges get the whole file,
//! as RFC 9110 allows) and a `Content-Disposition` that is safe for any name (RFC 6266:
//! an ASCII fallback plus the UTF-8 `filename*`).

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Json, Response};
use futures::{StreamExt, TryStreamExt};
use serde::Deserialize;
use uuid::Uuid;

use eventmgr_app::AppError;
use eventmgr_app::files::content::{Download, Variant};
use eventmgr_app::files::upload::{Upload, UploadFields};
use eventmgr_app::files::{FileList, FileOut, FileQuery, UpdateFile};
use eventmgr_app::listing::{ListParams, ListResponse};

use super::{IncludeDeleted, no_content, versioned};
use crate::AppState;
use crate::extract::{ApiJson, ApiPath, ApiQuery, CurrentActor, IfMatch};
use crate::problem::ApiError;

/// Whether `request` is a file upload (`POST /api/v1/projects/{id}/files`): it streams for
/// as long as its bytes take, so the request deadline does not apply.
pub fn is_upload(request: &Request) -> bool {
    let path = request.uri().path();
    request.method() == axum::http::Method::POST
        && path.starts_with("/api/v1/projects/")
        && path.ends_with("/files")
        && path.matches('/').count() == 5
}

/// Text fields of an upload are short.
const MAX_TEXT_FIELD: usize = 16 * 1024;

fn multipart_error(e: multer::Error) -> AppError {
    match e {
        multer::Error::StreamReadFailed(_) => {
            AppError::BadRequest("the upload was interrupted before it was complete".to_owned())
        }
        other => AppError::BadRequest(format!("malformed multipart body: {other}")),
    }
}

async fn read_text(mut field: multer::Field<'_>) -> Result<String, AppError> {
    let name = field.name().unwrap_or_default().to_owned();
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(multipart_error)? {
        bytes.extend_from_slice(&chunk);
        if bytes.len() > MAX_TEXT_FIELD {
            return Err(AppError::field(
                &name,
                "too_long",
                format!("{name} is too long"),
            ));
        }
    }
    String::from_utf8(bytes)
        .map_err(|_| AppError::field(&name, "not_utf8", format!("{name} must be UTF-8 text")))
}

fn parse_bool(field: &str, raw: &str) -> Result<bool, AppError> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" => Ok(true),
        "false" | "0" | "no" | "off" | "" => Ok(false),
        _ => Err(AppError::field(
            field,
            "invalid_bool",
            format!("{field} must be true or false"),
        )),
    }
}

/// Reads every field of the form, streaming files into `upload`.
async fn read_form(
    upload: &mut Upload,
    multipart: &mut multer::Multipart<'static>,
) -> Result<UploadFields, AppError> {
    let mut fields = UploadFields::default();
    while let Some(field) = multipart.next_field().await.map_err(multipart_error)? {
        match field.name() {
            Some("file") => {
                let name = field.file_name().map(str::to_owned);
                let declared = field.content_type().map(|m| m.essence_str().to_owned());
                let chunks = field.map_err(multipart_error).boxed();
                upload
                    .receive(name.as_deref(), declared.as_deref(), chunks)
                    .await?;
            }
            Some("category") => fields.category = Some(read_text(field).await?),
            Some("description") => fields.description = Some(read_text(field).await?),
            Some("shared_with_client") => {
                fields.shared_with_client =
                    parse_bool("shared_with_client", &read_text(field).await?)?;
            }
            other => {
                let name = other.unwrap_or("(unnamed)").to_owned();
                return Err(AppError::field(
                    &name,
                    "unknown_field",
                    format!(
                        "unknown form field {name}; expected file, category, description or shared_with_client"
                    ),
                ));
            }
        }
    }
    Ok(fields)
}

/// The upload form: `file` (repeatable) and optional text fields.
#[derive(Debug, utoipa::ToSchema)]
#[allow(dead_code)]
pub struct UploadForm {
    /// One or more files (repeat the field).
    #[schema(value_type = Vec<String>, format = Binary)]
    file: Vec<Vec<u8>>,
    category: Option<String>,
    description: Option<String>,
    /// `true` to show the files to the client's users.
    shared_with_client: Option<bool>,
}

#[utoipa::path(post, path = "/api/v1/projects/{id}/files", tag = "files", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses((status = 201, body = FileList), (status = 413, description = "A file exceeds the upload limit"),
        (status = 415, description = "Not multipart/form-data"),
        (status = 422, description = "No file, empty file, or content that contradicts its name or type")))]
pub async fn upload(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    request: Request,
) -> Result<Response, ApiError> {
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let boundary = multer::parse_boundary(&content_type).map_err(|_| {
        ApiError::UnsupportedMediaType(
            "uploads are multipart/form-data with one or more `file` fields".to_owned(),
        )
    })?;
    // Access first: an outsider's body is never read into storage.
    let mut upload = state.app.begin_upload(&actor, id).await?;
    let mut multipart = multer::Multipart::new(request.into_body().into_data_stream(), boundary);
    match read_form(&mut upload, &mut multipart).await {
        Ok(fields) => {
            let items = upload.finish(fields).await?;
            Ok((StatusCode::CREATED, Json(FileList { items })).into_response())
        }
        Err(e) => {
            upload.discard().await;
            Err(e.into())
        }
    }
}

#[utoipa::path(get, path = "/api/v1/projects/{id}/files", tag = "files", security(("bearer" = [])),
    params(("id" = Uuid, Path), ListParams, FileQuery),
    responses((status = 200, body = ListResponse<FileOut>)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(params): ApiQuery<ListParams>,
    ApiQuery(query): ApiQuery<FileQuery>,
) -> Result<Json<ListResponse<FileOut>>, ApiError> {
    Ok(Json(state.app.list_files(&actor, id, query, params).await?))
}

#[utoipa::path(get, path = "/api/v1/files/{id}", tag = "files", security(("bearer" = [])),
    params(("id" = Uuid, Path), IncludeDeleted),
    responses((status = 200, body = FileOut), (status = 404, description = "Not found")))]
pub async fn get(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(q): ApiQuery<IncludeDeleted>,
) -> Result<Response, ApiError> {
    let file = state
        .app
        .get_file(&actor, id, q.include_deleted.unwrap_or(false))
        .await?;
    Ok(versioned(file.version, file))
}

#[utoipa::path(patch, path = "/api/v1/files/{id}", tag = "files", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = UpdateFile,
    responses((status = 200, body = FileOut), (status = 412, description = "Version mismatch")))]
pub async fn update(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    if_match: IfMatch,
    body: ApiJson<UpdateFile>,
) -> Result<Response, ApiError> {
    let file = state
        .app
        .update_file(&actor, id, if_match.or_body(body.body_version), body.value)
        .await?;
    Ok(versioned(file.version, file))
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeleteQuery {
    /// Remove for good (record and content) instead of moving to the trash; managers only.
    pub purge: Option<bool>,
}

#[utoipa::path(delete, path = "/api/v1/files/{id}", tag = "files", security(("bearer" = [])),
    params(("id" = Uuid, Path), DeleteQuery),
    responses((status = 204, description = "In the trash, or purged")))]
pub async fn delete(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(q): ApiQuery<DeleteQuery>,
    if_match: IfMatch,
) -> Result<Response, ApiError> {
    state
        .app
        .delete_file(&actor, id, if_match.0, q.purge.unwrap_or(false))
        .await?;
    Ok(no_content())
}

#[utoipa::path(post, path = "/api/v1/files/{id}/restore", tag = "files", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = FileOut), (status = 409, description = "Not in the trash")))]
pub async fn restore(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Response, ApiError> {
    let file = state.app.restore_file(&actor, id).await?;
    Ok(versioned(file.version, file))
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ContentQuery {
    /// `thumb` for the image preview (PNG, at most 320 px).
    pub variant: Option<String>,
    /// `true` to always download (attachment), even for types shown inline.
    pub download: Option<bool>,
}

#[utoipa::path(get, path = "/api/v1/files/{id}/content", tag = "files", security(("bearer" = [])),
    params(("id" = Uuid, Path), ContentQuery),
    responses((status = 200, description = "The content", content_type = "application/octet-stream"),
        (status = 206, description = "The requested range"), (status = 304, description = "Not modified (If-None-Match)"),
        (status = 416, description = "Range not satisfiable")))]
pub async fn content(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(q): ApiQuery<ContentQuery>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let variant = match q.variant.as_deref() {
        None | Some("original") => Variant::Original,
        Some("thumb") => Variant::Thumbnail,
        Some(_) => return Err(ApiError::bad_request("variant must be original or thumb")),
    };
    let download = state.app.file_download(&actor, id, variant).await?;
    let etag = format!("\"{}\"", download.etag);
    let mut response_headers = HeaderMap::new();
    response_headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if let Ok(value) = HeaderValue::from_str(&etag) {
        response_headers.insert(header::ETAG, value);
    }
    // Private content: caches may keep it but must ask again (a 304 is cheap).
    response_headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
    if crate::negotiate::none_match(&headers, &etag) {
        return Ok((StatusCode::NOT_MODIFIED, response_headers).into_response());
    }

    let range = match (variant, download.size) {
        (Variant::Original, Some(size)) => requested_range(&headers, &etag, size)?,
        _ => None,
    };
    let read = state.app.download_stream(&download, range.clone()).await?;
    let inline = download.inline_allowed && !q.download.unwrap_or(false);
    add_content_headers(&mut response_headers, &download, inline);
    response_headers.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    let (status, length) = match &range {
        Some(r) => {
            if let Ok(value) =
                HeaderValue::from_str(&format!("bytes {}-{}/{}", r.start, r.end - 1, read.size))
            {
                response_headers.insert(header::CONTENT_RANGE, value);
            }
            (StatusCode::PARTIAL_CONTENT, r.end - r.start)
        }
        None => (StatusCode::OK, read.size),
    };
    response_headers.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    let body = Body::from_stream(
        read.stream
            .map_err(|e| std::io::Error::other(e.to_string())),
    );
    Ok((status, response_headers, body).into_response())
}

fn add_content_headers(headers: &mut HeaderMap, download: &Download, inline: bool) {
    let mime = HeaderValue::from_str(&download.mime_type)
        .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"));
    headers.insert(header::CONTENT_TYPE, mime);
    if let Ok(value) = HeaderValue::from_str(&content_disposition(inline, &download.name)) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    if !inline {
        // Even if a browser rendered it, it could run nothing.
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; sandbox"),
        );
    }
}

/// The single byte range asked for, if it applies: `None` serves the whole content.
fn requested_range(
    headers: &HeaderMap,
    etag: &str,
    size: u64,
) -> Result<Option<std::ops::Range<u64>>, AppError> {
    let Some(raw) = headers.get(header::RANGE).and_then(|v| v.to_str().ok()) else {
        return Ok(None);
    };
    // If-Range with another validator: the client's partial copy is stale, send it all.
    if let Some(if_range) = headers.get(header::IF_RANGE).and_then(|v| v.to_str().ok())
        && if_range.trim() != etag
    {
        return Ok(None);
    }
    parse_range(raw, size)
}

/// Parses `bytes=a-b`, `bytes=a-` and `bytes=-n` against a content of `size` bytes.
/// Several ranges or another unit: `None` (the whole content, as RFC 9110 allows).
fn parse_range(raw: &str, size: u64) -> Result<Option<std::ops::Range<u64>>, AppError> {
    let Some(spec) = raw.trim().strip_prefix("bytes=") else {
        return Ok(None);
    };
    if spec.contains(',') {
        return Ok(None);
    }
    let Some((start, end)) = spec.trim().split_once('-') else {
        return Ok(None);
    };
    let unsatisfiable = || AppError::RangeNotSatisfiable { size };
    let number = |s: &str| s.trim().parse::<u64>().ok();
    let range = match (start.trim().is_empty(), end.trim().is_empty()) {
        // bytes=-n: the last n bytes.
        (true, false) => {
            let n = number(end).ok_or_else(unsatisfiable)?;
            if n == 0 || size == 0 {
                return Err(unsatisfiable());
            }
            size.saturating_sub(n)..size
        }
        (false, true) => {
            let first = number(start).ok_or_else(unsatisfiable)?;
            first..size
        }
        (false, false) => {
            let (first, last) = (
                number(start).ok_or_else(unsatisfiable)?,
                number(end).ok_or_else(unsatisfiable)?,
            );
            if last < first {
                return Ok(None);
            }
            first..last.saturating_add(1).min(size)
        }
        (true, true) => return Ok(None),
    };
    if range.start >= size {
        return Err(unsatisfiable());
    }
    Ok(Some(range))
}

/// `Content-Disposition` for any display name (RFC 6266): an ASCII fallback for old clients
/// and the exact name as UTF-8 in `filename*`.
fn content_disposition(inline: bool, name: &str) -> String {
    let kind = if inline { "inline" } else { "attachment" };
    let fallback: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut encoded = String::new();
    for byte in name.bytes() {
        let c = byte as char;
        if c.is_ascii_alphanumeric() || "!#$&+-.^_`|~".contains(c) {
            encoded.push(c);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("{kind}; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges() {
        assert_eq!(parse_range("bytes=0-99", 1000).unwrap(), Some(0..100));
        assert_eq!(parse_range("bytes=900-", 1000).unwrap(), Some(900..1000));
        assert_eq!(parse_range("bytes=-100", 1000).unwrap(), Some(900..1000));
        assert_eq!(parse_range("bytes=-5000", 1000).unwrap(), Some(0..1000));
        assert_eq!(
            parse_range("bytes=990-5000", 1000).unwrap(),
            Some(990..1000)
        );
        assert_eq!(parse_range("bytes=0-1,5-6", 1000).unwrap(), None);
        assert_eq!(parse_range("items=0-1", 1000).unwrap(), None);
        assert!(parse_range("bytes=1000-", 1000).is_err());
        assert!(parse_range("bytes=-0", 1000).is_err());
        assert!(parse_range("bytes=x-y", 1000).is_err());
    }

    #[test]
    fn dispositions_survive_any_name() {
        assert_eq!(
            content_disposition(false, "Bühnenplan_Ü.pdf"),
            "attachment; filename=\"B_hnenplan__.pdf\"; filename*=UTF-8''B%C3%BChnenplan_%C3%9C.pdf"
        );
        assert_eq!(
            content_disposition(true, "a \"quoted\" name.pdf"),
            "inline; filename=\"a _quoted_ name.pdf\"; filename*=UTF-8''a%20%22quoted%22%20name.pdf"
        );
        assert!(HeaderValue::from_str(&content_disposition(false, "日本語.png")).is_ok());
    }
}
