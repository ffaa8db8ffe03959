//! Authentication: password login that yields a short-lived access token, and turning a
//! presented token back into an [`Actor`].

mod password;
mod tokens;

pub use password::{hash_password, verify_password};
pub use tokens::{AccessClaims, TokenKeys};

use eventmgr_domain::Email;
use eventmgr_store::repo::{audit, roles, users};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{Actor, App, AppError, RequestMeta};

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct LoginResponse {
    pub access_token: String,
    pub token_type: &'static str,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    pub user: crate::users::UserOut,
}

const BAD_CREDENTIALS: &str = "invalid email or password";

impl App {
    /// Checks email and password. Unknown email, wrong password and inactive account answer
    /// alike and take alike long (a dummy hash is verified), so accounts cannot be enumerated.
    pub async fn login(
        &self,
        request: LoginRequest,
        meta: RequestMeta,
    ) -> Result<LoginResponse, AppError> {
        let db = self.store.conn();
        let user = match Email::parse("email", &request.email) {
            Ok(email) => users::find_by_email(db, email.as_str()).await?,
            Err(_) => None,
        };
        let stored_hash = user.as_ref().and_then(|u| u.password_hash.clone());
        let verified = verify_password(request.password, stored_hash).await?;
        let user = match user {
            Some(user) if verified && user.is_active => user,
            _ => return Err(AppError::Unauthenticated(BAD_CREDENTIALS.to_owned())),
        };
        let at = eventmgr_store::now();
        let txn = self.store.begin().await?;
        users::record_login(&txn, user.id, at).await?;
        audit::record(
            &txn,
            audit::AuditEntry {
                actor_id: Some(user.id),
                actor_label: Some(user.email.clone()),
                action: "auth.login".to_owned(),
                entity_type: "user".to_owned(),
                entity_id: Some(user.id),
                request_id: meta.request_id,
                ip: meta.ip,
                ..Default::default()
            },
        )
        .await?;
        txn.commit().await?;
        let role = roles::find(db, user.role_id)
            .await?
            .ok_or_else(|| AppError::Internal("user without role".to_owned()))?;
        let token = self.tokens.issue(user.id, at)?;
        Ok(LoginResponse {
            access_token: token,
            token_type: "Bearer",
            expires_in: self.tokens.ttl_seconds(),
            user: crate::users::UserOut::from_model(&user, &role.name),
        })
    }

    /// Resolves a bearer token to the acting user, re-reading the user so that a deactivated
    /// account or a changed role takes effect at once.
    pub async fn authenticate(&self, token: &str, meta: RequestMeta) -> Result<Actor, AppError> {
        let claims = self.tokens.verify(token)?;
        let user_id = Uuid::parse_str(&claims.sub)
            .map_err(|_| AppError::Unauthenticated("invalid token".to_owned()))?;
        let db = self.store.conn();
        let user = users::find(db, user_id)
            .await?
            .filter(|u| u.is_active)
            .ok_or_else(|| AppError::Unauthenticated("invalid token".to_owned()))?;
        let role = roles::find(db, user.role_id)
            .await?
            .ok_or_else(|| AppError::Internal("user without role".to_owned()))?;
        let permissions = role
            .permissions
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|p| p.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        Ok(Actor {
            user_id: user.id,
            email: user.email,
            role: role.name,
            permissions,
            client_id: user.client_id,
            meta,
        })
    }
}
