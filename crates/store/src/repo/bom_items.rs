//! BOM items: the lines of a project's bill of materials.

use sea_orm::sea_query::Condition;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Statement,
};
use uuid::Uuid;

use super::page::{self, Page, PageQuery, SortKind, fetch_page};
use super::sums::{money_sum, read_sum};
use crate::entity::bom_item;
use crate::{Conn, StoreError};

/// Where in the tree the flat list looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParentFilter {
    /// Top-level items only.
    Root,
    /// Direct children of this item.
    Of(Uuid),
}

#[derive(Debug, Clone, Default)]
pub struct BomFilter {
    pub q: Option<String>,
    pub category: Option<String>,
    pub statuses: Vec<String>,
    pub supplier_id: Option<Uuid>,
    pub parent: Option<ParentFilter>,
}

pub fn sort_column(field: &str) -> Option<(bom_item::Column, SortKind)> {
    use bom_item::Column as C;
    match field {
        "position" => Some((C::Position, SortKind::Integer)),
        "name" => Some((C::Name, SortKind::Text)),
        "category" => Some((C::Category, SortKind::Text)),
        "status" => Some((C::Status, SortKind::Text)),
        "quantity" => Some((C::Quantity, SortKind::Decimal)),
        "unit_price" => Some((C::UnitPrice, SortKind::Decimal)),
        "total_price" => Some((C::TotalPrice, SortKind::Decimal)),
        "created_at" => Some((C::CreatedAt, SortKind::Timestamp)),
        "updated_at" => Some((C::UpdatedAt, SortKind::Timestamp)),
        _ => None,
    }
}

pub async fn insert<C: Conn>(db: &C, model: bom_item::Model) -> Result<(), StoreError> {
    super::insert(db, bom_item::ActiveModel::from(model)).await
}

/// Inserts many rows in multi-row statements (parents before children: `models` must be in
/// tree order).
pub async fn insert_many<C: Conn>(db: &C, models: Vec<bom_item::Model>) -> Result<(), StoreError> {
    // 17 columns a row; SQLite allows 32,766 bound parameters a statement.
    const CHUNK: usize = 500;
    let mut rows = models.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<bom_item::ActiveModel> = rows
            .by_ref()
            .take(CHUNK)
            .map(bom_item::ActiveModel::from)
            .collect();
        bom_item::Entity::insert_many(chunk)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

pub async fn find<C: Conn>(db: &C, id: Uuid) -> Result<Option<bom_item::Model>, StoreError> {
    Ok(bom_item::Entity::find_by_id(id).one(db).await?)
}

/// The project's BOM change counter (`project_rollups.bom_changes`, moved on by triggers with
/// every write to its lines); `None` for a project without a rollup row.
///
/// Read it *before* the lines it stands for: lines read afterwards are at least as new as the
/// counter, so a tree is never filed under a counter newer than its content.
pub async fn changes_of<C: Conn>(db: &C, project_id: Uuid) -> Result<Option<i64>, StoreError> {
    let backend = db.get_database_backend();
    // Read to the end (`query_all`): an unfinished SQLite statement holds back WAL checkpoints.
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            "SELECT bom_changes FROM project_rollups WHERE project_id = $1",
            [project_id.into()],
        ))
        .await?;
    rows.first()
        .map(|row| row.try_get::<i64>("", "bom_changes"))
        .transpose()
        .map_err(StoreError::from)
}

/// Every item of a project in sibling order (position, then name): the tree's raw material.
pub async fn all_of_project<C: Conn>(
    db: &C,
    project_id: Uuid,
) -> Result<Vec<bom_item::Model>, StoreError> {
    if db.get_database_backend() == sea_orm::DatabaseBackend::Sqlite {
        return all_of_project_sqlite(db, project_id).await;
    }
    Ok(bom_item::Entity::find()
        .filter(bom_item::Column::ProjectId.eq(project_id))
        .order_by_asc(bom_item::Column::Position)
        .order_by_asc(bom_item::Column::Name)
        .order_by_asc(bom_item::Column::Id)
        .all(db)
        .await?)
}

