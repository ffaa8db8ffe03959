//! Logistics: transports and deliveries per project, the BOM items they carry, and the
//! warnings a planner wants to see (a truck booked outside the build-up..dismantle window).

use chrono::{DateTime, NaiveDate, Utc};
use eventmgr_domain::kinds::{TRANSPORT_TYPES, one_of};
use eventmgr_domain::{FieldError, Money, Status, TransportStatus, Validator, check_move, text};
use eventmgr_store::DbDecimal;
use eventmgr_store::entity::{project, transport};
use eventmgr_store::repo::transports::{self, TransportFilter};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use uuid::Uuid;

use crate::access::{self, Need, Owned};
use crate::audit::{self, Change};
use crate::bom::{check_supplier, costs_forbidden};
use crate::listing::{self, ListParams, ListResponse};
use crate::patch::nullable;
use crate::{Actor, App, AppError};

/// At most this many BOM items on one transport.
const MAX_CARRIED: usize = 1000;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TransportOut {
    pub id: Uuid,
    pub project_id: Uuid,
    pub supplier_id: Option<Uuid>,
    #[schema(example = "DELIVERY")]
    pub logistics_type: String,
    pub description: String,
    pub from_location: Option<String>,
    pub to_location: Option<String>,
    pub scheduled_at: Option<DateTime<Utc>>,
    pub actual_at: Option<DateTime<Utc>>,
    #[schema(example = "SCHEDULED")]
    pub status: String,
    /// Absent without `costs:read`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, example = "780.00")]
    pub cost: Option<String>,
    pub vehicle: Option<String>,
    pub contact: Option<String>,
    pub notes: Option<String>,
    /// The BOM items this transport carries.
    pub bom_item_ids: Vec<Uuid>,
    /// Accepted but worth a look, e.g. scheduled outside the build-up..dismantle window (in
    /// English; `warning_details` says the same for clients that use their own words).
    pub warnings: Vec<String>,
    /// The warnings with a stable code and their facts, one per entry of `warnings`.
    pub warning_details: Vec<TransportWarning>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// First and last day a transport is expected: build-up start (or show start) to dismantle
/// end (or show end).
pub fn production_window(project: &project::Model) -> (NaiveDate, NaiveDate) {
    (
        project.build_up_date.unwrap_or(project.start_date),
        project.dismantle_date.unwrap_or(project.end_date),
    )
}

/// Something about a transport worth a look.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct TransportWarning {
    /// `OUTSIDE_WINDOW`: scheduled on `day`, outside `window_start`..`window_end`.
    pub code: &'static str,
    pub day: Option<NaiveDate>,
    pub window_start: Option<NaiveDate>,
    pub window_end: Option<NaiveDate>,
}

impl TransportWarning {
    /// The warning in English words.
    pub fn message(&self) -> String {
        match (self.code, self.day, self.window_start, self.window_end) {
            ("OUTSIDE_WINDOW", Some(day), Some(first), Some(last)) => format!(
                "scheduled on {day}, outside the production window {first} – {last} (build-up to dismantle)"
            ),
            (code, ..) => code.to_lowercase().replace('_', " "),
        }
    }
}

/// Warnings for a transport. Days are compared in UTC, the zone timestamps are stored in.
pub fn warnings_of(m: &transport::Model, project: &project::Model) -> Vec<TransportWarning> {
    let mut warnings = Vec::new();
    if m.status == TransportStatus::Cancelled.as_str() {
        // A cancelled transport will not happen: nothing to warn about.
        return warnings;
    }
    let (first, last) = production_window(project);
    if let Some(at) = m.scheduled_at {
        let day = at.date_naive();
        if day < first || day > last {
            warnings.push(TransportWarning {
                code: "OUTSIDE_WINDOW",
                day: Some(day),
                window_start: Some(first),
                window_end: Some(last),
            });
        }
    }
    warnings
}

