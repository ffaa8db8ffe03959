//! The festival's production plan for the demo: suppliers, a three-level BOM, permits and
//! transports, created from the tables in `production.rs` through the same use-case methods
//! the API calls, so every record is validated and audited like a real one.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use uuid::Uuid;

use super::production::{GROUPS, PERMITS, SERVICE_UNITS, SUPPLIERS, Supplier, TRANSPORTS};
use crate::bom::CreateBomItem;
use crate::logistics::CreateTransport;
use crate::permits::CreatePermit;
use crate::suppliers::CreateSupplier;
use crate::{Actor, App, AppError};

/// How many records [`App::demo_festival_production`] created.
pub(super) struct ProductionCounts {
    pub suppliers: usize,
    pub bom_items: usize,
    pub permits: usize,
    pub transports: usize,
}

/// The lines created for one BOM section (id and unit), for transports to carry.
struct Carried {
    supplier: &'static Supplier,
    supplier_id: Uuid,
    lines: Vec<(Uuid, &'static str)>,
}

/// `None` for an empty table cell.
fn some(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_owned())
}

/// A group or sub-group row: it only structures the tree, its lines carry the money.
fn heading(name: &str, category: &str, status: &str, supplier_id: Option<Uuid>) -> CreateBomItem {
    CreateBomItem {
        name: name.to_owned(),
        description: None,
        category: Some(category.to_owned()),
        quantity: Some("1".to_owned()),
        unit: Some("lot".to_owned()),
        unit_price: Some("0.00".to_owned()),
        status: Some(status.to_owned()),
        supplier_id,
        parent_id: None,
        position: None,
        notes: None,
    }
}

