//! Workflow stages of a project, ordered by a dense `position` (0, 1, 2, ...).

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::entity::workflow_stage;
use crate::{Conn, StoreError};

pub async fn insert<C: Conn>(db: &C, model: workflow_stage::Model) -> Result<(), StoreError> {
    super::insert(db, workflow_stage::ActiveModel::from(model)).await
}

pub async fn list<C: Conn>(
    db: &C,
    project_id: Uuid,
) -> Result<Vec<workflow_stage::Model>, StoreError> {
    Ok(workflow_stage::Entity::find()
        .filter(workflow_stage::Column::ProjectId.eq(project_id))
        .order_by_asc(workflow_stage::Column::Position)
        .all(db)
        .await?)
}

pub async fn find<C: Conn>(db: &C, id: Uuid) -> Result<Option<workflow_stage::Model>, StoreError> {
    Ok(workflow_stage::Entity::find_by_id(id).one(db).await?)
}

/// The project's ACTIVE stage, if any (at most one: a partial unique index says so).
pub async fn active<C: Conn>(
    db: &C,
    project_id: Uuid,
) -> Result<Option<workflow_stage::Model>, StoreError> {
    Ok(workflow_stage::Entity::find()
        .filter(workflow_stage::Column::ProjectId.eq(project_id))
        .filter(workflow_stage::Column::Status.eq("ACTIVE"))
        .one(db)
        .await?)
}

pub async fn update<C: Conn>(
    db: &C,
    model: workflow_stage::Model,
    expected_version: i64,
) -> Result<bool, StoreError> {
    let id = model.id;
    let active = workflow_stage::ActiveModel::from(model).reset_all();
    super::update_versioned(
        db,
        active,
        workflow_stage::Column::Id,
        id,
        workflow_stage::Column::Version,
        expected_version,
    )
    .await
}

/// Sets one stage's position without touching its version: renumbering after a reorder
/// is not an edit of the other stages.
pub async fn set_position<C: Conn>(db: &C, id: Uuid, position: i32) -> Result<(), StoreError> {
    workflow_stage::Entity::update_many()
        .col_expr(
            workflow_stage::Column::Position,
            sea_orm::sea_query::Expr::value(position),
        )
        .filter(workflow_stage::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn delete<C: Conn>(db: &C, id: Uuid, expected_version: i64) -> Result<bool, StoreError> {
    super::delete_versioned::<workflow_stage::Entity, _>(
        db,
        workflow_stage::Column::Id,
        id,
        workflow_stage::Column::Version,
        expected_version,
    )
    .await
}
