//! Projects (events), with the visibility rule applied in SQL.

use chrono::NaiveDate;
use sea_orm::sea_query::{Condition, Expr, ExprTrait, IntoCondition, Query, SimpleExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, JoinType, QueryFilter, QuerySelect, RelationDef,
};
use uuid::Uuid;

use super::page::{self, Page, PageQuery, SortKind, fetch_page};
use crate::entity::{project, project_member};
use crate::{Conn, StoreError};

pub use project::Column as ProjectColumn;

/// Which projects a caller may see at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    /// Administrators.
    All,
    /// Projects the user is a member of.
    MemberOf(Uuid),
    /// Projects of the client a client-role user belongs to.
    OfClient(Uuid),
}

#[derive(Debug, Clone, Default)]
pub struct ProjectFilter {
    pub statuses: Vec<String>,
    pub client_id: Option<Uuid>,
    pub manager_id: Option<Uuid>,
    /// Events that overlap `[from, to]`: ending on or after `from`, starting on or before `to`.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub q: Option<String>,
    pub deleted: bool,
}

pub fn sort_column(field: &str) -> Option<(project::Column, SortKind)> {
    match field {
        "name" => Some((project::Column::Name, SortKind::Text)),
        "start_date" => Some((project::Column::StartDate, SortKind::Date)),
        "end_date" => Some((project::Column::EndDate, SortKind::Date)),
        "status" => Some((project::Column::Status, SortKind::Text)),
        "created_at" => Some((project::Column::CreatedAt, SortKind::Timestamp)),
        "updated_at" => Some((project::Column::UpdatedAt, SortKind::Timestamp)),
        _ => None,
    }
}

fn visible(visibility: Visibility) -> Condition {
    match visibility {
        Visibility::All => Condition::all(),
        Visibility::MemberOf(user_id) => Condition::all().add(
            project::Column::Id.in_subquery(
                Query::select()
                    .column(project_member::Column::ProjectId)
                    .from(project_member::Entity)
                    .and_where(Expr::col(project_member::Column::UserId).eq(user_id))
                    .to_owned(),
            ),
        ),
        Visibility::OfClient(client_id) => {
            Condition::all().add(project::Column::ClientId.eq(client_id))
        }
    }
}

/// The ids of the live (not trashed) projects a caller may see, as a subquery.
pub fn visible_ids(visibility: Visibility) -> sea_orm::sea_query::SelectStatement {
    let mut query = Query::select();
    query
        .column(project::Column::Id)
        .from(project::Entity)
        .and_where(Expr::col(project::Column::DeletedAt).is_null());
    match visibility {
        Visibility::All => {}
        Visibility::MemberOf(user_id) => {
            query.and_where(
                Expr::col(project::Column::Id).in_subquery(
                    Query::select()
                        .column(project_member::Column::ProjectId)
                        .from(project_member::Entity)
                        .and_where(Expr::col(project_member::Column::UserId).eq(user_id))
                        .to_owned(),
                ),
            );
        }
        Visibility::OfClient(client_id) => {
            query.and_where(Expr::col(project::Column::ClientId).eq(client_id));
        }
    }
    query.to_owned()
}

/// "`column` is a project the caller may see" for rows of other tables (tasks of every
/// visible project). For administrators it is written as "not in a trashed project": that
/// leaves no constraint on `column`, so both databases walk an index in the list's order
/// and stop after a page; as "in the live projects" SQLite searched each of the 1,000
/// projects' rows and sorted all 200,000 tasks for a page (320 ms at size L).
pub fn in_visible_projects<C: ColumnTrait>(column: C, visibility: Visibility) -> SimpleExpr {
    match visibility {
        Visibility::All => column.not_in_subquery(
            Query::select()
                .column(project::Column::Id)
                .from(project::Entity)
                .and_where(Expr::col(project::Column::DeletedAt).is_not_null())
                .to_owned(),
        ),
        other => column.in_subquery(visible_ids(other)),
    }
}

/// The ids of the projects `visibility` lets a caller see, or `None` for every project
/// (administrators: the list would be the whole table).
pub async fn visible_id_list<C: Conn>(
    db: &C,
    visibility: Visibility,
) -> Result<Option<Vec<Uuid>>, StoreError> {
    if matches!(visibility, Visibility::All) {
        return Ok(None);
    }
    let statement = db.get_database_backend().build(&visible_ids(visibility));
    let rows = db.query_all_raw(statement).await?;
    let ids = rows
        .iter()
        .map(|row| row.try_get_by_index::<Uuid>(0))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Some(ids))
}

pub async fn insert<C: Conn>(db: &C, model: project::Model) -> Result<(), StoreError> {
    super::insert(db, project::ActiveModel::from(model)).await
}

/// A project if it exists and the caller may see it (trashed ones only on request), with the
/// membership of `member` in the same query (a left join): the project-access guard needs
/// both on every project-scoped request.
pub async fn find_visible_with_member<C: Conn>(
    db: &C,
    id: Uuid,
    visibility: Visibility,
    include_deleted: bool,
    member: Uuid,
) -> Result<Option<(project::Model, Option<project_member::Model>)>, StoreError> {
    visible_with_member(
        db,
        project::Column::Id.eq(id),
        visibility,
        include_deleted,
        member,
    )
    .await
}

