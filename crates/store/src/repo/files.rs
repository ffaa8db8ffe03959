//! Files: the metadata of a project's documents (their content is in the blob store).

use sea_orm::sea_query::Condition;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use super::page::{self, Page, PageQuery, SortKind, fetch_page};
use crate::entity::file;
use crate::{Conn, StoreError};

#[derive(Debug, Clone, Default)]
pub struct FileFilter {
    pub q: Option<String>,
    pub category: Option<String>,
    /// MIME type prefix, e.g. `image/` or `application/pdf`.
    pub mime_prefix: Option<String>,
    /// Only files shared with the client (what a client user sees).
    pub shared_only: bool,
    /// The trash instead of the live files.
    pub deleted: bool,
}

pub fn sort_column(field: &str) -> Option<(file::Column, SortKind)> {
    use file::Column as C;
    match field {
        "name" => Some((C::Name, SortKind::Text)),
        "size_bytes" => Some((C::SizeBytes, SortKind::Integer)),
        "mime_type" => Some((C::MimeType, SortKind::Text)),
        "created_at" => Some((C::CreatedAt, SortKind::Timestamp)),
        "updated_at" => Some((C::UpdatedAt, SortKind::Timestamp)),
        _ => None,
    }
}

/// Inserts the metadata of several files at once (one upload request).
pub async fn insert_many<C: Conn>(db: &C, models: Vec<file::Model>) -> Result<(), StoreError> {
    for model in models {
        super::insert(db, file::ActiveModel::from(model)).await?;
    }
    Ok(())
}

pub async fn find<C: Conn>(db: &C, id: Uuid) -> Result<Option<file::Model>, StoreError> {
    Ok(file::Entity::find_by_id(id).one(db).await?)
}

pub async fn list<C: Conn>(
    db: &C,
    project_id: Uuid,
    filter: &FileFilter,
    page_query: &PageQuery<file::Column>,
) -> Result<Page<file::Model>, StoreError> {
    use file::Column as C;
    let mut select = file::Entity::find()
        .filter(C::ProjectId.eq(project_id))
        .filter(if filter.deleted {
            C::DeletedAt.is_not_null()
        } else {
            C::DeletedAt.is_null()
        });
    if let Some(q) = filter.q.as_deref() {
        select = select.filter(
            Condition::any()
                .add(super::contains_ci(C::Name, q))
                .add(super::contains_ci(C::OriginalName, q))
                .add(super::contains_ci(C::Description, q)),
        );
    }
    if let Some(category) = filter.category.as_deref() {
        select = select.filter(C::Category.eq(category));
    }
    if let Some(prefix) = filter.mime_prefix.as_deref() {
        select = select.filter(C::MimeType.starts_with(prefix));
    }
    if filter.shared_only {
        select = select.filter(C::SharedWithClient.eq(true));
    }
    let sort = page_query.sort.clone();
    fetch_page(db, select, C::Id, page_query, move |m| {
        let mut values: Vec<_> = sort
            .iter()
            .map(|key| match key.column {
                C::Name => page::text(&m.name),
                C::MimeType => page::text(&m.mime_type),
                C::SizeBytes => page::int(m.size_bytes),
                C::UpdatedAt => page::ts(&m.updated_at),
                _ => page::ts(&m.created_at),
            })
            .collect();
        values.push(page::id(&m.id));
        values
    })
    .await
}

pub async fn update<C: Conn>(
    db: &C,
    model: file::Model,
    expected_version: i64,
) -> Result<bool, StoreError> {
    let id = model.id;
    let active = file::ActiveModel::from(model).reset_all();
    super::update_versioned(
        db,
        active,
        file::Column::Id,
        id,
        file::Column::Version,
        expected_version,
    )
    .await
}

/// Records the thumbnail made for a file (no version bump: nothing a user edited changed).
pub async fn set_thumbnail<C: Conn>(db: &C, id: Uuid, key: &str) -> Result<(), StoreError> {
    file::Entity::update_many()
        .col_expr(
            file::Column::ThumbnailKey,
            sea_orm::sea_query::Expr::value(key.to_owned()),
        )
        .filter(file::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn delete<C: Conn>(db: &C, id: Uuid, expected_version: i64) -> Result<bool, StoreError> {
    super::delete_versioned::<file::Entity, _>(
        db,
        file::Column::Id,
        id,
        file::Column::Version,
        expected_version,
    )
    .await
}

/// The blob keys every file row refers to (content and thumbnails), for the orphan check.
pub async fn all_storage_keys<C: Conn>(
    db: &C,
) -> Result<Vec<(Uuid, String, Option<String>)>, StoreError> {
    Ok(file::Entity::find()
        .select_only()
        .column(file::Column::Id)
        .column(file::Column::StorageKey)
        .column(file::Column::ThumbnailKey)
        .into_tuple()
        .all(db)
        .await?)
}

/// Deletes file rows by id (the orphan repair: rows whose blob is gone).
pub async fn delete_many<C: Conn>(db: &C, ids: Vec<Uuid>) -> Result<u64, StoreError> {
    if ids.is_empty() {
        return Ok(0);
    }
    let result = file::Entity::delete_many()
        .filter(file::Column::Id.is_in(ids))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}
