//! `GET /projects/{id}/schedule`: the critical path method over the project's tasks, from
//! their estimated hours and dependencies (the algorithm lives in `eventmgr_domain::schedule`).
//!
//! Decisions: the schedule plans the *remaining* work from `from` (default today), so DONE
//! tasks take no time; a task without an estimate takes none either (a milestone). Working
//! days are Monday to Friday with `hours_per_day` hours (default 8).

use chrono::{NaiveDate, Utc};
use eventmgr_domain::schedule::{Calendar, Dependency, ScheduleError, TaskInput, schedule};
use eventmgr_store::repo::tasks;
use rust_decimal::prelude::ToPrimitive;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::access::{self, Need};
use crate::{Actor, App, AppError};

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ScheduleQuery {
    /// First day of the schedule (default today; a weekend starts on the next Monday).
    pub from: Option<NaiveDate>,
    /// Working hours per day, 1–24 (default 8).
    pub hours_per_day: Option<u32>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ScheduledTask {
    pub id: Uuid,
    pub title: String,
    pub status: String,
    pub due_date: Option<NaiveDate>,
    /// Remaining working hours this task takes (0 when DONE or not estimated).
    pub duration_hours: f64,
    pub earliest_start: NaiveDate,
    pub earliest_finish: NaiveDate,
    pub latest_start: NaiveDate,
    pub latest_finish: NaiveDate,
    /// The same four points in working hours from the schedule's start (for timelines).
    pub earliest_start_hours: f64,
    pub earliest_finish_hours: f64,
    pub latest_start_hours: f64,
    pub latest_finish_hours: f64,
    /// How long the task may slip without delaying the project, in working hours.
    pub slack_hours: f64,
    pub critical: bool,
    /// The due date is before the earliest finish.
    pub cannot_make_it: bool,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ScheduleEdge {
    pub task_id: Uuid,
    pub depends_on_id: Uuid,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ScheduleOut {
    pub start: NaiveDate,
    pub hours_per_day: u32,
    pub project_finish: NaiveDate,
    /// Remaining working hours until the last task finishes.
    pub project_hours: f64,
    /// One chain of critical tasks from the start to the finish, in order.
    pub critical_path: Vec<Uuid>,
    /// Tasks whose due date is earlier than their earliest finish.
    pub cannot_make_it: Vec<Uuid>,
    pub tasks: Vec<ScheduledTask>,
    pub dependencies: Vec<ScheduleEdge>,
}

fn hours(minutes: i64) -> f64 {
    minutes as f64 / 60.0
}

impl App {
    pub async fn project_schedule(
        &self,
        actor: &Actor,
        project_id: Uuid,
        query: ScheduleQuery,
    ) -> Result<ScheduleOut, AppError> {
        let hours_per_day = query.hours_per_day.unwrap_or(8);
        if !(1..=24).contains(&hours_per_day) {
            return Err(AppError::BadRequest(
                "hours_per_day must be between 1 and 24".to_owned(),
            ));
        }
        let db = self.store.conn();
        access::guard(db, actor, project_id, Need::Read, false).await?;
        let all = tasks::all_of_project(db, project_id).await?;
        let edges = tasks::dependencies_of_project(db, project_id).await?;
        let inputs: Vec<TaskInput<Uuid>> = all
            .iter()
            .map(|t| TaskInput {
                id: t.id,
                duration_minutes: if t.status == "DONE" {
                    0
                } else {
                    t.estimated_hours
                        .as_ref()
                        .and_then(|h| (h.0 * rust_decimal::Decimal::from(60)).round().to_i64())
                        .unwrap_or(0)
                },
                due_date: t.due_date,
            })
            .collect();
        let dependencies: Vec<Dependency<Uuid>> = edges
            .iter()
            .map(|d| Dependency {
                before: d.depends_on_id,
                after: d.task_id,
            })
            .collect();
        let start = query.from.unwrap_or_else(|| Utc::now().date_naive());
        let calendar = Calendar {
            start,
            hours_per_day,
        };
        let computed = schedule(&inputs, &dependencies, calendar).map_err(|e| match e {
            // The write paths refuse cycles, so this means the data was changed outside.
            ScheduleError::Cycle(ids) => {
                AppError::Conflict(format!("the task dependencies contain a cycle: {ids:?}"))
            }
            ScheduleError::UnknownTask(id) => {
                AppError::Internal(format!("dependency on a task of another project: {id}"))
            }
        })?;
        let tasks_out: Vec<ScheduledTask> = computed
            .tasks
            .iter()
            .zip(&all)
            .zip(&inputs)
            .map(|((s, t), input)| ScheduledTask {
                id: t.id,
                title: t.title.clone(),
                status: t.status.clone(),
                due_date: t.due_date,
                duration_hours: hours(input.duration_minutes),
                earliest_start: s.earliest_start_date,
                earliest_finish: s.earliest_finish_date,
                latest_start: s.latest_start_date,
                latest_finish: s.latest_finish_date,
                earliest_start_hours: hours(s.earliest_start),
                earliest_finish_hours: hours(s.earliest_finish),
                latest_start_hours: hours(s.latest_start),
                latest_finish_hours: hours(s.latest_finish),
                slack_hours: hours(s.slack),
                critical: s.critical,
                cannot_make_it: s.cannot_make_it,
            })
            .collect();
        Ok(ScheduleOut {
            start: eventmgr_domain::schedule::working_day(start, 0),
            hours_per_day,
            project_finish: computed.project_finish_date,
            project_hours: hours(computed.project_minutes),
            critical_path: computed.critical_path,
            cannot_make_it: tasks_out
                .iter()
                .filter(|t| t.cannot_make_it)
                .map(|t| t.id)
                .collect(),
            tasks: tasks_out,
            dependencies: edges
                .iter()
                .map(|d| ScheduleEdge {
                    task_id: d.task_id,
                    depends_on_id: d.depends_on_id,
                })
                .collect(),
        })
    }
}
