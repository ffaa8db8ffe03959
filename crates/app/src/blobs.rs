//! Blob storage for file content, behind `object_store`'s one interface: a folder under the
//! data directory by default, or an S3-compatible bucket (AWS S3, MinIO, ...).
//!
//! Content is written as a multipart upload in parts ([`S3_PART_SIZE`] to a bucket,
//! [`LOCAL_PART_SIZE`] to the folder) with at most [`PARTS_IN_FLIGHT`] in flight, so memory
//! stays flat whatever the file size. An upload
//! that is not finished is aborted — explicitly, or by dropping its [`BlobWriter`] (a
//! client that disconnects cancels the request future) — so no partial blob is ever
//! visible: the local store keeps the content in a staging file (`<key>#<n>`) until it is
//! renamed into place, S3 keeps the parts out of sight until the upload is completed.
//! A process killed mid-upload can leave a local staging file (`files check` removes it)
//! or an incomplete S3 multipart upload (a bucket lifecycle rule
//! `AbortIncompleteMultipartUpload` removes those; they are never visible as objects).

use std::ops::Range;
use std::path::{Path as FsPath, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use futures::stream::{BoxStream, StreamExt, TryStreamExt};
use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::path::Path;
use object_store::prefix::PrefixStore;
use object_store::{
    GetOptions, GetRange, GetResultPayload, ObjectStore, PutPayload, WriteMultipart,
};

use crate::AppError;

/// Size of one part uploaded to S3 (its minimum for all but the last part is 5 MiB).
pub const S3_PART_SIZE: usize = 8 * 1024 * 1024;
/// Size of one part written to the local folder. It has no minimum, and each part is held
/// in memory until written: with S3's size the server peaked at 110–136 MiB during a 1 GiB
/// upload (`files-bench`), for no faster writes.
pub const LOCAL_PART_SIZE: usize = 1024 * 1024;
/// Parts uploading at once per file.
const PARTS_IN_FLIGHT: usize = 2;

/// Where blobs live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlobConfig {
    /// A folder (created if missing).
    Local { root: PathBuf },
    /// An S3-compatible bucket; keys go under `prefix`.
    S3 {
        bucket: String,
        prefix: String,
        /// `None` for AWS itself; MinIO and friends need their URL (path-style requests).
        endpoint: Option<String>,
        region: String,
        access_key_id: Option<String>,
        secret_access_key: Option<String>,
    },
}

impl BlobConfig {
    /// Parses `s3://bucket/prefix` or `file:///path`; `None` means the default folder.
    pub fn from_url(url: &str) -> Result<BlobConfig, String> {
        if let Some(rest) = url.strip_prefix("s3://") {
            let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
            if bucket.is_empty() {
                return Err("s3:// URL names no bucket".to_owned());
            }
            return Ok(BlobConfig::S3 {
                bucket: bucket.to_owned(),
                prefix: prefix.trim_matches('/').to_owned(),
                endpoint: None,
                region: "us-east-1".to_owned(),
                access_key_id: None,
                secret_access_key: None,
            });
        }
        if let Some(path) = url.strip_prefix("file://") {
            if path.is_empty() {
                return Err("file:// URL names no folder".to_owned());
            }
            return Ok(BlobConfig::Local {
                root: PathBuf::from(path),
            });
        }
        Err("must be s3://bucket/prefix or file:///folder".to_owned())
    }
}

fn storage_error(e: object_store::Error) -> AppError {
    AppError::Internal(format!("blob store: {e}"))
}

/// The blob store. Cheap to clone.
#[derive(Clone)]
pub struct BlobStore {
    store: Arc<dyn ObjectStore>,
    /// The folder of a local store (for finding staging leftovers).
    local_root: Option<PathBuf>,
    description: String,
}

impl std::fmt::Debug for BlobStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.description)
    }
}

/// A finished read: the whole size of the blob and a stream of the requested bytes.
pub struct BlobRead {
    pub size: u64,
    pub stream: BoxStream<'static, Result<Bytes, AppError>>,
}

