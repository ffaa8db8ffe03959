//! `GET /projects/{id}/summary`: what a production manager checks every morning — money
//! against budget, permits at risk, the next transports, and counts.
//!
//! Sums are computed by the database (exactly: see `eventmgr_store::repo::sums`); money is
//! left out entirely for callers without `costs:read`.

use chrono::Utc;
use eventmgr_domain::Money;
use eventmgr_domain::{Status, TaskStatus};
use eventmgr_store::repo::{bom_items, permits, tasks, transports, workflow_stages};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;

use crate::access::{self, Need};
use crate::logistics::TransportOut;
use crate::permits::{DEFAULT_RISK_DAYS, risk_of};
use crate::{Actor, App, AppError};

/// How many upcoming transports the summary lists.
const NEXT_TRANSPORTS: u64 = 5;

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SummaryQuery {
    /// A permit not approved this many days before the start is at risk (default 14).
    pub permit_risk_days: Option<i64>,
}

/// Count (and, with `costs:read`, money) of one group.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Group {
    /// The category or status; `null` for BOM items without a category.
    pub key: Option<String>,
    pub count: i64,
    /// Sum of the group's totals (BOM) — absent without `costs:read`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub total_price: Option<String>,
    /// Sum of the group's costs (permits, logistics) — absent without `costs:read`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub cost: Option<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct BomSummary {
    pub count: i64,
    pub by_category: Vec<Group>,
    pub by_status: Vec<Group>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PermitAtRisk {
    pub id: Uuid,
    pub name: String,
    pub permit_type: String,
    pub status: String,
    pub expiry_date: Option<chrono::NaiveDate>,
    pub risk: String,
    /// `REJECTED`, `NOT_APPROVED` or `EXPIRES_EARLY`.
    pub risk_code: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PermitSummary {
    pub count: i64,
    pub by_status: Vec<Group>,
    pub at_risk: Vec<PermitAtRisk>,
    pub risk_days: i64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct LogisticsSummary {
    pub count: i64,
    pub by_status: Vec<Group>,
    /// The next transports still to happen, earliest first.
    pub next: Vec<TransportOut>,
}

/// Money against budget; only for callers with `costs:read`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CostSummary {
    #[schema(value_type = String)]
    pub budget: String,
    #[schema(value_type = String)]
    pub bom: String,
    #[schema(value_type = String)]
    pub permits: String,
    #[schema(value_type = String)]
    pub logistics: String,
    /// BOM + permits + logistics.
    #[schema(value_type = String)]
    pub total: String,
    /// Budget minus total (negative when over budget).
    #[schema(value_type = String)]
    pub remaining: String,
    /// Total as a percentage of the budget, one decimal; null for a zero budget.
    #[schema(value_type = Option<String>)]
    pub percent_of_budget: Option<String>,
    pub over_budget: bool,
}

/// Task progress: counts per status and the estimated hours behind them.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TaskSummary {
    pub count: i64,
    pub done: i64,
    /// Not DONE and due before today.
    pub overdue: i64,
    /// DONE tasks as a percentage of all, one decimal; null without tasks.
    #[schema(value_type = Option<String>, example = "42.5")]
    pub percent_done: Option<String>,
    /// Per status, in the order TODO, IN_PROGRESS, REVIEW, DONE, BLOCKED; statuses
    /// without tasks are left out.
    pub by_status: Vec<TaskStatusCount>,
    /// Sum of the estimates of all tasks, decimal hours.
    #[schema(value_type = String, example = "320.50")]
    pub estimated_hours: String,
    /// Sum of the estimates of the tasks not DONE yet.
    #[schema(value_type = String, example = "120.00")]
    pub remaining_hours: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TaskStatusCount {
    pub status: String,
    pub count: i64,
    #[schema(value_type = String)]
    pub estimated_hours: String,
}

/// Where the project stands in its workflow.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StageSummary {
    pub count: i64,
    pub done: i64,
    /// The ACTIVE stage, if any.
    pub current: Option<crate::projects::WorkflowStageOut>,
}

