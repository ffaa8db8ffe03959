//! Tasks: the work items of a project, with an assignee from the project's members, a
//! priority, dates and hours, and the rule that a task is finished only after everything it
//! depends on.

mod dependencies;
mod schedule;

use chrono::{DateTime, NaiveDate, Utc};
use eventmgr_domain::kinds::{PRIORITIES, one_of};
use eventmgr_domain::{FieldError, Money, Status, TaskStatus, Validator, check_move, text};
use eventmgr_store::entity::task;
use eventmgr_store::repo::tasks::{self, TaskFilter, TaskScope};
use eventmgr_store::repo::{members, workflow_stages};
use eventmgr_store::{Conn, DbDecimal};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::access::{self, Need, Owned};
use crate::audit::{self, Change};
use crate::listing::{self, ListParams, ListResponse};
use crate::live;
use crate::patch::nullable;
use crate::{Actor, App, AppError};

pub use dependencies::{CreateDependency, DependencyOut};
pub use schedule::{ScheduleOut, ScheduleQuery, ScheduledTask};

/// Hours are kept with two decimals. 999,999.99 h is far beyond any real estimate and well
/// inside the column's NUMERIC(10,2).
const MAX_HOURS: Decimal = Decimal::from_parts(99_999_999, 0, 0, false, 2);

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TaskOut {
    pub id: Uuid,
    pub project_id: Uuid,
    pub workflow_stage_id: Option<Uuid>,
    pub title: String,
    pub description: Option<String>,
    #[schema(example = "IN_PROGRESS")]
    pub status: String,
    #[schema(example = "HIGH")]
    pub priority: String,
    pub assignee_id: Option<Uuid>,
    pub start_date: Option<NaiveDate>,
    pub due_date: Option<NaiveDate>,
    /// Decimal string of hours.
    #[schema(value_type = Option<String>, example = "16.00")]
    pub estimated_hours: Option<String>,
    #[schema(value_type = Option<String>, example = "4.50")]
    pub actual_hours: Option<String>,
    pub created_by: Option<Uuid>,
    /// Set when the task became DONE; cleared when it is reopened.
    pub completed_at: Option<DateTime<Utc>>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<task::Model> for TaskOut {
    fn from(m: task::Model) -> Self {
        TaskOut {
            id: m.id,
            project_id: m.project_id,
            workflow_stage_id: m.workflow_stage_id,
            title: m.title,
            description: m.description,
            status: m.status,
            priority: m.priority,
            assignee_id: m.assignee_id,
            start_date: m.start_date,
            due_date: m.due_date,
            estimated_hours: m.estimated_hours.map(|h| hours_text(h.0)),
            actual_hours: m.actual_hours.map(|h| hours_text(h.0)),
            created_by: m.created_by,
            completed_at: m.completed_at,
            version: m.version,
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}

fn hours_text(value: Decimal) -> String {
    let mut v = value;
    v.rescale(2);
    v.to_string()
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"title": "Site survey with the venue's technical manager", "priority": "HIGH", "estimated_hours": "6", "due_date": "2027-05-03"}))]
pub struct CreateTask {
    pub title: String,
    pub description: Option<String>,
    /// Default TODO.
    pub status: Option<String>,
    /// LOW, MEDIUM (default), HIGH or CRITICAL.
    pub priority: Option<String>,
    /// A member of the project.
    pub assignee_id: Option<Uuid>,
    /// A stage of the same project.
    pub workflow_stage_id: Option<Uuid>,
    pub start_date: Option<NaiveDate>,
    pub due_date: Option<NaiveDate>,
    /// Decimal string, at most two decimals.
    pub estimated_hours: Option<String>,
    pub actual_hours: Option<String>,
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateTask {
    pub title: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub description: Option<Option<String>>,
    /// DONE needs every task this one depends on to be DONE (409 naming them otherwise).
    pub status: Option<String>,
    pub priority: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub assignee_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "nullable")]
    pub workflow_stage_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "nullable")]
    pub start_date: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "nullable")]
    pub due_date: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "nullable")]
    pub estimated_hours: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub actual_hours: Option<Option<String>>,
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TaskQuery {
    pub q: Option<String>,
    /// One status or several, comma-separated.
    pub status: Option<String>,
    /// One priority or several, comma-separated.
    pub priority: Option<String>,
    /// A user id, `me`, or `none` for unassigned tasks.
    pub assigned_to: Option<String>,
    pub workflow_stage_id: Option<Uuid>,
    /// Due strictly before this day.
    pub due_before: Option<NaiveDate>,
    /// Due strictly after this day.
    pub due_after: Option<NaiveDate>,
    /// `true`: due before today and not DONE.
    pub overdue: Option<bool>,
}

