//! API tokens for scripts: named, scoped to a subset of the owner's permissions, optionally
//! expiring, shown once and stored as a hash, revocable, with their last use tracked. A token
//! acts as its owner in every project the owner belongs to, with no more global permissions
//! than its scopes grant.

use chrono::{DateTime, Utc};
use eventmgr_domain::{FieldError, Validator, text};
use eventmgr_store::entity::api_token;
use eventmgr_store::repo::audit::{self, AuditEntry};
use eventmgr_store::repo::{api_tokens, roles, users};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::sessions::{hash_token, random_token};
use crate::actor::ALL_PERMISSIONS;
use crate::{Actor, App, AppError, RequestMeta};

/// Every API token starts with this, so the server (and secret scanners) can tell them apart.
pub const PREFIX: &str = "emt_";

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateApiToken {
    pub name: String,
    /// Permission strings, each one the owner holds.
    #[serde(default)]
    pub scopes: Vec<String>,
    pub expires_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ApiTokenOut {
    pub id: Uuid,
    pub name: String,
    pub token_prefix: String,
    pub scopes: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
}

/// The answer to a create: the only time the token itself is shown.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CreatedApiToken {
    #[serde(flatten)]
    pub meta: ApiTokenOut,
    pub token: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ApiTokenList {
    pub items: Vec<ApiTokenOut>,
}

fn scopes_of(model: &api_token::Model) -> Vec<String> {
    crate::actor::permission_list(&model.scopes)
}

impl From<api_token::Model> for ApiTokenOut {
    fn from(m: api_token::Model) -> Self {
        ApiTokenOut {
            scopes: scopes_of(&m),
            id: m.id,
            name: m.name,
            token_prefix: m.token_prefix,
            created_at: m.created_at,
            expires_at: m.expires_at,
            last_used_at: m.last_used_at,
        }
    }
}

fn entry(action: &str, actor: &Actor, token_id: Uuid, name: &str) -> AuditEntry {
    AuditEntry {
        actor_id: Some(actor.user_id),
        actor_label: Some(actor.email.clone()),
        action: action.to_owned(),
        entity_type: "api_token".to_owned(),
        entity_id: Some(token_id),
        changes: Some(serde_json::json!({"name": name})),
        request_id: actor.meta.request_id.clone(),
        ip: actor.meta.ip.clone(),
        user_agent: actor.meta.user_agent.clone(),
        ..Default::default()
    }
}

impl App {
    pub async fn create_api_token(
        &self,
        actor: &Actor,
        input: CreateApiToken,
    ) -> Result<CreatedApiToken, AppError> {
        let mut v = Validator::new();
        let name = v.check(text::required("name", &input.name, 100));
        let mut scopes: Vec<String> = Vec::new();
        for (i, scope) in input.scopes.iter().enumerate() {
            let known = ALL_PERMISSIONS.contains(&scope.as_str());
            let held = actor.is_admin() || actor.permissions.iter().any(|p| p == scope);
            if !known || !held {
                v.push(FieldError::new(
                    format!("scopes[{i}]"),
                    "not_yours",
                    format!("'{scope}' is not a permission you hold"),
                ));
            } else if !scopes.contains(scope) {
                scopes.push(scope.clone());
            }
        }
        let at = eventmgr_store::now();
        if input.expires_at.is_some_and(|e| e <= at) {
            v.push(FieldError::new(
                "expires_at",
                "in_the_past",
                "expires_at must be in the future",
            ));
        }
        v.finish()?;
        let name = name.ok_or_else(|| AppError::Internal("validated name missing".to_owned()))?;
        let token = format!("{PREFIX}{}", random_token());
        let model = api_token::Model {
            id: Uuid::now_v7(),
            user_id: actor.user_id,
            name: name.clone(),
            token_hash: hash_token(&token),
            token_prefix: token.chars().take(12).collect(),
            scopes: serde_json::json!(scopes),
            created_at: at,
            expires_at: input
                .expires_at
                .map(|e| chrono::SubsecRound::trunc_subsecs(e, 6)),
            last_used_at: None,
            revoked_at: None,
        };
        let txn = self.store.begin().await?;
        api_tokens::insert(&txn, model.clone()).await?;
        audit::record(&txn, entry("auth.token_create", actor, model.id, &name)).await?;
        txn.commit().await?;
        Ok(CreatedApiToken {
            meta: ApiTokenOut::from(model),
            token,
        })
    }

    pub async fn list_api_tokens(&self, actor: &Actor) -> Result<ApiTokenList, AppError> {
        Ok(ApiTokenList {
            items: api_tokens::list_for_user(self.store.conn(), actor.user_id)
                .await?
                .into_iter()
                .map(ApiTokenOut::from)
                .collect(),
        })
    }

    pub async fn revoke_api_token(&self, actor: &Actor, id: Uuid) -> Result<(), AppError> {
        let txn = self.store.begin().await?;
        if !api_tokens::revoke(&txn, id, actor.user_id, eventmgr_store::now()).await? {
            return Err(AppError::NotFound("token"));
        }
        audit::record(&txn, entry("auth.token_revoke", actor, id, "")).await?;
        txn.commit().await?;
        Ok(())
    }

    /// Resolves an API token to its owner, with the token's scopes as permissions (never more
    /// than the owner holds today).
    pub(crate) async fn authenticate_api_token(
        &self,
        token: &str,
        meta: RequestMeta,
    ) -> Result<Actor, AppError> {
        let invalid = || AppError::Unauthenticated("invalid, expired or revoked token".to_owned());
        let db = self.store.conn();
        let at = eventmgr_store::now();
        let row = api_tokens::find_by_hash(db, &hash_token(token))
            .await?
            .ok_or_else(invalid)?;
        if row.revoked_at.is_some() || row.expires_at.is_some_and(|e| e <= at) {
            return Err(invalid());
        }
        let user = users::find(db, row.user_id)
            .await?
            .filter(|u| u.is_active)
            .ok_or_else(invalid)?;
        let role = roles::find(db, user.role_id)
            .await?
            .ok_or_else(|| AppError::Internal("user without role".to_owned()))?;
        let held: Vec<String> = crate::actor::permission_list(&role.permissions);
        let owner_is_admin = held.iter().any(|p| p == "*");
        let permissions = scopes_of(&row)
            .into_iter()
            .filter(|s| owner_is_admin || held.contains(s))
            .collect();
        api_tokens::touch(db, row.id, at).await?;
        Ok(Actor {
            user_id: user.id,
            email: user.email,
            role: role.name.clone(),
            permissions,
            client_id: user.client_id,
            session_id: None,
            mfa_setup_required: role.require_mfa && !user.mfa_enabled,
            checked: Default::default(),
            meta,
        })
    }
}
