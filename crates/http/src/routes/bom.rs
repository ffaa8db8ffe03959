//! `/projects/{id}/bom-items`, `/bom-items/{id}`: the bill of materials, its tree view and
//! spreadsheet import/export.

use std::io::Read;

use axum::body::Body;
use axum::extract::{Multipart, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Json, Response};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use eventmgr_app::AppError;
use eventmgr_app::bom::import::{ImportReport, Upload};
use eventmgr_app::bom::tree::BomTree;
use eventmgr_app::bom::tree_cache::RenderedTree;
use eventmgr_app::bom::{BomItemOut, BomQuery, CreateBomItem, DeleteBomQuery, UpdateBomItem};
use eventmgr_app::listing::{ListParams, ListResponse};
use eventmgr_sheets::Format;

use super::{created, no_content, versioned};
use crate::AppState;
use crate::extract::{ApiJson, ApiPath, ApiQuery, CurrentActor, IfMatch};
use crate::negotiate;
use crate::problem::ApiError;

/// Largest spreadsheet an import accepts.
pub const IMPORT_BODY_LIMIT: usize = 20 * 1024 * 1024;

/// A flat page, or with `?view=tree` the whole tree with rollups.
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[serde(untagged)]
pub enum BomListing {
    Page(ListResponse<BomItemOut>),
    Tree(BomTree),
}

#[utoipa::path(get, path = "/api/v1/projects/{id}/bom-items", tag = "bom", security(("bearer" = [])),
    params(("id" = Uuid, Path), ListParams, BomQuery),
    responses(
        (status = 200, body = BomListing, description = "A page of items; with `view=tree` the nested tree with rollups, with an `ETag`"),
        (status = 304, description = "`view=tree` with `If-None-Match` naming the current tree")))]
pub async fn list(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(params): ApiQuery<ListParams>,
    ApiQuery(query): ApiQuery<BomQuery>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    match query.view.as_deref() {
        Some("tree") => Ok(tree_response(
            state.app.bom_tree(&actor, id).await?,
            &headers,
        )?),
        None | Some("flat") | Some("") => Ok(Json(BomListing::Page(
            state.app.list_bom_items(&actor, id, query, params).await?,
        ))
        .into_response()),
        Some(_) => Err(ApiError::bad_request("view must be `tree` or `flat`")),
    }
}

/// The rendered tree as the client takes it: 304 when its copy is current, the stored gzip
/// when it takes gzip (the compression layer leaves an encoded answer alone), else inflated.
/// Browsers may keep it but must ask again each time (`no-cache`): the 304 is cheap.
fn tree_response(tree: RenderedTree, request: &HeaderMap) -> Result<Response, ApiError> {
    let mut response = Response::new(Body::empty());
    let headers = response.headers_mut();
    if let Ok(tag) = HeaderValue::from_str(&tree.etag) {
        headers.insert(header::ETAG, tag);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if negotiate::none_match(request, &tree.etag) {
        *response.status_mut() = StatusCode::NOT_MODIFIED;
        return Ok(response);
    }
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    let body = if negotiate::accepts_gzip(request) {
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        tree.gzip
    } else {
        let mut json = Vec::new();
        flate2::read::GzDecoder::new(&tree.gzip[..])
            .read_to_end(&mut json)
            .map_err(|e| AppError::Internal(format!("stored BOM tree does not inflate: {e}")))?;
        axum::body::Bytes::from(json)
    };
    *response.body_mut() = Body::from(body);
    Ok(response)
}

#[utoipa::path(post, path = "/api/v1/projects/{id}/bom-items", tag = "bom", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = CreateBomItem,
    responses((status = 201, body = BomItemOut), (status = 422, description = "Invalid input")))]
pub async fn create(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    body: ApiJson<CreateBomItem>,
) -> Result<Response, ApiError> {
    let item = state.app.create_bom_item(&actor, id, body.value).await?;
    Ok(created(
        format!("/api/v1/bom-items/{}", item.id),
        item.version,
        item,
    ))
}

#[utoipa::path(get, path = "/api/v1/bom-items/{id}", tag = "bom", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = BomItemOut), (status = 404, description = "Not found")))]
pub async fn get(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Response, ApiError> {
    let item = state.app.get_bom_item(&actor, id).await?;
    Ok(versioned(item.version, item))
}

#[utoipa::path(patch, path = "/api/v1/bom-items/{id}", tag = "bom", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = UpdateBomItem,
    responses((status = 200, body = BomItemOut), (status = 409, description = "Status move not allowed, or a move under its own sub-item"),
        (status = 412, description = "Version mismatch")))]
