//! Streamed uploads: each file's bytes go straight to the blob store while their SHA-256
//! and size are computed; the first [`SNIFF_BYTES`](super::sniff::SNIFF_BYTES) decide the
//! type before anything is stored. Nothing is written to the database until every file of
//! the request is complete; then all records are inserted in one transaction.
//!
//! No partial or orphaned data: a file that fails midway (size limit, type refused, client
//! gone, storage error) has its upload aborted; when the request fails after some files
//! were stored, or their records cannot be inserted, those blobs are deleted again. An
//! [`Upload`] dropped unfinished (the client disconnected and the request was cancelled)
//! cleans up in the background the same way.

use std::time::Duration;

use bytes::{Bytes, BytesMut};
use eventmgr_domain::{Validator, file_name};
use eventmgr_store::entity::file;
use eventmgr_store::repo::files;
use futures::{Stream, StreamExt};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::sniff::{self, SNIFF_BYTES};
use super::{FileOut, check_category, check_description};
use crate::access::{self, Need};
use crate::audit::{self, Change};
use crate::blobs::{BlobStore, BlobWriter};
use crate::{Actor, App, AppError, live};

/// A client that sends nothing for this long has given up; the upload is dropped.
const STALL_TIMEOUT: Duration = Duration::from_secs(60);
/// Files per upload request.
pub const MAX_FILES_PER_UPLOAD: usize = 50;

/// A file whose content is stored, waiting for its record.
struct StoredFile {
    id: Uuid,
    key: String,
    name: String,
    size: i64,
    sha256: String,
    mime_type: String,
}

/// Optional fields that apply to every file of one upload request.
#[derive(Debug, Default, Clone)]
pub struct UploadFields {
    pub category: Option<String>,
    pub description: Option<String>,
    pub shared_with_client: bool,
}

/// One upload request in progress. Create with [`App::begin_upload`], feed each file to
/// [`Upload::receive`], end with [`Upload::finish`].
pub struct Upload {
    app: App,
    actor: Actor,
    project_id: Uuid,
    max_bytes: u64,
    stored: Vec<StoredFile>,
}

impl App {
    /// Checks that the caller may add files to the project, before any byte is read.
    pub async fn begin_upload(&self, actor: &Actor, project_id: Uuid) -> Result<Upload, AppError> {
        access::guard(self.store.conn(), actor, project_id, Need::Write, false).await?;
        Ok(Upload {
            app: self.clone(),
            actor: actor.clone(),
            project_id,
            max_bytes: self.max_upload_bytes,
            stored: Vec::new(),
        })
    }
}

/// Reads the next chunk, treating a long silence as an interrupted upload.
async fn next_chunk<S>(chunks: &mut S) -> Result<Option<Bytes>, AppError>
where
    S: Stream<Item = Result<Bytes, AppError>> + Unpin,
{
    match tokio::time::timeout(STALL_TIMEOUT, chunks.next()).await {
        Ok(item) => item.transpose(),
        Err(_) => Err(AppError::BadRequest(
            "the upload stalled: no data for 60 seconds".to_owned(),
        )),
    }
}

impl Upload {
    /// Streams one file into the blob store. On any error the file's upload is aborted and
    /// nothing of it remains; the files received before stay stored until
    /// [`Upload::finish`] or [`Upload::discard`].
    pub async fn receive<S>(
        &mut self,
        raw_name: Option<&str>,
        declared_type: Option<&str>,
        mut chunks: S,
    ) -> Result<(), AppError>
    where
        S: Stream<Item = Result<Bytes, AppError>> + Unpin,
    {
        if self.stored.len() >= MAX_FILES_PER_UPLOAD {
            return Err(AppError::BadRequest(format!(
                "at most {MAX_FILES_PER_UPLOAD} files per upload"
            )));
        }
        let name = file_name::sanitize(raw_name.unwrap_or_default());
        let id = Uuid::now_v7();
        let key = format!("files/{id}");

        // The head decides the type before anything is stored.
        let mut head = BytesMut::new();
        let mut ended = false;
        while head.len() < SNIFF_BYTES {
            match next_chunk(&mut chunks).await? {
                Some(chunk) => head.extend_from_slice(&chunk),
                None => {
                    ended = true;
                    break;
                }
            }
            if head.len() as u64 > self.max_bytes {
                return Err(too_large(self.max_bytes));
            }
        }
        if head.is_empty() {
            return Err(AppError::field(
                "file",
                "empty_file",
                format!("{name} is empty"),
            ));
        }
        let mime_type = sniff::detect(&head[..head.len().min(SNIFF_BYTES)]);
        sniff::check(&mime_type, &name, declared_type)
            .map_err(|why| AppError::field("file", "content_mismatch", format!("{name}: {why}")))?;

        let mut writer = self.app.blobs.writer(&key).await?;
        let mut hasher = Sha256::new();
        let mut size = 0u64;
        let mut pending = Some(head.freeze());
        let result: Result<(), AppError> = async {
            loop {
                let chunk = match pending.take() {
                    Some(chunk) => chunk,
                    None if ended => break,
                    None => match next_chunk(&mut chunks).await? {
                        Some(chunk) => chunk,
                        None => break,
                    },
                };
                size += chunk.len() as u64;
                if size > self.max_bytes {
                    return Err(too_large(self.max_bytes));
                }
                hasher.update(&chunk);
                writer.write(chunk).await?;
            }
            Ok(())
        }
        .await;
        finish_blob(writer, result).await?;
        self.stored.push(StoredFile {
            id,
            key,
            name,
            size: i64::try_from(size).unwrap_or(i64::MAX),
            sha256: hex::encode(hasher.finalize()),
            mime_type,
        });
        Ok(())
    }

