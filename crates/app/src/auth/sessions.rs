//! Sessions: login opens one per device, refresh rotates its single-use refresh token, logout
//! and revocation close it. Every request re-checks its session in the database, so a revoked
//! session's access tokens stop working at once, on every replica.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, Utc};
use eventmgr_domain::Email;
use eventmgr_store::Conn;
use eventmgr_store::entity::{refresh_token, session};
use eventmgr_store::repo::audit::{self, AuditEntry};
use eventmgr_store::repo::{roles, sessions, users};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::{LoginRequest, LoginResponse, throttle, verify_password};
use crate::{Actor, App, AppError, RequestMeta};

/// A session lives this long after its last use (sliding).
pub const SESSION_DAYS: i64 = 30;
const BAD_CREDENTIALS: &str = "invalid email or password";
const BAD_REFRESH: &str = "the refresh token is invalid, expired or already used";

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    pub refresh_token: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SessionOut {
    pub id: Uuid,
    pub user_agent: Option<String>,
    pub ip: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// True for the session the request was made with.
    pub current: bool,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SessionList {
    pub items: Vec<SessionOut>,
}

pub(crate) fn hash_token(token: &str) -> String {
    hex_lower(&Sha256::digest(token.as_bytes()))
}

fn hex_lower(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// 256 random bits, URL-safe.
pub(crate) fn random_token() -> String {
    let bytes: [u8; 32] = rand::random();
    URL_SAFE_NO_PAD.encode(bytes)
}

fn truncate(value: Option<String>, max: usize) -> Option<String> {
    value.map(|v| v.chars().take(max).collect())
}

async fn new_refresh_token<C: Conn>(
    db: &C,
    session_id: Uuid,
    at: DateTime<Utc>,
) -> Result<String, AppError> {
    let token = random_token();
    sessions::insert_refresh(
        db,
        refresh_token::Model {
            id: Uuid::now_v7(),
            session_id,
            token_hash: hash_token(&token),
            created_at: at,
            expires_at: at + Duration::days(SESSION_DAYS),
            used_at: None,
        },
    )
    .await?;
    Ok(token)
}

fn system_entry(action: &str, user_id: Uuid, label: &str, meta: &RequestMeta) -> AuditEntry {
    AuditEntry {
        actor_id: Some(user_id),
        actor_label: Some(label.to_owned()),
        action: action.to_owned(),
        entity_type: "user".to_owned(),
        entity_id: Some(user_id),
        request_id: meta.request_id.clone(),
        ip: meta.ip.clone(),
        user_agent: meta.user_agent.clone(),
        ..Default::default()
    }
}

impl App {
    /// Checks email and password and opens a session. Unknown email, wrong password and
    /// inactive account answer alike and take alike long (a dummy hash is verified), so
    /// accounts cannot be enumerated.
    pub async fn login(
        &self,
        request: LoginRequest,
        meta: RequestMeta,
    ) -> Result<LoginResponse, AppError> {
        let db = self.store.conn();
        let mut keys = vec![throttle::account_key(&request.email)];
        if let Some(ip) = &meta.ip {
            keys.push(throttle::ip_key(ip));
        }
        throttle::check(db, &keys, eventmgr_store::now()).await?;
        let user = match Email::parse("email", &request.email) {
            Ok(email) => users::find_by_email(db, email.as_str()).await?,
            Err(_) => None,
        };
        let stored_hash = user.as_ref().and_then(|u| u.password_hash.clone());
        let verified = verify_password(request.password, stored_hash).await?;
        let user = match user {
            Some(user) if verified && user.is_active => user,
            other => {
                let txn = self.store.begin().await?;
                throttle::record_failure(&txn, &keys, eventmgr_store::now()).await?;
                let mut entry = system_entry(
                    "auth.login_failed",
                    other.as_ref().map(|u| u.id).unwrap_or_else(Uuid::nil),
                    "",
                    &meta,
                );
                entry.actor_id = None;
                entry.entity_id = other.as_ref().map(|u| u.id);
                entry.actor_label = Some(request.email.chars().take(254).collect());
                audit::record(&txn, entry).await?;
                txn.commit().await?;
                return Err(AppError::Unauthenticated(BAD_CREDENTIALS.to_owned()));
            }
        };
        if user.mfa_enabled {
            if request.totp_code.is_none() && request.recovery_code.is_none() {
                return Err(AppError::MfaRequired);
            }
            let txn = self.store.begin().await?;
            let accepted = self
                .check_second_factor(
                    &txn,
                    &user,
                    request.totp_code.as_deref(),
                    request.recovery_code.as_deref(),
                )
                .await?;
            if !accepted {
                throttle::record_failure(&txn, &keys, eventmgr_store::now()).await?;
                let mut entry = system_entry("auth.login_failed", user.id, &user.email, &meta);
                entry.changes = Some(serde_json::json!({"reason": "second factor"}));
                audit::record(&txn, entry).await?;
                txn.commit().await?;
                return Err(AppError::Unauthenticated(
                    "the code is not valid or was already used".to_owned(),
                ));
            }
            txn.commit().await?;
        }
        throttle::record_success(db, &user.email).await?;
        let at = eventmgr_store::now();
        let session = session::Model {
            id: Uuid::now_v7(),
            user_id: user.id,
            user_agent: truncate(meta.user_agent.clone(), 500),
            ip: meta.ip.clone(),
            created_at: at,
            last_used_at: at,
            expires_at: at + Duration::days(SESSION_DAYS),
            revoked_at: None,
        };
        let txn = self.store.begin().await?;
        sessions::insert(&txn, session.clone()).await?;
        let refresh_token = new_refresh_token(&txn, session.id, at).await?;
        users::record_login(&txn, user.id, at).await?;
        audit::record(
            &txn,
            system_entry("auth.login", user.id, &user.email, &meta),
        )
        .await?;
        txn.commit().await?;
        let role = roles::find(db, user.role_id)
            .await?
            .ok_or_else(|| AppError::Internal("user without role".to_owned()))?;
        Ok(LoginResponse {
            access_token: self.tokens.issue(user.id, session.id, at)?,
            refresh_token,
            token_type: "Bearer",
            expires_in: self.tokens.ttl_seconds(),
            mfa_setup_required: role.require_mfa && !user.mfa_enabled,
            user: crate::users::UserOut::from_model(&user, &role.name),
        })
    }

    /// Exchanges a refresh token for a new pair. A token presented a second time means it was
    /// stolen (or the legitimate client lost a race with a thief): the whole session dies.
    pub async fn refresh(
        &self,
        request: RefreshRequest,
        meta: RequestMeta,
    ) -> Result<LoginResponse, AppError> {
        let invalid = || AppError::Unauthenticated(BAD_REFRESH.to_owned());
        let at = eventmgr_store::now();
        let txn = self.store.begin().await?;
        let token = sessions::find_refresh(&txn, &hash_token(request.refresh_token.trim()))
            .await?
            .ok_or_else(invalid)?;
        let session = sessions::find(&txn, token.session_id)
            .await?
            .ok_or_else(invalid)?;
        if session.revoked_at.is_some() || session.expires_at <= at || token.expires_at <= at {
            return Err(invalid());
        }
        let user = users::find(&txn, session.user_id)
            .await?
            .filter(|u| u.is_active)
            .ok_or_else(invalid)?;
        if token.used_at.is_some() || !sessions::spend_refresh(&txn, token.id, at).await? {
            sessions::revoke(&txn, session.id, at).await?;
            audit::record(
                &txn,
                system_entry("auth.refresh_reuse", user.id, &user.email, &meta),
            )
            .await?;
            txn.commit().await?;
            tracing::warn!(session = %session.id, "refresh token reused: session revoked");
            return Err(invalid());
        }
        let refresh_token = new_refresh_token(&txn, session.id, at).await?;
        sessions::touch(&txn, session.id, at, at + Duration::days(SESSION_DAYS)).await?;
        txn.commit().await?;
        let role = roles::find(self.store.conn(), user.role_id)
            .await?
            .ok_or_else(|| AppError::Internal("user without role".to_owned()))?;
        Ok(LoginResponse {
            access_token: self.tokens.issue(user.id, session.id, at)?,
            refresh_token,
            token_type: "Bearer",
            expires_in: self.tokens.ttl_seconds(),
            mfa_setup_required: role.require_mfa && !user.mfa_enabled,
            user: crate::users::UserOut::from_model(&user, &role.name),
        })
    }

    /// Resolves a bearer token to the acting user. The session and the user are re-read, so
    /// a revoked session, a deactivated account or a changed role take effect at once.
    pub async fn authenticate(&self, token: &str, meta: RequestMeta) -> Result<Actor, AppError> {
        if token.starts_with(super::api_tokens::PREFIX) {
            return self.authenticate_api_token(token, meta).await;
        }
        let claims = self.tokens.verify(token)?;
        self.session_actor(&claims, meta).await
    }

    /// Resolves an event-stream ticket from [`App::sse_ticket`] like a bearer token: the
    /// session behind it must still be alive.
    pub async fn authenticate_sse_ticket(
        &self,
        ticket: &str,
        meta: RequestMeta,
    ) -> Result<Actor, AppError> {
        let claims = self.tokens.verify_sse_ticket(ticket)?;
        self.session_actor(&claims, meta).await
    }

    /// A one-minute ticket for the caller's session, for `GET /projects/{id}/events?ticket=`.
    /// API tokens have none: scripts can send the `Authorization` header.
    pub fn sse_ticket(&self, actor: &Actor) -> Result<super::SseTicket, AppError> {
        let session_id = actor.session_id.ok_or_else(|| {
            AppError::Forbidden(
                "event-stream tickets are for login sessions; send the API token as a bearer header instead"
                    .to_owned(),
            )
        })?;
        Ok(super::SseTicket {
            ticket: self.tokens.issue_sse_ticket(
                actor.user_id,
                session_id,
                eventmgr_store::now(),
            )?,
            expires_in: super::tokens::SSE_TICKET_SECONDS,
        })
    }

    /// The actor behind verified session claims; the session and the user are re-read.
    async fn session_actor(
        &self,
        claims: &super::tokens::AccessClaims,
        meta: RequestMeta,
    ) -> Result<Actor, AppError> {
        let invalid = || AppError::Unauthenticated("invalid or expired token".to_owned());
        let user_id = Uuid::parse_str(&claims.sub).map_err(|_| invalid())?;
        let session_id = Uuid::parse_str(&claims.sid).map_err(|_| invalid())?;
        let db = self.store.conn();
        // One query for the session, its user and their role: this runs on every request.
        let (session, user, role) = sessions::find_with_user(db, session_id)
            .await?
            .ok_or_else(invalid)?;
        if session.user_id != user_id
            || session.revoked_at.is_some()
            || session.expires_at <= eventmgr_store::now()
            || !user.is_active
        {
            return Err(invalid());
        }
        let permissions = crate::actor::permission_list(&role.permissions);
        Ok(Actor {
            user_id: user.id,
            email: user.email,
            role: role.name,
            permissions,
            client_id: user.client_id,
            session_id: Some(session_id),
            mfa_setup_required: role.require_mfa && !user.mfa_enabled,
            checked: Default::default(),
            meta,
        })
    }

    /// Ends the caller's session, or the session of the refresh token given.
    pub async fn logout(
        &self,
        actor: &Actor,
        refresh_token: Option<String>,
    ) -> Result<(), AppError> {
        let at = eventmgr_store::now();
        let txn = self.store.begin().await?;
        let mut target = actor.session_id;
        if let Some(token) = refresh_token
            && let Some(row) = sessions::find_refresh(&txn, &hash_token(token.trim())).await?
            && sessions::find(&txn, row.session_id)
                .await?
                .is_some_and(|s| s.user_id == actor.user_id)
        {
            target = Some(row.session_id);
        }
        if let Some(id) = target {
            sessions::revoke(&txn, id, at).await?;
        }
        audit::record(
            &txn,
            system_entry("auth.logout", actor.user_id, &actor.email, &actor.meta),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    pub async fn list_sessions(&self, actor: &Actor) -> Result<SessionList, AppError> {
        let rows =
            sessions::list_active(self.store.conn(), actor.user_id, eventmgr_store::now()).await?;
        Ok(SessionList {
            items: rows
                .into_iter()
                .map(|s| SessionOut {
                    current: Some(s.id) == actor.session_id,
                    id: s.id,
                    user_agent: s.user_agent,
                    ip: s.ip,
                    created_at: s.created_at,
                    last_used_at: s.last_used_at,
                    expires_at: s.expires_at,
                })
                .collect(),
        })
    }

    /// Revokes one of the caller's own sessions (404 for anyone else's).
    pub async fn revoke_session(&self, actor: &Actor, id: Uuid) -> Result<(), AppError> {
        let txn = self.store.begin().await?;
        let session = sessions::find(&txn, id)
            .await?
            .filter(|s| s.user_id == actor.user_id && s.revoked_at.is_none())
            .ok_or(AppError::NotFound("session"))?;
        sessions::revoke(&txn, session.id, eventmgr_store::now()).await?;
        let mut entry = system_entry(
            "auth.session_revoke",
            actor.user_id,
            &actor.email,
            &actor.meta,
        );
        entry.changes = Some(serde_json::json!({"session_id": id}));
        audit::record(&txn, entry).await?;
        txn.commit().await?;
        Ok(())
    }

    /// "Log out everywhere": every session of the caller, this one included.
    pub async fn revoke_all_sessions(
        &self,
        actor: &Actor,
        except_current: bool,
    ) -> Result<u64, AppError> {
        // An API token has no session to keep: "the others" is then every session.
        let keep = if except_current {
            actor.session_id
        } else {
            None
        };
        let txn = self.store.begin().await?;
        let count = sessions::revoke_all(&txn, actor.user_id, keep, eventmgr_store::now()).await?;
        let action = if keep.is_some() {
            "auth.logout_others"
        } else {
            "auth.logout_all"
        };
        audit::record(
            &txn,
            system_entry(action, actor.user_id, &actor.email, &actor.meta),
        )
        .await?;
        txn.commit().await?;
        Ok(count)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn tokens_are_random_and_hashes_stable() {
        let (a, b) = (super::random_token(), super::random_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(super::hash_token("x"), super::hash_token("x"));
        assert_eq!(super::hash_token("x").len(), 64);
    }
}