impl TransportOut {
    pub fn from_model(
        m: transport::Model,
        project: &project::Model,
        bom_item_ids: Vec<Uuid>,
        sees_costs: bool,
    ) -> TransportOut {
        let warning_details = warnings_of(&m, project);
        TransportOut {
            id: m.id,
            project_id: m.project_id,
            supplier_id: m.supplier_id,
            logistics_type: m.logistics_type,
            description: m.description,
            from_location: m.from_location,
            to_location: m.to_location,
            scheduled_at: m.scheduled_at,
            actual_at: m.actual_at,
            status: m.status,
            cost: sees_costs.then(|| Money::from_stored(m.cost.0).to_string()),
            vehicle: m.vehicle,
            contact: m.contact,
            notes: m.notes,
            bom_item_ids,
            warnings: warning_details
                .iter()
                .map(TransportWarning::message)
                .collect(),
            warning_details,
            version: m.version,
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"logistics_type": "DELIVERY", "description": "Stage roof and truss, 2 × 40 t trucks", "from_location": "Bühnenbau Müller, Köln", "to_location": "Gate 3, loading zone"}))]
pub struct CreateTransport {
    /// DELIVERY, PICKUP, TRANSFER or RETURN.
    pub logistics_type: String,
    pub description: String,
    pub from_location: Option<String>,
    pub to_location: Option<String>,
    pub scheduled_at: Option<DateTime<Utc>>,
    pub actual_at: Option<DateTime<Utc>>,
    /// Default PLANNED.
    pub status: Option<String>,
    /// Decimal string; default "0.00".
    pub cost: Option<String>,
    /// Must be an active supplier.
    pub supplier_id: Option<Uuid>,
    pub vehicle: Option<String>,
    pub contact: Option<String>,
    pub notes: Option<String>,
    /// BOM items of the same project carried by this transport.
    pub bom_item_ids: Option<Vec<Uuid>>,
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateTransport {
    pub logistics_type: Option<String>,
    pub description: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub from_location: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub to_location: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub scheduled_at: Option<Option<DateTime<Utc>>>,
    #[serde(default, deserialize_with = "nullable")]
    pub actual_at: Option<Option<DateTime<Utc>>>,
    /// A move along `PLANNED → SCHEDULED → IN_TRANSIT → DELIVERED` (or CANCELLED);
    /// DELIVERED fills an empty `actual_at` with now.
    pub status: Option<String>,
    pub cost: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub supplier_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "nullable")]
    pub vehicle: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub contact: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub notes: Option<Option<String>>,
    /// Replaces the list of carried BOM items.
    pub bom_item_ids: Option<Vec<Uuid>>,
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TransportQuery {
    /// Substring of description, locations or vehicle.
    pub q: Option<String>,
    /// One status or several, comma-separated.
    pub status: Option<String>,
    /// One type or several, comma-separated.
    pub logistics_type: Option<String>,
    pub supplier_id: Option<Uuid>,
    /// Scheduled at or after this instant.
    pub from: Option<DateTime<Utc>>,
    /// Scheduled before this instant.
    pub to: Option<DateTime<Utc>>,
}

pub const DEFAULT_SORT: &str = "scheduled_at";

fn not_found() -> AppError {
    AppError::NotFound("transport")
}

/// A status needs the facts it stands for: a scheduled transport has a date.
fn check_status_facts(v: &mut Validator, m: &transport::Model) {
    let status = m.status.as_str();
    if m.scheduled_at.is_none()
        && [
            TransportStatus::Scheduled.as_str(),
            TransportStatus::InTransit.as_str(),
        ]
        .contains(&status)
    {
        v.push(FieldError::new(
            "scheduled_at",
            "required",
            format!("a {status} transport needs scheduled_at"),
        ));
    }
}

