//! `GET /statuses`: the status machines of the production records (BOM items, permits,
//! transports, tasks, workflow stages) as data, so that a client offers exactly the moves the
//! server accepts instead of keeping its own copy of the rules.

use axum::response::Json;
use eventmgr_domain::status::Status;
use eventmgr_domain::{BomStatus, PermitStatus, StageStatus, TaskStatus, TransportStatus};
use serde::Serialize;

/// One state and the states it may move to.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct StatusMoves {
    pub status: &'static str,
    pub next: Vec<&'static str>,
}

/// Every status machine, states in their natural order.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct StatusMachines {
    pub bom_item: Vec<StatusMoves>,
    pub permit: Vec<StatusMoves>,
    pub transport: Vec<StatusMoves>,
    /// DONE also needs every predecessor DONE (checked per task).
    pub task: Vec<StatusMoves>,
    pub workflow_stage: Vec<StatusMoves>,
}

fn machine<S: Status>() -> Vec<StatusMoves> {
    S::ALL
        .iter()
        .map(|state| StatusMoves {
            status: state.as_str(),
            next: state.next().iter().map(|n| n.as_str()).collect(),
        })
        .collect()
}

/// The allowed status moves of every kind of record.
#[utoipa::path(get, path = "/api/v1/statuses", tag = "projects", security(("bearer" = [])),
    responses((status = 200, body = StatusMachines)))]
pub async fn list() -> Json<StatusMachines> {
    Json(StatusMachines {
        bom_item: machine::<BomStatus>(),
        permit: machine::<PermitStatus>(),
        transport: machine::<TransportStatus>(),
        task: machine::<TaskStatus>(),
        workflow_stage: machine::<StageStatus>(),
    })
}