/// Record counts; later features add theirs.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Counts {
    pub bom_items: i64,
    pub permits: i64,
    pub transports: i64,
    pub tasks: i64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProjectSummary {
    pub project_id: Uuid,
    pub currency: String,
    pub start_date: chrono::NaiveDate,
    pub end_date: chrono::NaiveDate,
    /// Absent without `costs:read`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub costs: Option<CostSummary>,
    pub bom: BomSummary,
    pub permits: PermitSummary,
    pub logistics: LogisticsSummary,
    pub tasks: TaskSummary,
    pub stages: StageSummary,
    pub counts: Counts,
}

/// `part` of `whole` in percent with one decimal (half to even); `None` for a zero whole.
pub(crate) fn percent(part: Decimal, whole: Decimal) -> Option<String> {
    (!whole.is_zero()).then(|| {
        format!(
            "{:.1}",
            (part * Decimal::ONE_HUNDRED / whole)
                .round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointNearestEven)
        )
    })
}

async fn task_summary<C: eventmgr_store::Conn>(
    db: &C,
    project_id: Uuid,
    today: chrono::NaiveDate,
) -> Result<TaskSummary, AppError> {
    let mut rows = tasks::hours_by_status(db, project_id).await?;
    rows.sort_by_key(|(status, _, _)| {
        TaskStatus::ALL
            .iter()
            .position(|s| s.as_str() == status)
            .unwrap_or(usize::MAX)
    });
    let count: i64 = rows.iter().map(|r| r.1).sum();
    let done: i64 = rows.iter().filter(|r| r.0 == "DONE").map(|r| r.1).sum();
    let hours: Decimal = rows.iter().map(|r| r.2).sum();
    let open_hours: Decimal = rows.iter().filter(|r| r.0 != "DONE").map(|r| r.2).sum();
    Ok(TaskSummary {
        count,
        done,
        overdue: tasks::overdue_count(db, project_id, today).await?,
        percent_done: percent(Decimal::from(done), Decimal::from(count)),
        by_status: rows
            .into_iter()
            .map(|(status, count, hours)| TaskStatusCount {
                status,
                count,
                estimated_hours: money(hours),
            })
            .collect(),
        estimated_hours: money(hours),
        remaining_hours: money(open_hours),
    })
}

fn money(value: Decimal) -> String {
    Money::from_stored(value).to_string()
}

fn groups(
    rows: impl IntoIterator<Item = (Option<String>, i64, Decimal)>,
    sees_costs: bool,
    as_cost: bool,
) -> Vec<Group> {
    rows.into_iter()
        .map(|(key, count, sum)| Group {
            key,
            count,
            total_price: (sees_costs && !as_cost).then(|| money(sum)),
            cost: (sees_costs && as_cost).then(|| money(sum)),
        })
        .collect()
}

/// `(count, sum)` per key, keys sorted (absent keys first).
fn fold<K: Ord>(rows: impl IntoIterator<Item = (K, i64, Decimal)>) -> BTreeMap<K, (i64, Decimal)> {
    let mut map = BTreeMap::new();
    for (k, n, sum) in rows {
        let entry = map.entry(k).or_insert((0, Decimal::ZERO));
        entry.0 += n;
        entry.1 += sum;
    }
    map
}

