//! Projects (events): create with default workflow stages, read, list, update, trash and
//! restore, and the status lifecycle.

use chrono::{DateTime, NaiveDate, Utc};
use eventmgr_domain::workflow::DEFAULT_STAGES;
use eventmgr_domain::{Currency, FieldError, MemberRole, Money, ProjectStatus, Validator, text};
use eventmgr_store::entity::{project, project_member, workflow_stage};
use eventmgr_store::repo::projects::{self, ProjectFilter};
use eventmgr_store::repo::{clients, members, users, workflow_stages};
use eventmgr_store::{Conn, DbDecimal};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::access::{self, Need, ProjectAccess};
use crate::audit::{self, Change};
use crate::listing::{self, ListParams, ListResponse};
use crate::patch::nullable;
use crate::{Actor, App, AppError, Permission};

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProjectOut {
    pub id: Uuid,
    pub name: String,
    pub description: Option<String>,
    #[schema(value_type = String, example = "PLANNING")]
    pub status: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    /// First build-up day (on or before `start_date`); none means the show's start.
    pub build_up_date: Option<NaiveDate>,
    /// Last dismantle day (on or after `end_date`); none means the show's end.
    pub dismantle_date: Option<NaiveDate>,
    pub venue: Option<String>,
    pub location: Option<String>,
    /// Decimal string; absent for callers without `costs:read`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, example = "250000.00")]
    pub budget: Option<String>,
    pub currency: String,
    pub manager_id: Option<Uuid>,
    pub client_id: Option<Uuid>,
    pub created_by: Option<Uuid>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
    /// What the caller may do here, so that a client offers only the actions that will
    /// succeed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub my_access: Option<ProjectAbilities>,
}

/// The caller's standing in one project.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProjectAbilities {
    /// `MANAGER`, `MEMBER` or `VIEWER`; none for those who see it through their role alone
    /// (admins, company-wide readers, the client's own users).
    pub member_role: Option<String>,
    /// May change the project's records (BOM, permits, tasks, files, ...).
    pub write: bool,
    /// May manage members, step the status back, cancel, trash.
    pub manage: bool,
    /// Sees prices, budgets and totals (named so that no cost-looking key reaches a client
    /// user, who never sees costs).
    pub sees_costs: bool,
    /// The statuses this caller may move the project to now.
    pub next_statuses: Vec<String>,
}

impl ProjectAbilities {
    fn of(access: &ProjectAccess) -> ProjectAbilities {
        let manage = access.can_manage();
        let next_statuses = match access.project.status.parse::<ProjectStatus>() {
            Ok(status) if access.can_write() => status
                .allowed_next(manage)
                .into_iter()
                .filter(|next| manage || *next != ProjectStatus::Cancelled)
                .map(|next| next.as_str().to_owned())
                .collect(),
            _ => Vec::new(),
        };
        ProjectAbilities {
            member_role: access.member_role.map(|r| r.as_str().to_owned()),
            write: access.can_write(),
            manage,
            sees_costs: access.sees_costs,
            next_statuses,
        }
    }
}

impl ProjectOut {
    /// The answer about one project for the caller whose `access` it is.
    fn for_caller(access: &ProjectAccess) -> ProjectOut {
        let mut out = ProjectOut::from_model(access.project.clone(), access.sees_costs);
        out.my_access = Some(ProjectAbilities::of(access));
        out
    }

