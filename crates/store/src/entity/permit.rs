//! `permits`: authority approvals a production needs.

use sea_orm::entity::prelude::*;

use crate::decimal::DbDecimal;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "permits")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub project_id: Uuid,
    pub name: String,
    pub permit_type: String,
    pub authority: Option<String>,
    pub reference_number: Option<String>,
    pub status: String,
    pub application_date: Option<Date>,
    pub approval_date: Option<Date>,
    pub expiry_date: Option<Date>,
    #[sea_orm(column_type = "Decimal(Some((15, 2)))")]
    pub cost: DbDecimal,
    pub notes: Option<String>,
    pub version: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
