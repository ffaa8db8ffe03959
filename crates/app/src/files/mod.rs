//! Files: a project's documents. Content lives in the blob store under a generated key
//! (`files/<id>`), never under a name a client chose; the database holds the metadata,
//! written only once the content is complete (see `upload.rs`).
//!
//! Client users see only files marked `shared_with_client`; to them every other file is
//! as absent as a missing one. Deleting moves a file to the trash (restorable); purging
//! removes the record and then the blob — in that order, so a failure can leave an
//! unreferenced blob (which `eventmgr files check` finds) but never a record without
//! content.

pub mod check;
pub mod content;
pub mod sniff;
pub mod thumbs;
pub mod upload;

use chrono::{DateTime, Utc};
use eventmgr_domain::{FieldError, Validator, file_name, text};
use eventmgr_store::entity::file;
use eventmgr_store::repo::files::{self, FileFilter};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::access::{self, Need, Owned, ProjectAccess};
use crate::audit::{self, Change};
use crate::listing::{self, ListParams, ListResponse};
use crate::live;
use crate::patch::nullable;
use crate::{Actor, App, AppError};

/// Default size limit of one uploaded file: 5 GiB.
pub const DEFAULT_MAX_UPLOAD_BYTES: u64 = 5 * 1024 * 1024 * 1024;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FileOut {
    pub id: Uuid,
    pub project_id: Uuid,
    /// Display name (renamable).
    pub name: String,
    /// The name it was uploaded with (sanitised).
    pub original_name: String,
    pub size_bytes: i64,
    /// Detected from the content.
    #[schema(example = "application/pdf")]
    pub mime_type: String,
    /// Hex SHA-256 of the content; also the download's `ETag`.
    pub sha256: String,
    pub category: Option<String>,
    pub description: Option<String>,
    pub shared_with_client: bool,
    /// Whether `GET /files/{id}/content?variant=thumb` gives a preview (images).
    pub has_thumbnail: bool,
    pub uploaded_by: Option<Uuid>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
}

