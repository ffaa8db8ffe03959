//! The demo's work management: the task plan of `work_plan.rs` with its dependencies, the
//! workflow walked up to each production's current stage, and a board whose cards show
//! the work around that stage. Everything goes through the use cases the API calls, so the
//! status and dependency rules hold for the demo as for real data.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use uuid::Uuid;

use super::work_plan::{LOOSE_CARDS, PlannedTask, TASKS, Who};
use crate::kanban::{CreateBoard, CreateCard, UpdateColumn};
use crate::stages::UpdateStage;
use crate::tasks::{CreateDependency, CreateTask};
use crate::{Actor, App, AppError};

/// One production's share of the demo work.
pub(super) struct WorkSetup {
    pub project_id: Uuid,
    pub start: NaiveDate,
    /// Index of the ACTIVE stage; past the last stage for a finished production (all DONE).
    pub current_stage: usize,
    /// The whole plan, or only its core tasks.
    pub full_plan: bool,
    /// Shrinks lead times (days before build-up) for smaller productions: 1.0 = festival.
    pub lead_time_scale: f64,
    pub manager: Uuid,
    pub crew_a: Option<Uuid>,
    pub crew_b: Option<Uuid>,
}

/// `current_stage` of a finished production: past the last default stage.
pub(super) const FINISHED: usize = eventmgr_domain::workflow::DEFAULT_STAGES.len();

/// Statuses of the tasks in the ACTIVE stage, in table order: a realistic mix.
const ACTIVE_STAGE_MIX: [&str; 12] = [
    "IN_PROGRESS",
    "DONE",
    "REVIEW",
    "DONE",
    "TODO",
    "IN_PROGRESS",
    "BLOCKED",
    "DONE",
    "TODO",
    "REVIEW",
    "TODO",
    "DONE",
];

/// The counts for the demo summary.
pub(super) struct WorkCounts {
    pub tasks: usize,
    pub dependencies: usize,
    pub cards: usize,
}

impl WorkSetup {
    fn due(&self, task: &PlannedTask) -> NaiveDate {
        // Build-up, show and dismantle keep their days; lead times before them shrink.
        let days = if task.due < -10 {
            (task.due as f64 * self.lead_time_scale).round() as i64
        } else {
            task.due
        };
        self.start + Duration::days(days)
    }

    fn assignee(&self, who: Who) -> Option<Uuid> {
        match who {
            Who::Manager => Some(self.manager),
            Who::CrewA => self.crew_a,
            Who::CrewB => self.crew_b,
        }
    }

    /// The status a task has at this point of the production, before the dependency rule.
    fn planned_status(&self, task: &PlannedTask, index_in_stage: usize) -> &'static str {
        use std::cmp::Ordering::*;
        match task.stage.cmp(&self.current_stage) {
            Less => "DONE",
            Equal => ACTIVE_STAGE_MIX[index_in_stage % ACTIVE_STAGE_MIX.len()],
            Greater => "TODO",
        }
    }
}

impl App {
    /// Creates the tasks, dependencies, stage progress and board of one production.
    pub(super) async fn demo_work(
        &self,
        admin: &Actor,
        setup: &WorkSetup,
    ) -> Result<WorkCounts, AppError> {
        let stages = self.list_workflow_stages(admin, setup.project_id).await?;
        let plan: Vec<&PlannedTask> = TASKS.iter().filter(|t| setup.full_plan || t.core).collect();

        // Tasks in table order: every predecessor exists (and has its status) before the
        // tasks that depend on it.
        let mut created: HashMap<&str, (Uuid, &str)> = HashMap::new();
        let mut per_stage: HashMap<usize, usize> = HashMap::new();
        let mut dependencies = 0;
        let mut by_key_order = Vec::with_capacity(plan.len());
        for task in &plan {
            let index_in_stage = per_stage.entry(task.stage).or_insert(0);
            let mut status = setup.planned_status(task, *index_in_stage);
            *index_in_stage += 1;
            let predecessors: Vec<(Uuid, &str)> = task
                .after
                .iter()
                .filter_map(|key| created.get(key).copied())
                .collect();
            // The rule the API enforces: nothing is DONE before what it depends on.
            if status == "DONE" && predecessors.iter().any(|(_, s)| *s != "DONE") {
                status = "IN_PROGRESS";
            }
            let due = setup.due(task);
            let hours: f64 = task.hours.parse().unwrap_or(8.0);
            let out = self
                .create_task(
                    admin,
                    setup.project_id,
                    CreateTask {
                        title: task.title.to_owned(),
                        description: None,
                        status: Some(status.to_owned()),
                        priority: Some(task.priority.to_owned()),
                        assignee_id: setup.assignee(task.who),
                        workflow_stage_id: stages.get(task.stage).map(|s| s.id),
                        start_date: Some(due - Duration::days((hours / 8.0).ceil() as i64)),
                        due_date: Some(due),
                        estimated_hours: Some(task.hours.to_owned()),
                        actual_hours: (status == "DONE").then(|| task.hours.to_owned()),
                    },
                )
                .await?;
            for (depends_on_id, _) in &predecessors {
                self.add_dependency(
                    admin,
                    out.id,
                    CreateDependency {
                        depends_on_id: *depends_on_id,
                    },
                )
                .await?;
                dependencies += 1;
            }
            created.insert(task.key, (out.id, status));
            by_key_order.push((task, out.id, status));
        }

        // Walk the workflow: each activation completes the stage before it.
        for stage in stages.iter().take(setup.current_stage + 1) {
            let step = UpdateStage {
                status: Some("ACTIVE".to_owned()),
                ..Default::default()
            };
            self.update_stage(admin, stage.id, None, step).await?;
        }
        if setup.current_stage >= stages.len()
            && let Some(last) = stages.last()
        {
            let step = UpdateStage {
                status: Some("DONE".to_owned()),
                ..Default::default()
            };
            self.update_stage(admin, last.id, None, step).await?;
        }

        let cards = self.demo_board(admin, setup, &by_key_order).await?;
        Ok(WorkCounts {
            tasks: plan.len(),
            dependencies,
            cards,
        })
    }

