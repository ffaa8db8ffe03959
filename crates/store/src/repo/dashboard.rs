//! Reads behind `GET /dashboard`: the same facts as a project summary, but for a handful of
//! projects at once, each in one query over all of them (`project_id IN (...)`), so the
//! dashboard costs a fixed number of queries however many productions are running.

use std::collections::HashMap;

use rust_decimal::Decimal;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Statement, Value};
use uuid::Uuid;

use super::projects::{Visibility, visible_id_list};
use super::sums::read_sum;
use crate::entity::{audit_log, permit, project};
use crate::{Conn, StoreError};

/// `$1, $2, ...` for `n` values.
fn placeholders(n: usize) -> String {
    (1..=n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
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

/// Money committed per project (every project in `project_ids` is present), from the
/// rollups the database keeps (see the `project_rollups` migration): one row per project
/// instead of a sum over each project's BOM.
pub async fn committed<C: Conn>(
    db: &C,
    project_ids: &[Uuid],
) -> Result<HashMap<Uuid, Committed>, StoreError> {
    if project_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let backend = db.get_database_backend();
    let sql = format!(
        "SELECT project_id, CAST(bom_total AS TEXT) AS bom, CAST(permits_total AS TEXT) AS permits, \
         CAST(logistics_total AS TEXT) AS logistics FROM project_rollups WHERE project_id IN ({})",
        placeholders(project_ids.len()),
    );
    let values: Vec<Value> = project_ids.iter().map(|id| (*id).into()).collect();
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?;
    let mut found = HashMap::new();
    for row in &rows {
        found.insert(
            row.try_get::<Uuid>("", "project_id")?,
            Committed {
                bom: read_sum(backend, row, "bom")?,
                permits: read_sum(backend, row, "permits")?,
                logistics: read_sum(backend, row, "logistics")?,
            },
        );
    }
    Ok(project_ids
        .iter()
        .map(|id| (*id, found.get(id).copied().unwrap_or_default()))
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
/// For members and client users see [`newest_seqs`].
pub async fn recent_changes<C: Conn>(
    db: &C,
    visibility: Visibility,
    entity_types: Option<&[&str]>,
    limit: u64,
) -> Result<Vec<audit_log::Model>, StoreError> {
    let mut query = audit_log::Entity::find().filter(audit_log::Column::Seq.is_not_null());
    query = match visible_id_list(db, visibility).await? {
        None => query.filter(Expr::exists(
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
        Some(projects) => {
            let seqs = newest_seqs(db, &projects, entity_types, limit).await?;
            if seqs.is_empty() {
                return Ok(Vec::new());
            }
            query.filter(audit_log::Column::Seq.is_in(seqs))
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

/// Projects per statement in [`newest_seqs`] (SQLite allows 500 terms in a `UNION`).
const PROJECTS_PER_UNION: usize = 200;

/// The `seq` numbers of the newest `limit` entries about `projects`, newest first: each
/// project's newest `limit` from the `(project_id, seq)` index, merged. This costs
/// `limit` index entries per project, however long the log and wherever in it the
/// projects' entries lie. At bench size M, sorting a member's 2,445 entries read in full
/// took SQLite 8 ms (now 0.2 ms), and PostgreSQL, walking the whole log backwards for
/// entries that were all old, 13 ms.
async fn newest_seqs<C: Conn>(
    db: &C,
    projects: &[Uuid],
    entity_types: Option<&[&str]>,
    limit: u64,
) -> Result<Vec<i64>, StoreError> {
    let backend = db.get_database_backend();
    let mut seqs = Vec::new();
    for chunk in projects.chunks(PROJECTS_PER_UNION) {
        let mut values: Vec<Value> = Vec::new();
        let mut param = |v: Value| {
            values.push(v);
            format!("${}", values.len())
        };
        let parts: Vec<String> = chunk
            .iter()
            .enumerate()
            .map(|(i, project)| {
                let project = param((*project).into());
                let kinds = entity_types
                    .map(|types| {
                        let list: Vec<String> = types.iter().map(|t| param((*t).into())).collect();
                        format!(" AND entity_type IN ({})", list.join(", "))
                    })
                    .unwrap_or_default();
                format!(
                    "SELECT seq FROM (SELECT seq FROM audit_log WHERE project_id = {project} \
                     AND seq IS NOT NULL{kinds} ORDER BY seq DESC LIMIT {limit}) AS newest_{i}"
                )
            })
            .collect();
        let rows = db
            .query_all_raw(Statement::from_sql_and_values(
                backend,
                parts.join(" UNION ALL "),
                values,
            ))
            .await?;
        for row in &rows {
            seqs.push(row.try_get_by_index::<i64>(0)?);
        }
    }
    seqs.sort_unstable_by(|a, b| b.cmp(a));
    seqs.truncate(limit as usize);
    Ok(seqs)
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