/// One row of [`all_of_project_sqlite`]'s JSON, in `SQLITE_TREE_COLUMNS` order.
type JsonRow = (
    String,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    String,
    String,
    String,
    String,
    String,
    i32,
    Option<String>,
    i64,
    String,
    String,
);

/// SQLite: the whole project in one row of JSON built by SQLite itself.
///
/// Measured with 10,000 items (`bench/`): through sqlx each of the 17 columns of each row is
/// copied into its own value before it is decoded, which took ~80 ms; the same rows as one
/// JSON text built in C and parsed with serde take ~25 ms. Ids are BLOBs, so they travel as
/// hex; timestamps and decimals are TEXT already.
async fn all_of_project_sqlite<C: Conn>(
    db: &C,
    project_id: Uuid,
) -> Result<Vec<bom_item::Model>, StoreError> {
    let sql = "SELECT json_group_array(json_array(lower(hex(id)), lower(hex(parent_id)), \
               lower(hex(supplier_id)), name, description, category, quantity, unit, unit_price, \
               total_price, status, position, notes, version, created_at, updated_at) \
               ORDER BY position, name, id) AS items FROM bom_items WHERE project_id = $1";
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            sea_orm::DatabaseBackend::Sqlite,
            sql,
            [project_id.into()],
        ))
        .await?;
    let Some(row) = row else {
        return Ok(Vec::new());
    };
    let text: String = row.try_get("", "items")?;
    let rows: Vec<JsonRow> = serde_json::from_str(&text)
        .map_err(|e| StoreError::Corrupt(format!("BOM rows as JSON: {e}")))?;
    let bad = |what: &str| StoreError::Corrupt(format!("BOM row has a bad {what}"));
    let uuid = |hex: &str| Uuid::parse_str(hex).map_err(|_| bad("id"));
    let decimal = |text: &str| {
        text.parse::<rust_decimal::Decimal>()
            .map(crate::DbDecimal)
            .map_err(|_| bad("decimal"))
    };
    let time = |text: &str| {
        chrono::DateTime::parse_from_rfc3339(text)
            .or_else(|_| chrono::DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f%:z"))
            .map(|t| t.with_timezone(&chrono::Utc))
            .map_err(|_| bad("timestamp"))
    };
    rows.into_iter()
        .map(|r| {
            Ok(bom_item::Model {
                id: uuid(&r.0)?,
                project_id,
                // `hex(NULL)` is '' in SQLite.
                parent_id: r
                    .1
                    .as_deref()
                    .filter(|h| !h.is_empty())
                    .map(uuid)
                    .transpose()?,
                supplier_id: r
                    .2
                    .as_deref()
                    .filter(|h| !h.is_empty())
                    .map(uuid)
                    .transpose()?,
                name: r.3,
                description: r.4,
                category: r.5,
                quantity: decimal(&r.6)?,
                unit: r.7,
                unit_price: decimal(&r.8)?,
                total_price: decimal(&r.9)?,
                status: r.10,
                position: r.11,
                notes: r.12,
                version: r.13,
                created_at: time(&r.14)?,
                updated_at: time(&r.15)?,
            })
        })
        .collect()
}

/// `(id, parent_id)` of every item of a project: enough for cycle and depth checks.
pub async fn parent_links<C: Conn>(
    db: &C,
    project_id: Uuid,
) -> Result<Vec<(Uuid, Option<Uuid>)>, StoreError> {
    Ok(bom_item::Entity::find()
        .select_only()
        .column(bom_item::Column::Id)
        .column(bom_item::Column::ParentId)
        .filter(bom_item::Column::ProjectId.eq(project_id))
        .into_tuple()
        .all(db)
        .await?)
}

/// The next free sibling position under `parent` (appending keeps the user's order).
pub async fn next_position<C: Conn>(
    db: &C,
    project_id: Uuid,
    parent: Option<Uuid>,
) -> Result<i32, StoreError> {
    let mut query = bom_item::Entity::find()
        .select_only()
        .column_as(bom_item::Column::Position.max(), "max")
        .filter(bom_item::Column::ProjectId.eq(project_id));
    query = match parent {
        Some(p) => query.filter(bom_item::Column::ParentId.eq(p)),
        None => query.filter(bom_item::Column::ParentId.is_null()),
    };
    let max: Option<Option<i32>> = query.into_tuple().one(db).await?;
    Ok(max.flatten().map_or(1, |m| m.saturating_add(1)))
}

