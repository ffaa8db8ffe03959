//! Suppliers: rental companies, crews and service providers shared by all projects. Deleting
//! one that BOM items or transports still name is refused; deactivating is always possible.

use chrono::{DateTime, Utc};
use eventmgr_domain::{Email, FieldError, Validator, text};
use eventmgr_store::DbDecimal;
use eventmgr_store::entity::supplier;
use eventmgr_store::repo::suppliers::{self, SupplierFilter};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::audit::{self, Change};
use crate::listing::{self, ListParams, ListResponse};
use crate::patch::nullable;
use crate::{Actor, App, AppError, Permission};

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SupplierOut {
    pub id: Uuid,
    pub name: String,
    pub contact_person: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub category: Option<String>,
    /// 0.00–5.00, as a decimal string.
    #[schema(value_type = Option<String>, example = "4.50")]
    pub rating: Option<String>,
    pub is_active: bool,
    pub notes: Option<String>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
}

impl From<supplier::Model> for SupplierOut {
    fn from(m: supplier::Model) -> Self {
        SupplierOut {
            id: m.id,
            name: m.name,
            contact_person: m.contact_person,
            email: m.email,
            phone: m.phone,
            address: m.address,
            category: m.category,
            rating: m.rating.map(|r| format!("{:.2}", r.0)),
            is_active: m.is_active,
            notes: m.notes,
            version: m.version,
            created_at: m.created_at,
            updated_at: m.updated_at,
            deleted_at: m.deleted_at,
        }
    }
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateSupplier {
    pub name: String,
    pub contact_person: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub category: Option<String>,
    /// Decimal string 0.00–5.00.
    pub rating: Option<String>,
    pub is_active: Option<bool>,
    pub notes: Option<String>,
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateSupplier {
    pub name: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub contact_person: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub email: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub phone: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub address: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub category: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub rating: Option<Option<String>>,
    pub is_active: Option<bool>,
    #[serde(default, deserialize_with = "nullable")]
    pub notes: Option<Option<String>>,
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SupplierQuery {
    /// Substring of name, contact person or email.
    pub q: Option<String>,
    pub category: Option<String>,
    pub is_active: Option<bool>,
    /// Only suppliers rated at least this (e.g. `4`).
    pub rating_gte: Option<String>,
    /// `true` lists the trash.
    pub deleted: Option<bool>,
}

pub const DEFAULT_SORT: &str = "name";

/// A rating: 0.00–5.00, at most two decimals.
fn parse_rating(raw: &str) -> Result<Decimal, FieldError> {
    let bad = || {
        FieldError::new(
            "rating",
            "invalid_rating",
            "rating must be a decimal from 0.00 to 5.00 with at most 2 decimals",
        )
    };
    let value: Decimal = raw.trim().parse().map_err(|_| bad())?;
    if value.is_sign_negative()
        || value > Decimal::from(5)
        || value.normalize().scale() > 2
        || raw.contains(['e', 'E'])
    {
        return Err(bad());
    }
    let mut value = value;
    value.rescale(2);
    Ok(value)
}

fn not_found() -> AppError {
    AppError::NotFound("supplier")
}

impl App {
    pub async fn create_supplier(
        &self,
        actor: &Actor,
        input: CreateSupplier,
    ) -> Result<SupplierOut, AppError> {
        actor.require(Permission::SuppliersWrite)?;
        let mut v = Validator::new();
        let name = v.check(text::required("name", &input.name, 200));
        let rating = input
            .rating
            .as_deref()
            .and_then(|r| v.check(parse_rating(r)));
        let at = eventmgr_store::now();
        let model = supplier::Model {
            id: Uuid::now_v7(),
            name: name.clone().unwrap_or_default(),
            contact_person: v.optional(input.contact_person.as_deref(), |r| {
                text::optional("contact_person", r, 200)
            }),
            email: v
                .optional(input.email.as_deref(), |r| {
                    Email::parse_optional("email", r)
                })
                .map(|e| e.as_str().to_owned()),
            phone: v.optional(input.phone.as_deref(), |r| text::phone("phone", r)),
            address: v.optional(input.address.as_deref(), |r| {
                text::optional("address", r, 1000)
            }),
            category: v.optional(input.category.as_deref(), |r| {
                text::optional("category", r, 100)
            }),
            rating: rating.map(DbDecimal),
            is_active: input.is_active.unwrap_or(true),
            notes: v.optional(input.notes.as_deref(), |r| {
                text::optional("notes", r, 10_000)
            }),
            version: 1,
            created_at: at,
            updated_at: at,
            deleted_at: None,
        };
        v.finish()?;
        let txn = self.store.begin().await?;
        suppliers::insert(&txn, model.clone()).await?;
        let out = SupplierOut::from(model);
        audit::record(
            &txn,
            actor,
            Change {
                action: "supplier.create",
                entity_type: "supplier",
                entity_id: out.id,
                project_id: None,
                changes: serde_json::to_value(&out).ok(),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(out)
    }

    pub async fn get_supplier(
        &self,
        actor: &Actor,
        id: Uuid,
        include_deleted: bool,
    ) -> Result<SupplierOut, AppError> {
        actor.require(Permission::SuppliersRead)?;
        suppliers::find(self.store.conn(), id, include_deleted)
            .await?
            .map(SupplierOut::from)
            .ok_or_else(not_found)
    }

    pub async fn list_suppliers(
        &self,
        actor: &Actor,
        query: SupplierQuery,
        params: ListParams,
    ) -> Result<ListResponse<SupplierOut>, AppError> {
        actor.require(Permission::SuppliersRead)?;
        let min_rating = match query.rating_gte.as_deref() {
            None => None,
            Some(raw) => Some(parse_rating(raw).map_err(|_| {
                AppError::BadRequest("rating_gte must be a rating from 0 to 5".to_owned())
            })?),
        };
        let deleted = query.deleted.unwrap_or(false);
        if deleted {
            actor.require(Permission::SuppliersWrite)?;
        }
        let page_query = listing::page_query(&params, suppliers::sort_column, DEFAULT_SORT)?;
        let filter = SupplierFilter {
            q: query.q.filter(|q| !q.trim().is_empty()),
            category: query.category.filter(|c| !c.trim().is_empty()),
            is_active: query.is_active,
            min_rating,
            deleted,
        };
        let page = suppliers::list(self.store.conn(), &filter, &page_query)
            .await
            .map_err(crate::clients::cursor_or_internal)?;
        Ok(listing::respond(
            &params,
            DEFAULT_SORT,
            page,
            SupplierOut::from,
        ))
    }

    pub async fn update_supplier(
        &self,
        actor: &Actor,
        id: Uuid,
        expected_version: Option<i64>,
        input: UpdateSupplier,
    ) -> Result<SupplierOut, AppError> {
        actor.require(Permission::SuppliersWrite)?;
        let txn = self.store.begin().await?;
        let current = suppliers::find(&txn, id, false)
            .await?
            .ok_or_else(not_found)?;
        audit::check_version(expected_version, current.version)?;
        let mut v = Validator::new();
        let mut next = current.clone();
        if let Some(raw) = input.name.as_deref()
            && let Some(name) = v.check(text::required("name", raw, 200))
        {
            next.name = name;
        }
        if let Some(value) = input.contact_person {
            next.contact_person = v.optional(value.as_deref(), |r| {
                text::optional("contact_person", r, 200)
            });
        }
        if let Some(value) = input.email {
            next.email = v
                .optional(value.as_deref(), |r| Email::parse_optional("email", r))
                .map(|e| e.as_str().to_owned());
        }
        if let Some(value) = input.phone {
            next.phone = v.optional(value.as_deref(), |r| text::phone("phone", r));
        }
        if let Some(value) = input.address {
            next.address = v.optional(value.as_deref(), |r| text::optional("address", r, 1000));
        }
        if let Some(value) = input.category {
            next.category = v.optional(value.as_deref(), |r| text::optional("category", r, 100));
        }
        if let Some(value) = input.rating {
            next.rating = value
                .as_deref()
                .and_then(|r| v.check(parse_rating(r)))
                .map(DbDecimal);
        }
        if let Some(active) = input.is_active {
            next.is_active = active;
        }
        if let Some(value) = input.notes {
            next.notes = v.optional(value.as_deref(), |r| text::optional("notes", r, 10_000));
        }
        v.finish()?;
        next.version = current.version + 1;
        next.updated_at = eventmgr_store::now();
        audit::written(
            suppliers::update(&txn, next.clone(), current.version).await?,
            current.version,
        )?;
        let before = serde_json::to_value(SupplierOut::from(current)).unwrap_or_default();
        let out = SupplierOut::from(next);
        let after = serde_json::to_value(&out).unwrap_or_default();
        audit::record(
            &txn,
            actor,
            Change {
                action: "supplier.update",
                entity_type: "supplier",
                entity_id: id,
                project_id: None,
                changes: Some(audit::diff(&before, &after)),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(out)
    }

    /// Moves a supplier to the trash, unless BOM items or transports still name it (409 naming
    /// them: deactivate it instead, which keeps the history).
    pub async fn delete_supplier(
        &self,
        actor: &Actor,
        id: Uuid,
        expected_version: Option<i64>,
    ) -> Result<(), AppError> {
        actor.require(Permission::SuppliersWrite)?;
        let txn = self.store.begin().await?;
        let current = suppliers::find(&txn, id, false)
            .await?
            .ok_or_else(not_found)?;
        audit::check_version(expected_version, current.version)?;
        let (bom_items, transports) = suppliers::count_references(&txn, id).await?;
        if bom_items + transports > 0 {
            return Err(AppError::Conflict(format!(
                "the supplier is still referenced by {bom_items} BOM item(s) and {transports} transport(s); deactivate it instead (is_active: false)"
            )));
        }
        let at = eventmgr_store::now();
        let mut next = current.clone();
        next.deleted_at = Some(at);
        next.updated_at = at;
        next.version = current.version + 1;
        audit::written(
            suppliers::update(&txn, next, current.version).await?,
            current.version,
        )?;
        audit::record(
            &txn,
            actor,
            Change {
                action: "supplier.delete",
                entity_type: "supplier",
                entity_id: id,
                project_id: None,
                changes: None,
            },
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    pub async fn restore_supplier(&self, actor: &Actor, id: Uuid) -> Result<SupplierOut, AppError> {
        actor.require(Permission::SuppliersWrite)?;
        let txn = self.store.begin().await?;
        let current = suppliers::find(&txn, id, true)
            .await?
            .ok_or_else(not_found)?;
        if current.deleted_at.is_none() {
            return Err(AppError::Conflict(
                "the supplier is not in the trash".to_owned(),
            ));
        }
        let mut next = current.clone();
        next.deleted_at = None;
        next.updated_at = eventmgr_store::now();
        next.version = current.version + 1;
        audit::written(
            suppliers::update(&txn, next.clone(), current.version).await?,
            current.version,
        )?;
        audit::record(
            &txn,
            actor,
            Change {
                action: "supplier.restore",
                entity_type: "supplier",
                entity_id: id,
                project_id: None,
                changes: None,
            },
        )
        .await?;
        txn.commit().await?;
        Ok(SupplierOut::from(next))
    }
}

#[cfg(test)]
mod tests {
    use super::parse_rating;

    #[test]
    fn ratings() {
        assert_eq!(parse_rating("4.5").unwrap().to_string(), "4.50");
        assert_eq!(parse_rating("0").unwrap().to_string(), "0.00");
        assert_eq!(parse_rating("5.00").unwrap().to_string(), "5.00");
        for bad in ["5.01", "-1", "4.555", "abc", "1e0", ""] {
            assert!(parse_rating(bad).is_err(), "{bad}");
        }
    }
}
