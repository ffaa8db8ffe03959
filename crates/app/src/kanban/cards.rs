//! Cards: create, edit, delete, and the move between and within columns.
//!
//! A move runs under the board lock and writes one card row (its column and rank key) —
//! unless keys between the neighbours have run out, when the target column is respread.
//! Into a full column (WIP limit) only a project manager may move, with `force`. Into a
//! column that stands for a task status, a linked card's task takes that status, under the
//! task rules (a task whose dependencies are not DONE cannot become DONE: the move is a 409
//! and nothing changes).

use chrono::{DateTime, NaiveDate, Utc};
use eventmgr_domain::kinds::{PRIORITIES, one_of};
use eventmgr_domain::{FieldError, Status, TaskStatus, Validator, text};
use eventmgr_store::Conn;
use eventmgr_store::entity::{kanban_card, kanban_column, task};
use eventmgr_store::repo::{kanban, members, tasks};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::order::{Placement, place, temporary_key};
use crate::access::{self, Need, Owned, ProjectAccess};
use crate::audit::{self, Change};
use crate::live;
use crate::patch::nullable;
use crate::{Actor, App, AppError};

/// The linked task as it is now (not a copy taken when the card was made).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct LinkedTask {
    pub id: Uuid,
    pub title: String,
    #[schema(example = "IN_PROGRESS")]
    pub status: String,
    pub assignee_id: Option<Uuid>,
    pub priority: String,
    pub due_date: Option<NaiveDate>,
    pub version: i64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CardOut {
    pub id: Uuid,
    pub column_id: Uuid,
    pub title: String,
    pub description: Option<String>,
    pub assignee_id: Option<Uuid>,
    #[schema(example = "HIGH")]
    pub priority: String,
    pub due_date: Option<NaiveDate>,
    pub task_id: Option<Uuid>,
    /// The linked task's live fields.
    pub task: Option<LinkedTask>,
    /// Rank key: cards sort by it bytewise within their column.
    pub position: String,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl CardOut {
    pub fn with_task(m: kanban_card::Model, linked: &[task::Model]) -> CardOut {
        let task = m
            .task_id
            .and_then(|id| linked.iter().find(|t| t.id == id))
            .map(|t| LinkedTask {
                id: t.id,
                title: t.title.clone(),
                status: t.status.clone(),
                assignee_id: t.assignee_id,
                priority: t.priority.clone(),
                due_date: t.due_date,
                version: t.version,
            });
        CardOut {
            id: m.id,
            column_id: m.column_id,
            title: m.title,
            description: m.description,
            assignee_id: m.assignee_id,
            priority: m.priority,
            due_date: m.due_date,
            task_id: m.task_id,
            task,
            position: m.position,
            version: m.version,
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"title": "Confirm rigging points with the venue", "priority": "HIGH"}))]
pub struct CreateCard {
    /// Required unless `task_id` is given (then the task's title is the default).
    pub title: Option<String>,
    pub description: Option<String>,
    /// A member of the project.
    pub assignee_id: Option<Uuid>,
    /// LOW, MEDIUM (default), HIGH or CRITICAL.
    pub priority: Option<String>,
    pub due_date: Option<NaiveDate>,
    /// A task of the same project.
    pub task_id: Option<Uuid>,
    /// Place after this card (default: at the bottom).
    pub after_id: Option<Uuid>,
    /// Place before this card.
    pub before_id: Option<Uuid>,
    /// Exceed the column's WIP limit (project managers only).
    #[serde(default)]
    pub force: bool,
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateCard {
    pub title: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub description: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub assignee_id: Option<Option<Uuid>>,
    pub priority: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub due_date: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "nullable")]
    pub task_id: Option<Option<Uuid>>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"column_id": "0193a5a0-0000-7000-8000-000000000000", "after_id": null, "before_id": null}))]