pub const DEFAULT_SORT: &str = "due_date,-priority";

fn not_found() -> AppError {
    AppError::NotFound("task")
}

/// `raw` hours as a non-negative decimal with at most two places.
fn parse_hours(field: &str, raw: &str) -> Result<DbDecimal, FieldError> {
    let value = Money::parse_non_negative(field, raw)?.amount();
    if value > MAX_HOURS {
        return Err(FieldError::new(
            field,
            "too_large",
            format!("{field} must be at most {MAX_HOURS}"),
        ));
    }
    Ok(DbDecimal(value))
}

fn check_dates(v: &mut Validator, m: &task::Model) {
    if let (Some(start), Some(due)) = (m.start_date, m.due_date)
        && due < start
    {
        v.push(FieldError::new(
            "due_date",
            "before_start",
            "due_date must not be before start_date",
        ));
    }
}

/// The assignee must be a member of the project; the stage must be one of its stages.
async fn check_links<C: Conn>(
    db: &C,
    v: &mut Validator,
    project_id: Uuid,
    assignee_id: Option<Uuid>,
    stage_id: Option<Uuid>,
) -> Result<(), AppError> {
    if let Some(user_id) = assignee_id
        && members::find(db, project_id, user_id).await?.is_none()
    {
        v.push(FieldError::new(
            "assignee_id",
            "not_a_member",
            "the assignee must be a member of the project",
        ));
    }
    if let Some(stage_id) = stage_id {
        let in_project = workflow_stages::find(db, stage_id)
            .await?
            .is_some_and(|s| s.project_id == project_id);
        if !in_project {
            v.push(FieldError::new(
                "workflow_stage_id",
                "unknown_stage",
                "workflow_stage_id must be a stage of this project",
            ));
        }
    }
    Ok(())
}

/// 409 when `task_id` has predecessors that are not DONE, naming them.
pub(crate) async fn check_can_finish<C: Conn>(db: &C, task_id: Uuid) -> Result<(), AppError> {
    let blockers = tasks::undone_predecessors(db, task_id).await?;
    if blockers.is_empty() {
        return Ok(());
    }
    let names: Vec<String> = blockers
        .iter()
        .map(|t| format!("\"{}\" ({}, {})", t.title, t.id, t.status))
        .collect();
    Err(AppError::conflict_with(
        "unfinished_predecessors",
        format!(
            "the task cannot be DONE while tasks it depends on are not DONE: {}",
            names.join(", ")
        ),
        blockers
            .into_iter()
            .map(|t| crate::error::ConflictRecord {
                name: Some(t.title),
                status: Some(t.status),
                ..crate::error::ConflictRecord::id(t.id)
            })
            .collect(),
    ))
}

/// Applies a status move to `next` (from `current`), with the completion stamp and the
/// dependency rule. Shared with card moves into status-mapped columns.
pub(crate) async fn apply_status<C: Conn>(
    db: &C,
    current: &task::Model,
    next: &mut task::Model,
    to: TaskStatus,
) -> Result<(), AppError> {
    let from = TaskStatus::parse("status", &current.status)
        .map_err(|_| AppError::Internal("stored task status is unknown".to_owned()))?;
    check_move(from, to).map_err(|e| AppError::Conflict(e.to_string()))?;
    if from == to {
        return Ok(());
    }
    if to == TaskStatus::Done {
        check_can_finish(db, current.id).await?;
        next.completed_at = Some(eventmgr_store::now());
    } else {
        next.completed_at = None;
    }
    next.status = to.as_str().to_owned();
    Ok(())
}

