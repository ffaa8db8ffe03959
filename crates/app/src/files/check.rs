//! `eventmgr files check [--repair]`: finds what uploads and deletes could have left
//! inconsistent after a crash or a storage outage, in both directions:
//! - blobs no file record refers to (a purge whose blob delete failed, a server killed
//!   between storing content and committing its record);
//! - file records whose content is gone (someone emptied the bucket);
//! - staging files of local uploads that never finished.
//!
//! Blobs younger than the grace period are left alone: an upload in progress has its
//! content stored a moment before its record is committed.

use std::collections::HashSet;
use std::path::PathBuf;
use std::time::Duration;

use eventmgr_store::repo::audit::{self, AuditEntry};
use eventmgr_store::repo::files;
use uuid::Uuid;

use crate::{App, AppError};

/// What the check found (and, with repair, removed).
#[derive(Debug, Default, Clone)]
pub struct FilesReport {
    pub records: usize,
    pub blobs: usize,
    /// Blob keys no record refers to.
    pub orphan_blobs: Vec<String>,
    /// `(file id, key)` of records whose content blob is missing.
    pub missing_content: Vec<(Uuid, String)>,
    /// Local staging files of unfinished uploads.
    pub staging_leftovers: Vec<PathBuf>,
    pub repaired: bool,
}

impl FilesReport {
    pub fn is_clean(&self) -> bool {
        self.orphan_blobs.is_empty()
            && self.missing_content.is_empty()
            && self.staging_leftovers.is_empty()
    }
}

impl App {
    pub async fn check_files(
        &self,
        repair: bool,
        grace: Duration,
    ) -> Result<FilesReport, AppError> {
        let db = self.store.conn();
        let rows = files::all_storage_keys(db).await?;
        let mut referenced: HashSet<&str> = HashSet::new();
        for (_, key, thumb) in &rows {
            referenced.insert(key);
            if let Some(thumb) = thumb {
                referenced.insert(thumb);
            }
        }
        let mut blobs = self.blobs.list("files/").await?;
        blobs.extend(self.blobs.list("thumbs/").await?);
        let present: HashSet<&str> = blobs.iter().map(|b| b.key.as_str()).collect();
        let cutoff = chrono::Utc::now()
            - chrono::Duration::from_std(grace).unwrap_or(chrono::Duration::zero());
        let mut report = FilesReport {
            records: rows.len(),
            blobs: blobs.len(),
            orphan_blobs: blobs
                .iter()
                .filter(|b| !referenced.contains(b.key.as_str()) && b.last_modified <= cutoff)
                .map(|b| b.key.clone())
                .collect(),
            missing_content: rows
                .iter()
                .filter(|(_, key, _)| !present.contains(key.as_str()))
                .map(|(id, key, _)| (*id, key.clone()))
                .collect(),
            staging_leftovers: self.blobs.staging_leftovers(grace),
            repaired: false,
        };
        if repair {
            self.repair(&report).await?;
            report.repaired = true;
        }
        Ok(report)
    }

    async fn repair(&self, report: &FilesReport) -> Result<(), AppError> {
        for key in &report.orphan_blobs {
            self.blobs.delete(key).await?;
        }
        for path in &report.staging_leftovers {
            if let Err(e) = std::fs::remove_file(path) {
                tracing::warn!(path = %path.display(), error = %e, "removing a staging file failed");
            }
        }
        if report.missing_content.is_empty() {
            return Ok(());
        }
        let txn = self.store.begin().await?;
        let ids: Vec<Uuid> = report.missing_content.iter().map(|(id, _)| *id).collect();
        files::delete_many(&txn, ids.clone()).await?;
        for (id, key) in &report.missing_content {
            audit::record(
                &txn,
                AuditEntry {
                    actor_label: Some("eventmgr files check --repair".to_owned()),
                    action: "file.purge".to_owned(),
                    entity_type: "file".to_owned(),
                    entity_id: Some(*id),
                    changes: Some(
                        serde_json::json!({ "reason": "content missing", "storage_key": key }),
                    ),
                    ..Default::default()
                },
            )
            .await?;
        }
        txn.commit().await?;
        Ok(())
    }
}
