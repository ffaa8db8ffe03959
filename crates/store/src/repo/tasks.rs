//! Tasks and their finish-to-start dependencies.

use chrono::NaiveDate;
use sea_orm::sea_query::{Condition, Expr, ExprTrait, Query};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use super::page::{self, Page, PageQuery, SortKind, fetch_page};
use super::projects::{Visibility, in_visible_projects};
use crate::entity::{task, task_dependency};
use crate::{Conn, StoreError};

use eventmgr_domain::kinds::PRIORITIES;

/// Which tasks a list shows: one project's, or those of every project the caller sees.
#[derive(Debug, Clone, Copy)]
pub enum TaskScope {
    Project(Uuid),
    Visible(Visibility),
}

#[derive(Debug, Clone, Default)]
pub struct TaskFilter {
    pub q: Option<String>,
    pub statuses: Vec<String>,
    pub priorities: Vec<String>,
    pub assignee_id: Option<Uuid>,
    /// Only tasks nobody is assigned to.
    pub unassigned: bool,
    pub workflow_stage_id: Option<Uuid>,
    pub due_before: Option<NaiveDate>,
    pub due_after: Option<NaiveDate>,
    /// Due before this day and not DONE.
    pub overdue_on: Option<NaiveDate>,
}

pub fn sort_column(field: &str) -> Option<(task::Column, SortKind)> {
    use task::Column as C;
    match field {
        "title" => Some((C::Title, SortKind::Text)),
        "status" => Some((C::Status, SortKind::Text)),
        "priority" => Some((C::Priority, SortKind::Ranked(&PRIORITIES))),
        "due_date" => Some((C::DueDate, SortKind::DateNullsLast)),
        "start_date" => Some((C::StartDate, SortKind::DateNullsLast)),
        "created_at" => Some((C::CreatedAt, SortKind::Timestamp)),
        "updated_at" => Some((C::UpdatedAt, SortKind::Timestamp)),
        _ => None,
    }
}

pub async fn insert<C: Conn>(db: &C, model: task::Model) -> Result<(), StoreError> {
    super::insert(db, task::ActiveModel::from(model)).await
}

pub async fn find<C: Conn>(db: &C, id: Uuid) -> Result<Option<task::Model>, StoreError> {
    Ok(task::Entity::find_by_id(id).one(db).await?)
}

/// The task, locked for the rest of the transaction on PostgreSQL (`FOR UPDATE`), for a write
/// that saves it under the version read here: without the lock a concurrent edit committed
/// between the read and the write made that write fail as if the caller had sent a stale
/// `If-Match`. SQLite needs no lock: its write transactions run one at a time.
pub async fn find_for_update<C: Conn>(db: &C, id: Uuid) -> Result<Option<task::Model>, StoreError> {
    let query = task::Entity::find_by_id(id);
    let query = if db.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        query.lock_exclusive()
    } else {
        query
    };
    Ok(query.one(db).await?)
}

pub async fn find_many<C: Conn>(db: &C, ids: &[Uuid]) -> Result<Vec<task::Model>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(task::Entity::find()
        .filter(task::Column::Id.is_in(ids.to_vec()))
        .all(db)
        .await?)
}

/// Count and summed estimated hours of a project's tasks, per status.
pub async fn hours_by_status<C: Conn>(
    db: &C,
    project_id: Uuid,
) -> Result<Vec<(String, i64, rust_decimal::Decimal)>, StoreError> {
    super::sums::count_and_sum_by_status(db, "tasks", "estimated_hours", project_id).await
}

/// How many of a project's tasks are not DONE and were due before `today`.
pub async fn overdue_count<C: Conn>(
    db: &C,
    project_id: Uuid,
    today: NaiveDate,
) -> Result<i64, StoreError> {
    use sea_orm::PaginatorTrait;
    let n = task::Entity::find()
        .filter(task::Column::ProjectId.eq(project_id))
        .filter(task::Column::Status.ne("DONE"))
        .filter(task::Column::DueDate.lt(today))
        .count(db)
        .await?;
    Ok(i64::try_from(n).unwrap_or(i64::MAX))
}

pub async fn all_of_project<C: Conn>(
    db: &C,
    project_id: Uuid,
) -> Result<Vec<task::Model>, StoreError> {
    Ok(task::Entity::find()
        .filter(task::Column::ProjectId.eq(project_id))
        .order_by_asc(task::Column::CreatedAt)
        .order_by_asc(task::Column::Id)
        .all(db)
        .await?)
}

