//! Board columns: name, colour `#RRGGBB`, optional WIP limit, optional task status the
//! column stands for (`maps_to_status`: moving a linked card in sets its task's status).

use chrono::{DateTime, Utc};
use eventmgr_domain::{FieldError, Status, TaskStatus, Validator, text};
use eventmgr_store::Conn;
use eventmgr_store::entity::kanban_column;
use eventmgr_store::repo::kanban;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::cards::CardOut;
use super::order::{Placement, place, temporary_key};
use crate::access::{self, Need, Owned};
use crate::audit::{self, Change};
use crate::live;
use crate::patch::nullable;
use crate::{Actor, App, AppError};

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ColumnOut {
    pub id: Uuid,
    pub board_id: Uuid,
    pub name: String,
    #[schema(example = "#228BE6")]
    pub color: String,
    pub wip_limit: Option<i32>,
    #[schema(example = "IN_PROGRESS")]
    pub maps_to_status: Option<String>,
    /// Rank key: columns sort by it bytewise.
    pub position: String,
    pub card_count: u64,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The cards in order (in a whole-board read).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cards: Option<Vec<CardOut>>,
}

impl ColumnOut {
    pub fn from_model(
        m: kanban_column::Model,
        card_count: u64,
        cards: Option<Vec<CardOut>>,
    ) -> ColumnOut {
        ColumnOut {
            id: m.id,
            board_id: m.board_id,
            name: m.name,
            color: m.color,
            wip_limit: m.wip_limit,
            maps_to_status: m.maps_to_status,
            position: m.position,
            card_count,
            version: m.version,
            created_at: m.created_at,
            updated_at: m.updated_at,
            cards,
        }
    }
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "Waiting for supplier", "color": "#FD7E14", "wip_limit": 5}))]
pub struct CreateColumn {
    pub name: String,
    /// `#RRGGBB`; default grey.
    pub color: Option<String>,
    /// At most this many cards (1–1000); moving more in needs a manager's `force`.
    pub wip_limit: Option<i32>,
    /// A task status; linked cards moved into the column take it.
    pub maps_to_status: Option<String>,
    /// Place after this column (default: last).
    pub after_id: Option<Uuid>,
    /// Place before this column.
    pub before_id: Option<Uuid>,
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateColumn {
    pub name: Option<String>,
    pub color: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub wip_limit: Option<Option<i32>>,
    #[serde(default, deserialize_with = "nullable")]
    pub maps_to_status: Option<Option<String>>,
    /// Reorder: place after this column.
    pub after_id: Option<Uuid>,
    /// Reorder: place before this column.
    pub before_id: Option<Uuid>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ColumnList {
    pub items: Vec<ColumnOut>,
}

pub(super) fn check_color(field: &str, raw: &str) -> Result<String, FieldError> {
    let ok =
        raw.len() == 7 && raw.starts_with('#') && raw[1..].chars().all(|c| c.is_ascii_hexdigit());
    if ok {
        Ok(raw.to_ascii_uppercase())
    } else {
        Err(FieldError::new(
            field,
            "invalid_color",
            format!("{field} must be a colour like #1C7ED6"),
        ))
    }
}

fn check_wip(raw: i32) -> Result<i32, FieldError> {
    if (1..=1000).contains(&raw) {
        Ok(raw)
    } else {
        Err(FieldError::new(
            "wip_limit",
            "out_of_range",
            "wip_limit must be between 1 and 1000",
        ))
    }
}

/// Moves `moving` among the board's columns to the place the neighbours name.
async fn reposition<C: Conn>(
    db: &C,
    board_id: Uuid,
    moving: Uuid,
    after: Option<Uuid>,
    before: Option<Uuid>,
) -> Result<Option<String>, AppError> {
    let siblings: Vec<(Uuid, String)> = kanban::columns_of_board(db, board_id)
        .await?
        .into_iter()
        .filter(|c| c.id != moving)
        .map(|c| (c.id, c.position))
        .collect();
    match place(&siblings, moving, after, before, "column")? {
        Placement::Key(key) => Ok(Some(key)),
        Placement::Respread(all) => {
            for (id, _) in all.iter().filter(|(id, _)| *id != moving) {
                kanban::set_column_position(db, *id, &temporary_key(*id)).await?;
            }
            let mut own = None;
            for (id, key) in all {
                if id == moving {
                    own = Some(key);
                } else {
                    kanban::set_column_position(db, id, &key).await?;
                }
            }
            Ok(own)
        }
    }
}

impl App {
    pub async fn create_column(
        &self,
        actor: &Actor,
        board_id: Uuid,
        input: CreateColumn,
    ) -> Result<ColumnOut, AppError> {
        let mut v = Validator::new();
        let name = v.check(text::required("name", &input.name, 100));
        let color = input
            .color
            .as_deref()
            .map_or(Some("#868E96".to_owned()), |c| {
                v.check(check_color("color", c))
            });
        let wip_limit = input.wip_limit.and_then(|w| v.check(check_wip(w)));
        let maps_to_status = input
            .maps_to_status
            .as_deref()
            .and_then(|s| v.check(TaskStatus::parse("maps_to_status", s)));
        v.finish()?;
        let txn = self.store.begin().await?;
        let access = access::guard_owned(&txn, actor, Owned::Board, board_id, Need::Write).await?;
        kanban::lock_board(&txn, board_id).await?;
        if kanban::columns_of_board(&txn, board_id).await?.len() >= super::MAX_COLUMNS {
            return Err(AppError::Conflict(format!(
                "a board has at most {} columns",
                super::MAX_COLUMNS
            )));
        }
        let id = Uuid::now_v7();
        let position = reposition(&txn, board_id, id, input.after_id, input.before_id)
            .await?
            .unwrap_or_default();
        let at = eventmgr_store::now();
        let model = kanban_column::Model {
            id,
            board_id,
            name: name.unwrap_or_default(),
            color: color.unwrap_or_default(),
            wip_limit,
            position,
            maps_to_status: maps_to_status.map(|s| s.as_str().to_owned()),
            version: 1,
            created_at: at,
            updated_at: at,
        };
        kanban::insert_column(&txn, model.clone()).await?;
        let out = ColumnOut::from_model(model, 0, None);
        audit::record(
            &txn,
            actor,
            Change {
                action: "column.create",
                entity_type: "column",
                entity_id: id,
                project_id: Some(access.project.id),
                changes: serde_json::to_value(&out).ok(),
            },
        )
        .await?;
        live::emit(&txn, access.project.id, "column.created", id, Some(1)).await?;
        txn.commit().await?;
        self.announce();
        Ok(out)
    }

    pub async fn list_columns(
        &self,
        actor: &Actor,
        board_id: Uuid,
    ) -> Result<Vec<ColumnOut>, AppError> {
        let db = self.store.conn();
        access::guard_owned(db, actor, Owned::Board, board_id, Need::Read).await?;
        let cards = kanban::cards_of_board(db, board_id).await?;
        Ok(kanban::columns_of_board(db, board_id)
            .await?
            .into_iter()
            .map(|c| {
                let count = cards.iter().filter(|k| k.column_id == c.id).count() as u64;
                ColumnOut::from_model(c, count, None)
            })
            .collect())
    }

    pub async fn get_column(&self, actor: &Actor, id: Uuid) -> Result<ColumnOut, AppError> {
        let db = self.store.conn();
        access::guard_owned(db, actor, Owned::Column, id, Need::Read).await?;
        let column = kanban::find_column(db, id)
            .await?
            .ok_or(AppError::NotFound("column"))?;
        let count = kanban::count_cards(db, id).await?;
        Ok(ColumnOut::from_model(column, count, None))
    }

    pub async fn update_column(
        &self,
        actor: &Actor,
        id: Uuid,
        expected_version: Option<i64>,
        input: UpdateColumn,
    ) -> Result<ColumnOut, AppError> {
        let txn = self.store.begin().await?;
        let access = access::guard_owned(&txn, actor, Owned::Column, id, Need::Write).await?;
        let current = kanban::find_column(&txn, id)
            .await?
            .ok_or(AppError::NotFound("column"))?;
        kanban::lock_board(&txn, current.board_id).await?;
        audit::check_version(expected_version, current.version)?;
        let mut v = Validator::new();
        let mut next = current.clone();
        if let Some(raw) = input.name.as_deref()
            && let Some(name) = v.check(text::required("name", raw, 100))
        {
            next.name = name;
        }
        if let Some(raw) = input.color.as_deref()
            && let Some(color) = v.check(check_color("color", raw))
        {
            next.color = color;
        }
        if let Some(value) = input.wip_limit {
            next.wip_limit = value.and_then(|w| v.check(check_wip(w)));
        }
        if let Some(value) = input.maps_to_status {
            next.maps_to_status = value
                .as_deref()
                .and_then(|s| v.check(TaskStatus::parse("maps_to_status", s)))
                .map(|s| s.as_str().to_owned());
        }
        v.finish()?;
        if (input.after_id.is_some() || input.before_id.is_some())
            && let Some(key) =
                reposition(&txn, current.board_id, id, input.after_id, input.before_id).await?
        {
            next.position = key;
        }
        next.version = current.version + 1;
        next.updated_at = eventmgr_store::now();
        audit::written(
            kanban::update_column(&txn, next.clone(), current.version).await?,
            current.version,
        )?;
        let count = kanban::count_cards(&txn, id).await?;
        let out = ColumnOut::from_model(next, count, None);
        let changes = audit::diff_of(&ColumnOut::from_model(current, count, None), &out);
        audit::record(
            &txn,
            actor,
            Change {
                action: "column.update",
                entity_type: "column",
                entity_id: id,
                project_id: Some(access.project.id),
                changes: Some(changes),
            },
        )
        .await?;
        live::emit(
            &txn,
            access.project.id,
            "column.updated",
            id,
            Some(out.version),
        )
        .await?;
        txn.commit().await?;
        self.announce();
        Ok(out)
    }

    /// Deletes an empty column; one with cards is a 409 (move or delete them first).
    pub async fn delete_column(
        &self,
        actor: &Actor,
        id: Uuid,
        expected_version: Option<i64>,
    ) -> Result<(), AppError> {
        let txn = self.store.begin().await?;
        let access = access::guard_owned(&txn, actor, Owned::Column, id, Need::Write).await?;
        let current = kanban::find_column(&txn, id)
            .await?
            .ok_or(AppError::NotFound("column"))?;
        kanban::lock_board(&txn, current.board_id).await?;
        audit::check_version(expected_version, current.version)?;
        let count = kanban::count_cards(&txn, id).await?;
        if count > 0 {
            return Err(AppError::Conflict(format!(
                "the column still holds {count} card(s); move or delete them first"
            )));
        }
        audit::written(
            kanban::delete_column(&txn, id, current.version).await?,
            current.version,
        )?;
        audit::record(
            &txn,
            actor,
            Change {
                action: "column.delete",
                entity_type: "column",
                entity_id: id,
                project_id: Some(access.project.id),
                changes: serde_json::to_value(ColumnOut::from_model(current, 0, None)).ok(),
            },
        )
        .await?;
        live::emit(&txn, access.project.id, "column.deleted", id, None).await?;
        txn.commit().await?;
        self.announce();
        Ok(())
    }
}
