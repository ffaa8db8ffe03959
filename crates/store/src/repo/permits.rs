//! Permits: authority approvals per project.

use chrono::NaiveDate;
use sea_orm::sea_query::Condition;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::page::{self, Page, PageQuery, SortKind, fetch_page};
use crate::entity::permit;
use crate::{Conn, StoreError};

#[derive(Debug, Clone, Default)]
pub struct PermitFilter {
    pub q: Option<String>,
    pub statuses: Vec<String>,
    pub types: Vec<String>,
    /// Permits with an expiry date before this day.
    pub expiring_before: Option<NaiveDate>,
}

pub fn sort_column(field: &str) -> Option<(permit::Column, SortKind)> {
    use permit::Column as C;
    match field {
        "name" => Some((C::Name, SortKind::Text)),
        "status" => Some((C::Status, SortKind::Text)),
        "permit_type" => Some((C::PermitType, SortKind::Text)),
        "application_date" => Some((C::ApplicationDate, SortKind::DateNullsLast)),
        "approval_date" => Some((C::ApprovalDate, SortKind::DateNullsLast)),
        "expiry_date" => Some((C::ExpiryDate, SortKind::DateNullsLast)),
        "cost" => Some((C::Cost, SortKind::Decimal)),
        "created_at" => Some((C::CreatedAt, SortKind::Timestamp)),
        "updated_at" => Some((C::UpdatedAt, SortKind::Timestamp)),
        _ => None,
    }
}

pub async fn insert<C: Conn>(db: &C, model: permit::Model) -> Result<(), StoreError> {
    super::insert(db, permit::ActiveModel::from(model)).await
}

pub async fn find<C: Conn>(db: &C, id: Uuid) -> Result<Option<permit::Model>, StoreError> {
    Ok(permit::Entity::find_by_id(id).one(db).await?)
}

pub async fn all_of_project<C: Conn>(
    db: &C,
    project_id: Uuid,
) -> Result<Vec<permit::Model>, StoreError> {
    Ok(permit::Entity::find()
        .filter(permit::Column::ProjectId.eq(project_id))
        .order_by_asc(permit::Column::Name)
        .order_by_asc(permit::Column::Id)
        .all(db)
        .await?)
}

pub async fn list<C: Conn>(
    db: &C,
    project_id: Uuid,
    filter: &PermitFilter,
    page_query: &PageQuery<permit::Column>,
) -> Result<Page<permit::Model>, StoreError> {
    use permit::Column as C;
    let mut select = permit::Entity::find().filter(C::ProjectId.eq(project_id));
    if let Some(q) = filter.q.as_deref() {
        select = select.filter(
            Condition::any()
                .add(super::contains_ci(C::Name, q))
                .add(super::contains_ci(C::Authority, q))
                .add(super::contains_ci(C::ReferenceNumber, q)),
        );
    }
    if !filter.statuses.is_empty() {
        select = select.filter(C::Status.is_in(filter.statuses.clone()));
    }
    if !filter.types.is_empty() {
        select = select.filter(C::PermitType.is_in(filter.types.clone()));
    }
    if let Some(before) = filter.expiring_before {
        select = select.filter(C::ExpiryDate.lt(before));
    }
    let sort = page_query.sort.clone();
    fetch_page(db, select, C::Id, page_query, move |m| {
        let mut values: Vec<_> = sort
            .iter()
            .map(|key| match key.column {
                C::Name => page::text(&m.name),
                C::Status => page::text(&m.status),
                C::PermitType => page::text(&m.permit_type),
                C::ApplicationDate => page::opt_date(m.application_date.as_ref()),
                C::ApprovalDate => page::opt_date(m.approval_date.as_ref()),
                C::ExpiryDate => page::opt_date(m.expiry_date.as_ref()),
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
    model: permit::Model,
    expected_version: i64,
) -> Result<bool, StoreError> {
    let id = model.id;
    let active = permit::ActiveModel::from(model).reset_all();
    super::update_versioned(
        db,
        active,
        permit::Column::Id,
        id,
        permit::Column::Version,
        expected_version,
    )
    .await
}

pub async fn delete<C: Conn>(db: &C, id: Uuid, expected_version: i64) -> Result<bool, StoreError> {
    super::delete_versioned::<permit::Entity, _>(
        db,
        permit::Column::Id,
        id,
        permit::Column::Version,
        expected_version,
    )
    .await
}

/// Count and exact cost sum of a project's permits per status.
pub async fn sums_by_status<C: Conn>(
    db: &C,
    project_id: Uuid,
) -> Result<Vec<(String, i64, rust_decimal::Decimal)>, StoreError> {
    super::sums::count_and_sum_by_status(db, "permits", "cost", project_id).await
}
