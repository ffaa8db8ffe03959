//! Repositories: one module per aggregate, plain async functions over any connection.

pub mod api_tokens;
pub mod audit;
pub mod bom_items;
pub mod clients;
pub mod dashboard;
pub mod events;
pub mod files;
pub mod idempotency;
pub mod kanban;
pub mod members;
pub mod mfa;
pub mod owners;
pub mod page;
pub mod password_resets;
pub mod permits;
pub mod projects;
pub mod roles;
pub mod search;
pub mod sessions;
pub mod sums;
pub mod suppliers;
pub mod tasks;
pub mod throttle;
pub mod transports;
pub mod users;
pub mod workflow_stages;

use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr, SimpleExpr};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::{Conn, StoreError};

/// Inserts one row without `RETURNING`: on SQLite a `RETURNING` row read with `fetch_one`
/// leaves its statement open, which holds a read snapshot and stops WAL checkpoints.
pub(crate) async fn insert<A, C>(db: &C, model: A) -> Result<(), StoreError>
where
    A: ActiveModelTrait + Send,
    C: Conn,
{
    <A::Entity as EntityTrait>::insert(model)
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Writes every field of `model` if the row still has `expected_version`; false when another
/// writer got there first (or the row is gone).
pub(crate) async fn update_versioned<A, C>(
    db: &C,
    model: A,
    id_column: <A::Entity as EntityTrait>::Column,
    id: Uuid,
    version_column: <A::Entity as EntityTrait>::Column,
    expected_version: i64,
) -> Result<bool, StoreError>
where
    A: ActiveModelTrait + Send,
    C: Conn,
{
    let result = <A::Entity as EntityTrait>::update_many()
        .set(model)
        .filter(id_column.eq(id))
        .filter(version_column.eq(expected_version))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Deletes the row if it still has `expected_version`; false when another writer got there
/// first (or the row is gone).
pub(crate) async fn delete_versioned<E, C>(
    db: &C,
    id_column: E::Column,
    id: Uuid,
    version_column: E::Column,
    expected_version: i64,
) -> Result<bool, StoreError>
where
    E: EntityTrait,
    C: Conn,
{
    let result = E::delete_many()
        .filter(id_column.eq(id))
        .filter(version_column.eq(expected_version))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Case-insensitive substring match, with `%` and `_` in the needle taken literally.
/// The needle is lower-cased here (Unicode-aware); the column by the database's `LOWER`
/// (Unicode on PostgreSQL, ASCII on SQLite, which is enough for stored mixed-case text).
pub(crate) fn contains_ci<C: ColumnTrait>(column: C, needle: &str) -> SimpleExpr {
    let escaped = needle
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    Expr::expr(Func::lower(Expr::col(column)))
        .like(LikeExpr::new(format!("%{escaped}%")).escape('\\'))
}
