//! `logistics`: transports and deliveries of a production.

use sea_orm::entity::prelude::*;

use crate::decimal::DbDecimal;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "logistics")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub project_id: Uuid,
    pub supplier_id: Option<Uuid>,
    pub logistics_type: String,
    pub description: String,
    pub from_location: Option<String>,
    pub to_location: Option<String>,
    pub scheduled_at: Option<DateTimeUtc>,
    pub actual_at: Option<DateTimeUtc>,
    pub status: String,
    #[sea_orm(column_type = "Decimal(Some((15, 2)))")]
    pub cost: DbDecimal,
    pub vehicle: Option<String>,
    pub contact: Option<String>,
    pub notes: Option<String>,
    pub version: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
