//! Permits: authority approvals per project, with their status machine, date rules and the
//! risk flag the summary reports.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use eventmgr_domain::kinds::{PERMIT_TYPES, one_of};
use eventmgr_domain::{FieldError, Money, PermitStatus, Status, Validator, check_move, text};
use eventmgr_store::DbDecimal;
use eventmgr_store::entity::{permit, project};
use eventmgr_store::repo::permits::{self, PermitFilter};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::access::{self, Need, Owned};
use crate::audit::{self, Change};
use crate::bom::costs_forbidden;
use crate::listing::{self, ListParams, ListResponse};
use crate::patch::nullable;
use crate::{Actor, App, AppError};

/// Days before the event start by which a permit should be approved (the summary's default).
pub const DEFAULT_RISK_DAYS: i64 = 14;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PermitOut {
    pub id: Uuid,
    pub project_id: Uuid,
    pub name: String,
    #[schema(example = "FIRE_SAFETY")]
    pub permit_type: String,
    pub authority: Option<String>,
    pub reference_number: Option<String>,
    #[schema(example = "SUBMITTED")]
    pub status: String,
    pub application_date: Option<NaiveDate>,
    pub approval_date: Option<NaiveDate>,
    pub expiry_date: Option<NaiveDate>,
    /// Absent without `costs:read`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, example = "450.00")]
    pub cost: Option<String>,
    pub notes: Option<String>,
    /// Why this permit endangers the event, if it does (not approved 14 days before the
    /// start, or expiring before the end).
    pub risk: Option<String>,
    /// The same as a code a client can translate: `REJECTED`, `NOT_APPROVED` or
    /// `EXPIRES_EARLY`.
    #[schema(example = "NOT_APPROVED")]
    pub risk_code: Option<String>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl PermitOut {
    pub fn from_model(
        m: permit::Model,
        project: &project::Model,
        sees_costs: bool,
        today: NaiveDate,
    ) -> PermitOut {
        let risk = risk_of(&m, project, today, DEFAULT_RISK_DAYS);
        PermitOut {
            id: m.id,
            project_id: m.project_id,
            name: m.name,
            permit_type: m.permit_type,
            authority: m.authority,
            reference_number: m.reference_number,
            status: m.status,
            application_date: m.application_date,
            approval_date: m.approval_date,
            expiry_date: m.expiry_date,
            cost: sees_costs.then(|| Money::from_stored(m.cost.0).to_string()),
            notes: m.notes,
            risk_code: risk.as_ref().map(|r| r.code.to_owned()),
            risk: risk.map(|r| r.text),
            version: m.version,
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}

/// Why a permit endangers its event: a stable code for clients and a sentence for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Risk {
    pub code: &'static str,
    pub text: String,
}

impl Risk {
    fn new(code: &'static str, text: String) -> Risk {
        Risk { code, text }
    }
}

/// A permit is a risk when it is not approved within `days` of the event start (or the start
/// has passed), or when it expires before the event ends. Rejected permits are a risk too.
pub fn risk_of(
    m: &permit::Model,
    project: &project::Model,
    today: NaiveDate,
    days: i64,
) -> Option<Risk> {
    if today > project.end_date {
        // The event is over: nothing left to endanger.
        return None;
    }
    let approved = m.status == PermitStatus::Approved.as_str();
    if m.status == PermitStatus::Rejected.as_str() {
        return Some(Risk::new("REJECTED", "rejected".to_owned()));
    }
    if !approved && today + Duration::days(days) >= project.start_date {
        let left = (project.start_date - today).num_days();
        return Some(Risk::new(
            "NOT_APPROVED",
            if left >= 0 {
                format!("not approved {left} day(s) before the event starts")
            } else {
                "not approved and the event has started".to_owned()
            },
        ));
    }
    if let Some(expiry) = m.expiry_date
        && expiry < project.end_date
    {
        return Some(Risk::new(
            "EXPIRES_EARLY",
            format!(
                "expires on {expiry}, before the event ends on {}",
                project.end_date
            ),
        ));
    }
    None
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "Noise exemption, Sunday after 22:00", "permit_type": "NOISE", "authority": "Umweltamt Düsseldorf"}))]
pub struct CreatePermit {
    pub name: String,
    /// ASSEMBLY, FIRE_SAFETY, NOISE, ROAD_CLOSURE, ALCOHOL, TEMPORARY_STRUCTURE or OTHER.
    pub permit_type: String,
    pub authority: Option<String>,
    pub reference_number: Option<String>,
    /// Default PENDING.
    pub status: Option<String>,
    pub application_date: Option<NaiveDate>,
    /// Not before `application_date`.
    pub approval_date: Option<NaiveDate>,
    /// After `approval_date`.
    pub expiry_date: Option<NaiveDate>,
    /// Fee, decimal string; default "0.00".
    pub cost: Option<String>,
    pub notes: Option<String>,
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdatePermit {
    pub name: Option<String>,
    pub permit_type: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub authority: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub reference_number: Option<Option<String>>,
    /// A move along `PENDING → SUBMITTED → APPROVED | REJECTED | NEEDS_INFO → SUBMITTED`.
    /// SUBMITTED fills an empty application date and APPROVED an empty approval date with
    /// today.
    pub status: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub application_date: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "nullable")]
    pub approval_date: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "nullable")]
    pub expiry_date: Option<Option<NaiveDate>>,
    pub cost: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub notes: Option<Option<String>>,
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PermitQuery {
    pub q: Option<String>,
    /// One status or several, comma-separated.
    pub status: Option<String>,
    /// One permit type or several, comma-separated.
    pub permit_type: Option<String>,
    /// Permits whose expiry date is before this day.
    pub expiring_before: Option<NaiveDate>,
}

