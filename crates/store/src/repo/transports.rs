//! Transports (`logistics`) and the BOM items each one carries (`logistics_items`).

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Condition;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use super::page::{self, Page, PageQuery, SortKind, fetch_page};
use crate::entity::{bom_item, transport, transport_item};
use crate::{Conn, StoreError};

#[derive(Debug, Clone, Default)]
pub struct TransportFilter {
    pub q: Option<String>,
    pub statuses: Vec<String>,
    pub types: Vec<String>,
    pub supplier_id: Option<Uuid>,
    /// Scheduled at or after.
    pub from: Option<DateTime<Utc>>,
    /// Scheduled before.
    pub to: Option<DateTime<Utc>>,
}

pub fn sort_column(field: &str) -> Option<(transport::Column, SortKind)> {
    use transport::Column as C;
    match field {
        "scheduled_at" => Some((C::ScheduledAt, SortKind::TimestampNullsLast)),
        "actual_at" => Some((C::ActualAt, SortKind::TimestampNullsLast)),
        "status" => Some((C::Status, SortKind::Text)),
        "logistics_type" => Some((C::LogisticsType, SortKind::Text)),
        "description" => Some((C::Description, SortKind::Text)),
        "cost" => Some((C::Cost, SortKind::Decimal)),
        "created_at" => Some((C::CreatedAt, SortKind::Timestamp)),
        "updated_at" => Some((C::UpdatedAt, SortKind::Timestamp)),
        _ => None,
    }
}

pub async fn insert<C: Conn>(db: &C, model: transport::Model) -> Result<(), StoreError> {
    super::insert(db, transport::ActiveModel::from(model)).await
}

pub async fn find<C: Conn>(db: &C, id: Uuid) -> Result<Option<transport::Model>, StoreError> {
    Ok(transport::Entity::find_by_id(id).one(db).await?)
}

/// The next `limit` transports of these projects that are still to happen (not delivered or
/// cancelled), scheduled at or after `now`, earliest first.
pub async fn upcoming<C: Conn>(
    db: &C,
    project_ids: &[Uuid],
    now: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<transport::Model>, StoreError> {
    if project_ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(transport::Entity::find()
        .filter(transport::Column::ProjectId.is_in(project_ids.iter().copied()))
        .filter(transport::Column::ScheduledAt.gte(now))
        .filter(transport::Column::Status.is_not_in(["DELIVERED", "CANCELLED"]))
        .order_by_asc(transport::Column::ScheduledAt)
        .order_by_asc(transport::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}

pub async fn list<C: Conn>(
    db: &C,
    project_id: Uuid,
    filter: &TransportFilter,
    page_query: &PageQuery<transport::Column>,
) -> Result<Page<transport::Model>, StoreError> {
    use transport::Column as C;
    let mut select = transport::Entity::find().filter(C::ProjectId.eq(project_id));
    if let Some(q) = filter.q.as_deref() {
        select = select.filter(
            Condition::any()
                .add(super::contains_ci(C::Description, q))
                .add(super::contains_ci(C::FromLocation, q))
                .add(super::contains_ci(C::ToLocation, q))
                .add(super::contains_ci(C::Vehicle, q)),
        );
    }
    if !filter.statuses.is_empty() {
        select = select.filter(C::Status.is_in(filter.statuses.clone()));
    }
    if !filter.types.is_empty() {
        select = select.filter(C::LogisticsType.is_in(filter.types.clone()));
    }
    if let Some(supplier) = filter.supplier_id {
        select = select.filter(C::SupplierId.eq(supplier));
    }
    if let Some(from) = filter.from {
        select = select.filter(C::ScheduledAt.gte(from));
    }
    if let Some(to) = filter.to {
        select = select.filter(C::ScheduledAt.lt(to));
    }
    let sort = page_query.sort.clone();
    fetch_page(db, select, C::Id, page_query, move |m| {
        let mut values: Vec<_> = sort
            .iter()
            .map(|key| match key.column {
                C::ScheduledAt => page::opt_ts(m.scheduled_at.as_ref()),
                C::ActualAt => page::opt_ts(m.actual_at.as_ref()),
                C::Status => page::text(&m.status),
                C::LogisticsType => page::text(&m.logistics_type),
                C::Description => page::text(&m.description),
                C::Cost => page::decimal(&m.cost.0),
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
    model: transport::Model,
    expected_version: i64,
) -> Result<bool, StoreError> {
    let id = model.id;
    let active = transport::ActiveModel::from(model).reset_all();
    super::update_versioned(
        db,
        active,
        transport::Column::Id,
        id,
        transport::Column::Version,
        expected_version,
    )
    .await
}

pub async fn delete<C: Conn>(db: &C, id: Uuid, expected_version: i64) -> Result<bool, StoreError> {
    super::delete_versioned::<transport::Entity, _>(
        db,
        transport::Column::Id,
        id,
        transport::Column::Version,
        expected_version,
    )
    .await
}

/// Count and exact cost sum of a project's transports per status.
pub async fn sums_by_status<C: Conn>(
    db: &C,
    project_id: Uuid,
) -> Result<Vec<(String, i64, rust_decimal::Decimal)>, StoreError> {
    super::sums::count_and_sum_by_status(db, "logistics", "cost", project_id).await
}

/// The BOM items a transport carries, in no particular order.
pub async fn carried_items<C: Conn>(db: &C, transport_id: Uuid) -> Result<Vec<Uuid>, StoreError> {
    Ok(transport_item::Entity::find()
        .select_only()
        .column(transport_item::Column::BomItemId)
        .filter(transport_item::Column::LogisticsId.eq(transport_id))
        .into_tuple()
        .all(db)
        .await?)
}

/// Carried items of many transports at once: `(transport_id, bom_item_id)` pairs.
pub async fn carried_items_of<C: Conn>(
    db: &C,
    transport_ids: Vec<Uuid>,
) -> Result<Vec<(Uuid, Uuid)>, StoreError> {
    if transport_ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(transport_item::Entity::find()
        .select_only()
        .column(transport_item::Column::LogisticsId)
        .column(transport_item::Column::BomItemId)
        .filter(transport_item::Column::LogisticsId.is_in(transport_ids))
        .into_tuple()
        .all(db)
        .await?)
}

/// Replaces the list of items a transport carries.
pub async fn set_carried_items<C: Conn>(
    db: &C,
    transport_id: Uuid,
    items: &[Uuid],
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    transport_item::Entity::delete_many()
        .filter(transport_item::Column::LogisticsId.eq(transport_id))
        .exec(db)
        .await?;
    if items.is_empty() {
        return Ok(());
    }
    let rows: Vec<transport_item::ActiveModel> = items
        .iter()
        .map(|item| {
            transport_item::ActiveModel::from(transport_item::Model {
                logistics_id: transport_id,
                bom_item_id: *item,
                created_at: at,
            })
        })
        .collect();
    transport_item::Entity::insert_many(rows)
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// How many of `ids` are BOM items of `project_id` (to check a carried-items list).
pub async fn count_items_in_project<C: Conn>(
    db: &C,
    project_id: Uuid,
    ids: Vec<Uuid>,
) -> Result<u64, StoreError> {
    use sea_orm::PaginatorTrait;
    Ok(bom_item::Entity::find()
        .filter(bom_item::Column::ProjectId.eq(project_id))
        .filter(bom_item::Column::Id.is_in(ids))
        .count(db)
        .await?)
}
