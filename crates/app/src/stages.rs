//! Workflow stages: the ordered phases of a project (Concept → Planning → ... → Wrap-up).
//!
//! Rules: at most one stage is ACTIVE (the database enforces it too); activating a stage
//! completes the ACTIVE one before it ("activating the next completes the current"), or,
//! when stepping back to an earlier stage, returns the later one to PENDING. Transitions set
//! the timestamps: ACTIVE stamps `started_at`, DONE `completed_at`, PENDING clears both.
//! Positions stay dense (0, 1, 2, ...); a reorder renumbers the project's stages in one
//! transaction, under the project lock so two reorders cannot interleave.

use eventmgr_domain::{StageStatus, Status, Validator, check_move, text};
use eventmgr_store::Conn;
use eventmgr_store::entity::workflow_stage;
use eventmgr_store::repo::{projects, workflow_stages};
use serde::Deserialize;
use uuid::Uuid;

use crate::access::{self, Need, Owned};
use crate::audit::{self, Change};
use crate::live;
use crate::patch::nullable;
use crate::projects::WorkflowStageOut;
use crate::{Actor, App, AppError};

/// A project has at most this many stages.
pub const MAX_STAGES: usize = 50;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "Rehearsal", "position": 4}))]
pub struct CreateStage {
    pub name: String,
    pub description: Option<String>,
    /// 0-based place among the stages; default: last.
    pub position: Option<i32>,
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateStage {
    pub name: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub description: Option<Option<String>>,
    /// PENDING → ACTIVE → DONE; ACTIVE → PENDING and DONE → ACTIVE step back.
    pub status: Option<String>,
    /// Moves the stage to this 0-based place; the others shift.
    pub position: Option<i32>,
}

fn not_found() -> AppError {
    AppError::NotFound("workflow stage")
}

/// Puts `moving` at `position` (clamped) among `stages` and writes the dense positions that
/// changed. `moving` is not in `stages`.
async fn place<C: Conn>(
    db: &C,
    mut stages: Vec<workflow_stage::Model>,
    moving: Uuid,
    position: Option<i32>,
) -> Result<i32, AppError> {
    stages.retain(|s| s.id != moving);
    let at = position
        .map(|p| usize::try_from(p.max(0)).unwrap_or(0).min(stages.len()))
        .unwrap_or(stages.len());
    let mut order: Vec<(Uuid, i32)> = stages.iter().map(|s| (s.id, s.position)).collect();
    order.insert(at, (moving, -1));
    for (index, (id, old)) in order.iter().enumerate() {
        let index = i32::try_from(index).unwrap_or(i32::MAX);
        if *id != moving && *old != index {
            workflow_stages::set_position(db, *id, index).await?;
        }
    }
    Ok(i32::try_from(at).unwrap_or(i32::MAX))
}

/// Stamps the timestamps a move to `to` sets.
fn stamp(stage: &mut workflow_stage::Model, from: StageStatus, to: StageStatus) {
    let now = eventmgr_store::now();
    match to {
        StageStatus::Active => {
            if from == StageStatus::Pending || stage.started_at.is_none() {
                stage.started_at = Some(now);
            }
            stage.completed_at = None;
        }
        StageStatus::Done => stage.completed_at = Some(now),
        StageStatus::Pending => {
            stage.started_at = None;
            stage.completed_at = None;
        }
    }
    stage.status = to.as_str().to_owned();
}

async fn record_change<C: Conn>(
    db: &C,
    actor: &Actor,
    action: &str,
    before: Option<&workflow_stage::Model>,
    after: &workflow_stage::Model,
) -> Result<(), AppError> {
    let after_out = WorkflowStageOut::from(after.clone());
    let changes = match before {
        Some(b) => audit::diff_of(&WorkflowStageOut::from(b.clone()), &after_out),
        None => serde_json::to_value(&after_out).unwrap_or_default(),
    };
    audit::record(
        db,
        actor,
        Change {
            action,
            entity_type: "workflow_stage",
            entity_id: after.id,
            project_id: Some(after.project_id),
            changes: Some(changes),
        },
    )
    .await
}

impl App {
    pub async fn create_stage(
        &self,
        actor: &Actor,
        project_id: Uuid,
        input: CreateStage,
    ) -> Result<WorkflowStageOut, AppError> {
        let mut v = Validator::new();
        let name = v.check(text::required("name", &input.name, 100));
        let description = v.optional(input.description.as_deref(), |r| {
            text::optional("description", r, 10_000)
        });
        let txn = self.store.begin().await?;
        access::guard(&txn, actor, project_id, Need::Write, false).await?;
        projects::lock_for_tree_change(&txn, project_id).await?;
        let stages = workflow_stages::list(&txn, project_id).await?;
        if stages.len() >= MAX_STAGES {
            v.push(eventmgr_domain::FieldError::new(
                "name",
                "too_many",
                format!("a project has at most {MAX_STAGES} workflow stages"),
            ));
        }
        v.finish()?;
        let id = Uuid::now_v7();
        let position = place(&txn, stages, id, input.position).await?;
        let at = eventmgr_store::now();
        let model = workflow_stage::Model {
            id,
            project_id,
            name: name.unwrap_or_default(),
            description,
            position,
            status: StageStatus::Pending.as_str().to_owned(),
            started_at: None,
            completed_at: None,
            version: 1,
            created_at: at,
            updated_at: at,
        };
        workflow_stages::insert(&txn, model.clone()).await?;
        record_change(&txn, actor, "workflow_stage.create", None, &model).await?;
        live::emit(&txn, project_id, "workflow_stage.created", id, Some(1)).await?;
        txn.commit().await?;
        self.announce();
        Ok(model.into())
    }

