//! API tokens.

use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::Condition;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::entity::api_token;
use crate::{Conn, StoreError};

pub async fn insert<C: Conn>(db: &C, model: api_token::Model) -> Result<(), StoreError> {
    super::insert(db, api_token::ActiveModel::from(model)).await
}

pub async fn find_by_hash<C: Conn>(
    db: &C,
    token_hash: &str,
) -> Result<Option<api_token::Model>, StoreError> {
    Ok(api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(token_hash))
        .one(db)
        .await?)
}

/// A user's tokens that are not revoked, newest first.
pub async fn list_for_user<C: Conn>(
    db: &C,
    user_id: Uuid,
) -> Result<Vec<api_token::Model>, StoreError> {
    Ok(api_token::Entity::find()
        .filter(api_token::Column::UserId.eq(user_id))
        .filter(api_token::Column::RevokedAt.is_null())
        .order_by_desc(api_token::Column::Id)
        .all(db)
        .await?)
}

pub async fn revoke<C: Conn>(
    db: &C,
    id: Uuid,
    user_id: Uuid,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let result = api_token::Entity::update_many()
        .set(api_token::ActiveModel {
            revoked_at: Set(Some(at)),
            ..Default::default()
        })
        .filter(api_token::Column::Id.eq(id))
        .filter(api_token::Column::UserId.eq(user_id))
        .filter(api_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Records use, at most once a minute per token, so reads do not each cost a write.
pub async fn touch<C: Conn>(db: &C, id: Uuid, at: DateTime<Utc>) -> Result<(), StoreError> {
    api_token::Entity::update_many()
        .set(api_token::ActiveModel {
            last_used_at: Set(Some(at)),
            ..Default::default()
        })
        .filter(api_token::Column::Id.eq(id))
        .filter(
            Condition::any()
                .add(api_token::Column::LastUsedAt.is_null())
                .add(api_token::Column::LastUsedAt.lt(at - chrono::Duration::minutes(1))),
        )
        .exec(db)
        .await?;
    Ok(())
}