pub async fn list<C: Conn>(
    db: &C,
    project_id: Uuid,
    filter: &BomFilter,
    page_query: &PageQuery<bom_item::Column>,
) -> Result<Page<bom_item::Model>, StoreError> {
    use bom_item::Column as C;
    let mut select = bom_item::Entity::find().filter(C::ProjectId.eq(project_id));
    if let Some(q) = filter.q.as_deref() {
        select = select.filter(
            Condition::any()
                .add(super::contains_ci(C::Name, q))
                .add(super::contains_ci(C::Description, q))
                .add(super::contains_ci(C::Notes, q)),
        );
    }
    if let Some(category) = filter.category.as_deref() {
        select = select.filter(C::Category.eq(category));
    }
    if !filter.statuses.is_empty() {
        select = select.filter(C::Status.is_in(filter.statuses.clone()));
    }
    if let Some(supplier) = filter.supplier_id {
        select = select.filter(C::SupplierId.eq(supplier));
    }
    match filter.parent {
        Some(ParentFilter::Root) => select = select.filter(C::ParentId.is_null()),
        Some(ParentFilter::Of(p)) => select = select.filter(C::ParentId.eq(p)),
        None => {}
    }
    let sort = page_query.sort.clone();
    fetch_page(db, select, C::Id, page_query, move |m| {
        let mut values: Vec<_> = sort
            .iter()
            .map(|key| match key.column {
                C::Position => page::int(i64::from(m.position)),
                C::Name => page::text(&m.name),
                C::Category => page::text(m.category.as_deref().unwrap_or_default()),
                C::Status => page::text(&m.status),
                C::Quantity => page::decimal(&m.quantity.0),
                C::UnitPrice => page::decimal(&m.unit_price.0),
                C::TotalPrice => page::decimal(&m.total_price.0),
                C::UpdatedAt => page::ts(&m.updated_at),
                _ => page::ts(&m.created_at),
            })
            .collect();
        values.push(page::id(&m.id));
        values
    })
    .await
}

pub async fn update<C: Conn>(
    db: &C,
    model: bom_item::Model,
    expected_version: i64,
) -> Result<bool, StoreError> {
    let id = model.id;
    let active = bom_item::ActiveModel::from(model).reset_all();
    super::update_versioned(
        db,
        active,
        bom_item::Column::Id,
        id,
        bom_item::Column::Version,
        expected_version,
    )
    .await
}

/// Deletes items given deepest first (parents are `RESTRICT`ed while children remain).
pub async fn delete_bottom_up<C: Conn>(db: &C, levels: Vec<Vec<Uuid>>) -> Result<u64, StoreError> {
    let mut deleted = 0;
    for level in levels.into_iter().rev() {
        for chunk in level.chunks(500) {
            deleted += bom_item::Entity::delete_many()
                .filter(bom_item::Column::Id.is_in(chunk.to_vec()))
                .exec(db)
                .await?
                .rows_affected;
        }
    }
    Ok(deleted)
}

/// BOM totals of a project per (category, status): count and exact sum of `total_price`.
#[derive(Debug, Clone)]
pub struct BomGroupSum {
    pub category: Option<String>,
    pub status: String,
    pub count: i64,
    pub total: rust_decimal::Decimal,
}

pub async fn sums_by_category_and_status<C: Conn>(
    db: &C,
    project_id: Uuid,
) -> Result<Vec<BomGroupSum>, StoreError> {
    let backend = db.get_database_backend();
    let sql = format!(
        "SELECT category, status, COUNT(*) AS n, {} AS total FROM bom_items \
         WHERE project_id = $1 GROUP BY category, status",
        money_sum(backend, "total_price")
    );
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [project_id.into()],
        ))
        .await?;
    rows.iter()
        .map(|row| {
            Ok(BomGroupSum {
                category: row.try_get("", "category")?,
                status: row.try_get("", "status")?,
                count: row.try_get("", "n")?,
                total: read_sum(backend, row, "total")?,
            })
        })
        .collect()
}
