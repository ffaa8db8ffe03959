//! Workflow stages of a project.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
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