impl From<file::Model> for FileOut {
    fn from(m: file::Model) -> Self {
        FileOut {
            id: m.id,
            project_id: m.project_id,
            has_thumbnail: thumbs::can_thumbnail(&m.mime_type),
            name: m.name,
            original_name: m.original_name,
            size_bytes: m.size_bytes,
            mime_type: m.mime_type,
            sha256: m.sha256,
            category: m.category,
            description: m.description,
            shared_with_client: m.shared_with_client,
            uploaded_by: m.uploaded_by,
            version: m.version,
            created_at: m.created_at,
            updated_at: m.updated_at,
            deleted_at: m.deleted_at,
        }
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FileList {
    pub items: Vec<FileOut>,
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FileQuery {
    /// Name, original name or description contains this.
    pub q: Option<String>,
    pub category: Option<String>,
    /// MIME type prefix: `image/`, `application/pdf`, ...
    pub mime_type: Option<String>,
    /// The trash instead of the live files.
    pub deleted: Option<bool>,
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateFile {
    pub name: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub category: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub description: Option<Option<String>>,
    pub shared_with_client: Option<bool>,
}

pub const DEFAULT_SORT: &str = "-created_at";

fn not_found() -> AppError {
    AppError::NotFound("file")
}

/// Category: free text, at most 50 characters (the column's width).
pub(crate) fn check_category(v: &mut Validator, raw: Option<&str>) -> Option<String> {
    v.optional(raw, |r| text::optional("category", r, 50))
}

pub(crate) fn check_description(v: &mut Validator, raw: Option<&str>) -> Option<String> {
    v.optional(raw, |r| text::optional("description", r, 10_000))
}

/// Whether `access` lets the caller see `file` at all (client users: shared files only).
fn visible_to(actor: &Actor, file: &file::Model) -> bool {
    !actor.is_client_user() || file.shared_with_client
}

/// Loads a file the caller may see (through the project guard), or 404.
pub(crate) async fn find_visible<C: eventmgr_store::Conn>(
    db: &C,
    actor: &Actor,
    id: Uuid,
    need: Need,
    include_deleted: bool,
) -> Result<(file::Model, ProjectAccess), AppError> {
    let access = access::guard_owned(db, actor, Owned::File, id, need).await?;
    let file = files::find(db, id)
        .await?
        .filter(|f| include_deleted || f.deleted_at.is_none())
        .filter(|f| visible_to(actor, f))
        .ok_or_else(not_found)?;
    Ok((file, access))
}

impl App {
    pub async fn list_files(
        &self,
        actor: &Actor,
        project_id: Uuid,
        query: FileQuery,
        params: ListParams,
    ) -> Result<ListResponse<FileOut>, AppError> {
        let db = self.store.conn();
        let deleted = query.deleted.unwrap_or(false);
        let need = if deleted { Need::Write } else { Need::Read };
        access::guard(db, actor, project_id, need, false).await?;
        let page_query = listing::page_query(&params, files::sort_column, DEFAULT_SORT)?;
        let filter = FileFilter {
            q: query.q.filter(|q| !q.trim().is_empty()),
            category: query.category.filter(|c| !c.trim().is_empty()),
            mime_prefix: query.mime_type.filter(|m| !m.trim().is_empty()),
            shared_only: actor.is_client_user(),
            deleted,
        };
        let page = files::list(db, project_id, &filter, &page_query)
            .await
            .map_err(crate::clients::cursor_or_internal)?;
        Ok(listing::respond(&params, DEFAULT_SORT, page, FileOut::from))
    }

    pub async fn get_file(
        &self,
        actor: &Actor,
        id: Uuid,
        include_deleted: bool,
    ) -> Result<FileOut, AppError> {
        let (file, _) =
            find_visible(self.store.conn(), actor, id, Need::Read, include_deleted).await?;
        Ok(file.into())
    }

    pub async fn update_file(
        &self,
        actor: &Actor,
        id: Uuid,
        expected_version: Option<i64>,
        input: UpdateFile,
    ) -> Result<FileOut, AppError> {
        let txn = self.store.begin().await?;
        let (current, access) = find_visible(&txn, actor, id, Need::Write, false).await?;
        audit::check_version(expected_version, current.version)?;
        let mut v = Validator::new();
        let mut next = current.clone();
        if let Some(name) = input.name {
            match file_name::rename_problem(&name) {
                Some(problem) => v.push(FieldError::new("name", "invalid_name", problem)),
                None => next.name = name.trim().to_owned(),
            }
        }
        if let Some(category) = input.category {
            next.category = check_category(&mut v, category.as_deref());
        }
        if let Some(description) = input.description {
            next.description = check_description(&mut v, description.as_deref());
        }
        if let Some(shared) = input.shared_with_client {
            next.shared_with_client = shared;
        }
        v.finish()?;
        if next == current {
            return Ok(current.into());
        }
        next.version = current.version + 1;
        next.updated_at = eventmgr_store::now();
        audit::written(
            files::update(&txn, next.clone(), current.version).await?,
            current.version,
        )?;
        let (before, after) = (FileOut::from(current), FileOut::from(next.clone()));
        audit::record(
            &txn,
            actor,
            Change {
                action: "file.update",
                entity_type: "file",
                entity_id: id,
                project_id: Some(access.project.id),
                changes: Some(audit::diff_of(&before, &after)),
            },
        )
        .await?;
        live::emit(
            &txn,
            access.project.id,
            "file.updated",
            id,
            Some(next.version),
        )
        .await?;
        txn.commit().await?;
        self.announce();
        Ok(after)
    }

    /// Moves the file to the trash, or with `purge` removes it for good (record, then
    /// blob and thumbnail). Purging needs the project's manager role.
    pub async fn delete_file(
        &self,
        actor: &Actor,
        id: Uuid,
        expected_version: Option<i64>,
        purge: bool,
    ) -> Result<(), AppError> {
        let need = if purge { Need::Manage } else { Need::Write };
        let txn = self.store.begin().await?;
        let (current, access) = find_visible(&txn, actor, id, need, purge).await?;
        audit::check_version(expected_version, current.version)?;
        let project_id = access.project.id;
        let action = if purge {
            audit::written(
                files::delete(&txn, id, current.version).await?,
                current.version,
            )?;
            "file.purge"
        } else {
            let mut next = current.clone();
            let at = eventmgr_store::now();
            next.deleted_at = Some(at);
            next.updated_at = at;
            next.version = current.version + 1;
            audit::written(
                files::update(&txn, next, current.version).await?,
                current.version,
            )?;
            "file.delete"
        };
        audit::record(
            &txn,
            actor,
            Change {
                action,
                entity_type: "file",
                entity_id: id,
                project_id: Some(project_id),
                changes: Some(serde_json::json!({ "name": current.name })),
            },
        )
        .await?;
        live::emit(&txn, project_id, "file.deleted", id, None).await?;
        txn.commit().await?;
        self.announce();
        if purge {
            // After the commit: a failure here leaves an unreferenced blob for
            // `files check`, never a record without content.
            self.blobs.delete(&current.storage_key).await?;
            if let Some(thumb) = &current.thumbnail_key {
                self.blobs.delete(thumb).await?;
            }
        }
        Ok(())
    }

    pub async fn restore_file(&self, actor: &Actor, id: Uuid) -> Result<FileOut, AppError> {
        let txn = self.store.begin().await?;
        let (current, access) = find_visible(&txn, actor, id, Need::Write, true).await?;
        if current.deleted_at.is_none() {
            return Err(AppError::Conflict(
                "the file is not in the trash".to_owned(),
            ));
        }
        let mut next = current.clone();
        next.deleted_at = None;
        next.updated_at = eventmgr_store::now();
        next.version = current.version + 1;
        audit::written(
            files::update(&txn, next.clone(), current.version).await?,
            current.version,
        )?;
        audit::record(
            &txn,
            actor,
            Change {
                action: "file.restore",
                entity_type: "file",
                entity_id: id,
                project_id: Some(access.project.id),
                changes: None,
            },
        )
        .await?;
        live::emit(
            &txn,
            access.project.id,
            "file.restored",
            id,
            Some(next.version),
        )
        .await?;
        txn.commit().await?;
        self.announce();
        Ok(next.into())
    }
}
