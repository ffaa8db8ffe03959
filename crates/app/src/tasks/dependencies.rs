//! Finish-to-start dependencies between tasks of one project: `task` starts only after
//! `depends_on` is finished. Never a cycle; a 409 names the cycle a new one would close.

use chrono::{DateTime, Utc};
use eventmgr_domain::schedule::{Dependency, cycle_with};

use crate::error::ConflictRecord;
use eventmgr_store::entity::{task, task_dependency};
use eventmgr_store::repo::tasks;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::access::{self, Need, Owned};
use crate::audit::{self, Change};
use crate::live;
use crate::{Actor, App, AppError};

/// One task the task depends on.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DependencyOut {
    pub task_id: Uuid,
    pub depends_on_id: Uuid,
    /// The predecessor's title and status, so a list needs no second request.
    pub depends_on_title: String,
    #[schema(example = "DONE")]
    pub depends_on_status: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateDependency {
    /// A task of the same project that must be finished first.
    pub depends_on_id: Uuid,
}

fn out(dependency: &task_dependency::Model, predecessor: &task::Model) -> DependencyOut {
    DependencyOut {
        task_id: dependency.task_id,
        depends_on_id: dependency.depends_on_id,
        depends_on_title: predecessor.title.clone(),
        depends_on_status: predecessor.status.clone(),
        created_at: dependency.created_at,
    }
}

/// "A" (id) → "B" (id) → "A" (id): the cycle as people read it.
fn describe_cycle(cycle: &[Uuid], titles: &std::collections::HashMap<Uuid, String>) -> String {
    cycle
        .iter()
        .map(|id| match titles.get(id) {
            Some(title) => format!("\"{title}\" ({id})"),
            None => id.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" → ")
}

impl App {
    pub async fn list_dependencies(
        &self,
        actor: &Actor,
        task_id: Uuid,
    ) -> Result<Vec<DependencyOut>, AppError> {
        let db = self.store.conn();
        access::guard_owned(db, actor, Owned::Task, task_id, Need::Read).await?;
        let dependencies = tasks::dependencies_of(db, task_id).await?;
        let ids: Vec<Uuid> = dependencies.iter().map(|d| d.depends_on_id).collect();
        let predecessors = tasks::find_many(db, &ids).await?;
        Ok(dependencies
            .iter()
            .filter_map(|d| {
                predecessors
                    .iter()
                    .find(|p| p.id == d.depends_on_id)
                    .map(|p| out(d, p))
            })
            .collect())
    }

    pub async fn add_dependency(
        &self,
        actor: &Actor,
        task_id: Uuid,
        input: CreateDependency,
    ) -> Result<DependencyOut, AppError> {
        let txn = self.store.begin().await?;
        let access = access::guard_owned(&txn, actor, Owned::Task, task_id, Need::Write).await?;
        let project_id = access.project.id;
        // Two concurrent additions could each pass the cycle check and together close a
        // cycle: serialise dependency changes per project (SQLite has one writer anyway).
        eventmgr_store::repo::projects::lock_for_tree_change(&txn, project_id).await?;
        let task = tasks::find(&txn, task_id)
            .await?
            .ok_or(AppError::NotFound("task"))?;
        let predecessor = tasks::find(&txn, input.depends_on_id)
            .await?
            .filter(|p| p.project_id == project_id)
            .ok_or_else(|| {
                AppError::field(
                    "depends_on_id",
                    "unknown_task",
                    "depends_on_id must be a task of the same project",
                )
            })?;
        let existing = tasks::dependencies_of_project(&txn, project_id).await?;
        if let Some(found) = existing
            .iter()
            .find(|d| d.task_id == task_id && d.depends_on_id == predecessor.id)
        {
            // Adding what exists is a no-op that answers the existing dependency.
            return Ok(out(found, &predecessor));
        }
        let edges: Vec<Dependency<Uuid>> = existing
            .iter()
            .map(|d| Dependency {
                before: d.depends_on_id,
                after: d.task_id,
            })
            .collect();
        if let Some(cycle) = cycle_with(&edges, predecessor.id, task_id) {
            let all = tasks::find_many(&txn, &cycle).await?;
            let titles: std::collections::HashMap<Uuid, String> =
                all.into_iter().map(|t| (t.id, t.title)).collect();
            let records = cycle
                .iter()
                .map(|id| ConflictRecord {
                    name: titles.get(id).cloned(),
                    ..ConflictRecord::id(*id)
                })
                .collect();
            return Err(AppError::conflict_with(
                "dependency_cycle",
                format!(
                    "this dependency would close a cycle: {}",
                    describe_cycle(&cycle, &titles)
                ),
                records,
            ));
        }
        if task.status == "DONE" && predecessor.status != "DONE" {
            return Err(AppError::conflict_with(
                "done_depends_on_open",
                format!(
                    "\"{}\" is DONE and cannot depend on \"{}\", which is {}; reopen it first",
                    task.title, predecessor.title, predecessor.status
                ),
                vec![
                    ConflictRecord {
                        name: Some(task.title.clone()),
                        status: Some(task.status.clone()),
                        ..ConflictRecord::id(task.id)
                    },
                    ConflictRecord {
                        name: Some(predecessor.title.clone()),
                        status: Some(predecessor.status.clone()),
                        ..ConflictRecord::id(predecessor.id)
                    },
                ],
            ));
        }
        let model = task_dependency::Model {
            task_id,
            depends_on_id: predecessor.id,
            created_at: eventmgr_store::now(),
        };
        tasks::insert_dependency(&txn, model.clone()).await?;
        let result = out(&model, &predecessor);
        audit::record(
            &txn,
            actor,
            Change {
                action: "task.dependency_add",
                entity_type: "task",
                entity_id: task_id,
                project_id: Some(project_id),
                changes: serde_json::to_value(&result).ok(),
            },
        )
        .await?;
        live::emit(&txn, project_id, "task.dependency_added", task_id, None).await?;
        txn.commit().await?;
        self.announce();
        Ok(result)
    }

    pub async fn remove_dependency(
        &self,
        actor: &Actor,
        task_id: Uuid,
        depends_on_id: Uuid,
    ) -> Result<(), AppError> {
        let txn = self.store.begin().await?;
        let access = access::guard_owned(&txn, actor, Owned::Task, task_id, Need::Write).await?;
        if !tasks::delete_dependency(&txn, task_id, depends_on_id).await? {
            return Err(AppError::NotFound("dependency"));
        }
        audit::record(
            &txn,
            actor,
            Change {
                action: "task.dependency_remove",
                entity_type: "task",
                entity_id: task_id,
                project_id: Some(access.project.id),
                changes: Some(serde_json::json!({ "depends_on_id": depends_on_id })),
            },
        )
        .await?;
        live::emit(
            &txn,
            access.project.id,
            "task.dependency_removed",
            task_id,
            None,
        )
        .await?;
        txn.commit().await?;
        self.announce();
        Ok(())
    }
}
