//! Clients: create, read, list, update, trash and restore.

use chrono::{DateTime, Utc};
use eventmgr_domain::{Email, Validator, text};
use eventmgr_store::entity::client;
use eventmgr_store::repo::clients::{self, ClientFilter};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::audit::{self, Change};
use crate::listing::{self, ListParams, ListResponse};
use crate::patch::nullable;
use crate::{Actor, App, AppError, Permission};

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ClientOut {
    pub id: Uuid,
    pub name: String,
    pub contact_person: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub notes: Option<String>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
}

impl From<client::Model> for ClientOut {
    fn from(m: client::Model) -> Self {
        ClientOut {
            id: m.id,
            name: m.name,
            contact_person: m.contact_person,
            email: m.email,
            phone: m.phone,
            address: m.address,
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
pub struct CreateClient {
    pub name: String,
    pub contact_person: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub notes: Option<String>,
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateClient {
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
    pub notes: Option<Option<String>>,
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ClientQuery {
    /// Substring of name, contact person or email.
    pub q: Option<String>,
    /// `true` lists the trash.
    pub deleted: Option<bool>,
}

pub const DEFAULT_SORT: &str = "name";

fn not_found() -> AppError {
    AppError::NotFound("client")
}

impl App {
    fn client_readable(&self, actor: &Actor, id: Uuid) -> Result<(), AppError> {
        if actor.is_client_user() {
            // A client user sees their own client and nothing else.
            return if actor.client_id == Some(id) {
                Ok(())
            } else {
                Err(not_found())
            };
        }
        actor.require(Permission::ClientsRead)
    }

    pub async fn create_client(
        &self,
        actor: &Actor,
        input: CreateClient,
    ) -> Result<ClientOut, AppError> {
        actor.require(Permission::ClientsWrite)?;
        let mut v = Validator::new();
        let name = v.check(text::required("name", &input.name, 200));
        let contact_person = v.optional(input.contact_person.as_deref(), |r| {
            text::optional("contact_person", r, 200)
        });
        let email = v
            .optional(input.email.as_deref(), |r| {
                Email::parse_optional("email", r)
            })
            .map(|e| e.as_str().to_owned());
        let phone = v.optional(input.phone.as_deref(), |r| text::phone("phone", r));
        let address = v.optional(input.address.as_deref(), |r| {
            text::optional("address", r, 1000)
        });
        let notes = v.optional(input.notes.as_deref(), |r| {
            text::optional("notes", r, 10_000)
        });
        v.finish()?;
        let name = name.ok_or_else(|| AppError::Internal("validated name missing".to_owned()))?;
        let at = eventmgr_store::now();
        let model = client::Model {
            id: Uuid::now_v7(),
            name,
            contact_person,
            email,
            phone,
            address,
            notes,
            version: 1,
            created_at: at,
            updated_at: at,
            deleted_at: None,
        };
        let txn = self.store.begin().await?;
        clients::insert(&txn, model.clone()).await?;
        let out = ClientOut::from(model);
        audit::record(
            &txn,
            actor,
            Change {
                action: "client.create",
                entity_type: "client",
                entity_id: out.id,
                project_id: None,
                changes: serde_json::to_value(&out).ok(),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(out)
    }

    pub async fn get_client(
        &self,
        actor: &Actor,
        id: Uuid,
        include_deleted: bool,
    ) -> Result<ClientOut, AppError> {
        self.client_readable(actor, id)?;
        clients::find(self.store.conn(), id, include_deleted)
            .await?
            .map(ClientOut::from)
            .ok_or_else(not_found)
    }

    pub async fn list_clients(
        &self,
        actor: &Actor,
        query: ClientQuery,
        params: ListParams,
    ) -> Result<ListResponse<ClientOut>, AppError> {
        let only_id = if actor.is_client_user() {
            Some(actor.client_id.unwrap_or_else(Uuid::nil))
        } else {
            actor.require(Permission::ClientsRead)?;
            None
        };
        let deleted = query.deleted.unwrap_or(false);
        if deleted {
            actor.require(Permission::ClientsWrite)?;
        }
        let page_query = listing::page_query(&params, clients::sort_column, DEFAULT_SORT)?;
        let filter = ClientFilter {
            q: query.q.filter(|q| !q.trim().is_empty()),
            deleted,
            only_id,
        };
        let page = clients::list(self.store.conn(), &filter, &page_query)
            .await
            .map_err(cursor_or_internal)?;
        Ok(listing::respond(
            &params,
            DEFAULT_SORT,
            page,
            ClientOut::from,
        ))
    }

    pub async fn update_client(
        &self,
        actor: &Actor,
        id: Uuid,
        expected_version: Option<i64>,
        input: UpdateClient,
    ) -> Result<ClientOut, AppError> {
        actor.require(Permission::ClientsWrite)?;
        let txn = self.store.begin().await?;
        let current = clients::find(&txn, id, false)
            .await?
            .ok_or_else(not_found)?;
        audit::check_version(expected_version, current.version)?;
        let mut v = Validator::new();
        let mut next = current.clone();
        if let Some(name) = input.name.as_deref() {
            next.name = v
                .check(text::required("name", name, 200))
                .unwrap_or_default();
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
        if let Some(value) = input.notes {
            next.notes = v.optional(value.as_deref(), |r| text::optional("notes", r, 10_000));
        }
        v.finish()?;
        next.version = current.version + 1;
        next.updated_at = eventmgr_store::now();
        audit::written(
            clients::update(&txn, next.clone(), current.version).await?,
            current.version,
        )?;
        let before = serde_json::to_value(ClientOut::from(current)).unwrap_or_default();
        let out = ClientOut::from(next);
        let after = serde_json::to_value(&out).unwrap_or_default();
        audit::record(
            &txn,
            actor,
            Change {
                action: "client.update",
                entity_type: "client",
                entity_id: id,
                project_id: None,
                changes: Some(audit::diff(&before, &after)),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(out)
    }

    /// Moves a client to the trash. Refused while live projects name it: trashing it would
    /// leave them pointing at a client nobody can see.
    pub async fn delete_client(
        &self,
        actor: &Actor,
        id: Uuid,
        expected_version: Option<i64>,
    ) -> Result<(), AppError> {
        actor.require(Permission::ClientsWrite)?;
        let txn = self.store.begin().await?;
        let current = clients::find(&txn, id, false)
            .await?
            .ok_or_else(not_found)?;
        audit::check_version(expected_version, current.version)?;
        let projects = clients::count_projects(&txn, id).await?;
        if projects > 0 {
            return Err(AppError::Conflict(format!(
                "the client is still referenced by {projects} project(s); move or trash them first"
            )));
        }
        let mut next = current.clone();
        next.deleted_at = Some(eventmgr_store::now());
        next.updated_at = next.deleted_at.unwrap_or(current.updated_at);
        next.version = current.version + 1;
        audit::written(
            clients::update(&txn, next, current.version).await?,
            current.version,
        )?;
        audit::record(
            &txn,
            actor,
            Change {
                action: "client.delete",
                entity_type: "client",
                entity_id: id,
                project_id: None,
                changes: None,
            },
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    pub async fn restore_client(&self, actor: &Actor, id: Uuid) -> Result<ClientOut, AppError> {
        actor.require(Permission::ClientsWrite)?;
        let txn = self.store.begin().await?;
        let current = clients::find(&txn, id, true).await?.ok_or_else(not_found)?;
        if current.deleted_at.is_none() {
            return Err(AppError::Conflict(
                "the client is not in the trash".to_owned(),
            ));
        }
        let mut next = current.clone();
        next.deleted_at = None;
        next.updated_at = eventmgr_store::now();
        next.version = current.version + 1;
        audit::written(
            clients::update(&txn, next.clone(), current.version).await?,
            current.version,
        )?;
        audit::record(
            &txn,
            actor,
            Change {
                action: "client.restore",
                entity_type: "client",
                entity_id: id,
                project_id: None,
                changes: None,
            },
        )
        .await?;
        txn.commit().await?;
        Ok(ClientOut::from(next))
    }
}

/// A cursor that does not fit the query is the client's mistake, not a server fault.
pub(crate) fn cursor_or_internal(err: eventmgr_store::StoreError) -> AppError {
    match err {
        eventmgr_store::StoreError::Corrupt(text) => AppError::BadRequest(text),
        other => other.into(),
    }
}
