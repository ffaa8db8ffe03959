//! Kanban boards, their columns and cards. Columns and cards are ordered by rank strings
//! (`position`), compared bytewise: lists are sorted here in Rust rather than by the
//! database, whose text collation (PostgreSQL's locale) need not be bytewise.

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Statement};
use uuid::Uuid;

use crate::entity::{kanban_board, kanban_card, kanban_column};
use crate::{Conn, StoreError};

// --- boards ------------------------------------------------------------------------------

pub async fn insert_board<C: Conn>(db: &C, model: kanban_board::Model) -> Result<(), StoreError> {
    super::insert(db, kanban_board::ActiveModel::from(model)).await
}

pub async fn find_board<C: Conn>(
    db: &C,
    id: Uuid,
) -> Result<Option<kanban_board::Model>, StoreError> {
    Ok(kanban_board::Entity::find_by_id(id).one(db).await?)
}

pub async fn boards_of_project<C: Conn>(
    db: &C,
    project_id: Uuid,
) -> Result<Vec<kanban_board::Model>, StoreError> {
    let mut boards = kanban_board::Entity::find()
        .filter(kanban_board::Column::ProjectId.eq(project_id))
        .all(db)
        .await?;
    boards.sort_by(|a, b| a.created_at.cmp(&b.created_at).then(a.id.cmp(&b.id)));
    Ok(boards)
}

/// Serialises changes to one board's order (PostgreSQL row lock until commit; SQLite has
/// one writer already): two moves computing a position between the same neighbours would
/// otherwise collide, and the order of accepted moves must be the order they took effect.
pub async fn lock_board<C: Conn>(db: &C, board_id: Uuid) -> Result<(), StoreError> {
    let backend = db.get_database_backend();
    if backend == sea_orm::DatabaseBackend::Postgres {
        db.execute_raw(Statement::from_sql_and_values(
            backend,
            "SELECT id FROM kanban_boards WHERE id = $1 FOR UPDATE",
            [board_id.into()],
        ))
        .await?;
    }
    Ok(())
}

pub async fn update_board<C: Conn>(
    db: &C,
    model: kanban_board::Model,
    expected_version: i64,
) -> Result<bool, StoreError> {
    let id = model.id;
    let active = kanban_board::ActiveModel::from(model).reset_all();
    super::update_versioned(
        db,
        active,
        kanban_board::Column::Id,
        id,
        kanban_board::Column::Version,
        expected_version,
    )
    .await
}

/// Deletes the board; its columns and cards go with it (foreign keys cascade).
pub async fn delete_board<C: Conn>(
    db: &C,
    id: Uuid,
    expected_version: i64,
) -> Result<bool, StoreError> {
    super::delete_versioned::<kanban_board::Entity, _>(
        db,
        kanban_board::Column::Id,
        id,
        kanban_board::Column::Version,
        expected_version,
    )
    .await
}

// --- columns -----------------------------------------------------------------------------

pub async fn insert_column<C: Conn>(db: &C, model: kanban_column::Model) -> Result<(), StoreError> {
    super::insert(db, kanban_column::ActiveModel::from(model)).await
}

pub async fn find_column<C: Conn>(
    db: &C,
    id: Uuid,
) -> Result<Option<kanban_column::Model>, StoreError> {
    Ok(kanban_column::Entity::find_by_id(id).one(db).await?)
}

/// The board's columns in order.
pub async fn columns_of_board<C: Conn>(
    db: &C,
    board_id: Uuid,
) -> Result<Vec<kanban_column::Model>, StoreError> {
    let mut columns = kanban_column::Entity::find()
        .filter(kanban_column::Column::BoardId.eq(board_id))
        .all(db)
        .await?;
    columns.sort_by(|a, b| a.position.as_bytes().cmp(b.position.as_bytes()));
    Ok(columns)
}