pub async fn list<C: Conn>(
    db: &C,
    scope: TaskScope,
    filter: &TaskFilter,
    page_query: &PageQuery<task::Column>,
) -> Result<Page<task::Model>, StoreError> {
    use task::Column as C;
    let sort = page_query.sort.clone();
    fetch_page(db, filtered(scope, filter), C::Id, page_query, move |m| {
        let mut values: Vec<_> = sort
            .iter()
            .map(|key| match key.column {
                C::Title => page::text(&m.title),
                C::Status => page::text(&m.status),
                C::Priority => page::ranked(&PRIORITIES, &m.priority),
                C::DueDate => page::opt_date(m.due_date.as_ref()),
                C::StartDate => page::opt_date(m.start_date.as_ref()),
                C::UpdatedAt => page::ts(&m.updated_at),
                _ => page::ts(&m.created_at),
            })
            .collect();
        values.push(page::id(&m.id));
        values
    })
    .await
}

/// The tasks of `scope` that pass `filter`, unordered.
fn filtered(scope: TaskScope, filter: &TaskFilter) -> sea_orm::Select<task::Entity> {
    use task::Column as C;
    let mut select = match scope {
        TaskScope::Project(project_id) => task::Entity::find().filter(C::ProjectId.eq(project_id)),
        TaskScope::Visible(visibility) => {
            task::Entity::find().filter(in_visible_projects(C::ProjectId, visibility))
        }
    };
    if let Some(q) = filter.q.as_deref() {
        select = select.filter(
            Condition::any()
                .add(super::contains_ci(C::Title, q))
                .add(super::contains_ci(C::Description, q)),
        );
    }
    if !filter.statuses.is_empty() {
        select = select.filter(C::Status.is_in(filter.statuses.clone()));
    }
    if !filter.priorities.is_empty() {
        select = select.filter(C::Priority.is_in(filter.priorities.clone()));
    }
    if let Some(assignee) = filter.assignee_id {
        select = select.filter(C::AssigneeId.eq(assignee));
    }
    if filter.unassigned {
        select = select.filter(C::AssigneeId.is_null());
    }
    if let Some(stage) = filter.workflow_stage_id {
        select = select.filter(C::WorkflowStageId.eq(stage));
    }
    if let Some(before) = filter.due_before {
        select = select.filter(C::DueDate.lt(before));
    }
    if let Some(after) = filter.due_after {
        select = select.filter(C::DueDate.gt(after));
    }
    if let Some(today) = filter.overdue_on {
        select = select
            .filter(C::DueDate.lt(today))
            .filter(C::Status.ne("DONE"));
    }
    select
}

pub async fn update<C: Conn>(
    db: &C,
    model: task::Model,
    expected_version: i64,
) -> Result<bool, StoreError> {
    let id = model.id;
    let active = task::ActiveModel::from(model).reset_all();
    super::update_versioned(
        db,
        active,
        task::Column::Id,
        id,
        task::Column::Version,
        expected_version,
    )
    .await
}

pub async fn delete<C: Conn>(db: &C, id: Uuid, expected_version: i64) -> Result<bool, StoreError> {
    super::delete_versioned::<task::Entity, _>(
        db,
        task::Column::Id,
        id,
        task::Column::Version,
        expected_version,
    )
    .await
}

// --- dependencies -------------------------------------------------------------------------

/// Every dependency between tasks of the project.
pub async fn dependencies_of_project<C: Conn>(
    db: &C,
    project_id: Uuid,
) -> Result<Vec<task_dependency::Model>, StoreError> {
    Ok(task_dependency::Entity::find()
        .filter(
            task_dependency::Column::TaskId.in_subquery(
                Query::select()
                    .column(task::Column::Id)
                    .from(task::Entity)
                    .and_where(Expr::col(task::Column::ProjectId).eq(project_id))
                    .to_owned(),
            ),
        )
        .order_by_asc(task_dependency::Column::CreatedAt)
        .all(db)
        .await?)
}

/// The tasks `task_id` depends on (its predecessors).
pub async fn dependencies_of<C: Conn>(
    db: &C,
    task_id: Uuid,
) -> Result<Vec<task_dependency::Model>, StoreError> {
    Ok(task_dependency::Entity::find()
        .filter(task_dependency::Column::TaskId.eq(task_id))
        .order_by_asc(task_dependency::Column::CreatedAt)
        .all(db)
        .await?)
}

pub async fn insert_dependency<C: Conn>(
    db: &C,
    model: task_dependency::Model,
) -> Result<(), StoreError> {
    super::insert(db, task_dependency::ActiveModel::from(model)).await
}

