//! Suppliers.

use sea_orm::sea_query::Condition;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Statement};
use uuid::Uuid;

use super::page::{self, Page, PageQuery, SortKind, fetch_page};
use crate::decimal::DbDecimal;
use crate::entity::supplier;
use crate::{Conn, StoreError};

#[derive(Debug, Clone, Default)]
pub struct SupplierFilter {
    pub q: Option<String>,
    pub category: Option<String>,
    pub is_active: Option<bool>,
    pub min_rating: Option<rust_decimal::Decimal>,
    pub deleted: bool,
}

pub fn sort_column(field: &str) -> Option<(supplier::Column, SortKind)> {
    match field {
        "name" => Some((supplier::Column::Name, SortKind::Text)),
        "created_at" => Some((supplier::Column::CreatedAt, SortKind::Timestamp)),
        "updated_at" => Some((supplier::Column::UpdatedAt, SortKind::Timestamp)),
        _ => None,
    }
}

pub async fn insert<C: Conn>(db: &C, model: supplier::Model) -> Result<(), StoreError> {
    super::insert(db, supplier::ActiveModel::from(model)).await
}

pub async fn find<C: Conn>(
    db: &C,
    id: Uuid,
    include_deleted: bool,
) -> Result<Option<supplier::Model>, StoreError> {
    let mut query = supplier::Entity::find_by_id(id);
    if !include_deleted {
        query = query.filter(supplier::Column::DeletedAt.is_null());
    }
    Ok(query.one(db).await?)
}

pub async fn list<C: Conn>(
    db: &C,
    filter: &SupplierFilter,
    page_query: &PageQuery<supplier::Column>,
) -> Result<Page<supplier::Model>, StoreError> {
    let mut select = supplier::Entity::find().filter(if filter.deleted {
        supplier::Column::DeletedAt.is_not_null()
    } else {
        supplier::Column::DeletedAt.is_null()
    });
    if let Some(q) = filter.q.as_deref() {
        select = select.filter(
            Condition::any()
                .add(super::contains_ci(supplier::Column::Name, q))
                .add(super::contains_ci(supplier::Column::ContactPerson, q))
                .add(super::contains_ci(supplier::Column::Email, q)),
        );
    }
    if let Some(category) = filter.category.as_deref() {
        select = select.filter(super::contains_ci(supplier::Column::Category, category));
    }
    if let Some(active) = filter.is_active {
        select = select.filter(supplier::Column::IsActive.eq(active));
    }
    if let Some(min) = filter.min_rating {
        // Ratings are stored with exactly one integer digit and two decimals ("4.50"), so on
        // SQLite, where they are TEXT, string order is numeric order; PostgreSQL compares
        // NUMERIC. The bound value is rescaled the same way by the caller.
        select = select.filter(supplier::Column::Rating.gte(DbDecimal(min)));
    }
    let page = {
        let sort = page_query.sort.clone();
        fetch_page(
            db,
            select.clone(),
            supplier::Column::Id,
            page_query,
            move |m| {
                let mut values: Vec<_> = sort
                    .iter()
                    .map(|key| match key.column {
                        supplier::Column::Name => page::text(&m.name),
                        supplier::Column::UpdatedAt => page::ts(&m.updated_at),
                        _ => page::ts(&m.created_at),
                    })
                    .collect();
                values.push(page::id(&m.id));
                values
            },
        )
        .await?
    };
    Ok(page)
}

pub async fn update<C: Conn>(
    db: &C,
    model: supplier::Model,
    expected_version: i64,
) -> Result<bool, StoreError> {
    let id = model.id;
    let active = supplier::ActiveModel::from(model).reset_all();
    super::update_versioned(
        db,
        active,
        supplier::Column::Id,
        id,
        supplier::Column::Version,
        expected_version,
    )
    .await
}

/// How many BOM items and transports name this supplier.
pub async fn count_references<C: Conn>(db: &C, id: Uuid) -> Result<(i64, i64), StoreError> {
    let backend = db.get_database_backend();
    let mut counts = Vec::new();
    for table in ["bom_items", "logistics"] {
        let sql = format!("SELECT COUNT(*) AS n FROM {table} WHERE supplier_id = $1");
        let row = db
            .query_one_raw(Statement::from_sql_and_values(backend, sql, [id.into()]))
            .await?;
        counts.push(
            row.map(|r| r.try_get::<i64>("", "n"))
                .transpose()?
                .unwrap_or(0),
        );
    }
    Ok((counts[0], counts[1]))
}

/// Every supplier not in the trash (active or not), for matching names in an import.
pub async fn all_current<C: Conn>(db: &C) -> Result<Vec<supplier::Model>, StoreError> {
    Ok(supplier::Entity::find()
        .filter(supplier::Column::DeletedAt.is_null())
        .all(db)
        .await?)
}

/// Suppliers by id, trashed ones included (an export names whoever is referenced).
pub async fn by_ids<C: Conn>(db: &C, ids: Vec<Uuid>) -> Result<Vec<supplier::Model>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(supplier::Entity::find()
        .filter(supplier::Column::Id.is_in(ids))
        .all(db)
        .await?)
}
