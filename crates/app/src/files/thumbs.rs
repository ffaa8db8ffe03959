//! Image previews: a PNG of at most [`EDGE`]×[`EDGE`] pixels, cached in the blob store under
//! `thumbs/<id>`. Made in the background after an upload, or on the first request for it
//! when that has not happened yet (or failed). Decoding runs on the blocking pool with
//! limits, so a decompression bomb cannot take the server's memory.

use std::io::Cursor;

use bytes::Bytes;
use eventmgr_store::entity::file;
use eventmgr_store::repo::files;

use crate::{App, AppError};

/// Longest edge of a thumbnail, in pixels.
pub const EDGE: u32 = 320;
/// Larger images get no preview (they are still downloadable).
const MAX_SOURCE_BYTES: u64 = 64 * 1024 * 1024;
const MAX_PIXELS_PER_EDGE: u32 = 20_000;
const MAX_DECODE_BYTES: u64 = 512 * 1024 * 1024;

/// Whether a preview can be made for this (detected) type.
pub fn can_thumbnail(mime: &str) -> bool {
    matches!(
        mime,
        "image/png" | "image/jpeg" | "image/gif" | "image/webp"
    )
}

/// Starts making the thumbnail of a newly uploaded image.
pub(crate) fn make_in_background(app: &App, file: &file::Model) {
    if !can_thumbnail(&file.mime_type) {
        return;
    }
    let (app, file) = (app.clone(), file.clone());
    tokio::spawn(async move {
        if let Err(e) = ensure(&app, &file).await {
            tracing::warn!(file = %file.id, error = %e, "making a thumbnail failed");
        }
    });
}

/// The thumbnail's blob key, making it first if needed; `None` when the file has no
/// preview (not an image, too large, or not decodable).
pub(crate) async fn ensure(app: &App, file: &file::Model) -> Result<Option<String>, AppError> {
    if let Some(key) = &file.thumbnail_key {
        return Ok(Some(key.clone()));
    }
    if !can_thumbnail(&file.mime_type) || file.size_bytes as u64 > MAX_SOURCE_BYTES {
        return Ok(None);
    }
    let Some(source) = app
        .blobs
        .read_small(&file.storage_key, MAX_SOURCE_BYTES)
        .await?
    else {
        return Ok(None);
    };
    let rendered = tokio::task::spawn_blocking(move || render(&source))
        .await
        .map_err(|e| AppError::Internal(format!("thumbnail task: {e}")))?;
    let png = match rendered {
        Ok(png) => png,
        Err(why) => {
            tracing::info!(file = %file.id, %why, "no thumbnail: the image does not decode");
            return Ok(None);
        }
    };
    let key = format!("thumbs/{}", file.id);
    app.blobs.put(&key, png).await?;
    files::set_thumbnail(app.store.conn(), file.id, &key).await?;
    Ok(Some(key))
}

/// Decodes `source` (within limits) and encodes its thumbnail as PNG.
fn render(source: &[u8]) -> Result<Bytes, String> {
    let mut reader = image::ImageReader::new(Cursor::new(source))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_PIXELS_PER_EDGE);
    limits.max_image_height = Some(MAX_PIXELS_PER_EDGE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let image = reader.decode().map_err(|e| e.to_string())?;
    let thumb = image.thumbnail(EDGE, EDGE);
    let mut png = Vec::new();
    thumb
        .write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
        .map_err(|e| e.to_string())?;
    Ok(Bytes::from(png))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let image = image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
        });
        let mut out = Vec::new();
        image
            .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn thumbnails_fit_the_edge_and_keep_the_aspect() {
        let thumb = render(&png(1600, 800)).unwrap();
        let decoded = image::load_from_memory(&thumb).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (EDGE, EDGE / 2));
    }

    #[test]
    fn garbage_and_bombs_are_refused_not_decoded() {
        assert!(render(b"not an image").is_err());
        // A PNG header claiming 100,000 × 100,000 pixels.
        let mut bomb = png(1, 1);
        bomb[16..20].copy_from_slice(&100_000u32.to_be_bytes());
        bomb[20..24].copy_from_slice(&100_000u32.to_be_bytes());
        assert!(render(&bomb).is_err());
    }
}
