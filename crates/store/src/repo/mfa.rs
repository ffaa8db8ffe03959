//! Multi-factor state: recovery codes and the replay guard of TOTP codes.

use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::Condition;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::entity::{mfa_recovery_code, user};
use crate::{Conn, StoreError};

pub async fn replace_recovery_codes<C: Conn>(
    db: &C,
    user_id: Uuid,
    hashes: &[String],
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    mfa_recovery_code::Entity::delete_many()
        .filter(mfa_recovery_code::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    for hash in hashes {
        super::insert(
            db,
            mfa_recovery_code::ActiveModel {
                id: Set(Uuid::now_v7()),
                user_id: Set(user_id),
                code_hash: Set(hash.clone()),
                created_at: Set(at),
                used_at: Set(None),
            },
        )
        .await?;
    }
    Ok(())
}

/// Spends a recovery code; false when it does not exist or was used (each works once).
pub async fn spend_recovery_code<C: Conn>(
    db: &C,
    user_id: Uuid,
    code_hash: &str,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let result = mfa_recovery_code::Entity::update_many()
        .set(mfa_recovery_code::ActiveModel {
            used_at: Set(Some(at)),
            ..Default::default()
        })
        .filter(mfa_recovery_code::Column::UserId.eq(user_id))
        .filter(mfa_recovery_code::Column::CodeHash.eq(code_hash))
        .filter(mfa_recovery_code::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Records the TOTP step just accepted, only if it is newer than the last one: of two
/// concurrent logins with one code, exactly one wins.
pub async fn advance_step<C: Conn>(db: &C, user_id: Uuid, step: i64) -> Result<bool, StoreError> {
    let result = user::Entity::update_many()
        .set(user::ActiveModel {
            mfa_last_step: Set(Some(step)),
            ..Default::default()
        })
        .filter(user::Column::Id.eq(user_id))
        .filter(
            Condition::any()
                .add(user::Column::MfaLastStep.is_null())
                .add(user::Column::MfaLastStep.lt(step)),
        )
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}
