//! Use cases of Event Manager: one function per action, taking the application context and the
//! acting user. Authorization decisions, audit entries and transaction boundaries live here;
//! HTTP and SQL do not.

pub mod access;
pub mod actor;
mod audit;
pub mod audit_log;
pub mod auth;
pub mod blobs;
pub mod bom;
pub mod clients;
pub mod crypto;
pub mod dashboard;
pub mod demo;
pub mod error;
pub mod files;
mod filters;
pub mod idempotency;
pub mod kanban;
pub mod listing;
pub mod live;
pub mod logistics;
pub mod mail;
pub mod members;
pub mod patch;
pub mod permits;
pub mod projects;
pub mod roles;
pub mod search;
pub mod stages;
pub mod summary;
pub mod suppliers;
pub mod tasks;
pub mod users;
pub mod users_admin;

use std::sync::Arc;

pub use actor::{Actor, Permission, RequestMeta};
pub use error::AppError;
pub use eventmgr_store as store;
use eventmgr_store::Store;

/// Everything a use case needs: the database, the blob store, the token keys. Cheap to clone.
#[derive(Clone)]
pub struct App {
    pub store: Store,
    pub tokens: Arc<auth::TokenKeys>,
    pub mailer: Option<Arc<mail::Mailer>>,
    /// Where people reach the web app; links in emails point here.
    pub public_url: String,
    /// Seals secrets stored in the database (MFA secrets).
    pub secrets: Arc<crypto::SecretBox>,
    /// Live updates for this process's subscribers.
    pub live: Arc<live::Hub>,
    /// File content: a local folder or an S3-compatible bucket.
    pub blobs: blobs::BlobStore,
    /// The largest file an upload accepts, in bytes.
    pub max_upload_bytes: u64,
    /// Rendered BOM trees, valid until their project's BOM changes.
    pub tree_cache: Arc<bom::tree_cache::TreeCache>,
}

impl App {
    /// `master_key` is the server's secret from which storage keys are derived.
    pub fn new(
        store: Store,
        blobs: blobs::BlobStore,
        tokens: auth::TokenKeys,
        master_key: &[u8],
    ) -> App {
        App {
            store,
            blobs,
            max_upload_bytes: files::DEFAULT_MAX_UPLOAD_BYTES,
            tokens: Arc::new(tokens),
            mailer: None,
            public_url: "http://127.0.0.1:3001".to_owned(),
            secrets: Arc::new(crypto::SecretBox::derive(master_key, "mfa-secrets")),
            live: Arc::new(live::Hub::default()),
            tree_cache: Arc::new(bom::tree_cache::TreeCache::default()),
        }
    }

    pub fn with_mailer(mut self, mailer: mail::Mailer) -> App {
        self.mailer = Some(Arc::new(mailer));
        self
    }

    pub fn with_max_upload_bytes(mut self, bytes: u64) -> App {
        self.max_upload_bytes = bytes;
        self
    }

    pub fn with_public_url(mut self, url: &str) -> App {
        self.public_url = url.trim_end_matches('/').to_owned();
        self
    }

    /// Brings the built-in roles up to date; run at start after migrations.
    pub async fn ensure_builtin_roles(&self) -> Result<(), AppError> {
        for role in actor::BUILTIN_ROLES {
            eventmgr_store::repo::roles::upsert_builtin(
                self.store.conn(),
                role.name,
                role.description,
                role.permissions,
            )
            .await?;
        }
        Ok(())
    }
}
