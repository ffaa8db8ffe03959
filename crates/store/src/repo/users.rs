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