    pub async fn get_stage(&self, actor: &Actor, id: Uuid) -> Result<WorkflowStageOut, AppError> {
        let db = self.store.conn();
        access::guard_owned(db, actor, Owned::WorkflowStage, id, Need::Read).await?;
        Ok(workflow_stages::find(db, id)
            .await?
            .ok_or_else(not_found)?
            .into())
    }

    pub async fn update_stage(
        &self,
        actor: &Actor,
        id: Uuid,
        expected_version: Option<i64>,
        input: UpdateStage,
    ) -> Result<WorkflowStageOut, AppError> {
        let txn = self.store.begin().await?;
        let access =
            access::guard_owned(&txn, actor, Owned::WorkflowStage, id, Need::Write).await?;
        let project_id = access.project.id;
        projects::lock_for_tree_change(&txn, project_id).await?;
        let current = workflow_stages::find(&txn, id)
            .await?
            .ok_or_else(not_found)?;
        audit::check_version(expected_version, current.version)?;
        let mut v = Validator::new();
        let mut next = current.clone();
        if let Some(raw) = input.name.as_deref()
            && let Some(name) = v.check(text::required("name", raw, 100))
        {
            next.name = name;
        }
        if let Some(value) = input.description {
            next.description = v.optional(value.as_deref(), |r| {
                text::optional("description", r, 10_000)
            });
        }
        let to = input
            .status
            .as_deref()
            .and_then(|raw| v.check(StageStatus::parse("status", raw)));
        v.finish()?;
        if let Some(position) = input.position
            && position != current.position
        {
            let stages = workflow_stages::list(&txn, project_id).await?;
            next.position = place(&txn, stages, id, Some(position)).await?;
        }
        if let Some(to) = to {
            let from = StageStatus::parse("status", &current.status).map_err(|_| {
                AppError::Internal("stored workflow stage status is unknown".to_owned())
            })?;
            check_move(from, to).map_err(|e| AppError::Conflict(e.to_string()))?;
            if from != to {
                if to == StageStatus::Active
                    && let Some(other) = workflow_stages::active(&txn, project_id).await?
                    && other.id != id
                {
                    // The current stage makes way first (the one-ACTIVE index would refuse
                    // two): completed when moving on, back to PENDING when stepping back.
                    let mut moved = other.clone();
                    let other_from = StageStatus::Active;
                    if other.position < next.position {
                        stamp(&mut moved, other_from, StageStatus::Done);
                    } else {
                        stamp(&mut moved, other_from, StageStatus::Pending);
                    }
                    moved.version = other.version + 1;
                    moved.updated_at = eventmgr_store::now();
                    audit::written(
                        workflow_stages::update(&txn, moved.clone(), other.version).await?,
                        other.version,
                    )?;
                    record_change(&txn, actor, "workflow_stage.update", Some(&other), &moved)
                        .await?;
                    live::emit(
                        &txn,
                        project_id,
                        "workflow_stage.updated",
                        moved.id,
                        Some(moved.version),
                    )
                    .await?;
                }
                stamp(&mut next, from, to);
            }
        }
        next.version = current.version + 1;
        next.updated_at = eventmgr_store::now();
        audit::written(
            workflow_stages::update(&txn, next.clone(), current.version).await?,
            current.version,
        )?;
        record_change(&txn, actor, "workflow_stage.update", Some(&current), &next).await?;
        live::emit(
            &txn,
            project_id,
            "workflow_stage.updated",
            id,
            Some(next.version),
        )
        .await?;
        txn.commit().await?;
        self.announce();
        Ok(next.into())
    }

    /// Deletes a stage that is not ACTIVE; its tasks keep existing without a stage.
    pub async fn delete_stage(
        &self,
        actor: &Actor,
        id: Uuid,
        expected_version: Option<i64>,
    ) -> Result<(), AppError> {
        let txn = self.store.begin().await?;
        let access =
            access::guard_owned(&txn, actor, Owned::WorkflowStage, id, Need::Write).await?;
        let project_id = access.project.id;
        projects::lock_for_tree_change(&txn, project_id).await?;
        let current = workflow_stages::find(&txn, id)
            .await?
            .ok_or_else(not_found)?;
        audit::check_version(expected_version, current.version)?;
        if current.status == StageStatus::Active.as_str() {
            return Err(AppError::Conflict(
                "the ACTIVE stage cannot be deleted; complete it or step back first".to_owned(),
            ));
        }
        audit::written(
            workflow_stages::delete(&txn, id, current.version).await?,
            current.version,
        )?;
        let rest = workflow_stages::list(&txn, project_id).await?;
        for (index, stage) in rest.iter().enumerate() {
            let index = i32::try_from(index).unwrap_or(i32::MAX);
            if stage.position != index {
                workflow_stages::set_position(&txn, stage.id, index).await?;
            }
        }
        audit::record(
            &txn,
            actor,
            Change {
                action: "workflow_stage.delete",
                entity_type: "workflow_stage",
                entity_id: id,
                project_id: Some(project_id),
                changes: serde_json::to_value(WorkflowStageOut::from(current)).ok(),
            },
        )
        .await?;
        live::emit(&txn, project_id, "workflow_stage.deleted", id, None).await?;
        txn.commit().await?;
        self.announce();
        Ok(())
    }
}
