//! `GET /dashboard`: what needs the caller's attention across every production they can see —
//! their tasks due soon, the running projects with money against budget, permits at risk, the
//! next transports and what changed lately. A fixed number of queries, however many projects
//! are running (see `eventmgr_store::repo::dashboard`).

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use eventmgr_domain::{Money, Status, TaskStatus};
use eventmgr_store::entity::project;
use eventmgr_store::repo::dashboard::{self, Committed};
use eventmgr_store::repo::page::PageQuery;
use eventmgr_store::repo::projects::{self, ProjectFilter};
use eventmgr_store::repo::transports;
use serde::Serialize;
use uuid::Uuid;

use crate::listing::{self, ListParams};
use crate::permits::{DEFAULT_RISK_DAYS, risk_of};
use crate::tasks::{TaskOut, TaskQuery};
use crate::{Actor, App, AppError, Permission, access};

/// Statuses of a production that is still being planned or run.
pub const ACTIVE_STATUSES: [&str; 5] =
    ["PLANNING", "CONFIRMED", "IN_PRODUCTION", "LIVE", "WRAP_UP"];
/// How many running projects the dashboard shows (soonest start first).
pub const MAX_PROJECTS: u64 = 12;
/// My tasks due within this many days (and every overdue one).
pub const TASK_HORIZON_DAYS: i64 = 14;
const MAX_TASKS: u64 = 20;
const MAX_TRANSPORTS: u64 = 8;
const MAX_CHANGES: u64 = 12;
/// What a client user's feed may show: the production itself, never its internals (files
/// that are not shared with them, internal tasks).
const CLIENT_FEED_TYPES: [&str; 1] = ["project"];

/// One running project with, for callers with `costs:read`, money against budget.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DashboardProject {
    pub id: Uuid,
    pub name: String,
    #[schema(example = "IN_PRODUCTION")]
    pub status: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub currency: String,
    /// Absent without `costs:read`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget_status: Option<BudgetStatus>,
}