/// One stored blob, as listed.
#[derive(Debug, Clone)]
pub struct BlobEntry {
    pub key: String,
    pub size: u64,
    pub last_modified: chrono::DateTime<chrono::Utc>,
}

impl BlobStore {
    pub fn open(config: &BlobConfig) -> Result<BlobStore, AppError> {
        match config {
            BlobConfig::Local { root } => {
                std::fs::create_dir_all(root).map_err(|e| {
                    AppError::Internal(format!("blob folder {}: {e}", root.display()))
                })?;
                let store = LocalFileSystem::new_with_prefix(root).map_err(storage_error)?;
                Ok(BlobStore {
                    store: Arc::new(store),
                    local_root: Some(root.clone()),
                    description: format!("folder {}", root.display()),
                })
            }
            BlobConfig::S3 {
                bucket,
                prefix,
                endpoint,
                region,
                access_key_id,
                secret_access_key,
            } => {
                let mut builder = AmazonS3Builder::new()
                    .with_bucket_name(bucket)
                    .with_region(region);
                if let Some(endpoint) = endpoint {
                    // Self-hosted servers: path-style requests, plain HTTP only if the
                    // endpoint itself says so (e.g. a server on loopback).
                    builder = builder
                        .with_endpoint(endpoint)
                        .with_virtual_hosted_style_request(false)
                        .with_allow_http(endpoint.starts_with("http://"));
                }
                if let (Some(id), Some(secret)) = (access_key_id, secret_access_key) {
                    builder = builder
                        .with_access_key_id(id)
                        .with_secret_access_key(secret);
                }
                let s3 = builder.build().map_err(storage_error)?;
                let store: Arc<dyn ObjectStore> = if prefix.is_empty() {
                    Arc::new(s3)
                } else {
                    Arc::new(PrefixStore::new(s3, prefix.as_str()))
                };
                Ok(BlobStore {
                    store,
                    local_root: None,
                    description: format!("s3://{bucket}/{prefix}"),
                })
            }
        }
    }

    /// Starts writing the blob `key`; nothing is visible under `key` until
    /// [`BlobWriter::finish`].
    pub async fn writer(&self, key: &str) -> Result<BlobWriter, AppError> {
        let upload = self
            .store
            .put_multipart(&Path::from(key))
            .await
            .map_err(storage_error)?;
        Ok(BlobWriter {
            upload: Some(WriteMultipart::new_with_chunk_size(
                upload,
                self.part_size(),
            )),
            local_path: self.local_root.as_ref().map(|root| root.join(key)),
        })
    }

    fn part_size(&self) -> usize {
        if self.local_root.is_some() {
            LOCAL_PART_SIZE
        } else {
            S3_PART_SIZE
        }
    }

    /// Stores a small blob in one request (thumbnails).
    pub async fn put(&self, key: &str, content: Bytes) -> Result<(), AppError> {
        self.store
            .put(&Path::from(key), PutPayload::from(content))
            .await
            .map_err(storage_error)?;
        Ok(())
    }

    /// Reads `range` of the blob (all of it when `None`). `Ok(None)` when it does not exist.
    pub async fn read(
        &self,
        key: &str,
        range: Option<Range<u64>>,
    ) -> Result<Option<BlobRead>, AppError> {
        let options = GetOptions {
            range: range.map(GetRange::Bounded),
            ..GetOptions::default()
        };
        match self.store.get_opts(&Path::from(key), options).await {
            Ok(result) => {
                let size = result.meta.size;
                let stream = match result.payload {
                    // object_store reads local files in 8 KiB pieces, which caps a download
                    // far below the disk; read larger ones on the blocking pool instead.
                    GetResultPayload::File(file, _) => file_stream(file, result.range),
                    GetResultPayload::Stream(stream) => stream.map_err(storage_error).boxed(),
                };
                Ok(Some(BlobRead { size, stream }))
            }
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(storage_error(e)),
        }
    }

