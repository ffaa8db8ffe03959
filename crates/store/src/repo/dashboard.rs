//! Reads behind `GET /dashboard`: the same facts as a project summary, but for a handful of
//! projects at once, each in one query over all of them (`project_id IN (...)`), so the
//! dashboard costs a fixed number of queries however many productions are running.

use std::collections::HashMap;

use rust_decimal::Decimal;
use sea_orm::sea_query::{Expr, ExprTrait, Order, Query};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Statement, Value};
use uuid::Uuid;

use super::projects::{Visibility, visible_ids};
use super::sums::{money_sum, read_sum};
use crate::entity::{audit_log, permit, project};
use crate::{Conn, StoreError};

/// `$1, $2, ...` for `n` values.
fn placeholders(n: usize) -> String {
    (1..=n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Exact sum of `money_column` in `table` per project, for `project_ids` (projects without
/// rows are absent). `table` and `money_column` are fixed names from this module.
async fn money_per_project<C: Conn>(
    db: &C,
    table: &'static str,
    money_column: &'static str,
    project_ids: &[Uuid],
) -> Result<HashMap<Uuid, Decimal>, StoreError> {
    if project_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let backend = db.get_database_backend();
    let sql = format!(
        "SELECT project_id, {} AS total FROM {table} WHERE project_id IN ({}) GROUP BY project_id",
        money_sum(backend, money_column),
        placeholders(project_ids.len()),
    );
    let values: Vec<Value> = project_ids.iter().map(|id| (*id).into()).collect();
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?;
    rows.iter()
        .map(|row| {
            Ok((
                row.try_get::<Uuid>("", "project_id")?,
                read_sum(backend, row, "total")?,
            ))
        })
        .collect()
}

/// What each project has committed so far: BOM, permits and logistics.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Committed {
    pub bom: Decimal,
    pub permits: Decimal,
    pub logistics: Decimal,
}

impl Committed {
    pub fn total(&self) -> Decimal {
        self.bom + self.permits + self.logistics
    }
}

/// Money committed per project (every project in `project_ids` is present).
pub async fn committed<C: Conn>(
    db: &C,
    project_ids: &[Uuid],
) -> Result<HashMap<Uuid, Committed>, StoreError> {
    let bom = money_per_project(db, "bom_items", "total_price", project_ids).await?;
    let permits = money_per_project(db, "permits", "cost", project_ids).await?;
    let logistics = money_per_project(db, "logistics", "cost", project_ids).await?;
    Ok(project_ids
        .iter()
        .map(|id| {
            let get = |m: &HashMap<Uuid, Decimal>| m.get(id).copied().unwrap_or_default();
            (
                *id,
                Committed {
                    bom: get(&bom),
                    permits: get(&permits),
                    logistics: get(&logistics),
                },
            )
        })
        .collect())
}

/// The permits of these projects, by project and name.
pub async fn permits_of<C: Conn>(
    db: &C,
    project_ids: &[Uuid],
) -> Result<Vec<permit::Model>, StoreError> {
    if project_ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(permit::Entity::find()
        .filter(permit::Column::ProjectId.is_in(project_ids.iter().copied()))
        .order_by_asc(permit::Column::ProjectId)
        .order_by_asc(permit::Column::Name)
        .order_by_asc(permit::Column::Id)
        .all(db)
        .await?)
}

/// The latest audit entries about the projects `visibility` lets the caller see (trashed
/// projects left out), newest first; with `entity_types`, only entries about those kinds.
///
/// Ordered by the audit chain's `seq` (unique, indexed, in commit order). For a caller who
/// sees every project the filter is a correlated `EXISTS`, so the database walks `seq`
/// backwards and stops after `limit` rows; an `IN (visible projects)` filter made SQLite
/// sort the whole log first (80 ms over the 49,000 entries of bench size M, now 1 ms).
/// For members and client users the newest `seq` numbers of their projects are picked from
/// the `(project_id, seq)` index alone, and only those rows are read: sorting their
/// projects' entries in full, change JSON and all, took 8 ms at size M (now 0.2 ms).
pub async fn recent_changes<C: Conn>(
    db: &C,
    visibility: Visibility,
    entity_types: Option<&[&str]>,
    limit: u64,
) -> Result<Vec<audit_log::Model>, StoreError> {
    let mut query = audit_log::Entity::find().filter(audit_log::Column::Seq.is_not_null());
    query = match visibility {
        Visibility::All => query.filter(Expr::exists(
            Query::select()
                .expr(Expr::val(1))
                .from(project::Entity)
                .and_where(
                    Expr::col((project::Entity, project::Column::Id))
                        .equals((audit_log::Entity, audit_log::Column::ProjectId)),
                )
                .and_where(Expr::col((project::Entity, project::Column::DeletedAt)).is_null())
                .to_owned(),
        )),
        other => {
            let mut newest = Query::select();
            newest
                .column(audit_log::Column::Seq)
                .from(audit_log::Entity)
                .and_where(Expr::col(audit_log::Column::Seq).is_not_null())
                .and_where(Expr::col(audit_log::Column::ProjectId).in_subquery(visible_ids(other)));
            if let Some(types) = entity_types {
                newest.and_where(
                    Expr::col(audit_log::Column::EntityType).is_in(types.iter().copied()),
                );
            }
            newest
                .order_by(audit_log::Column::Seq, Order::Desc)
                .limit(limit);
            query.filter(Expr::col(audit_log::Column::Seq).in_subquery(newest.to_owned()))
        }
    };
    if let Some(types) = entity_types {
        query = query.filter(audit_log::Column::EntityType.is_in(types.iter().copied()));
    }
    Ok(query
        .order_by_desc(audit_log::Column::Seq)
        .limit(limit)
        .all(db)
        .await?)
}

/// The display names of records of one kind (`entity_type` as the audit log spells it), by
/// id; kinds without a name column and records that no longer exist are absent.
pub async fn names_of<C: Conn>(
    db: &C,
    entity_type: &str,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, String>, StoreError> {
    let (table, column) = match entity_type {
        "project" => ("projects", "name"),
        "bom_item" => ("bom_items", "name"),
        "task" => ("tasks", "title"),
        "permit" => ("permits", "name"),
        "transport" => ("logistics", "description"),
        "file" => ("files", "name"),
        "card" => ("kanban_cards", "title"),
        "board" => ("kanban_boards", "name"),
        "column" => ("kanban_columns", "name"),
        "workflow_stage" => ("workflow_stages", "name"),
        // A membership is named by its person (its entity id is the user's).
        "project_member" => ("users", "first_name || ' ' || last_name"),
        _ => return Ok(HashMap::new()),
    };
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let backend = db.get_database_backend();
    let sql = format!(
        "SELECT id, {column} AS name FROM {table} WHERE id IN ({})",
        placeholders(ids.len())
    );
    let values: Vec<Value> = ids.iter().map(|id| (*id).into()).collect();
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?;
    rows.iter()
        .map(|row| Ok((row.try_get("", "id")?, row.try_get("", "name")?)))
        .collect()
}