/// [`find_visible_with_member`] for the project that the record `id` of kind `owner` belongs
/// to (not trashed), in the same one query: the guard of `/bom-items/{id}`, `/cards/{id}`, …
/// used to ask for the record's project first, one statement more on every such request.
pub async fn find_visible_with_member_of<C: Conn>(
    db: &C,
    owner: super::owners::Owner,
    id: Uuid,
    visibility: Visibility,
    member: Uuid,
) -> Result<Option<(project::Model, Option<project_member::Model>)>, StoreError> {
    // `owner.sql()` is fixed text per kind with one parameter, the record's id, written `$1`;
    // inside a built query the parameter takes the builder's own mark (`?` for SQLite).
    let record_project = match db.get_database_backend() {
        sea_orm::DbBackend::Postgres => owner.sql().to_owned(),
        _ => owner.sql().replace("$1", "?"),
    };
    let of_record =
        Expr::cust_with_values(format!(r#""projects"."id" = ({record_project})"#), [id]);
    visible_with_member(db, of_record, visibility, false, member).await
}

async fn visible_with_member<C: Conn>(
    db: &C,
    which: SimpleExpr,
    visibility: Visibility,
    include_deleted: bool,
    member: Uuid,
) -> Result<Option<(project::Model, Option<project_member::Model>)>, StoreError> {
    let membership = RelationDef::from(
        project_member::Entity::belongs_to(project::Entity)
            .from(project_member::Column::ProjectId)
            .to(project::Column::Id),
    )
    .rev()
    .on_condition(move |_, member_table| {
        Expr::col((member_table, project_member::Column::UserId))
            .eq(member)
            .into_condition()
    });
    let mut query = project::Entity::find()
        .filter(which)
        .filter(visible(visibility))
        .join(JoinType::LeftJoin, membership)
        .select_also(project_member::Entity);
    if !include_deleted {
        query = query.filter(project::Column::DeletedAt.is_null());
    }
    Ok(query.one(db).await?)
}

pub async fn list<C: Conn>(
    db: &C,
    visibility: Visibility,
    filter: &ProjectFilter,
    page_query: &PageQuery<project::Column>,
) -> Result<Page<project::Model>, StoreError> {
    let mut select =
        project::Entity::find()
            .filter(visible(visibility))
            .filter(if filter.deleted {
                project::Column::DeletedAt.is_not_null()
            } else {
                project::Column::DeletedAt.is_null()
            });
    if !filter.statuses.is_empty() {
        select = select.filter(project::Column::Status.is_in(filter.statuses.clone()));
    }
    if let Some(id) = filter.client_id {
        select = select.filter(project::Column::ClientId.eq(id));
    }
    if let Some(id) = filter.manager_id {
        select = select.filter(project::Column::ManagerId.eq(id));
    }
    if let Some(from) = filter.from {
        select = select.filter(project::Column::EndDate.gte(from));
    }
    if let Some(to) = filter.to {
        select = select.filter(project::Column::StartDate.lte(to));
    }
    if let Some(q) = filter.q.as_deref() {
        select = select.filter(
            Condition::any()
                .add(super::contains_ci(project::Column::Name, q))
                .add(super::contains_ci(project::Column::Venue, q))
                .add(super::contains_ci(project::Column::Location, q))
                .add(super::contains_ci(project::Column::Description, q)),
        );
    }
    let sort = page_query.sort.clone();
    fetch_page(db, select, project::Column::Id, page_query, move |m| {
        let mut values: Vec<_> = sort
            .iter()
            .map(|key| match key.column {
                project::Column::Name => page::text(&m.name),
                project::Column::Status => page::text(&m.status),
                project::Column::StartDate => page::date(&m.start_date),
                project::Column::EndDate => page::date(&m.end_date),
                project::Column::UpdatedAt => page::ts(&m.updated_at),
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
    model: project::Model,
    expected_version: i64,
) -> Result<bool, StoreError> {
    let id = model.id;
    let active = project::ActiveModel::from(model).reset_all();
    super::update_versioned(
        db,
        active,
        project::Column::Id,
        id,
        project::Column::Version,
        expected_version,
    )
    .await
}

/// Serialises writers that change the shape of a project's BOM tree (moves, deletes,
/// imports): without it, two concurrent moves on PostgreSQL could each pass the cycle check
/// and together close a cycle. SQLite already runs one writer at a time (`BEGIN IMMEDIATE`).
pub async fn lock_for_tree_change<C: Conn>(db: &C, project_id: Uuid) -> Result<(), StoreError> {
    let backend = db.get_database_backend();
    if backend == sea_orm::DatabaseBackend::Postgres {
        db.execute_raw(sea_orm::Statement::from_sql_and_values(
            backend,
            "SELECT id FROM projects WHERE id = $1 FOR UPDATE",
            [project_id.into()],
        ))
        .await?;
    }
    Ok(())
}

/// The names of these projects (trashed ones included), by id.
pub async fn names_of<C: Conn>(
    db: &C,
    ids: Vec<Uuid>,
) -> Result<std::collections::HashMap<Uuid, String>, StoreError> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
    if ids.is_empty() {
        return Ok(std::collections::HashMap::new());
    }
    let mut ids = ids;
    ids.sort();
    ids.dedup();
    let rows: Vec<(Uuid, String)> = project::Entity::find()
        .select_only()
        .column(project::Column::Id)
        .column(project::Column::Name)
        .filter(project::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}