    pub fn from_model(m: project::Model, sees_costs: bool) -> ProjectOut {
        ProjectOut {
            id: m.id,
            name: m.name,
            description: m.description,
            status: m.status,
            start_date: m.start_date,
            end_date: m.end_date,
            build_up_date: m.build_up_date,
            dismantle_date: m.dismantle_date,
            venue: m.venue,
            location: m.location,
            budget: sees_costs.then(|| Money::from_stored(m.budget.0).to_string()),
            currency: m.currency,
            manager_id: m.manager_id,
            client_id: m.client_id,
            created_by: m.created_by,
            version: m.version,
            created_at: m.created_at,
            updated_at: m.updated_at,
            deleted_at: m.deleted_at,
            my_access: None,
        }
    }
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateProject {
    pub name: String,
    pub description: Option<String>,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    /// First build-up day, on or before `start_date`.
    pub build_up_date: Option<NaiveDate>,
    /// Last dismantle day, on or after `end_date`.
    pub dismantle_date: Option<NaiveDate>,
    pub venue: Option<String>,
    pub location: Option<String>,
    /// Decimal string, at most 2 decimals; default "0.00".
    pub budget: Option<String>,
    /// ISO 4217; default EUR.
    pub currency: Option<String>,
    pub manager_id: Option<Uuid>,
    pub client_id: Option<Uuid>,
    /// Names of the workflow stages, in order; default: the standard production phases.
    pub workflow_stages: Option<Vec<String>>,
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateProject {
    pub name: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub description: Option<Option<String>>,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    #[serde(default, deserialize_with = "nullable")]
    pub build_up_date: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "nullable")]
    pub dismantle_date: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "nullable")]
    pub venue: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub location: Option<Option<String>>,
    pub budget: Option<String>,
    pub currency: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub manager_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "nullable")]
    pub client_id: Option<Option<Uuid>>,
    /// Accepted only unchanged (a GET body sent back); status moves through `/transition`.
    pub status: Option<String>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TransitionRequest {
    #[schema(example = "CONFIRMED")]
    pub to: String,
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProjectQuery {
    /// One status or several, comma-separated.
    pub status: Option<String>,
    pub client_id: Option<Uuid>,
    pub manager_id: Option<Uuid>,
    /// Events that end on or after this date.
    pub from: Option<NaiveDate>,
    /// Events that start on or before this date.
    pub to: Option<NaiveDate>,
    /// Substring of name, venue, location or description.
    pub q: Option<String>,
    /// `true` lists the trash.
    pub deleted: Option<bool>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct WorkflowStageOut {
    pub id: Uuid,
    pub project_id: Uuid,
    pub name: String,
    pub description: Option<String>,
    pub position: i32,
    pub status: String,
    pub started_at: Option<DateTime<Utc>>,
    pub completed_at: Option<DateTime<Utc>>,
    pub version: i64,
}

impl From<workflow_stage::Model> for WorkflowStageOut {
    fn from(m: workflow_stage::Model) -> Self {
        WorkflowStageOut {
            id: m.id,
            project_id: m.project_id,
            name: m.name,
            description: m.description,
            position: m.position,
            status: m.status,
            started_at: m.started_at,
            completed_at: m.completed_at,
            version: m.version,
        }
    }
}

pub const DEFAULT_SORT: &str = "start_date";

/// A manager must be an active account that is not a client's.
async fn check_manager<C: Conn>(db: &C, v: &mut Validator, id: Uuid) -> Result<(), AppError> {
    let user = users::find(db, id).await?;
    let ok = matches!(user, Some(u) if u.is_active && u.client_id.is_none());
    if !ok {
        v.push(FieldError::new(
            "manager_id",
            "unknown_user",
            "manager_id must name an active user of the company",
        ));
    }
    Ok(())
}

async fn check_client<C: Conn>(db: &C, v: &mut Validator, id: Uuid) -> Result<(), AppError> {
    if clients::find(db, id, false).await?.is_none() {
        v.push(FieldError::new(
            "client_id",
            "unknown_client",
            "client_id must name an existing client",
        ));
    }
    Ok(())
}

fn check_dates(v: &mut Validator, m: &project::Model) {
    check_window(
        v,
        m.start_date,
        m.end_date,
        m.build_up_date,
        m.dismantle_date,
    );
}

/// The show runs `start..=end`; build-up may begin earlier and dismantling end later.
fn check_window(
    v: &mut Validator,
    start: NaiveDate,
    end: NaiveDate,
    build_up: Option<NaiveDate>,
    dismantle: Option<NaiveDate>,
) {
    if end < start {
        v.push(FieldError::new(
            "end_date",
            "before_start",
            "end_date must not be before start_date",
        ));
    }
    if build_up.is_some_and(|d| d > start) {
        v.push(FieldError::new(
            "build_up_date",
            "after_start",
            "build_up_date must not be after start_date",
        ));
    }
    if dismantle.is_some_and(|d| d < end) {
        v.push(FieldError::new(
            "dismantle_date",
            "before_end",
            "dismantle_date must not be before end_date",
        ));
    }
}

async fn add_member<C: Conn>(
    db: &C,
    project_id: Uuid,
    user_id: Uuid,
    role: MemberRole,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    if members::find(db, project_id, user_id).await?.is_none() {
        members::insert(
            db,
            project_member::Model {
                project_id,
                user_id,
                role: role.as_str().to_owned(),
                version: 1,
                created_at: at,
                updated_at: at,
            },
        )
        .await?;
    }
    Ok(())
}

impl App {
    pub async fn create_project(
        &self,
        actor: &Actor,
        input: CreateProject,
    ) -> Result<ProjectOut, AppError> {
        actor.require(Permission::ProjectsCreate)?;
        let mut v = Validator::new();
        let name = v.check(text::required("name", &input.name, 200));
        let description = v.optional(input.description.as_deref(), |r| {
            text::optional("description", r, 20_000)
        });
        let venue = v.optional(input.venue.as_deref(), |r| text::optional("venue", r, 200));
        let location = v.optional(input.location.as_deref(), |r| {
            text::optional("location", r, 500)
        });
        let budget = match input.budget.as_deref() {
            None => Some(Money::ZERO),
            Some(raw) => v.check(Money::parse_non_negative("budget", raw)),
        };
        let currency = match input.currency.as_deref() {
            None => Some(Currency::EUR),
            Some(raw) => v.check(Currency::parse("currency", raw)),
        };
        let stage_names: Vec<String> = match input.workflow_stages {
            None => DEFAULT_STAGES.iter().map(|s| (*s).to_owned()).collect(),
            Some(names) => {
                if names.len() > 50 {
                    v.push(FieldError::new(
                        "workflow_stages",
                        "too_many",
                        "at most 50 workflow stages",
                    ));
                }
                names
                    .iter()
                    .enumerate()
                    .filter_map(|(i, n)| {
                        v.check(text::required(&format!("workflow_stages[{i}]"), n, 100))
                    })
                    .collect()
            }
        };

        check_window(
            &mut v,
            input.start_date,
            input.end_date,
            input.build_up_date,
            input.dismantle_date,
        );
        let txn = self.store.begin().await?;
        if let Some(id) = input.manager_id {
            check_manager(&txn, &mut v, id).await?;
        }
        if let Some(id) = input.client_id {
            check_client(&txn, &mut v, id).await?;
        }
        v.finish()?;
        let (Some(name), Some(budget), Some(currency)) = (name, budget, currency) else {
            return Err(AppError::Internal("validated values missing".to_owned()));
        };
        let at = eventmgr_store::now();
        let model = project::Model {
            id: Uuid::now_v7(),
            name,
            description,
            status: ProjectStatus::Planning.as_str().to_owned(),
            start_date: input.start_date,
            end_date: input.end_date,
            build_up_date: input.build_up_date,
            dismantle_date: input.dismantle_date,
            venue,
            location,
            budget: DbDecimal(budget.amount()),
            currency: currency.code().to_owned(),
            manager_id: input.manager_id.or(Some(actor.user_id)),
            client_id: input.client_id,
            created_by: Some(actor.user_id),
            version: 1,
            created_at: at,
            updated_at: at,
            deleted_at: None,
        };
        projects::insert(&txn, model.clone()).await?;
        // The creator and the named manager manage the project.
        add_member(&txn, model.id, actor.user_id, MemberRole::Manager, at).await?;
        if let Some(manager) = input.manager_id {
            add_member(&txn, model.id, manager, MemberRole::Manager, at).await?;
        }
        for (position, stage) in stage_names.into_iter().enumerate() {
            workflow_stages::insert(
                &txn,
                workflow_stage::Model {
                    id: Uuid::now_v7(),
                    project_id: model.id,
                    name: stage,
                    description: None,
                    position: i32::try_from(position).unwrap_or(i32::MAX),
                    status: "PENDING".to_owned(),
                    started_at: None,
                    completed_at: None,
                    version: 1,
                    created_at: at,
                    updated_at: at,
                },
            )
            .await?;
        }
        let out = ProjectOut::from_model(model, true);
        audit::record(
            &txn,
            actor,
            Change {
                action: "project.create",
                entity_type: "project",
                entity_id: out.id,
                project_id: Some(out.id),
                changes: serde_json::to_value(&out).ok(),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(ProjectOut {
            budget: if actor.has(Permission::CostsRead) {
                out.budget.clone()
            } else {
                None
            },
            ..out
        })
    }

    pub async fn get_project(
        &self,
        actor: &Actor,
        id: Uuid,
        include_deleted: bool,
    ) -> Result<ProjectOut, AppError> {
        let access =
            access::guard(self.store.conn(), actor, id, Need::Read, include_deleted).await?;
        Ok(ProjectOut::for_caller(&access))
    }

    pub async fn list_projects(
        &self,
        actor: &Actor,
        query: ProjectQuery,
        params: ListParams,
    ) -> Result<ListResponse<ProjectOut>, AppError> {
        let mut statuses = Vec::new();
        for raw in query
            .status
            .iter()
            .flat_map(|s| s.split(','))
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            let status: ProjectStatus = raw
                .parse()
                .map_err(|_| AppError::BadRequest(format!("unknown status '{raw}'")))?;
            statuses.push(status.as_str().to_owned());
        }
        let page_query = listing::page_query(&params, projects::sort_column, DEFAULT_SORT)?;
        let filter = ProjectFilter {
            statuses,
            client_id: query.client_id,
            manager_id: query.manager_id,
            from: query.from,
            to: query.to,
            q: query.q.filter(|q| !q.trim().is_empty()),
            deleted: query.deleted.unwrap_or(false),
        };
        let page = projects::list(
            self.store.conn(),
            access::visibility(actor),
            &filter,
            &page_query,
        )
        .await
        .map_err(crate::clients::cursor_or_internal)?;
        // The caller's role in each listed project, from one query over this page's projects
        // (an admin may be on a thousand teams), so a list offers the same actions as the
        // project's own page.
        let roles: std::collections::HashMap<Uuid, MemberRole> = if actor.is_client_user() {
            std::collections::HashMap::new()
        } else {
            let ids = page.items.iter().map(|p| p.id).collect();
            members::of_user_in(self.store.conn(), actor.user_id, ids)
                .await?
                .into_iter()
                .filter_map(|m| Some((m.project_id, m.role.parse::<MemberRole>().ok()?)))
                .collect()
        };
        let sees_costs = actor.has(Permission::CostsRead);
        Ok(listing::respond(&params, DEFAULT_SORT, page, |m| {
            ProjectOut::for_caller(&ProjectAccess {
                member_role: roles.get(&m.id).copied(),
                project: m,
                is_admin: actor.is_admin(),
                sees_costs,
            })
        }))
    }

    pub async fn update_project(
        &self,
        actor: &Actor,
        id: Uuid,
        expected_version: Option<i64>,
        input: UpdateProject,
    ) -> Result<ProjectOut, AppError> {
        let txn = self.store.begin().await?;
        let access = access::guard(&txn, actor, id, Need::Manage, false).await?;
        let current = access.project.clone();
        audit::check_version(expected_version, current.version)?;
        let mut v = Validator::new();
        let mut next = current.clone();
        if let Some(status) = input.status.as_deref()
            && status != current.status
        {
            v.push(FieldError::new(
                "status",
                "use_transition",
                "status changes through POST /projects/{id}/transition",
            ));
        }
        if let Some(name) = input.name.as_deref()
            && let Some(name) = v.check(text::required("name", name, 200))
        {
            next.name = name;
        }
        if let Some(value) = input.description {
            next.description = v.optional(value.as_deref(), |r| {
                text::optional("description", r, 20_000)
            });
        }
        if let Some(value) = input.venue {
            next.venue = v.optional(value.as_deref(), |r| text::optional("venue", r, 200));
        }
        if let Some(value) = input.location {
            next.location = v.optional(value.as_deref(), |r| text::optional("location", r, 500));
        }
        next.start_date = input.start_date.unwrap_or(current.start_date);
        next.end_date = input.end_date.unwrap_or(current.end_date);
        if let Some(value) = input.build_up_date {
            next.build_up_date = value;
        }
        if let Some(value) = input.dismantle_date {
            next.dismantle_date = value;
        }
        check_dates(&mut v, &next);
        if let Some(raw) = input.budget.as_deref() {
            if !access.sees_costs {
                v.push(FieldError::new(
                    "budget",
                    "forbidden",
                    "changing the budget needs the permission costs:read",
                ));
            } else if let Some(budget) = v.check(Money::parse_non_negative("budget", raw)) {
                next.budget = DbDecimal(budget.amount());
            }
        }
        if let Some(raw) = input.currency.as_deref()
            && let Some(currency) = v.check(Currency::parse("currency", raw))
        {
            next.currency = currency.code().to_owned();
        }
        if let Some(value) = input.manager_id {
            if let Some(manager) = value {
                check_manager(&txn, &mut v, manager).await?;
            }
            next.manager_id = value;
        }
        if let Some(value) = input.client_id {
            if let Some(client) = value
                && Some(client) != current.client_id
            {
                check_client(&txn, &mut v, client).await?;
            }
            next.client_id = value;
        }
        v.finish()?;
        let at = eventmgr_store::now();
        if next.manager_id != current.manager_id
            && let Some(manager) = next.manager_id
        {
            add_member(&txn, id, manager, MemberRole::Manager, at).await?;
        }
        next.version = current.version + 1;
        next.updated_at = at;
        audit::written(
            projects::update(&txn, next.clone(), current.version).await?,
            current.version,
        )?;
        let before =
            serde_json::to_value(ProjectOut::from_model(current, true)).unwrap_or_default();
        let after =
            serde_json::to_value(ProjectOut::from_model(next.clone(), true)).unwrap_or_default();
        audit::record(
            &txn,
            actor,
            Change {
                action: "project.update",
                entity_type: "project",
                entity_id: id,
                project_id: Some(id),
                changes: Some(audit::diff(&before, &after)),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(ProjectOut::for_caller(&ProjectAccess {
            project: next,
            ..access
        }))
    }

    /// Moves the project along its lifecycle. Members move it forward; stepping back and
    /// cancelling are for the project's managers.
    pub async fn transition_project(
        &self,
        actor: &Actor,
        id: Uuid,
        expected_version: Option<i64>,
        input: TransitionRequest,
    ) -> Result<ProjectOut, AppError> {
        let to: ProjectStatus = input.to.trim().parse().map_err(|_| {
            AppError::field("to", "unknown_status", "to must be one of PLANNING, CONFIRMED, IN_PRODUCTION, LIVE, WRAP_UP, COMPLETED, CANCELLED")
        })?;
        let txn = self.store.begin().await?;
        let access = access::guard(&txn, actor, id, Need::Write, false).await?;
        let current = access.project.clone();
        audit::check_version(expected_version, current.version)?;
        let from: ProjectStatus = current
            .status
            .parse()
            .map_err(|_| AppError::Internal(format!("stored status {} unknown", current.status)))?;
        let manages = access.can_manage();
        from.transition(to, manages)
            .map_err(|e| AppError::Conflict(e.to_string()))?;
        if to == ProjectStatus::Cancelled && !manages {
            return Err(AppError::Forbidden(
                "only the project's managers may cancel it".to_owned(),
            ));
        }
        let mut next = current.clone();
        next.status = to.as_str().to_owned();
        next.version = current.version + 1;
        next.updated_at = eventmgr_store::now();
        audit::written(
            projects::update(&txn, next.clone(), current.version).await?,
            current.version,
        )?;
        audit::record(
            &txn,
            actor,
            Change {
                action: "project.transition",
                entity_type: "project",
                entity_id: id,
                project_id: Some(id),
                changes: Some(
                    serde_json::json!({"status": {"before": from.as_str(), "after": to.as_str()}}),
                ),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(ProjectOut::for_caller(&ProjectAccess {
            project: next,
            ..access
        }))
    }

    pub async fn delete_project(
        &self,
        actor: &Actor,
        id: Uuid,
        expected_version: Option<i64>,
    ) -> Result<(), AppError> {
        let txn = self.store.begin().await?;
        let current = access::guard(&txn, actor, id, Need::Manage, false)
            .await?
            .project;
        audit::check_version(expected_version, current.version)?;
        let at = eventmgr_store::now();
        let mut next = current.clone();
        next.deleted_at = Some(at);
        next.updated_at = at;
        next.version = current.version + 1;
        audit::written(
            projects::update(&txn, next, current.version).await?,
            current.version,
        )?;
        audit::record(
            &txn,
            actor,
            Change {
                action: "project.delete",
                entity_type: "project",
                entity_id: id,
                project_id: Some(id),
                changes: None,
            },
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    pub async fn restore_project(&self, actor: &Actor, id: Uuid) -> Result<ProjectOut, AppError> {
        let txn = self.store.begin().await?;
        let access = access::guard(&txn, actor, id, Need::Manage, true).await?;
        let current = access.project.clone();
        if current.deleted_at.is_none() {
            return Err(AppError::Conflict(
                "the project is not in the trash".to_owned(),
            ));
        }
        if let Some(client) = current.client_id
            && clients::find(&txn, client, false).await?.is_none()
        {
            return Err(AppError::Conflict(
                "the project's client is in the trash; restore the client first".to_owned(),
            ));
        }
        let mut next = current.clone();
        next.deleted_at = None;
        next.updated_at = eventmgr_store::now();
        next.version = current.version + 1;
        audit::written(
            projects::update(&txn, next.clone(), current.version).await?,
            current.version,
        )?;
        audit::record(
            &txn,
            actor,
            Change {
                action: "project.restore",
                entity_type: "project",
                entity_id: id,
                project_id: Some(id),
                changes: None,
            },
        )
        .await?;
        txn.commit().await?;
        Ok(ProjectOut::from_model(next, access.sees_costs))
    }

    pub async fn list_workflow_stages(
        &self,
        actor: &Actor,
        project_id: Uuid,
    ) -> Result<Vec<WorkflowStageOut>, AppError> {
        let db = self.store.conn();
        access::guard(db, actor, project_id, Need::Read, false).await?;
        Ok(workflow_stages::list(db, project_id)
            .await?
            .into_iter()
            .map(WorkflowStageOut::from)
            .collect())
    }
}
