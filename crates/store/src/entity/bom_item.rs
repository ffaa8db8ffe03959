//! `bom_items`: one line of a project's bill of materials, in a tree by `parent_id`.

use sea_orm::entity::prelude::*;

use crate::decimal::DbDecimal;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "bom_items")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub project_id: Uuid,
    pub parent_id: Option<Uuid>,
    pub supplier_id: Option<Uuid>,
    pub name: String,
    pub description: Option<String>,
    pub category: Option<String>,
    #[sea_orm(column_type = "Decimal(Some((15, 3)))")]
    pub quantity: DbDecimal,
    pub unit: String,
    #[sea_orm(column_type = "Decimal(Some((15, 2)))")]
    pub unit_price: DbDecimal,
    #[sea_orm(column_type = "Decimal(Some((15, 2)))")]
    pub total_price: DbDecimal,
    pub status: String,
    pub position: i32,
    pub notes: Option<String>,
    pub version: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