/// Checks a carried-items list: no duplicates, at most [`MAX_CARRIED`], all in the project.
async fn check_items<C: eventmgr_store::Conn>(
    db: &C,
    v: &mut Validator,
    project_id: Uuid,
    ids: &[Uuid],
) -> Result<Vec<Uuid>, AppError> {
    let mut unique = ids.to_vec();
    unique.sort();
    unique.dedup();
    if unique.len() > MAX_CARRIED {
        v.push(FieldError::new(
            "bom_item_ids",
            "too_many",
            format!("at most {MAX_CARRIED} BOM items per transport"),
        ));
        return Ok(unique);
    }
    let found = transports::count_items_in_project(db, project_id, unique.clone()).await?;
    if found != unique.len() as u64 {
        v.push(FieldError::new(
            "bom_item_ids",
            "unknown_item",
            "bom_item_ids must name BOM items of this project",
        ));
    }
    Ok(unique)
}

impl App {
    pub async fn create_transport(
        &self,
        actor: &Actor,
        project_id: Uuid,
        input: CreateTransport,
    ) -> Result<TransportOut, AppError> {
        let mut v = Validator::new();
        let kind = v.check(one_of(
            "logistics_type",
            &input.logistics_type,
            &TRANSPORT_TYPES,
        ));
        let description = v.check(text::required("description", &input.description, 500));
        let status = v.check(TransportStatus::parse(
            "status",
            input.status.as_deref().unwrap_or("PLANNED"),
        ));
        let cost = v.check(Money::parse_non_negative(
            "cost",
            input.cost.as_deref().unwrap_or("0"),
        ));
        let at = eventmgr_store::now();
        let mut model = transport::Model {
            id: Uuid::now_v7(),
            project_id,
            supplier_id: input.supplier_id,
            logistics_type: kind.unwrap_or_default().to_owned(),
            description: description.unwrap_or_default(),
            from_location: v.optional(input.from_location.as_deref(), |r| {
                text::optional("from_location", r, 500)
            }),
            to_location: v.optional(input.to_location.as_deref(), |r| {
                text::optional("to_location", r, 500)
            }),
            scheduled_at: input.scheduled_at,
            actual_at: input.actual_at,
            status: status.map(|s| s.as_str()).unwrap_or_default().to_owned(),
            cost: DbDecimal(cost.map(|c| c.amount()).unwrap_or_default()),
            vehicle: v.optional(input.vehicle.as_deref(), |r| {
                text::optional("vehicle", r, 100)
            }),
            contact: v.optional(input.contact.as_deref(), |r| {
                text::optional("contact", r, 200)
            }),
            notes: v.optional(input.notes.as_deref(), |r| {
                text::optional("notes", r, 10_000)
            }),
            version: 1,
            created_at: at,
            updated_at: at,
        };
        if status == Some(TransportStatus::Delivered) && model.actual_at.is_none() {
            // Recorded after the fact: it arrived when planned, unless that is still ahead.
            model.actual_at = Some(model.scheduled_at.filter(|s| *s <= at).unwrap_or(at));
        }
        check_status_facts(&mut v, &model);
        let txn = self.store.begin().await?;
        let access = access::guard(&txn, actor, project_id, Need::Write, false).await?;
        if !access.sees_costs && input.cost.is_some() {
            v.push(costs_forbidden("cost"));
        }
        if let Some(id) = input.supplier_id {
            check_supplier(&txn, &mut v, "supplier_id", id).await?;
        }
        let items = match &input.bom_item_ids {
            Some(ids) => check_items(&txn, &mut v, project_id, ids).await?,
            None => Vec::new(),
        };
        v.finish()?;
        transports::insert(&txn, model.clone()).await?;
        transports::set_carried_items(&txn, model.id, &items, at).await?;
        let full = TransportOut::from_model(model.clone(), &access.project, items.clone(), true);
        audit::record(
            &txn,
            actor,
            Change {
                action: "transport.create",
                entity_type: "transport",
                entity_id: model.id,
                project_id: Some(project_id),
                changes: serde_json::to_value(&full).ok(),
            },
        )
        .await?;
        crate::live::emit(&txn, project_id, "transport.created", model.id, Some(1)).await?;
        txn.commit().await?;
        self.announce();
        Ok(TransportOut::from_model(
            model,
            &access.project,
            items,
            access.sees_costs,
        ))
    }

