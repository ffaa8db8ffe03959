//! Users.

use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use uuid::Uuid;

use crate::entity::user;
use crate::{Conn, StoreError};

pub async fn insert<C: Conn>(db: &C, model: user::Model) -> Result<(), StoreError> {
    super::insert(db, user::ActiveModel::from(model)).await
}

pub async fn find<C: Conn>(db: &C, id: Uuid) -> Result<Option<user::Model>, StoreError> {
    Ok(user::Entity::find_by_id(id)
        .filter(user::Column::DeletedAt.is_null())
        .one(db)
        .await?)
}

pub async fn find_many<C: Conn>(db: &C, ids: &[Uuid]) -> Result<Vec<user::Model>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?)
}

/// Looks a user up by (already lower-cased) email.
pub async fn find_by_email<C: Conn>(
    db: &C,
    email: &str,
) -> Result<Option<user::Model>, StoreError> {
    Ok(user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .filter(user::Column::DeletedAt.is_null())
        .one(db)
        .await?)
}

pub async fn count<C: Conn>(db: &C) -> Result<u64, StoreError> {
    Ok(user::Entity::find().count(db).await?)
}

pub async fn record_login<C: Conn>(
    db: &C,
    id: Uuid,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<(), StoreError> {
    let model = user::ActiveModel {
        last_login_at: Set(Some(at)),
        ..Default::default()
    };
    user::Entity::update_many()
        .set(model)
        .filter(user::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Writes the whole row if its version is still `expected_version`.
pub async fn update<C: Conn>(
    db: &C,
    model: user::Model,
    expected_version: i64,
) -> Result<bool, StoreError> {
    let id = model.id;
    let active = user::ActiveModel::from(model).reset_all();
    super::update_versioned(
        db,
        active,
        user::Column::Id,
        id,
        user::Column::Version,
        expected_version,
    )
    .await
}

#[derive(Debug, Clone, Default)]
pub struct UserFilter {
    pub q: Option<String>,
    pub role_id: Option<uuid::Uuid>,
    pub is_active: Option<bool>,
}

pub fn sort_column(field: &str) -> Option<(user::Column, super::page::SortKind)> {
    use super::page::SortKind;
    match field {
        "email" => Some((user::Column::Email, SortKind::Text)),
        "last_name" => Some((user::Column::LastName, SortKind::Text)),
        "created_at" => Some((user::Column::CreatedAt, SortKind::Timestamp)),
        _ => None,
    }
}

pub async fn list<C: Conn>(
    db: &C,
    filter: &UserFilter,
    page_query: &super::page::PageQuery<user::Column>,
) -> Result<super::page::Page<user::Model>, StoreError> {
    use super::page;
    use sea_orm::sea_query::Condition;
    let mut select = user::Entity::find().filter(user::Column::DeletedAt.is_null());
    if let Some(q) = filter.q.as_deref() {
        select = select.filter(
            Condition::any()
                .add(super::contains_ci(user::Column::Email, q))
                .add(super::contains_ci(user::Column::FirstName, q))
                .add(super::contains_ci(user::Column::LastName, q))
                .add(super::contains_ci(user::Column::Username, q)),
        );
    }
    if let Some(role) = filter.role_id {
        select = select.filter(user::Column::RoleId.eq(role));
    }
    if let Some(active) = filter.is_active {
        select = select.filter(user::Column::IsActive.eq(active));
    }
    let sort = page_query.sort.clone();
    page::fetch_page(db, select, user::Column::Id, page_query, move |m| {
        let mut values: Vec<_> = sort
            .iter()
            .map(|key| match key.column {
                user::Column::Email => page::text(&m.email),
                user::Column::LastName => page::text(&m.last_name),
                _ => page::ts(&m.created_at),
            })
            .collect();
        values.push(page::id(&m.id));
        values
    })
    .await
}

/// Active, not deleted users holding a role.
pub async fn count_active_with_role<C: Conn>(
    db: &C,
    role_id: uuid::Uuid,
) -> Result<u64, StoreError> {
    Ok(user::Entity::find()
        .filter(user::Column::RoleId.eq(role_id))
        .filter(user::Column::IsActive.eq(true))
        .filter(user::Column::DeletedAt.is_null())
        .count(db)
        .await?)
}

/// Users (deleted or not) holding a role: a role in use cannot be deleted.
pub async fn count_with_role<C: Conn>(db: &C, role_id: uuid::Uuid) -> Result<u64, StoreError> {
    Ok(user::Entity::find()
        .filter(user::Column::RoleId.eq(role_id))
        .count(db)
        .await?)
}