pub struct MoveCard {
    /// The target column, on the same board.
    pub column_id: Uuid,
    /// The card that will be directly above (none: at the top when `before_id` is given,
    /// at the bottom otherwise).
    pub after_id: Option<Uuid>,
    /// The card that will be directly below. With both, they must still be neighbours.
    pub before_id: Option<Uuid>,
    /// Exceed the target's WIP limit (project managers only).
    #[serde(default)]
    pub force: bool,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CardList {
    pub items: Vec<CardOut>,
}

fn not_found() -> AppError {
    AppError::NotFound("card")
}

/// 409 when `column` is full, unless a manager forces it (403 when a non-manager tries).
fn check_wip(
    column: &kanban_column::Model,
    cards_in_column: u64,
    force: bool,
    access: &ProjectAccess,
) -> Result<(), AppError> {
    let Some(limit) = column.wip_limit else {
        return Ok(());
    };
    if cards_in_column < u64::try_from(limit).unwrap_or(0) {
        return Ok(());
    }
    if !force {
        return Err(AppError::conflict_with(
            "wip_limit",
            format!(
                "column \"{}\" is at its WIP limit of {limit}; a project manager may force the move",
                column.name
            ),
            vec![crate::error::ConflictRecord {
                name: Some(column.name.clone()),
                ..crate::error::ConflictRecord::id(column.id)
            }],
        ));
    }
    if !access.can_manage() {
        return Err(AppError::Forbidden(
            "only the project's managers may exceed a WIP limit".to_owned(),
        ));
    }
    Ok(())
}

/// Links and people a card names must belong to its project.
async fn check_links<C: Conn>(
    db: &C,
    v: &mut Validator,
    project_id: Uuid,
    assignee_id: Option<Uuid>,
    task_id: Option<Uuid>,
) -> Result<Option<task::Model>, AppError> {
    if let Some(user_id) = assignee_id
        && members::find(db, project_id, user_id).await?.is_none()
    {
        v.push(FieldError::new(
            "assignee_id",
            "not_a_member",
            "the assignee must be a member of the project",
        ));
    }
    let mut linked = None;
    if let Some(task_id) = task_id {
        linked = tasks::find(db, task_id)
            .await?
            .filter(|t| t.project_id == project_id);
        if linked.is_none() {
            v.push(FieldError::new(
                "task_id",
                "unknown_task",
                "task_id must be a task of the same project",
            ));
        }
    }
    Ok(linked)
}

/// The rank key for `moving` in `column_id`, respreading the column when keys ran out.
async fn key_in_column<C: Conn>(
    db: &C,
    column_id: Uuid,
    moving: Uuid,
    after: Option<Uuid>,
    before: Option<Uuid>,
) -> Result<String, AppError> {
    let siblings: Vec<(Uuid, String)> = kanban::cards_of_column(db, column_id)
        .await?
        .into_iter()
        .filter(|c| c.id != moving)
        .map(|c| (c.id, c.position))
        .collect();
    match place(&siblings, moving, after, before, "card")? {
        Placement::Key(key) => Ok(key),
        Placement::Respread(all) => {
            // Two passes: the unique (column, position) index must hold after every row.
            for (id, _) in all.iter().filter(|(id, _)| *id != moving) {
                kanban::set_card_position(db, *id, &temporary_key(*id)).await?;
            }
            let mut own = String::new();
            for (id, key) in all {
                if id == moving {
                    own = key;
                } else {
                    kanban::set_card_position(db, id, &key).await?;
                }
            }
            Ok(own)
        }
    }
}

async fn card_out<C: Conn>(db: &C, card: kanban_card::Model) -> Result<CardOut, AppError> {
    let linked = match card.task_id {
        Some(id) => tasks::find(db, id).await?.into_iter().collect(),
        None => Vec::new(),
    };
    Ok(CardOut::with_task(card, &linked))
}

impl App {
    pub async fn create_card(
        &self,
        actor: &Actor,
        column_id: Uuid,
        input: CreateCard,
    ) -> Result<CardOut, AppError> {
        let mut v = Validator::new();
        let title = input
            .title
            .as_deref()
            .and_then(|t| v.check(text::required("title", t, 200)));
        if input.title.is_none() && input.task_id.is_none() {
            v.push(FieldError::new(
                "title",
                "required",
                "title is required (or a task_id to take it from)",
            ));
        }
        let priority = input
            .priority
            .as_deref()
            .and_then(|p| v.check(one_of("priority", p, &PRIORITIES)));
        let description = v.optional(input.description.as_deref(), |r| {
            text::optional("description", r, 10_000)
        });
        let txn = self.store.begin().await?;
        let access =
            access::guard_owned(&txn, actor, Owned::Column, column_id, Need::Write).await?;
        let column = kanban::find_column(&txn, column_id)
            .await?
            .ok_or(AppError::NotFound("column"))?;
        kanban::lock_board(&txn, column.board_id).await?;
        let linked = check_links(
            &txn,
            &mut v,
            access.project.id,
            input.assignee_id,
            input.task_id,
        )
        .await?;
        v.finish()?;
        check_wip(
            &column,
            kanban::count_cards(&txn, column_id).await?,
            input.force,
            &access,
        )?;
        let id = Uuid::now_v7();
        let position = key_in_column(&txn, column_id, id, input.after_id, input.before_id).await?;
        let at = eventmgr_store::now();
        let model = kanban_card::Model {
            id,
            column_id,
            title: title
                .or_else(|| linked.as_ref().map(|t| t.title.clone()))
                .unwrap_or_default(),
            description,
            assignee_id: input
                .assignee_id
                .or_else(|| linked.as_ref().and_then(|t| t.assignee_id)),
            priority: priority
                .map(str::to_owned)
                .or_else(|| linked.as_ref().map(|t| t.priority.clone()))
                .unwrap_or_else(|| "MEDIUM".to_owned()),
            due_date: input
                .due_date
                .or_else(|| linked.as_ref().and_then(|t| t.due_date)),
            task_id: input.task_id,
            position,
            version: 1,
            created_at: at,
            updated_at: at,
        };
        kanban::insert_card(&txn, model.clone()).await?;
        let out = CardOut::with_task(model, &linked.into_iter().collect::<Vec<_>>());
        audit::record(
            &txn,
            actor,
            Change {
                action: "card.create",
                entity_type: "card",
                entity_id: id,
                project_id: Some(access.project.id),
                changes: serde_json::to_value(&out).ok(),
            },
        )
        .await?;
        live::emit(&txn, access.project.id, "card.created", id, Some(1)).await?;
        txn.commit().await?;
        self.announce();
        Ok(out)
    }

