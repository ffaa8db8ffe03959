//! `projects`: one event production each.

use sea_orm::entity::prelude::*;

use crate::decimal::DbDecimal;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "projects")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub name: String,
    pub description: Option<String>,
    pub status: String,
    pub start_date: Date,
    pub end_date: Date,
    pub build_up_date: Option<Date>,
    pub dismantle_date: Option<Date>,
    pub venue: Option<String>,
    pub location: Option<String>,
    #[sea_orm(column_type = "Decimal(Some((15, 2)))")]
    pub budget: DbDecimal,
    pub currency: String,
    pub manager_id: Option<Uuid>,
    pub client_id: Option<Uuid>,
    pub created_by: Option<Uuid>,
    pub version: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
