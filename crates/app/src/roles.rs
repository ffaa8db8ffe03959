//! Roles: the built-in ones of the domain and custom ones; each grants permission strings.
//! Built-ins keep their name and permissions (start-up restores them) and cannot be deleted;
//! an admin may require multi-factor login for any role.

use chrono::{DateTime, Utc};
use eventmgr_domain::{FieldError, Validator, text};
use eventmgr_store::entity::user_role;
use eventmgr_store::repo::{roles, users};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::actor::ALL_PERMISSIONS;
use crate::audit::{self, Change};
use crate::{Actor, App, AppError, Permission};

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RoleOut {
    pub id: Uuid,
    pub name: String,
    pub description: Option<String>,
    pub permissions: Vec<String>,
    pub is_builtin: bool,
    pub require_mfa: bool,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<user_role::Model> for RoleOut {
    fn from(m: user_role::Model) -> Self {
        RoleOut {
            id: m.id,
            permissions: crate::actor::permission_list(&m.permissions),
            name: m.name,
            description: m.description,
            is_builtin: m.is_builtin,
            require_mfa: m.require_mfa,
            version: m.version,
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct RoleList {
    pub items: Vec<RoleOut>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateRole {
    pub name: String,
    pub description: Option<String>,
    pub permissions: Vec<String>,
    pub require_mfa: Option<bool>,
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateRole {
    pub name: Option<String>,
    #[serde(default, deserialize_with = "crate::patch::nullable")]
    pub description: Option<Option<String>>,
    pub permissions: Option<Vec<String>>,
    pub require_mfa: Option<bool>,
    /// Read-only; accepted back unchanged.
    pub is_builtin: Option<bool>,
}

fn check_name(v: &mut Validator, raw: &str) -> Option<String> {
    let name = v.check(text::required("name", raw, 64))?;
    if !name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        || name.len() < 2
    {
        v.push(FieldError::new(
            "name",
            "invalid_name",
            "name uses 2–64 of a-z, 0-9 and _",
        ));
        return None;
    }
    Some(name)
}

fn check_permissions(v: &mut Validator, raw: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (i, p) in raw.iter().enumerate() {
        if ALL_PERMISSIONS.contains(&p.as_str()) {
            if !out.contains(p) {
                out.push(p.clone());
            }
        } else {
            v.push(FieldError::new(
                format!("permissions[{i}]"),
                "unknown_permission",
                format!(
                    "'{p}' is not a permission; known: {}",
                    ALL_PERMISSIONS.join(", ")
                ),
            ));
        }
    }
    out
}

fn conflict_on_name(err: eventmgr_store::StoreError) -> AppError {
    if err.is_unique_on("user_roles", "name") {
        AppError::Conflict("a role with this name exists".to_owned())
    } else {
        err.into()
    }
}

impl App {
    pub async fn list_roles(&self, actor: &Actor) -> Result<RoleList, AppError> {
        actor.require(Permission::UsersRead)?;
        let mut items: Vec<RoleOut> = roles::all(self.store.conn())
            .await?
            .into_iter()
            .map(RoleOut::from)
            .collect();
        items.sort_by(|a, b| b.is_builtin.cmp(&a.is_builtin).then(a.name.cmp(&b.name)));
        Ok(RoleList { items })
    }

    pub async fn get_role(&self, actor: &Actor, id: Uuid) -> Result<RoleOut, AppError> {
        actor.require(Permission::UsersRead)?;
        roles::find(self.store.conn(), id)
            .await?
            .map(RoleOut::from)
            .ok_or(AppError::NotFound("role"))
    }

    pub async fn create_role(&self, actor: &Actor, input: CreateRole) -> Result<RoleOut, AppError> {
        actor.require(Permission::RolesManage)?;
        let mut v = Validator::new();
        let name = check_name(&mut v, &input.name);
        let description = input
            .description
            .as_deref()
            .and_then(|d| v.check(text::optional("description", d, 500)).flatten());
        let permissions = check_permissions(&mut v, &input.permissions);
        v.finish()?;
        let name = name.ok_or_else(|| AppError::Internal("validated name missing".to_owned()))?;
        let at = eventmgr_store::now();
        let model = user_role::Model {
            id: Uuid::now_v7(),
            name,
            description,
            permissions: serde_json::json!(permissions),
            is_builtin: false,
            require_mfa: input.require_mfa.unwrap_or(false),
            version: 1,
            created_at: at,
            updated_at: at,
        };
        let txn = self.store.begin().await?;
        roles::insert(&txn, model.clone())
            .await
            .map_err(conflict_on_name)?;
        let out = RoleOut::from(model);
        audit::record(
            &txn,
            actor,
            Change {
                action: "role.create",
                entity_type: "role",
                entity_id: out.id,
                project_id: None,
                changes: serde_json::to_value(&out).ok(),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(out)
    }

    pub async fn update_role(
        &self,
        actor: &Actor,
        id: Uuid,
        expected_version: Option<i64>,
        input: UpdateRole,
    ) -> Result<RoleOut, AppError> {
        actor.require(Permission::RolesManage)?;
        let txn = self.store.begin().await?;
        let current = roles::find(&txn, id)
            .await?
            .ok_or(AppError::NotFound("role"))?;
        audit::check_version(expected_version, current.version)?;
        let mut v = Validator::new();
        let mut next = current.clone();
        if let Some(raw) = input.name.as_deref()
            && let Some(name) = check_name(&mut v, raw)
        {
            if current.is_builtin && name != current.name {
                return Err(AppError::Conflict(
                    "built-in roles keep their name".to_owned(),
                ));
            }
            next.name = name;
        }
        if let Some(value) = input.description {
            next.description = value
                .as_deref()
                .and_then(|d| v.check(text::optional("description", d, 500)).flatten());
        }
        if let Some(raw) = input.permissions.as_deref() {
            let permissions = serde_json::json!(check_permissions(&mut v, raw));
            if current.is_builtin && permissions != current.permissions {
                return Err(AppError::Conflict(
                    "built-in roles keep their permissions; create a custom role instead"
                        .to_owned(),
                ));
            }
            next.permissions = permissions;
        }
        if let Some(flag) = input.require_mfa {
            next.require_mfa = flag;
        }
        v.finish()?;
        next.version = current.version + 1;
        next.updated_at = eventmgr_store::now();
        if !roles::update(&txn, next.clone(), current.version)
            .await
            .map_err(conflict_on_name)?
        {
            audit::written(false, current.version)?;
        }
        let before = serde_json::to_value(RoleOut::from(current)).unwrap_or_default();
        let out = RoleOut::from(next);
        let after = serde_json::to_value(&out).unwrap_or_default();
        audit::record(
            &txn,
            actor,
            Change {
                action: "role.update",
                entity_type: "role",
                entity_id: id,
                project_id: None,
                changes: Some(audit::diff(&before, &after)),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(out)
    }

    pub async fn delete_role(&self, actor: &Actor, id: Uuid) -> Result<(), AppError> {
        actor.require(Permission::RolesManage)?;
        let txn = self.store.begin().await?;
        let role = roles::find(&txn, id)
            .await?
            .ok_or(AppError::NotFound("role"))?;
        if role.is_builtin {
            return Err(AppError::Conflict(
                "built-in roles cannot be deleted".to_owned(),
            ));
        }
        let holders = users::count_with_role(&txn, id).await?;
        if holders > 0 {
            return Err(AppError::Conflict(format!(
                "the role is still held by {holders} user(s); give them another role first"
            )));
        }
        roles::delete(&txn, id).await?;
        audit::record(
            &txn,
            actor,
            Change {
                action: "role.delete",
                entity_type: "role",
                entity_id: id,
                project_id: None,
                changes: Some(serde_json::json!({"name": role.name})),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }
}