    /// The whole blob in memory, refusing blobs over `max` bytes (`Ok(None)` then, or when
    /// it does not exist).
    pub async fn read_small(&self, key: &str, max: u64) -> Result<Option<Bytes>, AppError> {
        let Some(read) = self.read(key, None).await? else {
            return Ok(None);
        };
        if read.size > max {
            return Ok(None);
        }
        let chunks: Vec<Bytes> = read.stream.try_collect().await?;
        Ok(Some(chunks.concat().into()))
    }

    /// Removes the blob; a blob already gone is fine.
    pub async fn delete(&self, key: &str) -> Result<(), AppError> {
        match self.store.delete(&Path::from(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(storage_error(e)),
        }
    }

    /// Every blob under `prefix` (e.g. `files/`).
    pub async fn list(&self, prefix: &str) -> Result<Vec<BlobEntry>, AppError> {
        let prefix = Path::from(prefix.trim_end_matches('/'));
        self.store
            .list(Some(&prefix))
            .map_ok(|meta| BlobEntry {
                key: meta.location.to_string(),
                size: meta.size,
                last_modified: meta.last_modified,
            })
            .map_err(storage_error)
            .try_collect()
            .await
    }

    /// Staging files of local uploads that never finished (a killed process), older than
    /// `age`. Empty for S3 (see the module comment).
    pub fn staging_leftovers(&self, age: Duration) -> Vec<PathBuf> {
        let Some(root) = &self.local_root else {
            return Vec::new();
        };
        let mut found = Vec::new();
        collect_staging(root, age, &mut found);
        found
    }
}

/// Bytes read per step of a local download.
const READ_CHUNK: usize = 256 * 1024;

/// `range` of an open local file as a stream of [`READ_CHUNK`]-sized pieces.
fn file_stream(
    file: std::fs::File,
    range: Range<u64>,
) -> BoxStream<'static, Result<Bytes, AppError>> {
    let read_error = |e: std::io::Error| AppError::Internal(format!("reading a blob: {e}"));
    futures::stream::try_unfold(
        (file, range.start, range.end),
        move |(mut file, at, end)| async move {
            if at >= end {
                return Ok(None);
            }
            let want = usize::try_from(end - at)
                .unwrap_or(READ_CHUNK)
                .min(READ_CHUNK);
            let (file, chunk) = tokio::task::spawn_blocking(move || {
                use std::io::{Read, Seek, SeekFrom};
                file.seek(SeekFrom::Start(at))?;
                let mut chunk = vec![0u8; want];
                file.read_exact(&mut chunk)?;
                Ok::<_, std::io::Error>((file, chunk))
            })
            .await
            .map_err(|e| AppError::Internal(format!("reading a blob: {e}")))?
            .map_err(read_error)?;
            let next = at + chunk.len() as u64;
            Ok(Some((Bytes::from(chunk), (file, next, end))))
        },
    )
    .boxed()
}

/// Flushes a file and the directory entry that names it.
fn sync_to_disk(path: &FsPath) -> std::io::Result<()> {
    std::fs::File::open(path)?.sync_all()?;
    if let Some(parent) = path.parent() {
        std::fs::File::open(parent)?.sync_all()?;
    }
    Ok(())
}

fn collect_staging(dir: &FsPath, age: Duration, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(meta) = entry.metadata() else { continue };
        if meta.is_dir() {
            collect_staging(&path, age, found);
            continue;
        }
        let staging = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.rsplit_once('#'))
            .is_some_and(|(_, n)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        let old_enough = meta
            .modified()
            .ok()
            .and_then(|m| SystemTime::now().duration_since(m).ok())
            .is_some_and(|elapsed| elapsed >= age);
        if staging && old_enough {
            found.push(path);
        }
    }
}

/// A blob being written. Dropped without [`BlobWriter::finish`], it aborts the upload in
/// the background: nothing is left under the key, and S3 discards the parts.
pub struct BlobWriter {
    upload: Option<WriteMultipart>,
    /// Where a local blob ends up, to flush it to disk on completion.
    local_path: Option<PathBuf>,
}

