//! Sessions and their refresh tokens.

use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::entity::{refresh_token, session, user, user_role};
use crate::{Conn, StoreError};

pub async fn insert<C: Conn>(db: &C, model: session::Model) -> Result<(), StoreError> {
    super::insert(db, session::ActiveModel::from(model)).await
}

pub async fn find<C: Conn>(db: &C, id: Uuid) -> Result<Option<session::Model>, StoreError> {
    Ok(session::Entity::find_by_id(id).one(db).await?)
}

/// A session with its (not deleted) user and the user's role, in one query: every
/// authenticated request needs all three, and three round trips were most of the cost of a
/// small read (measured with `bench probe`).
pub async fn find_with_user<C: Conn>(
    db: &C,
    id: Uuid,
) -> Result<Option<(session::Model, user::Model, user_role::Model)>, StoreError> {
    let row = session::Entity::find_by_id(id)
        .find_also_related(user::Entity)
        .and_also_related(user_role::Entity)
        .filter(user::Column::DeletedAt.is_null())
        .one(db)
        .await?;
    Ok(match row {
        Some((session, Some(user), Some(role))) => Some((session, user, role)),
        _ => None,
    })
}

/// A user's sessions that are neither revoked nor expired, most recently used first.
pub async fn list_active<C: Conn>(
    db: &C,
    user_id: Uuid,
    at: DateTime<Utc>,
) -> Result<Vec<session::Model>, StoreError> {
    Ok(session::Entity::find()
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::RevokedAt.is_null())
        .filter(session::Column::ExpiresAt.gt(at))
        .order_by_desc(session::Column::LastUsedAt)
        .all(db)
        .await?)
}

/// Marks a session used and slides its expiry.
pub async fn touch<C: Conn>(
    db: &C,
    id: Uuid,
    at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), StoreError> {
    let model = session::ActiveModel {
        last_used_at: Set(at),
        expires_at: Set(expires_at),
        ..Default::default()
    };
    session::Entity::update_many()
        .set(model)
        .filter(session::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Revokes one session; false when it was already revoked or is not there.
pub async fn revoke<C: Conn>(db: &C, id: Uuid, at: DateTime<Utc>) -> Result<bool, StoreError> {
    let model = session::ActiveModel {
        revoked_at: Set(Some(at)),
        ..Default::default()
    };
    let result = session::Entity::update_many()
        .set(model)
        .filter(session::Column::Id.eq(id))
        .filter(session::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Revokes every live session of a user, except `keep` if given; returns how many.
pub async fn revoke_all<C: Conn>(
    db: &C,
    user_id: Uuid,
    keep: Option<Uuid>,
    at: DateTime<Utc>,
) -> Result<u64, StoreError> {
    let model = session::ActiveModel {
        revoked_at: Set(Some(at)),
        ..Default::default()
    };
    let mut query = session::Entity::update_many()
        .set(model)
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::RevokedAt.is_null());
    if let Some(keep) = keep {
        query = query.filter(session::Column::Id.ne(keep));
    }
    Ok(query.exec(db).await?.rows_affected)
}

pub async fn insert_refresh<C: Conn>(
    db: &C,
    model: refresh_token::Model,
) -> Result<(), StoreError> {
    super::insert(db, refresh_token::ActiveModel::from(model)).await
}

pub async fn find_refresh<C: Conn>(
    db: &C,
    token_hash: &str,
) -> Result<Option<refresh_token::Model>, StoreError> {
    Ok(refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(token_hash))
        .one(db)
        .await?)
}

/// Spends a refresh token. Exactly one of several concurrent callers succeeds; the others
/// see `false`, the same as a reuse.
pub async fn spend_refresh<C: Conn>(
    db: &C,
    id: Uuid,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let model = refresh_token::ActiveModel {
        used_at: Set(Some(at)),
        ..Default::default()
    };
    let result = refresh_token::Entity::update_many()
        .set(model)
        .filter(refresh_token::Column::Id.eq(id))
        .filter(refresh_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}