    pub async fn get_transport(&self, actor: &Actor, id: Uuid) -> Result<TransportOut, AppError> {
        let db = self.store.conn();
        let access = access::guard_owned(db, actor, Owned::Transport, id, Need::Read).await?;
        let m = transports::find(db, id).await?.ok_or_else(not_found)?;
        let mut items = transports::carried_items(db, id).await?;
        items.sort();
        Ok(TransportOut::from_model(
            m,
            &access.project,
            items,
            access.sees_costs,
        ))
    }

    pub async fn list_transports(
        &self,
        actor: &Actor,
        project_id: Uuid,
        query: TransportQuery,
        params: ListParams,
    ) -> Result<ListResponse<TransportOut>, AppError> {
        let db = self.store.conn();
        let access = access::guard(db, actor, project_id, Need::Read, false).await?;
        if !access.sees_costs {
            listing::refuse_sort_by(&params, &["cost"])?;
        }
        let page_query = listing::page_query(&params, transports::sort_column, DEFAULT_SORT)?;
        let filter = TransportFilter {
            q: query.q.filter(|q| !q.trim().is_empty()),
            statuses: crate::filters::statuses::<TransportStatus>(query.status.as_deref())?,
            types: crate::filters::choices(
                "logistics_type",
                query.logistics_type.as_deref(),
                &TRANSPORT_TYPES,
            )?,
            supplier_id: query.supplier_id,
            from: query.from,
            to: query.to,
        };
        let page = transports::list(db, project_id, &filter, &page_query)
            .await
            .map_err(crate::clients::cursor_or_internal)?;
        let mut carried: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
        for (t, item) in
            transports::carried_items_of(db, page.items.iter().map(|m| m.id).collect()).await?
        {
            carried.entry(t).or_default().push(item);
        }
        Ok(listing::respond(&params, DEFAULT_SORT, page, |m| {
            let mut items = carried.remove(&m.id).unwrap_or_default();
            items.sort();
            TransportOut::from_model(m, &access.project, items, access.sees_costs)
        }))
    }

