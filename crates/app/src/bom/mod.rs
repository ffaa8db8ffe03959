//! The bill of materials: lines of equipment and services per project, in a tree, with
//! exact money. Reading the tree with rollups is in `tree`, spreadsheets in `import` and
//! `export`.

pub mod export;
pub mod import;
pub mod tree;
pub mod tree_cache;

use chrono::{DateTime, Utc};
use eventmgr_domain::bom::{self as rules, DEFAULT_UNIT, MAX_DEPTH};
use eventmgr_domain::{
    BomStatus, FieldError, Money, Quantity, Status, Validator, check_move, text,
};
use eventmgr_store::entity::bom_item;
use eventmgr_store::repo::bom_items::{self, BomFilter, ParentFilter};
use eventmgr_store::repo::{projects, suppliers};
use eventmgr_store::{Conn, DbDecimal};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use uuid::Uuid;

use crate::access::{self, Need, Owned};
use crate::audit::{self, Change};
use crate::listing::{self, ListParams, ListResponse};
use crate::patch::nullable;
use crate::{Actor, App, AppError};

/// One BOM line. Money fields are absent for callers without `costs:read`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct BomItemOut {
    pub id: Uuid,
    pub project_id: Uuid,
    pub parent_id: Option<Uuid>,
    pub supplier_id: Option<Uuid>,
    pub name: String,
    pub description: Option<String>,
    pub category: Option<String>,
    /// Decimal string with 3 decimals.
    #[schema(example = "12.000")]
    pub quantity: String,
    #[schema(example = "pcs")]
    pub unit: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, example = "85.50")]
    pub unit_price: Option<String>,
    /// `quantity × unit_price`, rounded half-even to cents, computed by the server.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, example = "1026.00")]
    pub total_price: Option<String>,
    #[schema(example = "PLANNED")]
    pub status: String,
    pub position: i32,
    pub notes: Option<String>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl BomItemOut {
    pub fn from_model(m: bom_item::Model, sees_costs: bool) -> BomItemOut {
        BomItemOut {
            id: m.id,
            project_id: m.project_id,
            parent_id: m.parent_id,
            supplier_id: m.supplier_id,
            name: m.name,
            description: m.description,
            category: m.category,
            quantity: format!("{:.3}", m.quantity.0),
            unit: m.unit,
            unit_price: sees_costs.then(|| Money::from_stored(m.unit_price.0).to_string()),
            total_price: sees_costs.then(|| Money::from_stored(m.total_price.0).to_string()),
            status: m.status,
            position: m.position,
            notes: m.notes,
            version: m.version,
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "Line array PA system", "quantity": "2", "unit": "set", "unit_price": "1850.00", "category": "PA & sound"}))]
pub struct CreateBomItem {
    pub name: String,
    pub description: Option<String>,
    pub category: Option<String>,
    /// Decimal string, at most 3 decimals, not negative; default "1".
    pub quantity: Option<String>,
    /// One of pcs, set, lot, pair, m, m², m³, km, kg, t, l, h, day, week, flat, person — or
    /// any short text; default "pcs".
    pub unit: Option<String>,
    /// Decimal string, at most 2 decimals (negative for a discount line); default "0.00".
    pub unit_price: Option<String>,
    /// Default PLANNED.
    pub status: Option<String>,
    /// Must be an active supplier.
    pub supplier_id: Option<Uuid>,
    /// An item of the same project; none for a top-level item.
    pub parent_id: Option<Uuid>,
    /// Order among siblings; default: after the last one.
    pub position: Option<i32>,
    pub notes: Option<String>,
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateBomItem {
    pub name: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub description: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub category: Option<Option<String>>,
    pub quantity: Option<String>,
    pub unit: Option<String>,
    pub unit_price: Option<String>,
    /// A move along the status machine; 409 naming the allowed moves otherwise.
    pub status: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub supplier_id: Option<Option<Uuid>>,
    /// Moves the item (with its subtree); under its own descendant is a 409.
    #[serde(default, deserialize_with = "nullable")]
    pub parent_id: Option<Option<Uuid>>,
    pub position: Option<i32>,
    #[serde(default, deserialize_with = "nullable")]
    pub notes: Option<Option<String>>,
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BomQuery {
    /// `tree` answers the nested tree with rollups (no paging); default a flat page.
    pub view: Option<String>,
    /// Substring of name, description or notes.
    pub q: Option<String>,
    pub category: Option<String>,
    /// One status or several, comma-separated.
    pub status: Option<String>,
    pub supplier_id: Option<Uuid>,
    /// An item id for its direct children, or `root` for top-level items.
    pub parent_id: Option<String>,
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeleteBomQuery {
    /// Required to delete an item that has sub-items (they are deleted with it).
    pub cascade: Option<bool>,
}

pub const DEFAULT_SORT: &str = "position,name";

/// Fields that only callers with `costs:read` may sort by (the order would reveal prices).
const COST_SORTS: [&str; 2] = ["unit_price", "total_price"];

fn not_found() -> AppError {
    AppError::NotFound("BOM item")
}

/// A unit as given, or the canonical spelling of a listed one.
pub(crate) fn parse_unit(field: &str, raw: &str) -> Result<String, FieldError> {
    let unit = text::required(field, raw, 20)?;
    Ok(rules::UNITS
        .iter()
        .find(|u| u.eq_ignore_ascii_case(&unit))
        .map_or(unit, |u| (*u).to_owned()))
}

/// `quantity × unit_price`, rounded half-even to cents; 422 when it leaves the money range.
pub(crate) fn line_total(
    quantity: Quantity,
    unit_price: Money,
    field: &str,
) -> Result<Money, FieldError> {
    unit_price
        .times(quantity)
        .and_then(|t| Money::from_decimal(field, t.amount()).ok())
        .ok_or_else(|| {
            FieldError::new(
                field,
                "out_of_range",
                "quantity × unit_price exceeds 9999999999999.99",
            )
        })
}

/// Checks that a supplier exists, is not in the trash and is active.
pub(crate) async fn check_supplier<C: Conn>(
    db: &C,
    v: &mut Validator,
    field: &str,
    id: Uuid,
) -> Result<(), AppError> {
    match suppliers::find(db, id, false).await? {
        None => v.push(FieldError::new(
            field,
            "unknown_supplier",
            format!("{field} must name an existing supplier"),
        )),
        Some(s) if !s.is_active => v.push(FieldError::new(
            field,
            "inactive_supplier",
            format!("the supplier \"{}\" is inactive", s.name),
        )),
        Some(_) => {}
    }
    Ok(())
}

/// Depth an item gets under `parent` (1 at the top), walking up one row at a time: at most
/// [`MAX_DEPTH`] small reads.
async fn depth_under<C: Conn>(db: &C, parent: Option<Uuid>) -> Result<usize, AppError> {
    let mut depth = 1;
    let mut current = parent;
    while let Some(id) = current {
        depth += 1;
        if depth > MAX_DEPTH {
            break;
        }
        current = bom_items::find(db, id).await?.and_then(|p| p.parent_id);
    }
    Ok(depth)
}

fn too_deep(field: &str) -> FieldError {
    FieldError::new(
        field,
        "too_deep",
        format!("the BOM tree allows at most {MAX_DEPTH} levels"),
    )
}

impl App {
    pub async fn create_bom_item(
        &self,
        actor: &Actor,
        project_id: Uuid,
        input: CreateBomItem,
    ) -> Result<BomItemOut, AppError> {
        let mut v = Validator::new();
        let name = v.check(text::required("name", &input.name, 200));
        let quantity = v.check(Quantity::parse(
            "quantity",
            input.quantity.as_deref().unwrap_or("1"),
        ));
        let unit = v.check(parse_unit(
            "unit",
            input.unit.as_deref().unwrap_or(DEFAULT_UNIT),
        ));
        let unit_price = v.check(Money::parse(
            "unit_price",
            input.unit_price.as_deref().unwrap_or("0"),
        ));
        let status = v.check(BomStatus::parse(
            "status",
            input.status.as_deref().unwrap_or("PLANNED"),
        ));
        let total = match (quantity, unit_price) {
            (Some(q), Some(p)) => v.check(line_total(q, p, "unit_price")),
            _ => None,
        };
        let description = v.optional(input.description.as_deref(), |r| {
            text::optional("description", r, 10_000)
        });
        let category = v.optional(input.category.as_deref(), |r| {
            text::optional("category", r, 100)
        });
        let notes = v.optional(input.notes.as_deref(), |r| {
            text::optional("notes", r, 10_000)
        });

        let txn = self.store.begin().await?;
        let access = access::guard(&txn, actor, project_id, Need::Write, false).await?;
        if !access.sees_costs && input.unit_price.is_some() {
            v.push(costs_forbidden("unit_price"));
        }
        if let Some(id) = input.supplier_id {
            check_supplier(&txn, &mut v, "supplier_id", id).await?;
        }
        if let Some(parent_id) = input.parent_id {
            match bom_items::find(&txn, parent_id).await? {
                Some(p) if p.project_id == project_id => {
                    if depth_under(&txn, Some(parent_id)).await? > MAX_DEPTH {
                        v.push(too_deep("parent_id"));
                    }
                }
                _ => v.push(FieldError::new(
                    "parent_id",
                    "unknown_parent",
                    "parent_id must name a BOM item of this project",
                )),
            }
        }
        v.finish()?;
        let (Some(name), Some(quantity), Some(unit), Some(unit_price), Some(status), Some(total)) =
            (name, quantity, unit, unit_price, status, total)
        else {
            return Err(AppError::Internal("validated values missing".to_owned()));
        };
        let position = match input.position {
            Some(p) => p,
            None => bom_items::next_position(&txn, project_id, input.parent_id).await?,
        };
        let at = eventmgr_store::now();
        let model = bom_item::Model {
            id: Uuid::now_v7(),
            project_id,
            parent_id: input.parent_id,
            supplier_id: input.supplier_id,
            name,
            description,
            category,
            quantity: DbDecimal(quantity.amount()),
            unit,
            unit_price: DbDecimal(unit_price.amount()),
            total_price: DbDecimal(total.amount()),
            status: status.as_str().to_owned(),
            position,
            notes,
            version: 1,
            created_at: at,
            updated_at: at,
        };
        bom_items::insert(&txn, model.clone()).await?;
        audit::record(
            &txn,
            actor,
            Change {
                action: "bom_item.create",
                entity_type: "bom_item",
                entity_id: model.id,
                project_id: Some(project_id),
                changes: serde_json::to_value(BomItemOut::from_model(model.clone(), true)).ok(),
            },
        )
        .await?;
        crate::live::emit(&txn, project_id, "bom_item.created", model.id, Some(1)).await?;
        txn.commit().await?;
        self.announce();
        Ok(BomItemOut::from_model(model, access.sees_costs))
    }

    pub async fn get_bom_item(&self, actor: &Actor, id: Uuid) -> Result<BomItemOut, AppError> {
        let db = self.store.conn();
        let access = access::guard_owned(db, actor, Owned::BomItem, id, Need::Read).await?;
        let item = bom_items::find(db, id).await?.ok_or_else(not_found)?;
        Ok(BomItemOut::from_model(item, access.sees_costs))
    }

    pub async fn list_bom_items(
        &self,
        actor: &Actor,
        project_id: Uuid,
        query: BomQuery,
        params: ListParams,
    ) -> Result<ListResponse<BomItemOut>, AppError> {
        let db = self.store.conn();
        let access = access::guard(db, actor, project_id, Need::Read, false).await?;
        if !access.sees_costs {
            listing::refuse_sort_by(&params, &COST_SORTS)?;
        }
        let page_query = listing::page_query(&params, bom_items::sort_column, DEFAULT_SORT)?;
        let statuses = crate::filters::statuses::<BomStatus>(query.status.as_deref())?;
        let parent = match query.parent_id.as_deref() {
            None | Some("") => None,
            Some("root") => Some(ParentFilter::Root),
            Some(raw) => Some(ParentFilter::Of(Uuid::parse_str(raw).map_err(|_| {
                AppError::BadRequest("parent_id must be an item id or `root`".to_owned())
            })?)),
        };
        let filter = BomFilter {
            q: query.q.filter(|q| !q.trim().is_empty()),
            category: query.category.filter(|c| !c.trim().is_empty()),
            statuses,
            supplier_id: query.supplier_id,
            parent,
        };
        let page = bom_items::list(db, project_id, &filter, &page_query)
            .await
            .map_err(crate::clients::cursor_or_internal)?;
        let sees_costs = access.sees_costs;
        Ok(listing::respond(&params, DEFAULT_SORT, page, |m| {
            BomItemOut::from_model(m, sees_costs)
        }))
    }

    pub async fn update_bom_item(
        &self,
        actor: &Actor,
        id: Uuid,
        expected_version: Option<i64>,
        input: UpdateBomItem,
    ) -> Result<BomItemOut, AppError> {
        let txn = self.store.begin().await?;
        let access = access::guard_owned(&txn, actor, Owned::BomItem, id, Need::Write).await?;
        let current = bom_items::find(&txn, id).await?.ok_or_else(not_found)?;
        audit::check_version(expected_version, current.version)?;
        let mut v = Validator::new();
        let mut next = current.clone();
        if let Some(raw) = input.name.as_deref()
            && let Some(name) = v.check(text::required("name", raw, 200))
        {
            next.name = name;
        }
        if let Some(value) = input.description {
            next.description = v.optional(value.as_deref(), |r| {
                text::optional("description", r, 10_000)
            });
        }
        if let Some(value) = input.category {
            next.category = v.optional(value.as_deref(), |r| text::optional("category", r, 100));
        }
        if let Some(value) = input.notes {
            next.notes = v.optional(value.as_deref(), |r| text::optional("notes", r, 10_000));
        }
        if let Some(raw) = input.unit.as_deref()
            && let Some(unit) = v.check(parse_unit("unit", raw))
        {
            next.unit = unit;
        }
        if let Some(p) = input.position {
            next.position = p;
        }
        if input.unit_price.is_some() && !access.sees_costs {
            v.push(costs_forbidden("unit_price"));
        }
        let quantity = match input.quantity.as_deref() {
            Some(raw) => v.check(Quantity::parse("quantity", raw)),
            None => Quantity::parse("quantity", &current.quantity.0.to_string()).ok(),
        };
        let unit_price = match input.unit_price.as_deref() {
            Some(raw) => v.check(Money::parse("unit_price", raw)),
            None => Some(Money::from_stored(current.unit_price.0)),
        };
        if let (Some(q), Some(p)) = (quantity, unit_price)
            && let Some(total) = v.check(line_total(q, p, "unit_price"))
        {
            next.quantity = DbDecimal(q.amount());
            next.unit_price = DbDecimal(p.amount());
            next.total_price = DbDecimal(total.amount());
        }
        if let Some(raw) = input.status.as_deref()
            && let Some(to) = v.check(BomStatus::parse("status", raw))
        {
            let from = BomStatus::parse("status", &current.status)
                .map_err(|_| AppError::Internal("stored BOM status is unknown".to_owned()))?;
            check_move(from, to).map_err(|e| AppError::Conflict(e.to_string()))?;
            next.status = to.as_str().to_owned();
        }
        if let Some(value) = input.supplier_id {
            if let Some(s) = value
                && Some(s) != current.supplier_id
            {
                check_supplier(&txn, &mut v, "supplier_id", s).await?;
            }
            next.supplier_id = value;
        }
        if let Some(new_parent) = input.parent_id
            && new_parent != current.parent_id
        {
            projects::lock_for_tree_change(&txn, current.project_id).await?;
            self.check_move_in_tree(&txn, &current, new_parent, &mut v)
                .await?;
            next.parent_id = new_parent;
            if input.position.is_none() {
                next.position =
                    bom_items::next_position(&txn, current.project_id, new_parent).await?;
            }
        }
        v.finish()?;
        next.version = current.version + 1;
        next.updated_at = eventmgr_store::now();
        audit::written(
            bom_items::update(&txn, next.clone(), current.version).await?,
            current.version,
        )?;
        let changes = audit::diff_of(
            &BomItemOut::from_model(current, true),
            &BomItemOut::from_model(next.clone(), true),
        );
        audit::record(
            &txn,
            actor,
            Change {
                action: "bom_item.update",
                entity_type: "bom_item",
                entity_id: id,
                project_id: Some(next.project_id),
                changes: Some(changes),
            },
        )
        .await?;
        crate::live::emit(
            &txn,
            next.project_id,
            "bom_item.updated",
            id,
            Some(next.version),
        )
        .await?;
        txn.commit().await?;
        self.announce();
        Ok(BomItemOut::from_model(next, access.sees_costs))
    }

    /// A move of `item` under `new_parent`: same project, not under itself, not too deep.
    async fn check_move_in_tree<C: Conn>(
        &self,
        db: &C,
        item: &bom_item::Model,
        new_parent: Option<Uuid>,
        v: &mut Validator,
    ) -> Result<(), AppError> {
        let Some(parent_id) = new_parent else {
            return Ok(());
        };
        let links = bom_items::parent_links(db, item.project_id).await?;
        let parents: HashMap<Uuid, Option<Uuid>> = links.iter().copied().collect();
        if !parents.contains_key(&parent_id) {
            v.push(FieldError::new(
                "parent_id",
                "unknown_parent",
                "parent_id must name a BOM item of this project",
            ));
            return Ok(());
        }
        let parent_of = |id: Uuid| parents.get(&id).copied().flatten();
        if rules::would_cycle(item.id, parent_id, parent_of, links.len()) {
            return Err(AppError::Conflict(
                "cannot move a BOM item under itself or one of its own sub-items".to_owned(),
            ));
        }
        let mut children: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
        for (id, parent) in &links {
            if let Some(p) = parent {
                children.entry(*p).or_default().push(*id);
            }
        }
        let depth = rules::depth_under(Some(parent_id), parent_of);
        if depth + rules::subtree_height(item.id, &children) - 1 > MAX_DEPTH {
            v.push(too_deep("parent_id"));
        }
        Ok(())
    }

    /// Deletes an item; one with sub-items only with `cascade`, and then the whole subtree.
    pub async fn delete_bom_item(
        &self,
        actor: &Actor,
        id: Uuid,
        expected_version: Option<i64>,
        cascade: bool,
    ) -> Result<(), AppError> {
        let txn = self.store.begin().await?;
        access::guard_owned(&txn, actor, Owned::BomItem, id, Need::Write).await?;
        let current = bom_items::find(&txn, id).await?.ok_or_else(not_found)?;
        audit::check_version(expected_version, current.version)?;
        projects::lock_for_tree_change(&txn, current.project_id).await?;
        let links = bom_items::parent_links(&txn, current.project_id).await?;
        let mut children: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
        for (child, parent) in &links {
            if let Some(p) = parent {
                children.entry(*p).or_default().push(*child);
            }
        }
        // The subtree level by level, the item itself first.
        let mut levels = vec![vec![id]];
        loop {
            let below: Vec<Uuid> = levels
                .last()
                .into_iter()
                .flatten()
                .flat_map(|i| children.get(i).into_iter().flatten().copied())
                .collect();
            if below.is_empty() || levels.len() > MAX_DEPTH + 1 {
                break;
            }
            levels.push(below);
        }
        let below: usize = levels.iter().skip(1).map(Vec::len).sum();
        if below > 0 && !cascade {
            return Err(AppError::Conflict(format!(
                "the BOM item has {below} sub-item(s); delete with ?cascade=true to remove them too"
            )));
        }
        let deleted_ids: Vec<Uuid> = levels.iter().skip(1).flatten().copied().collect();
        bom_items::delete_bottom_up(&txn, levels).await?;
        audit::record(
            &txn,
            actor,
            Change {
                action: "bom_item.delete",
                entity_type: "bom_item",
                entity_id: id,
                project_id: Some(current.project_id),
                changes: Some(serde_json::json!({
                    "before": BomItemOut::from_model(current.clone(), true),
                    "sub_items_deleted": deleted_ids,
                })),
            },
        )
        .await?;
        crate::live::emit(&txn, current.project_id, "bom_item.deleted", id, None).await?;
        txn.commit().await?;
        self.announce();
        Ok(())
    }
}

pub(crate) fn costs_forbidden(field: &str) -> FieldError {
    FieldError::new(
        field,
        "forbidden",
        format!("setting {field} needs the permission costs:read"),
    )
}