pub const DEFAULT_SORT: &str = "name";

fn not_found() -> AppError {
    AppError::NotFound("permit")
}

fn check_dates(v: &mut Validator, m: &permit::Model) {
    if let (Some(applied), Some(approved)) = (m.application_date, m.approval_date)
        && approved < applied
    {
        v.push(FieldError::new(
            "approval_date",
            "before_application",
            "approval_date must not be before application_date",
        ));
    }
    let earliest = m.approval_date.or(m.application_date);
    if let (Some(from), Some(expiry)) = (earliest, m.expiry_date)
        && expiry <= from
    {
        v.push(FieldError::new(
            "expiry_date",
            "not_after_approval",
            "expiry_date must be after approval_date (or application_date)",
        ));
    }
}

/// Dates a status move fills in when they are still empty (the web app sends the user's own
/// day; this is the fallback for clients that don't).
///
/// `today` is the server's UTC day, which is a day behind the user's for part of every night
/// east of UTC: an application dated with the user's day would then precede the approval the
/// server stamps, and the move would fail validation although the user entered nothing wrong.
/// A stamped approval is therefore never earlier than the application date.
fn stamp_dates(m: &mut permit::Model, status: PermitStatus, today: NaiveDate) {
    match status {
        PermitStatus::Submitted if m.application_date.is_none() => {
            m.application_date = Some(today);
        }
        PermitStatus::Approved if m.approval_date.is_none() => {
            m.approval_date = Some(
                m.application_date
                    .map_or(today, |applied| applied.max(today)),
            );
        }
        _ => {}
    }
}