/// Writes `next` over `current` (version checked), audits the difference and announces it.
pub(crate) async fn save<C: Conn>(
    db: &C,
    actor: &Actor,
    current: task::Model,
    mut next: task::Model,
    action: &str,
) -> Result<task::Model, AppError> {
    next.version = current.version + 1;
    next.updated_at = eventmgr_store::now();
    audit::written(
        tasks::update(db, next.clone(), current.version).await?,
        current.version,
    )?;
    let changes = audit::diff_of(&TaskOut::from(current), &TaskOut::from(next.clone()));
    audit::record(
        db,
        actor,
        Change {
            action,
            entity_type: "task",
            entity_id: next.id,
            project_id: Some(next.project_id),
            changes: Some(changes),
        },
    )
    .await?;
    live::emit(
        db,
        next.project_id,
        "task.updated",
        next.id,
        Some(next.version),
    )
    .await?;
    Ok(next)
}

impl App {
    pub async fn create_task(
        &self,
        actor: &Actor,
        project_id: Uuid,
        input: CreateTask,
    ) -> Result<TaskOut, AppError> {
        let mut v = Validator::new();
        let title = v.check(text::required("title", &input.title, 200));
        let status = v.check(TaskStatus::parse(
            "status",
            input.status.as_deref().unwrap_or("TODO"),
        ));
        let priority = v.check(one_of(
            "priority",
            input.priority.as_deref().unwrap_or("MEDIUM"),
            &PRIORITIES,
        ));
        let at = eventmgr_store::now();
        let model = task::Model {
            id: Uuid::now_v7(),
            project_id,
            workflow_stage_id: input.workflow_stage_id,
            title: title.unwrap_or_default(),
            description: v.optional(input.description.as_deref(), |r| {
                text::optional("description", r, 10_000)
            }),
            status: status.map(|s| s.as_str()).unwrap_or_default().to_owned(),
            priority: priority.unwrap_or_default().to_owned(),
            assignee_id: input.assignee_id,
            start_date: input.start_date,
            due_date: input.due_date,
            estimated_hours: input
                .estimated_hours
                .as_deref()
                .and_then(|r| v.check(parse_hours("estimated_hours", r))),
            actual_hours: input
                .actual_hours
                .as_deref()
                .and_then(|r| v.check(parse_hours("actual_hours", r))),
            created_by: Some(actor.user_id),
            completed_at: (status == Some(TaskStatus::Done)).then_some(at),
            version: 1,
            created_at: at,
            updated_at: at,
        };
        check_dates(&mut v, &model);
        let txn = self.store.begin().await?;
        access::guard(&txn, actor, project_id, Need::Write, false).await?;
        check_links(
            &txn,
            &mut v,
            project_id,
            model.assignee_id,
            model.workflow_stage_id,
        )
        .await?;
        v.finish()?;
        tasks::insert(&txn, model.clone()).await?;
        audit::record(
            &txn,
            actor,
            Change {
                action: "task.create",
                entity_type: "task",
                entity_id: model.id,
                project_id: Some(project_id),
                changes: serde_json::to_value(TaskOut::from(model.clone())).ok(),
            },
        )
        .await?;
        live::emit(&txn, project_id, "task.created", model.id, Some(1)).await?;
        txn.commit().await?;
        self.announce();
        Ok(model.into())
    }

    pub async fn get_task(&self, actor: &Actor, id: Uuid) -> Result<TaskOut, AppError> {
        let db = self.store.conn();
        access::guard_owned(db, actor, Owned::Task, id, Need::Read).await?;
        Ok(tasks::find(db, id).await?.ok_or_else(not_found)?.into())
    }

    /// One project's tasks (`project_id`), or with `None` the tasks of every project the
    /// caller can see ("my tasks" with `assigned_to=me`).
    pub async fn list_tasks(
        &self,
        actor: &Actor,
        project_id: Option<Uuid>,
        query: TaskQuery,
        params: ListParams,
    ) -> Result<ListResponse<TaskOut>, AppError> {
        self.list_tasks_in(self.store.conn(), actor, project_id, query, params)
            .await
    }

