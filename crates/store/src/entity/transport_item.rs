//! `logistics_items`: which BOM items a transport carries.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "logistics_items")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub logistics_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub bom_item_id: Uuid,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