pub async fn update_column<C: Conn>(
    db: &C,
    model: kanban_column::Model,
    expected_version: i64,
) -> Result<bool, StoreError> {
    let id = model.id;
    let active = kanban_column::ActiveModel::from(model).reset_all();
    super::update_versioned(
        db,
        active,
        kanban_column::Column::Id,
        id,
        kanban_column::Column::Version,
        expected_version,
    )
    .await
}

pub async fn delete_column<C: Conn>(
    db: &C,
    id: Uuid,
    expected_version: i64,
) -> Result<bool, StoreError> {
    super::delete_versioned::<kanban_column::Entity, _>(
        db,
        kanban_column::Column::Id,
        id,
        kanban_column::Column::Version,
        expected_version,
    )
    .await
}

/// Sets a column's position without an edit of the column (renumbering).
pub async fn set_column_position<C: Conn>(
    db: &C,
    id: Uuid,
    position: &str,
) -> Result<(), StoreError> {
    kanban_column::Entity::update_many()
        .col_expr(kanban_column::Column::Position, Expr::value(position))
        .filter(kanban_column::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

// --- cards -------------------------------------------------------------------------------

pub async fn insert_card<C: Conn>(db: &C, model: kanban_card::Model) -> Result<(), StoreError> {
    super::insert(db, kanban_card::ActiveModel::from(model)).await
}

pub async fn find_card<C: Conn>(
    db: &C,
    id: Uuid,
) -> Result<Option<kanban_card::Model>, StoreError> {
    Ok(kanban_card::Entity::find_by_id(id).one(db).await?)
}

/// The column's cards in order.
pub async fn cards_of_column<C: Conn>(
    db: &C,
    column_id: Uuid,
) -> Result<Vec<kanban_card::Model>, StoreError> {
    let mut cards = kanban_card::Entity::find()
        .filter(kanban_card::Column::ColumnId.eq(column_id))
        .all(db)
        .await?;
    cards.sort_by(|a, b| a.position.as_bytes().cmp(b.position.as_bytes()));
    Ok(cards)
}

/// Every card on the board's columns, in no particular order.
pub async fn cards_of_board<C: Conn>(
    db: &C,
    board_id: Uuid,
) -> Result<Vec<kanban_card::Model>, StoreError> {
    Ok(kanban_card::Entity::find()
        .filter(
            kanban_card::Column::ColumnId.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(kanban_column::Column::Id)
                    .from(kanban_column::Entity)
                    .and_where(Expr::col(kanban_column::Column::BoardId).eq(board_id))
                    .to_owned(),
            ),
        )
        .all(db)
        .await?)
}

pub async fn count_cards<C: Conn>(db: &C, column_id: Uuid) -> Result<u64, StoreError> {
    use sea_orm::PaginatorTrait;
    Ok(kanban_card::Entity::find()
        .filter(kanban_card::Column::ColumnId.eq(column_id))
        .count(db)
        .await?)
}

pub async fn update_card<C: Conn>(
    db: &C,
    model: kanban_card::Model,
    expected_version: i64,
) -> Result<bool, StoreError> {
    let id = model.id;
    let active = kanban_card::ActiveModel::from(model).reset_all();
    super::update_versioned(
        db,
        active,
        kanban_card::Column::Id,
        id,
        kanban_card::Column::Version,
        expected_version,
    )
    .await
}

/// Sets a card's position without an edit of the card (renumbering a column).
pub async fn set_card_position<C: Conn>(
    db: &C,
    id: Uuid,
    position: &str,
) -> Result<(), StoreError> {
    kanban_card::Entity::update_many()
        .col_expr(kanban_card::Column::Position, Expr::value(position))
        .filter(kanban_card::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn delete_card<C: Conn>(
    db: &C,
    id: Uuid,
    expected_version: i64,
) -> Result<bool, StoreError> {
    super::delete_versioned::<kanban_card::Entity, _>(
        db,
        kanban_card::Column::Id,
        id,
        kanban_card::Column::Version,
        expected_version,
    )
    .await
}