    /// [`App::list_tasks`] on `db`: a pooled read, or the snapshot of an answer it is part of
    /// (the dashboard).
    pub(crate) async fn list_tasks_in<C: eventmgr_store::Conn>(
        &self,
        db: &C,
        actor: &Actor,
        project_id: Option<Uuid>,
        query: TaskQuery,
        params: ListParams,
    ) -> Result<ListResponse<TaskOut>, AppError> {
        let scope = match project_id {
            Some(id) => {
                access::guard(db, actor, id, Need::Read, false).await?;
                TaskScope::Project(id)
            }
            None => TaskScope::Visible(access::visibility(actor)),
        };
        let page_query = listing::page_query(&params, tasks::sort_column, DEFAULT_SORT)?;
        let mut filter = TaskFilter {
            q: query.q.filter(|q| !q.trim().is_empty()),
            statuses: crate::filters::statuses::<TaskStatus>(query.status.as_deref())?,
            priorities: crate::filters::choices(
                "priority",
                query.priority.as_deref(),
                &PRIORITIES,
            )?,
            workflow_stage_id: query.workflow_stage_id,
            due_before: query.due_before,
            due_after: query.due_after,
            overdue_on: query
                .overdue
                .unwrap_or(false)
                .then(|| Utc::now().date_naive()),
            ..TaskFilter::default()
        };
        match query.assigned_to.as_deref().map(str::trim) {
            None | Some("") => {}
            Some("me") => filter.assignee_id = Some(actor.user_id),
            Some("none") => filter.unassigned = true,
            Some(raw) => {
                filter.assignee_id = Some(Uuid::parse_str(raw).map_err(|_| {
                    AppError::BadRequest("assigned_to must be a user id, `me` or `none`".to_owned())
                })?);
            }
        }
        let page = tasks::list(db, scope, &filter, &page_query)
            .await
            .map_err(crate::clients::cursor_or_internal)?;
        Ok(listing::respond(&params, DEFAULT_SORT, page, TaskOut::from))
    }

    pub async fn update_task(
        &self,
        actor: &Actor,
        id: Uuid,
        expected_version: Option<i64>,
        input: UpdateTask,
    ) -> Result<TaskOut, AppError> {
        let txn = self.store.begin().await?;
        access::guard_owned(&txn, actor, Owned::Task, id, Need::Write).await?;
        let current = tasks::find(&txn, id).await?.ok_or_else(not_found)?;
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
        if let Some(value) = input.workflow_stage_id {
            next.workflow_stage_id = value;
        }
        if let Some(value) = input.start_date {
            next.start_date = value;
        }
        if let Some(value) = input.due_date {
            next.due_date = value;
        }
        if let Some(value) = input.estimated_hours {
            next.estimated_hours = value
                .as_deref()
                .and_then(|r| v.check(parse_hours("estimated_hours", r)));
        }
        if let Some(value) = input.actual_hours {
            next.actual_hours = value
                .as_deref()
                .and_then(|r| v.check(parse_hours("actual_hours", r)));
        }
        check_dates(&mut v, &next);
        // Only links that change are checked: a member who left stays on their old tasks
        // until someone reassigns them.
        check_links(
            &txn,
            &mut v,
            current.project_id,
            next.assignee_id.filter(|a| Some(*a) != current.assignee_id),
            next.workflow_stage_id
                .filter(|s| Some(*s) != current.workflow_stage_id),
        )
        .await?;
        let status = input
            .status
            .as_deref()
            .and_then(|raw| v.check(TaskStatus::parse("status", raw)));
        v.finish()?;
        if let Some(to) = status {
            apply_status(&txn, &current, &mut next, to).await?;
        }
        let saved = save(&txn, actor, current, next, "task.update").await?;
        txn.commit().await?;
        self.announce();
        Ok(saved.into())
    }

    pub async fn delete_task(
        &self,
        actor: &Actor,
        id: Uuid,
        expected_version: Option<i64>,
    ) -> Result<(), AppError> {
        let txn = self.store.begin().await?;
        access::guard_owned(&txn, actor, Owned::Task, id, Need::Write).await?;
        let current = tasks::find(&txn, id).await?.ok_or_else(not_found)?;
        audit::check_version(expected_version, current.version)?;
        // Its dependencies go with it (foreign keys cascade); cards keep their text and
        // lose the link.
        audit::written(
            tasks::delete(&txn, id, current.version).await?,
            current.version,
        )?;
        audit::record(
            &txn,
            actor,
            Change {
                action: "task.delete",
                entity_type: "task",
                entity_id: id,
                project_id: Some(current.project_id),
                changes: serde_json::to_value(TaskOut::from(current.clone())).ok(),
            },
        )
        .await?;
        live::emit(&txn, current.project_id, "task.deleted", id, None).await?;
        txn.commit().await?;
        self.announce();
        Ok(())
    }
}
