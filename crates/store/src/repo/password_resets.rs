//! Password reset tokens.

use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::entity::password_reset;
use crate::{Conn, StoreError};

pub async fn insert<C: Conn>(db: &C, model: password_reset::Model) -> Result<(), StoreError> {
    super::insert(db, password_reset::ActiveModel::from(model)).await
}

pub async fn find_by_hash<C: Conn>(
    db: &C,
    token_hash: &str,
) -> Result<Option<password_reset::Model>, StoreError> {
    Ok(password_reset::Entity::find()
        .filter(password_reset::Column::TokenHash.eq(token_hash))
        .one(db)
        .await?)
}

/// Spends a token; false when it was already used (a concurrent reset got it first).
pub async fn spend<C: Conn>(db: &C, id: Uuid, at: DateTime<Utc>) -> Result<bool, StoreError> {
    let model = password_reset::ActiveModel {
        used_at: Set(Some(at)),
        ..Default::default()
    };
    let result = password_reset::Entity::update_many()
        .set(model)
        .filter(password_reset::Column::Id.eq(id))
        .filter(password_reset::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Voids every open token of a user (a new password makes older links useless).
pub async fn void_for_user<C: Conn>(
    db: &C,
    user_id: Uuid,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    let model = password_reset::ActiveModel {
        used_at: Set(Some(at)),
        ..Default::default()
    };
    password_reset::Entity::update_many()
        .set(model)
        .filter(password_reset::Column::UserId.eq(user_id))
        .filter(password_reset::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}
