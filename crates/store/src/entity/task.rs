//! `tasks`: the work items of a project, with finish-to-start dependencies.

use sea_orm::entity::prelude::*;

use crate::decimal::DbDecimal;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "tasks")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub project_id: Uuid,
    pub workflow_stage_id: Option<Uuid>,
    pub title: String,
    pub description: Option<String>,
    pub status: String,
    pub priority: String,
    pub assignee_id: Option<Uuid>,
    pub start_date: Option<Date>,
    pub due_date: Option<Date>,
    #[sea_orm(column_type = "Decimal(Some((10, 2)))")]
    pub estimated_hours: Option<DbDecimal>,
    #[sea_orm(column_type = "Decimal(Some((10, 2)))")]
    pub actual_hours: Option<DbDecimal>,
    pub created_by: Option<Uuid>,
    pub completed_at: Option<DateTimeUtc>,
    pub version: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
