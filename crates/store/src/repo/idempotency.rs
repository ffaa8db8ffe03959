//! Idempotency keys: the first answer to a POST, replayed when the client retries.

use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::entity::idempotency_key;
use crate::{Conn, StoreError};

/// What a claim on a key found.
#[derive(Debug)]
pub enum Claim {
    /// The key is new: this request runs and must `complete` or `release` it.
    Fresh,
    /// The key was used before (or is in flight: `status_code` is `None`).
    Existing(idempotency_key::Model),
}

pub async fn claim<C: Conn>(
    db: &C,
    user_id: Uuid,
    key: &str,
    request_hash: &str,
    at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<Claim, StoreError> {
    // An expired key is forgotten, so the key can be reused after its 24 hours.
    idempotency_key::Entity::delete_many()
        .filter(idempotency_key::Column::UserId.eq(user_id))
        .filter(idempotency_key::Column::IdempotencyKey.eq(key))
        .filter(idempotency_key::Column::ExpiresAt.lt(at))
        .exec(db)
        .await?;
    let row = idempotency_key::ActiveModel {
        user_id: Set(user_id),
        idempotency_key: Set(key.to_owned()),
        request_hash: Set(request_hash.to_owned()),
        status_code: Set(None),
        response_headers: Set(None),
        response_body: Set(None),
        created_at: Set(at),
        expires_at: Set(expires_at),
    };
    match super::insert(db, row).await {
        Ok(()) => Ok(Claim::Fresh),
        Err(StoreError::Unique(_)) => {
            let existing = idempotency_key::Entity::find_by_id((user_id, key.to_owned()))
                .one(db)
                .await?;
            match existing {
                Some(model) => Ok(Claim::Existing(model)),
                // Released between our insert and our read: the caller may simply retry.
                None => Err(StoreError::Unique("idempotency key in flux".to_owned())),
            }
        }
        Err(other) => Err(other),
    }
}

pub async fn find<C: Conn>(
    db: &C,
    user_id: Uuid,
    key: &str,
) -> Result<Option<idempotency_key::Model>, StoreError> {
    Ok(
        idempotency_key::Entity::find_by_id((user_id, key.to_owned()))
            .one(db)
            .await?,
    )
}

/// Stores the answer of the request that claimed the key.
pub async fn complete<C: Conn>(
    db: &C,
    user_id: Uuid,
    key: &str,
    status: i32,
    headers: serde_json::Value,
    body: Vec<u8>,
) -> Result<(), StoreError> {
    let row = idempotency_key::ActiveModel {
        status_code: Set(Some(status)),
        response_headers: Set(Some(headers)),
        response_body: Set(Some(body)),
        ..Default::default()
    };
    idempotency_key::Entity::update_many()
        .set(row)
        .filter(idempotency_key::Column::UserId.eq(user_id))
        .filter(idempotency_key::Column::IdempotencyKey.eq(key))
        .exec(db)
        .await?;
    Ok(())
}

/// Forgets a claim whose request failed, so that a retry runs again.
pub async fn release<C: Conn>(db: &C, user_id: Uuid, key: &str) -> Result<(), StoreError> {
    idempotency_key::Entity::delete_many()
        .filter(idempotency_key::Column::UserId.eq(user_id))
        .filter(idempotency_key::Column::IdempotencyKey.eq(key))
        .exec(db)
        .await?;
    Ok(())
}
