//! What a download needs before its bytes flow: which blob, its type, size and `ETag`, and
//! whether a browser may show it inline. HTTP details (ranges, conditional requests,
//! headers) are the edge's business; this decides what may be sent.

use uuid::Uuid;

use super::{find_visible, sniff, thumbs};
use crate::access::Need;
use crate::blobs::BlobRead;
use crate::{Actor, App, AppError};

/// Which bytes of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    Original,
    /// The image preview (PNG).
    Thumbnail,
}

/// A download about to start.
#[derive(Debug, Clone)]
pub struct Download {
    /// The display name, for `Content-Disposition`.
    pub name: String,
    pub mime_type: String,
    /// Size of the whole content (thumbnails: known once read).
    pub size: Option<u64>,
    /// Strong validator: the content's SHA-256 (thumbnails: derived from it).
    pub etag: String,
    /// Only images and PDFs may be shown inline; everything else is an attachment.
    pub inline_allowed: bool,
    key: String,
}

impl App {
    /// Checks access and finds the content of `variant`.
    pub async fn file_download(
        &self,
        actor: &Actor,
        id: Uuid,
        variant: Variant,
    ) -> Result<Download, AppError> {
        let (file, _) = find_visible(self.store.conn(), actor, id, Need::Read, false).await?;
        match variant {
            Variant::Original => Ok(Download {
                inline_allowed: sniff::shows_inline(&file.mime_type),
                size: Some(file.size_bytes as u64),
                etag: file.sha256.clone(),
                name: file.name,
                mime_type: file.mime_type,
                key: file.storage_key,
            }),
            Variant::Thumbnail => {
                let key = thumbs::ensure(self, &file)
                    .await?
                    .ok_or(AppError::NotFound("thumbnail"))?;
                let stem = file
                    .name
                    .rsplit_once('.')
                    .map_or(file.name.as_str(), |(s, _)| s);
                Ok(Download {
                    name: format!("{stem}-preview.png"),
                    mime_type: "image/png".to_owned(),
                    size: None,
                    etag: format!("{}-thumb{}", file.sha256, thumbs::EDGE),
                    inline_allowed: true,
                    key,
                })
            }
        }
    }

    /// Streams `range` (all when `None`) of a download's content.
    pub async fn download_stream(
        &self,
        download: &Download,
        range: Option<std::ops::Range<u64>>,
    ) -> Result<BlobRead, AppError> {
        self.blobs.read(&download.key, range).await?.ok_or_else(|| {
            AppError::Internal(format!(
                "the content of a file is missing from the blob store ({})",
                download.key
            ))
        })
    }
}