impl App {
    pub async fn create_permit(
        &self,
        actor: &Actor,
        project_id: Uuid,
        input: CreatePermit,
    ) -> Result<PermitOut, AppError> {
        let mut v = Validator::new();
        let today = Utc::now().date_naive();
        let name = v.check(text::required("name", &input.name, 200));
        let permit_type = v.check(one_of("permit_type", &input.permit_type, &PERMIT_TYPES));
        let status = v.check(PermitStatus::parse(
            "status",
            input.status.as_deref().unwrap_or("PENDING"),
        ));
        let cost = v.check(Money::parse_non_negative(
            "cost",
            input.cost.as_deref().unwrap_or("0"),
        ));
        let at = eventmgr_store::now();
        let mut model = permit::Model {
            id: Uuid::now_v7(),
            project_id,
            name: name.unwrap_or_default(),
            permit_type: permit_type.unwrap_or_default().to_owned(),
            authority: v.optional(input.authority.as_deref(), |r| {
                text::optional("authority", r, 200)
            }),
            reference_number: v.optional(input.reference_number.as_deref(), |r| {
                text::optional("reference_number", r, 100)
            }),
            status: status.map(|s| s.as_str()).unwrap_or_default().to_owned(),
            application_date: input.application_date,
            approval_date: input.approval_date,
            expiry_date: input.expiry_date,
            cost: DbDecimal(cost.map(|c| c.amount()).unwrap_or_default()),
            notes: v.optional(input.notes.as_deref(), |r| {
                text::optional("notes", r, 10_000)
            }),
            version: 1,
            created_at: at,
            updated_at: at,
        };
        if let Some(s) = status {
            stamp_dates(&mut model, s, today);
        }
        check_dates(&mut v, &model);
        let txn = self.store.begin().await?;
        let access = access::guard(&txn, actor, project_id, Need::Write, false).await?;
        if !access.sees_costs && input.cost.is_some() {
            v.push(costs_forbidden("cost"));
        }
        v.finish()?;
        permits::insert(&txn, model.clone()).await?;
        let full = PermitOut::from_model(model.clone(), &access.project, true, today);
        audit::record(
            &txn,
            actor,
            Change {
                action: "permit.create",
                entity_type: "permit",
                entity_id: model.id,
                project_id: Some(project_id),
                changes: serde_json::to_value(&full).ok(),
            },
        )
        .await?;
        crate::live::emit(&txn, project_id, "permit.created", model.id, Some(1)).await?;
        txn.commit().await?;
        self.announce();
        Ok(PermitOut::from_model(
            model,
            &access.project,
            access.sees_costs,
            today,
        ))
    }

    pub async fn get_permit(&self, actor: &Actor, id: Uuid) -> Result<PermitOut, AppError> {
        let db = self.store.conn();
        let access = access::guard_owned(db, actor, Owned::Permit, id, Need::Read).await?;
        let permit = permits::find(db, id).await?.ok_or_else(not_found)?;
        Ok(PermitOut::from_model(
            permit,
            &access.project,
            access.sees_costs,
            Utc::now().date_naive(),
        ))
    }

    pub async fn list_permits(
        &self,
        actor: &Actor,
        project_id: Uuid,
        query: PermitQuery,
        params: ListParams,
    ) -> Result<ListResponse<PermitOut>, AppError> {
        let db = self.store.conn();
        let access = access::guard(db, actor, project_id, Need::Read, false).await?;
        if !access.sees_costs {
            listing::refuse_sort_by(&params, &["cost"])?;
        }
        let page_query = listing::page_query(&params, permits::sort_column, DEFAULT_SORT)?;
        let filter = PermitFilter {
            q: query.q.filter(|q| !q.trim().is_empty()),
            statuses: crate::filters::statuses::<PermitStatus>(query.status.as_deref())?,
            types: crate::filters::choices(
                "permit_type",
                query.permit_type.as_deref(),
                &PERMIT_TYPES,
            )?,
            expiring_before: query.expiring_before,
        };
        let page = permits::list(db, project_id, &filter, &page_query)
            .await
            .map_err(crate::clients::cursor_or_internal)?;
        let today = Utc::now().date_naive();
        Ok(listing::respond(&params, DEFAULT_SORT, page, |m| {
            PermitOut::from_model(m, &access.project, access.sees_costs, today)
        }))
    }