    /// Records every received file in one transaction and returns them. Without any file
    /// it is a 422. On failure the stored blobs are removed again.
    pub async fn finish(mut self, fields: UploadFields) -> Result<Vec<FileOut>, AppError> {
        let result = self.record(fields).await;
        if result.is_err() {
            self.discard().await;
        }
        result
    }

    async fn record(&mut self, fields: UploadFields) -> Result<Vec<FileOut>, AppError> {
        let mut v = Validator::new();
        let category = check_category(&mut v, fields.category.as_deref());
        let description = check_description(&mut v, fields.description.as_deref());
        if self.stored.is_empty() {
            v.push(eventmgr_domain::FieldError::new(
                "file",
                "required",
                "send at least one file in the form field `file`",
            ));
        }
        v.finish()?;
        let at = eventmgr_store::now();
        let models: Vec<file::Model> = self
            .stored
            .iter()
            .map(|s| file::Model {
                id: s.id,
                project_id: self.project_id,
                name: s.name.clone(),
                original_name: s.name.clone(),
                size_bytes: s.size,
                mime_type: s.mime_type.clone(),
                sha256: s.sha256.clone(),
                category: category.clone(),
                storage_key: s.key.clone(),
                uploaded_by: Some(self.actor.user_id),
                description: description.clone(),
                version: 1,
                created_at: at,
                updated_at: at,
                deleted_at: None,
                shared_with_client: fields.shared_with_client,
                thumbnail_key: None,
            })
            .collect();
        let txn = self.app.store.begin().await?;
        // Again inside the transaction: membership may have changed during a long upload.
        access::guard(&txn, &self.actor, self.project_id, Need::Write, false).await?;
        files::insert_many(&txn, models.clone()).await?;
        for model in &models {
            audit::record(
                &txn,
                &self.actor,
                Change {
                    action: "file.upload",
                    entity_type: "file",
                    entity_id: model.id,
                    project_id: Some(self.project_id),
                    changes: serde_json::to_value(FileOut::from(model.clone())).ok(),
                },
            )
            .await?;
            live::emit(&txn, self.project_id, "file.created", model.id, Some(1)).await?;
        }
        txn.commit().await?;
        self.stored.clear();
        self.app.announce();
        for model in &models {
            super::thumbs::make_in_background(&self.app, model);
        }
        Ok(models.into_iter().map(FileOut::from).collect())
    }

    /// Removes the blobs stored so far (the request failed).
    pub async fn discard(mut self) {
        remove_blobs(&self.app.blobs, std::mem::take(&mut self.stored)).await;
    }
}

impl Drop for Upload {
    fn drop(&mut self) {
        let stored = std::mem::take(&mut self.stored);
        if stored.is_empty() {
            return;
        }
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            let blobs = self.app.blobs.clone();
            runtime.spawn(remove_blobs(blobs, stored));
        }
    }
}

async fn remove_blobs(blobs: impl std::borrow::Borrow<BlobStore>, stored: Vec<StoredFile>) {
    for file in stored {
        if let Err(e) = blobs.borrow().delete(&file.key).await {
            tracing::warn!(key = %file.key, error = %e, "removing the blob of a failed upload failed; `eventmgr files check` will find it");
        }
    }
}

/// Completes the blob when the stream went well, aborts it otherwise.
async fn finish_blob(writer: BlobWriter, streamed: Result<(), AppError>) -> Result<(), AppError> {
    match streamed {
        Ok(()) => writer.finish().await,
        Err(e) => {
            writer.abort().await;
            Err(e)
        }
    }
}

fn too_large(max: u64) -> AppError {
    AppError::PayloadTooLarge(format!(
        "a file may have at most {max} bytes ({})",
        human_size(max)
    ))
}

fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}
