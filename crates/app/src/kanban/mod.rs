//! Kanban: boards per project, ordered columns (colour, optional WIP limit, optional task
//! status they stand for) and ordered cards (optionally linked to a task).
//!
//! Order is kept by rank strings (`eventmgr_domain::rank`): a move computes one key between
//! its new neighbours and writes one row. Every change to a board's order runs under the
//! board's lock, so concurrent moves apply one after another, each against the order the
//! previous one left; a move whose named neighbours are no longer neighbours is a 409
//! rather than a guess.

mod cards;
mod columns;
mod order;

use chrono::{DateTime, Utc};
use eventmgr_domain::{Validator, text};
use eventmgr_store::entity::{kanban_board, kanban_card, kanban_column, task};
use eventmgr_store::repo::{kanban, tasks};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::access::{self, Need, Owned};
use crate::audit::{self, Change};
use crate::live;
use crate::patch::nullable;
use crate::{Actor, App, AppError};

pub use cards::{CardList, CardOut, CreateCard, LinkedTask, MoveCard, UpdateCard};
pub use columns::{ColumnList, ColumnOut, CreateColumn, UpdateColumn};

/// The columns a new board gets unless the request names others, with the task status
/// each stands for.
pub const DEFAULT_COLUMNS: [(&str, &str, &str); 4] = [
    ("To do", "#868E96", "TODO"),
    ("In progress", "#228BE6", "IN_PROGRESS"),
    ("Review", "#FAB005", "REVIEW"),
    ("Done", "#40C057", "DONE"),
];

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct BoardOut {
    pub id: Uuid,
    pub project_id: Uuid,
    pub name: String,
    pub description: Option<String>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The columns in order with their cards in order (single-board reads only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub columns: Option<Vec<ColumnOut>>,
}

impl From<kanban_board::Model> for BoardOut {
    fn from(m: kanban_board::Model) -> Self {
        BoardOut {
            id: m.id,
            project_id: m.project_id,
            name: m.name,
            description: m.description,
            version: m.version,
            created_at: m.created_at,
            updated_at: m.updated_at,
            columns: None,
        }
    }
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "Build-up week"}))]
pub struct CreateBoard {
    pub name: String,
    pub description: Option<String>,
    /// Names of the columns, in order; default: To do, In progress, Review, Done (mapped
    /// to the task statuses).
    pub columns: Option<Vec<String>>,
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateBoard {
    pub name: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub description: Option<Option<String>>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct BoardList {
    pub items: Vec<BoardOut>,
}

/// A board has at most this many columns.
const MAX_COLUMNS: usize = 30;

/// Linked tasks by id, for showing their live title, status and assignee on cards.
async fn linked_tasks<C: eventmgr_store::Conn>(
    db: &C,
    cards: &[kanban_card::Model],
) -> Result<Vec<task::Model>, AppError> {
    let ids: Vec<Uuid> = cards.iter().filter_map(|c| c.task_id).collect();
    Ok(tasks::find_many(db, &ids).await?)
}

async fn board_view<C: eventmgr_store::Conn>(
    db: &C,
    board: kanban_board::Model,
) -> Result<BoardOut, AppError> {
    let columns = kanban::columns_of_board(db, board.id).await?;
    let mut cards = kanban::cards_of_board(db, board.id).await?;
    cards.sort_by(|a, b| a.position.as_bytes().cmp(b.position.as_bytes()));
    let linked = linked_tasks(db, &cards).await?;
    let columns_out = columns
        .into_iter()
        .map(|column| {
            let in_column: Vec<CardOut> = cards
                .iter()
                .filter(|c| c.column_id == column.id)
                .map(|c| CardOut::with_task(c.clone(), &linked))
                .collect();
            ColumnOut::from_model(column, in_column.len() as u64, Some(in_column))
        })
        .collect();
    let mut out = BoardOut::from(board);
    out.columns = Some(columns_out);
    Ok(out)
}

fn column_model(
    board_id: Uuid,
    name: String,
    color: &str,
    maps_to_status: Option<&str>,
    position: String,
    at: DateTime<Utc>,
) -> kanban_column::Model {
    kanban_column::Model {
        id: Uuid::now_v7(),
        board_id,
        name,
        color: color.to_owned(),
        wip_limit: None,
        position,
        maps_to_status: maps_to_status.map(str::to_owned),
        version: 1,
        created_at: at,
        updated_at: at,
    }
}

impl App {
    pub async fn create_board(
        &self,
        actor: &Actor,
        project_id: Uuid,
        input: CreateBoard,
    ) -> Result<BoardOut, AppError> {
        let mut v = Validator::new();
        let name = v.check(text::required("name", &input.name, 200));
        let description = v.optional(input.description.as_deref(), |r| {
            text::optional("description", r, 10_000)
        });
        let at = eventmgr_store::now();
        let board = kanban_board::Model {
            id: Uuid::now_v7(),
            project_id,
            name: name.unwrap_or_default(),
            description,
            version: 1,
            created_at: at,
            updated_at: at,
        };
        let columns: Vec<kanban_column::Model> = match input.columns {
            None => {
                let keys = eventmgr_domain::rank::spread(DEFAULT_COLUMNS.len());
                DEFAULT_COLUMNS
                    .iter()
                    .zip(keys)
                    .map(|((name, color, status), key)| {
                        column_model(board.id, (*name).to_owned(), color, Some(status), key, at)
                    })
                    .collect()
            }
            Some(names) => {
                if names.len() > MAX_COLUMNS {
                    v.push(eventmgr_domain::FieldError::new(
                        "columns",
                        "too_many",
                        format!("a board has at most {MAX_COLUMNS} columns"),
                    ));
                }
                let keys = eventmgr_domain::rank::spread(names.len());
                names
                    .iter()
                    .zip(keys)
                    .enumerate()
                    .filter_map(|(i, (n, key))| {
                        v.check(text::required(&format!("columns[{i}]"), n, 100))
                            .map(|name| column_model(board.id, name, "#868E96", None, key, at))
                    })
                    .collect()
            }
        };
        let txn = self.store.begin().await?;
        access::guard(&txn, actor, project_id, Need::Write, false).await?;
        v.finish()?;
        kanban::insert_board(&txn, board.clone()).await?;
        for column in &columns {
            kanban::insert_column(&txn, column.clone()).await?;
        }
        audit::record(
            &txn,
            actor,
            Change {
                action: "board.create",
                entity_type: "board",
                entity_id: board.id,
                project_id: Some(project_id),
                changes: serde_json::to_value(BoardOut::from(board.clone())).ok(),
            },
        )
        .await?;
        live::emit(&txn, project_id, "board.created", board.id, Some(1)).await?;
        let out = board_view(&txn, board).await?;
        txn.commit().await?;
        self.announce();
        Ok(out)
    }

    pub async fn list_boards(
        &self,
        actor: &Actor,
        project_id: Uuid,
    ) -> Result<Vec<BoardOut>, AppError> {
        let db = self.store.conn();
        access::guard(db, actor, project_id, Need::Read, false).await?;
        Ok(kanban::boards_of_project(db, project_id)
            .await?
            .into_iter()
            .map(BoardOut::from)
            .collect())
    }

    /// The whole board: columns in order, each with its cards in order.
    pub async fn get_board(&self, actor: &Actor, id: Uuid) -> Result<BoardOut, AppError> {
        let db = self.store.conn();
        access::guard_owned(db, actor, Owned::Board, id, Need::Read).await?;
        let board = kanban::find_board(db, id)
            .await?
            .ok_or(AppError::NotFound("board"))?;
        board_view(db, board).await
    }

    pub async fn update_board(
        &self,
        actor: &Actor,
        id: Uuid,
        expected_version: Option<i64>,
        input: UpdateBoard,
    ) -> Result<BoardOut, AppError> {
        let txn = self.store.begin().await?;
        access::guard_owned(&txn, actor, Owned::Board, id, Need::Write).await?;
        let current = kanban::find_board(&txn, id)
            .await?
            .ok_or(AppError::NotFound("board"))?;
        audit::check_version(expected_version, current.version)?;
        let mut v = Validator::new();
        let mut next = current.clone();
        if let Some(raw) = input.name.as_deref()
            && let Some(name) = v.check(text::required("name", raw, 200))
        {
            next.name = name;
        }
        if let Some(value) = input.description {
            next.description = v.optional(value.as_deref(), |r| {
                text::optional("description", r, 10_000)
            });
        }
        v.finish()?;
        next.version = current.version + 1;
        next.updated_at = eventmgr_store::now();
        audit::written(
            kanban::update_board(&txn, next.clone(), current.version).await?,
            current.version,
        )?;
        let changes = audit::diff_of(&BoardOut::from(current), &BoardOut::from(next.clone()));
        audit::record(
            &txn,
            actor,
            Change {
                action: "board.update",
                entity_type: "board",
                entity_id: id,
                project_id: Some(next.project_id),
                changes: Some(changes),
            },
        )
        .await?;
        live::emit(
            &txn,
            next.project_id,
            "board.updated",
            id,
            Some(next.version),
        )
        .await?;
        txn.commit().await?;
        self.announce();
        Ok(next.into())
    }

    /// Deletes the board with its columns and cards (linked tasks stay).
    pub async fn delete_board(
        &self,
        actor: &Actor,
        id: Uuid,
        expected_version: Option<i64>,
    ) -> Result<(), AppError> {
        let txn = self.store.begin().await?;
        access::guard_owned(&txn, actor, Owned::Board, id, Need::Write).await?;
        let current = kanban::find_board(&txn, id)
            .await?
            .ok_or(AppError::NotFound("board"))?;
        audit::check_version(expected_version, current.version)?;
        let card_count = kanban::cards_of_board(&txn, id).await?.len();
        audit::written(
            kanban::delete_board(&txn, id, current.version).await?,
            current.version,
        )?;
        let mut changes = serde_json::to_value(BoardOut::from(current.clone())).unwrap_or_default();
        if let Some(object) = changes.as_object_mut() {
            object.insert("cards_deleted".to_owned(), card_count.into());
        }
        audit::record(
            &txn,
            actor,
            Change {
                action: "board.delete",
                entity_type: "board",
                entity_id: id,
                project_id: Some(current.project_id),
                changes: Some(changes),
            },
        )
        .await?;
        live::emit(&txn, current.project_id, "board.deleted", id, None).await?;
        txn.commit().await?;
        self.announce();
        Ok(())
    }
}
