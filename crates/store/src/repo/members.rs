//! Project membership.

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::entity::project_member;
use crate::{Conn, StoreError};

pub async fn insert<C: Conn>(db: &C, model: project_member::Model) -> Result<(), StoreError> {
    super::insert(db, project_member::ActiveModel::from(model)).await
}

pub async fn find<C: Conn>(
    db: &C,
    project_id: Uuid,
    user_id: Uuid,
) -> Result<Option<project_member::Model>, StoreError> {
    Ok(project_member::Entity::find_by_id((project_id, user_id))
        .one(db)
        .await?)
}

pub async fn list<C: Conn>(
    db: &C,
    project_id: Uuid,
) -> Result<Vec<project_member::Model>, StoreError> {
    Ok(project_member::Entity::find()
        .filter(project_member::Column::ProjectId.eq(project_id))
        .order_by_asc(project_member::Column::CreatedAt)
        .order_by_asc(project_member::Column::UserId)
        .all(db)
        .await?)
}

pub async fn update<C: Conn>(
    db: &C,
    model: project_member::Model,
    expected_version: i64,
) -> Result<bool, StoreError> {
    let result = project_member::Entity::update_many()
        .set(project_member::ActiveModel::from(model.clone()).reset_all())
        .filter(project_member::Column::ProjectId.eq(model.project_id))
        .filter(project_member::Column::UserId.eq(model.user_id))
        .filter(project_member::Column::Version.eq(expected_version))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

pub async fn delete<C: Conn>(db: &C, project_id: Uuid, user_id: Uuid) -> Result<bool, StoreError> {
    let result = project_member::Entity::delete_many()
        .filter(project_member::Column::ProjectId.eq(project_id))
        .filter(project_member::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Number of members with the given role (the last manager must not be removed).
pub async fn count_with_role<C: Conn>(
    db: &C,
    project_id: Uuid,
    role: &str,
) -> Result<u64, StoreError> {
    use sea_orm::PaginatorTrait;
    Ok(project_member::Entity::find()
        .filter(project_member::Column::ProjectId.eq(project_id))
        .filter(project_member::Column::Role.eq(role))
        .count(db)
        .await?)
}

/// One user's memberships in these projects (a page of a project list).
pub async fn of_user_in<C: Conn>(
    db: &C,
    user_id: Uuid,
    project_ids: Vec<Uuid>,
) -> Result<Vec<project_member::Model>, StoreError> {
    if project_ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(project_member::Entity::find()
        .filter(project_member::Column::UserId.eq(user_id))
        .filter(project_member::Column::ProjectId.is_in(project_ids))
        .all(db)
        .await?)
}

/// The memberships of one user.
pub async fn projects_of<C: Conn>(
    db: &C,
    user_id: Uuid,
) -> Result<Vec<project_member::Model>, StoreError> {
    Ok(project_member::Entity::find()
        .filter(project_member::Column::UserId.eq(user_id))
        .all(db)
        .await?)
}
