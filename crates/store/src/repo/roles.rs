//! Global roles (`user_roles`).

use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::entity::user_role;
use crate::{Conn, StoreError, now};

pub async fn find_by_name<C: Conn>(
    db: &C,
    name: &str,
) -> Result<Option<user_role::Model>, StoreError> {
    Ok(user_role::Entity::find()
        .filter(user_role::Column::Name.eq(name))
        .one(db)
        .await?)
}

pub async fn find<C: Conn>(db: &C, id: Uuid) -> Result<Option<user_role::Model>, StoreError> {
    Ok(user_role::Entity::find_by_id(id).one(db).await?)
}

pub async fn all<C: Conn>(db: &C) -> Result<Vec<user_role::Model>, StoreError> {
    Ok(user_role::Entity::find().all(db).await?)
}

/// Creates a built-in role, or brings its permissions up to date with this release.
pub async fn upsert_builtin<C: Conn>(
    db: &C,
    name: &str,
    description: &str,
    permissions: &[&str],
) -> Result<(), StoreError> {
    let permissions = serde_json::json!(permissions);
    match find_by_name(db, name).await? {
        Some(existing) if existing.permissions == permissions && existing.is_builtin => Ok(()),
        Some(existing) => {
            let model = user_role::ActiveModel {
                id: Set(existing.id),
                permissions: Set(permissions),
                is_builtin: Set(true),
                version: Set(existing.version + 1),
                updated_at: Set(now()),
                ..Default::default()
            };
            user_role::Entity::update_many()
                .set(model)
                .filter(user_role::Column::Id.eq(existing.id))
                .exec(db)
                .await?;
            Ok(())
        }
        None => {
            let at = now();
            let model = user_role::ActiveModel {
                id: Set(Uuid::now_v7()),
                name: Set(name.to_owned()),
                description: Set(Some(description.to_owned())),
                permissions: Set(permissions),
                is_builtin: Set(true),
                require_mfa: Set(false),
                version: Set(1),
                created_at: Set(at),
                updated_at: Set(at),
            };
            match super::insert(db, model).await {
                // Another replica starting at the same moment created it: that is fine.
                Err(StoreError::Unique(_)) => Ok(()),
                other => other,
            }
        }
    }
}

pub async fn insert<C: Conn>(db: &C, model: user_role::Model) -> Result<(), StoreError> {
    super::insert(db, user_role::ActiveModel::from(model)).await
}

pub async fn update<C: Conn>(
    db: &C,
    model: user_role::Model,
    expected_version: i64,
) -> Result<bool, StoreError> {
    use sea_orm::ActiveModelTrait;
    let id = model.id;
    let active = user_role::ActiveModel::from(model).reset_all();
    super::update_versioned(
        db,
        active,
        user_role::Column::Id,
        id,
        user_role::Column::Version,
        expected_version,
    )
    .await
}

pub async fn delete<C: Conn>(db: &C, id: Uuid) -> Result<(), StoreError> {
    user_role::Entity::delete_by_id(id).exec(db).await?;
    Ok(())
}