/// Removes one dependency; false when there was none.
pub async fn delete_dependency<C: Conn>(
    db: &C,
    task_id: Uuid,
    depends_on_id: Uuid,
) -> Result<bool, StoreError> {
    let result = task_dependency::Entity::delete_many()
        .filter(task_dependency::Column::TaskId.eq(task_id))
        .filter(task_dependency::Column::DependsOnId.eq(depends_on_id))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// The tasks `task_id` depends on that are not DONE: what keeps it from being finished.
pub async fn undone_predecessors<C: Conn>(
    db: &C,
    task_id: Uuid,
) -> Result<Vec<task::Model>, StoreError> {
    Ok(task::Entity::find()
        .filter(
            task::Column::Id.in_subquery(
                Query::select()
                    .column(task_dependency::Column::DependsOnId)
                    .from(task_dependency::Entity)
                    .and_where(Expr::col(task_dependency::Column::TaskId).eq(task_id))
                    .to_owned(),
            ),
        )
        .filter(task::Column::Status.ne("DONE"))
        .order_by_asc(task::Column::Title)
        .all(db)
        .await?)
}

#[cfg(test)]
mod tests {
    use sea_orm::{ConnectionTrait, DatabaseBackend, QueryTrait, Statement};
    use uuid::Uuid;

    use super::{TaskFilter, TaskScope, filtered, sort_column};
    use crate::entity::task;
    use crate::repo::page::{PageQuery, SortKey, page_select};
    use crate::repo::projects::Visibility;
    use crate::{PoolSettings, Store};

    /// The list's default sort, `due_date,-priority`, as the app parses it.
    fn default_order() -> PageQuery<task::Column> {
        let key = |field: &str, descending: bool| {
            let (column, kind) = sort_column(field).unwrap();
            SortKey {
                column,
                descending,
                kind,
            }
        };
        PageQuery {
            sort: vec![key("due_date", false), key("priority", true)],
            after: None,
            limit: 50,
        }
    }

    /// The plan of the first page of every visible project's tasks (an administrator's),
    /// as the database would run it; on PostgreSQL with sorting made prohibitively costly,
    /// so that the plan shows whether the index *can* give the order (an empty table would
    /// otherwise be sorted whatever indexes exist).
    async fn first_page_plan(store: &Store) -> String {
        let backend = store.conn().get_database_backend();
        let select = page_select(
            filtered(TaskScope::Visible(Visibility::All), &TaskFilter::default()),
            task::Column::Id,
            &default_order(),
            backend,
        )
        .unwrap();
        let query = select.build(backend);
        let txn = store.begin().await.unwrap();
        let explain = if backend == DatabaseBackend::Sqlite {
            "EXPLAIN QUERY PLAN"
        } else {
            txn.execute_unprepared("SET LOCAL enable_sort = off")
                .await
                .unwrap();
            "EXPLAIN"
        };
        let rows = txn
            .query_all_raw(Statement::from_sql_and_values(
                backend,
                format!("{explain} {}", query.sql),
                query.values.map(|v| v.0).unwrap_or_default(),
            ))
            .await
            .unwrap();
        rows.iter()
            .map(|row| {
                let column = if backend == DatabaseBackend::Sqlite {
                    "detail"
                } else {
                    "QUERY PLAN"
                };
                row.try_get::<String>("", column).unwrap()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The first page of every project's tasks walks `tasks_due_priority_order` and stops,
    /// instead of sorting all tasks: the sort's expressions must stay the index's.
    #[tokio::test]
    async fn every_projects_tasks_are_read_in_the_order_of_their_index() {
        let path = std::env::temp_dir().join(format!("eventmgr-order-{}.db", Uuid::now_v7()));
        let url = format!("sqlite://{}", path.display());
        let store = Store::connect(&url, &PoolSettings::default())
            .await
            .unwrap();
        store.migrate().await.unwrap();
        let plan = first_page_plan(&store).await;
        assert!(plan.contains("tasks_due_priority_order"), "{plan}");
        assert!(!plan.contains("TEMP B-TREE"), "{plan}");
        drop(store);
        let _ = std::fs::remove_file(&path);

        let Some(scratch) = crate::scratch::postgres("order", &PoolSettings::default()).await
        else {
            return;
        };
        scratch.store.migrate().await.unwrap();
        let plan = first_page_plan(&scratch.store).await;
        crate::scratch::remove_postgres(scratch).await;
        assert!(plan.contains("tasks_due_priority_order"), "{plan}");
        assert!(!plan.contains("Sort"), "{plan}");
    }
}