impl BlobWriter {
    /// Appends `chunk`, waiting while [`PARTS_IN_FLIGHT`] parts are still uploading.
    pub async fn write(&mut self, chunk: Bytes) -> Result<(), AppError> {
        let upload = self
            .upload
            .as_mut()
            .ok_or_else(|| AppError::Internal("blob writer already closed".to_owned()))?;
        upload
            .wait_for_capacity(PARTS_IN_FLIGHT)
            .await
            .map_err(storage_error)?;
        upload.put(chunk);
        Ok(())
    }

    /// Completes the upload: the blob becomes visible under its key.
    pub async fn finish(mut self) -> Result<(), AppError> {
        let upload = self
            .upload
            .take()
            .ok_or_else(|| AppError::Internal("blob writer already closed".to_owned()))?;
        upload.finish().await.map_err(storage_error)?;
        if let Some(path) = self.local_path.take() {
            // The record is committed right after this: the content must be on disk by
            // then, not only in the page cache, or a power cut would lose a stored file.
            tokio::task::spawn_blocking(move || sync_to_disk(&path))
                .await
                .map_err(|e| AppError::Internal(format!("flushing a blob: {e}")))?
                .map_err(|e| AppError::Internal(format!("flushing a blob: {e}")))?;
        }
        Ok(())
    }

    /// Abandons the upload and waits until the store has discarded it.
    pub async fn abort(mut self) {
        if let Some(upload) = self.upload.take()
            && let Err(e) = upload.abort().await
        {
            tracing::warn!(error = %e, "aborting a blob upload failed");
        }
    }
}

impl Drop for BlobWriter {
    fn drop(&mut self) {
        if let Some(upload) = self.upload.take()
            && let Ok(runtime) = tokio::runtime::Handle::try_current()
        {
            runtime.spawn(async move {
                if let Err(e) = upload.abort().await {
                    tracing::warn!(error = %e, "aborting an abandoned blob upload failed");
                }
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use bytes::Bytes;

    use super::{BlobConfig, BlobStore, LOCAL_PART_SIZE, S3_PART_SIZE};

    #[test]
    fn the_folder_takes_small_parts_and_s3_its_minimum_and_more() {
        let root = std::env::temp_dir().join(format!("blobs-parts-{}", uuid::Uuid::now_v7()));
        let local = BlobStore::open(&BlobConfig::Local { root: root.clone() }).unwrap();
        assert_eq!(local.part_size(), LOCAL_PART_SIZE);
        let s3 = BlobStore::open(&BlobConfig::S3 {
            bucket: "b".to_owned(),
            prefix: "p".to_owned(),
            endpoint: Some("http://127.0.0.1:9".to_owned()),
            region: "us-east-1".to_owned(),
            access_key_id: Some("k".to_owned()),
            secret_access_key: Some("s".to_owned()),
        })
        .unwrap();
        assert_eq!(s3.part_size(), S3_PART_SIZE);
        const { assert!(S3_PART_SIZE >= 5 * 1024 * 1024, "S3's minimum part size") };
        let _ = std::fs::remove_dir_all(root);
    }

    /// A blob of several local parts, sent in pieces that do not line up with them, reads
    /// back byte for byte.
    #[tokio::test]
    async fn a_blob_of_many_local_parts_reads_back_whole() {
        let root = std::env::temp_dir().join(format!("blobs-many-{}", uuid::Uuid::now_v7()));
        let store = BlobStore::open(&BlobConfig::Local { root: root.clone() }).unwrap();
        let content: Vec<u8> = (0..(3 * LOCAL_PART_SIZE + 12_345))
            .map(|i| (i % 251) as u8)
            .collect();
        let mut writer = store.writer("files/many").await.unwrap();
        for piece in content.chunks(300_007) {
            writer.write(Bytes::copy_from_slice(piece)).await.unwrap();
        }
        writer.finish().await.unwrap();
        let read = store
            .read_small("files/many", content.len() as u64)
            .await
            .unwrap()
            .expect("the blob exists");
        assert_eq!(read.len(), content.len());
        assert!(
            read[..] == content[..],
            "the parts came back in another order"
        );
        let _ = std::fs::remove_dir_all(root);
    }
}