/// Budget against what BOM, permits and logistics add up to.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct BudgetStatus {
    #[schema(value_type = String, example = "250000.00")]
    pub budget: String,
    /// BOM + permits + logistics.
    #[schema(value_type = String, example = "231480.50")]
    pub committed: String,
    /// Committed as a percentage of the budget, one decimal; null for a zero budget.
    #[schema(value_type = Option<String>, example = "92.6")]
    pub percent_of_budget: Option<String>,
    pub over_budget: bool,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DashboardPermit {
    pub id: Uuid,
    pub project_id: Uuid,
    pub project_name: String,
    pub name: String,
    pub permit_type: String,
    pub status: String,
    /// `REJECTED`, `NOT_APPROVED` or `EXPIRES_EARLY`.
    pub risk_code: String,
    /// The risk in English words.
    pub risk: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DashboardTransport {
    pub id: Uuid,
    pub project_id: Uuid,
    pub project_name: String,
    #[schema(example = "DELIVERY")]
    pub logistics_type: String,
    pub description: String,
    pub scheduled_at: Option<DateTime<Utc>>,
    pub status: String,
    pub to_location: Option<String>,
}

/// One change from the audit log, named so a person recognises it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RecentChange {
    pub at: DateTime<Utc>,
    /// e.g. `bom_item.update`, `task.create`, `project.transition`.
    pub action: String,
    /// `project`, `bom_item`, `task`, `permit`, `transport`, `file`, `card`, ...
    pub entity_type: String,
    pub entity_id: Option<Uuid>,
    /// The record's name now; for a deleted record the name it had, when known.
    pub entity_name: Option<String>,
    pub project_id: Uuid,
    pub project_name: String,
    /// Who did it (their name or email at the time).
    pub actor: Option<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Dashboard {
    /// The server's today (UTC): "due" and "overdue" are relative to it.
    pub today: NaiveDate,
    /// My open tasks due within 14 days or overdue, soonest first (empty for client users).
    pub my_tasks: Vec<TaskOut>,
    /// Running projects (PLANNING..WRAP_UP), soonest start first, at most 12.
    pub projects: Vec<DashboardProject>,
    /// How many running projects there are in all (more than `projects` shows when > 12).
    pub projects_total: u64,
    /// Permits at risk in those projects.
    pub permits_at_risk: Vec<DashboardPermit>,
    /// The next transports of those projects, earliest first, at most 8.
    pub next_transports: Vec<DashboardTransport>,
    /// The latest changes in every project the caller can see, newest first, at most 12.
    pub recent_changes: Vec<RecentChange>,
}

fn money(value: rust_decimal::Decimal) -> String {
    Money::from_stored(value).to_string()
}

fn budget_status(project: &project::Model, committed: Committed) -> BudgetStatus {
    let budget = project.budget.0;
    let total = committed.total();
    BudgetStatus {
        budget: money(budget),
        committed: money(total),
        percent_of_budget: crate::summary::percent(total, budget),
        over_budget: total > budget,
    }
}

/// The name a deleted record had, from its audit entry (creates and deletes record the
/// object); only name-like fields are read, never amounts.
fn name_in_changes(changes: Option<&serde_json::Value>) -> Option<String> {
    let object = changes?.as_object()?;
    ["name", "title", "description"].iter().find_map(|key| {
        let value = object.get(*key)?;
        value
            .as_str()
            .or_else(|| value.get("before").and_then(|b| b.as_str()))
            .map(str::to_owned)
    })
}

impl App {
    pub async fn dashboard(&self, actor: &Actor) -> Result<Dashboard, AppError> {
        // One snapshot for all its reads (see `Store::snapshot`).
        let txn = self.store.snapshot().await?;
        let db = &txn;
        let now = Utc::now();
        let today = now.date_naive();
        let visibility = access::visibility(actor);
        let sees_costs = actor.has(Permission::CostsRead);

        let my_tasks = if actor.is_client_user() {
            Vec::new()
        } else {
            let open = TaskStatus::ALL
                .iter()
                .filter(|s| **s != TaskStatus::Done)
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(",");
            self.list_tasks_in(
                db,
                actor,
                None,
                TaskQuery {
                    assigned_to: Some("me".to_owned()),
                    status: Some(open),
                    due_before: Some(today + Duration::days(TASK_HORIZON_DAYS + 1)),
                    ..TaskQuery::default()
                },
                ListParams {
                    limit: Some(MAX_TASKS),
                    cursor: None,
                    sort: Some("due_date,-priority".to_owned()),
                },
            )
            .await?
            .items
        };

        let page_query: PageQuery<project::Column> = listing::page_query(
            &ListParams {
                limit: Some(MAX_PROJECTS),
                cursor: None,
                sort: Some("start_date".to_owned()),
            },
            projects::sort_column,
            "start_date",
        )?;
        let running = projects::list(
            db,
            visibility,
            &ProjectFilter {
                statuses: ACTIVE_STATUSES.map(str::to_owned).to_vec(),
                ..ProjectFilter::default()
            },
            &page_query,
        )
        .await?;
        let ids: Vec<Uuid> = running.items.iter().map(|p| p.id).collect();
        let by_id: HashMap<Uuid, &project::Model> =
            running.items.iter().map(|p| (p.id, p)).collect();

        let committed = if sees_costs {
            dashboard::committed(db, &ids).await?
        } else {
            HashMap::new()
        };
        let projects_out = running
            .items
            .iter()
            .map(|p| DashboardProject {
                id: p.id,
                name: p.name.clone(),
                status: p.status.clone(),
                start_date: p.start_date,
                end_date: p.end_date,
                currency: p.currency.clone(),
                budget_status: committed.get(&p.id).map(|c| budget_status(p, *c)),
            })
            .collect();

        let permits_at_risk = dashboard::permits_of(db, &ids)
            .await?
            .into_iter()
            .filter_map(|permit| {
                let project = by_id.get(&permit.project_id)?;
                let risk = risk_of(&permit, project, today, DEFAULT_RISK_DAYS)?;
                Some(DashboardPermit {
                    id: permit.id,
                    project_id: project.id,
                    project_name: project.name.clone(),
                    name: permit.name,
                    permit_type: permit.permit_type,
                    status: permit.status,
                    risk_code: risk.code.to_owned(),
                    risk: risk.text,
                })
            })
            .collect();

        let next_transports = transports::upcoming(db, &ids, now, MAX_TRANSPORTS)
            .await?
            .into_iter()
            .filter_map(|t| {
                let project = by_id.get(&t.project_id)?;
                Some(DashboardTransport {
                    id: t.id,
                    project_id: project.id,
                    project_name: project.name.clone(),
                    logistics_type: t.logistics_type,
                    description: t.description,
                    scheduled_at: t.scheduled_at,
                    status: t.status,
                    to_location: t.to_location,
                })
            })
            .collect();

        let recent_changes = self.recent_changes(db, actor).await?;
        txn.commit().await?;

        Ok(Dashboard {
            today,
            my_tasks,
            projects: projects_out,
            projects_total: running.total,
            permits_at_risk,
            next_transports,
            recent_changes,
        })
    }

    async fn recent_changes<C: eventmgr_store::Conn>(
        &self,
        db: &C,
        actor: &Actor,
    ) -> Result<Vec<RecentChange>, AppError> {
        let kinds = actor.is_client_user().then_some(&CLIENT_FEED_TYPES[..]);
        let entries =
            dashboard::recent_changes(db, access::visibility(actor), kinds, MAX_CHANGES).await?;

        // One name query per kind of record; the projects' own names come with the entries
        // about projects (ids are unique across kinds, so one map holds them all).
        let mut ids_by_kind: BTreeMap<&str, Vec<Uuid>> = BTreeMap::new();
        for entry in &entries {
            if let Some(id) = entry.entity_id {
                ids_by_kind.entry(&entry.entity_type).or_default().push(id);
            }
            if let Some(project_id) = entry.project_id {
                ids_by_kind.entry("project").or_default().push(project_id);
            }
        }
        let mut names: HashMap<Uuid, String> = HashMap::new();
        for (kind, mut ids) in ids_by_kind {
            ids.sort();
            ids.dedup();
            names.extend(dashboard::names_of(db, kind, &ids).await?);
        }

        Ok(entries
            .into_iter()
            .filter_map(|entry| {
                let project_id = entry.project_id?;
                let entity_name = entry
                    .entity_id
                    .and_then(|id| names.get(&id).cloned())
                    .or_else(|| name_in_changes(entry.changes.as_ref()));
                Some(RecentChange {
                    at: entry.occurred_at,
                    action: entry.action,
                    entity_type: entry.entity_type,
                    entity_id: entry.entity_id,
                    entity_name,
                    project_name: names.get(&project_id).cloned().unwrap_or_default(),
                    project_id,
                    actor: entry.actor_label,
                })
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::name_in_changes;
    use serde_json::json;

    #[test]
    fn a_deleted_records_name_comes_from_its_audit_entry_never_its_amounts() {
        assert_eq!(
            name_in_changes(Some(&json!({"name": "Stage deck", "unit_price": "10.00"}))),
            Some("Stage deck".to_owned())
        );
        assert_eq!(
            name_in_changes(Some(
                &json!({"title": {"before": "Rig lights", "after": null}})
            )),
            Some("Rig lights".to_owned())
        );
        assert_eq!(name_in_changes(Some(&json!({"unit_price": "10.00"}))), None);
        assert_eq!(name_in_changes(None), None);
    }
}