    pub async fn list_cards(
        &self,
        actor: &Actor,
        column_id: Uuid,
    ) -> Result<Vec<CardOut>, AppError> {
        let db = self.store.conn();
        access::guard_owned(db, actor, Owned::Column, column_id, Need::Read).await?;
        let cards = kanban::cards_of_column(db, column_id).await?;
        let linked = super::linked_tasks(db, &cards).await?;
        Ok(cards
            .into_iter()
            .map(|c| CardOut::with_task(c, &linked))
            .collect())
    }

    pub async fn get_card(&self, actor: &Actor, id: Uuid) -> Result<CardOut, AppError> {
        let db = self.store.conn();
        access::guard_owned(db, actor, Owned::Card, id, Need::Read).await?;
        let card = kanban::find_card(db, id).await?.ok_or_else(not_found)?;
        card_out(db, card).await
    }

    pub async fn update_card(
        &self,
        actor: &Actor,
        id: Uuid,
        expected_version: Option<i64>,
        input: UpdateCard,
    ) -> Result<CardOut, AppError> {
        let txn = self.store.begin().await?;
        let access = access::guard_owned(&txn, actor, Owned::Card, id, Need::Write).await?;
        let current = kanban::find_card(&txn, id).await?.ok_or_else(not_found)?;
        audit::check_version(expected_version, current.version)?;
        let mut v = Validator::new();
        let mut next = current.clone();
        if let Some(raw) = input.title.as_deref()
            && let Some(title) = v.check(text::required("title", raw, 200))
        {
            next.title = title;
        }
        if let Some(value) = input.description {
            next.description = v.optional(value.as_deref(), |r| {
                text::optional("description", r, 10_000)
            });
        }
        if let Some(raw) = input.priority.as_deref()
            && let Some(p) = v.check(one_of("priority", raw, &PRIORITIES))
        {
            p.clone_into(&mut next.priority);
        }
        if let Some(value) = input.assignee_id {
            next.assignee_id = value;
        }
        if let Some(value) = input.due_date {
            next.due_date = value;
        }
        if let Some(value) = input.task_id {
            next.task_id = value;
        }
        check_links(
            &txn,
            &mut v,
            access.project.id,
            next.assignee_id.filter(|a| Some(*a) != current.assignee_id),
            next.task_id.filter(|t| Some(*t) != current.task_id),
        )
        .await?;
        v.finish()?;
        next.version = current.version + 1;
        next.updated_at = eventmgr_store::now();
        audit::written(
            kanban::update_card(&txn, next.clone(), current.version).await?,
            current.version,
        )?;
        // The card's own fields only: the linked task's live fields are not this change.
        let changes = audit::diff_of(
            &CardOut::with_task(current, &[]),
            &CardOut::with_task(next.clone(), &[]),
        );
        let out = card_out(&txn, next).await?;
        audit::record(
            &txn,
            actor,
            Change {
                action: "card.update",
                entity_type: "card",
                entity_id: id,
                project_id: Some(access.project.id),
                changes: Some(changes),
            },
        )
        .await?;
        live::emit(
            &txn,
            access.project.id,
            "card.updated",
            id,
            Some(out.version),
        )
        .await?;
        txn.commit().await?;
        self.announce();
        Ok(out)
    }