impl App {
    /// Adds the production plan to the festival project `project_id`, whose first show day
    /// is `start`. `today` anchors the permit paperwork.
    pub(super) async fn demo_festival_production(
        &self,
        admin: &Actor,
        project_id: Uuid,
        start: NaiveDate,
        today: NaiveDate,
    ) -> Result<ProductionCounts, AppError> {
        let mut supplier_ids: HashMap<&str, Uuid> = HashMap::new();
        for s in SUPPLIERS {
            let out = self.create_supplier(admin, supplier_input(s)).await?;
            supplier_ids.insert(s.name, out.id);
        }
        let supplier_id = |s: &Supplier| {
            supplier_ids
                .get(s.name)
                .copied()
                .ok_or_else(|| AppError::Internal(format!("demo supplier {} missing", s.name)))
        };

        // BOM: group → (section →) line. Keyed by (group, section) for the transports.
        let mut bom_items = 0;
        let mut carried: HashMap<(&str, &str), Carried> = HashMap::new();
        for group in &GROUPS {
            // Statuses cycle along the lines, so each group gets its own mix.
            let status = |i: usize| {
                group
                    .statuses
                    .iter()
                    .cycle()
                    .nth(i)
                    .copied()
                    .unwrap_or("PLANNED")
            };
            let group_item = self
                .create_bom_item(
                    admin,
                    project_id,
                    CreateBomItem {
                        description: Some(group.description.to_owned()),
                        ..heading(group.name, group.name, status(0), None)
                    },
                )
                .await?;
            bom_items += 1;
            for (s, section) in group.sections.iter().enumerate() {
                let sid = supplier_id(section.supplier)?;
                let parent = if section.name.is_empty() {
                    group_item.id
                } else {
                    bom_items += 1;
                    self.create_bom_item(
                        admin,
                        project_id,
                        CreateBomItem {
                            parent_id: Some(group_item.id),
                            ..heading(section.name, group.name, status(s), Some(sid))
                        },
                    )
                    .await?
                    .id
                };
                let mut lines = Vec::with_capacity(section.lines.len());
                for (i, &(name, quantity, unit, unit_price)) in section.lines.iter().enumerate() {
                    let line = self
                        .create_bom_item(
                            admin,
                            project_id,
                            CreateBomItem {
                                name: name.to_owned(),
                                description: None,
                                category: Some(group.name.to_owned()),
                                quantity: Some(quantity.to_owned()),
                                unit: Some(unit.to_owned()),
                                unit_price: Some(unit_price.to_owned()),
                                status: Some(status(s + i).to_owned()),
                                supplier_id: Some(sid),
                                parent_id: Some(parent),
                                position: None,
                                notes: None,
                            },
                        )
                        .await?;
                    lines.push((line.id, unit));
                }
                bom_items += lines.len();
                carried.insert(
                    (group.name, section.name),
                    Carried {
                        supplier: section.supplier,
                        supplier_id: sid,
                        lines,
                    },
                );
            }
        }

        let day = |offset: i64| today + Duration::days(offset);
        for p in &PERMITS {
            self.create_permit(
                admin,
                project_id,
                CreatePermit {
                    name: p.name.to_owned(),
                    permit_type: p.permit_type.to_owned(),
                    authority: Some(p.authority.to_owned()),
                    reference_number: p.reference.map(str::to_owned),
                    status: Some(p.status.to_owned()),
                    application_date: p.applied.map(day),
                    approval_date: p.approved.map(day),
                    expiry_date: p.expires.map(|d| start + Duration::days(d)),
                    cost: Some(p.cost.to_owned()),
                    notes: p.notes.map(str::to_owned),
                },
            )
            .await?;
        }

        let at = |offset: i64, hour: i64| -> DateTime<Utc> {
            ((start + Duration::days(offset)).and_time(NaiveTime::MIN) + Duration::hours(hour))
                .and_utc()
        };
        for t in &TRANSPORTS {
            let Some(load) = carried.get(&(t.group, t.section)) else {
                return Err(AppError::Internal(format!(
                    "demo transport names an unknown BOM section {} / {}",
                    t.group, t.section
                )));
            };
            let picked = match t.lines {
                Some(indices) => indices
                    .iter()
                    .map(|&i| load.lines.get(i).copied())
                    .collect::<Option<Vec<_>>>()
                    .ok_or_else(|| {
                        AppError::Internal(format!(
                            "demo transport {}: no such line",
                            t.description
                        ))
                    })?,
                None => load.lines.clone(),
            };
            let items = picked
                .into_iter()
                .filter(|(_, unit)| !SERVICE_UNITS.contains(unit))
                .map(|(id, _)| id)
                .collect();
            let supplier = load.supplier;
            let depot = Some(format!("{}, {}", supplier.name, supplier.address));
            // Inbound transports come from the supplier's depot; the rest go back there.
            let (from, to) = if matches!(t.kind, "DELIVERY" | "TRANSFER") {
                (
                    t.origin.map(str::to_owned).or(depot),
                    Some(t.site.to_owned()),
                )
            } else {
                (Some(t.site.to_owned()), depot)
            };
            self.create_transport(
                admin,
                project_id,
                CreateTransport {
                    logistics_type: t.kind.to_owned(),
                    description: t.description.to_owned(),
                    from_location: from,
                    to_location: to,
                    scheduled_at: Some(at(t.day, t.hour)),
                    actual_at: None,
                    status: Some(t.status.to_owned()),
                    cost: Some(t.cost.to_owned()),
                    supplier_id: Some(load.supplier_id),
                    vehicle: Some(t.vehicle.to_owned()),
                    contact: Some(format!("{}, {}", supplier.contact, supplier.phone)),
                    notes: t.notes.map(str::to_owned),
                    bom_item_ids: Some(items),
                },
            )
            .await?;
        }

        Ok(ProductionCounts {
            suppliers: SUPPLIERS.len(),
            bom_items,
            permits: PERMITS.len(),
            transports: TRANSPORTS.len(),
        })
    }
}

fn supplier_input(s: &Supplier) -> CreateSupplier {
    CreateSupplier {
        name: s.name.to_owned(),
        contact_person: some(s.contact),
        email: some(s.email),
        phone: some(s.phone),
        address: some(s.address),
        category: some(s.category),
        rating: some(s.rating),
        is_active: Some(true),
        notes: some(s.notes),
    }
}
