//! Clients: the companies events are produced for.

use sea_orm::sea_query::Condition;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use uuid::Uuid;

use super::page::{self, Page, PageQuery, SortKind, fetch_page};
use crate::entity::{client, project};
use crate::{Conn, StoreError};

pub use client::Column as ClientColumn;

#[derive(Debug, Clone, Default)]
pub struct ClientFilter {
    pub q: Option<String>,
    /// List the trash instead of the live rows.
    pub deleted: bool,
    /// Restrict to these ids (a client-role user sees only their own client).
    pub only_id: Option<Uuid>,
}

/// Sortable fields: API name → column and kind.
pub fn sort_column(field: &str) -> Option<(client::Column, SortKind)> {
    match field {
        "name" => Some((client::Column::Name, SortKind::Text)),
        "created_at" => Some((client::Column::CreatedAt, SortKind::Timestamp)),
        "updated_at" => Some((client::Column::UpdatedAt, SortKind::Timestamp)),
        _ => None,
    }
}

pub async fn insert<C: Conn>(db: &C, model: client::Model) -> Result<(), StoreError> {
    super::insert(db, client::ActiveModel::from(model)).await
}

pub async fn find<C: Conn>(
    db: &C,
    id: Uuid,
    include_deleted: bool,
) -> Result<Option<client::Model>, StoreError> {
    let mut query = client::Entity::find_by_id(id);
    if !include_deleted {
        query = query.filter(client::Column::DeletedAt.is_null());
    }
    Ok(query.one(db).await?)
}

pub async fn list<C: Conn>(
    db: &C,
    filter: &ClientFilter,
    page_query: &PageQuery<client::Column>,
) -> Result<Page<client::Model>, StoreError> {
    let mut select = client::Entity::find().filter(if filter.deleted {
        client::Column::DeletedAt.is_not_null()
    } else {
        client::Column::DeletedAt.is_null()
    });
    if let Some(id) = filter.only_id {
        select = select.filter(client::Column::Id.eq(id));
    }
    if let Some(q) = filter.q.as_deref() {
        select = select.filter(
            Condition::any()
                .add(super::contains_ci(client::Column::Name, q))
                .add(super::contains_ci(client::Column::ContactPerson, q))
                .add(super::contains_ci(client::Column::Email, q)),
        );
    }
    let sort = page_query.sort.clone();
    fetch_page(db, select, client::Column::Id, page_query, move |m| {
        let mut values: Vec<_> = sort
            .iter()
            .map(|key| match key.column {
                client::Column::Name => page::text(&m.name),
                client::Column::UpdatedAt => page::ts(&m.updated_at),
                _ => page::ts(&m.created_at),
            })
            .collect();
        values.push(page::id(&m.id));
        values
    })
    .await
}

/// Writes the whole row if its version is still `expected_version`.
pub async fn update<C: Conn>(
    db: &C,
    model: client::Model,
    expected_version: i64,
) -> Result<bool, StoreError> {
    let id = model.id;
    let active = client::ActiveModel::from(model).reset_all();
    super::update_versioned(
        db,
        active,
        client::Column::Id,
        id,
        client::Column::Version,
        expected_version,
    )
    .await
}

/// How many live projects name this client (a trashed client must not orphan them).
pub async fn count_projects<C: Conn>(db: &C, id: Uuid) -> Result<u64, StoreError> {
    Ok(project::Entity::find()
        .filter(project::Column::ClientId.eq(id))
        .filter(project::Column::DeletedAt.is_null())
        .count(db)
        .await?)
}