impl App {
    pub async fn project_summary(
        &self,
        actor: &Actor,
        project_id: Uuid,
        query: SummaryQuery,
    ) -> Result<ProjectSummary, AppError> {
        let risk_days = query.permit_risk_days.unwrap_or(DEFAULT_RISK_DAYS);
        if !(0..=365).contains(&risk_days) {
            return Err(AppError::BadRequest(
                "permit_risk_days must be between 0 and 365".to_owned(),
            ));
        }
        // One snapshot for all its reads (see `Store::snapshot`): the sums agree with each
        // other even while someone writes.
        let txn = self.store.snapshot().await?;
        let db = &txn;
        let access = access::guard(db, actor, project_id, Need::Read, false).await?;
        let sees_costs = access.sees_costs;
        let project = &access.project;

        let bom_rows = bom_items::sums_by_category_and_status(db, project_id).await?;
        let by_category = fold(
            bom_rows
                .iter()
                .map(|r| (r.category.clone(), r.count, r.total)),
        );
        let by_status = fold(
            bom_rows
                .iter()
                .map(|r| (r.status.clone(), r.count, r.total)),
        );
        let bom_count: i64 = bom_rows.iter().map(|r| r.count).sum();
        let bom_total: Decimal = bom_rows.iter().map(|r| r.total).sum();

        let permit_rows = permits::sums_by_status(db, project_id).await?;
        let permit_count: i64 = permit_rows.iter().map(|r| r.1).sum();
        let permit_total: Decimal = permit_rows.iter().map(|r| r.2).sum();
        let today = Utc::now().date_naive();
        let at_risk = permits::all_of_project(db, project_id)
            .await?
            .into_iter()
            .filter_map(|p| {
                risk_of(&p, project, today, risk_days).map(|risk| PermitAtRisk {
                    id: p.id,
                    name: p.name,
                    permit_type: p.permit_type,
                    status: p.status,
                    expiry_date: p.expiry_date,
                    risk_code: risk.code.to_owned(),
                    risk: risk.text,
                })
            })
            .collect();

        let transport_rows = transports::sums_by_status(db, project_id).await?;
        let transport_count: i64 = transport_rows.iter().map(|r| r.1).sum();
        let transport_total: Decimal = transport_rows.iter().map(|r| r.2).sum();
        let upcoming = transports::upcoming(db, &[project_id], Utc::now(), NEXT_TRANSPORTS).await?;
        let mut carried = std::collections::HashMap::<Uuid, Vec<Uuid>>::new();
        for (t, item) in
            transports::carried_items_of(db, upcoming.iter().map(|t| t.id).collect()).await?
        {
            carried.entry(t).or_default().push(item);
        }
        let next = upcoming
            .into_iter()
            .map(|t| {
                let mut items = carried.remove(&t.id).unwrap_or_default();
                items.sort();
                TransportOut::from_model(t, project, items, sees_costs)
            })
            .collect();

        let task_summary = task_summary(db, project_id, today).await?;
        let stages = workflow_stages::list(db, project_id).await?;
        txn.commit().await?;
        let stage_summary = StageSummary {
            count: stages.len() as i64,
            done: stages.iter().filter(|s| s.status == "DONE").count() as i64,
            current: stages
                .into_iter()
                .find(|s| s.status == "ACTIVE")
                .map(Into::into),
        };

        let costs = sees_costs.then(|| {
            let budget = project.budget.0;
            let total = bom_total + permit_total + transport_total;
            let remaining = budget - total;
            CostSummary {
                budget: money(budget),
                bom: money(bom_total),
                permits: money(permit_total),
                logistics: money(transport_total),
                total: money(total),
                remaining: money(remaining),
                percent_of_budget: percent(total, budget),
                over_budget: total > budget,
            }
        });

        Ok(ProjectSummary {
            project_id,
            currency: project.currency.clone(),
            start_date: project.start_date,
            end_date: project.end_date,
            costs,
            bom: BomSummary {
                count: bom_count,
                by_category: groups(
                    by_category.into_iter().map(|(k, (n, s))| (k, n, s)),
                    sees_costs,
                    false,
                ),
                by_status: groups(
                    by_status.into_iter().map(|(k, (n, s))| (Some(k), n, s)),
                    sees_costs,
                    false,
                ),
            },
            permits: PermitSummary {
                count: permit_count,
                by_status: groups(
                    fold(permit_rows)
                        .into_iter()
                        .map(|(k, (n, s))| (Some(k), n, s)),
                    sees_costs,
                    true,
                ),
                at_risk,
                risk_days,
            },
            logistics: LogisticsSummary {
                count: transport_count,
                by_status: groups(
                    fold(transport_rows)
                        .into_iter()
                        .map(|(k, (n, s))| (Some(k), n, s)),
                    sees_costs,
                    true,
                ),
                next,
            },
            counts: Counts {
                bom_items: bom_count,
                permits: permit_count,
                transports: transport_count,
                tasks: task_summary.count,
            },
            tasks: task_summary,
            stages: stage_summary,
        })
    }
}
