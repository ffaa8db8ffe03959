//! The `/users` administration: list, invite or create, change role, deactivate. A
//! deactivated user's sessions die in the same transaction; the last active admin can be
//! neither demoted, deactivated nor deleted.

use eventmgr_domain::{Email, FieldError, Validator, password, text};
use eventmgr_store::Conn;
use eventmgr_store::entity::user;
use eventmgr_store::repo::users::{self, UserFilter};
use eventmgr_store::repo::{clients, roles, sessions};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::actor::{ROLE_ADMIN, ROLE_CLIENT};
use crate::audit::{self, Change};
use crate::listing::{self, ListParams, ListResponse};
use crate::users::UserOut;
use crate::{Actor, App, AppError, Permission};

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserQuery {
    /// Substring of email, name or username.
    pub q: Option<String>,
    /// Role name.
    pub role: Option<String>,
    pub is_active: Option<bool>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateUserRequest {
    pub email: String,
    pub username: Option<String>,
    pub first_name: String,
    pub last_name: String,
    /// Role name, e.g. `member`.
    pub role: String,
    /// Without a password the user is invited: they choose one through a link.
    pub password: Option<String>,
    /// Ties a `client`-role user to one client.
    pub client_id: Option<Uuid>,
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateUserRequest {
    pub username: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub role: Option<String>,
    pub is_active: Option<bool>,
    #[serde(default, deserialize_with = "crate::patch::nullable")]
    pub client_id: Option<Option<Uuid>>,
    /// Read-only fields a GET body carries; ignored when unchanged.
    pub email: Option<String>,
    pub mfa_enabled: Option<bool>,
    pub last_login_at: Option<serde_json::Value>,
}

/// A created user, with the invitation link when no password was given and no email could
/// carry it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CreatedUser {
    #[serde(flatten)]
    pub user: UserOut,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invite_url: Option<String>,
}

pub const DEFAULT_SORT: &str = "last_name";

fn check_username(v: &mut Validator, raw: &str) -> Option<String> {
    let name = v.check(text::required("username", raw, 64))?;
    if !name
        .chars()
        .all(|c| c.is_alphanumeric() || "._-".contains(c))
    {
        v.push(FieldError::new(
            "username",
            "invalid_username",
            "username may contain letters, digits and . _ - only",
        ));
        return None;
    }
    Some(name)
}

/// Refuses a change that would leave no active admin.
async fn keep_an_admin<C: Conn>(
    db: &C,
    current: &user::Model,
    admin_role: Uuid,
) -> Result<(), AppError> {
    if current.role_id == admin_role
        && current.is_active
        && users::count_active_with_role(db, admin_role).await? <= 1
    {
        return Err(AppError::Conflict(
            "this is the last active admin; make someone else admin first".to_owned(),
        ));
    }
    Ok(())
}

async fn role_by_name<C: Conn>(
    db: &C,
    name: &str,
) -> Result<eventmgr_store::entity::user_role::Model, AppError> {
    roles::find_by_name(db, name.trim())
        .await?
        .ok_or_else(|| AppError::field("role", "unknown_role", format!("'{name}' is not a role")))
}

impl App {
    pub async fn list_users(
        &self,
        actor: &Actor,
        query: UserQuery,
        params: ListParams,
    ) -> Result<ListResponse<UserOut>, AppError> {
        actor.require(Permission::UsersRead)?;
        let db = self.store.conn();
        let all_roles = roles::all(db).await?;
        let role_id = match query.role.as_deref() {
            None => None,
            Some(name) => Some(
                all_roles
                    .iter()
                    .find(|r| r.name == name)
                    .map(|r| r.id)
                    .ok_or_else(|| AppError::BadRequest(format!("unknown role '{name}'")))?,
            ),
        };
        let page_query = listing::page_query(&params, users::sort_column, DEFAULT_SORT)?;
        let filter = UserFilter {
            q: query.q.filter(|q| !q.trim().is_empty()),
            role_id,
            is_active: query.is_active,
        };
        let page = users::list(db, &filter, &page_query)
            .await
            .map_err(crate::clients::cursor_or_internal)?;
        Ok(listing::respond(&params, DEFAULT_SORT, page, |m| {
            let role = all_roles
                .iter()
                .find(|r| r.id == m.role_id)
                .map(|r| r.name.as_str())
                .unwrap_or("");
            UserOut::from_model(&m, role)
        }))
    }

    pub async fn get_user(&self, actor: &Actor, id: Uuid) -> Result<UserOut, AppError> {
        if id != actor.user_id {
            actor.require(Permission::UsersRead)?;
        }
        let db = self.store.conn();
        let user = users::find(db, id)
            .await?
            .ok_or(AppError::NotFound("user"))?;
        let role = roles::find(db, user.role_id)
            .await?
            .map(|r| r.name)
            .unwrap_or_default();
        Ok(UserOut::from_model(&user, &role))
    }

    pub async fn admin_create_user(
        &self,
        actor: &Actor,
        input: CreateUserRequest,
    ) -> Result<CreatedUser, AppError> {
        actor.require(Permission::UsersManage)?;
        let mut v = Validator::new();
        let email = v.check(Email::parse("email", &input.email));
        let first_name = v.check(text::required("first_name", &input.first_name, 100));
        let last_name = v
            .check(text::optional("last_name", &input.last_name, 100))
            .map(Option::unwrap_or_default);
        let username = match input.username.as_deref() {
            Some(raw) => check_username(&mut v, raw),
            None => email.as_ref().map(|e| {
                e.as_str()
                    .split('@')
                    .next()
                    .unwrap_or("user")
                    .chars()
                    .take(56)
                    .collect()
            }),
        };
        if let Some(pw) = input.password.as_deref() {
            v.check(password::check("password", pw));
        }
        let db = self.store.conn();
        let role = match role_by_name(db, &input.role).await {
            Ok(role) => Some(role),
            Err(AppError::Validation(errors)) => {
                errors.into_iter().for_each(|e| v.push(e));
                None
            }
            Err(other) => return Err(other),
        };
        if let Some(role) = &role {
            match (role.name == ROLE_CLIENT, input.client_id) {
                (true, None) => v.push(FieldError::new(
                    "client_id",
                    "required",
                    "client users need a client_id",
                )),
                (false, Some(_)) => v.push(FieldError::new(
                    "client_id",
                    "not_allowed",
                    "only client users belong to a client",
                )),
                _ => {}
            }
        }
        if let Some(client) = input.client_id
            && clients::find(db, client, false).await?.is_none()
        {
            v.push(FieldError::new(
                "client_id",
                "unknown_client",
                "client_id must name an existing client",
            ));
        }
        v.finish()?;
        let (Some(email), Some(first_name), Some(last_name), Some(username), Some(role)) =
            (email, first_name, last_name, username, role)
        else {
            return Err(AppError::Internal("validated values missing".to_owned()));
        };
        let hash = match input.password {
            Some(pw) => Some(crate::auth::hash_password(pw).await?),
            None => None,
        };
        let at = eventmgr_store::now();
        let model = user::Model {
            id: Uuid::now_v7(),
            email: email.as_str().to_owned(),
            username,
            first_name,
            last_name,
            password_hash: hash.clone(),
            role_id: role.id,
            client_id: input.client_id,
            is_active: true,
            locale: None,
            mfa_secret: None,
            mfa_enabled: false,
            mfa_last_step: None,
            mfa_pending_secret: None,
            last_login_at: None,
            version: 1,
            created_at: at,
            updated_at: at,
            deleted_at: None,
        };
        let txn = self.store.begin().await?;
        match users::insert(&txn, model.clone()).await {
            Ok(()) => {}
            Err(e) if e.is_unique_on("users", "email") => {
                return Err(AppError::Conflict(format!(
                    "a user with the email {email} already exists"
                )));
            }
            Err(e) if e.is_unique_on("users", "username") => {
                return Err(AppError::Conflict("this username is taken".to_owned()));
            }
            Err(e) => return Err(e.into()),
        }
        let out = UserOut::from_model(&model, &role.name);
        audit::record(
            &txn,
            actor,
            Change {
                action: "user.create",
                entity_type: "user",
                entity_id: model.id,
                project_id: None,
                changes: serde_json::to_value(&out).ok(),
            },
        )
        .await?;
        let invite = if hash.is_none() {
            Some(crate::auth::invite(&txn, &model, actor.user_id, at).await?)
        } else {
            None
        };
        txn.commit().await?;
        let invite_url = match invite {
            Some(token) => self.deliver_invite(&model, &token).await,
            None => None,
        };
        Ok(CreatedUser {
            user: out,
            invite_url,
        })
    }

    pub async fn admin_update_user(
        &self,
        actor: &Actor,
        id: Uuid,
        expected_version: Option<i64>,
        input: UpdateUserRequest,
    ) -> Result<UserOut, AppError> {
        actor.require(Permission::UsersManage)?;
        let txn = self.store.begin().await?;
        let current = users::find(&txn, id)
            .await?
            .ok_or(AppError::NotFound("user"))?;
        audit::check_version(expected_version, current.version)?;
        let admin_role = role_by_name(&txn, ROLE_ADMIN).await?;
        let mut v = Validator::new();
        let mut next = current.clone();
        if input
            .email
            .as_deref()
            .is_some_and(|e| !e.eq_ignore_ascii_case(&current.email))
        {
            v.push(FieldError::new(
                "email",
                "read_only",
                "the email cannot be changed here",
            ));
        }
        if let Some(raw) = input.username.as_deref()
            && let Some(name) = check_username(&mut v, raw)
        {
            next.username = name;
        }
        if let Some(raw) = input.first_name.as_deref()
            && let Some(name) = v.check(text::required("first_name", raw, 100))
        {
            next.first_name = name;
        }
        if let Some(raw) = input.last_name.as_deref()
            && let Some(name) = v.check(text::optional("last_name", raw, 100))
        {
            next.last_name = name.unwrap_or_default();
        }
        let mut role_name = roles::find(&txn, current.role_id)
            .await?
            .map(|r| r.name)
            .unwrap_or_default();
        if let Some(raw) = input.role.as_deref() {
            let role = role_by_name(&txn, raw).await?;
            next.role_id = role.id;
            role_name = role.name;
        }
        if let Some(value) = input.client_id {
            if let Some(client) = value
                && clients::find(&txn, client, false).await?.is_none()
            {
                v.push(FieldError::new(
                    "client_id",
                    "unknown_client",
                    "client_id must name an existing client",
                ));
            }
            next.client_id = value;
        }
        if role_name == ROLE_CLIENT && next.client_id.is_none() {
            v.push(FieldError::new(
                "client_id",
                "required",
                "client users need a client_id",
            ));
        }
        if role_name != ROLE_CLIENT && next.client_id.is_some() {
            v.push(FieldError::new(
                "client_id",
                "not_allowed",
                "only client users belong to a client",
            ));
        }
        if let Some(active) = input.is_active {
            next.is_active = active;
        }
        v.finish()?;
        if next.role_id != current.role_id || !next.is_active {
            keep_an_admin(&txn, &current, admin_role.id).await?;
        }
        let at = eventmgr_store::now();
        next.version = current.version + 1;
        next.updated_at = at;
        match users::update(&txn, next.clone(), current.version).await {
            Ok(true) => {}
            Ok(false) => audit::written(false, current.version)?,
            Err(e) if e.is_unique_on("users", "username") => {
                return Err(AppError::Conflict("this username is taken".to_owned()));
            }
            Err(e) => return Err(e.into()),
        }
        if current.is_active && !next.is_active {
            // A deactivated account is out at once, on every device.
            sessions::revoke_all(&txn, id, None, at).await?;
        }
        let old_role = roles::find(&txn, current.role_id)
            .await?
            .map(|r| r.name)
            .unwrap_or_default();
        let before =
            serde_json::to_value(UserOut::from_model(&current, &old_role)).unwrap_or_default();
        let out = UserOut::from_model(&next, &role_name);
        let after = serde_json::to_value(&out).unwrap_or_default();
        let action = if current.is_active && !next.is_active {
            "user.deactivate"
        } else if next.role_id != current.role_id {
            "user.role_change"
        } else {
            "user.update"
        };
        audit::record(
            &txn,
            actor,
            Change {
                action,
                entity_type: "user",
                entity_id: id,
                project_id: None,
                changes: Some(audit::diff(&before, &after)),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(out)
    }

    /// Deactivates the account and moves it to the trash; its sessions end.
    pub async fn admin_delete_user(
        &self,
        actor: &Actor,
        id: Uuid,
        expected_version: Option<i64>,
    ) -> Result<(), AppError> {
        actor.require(Permission::UsersManage)?;
        let txn = self.store.begin().await?;
        let current = users::find(&txn, id)
            .await?
            .ok_or(AppError::NotFound("user"))?;
        audit::check_version(expected_version, current.version)?;
        let admin_role = role_by_name(&txn, ROLE_ADMIN).await?;
        keep_an_admin(&txn, &current, admin_role.id).await?;
        let at = eventmgr_store::now();
        let mut next = current.clone();
        next.is_active = false;
        next.deleted_at = Some(at);
        next.updated_at = at;
        next.version = current.version + 1;
        audit::written(
            users::update(&txn, next, current.version).await?,
            current.version,
        )?;
        sessions::revoke_all(&txn, id, None, at).await?;
        audit::record(
            &txn,
            actor,
            Change {
                action: "user.delete",
                entity_type: "user",
                entity_id: id,
                project_id: None,
                changes: None,
            },
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }
}