    /// A board with the recently finished tasks of the previous stage, the whole current
    /// stage and the start of the next, each card in the column of its task's status.
    async fn demo_board(
        &self,
        admin: &Actor,
        setup: &WorkSetup,
        tasks: &[(&&PlannedTask, Uuid, &str)],
    ) -> Result<usize, AppError> {
        let board = self
            .create_board(
                admin,
                setup.project_id,
                CreateBoard {
                    name: "Production board".to_owned(),
                    description: Some("What the team is working on this week.".to_owned()),
                    columns: None,
                },
            )
            .await?;
        let board = self.get_board(admin, board.id).await?;
        let columns = board.columns.unwrap_or_default();
        let column_for = |status: &str| {
            // BLOCKED has no column of its own: the card stays in progress, showing the
            // task's status.
            let wanted = if status == "BLOCKED" {
                "IN_PROGRESS"
            } else {
                status
            };
            columns
                .iter()
                .find(|c| c.maps_to_status.as_deref() == Some(wanted))
                .map(|c| c.id)
                .ok_or_else(|| AppError::Internal(format!("demo board lacks a {wanted} column")))
        };

        let current = setup.current_stage;
        let previous: Vec<_> = tasks
            .iter()
            .filter(|(t, _, _)| current > 0 && t.stage == current - 1)
            .collect();
        let on_board = previous
            .iter()
            .skip(previous.len().saturating_sub(3))
            .copied()
            .chain(tasks.iter().filter(|(t, _, _)| t.stage == current))
            .chain(
                tasks
                    .iter()
                    .filter(|(t, _, _)| t.stage == current + 1)
                    .take(4),
            );
        let mut cards = 0;
        let mut in_progress = 0;
        for (_, task_id, status) in on_board {
            let column_id = column_for(status)?;
            in_progress += usize::from(column_for("IN_PROGRESS")? == column_id);
            self.create_card(admin, column_id, linked_card(*task_id))
                .await?;
            cards += 1;
        }
        for (column, title) in columns.iter().zip(LOOSE_CARDS) {
            self.create_card(
                admin,
                column.id,
                CreateCard {
                    title: Some(title.to_owned()),
                    description: None,
                    assignee_id: Some(setup.manager),
                    priority: Some("LOW".to_owned()),
                    due_date: None,
                    task_id: None,
                    after_id: None,
                    before_id: None,
                    force: false,
                },
            )
            .await?;
            in_progress += usize::from(column.maps_to_status.as_deref() == Some("IN_PROGRESS"));
            cards += 1;
        }
        // A WIP limit with a little headroom, as a team would set it.
        let in_progress_column = column_for("IN_PROGRESS")?;
        self.update_column(
            admin,
            in_progress_column,
            None,
            UpdateColumn {
                name: None,
                color: None,
                wip_limit: Some(Some(i32::try_from(in_progress + 2).unwrap_or(1000).max(6))),
                maps_to_status: None,
                after_id: None,
                before_id: None,
            },
        )
        .await?;
        Ok(cards)
    }
}

fn linked_card(task_id: Uuid) -> CreateCard {
    CreateCard {
        title: None,
        description: None,
        assignee_id: None,
        priority: None,
        due_date: None,
        task_id: Some(task_id),
        after_id: None,
        before_id: None,
        force: false,
    }
}