pub async fn update(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    if_match: IfMatch,
    body: ApiJson<UpdateBomItem>,
) -> Result<Response, ApiError> {
    let item = state
        .app
        .update_bom_item(&actor, id, if_match.or_body(body.body_version), body.value)
        .await?;
    Ok(versioned(item.version, item))
}

#[utoipa::path(delete, path = "/api/v1/bom-items/{id}", tag = "bom", security(("bearer" = [])),
    params(("id" = Uuid, Path), DeleteBomQuery),
    responses((status = 204, description = "Deleted (with its sub-items when cascading)"), (status = 409, description = "Has sub-items and no cascade")))]
pub async fn delete(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(q): ApiQuery<DeleteBomQuery>,
    if_match: IfMatch,
) -> Result<Response, ApiError> {
    state
        .app
        .delete_bom_item(&actor, id, if_match.0, q.cascade.unwrap_or(false))
        .await?;
    Ok(no_content())
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// Only validate: answer what would be imported, write nothing.
    pub dry_run: Option<bool>,
}

/// The multipart body of an import: one part named `file`.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct ImportForm {
    /// A .csv or .xlsx file.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

#[utoipa::path(post, path = "/api/v1/projects/{id}/bom-items/import", tag = "bom", security(("bearer" = [])),
    params(("id" = Uuid, Path), ImportQuery),
    request_body(content = ImportForm, content_type = "multipart/form-data"),
    responses((status = 201, body = ImportReport, description = "Imported"), (status = 200, body = ImportReport, description = "Dry run: valid, nothing written"),
        (status = 422, description = "Every bad row and column; nothing written")))]
pub async fn import(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(q): ApiQuery<ImportQuery>,
    mut multipart: Multipart,
) -> Result<Response, ApiError> {
    let mut upload = None;
    while let Some(field) = multipart.next_field().await.map_err(multipart_error)? {
        if field.name() != Some("file") {
            continue;
        }
        let filename = field.file_name().map(str::to_owned);
        let content_type = field.content_type().map(str::to_owned);
        let bytes = field.bytes().await.map_err(multipart_error)?;
        upload = Some(Upload {
            bytes: bytes.to_vec(),
            filename,
            content_type,
        });
        break;
    }
    let upload = upload.ok_or_else(|| {
        ApiError::App(AppError::field(
            "file",
            "required",
            "send the sheet as a multipart part named `file`",
        ))
    })?;
    let dry_run = q.dry_run.unwrap_or(false);
    let report = state.app.import_bom(&actor, id, upload, dry_run).await?;
    let status = if dry_run {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    Ok((status, Json(report)).into_response())
}

fn multipart_error(e: axum::extract::multipart::MultipartError) -> ApiError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::PayloadTooLarge(format!(
            "the sheet exceeds the limit of {} MiB",
            IMPORT_BODY_LIMIT / 1024 / 1024
        ))
    } else {
        ApiError::bad_request("the multipart body could not be read")
    }
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// `csv` (default) or `xlsx`.
    pub format: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/projects/{id}/bom-items/export", tag = "bom", security(("bearer" = [])),
    params(("id" = Uuid, Path), ExportQuery),
    responses((status = 200, description = "The BOM as a CSV or XLSX file, in tree order", content_type = "text/csv")))]
pub async fn export(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(q): ApiQuery<ExportQuery>,
) -> Result<Response, ApiError> {
    let format = match q.format.as_deref().unwrap_or("csv") {
        "csv" => Format::Csv,
        "xlsx" => Format::Xlsx,
        _ => return Err(ApiError::bad_request("format must be `csv` or `xlsx`")),
    };
    let file = state.app.export_bom(&actor, id, format).await?;
    let mut response = file.bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(file.content_type),
    );
    if let Ok(value) = HeaderValue::from_str(&content_disposition(&file.filename)) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// `attachment` with an ASCII fallback name and the UTF-8 name (RFC 6266 / RFC 5987).
pub fn content_disposition(filename: &str) -> String {
    let ascii: String = filename
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ' ') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = filename
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_') {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}
