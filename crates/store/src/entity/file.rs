//! `files`: a project's documents. The content lives in the blob store under `storage_key`;
//! this row is written only once the content is complete.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "files")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub project_id: Uuid,
    /// The display name (renamable); starts as the sanitised original name.
    pub name: String,
    /// The name the file was uploaded with, sanitised; never a storage path.
    pub original_name: String,
    pub size_bytes: i64,
    /// Detected from the content, not taken from the client.
    pub mime_type: String,
    /// Hex SHA-256 of the content, computed while it streamed in.
    pub sha256: String,
    pub category: Option<String>,
    pub storage_key: String,
    pub uploaded_by: Option<Uuid>,
    pub description: Option<String>,
    pub version: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
    pub shared_with_client: bool,
    pub thumbnail_key: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