    pub async fn update_permit(
        &self,
        actor: &Actor,
        id: Uuid,
        expected_version: Option<i64>,
        input: UpdatePermit,
    ) -> Result<PermitOut, AppError> {
        let today = Utc::now().date_naive();
        let txn = self.store.begin().await?;
        let access = access::guard_owned(&txn, actor, Owned::Permit, id, Need::Write).await?;
        let current = permits::find(&txn, id).await?.ok_or_else(not_found)?;
        audit::check_version(expected_version, current.version)?;
        let mut v = Validator::new();
        let mut next = current.clone();
        if let Some(raw) = input.name.as_deref()
            && let Some(name) = v.check(text::required("name", raw, 200))
        {
            next.name = name;
        }
        if let Some(raw) = input.permit_type.as_deref()
            && let Some(t) = v.check(one_of("permit_type", raw, &PERMIT_TYPES))
        {
            t.clone_into(&mut next.permit_type);
        }
        if let Some(value) = input.authority {
            next.authority = v.optional(value.as_deref(), |r| text::optional("authority", r, 200));
        }
        if let Some(value) = input.reference_number {
            next.reference_number = v.optional(value.as_deref(), |r| {
                text::optional("reference_number", r, 100)
            });
        }
        if let Some(value) = input.notes {
            next.notes = v.optional(value.as_deref(), |r| text::optional("notes", r, 10_000));
        }
        if let Some(value) = input.application_date {
            next.application_date = value;
        }
        if let Some(value) = input.approval_date {
            next.approval_date = value;
        }
        if let Some(value) = input.expiry_date {
            next.expiry_date = value;
        }
        if let Some(raw) = input.cost.as_deref() {
            if !access.sees_costs {
                v.push(costs_forbidden("cost"));
            } else if let Some(cost) = v.check(Money::parse_non_negative("cost", raw)) {
                next.cost = DbDecimal(cost.amount());
            }
        }
        if let Some(raw) = input.status.as_deref()
            && let Some(to) = v.check(PermitStatus::parse("status", raw))
        {
            let from = PermitStatus::parse("status", &current.status)
                .map_err(|_| AppError::Internal("stored permit status is unknown".to_owned()))?;
            check_move(from, to).map_err(|e| AppError::Conflict(e.to_string()))?;
            next.status = to.as_str().to_owned();
            if from != to {
                stamp_dates(&mut next, to, today);
            }
        }
        check_dates(&mut v, &next);
        v.finish()?;
        next.version = current.version + 1;
        next.updated_at = eventmgr_store::now();
        audit::written(
            permits::update(&txn, next.clone(), current.version).await?,
            current.version,
        )?;
        let changes = audit::diff_of(
            &PermitOut::from_model(current, &access.project, true, today),
            &PermitOut::from_model(next.clone(), &access.project, true, today),
        );
        audit::record(
            &txn,
            actor,
            Change {
                action: "permit.update",
                entity_type: "permit",
                entity_id: id,
                project_id: Some(next.project_id),
                changes: Some(changes),
            },
        )
        .await?;
        crate::live::emit(
            &txn,
            next.project_id,
            "permit.updated",
            id,
            Some(next.version),
        )
        .await?;
        txn.commit().await?;
        self.announce();
        Ok(PermitOut::from_model(
            next,
            &access.project,
            access.sees_costs,
            today,
        ))
    }