    pub async fn update_transport(
        &self,
        actor: &Actor,
        id: Uuid,
        expected_version: Option<i64>,
        input: UpdateTransport,
    ) -> Result<TransportOut, AppError> {
        let txn = self.store.begin().await?;
        let access = access::guard_owned(&txn, actor, Owned::Transport, id, Need::Write).await?;
        let current = transports::find(&txn, id).await?.ok_or_else(not_found)?;
        audit::check_version(expected_version, current.version)?;
        let mut current_items = transports::carried_items(&txn, id).await?;
        current_items.sort();
        let mut v = Validator::new();
        let mut next = current.clone();
        if let Some(raw) = input.logistics_type.as_deref()
            && let Some(k) = v.check(one_of("logistics_type", raw, &TRANSPORT_TYPES))
        {
            k.clone_into(&mut next.logistics_type);
        }
        if let Some(raw) = input.description.as_deref()
            && let Some(d) = v.check(text::required("description", raw, 500))
        {
            next.description = d;
        }
        if let Some(value) = input.from_location {
            next.from_location = v.optional(value.as_deref(), |r| {
                text::optional("from_location", r, 500)
            });
        }
        if let Some(value) = input.to_location {
            next.to_location =
                v.optional(value.as_deref(), |r| text::optional("to_location", r, 500));
        }
        if let Some(value) = input.vehicle {
            next.vehicle = v.optional(value.as_deref(), |r| text::optional("vehicle", r, 100));
        }
        if let Some(value) = input.contact {
            next.contact = v.optional(value.as_deref(), |r| text::optional("contact", r, 200));
        }
        if let Some(value) = input.notes {
            next.notes = v.optional(value.as_deref(), |r| text::optional("notes", r, 10_000));
        }
        if let Some(value) = input.scheduled_at {
            next.scheduled_at = value;
        }
        if let Some(value) = input.actual_at {
            next.actual_at = value;
        }
        if let Some(raw) = input.cost.as_deref() {
            if !access.sees_costs {
                v.push(costs_forbidden("cost"));
            } else if let Some(cost) = v.check(Money::parse_non_negative("cost", raw)) {
                next.cost = DbDecimal(cost.amount());
            }
        }
        if let Some(value) = input.supplier_id {
            if let Some(s) = value
                && Some(s) != current.supplier_id
            {
                check_supplier(&txn, &mut v, "supplier_id", s).await?;
            }
            next.supplier_id = value;
        }
        if let Some(raw) = input.status.as_deref()
            && let Some(to) = v.check(TransportStatus::parse("status", raw))
        {
            let from = TransportStatus::parse("status", &current.status)
                .map_err(|_| AppError::Internal("stored transport status is unknown".to_owned()))?;
            check_move(from, to).map_err(|e| AppError::Conflict(e.to_string()))?;
            next.status = to.as_str().to_owned();
            if to == TransportStatus::Delivered && next.actual_at.is_none() {
                next.actual_at = Some(eventmgr_store::now());
            }
        }
        check_status_facts(&mut v, &next);
        let items = match &input.bom_item_ids {
            Some(ids) => Some(check_items(&txn, &mut v, current.project_id, ids).await?),
            None => None,
        };
        v.finish()?;
        next.version = current.version + 1;
        next.updated_at = eventmgr_store::now();
        audit::written(
            transports::update(&txn, next.clone(), current.version).await?,
            current.version,
        )?;
        if let Some(items) = &items {
            transports::set_carried_items(&txn, id, items, next.updated_at).await?;
        }
        let new_items = items.unwrap_or_else(|| current_items.clone());
        let changes = audit::diff_of(
            &TransportOut::from_model(current, &access.project, current_items, true),
            &TransportOut::from_model(next.clone(), &access.project, new_items.clone(), true),
        );
        audit::record(
            &txn,
            actor,
            Change {
                action: "transport.update",
                entity_type: "transport",
                entity_id: id,
                project_id: Some(next.project_id),
                changes: Some(changes),
            },
        )
        .await?;
        crate::live::emit(
            &txn,
            next.project_id,
            "transport.updated",
            id,
            Some(next.version),
        )
        .await?;
        txn.commit().await?;
        self.announce();
        Ok(TransportOut::from_model(
            next,
            &access.project,
            new_items,
            access.sees_costs,
        ))
    }

    pub async fn delete_transport(
        &self,
        actor: &Actor,
        id: Uuid,
        expected_version: Option<i64>,
    ) -> Result<(), AppError> {
        let txn = self.store.begin().await?;
        let access = access::guard_owned(&txn, actor, Owned::Transport, id, Need::Write).await?;
        let current = transports::find(&txn, id).await?.ok_or_else(not_found)?;
        audit::check_version(expected_version, current.version)?;
        let items = transports::carried_items(&txn, id).await?;
        audit::written(
            transports::delete(&txn, id, current.version).await?,
            current.version,
        )?;
        audit::record(
            &txn,
            actor,
            Change {
                action: "transport.delete",
                entity_type: "transport",
                entity_id: id,
                project_id: Some(current.project_id),
                changes: serde_json::to_value(TransportOut::from_model(
                    current,
                    &access.project,
                    items,
                    true,
                ))
                .ok(),
            },
        )
        .await?;
        crate::live::emit(&txn, access.project.id, "transport.deleted", id, None).await?;
        txn.commit().await?;
        self.announce();
        Ok(())
    }
}