    pub async fn delete_card(
        &self,
        actor: &Actor,
        id: Uuid,
        expected_version: Option<i64>,
    ) -> Result<(), AppError> {
        let txn = self.store.begin().await?;
        let access = access::guard_owned(&txn, actor, Owned::Card, id, Need::Write).await?;
        let current = kanban::find_card(&txn, id).await?.ok_or_else(not_found)?;
        audit::check_version(expected_version, current.version)?;
        audit::written(
            kanban::delete_card(&txn, id, current.version).await?,
            current.version,
        )?;
        audit::record(
            &txn,
            actor,
            Change {
                action: "card.delete",
                entity_type: "card",
                entity_id: id,
                project_id: Some(access.project.id),
                changes: serde_json::to_value(CardOut::with_task(current, &[])).ok(),
            },
        )
        .await?;
        live::emit(&txn, access.project.id, "card.deleted", id, None).await?;
        txn.commit().await?;
        self.announce();
        Ok(())
    }

    /// Moves a card to `column_id` between the named neighbours.
    pub async fn move_card(
        &self,
        actor: &Actor,
        id: Uuid,
        expected_version: Option<i64>,
        input: MoveCard,
    ) -> Result<CardOut, AppError> {
        let txn = self.store.begin().await?;
        let access = access::guard_owned(&txn, actor, Owned::Card, id, Need::Write).await?;
        let found = kanban::find_card(&txn, id).await?.ok_or_else(not_found)?;
        let source = kanban::find_column(&txn, found.column_id)
            .await?
            .ok_or(AppError::NotFound("column"))?;
        kanban::lock_board(&txn, source.board_id).await?;
        // Read again under the lock: another move may have committed meanwhile.
        let current = kanban::find_card(&txn, id).await?.ok_or_else(not_found)?;
        audit::check_version(expected_version, current.version)?;
        let target = kanban::find_column(&txn, input.column_id)
            .await?
            .filter(|c| c.board_id == source.board_id)
            .ok_or_else(|| {
                AppError::field(
                    "column_id",
                    "unknown_column",
                    "column_id must be a column of the card's board",
                )
            })?;
        let changes_column = target.id != current.column_id;
        if changes_column {
            check_wip(
                &target,
                kanban::count_cards(&txn, target.id).await?,
                input.force,
                &access,
            )?;
        }
        let position = key_in_column(&txn, target.id, id, input.after_id, input.before_id).await?;
        // A linked task follows a status-mapped column (and may refuse: dependencies).
        if changes_column
            && let (Some(task_id), Some(raw)) = (current.task_id, target.maps_to_status.as_deref())
            && let Some(task) = tasks::find_for_update(&txn, task_id).await?
        {
            let to = TaskStatus::parse("maps_to_status", raw)
                .map_err(|_| AppError::Internal("stored column status is unknown".to_owned()))?;
            if task.status != to.as_str() {
                let mut next_task = task.clone();
                crate::tasks::apply_status(&txn, &task, &mut next_task, to).await?;
                crate::tasks::save(&txn, actor, task, next_task, "task.update").await?;
            }
        }
        let mut next = current.clone();
        next.column_id = target.id;
        next.position = position;
        next.version = current.version + 1;
        next.updated_at = eventmgr_store::now();
        audit::written(
            kanban::update_card(&txn, next.clone(), current.version).await?,
            current.version,
        )?;
        audit::record(
            &txn,
            actor,
            Change {
                action: "card.move",
                entity_type: "card",
                entity_id: id,
                project_id: Some(access.project.id),
                changes: Some(serde_json::json!({
                    "column_id": {"before": current.column_id, "after": next.column_id},
                    "position": {"before": current.position, "after": next.position},
                    "after_id": input.after_id,
                    "before_id": input.before_id,
                    "forced": input.force && changes_column && target.wip_limit.is_some(),
                })),
            },
        )
        .await?;
        live::emit(
            &txn,
            access.project.id,
            "card.moved",
            id,
            Some(next.version),
        )
        .await?;
        let out = card_out(&txn, next).await?;
        txn.commit().await?;
        self.announce();
        Ok(out)
    }
}