    pub async fn delete_permit(
        &self,
        actor: &Actor,
        id: Uuid,
        expected_version: Option<i64>,
    ) -> Result<(), AppError> {
        let txn = self.store.begin().await?;
        let access = access::guard_owned(&txn, actor, Owned::Permit, id, Need::Write).await?;
        let current = permits::find(&txn, id).await?.ok_or_else(not_found)?;
        audit::check_version(expected_version, current.version)?;
        audit::written(
            permits::delete(&txn, id, current.version).await?,
            current.version,
        )?;
        audit::record(
            &txn,
            actor,
            Change {
                action: "permit.delete",
                entity_type: "permit",
                entity_id: id,
                project_id: Some(current.project_id),
                changes: serde_json::to_value(PermitOut::from_model(
                    current,
                    &access.project,
                    true,
                    Utc::now().date_naive(),
                ))
                .ok(),
            },
        )
        .await?;
        crate::live::emit(&txn, access.project.id, "permit.deleted", id, None).await?;
        txn.commit().await?;
        self.announce();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn project(start: &str, end: &str) -> project::Model {
        project::Model {
            id: Uuid::nil(),
            name: "P".into(),
            description: None,
            status: "PLANNING".into(),
            start_date: date(start),
            end_date: date(end),
            build_up_date: None,
            dismantle_date: None,
            venue: None,
            location: None,
            budget: DbDecimal::default(),
            currency: "EUR".into(),
            manager_id: None,
            client_id: None,
            created_by: None,
            version: 1,
            created_at: Utc::now(),
            updated_at: Utc::now(),
            deleted_at: None,
        }
    }

    fn permit(status: &str, expiry: Option<&str>) -> permit::Model {
        permit::Model {
            id: Uuid::nil(),
            project_id: Uuid::nil(),
            name: "X".into(),
            permit_type: "NOISE".into(),
            authority: None,
            reference_number: None,
            status: status.into(),
            application_date: None,
            approval_date: None,
            expiry_date: expiry.map(date),
            cost: DbDecimal::default(),
            notes: None,
            version: 1,
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }
    }

    #[test]
    fn risks() {
        let p = project("2027-06-10", "2027-06-12");
        let far = date("2027-05-01");
        let near = date("2027-05-28");
        assert_eq!(risk_of(&permit("SUBMITTED", None), &p, far, 14), None);
        assert_eq!(
            risk_of(&permit("SUBMITTED", None), &p, near, 14).map(|r| (r.code, r.text)),
            Some((
                "NOT_APPROVED",
                "not approved 13 day(s) before the event starts".to_owned()
            ))
        );
        // Exactly 14 days before is already at risk.
        assert!(risk_of(&permit("PENDING", None), &p, date("2027-05-27"), 14).is_some());
        assert!(risk_of(&permit("PENDING", None), &p, date("2027-05-26"), 14).is_none());
        assert_eq!(risk_of(&permit("APPROVED", None), &p, near, 14), None);
        assert!(
            risk_of(&permit("APPROVED", Some("2027-06-11")), &p, far, 14).is_some_and(|r| r.code
                == "EXPIRES_EARLY"
                && r.text.starts_with("expires on 2027-06-11"))
        );
        assert_eq!(
            risk_of(&permit("APPROVED", Some("2027-06-12")), &p, far, 14),
            None
        );
        assert_eq!(
            risk_of(&permit("REJECTED", None), &p, far, 14).map(|r| r.code),
            Some("REJECTED")
        );
    }

    #[test]
    fn a_stamped_approval_never_precedes_the_application() {
        let today = date("2026-11-24");
        let mut submitted = permit("SUBMITTED", None);
        submitted.application_date = Some(date("2026-11-25"));
        stamp_dates(&mut submitted, PermitStatus::Approved, today);
        assert_eq!(submitted.approval_date, Some(date("2026-11-25")));

        let mut earlier = permit("SUBMITTED", None);
        earlier.application_date = Some(date("2026-11-01"));
        stamp_dates(&mut earlier, PermitStatus::Approved, today);
        assert_eq!(earlier.approval_date, Some(today));

        let mut pending = permit("PENDING", None);
        stamp_dates(&mut pending, PermitStatus::Submitted, today);
        assert_eq!(pending.application_date, Some(today));
        stamp_dates(&mut pending, PermitStatus::Submitted, date("2026-12-01"));
        assert_eq!(
            pending.application_date,
            Some(today),
            "a date already there is kept"
        );
    }
}
