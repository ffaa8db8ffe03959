//! Password change, reset by emailed link, and reset links made by an admin.
//!
//! The reset request answers the same way, at once, whether or not the account exists: the
//! lookup and the email happen after the answer, in the background, so neither the body nor
//! the timing tells an attacker which addresses have accounts.

use chrono::{DateTime, Duration, Utc};
use eventmgr_domain::{Email, password};
use eventmgr_store::Conn;
use eventmgr_store::entity::{password_reset, user};
use eventmgr_store::repo::audit::{self, AuditEntry};
use eventmgr_store::repo::{password_resets, sessions, users};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::sessions::{hash_token, random_token};
use super::{hash_password, verify_password};
use crate::{Actor, App, AppError, Permission, RequestMeta};

/// How long a reset link works.
pub const RESET_MINUTES: i64 = 30;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangePassword {
    pub current_password: String,
    pub new_password: String,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetRequest {
    pub email: String,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetPassword {
    pub token: String,
    pub new_password: String,
}

/// A reset link an admin hands to a user when no email can be sent.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ResetLink {
    pub reset_url: String,
    pub token: String,
    pub expires_at: DateTime<Utc>,
}

fn entry(
    action: &str,
    actor: Option<&Actor>,
    target: &user::Model,
    meta: &RequestMeta,
) -> AuditEntry {
    AuditEntry {
        actor_id: Some(actor.map(|a| a.user_id).unwrap_or(target.id)),
        actor_label: Some(
            actor
                .map(|a| a.email.clone())
                .unwrap_or_else(|| target.email.clone()),
        ),
        action: action.to_owned(),
        entity_type: "user".to_owned(),
        entity_id: Some(target.id),
        request_id: meta.request_id.clone(),
        ip: meta.ip.clone(),
        user_agent: meta.user_agent.clone(),
        ..Default::default()
    }
}

/// Stores a new password hash, bumping the user's version.
async fn set_password<C: Conn>(
    db: &C,
    user: &user::Model,
    hash: String,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut next = user.clone();
    next.password_hash = Some(hash);
    next.version = user.version + 1;
    next.updated_at = at;
    if !users::update(db, next, user.version).await? {
        return Err(AppError::Conflict(
            "the account changed at the same time; try again".to_owned(),
        ));
    }
    Ok(())
}

/// How long an invitation (a reset link for a new account without a password) works.
pub const INVITE_DAYS: i64 = 7;

async fn create_reset<C: Conn>(
    db: &C,
    user_id: Uuid,
    created_by: Option<Uuid>,
    at: DateTime<Utc>,
) -> Result<(String, DateTime<Utc>), AppError> {
    create_reset_for(
        db,
        user_id,
        created_by,
        at,
        Duration::minutes(RESET_MINUTES),
    )
    .await
}

async fn create_reset_for<C: Conn>(
    db: &C,
    user_id: Uuid,
    created_by: Option<Uuid>,
    at: DateTime<Utc>,
    valid: Duration,
) -> Result<(String, DateTime<Utc>), AppError> {
    let token = random_token();
    let expires_at = at + valid;
    password_resets::insert(
        db,
        password_reset::Model {
            id: Uuid::now_v7(),
            user_id,
            token_hash: hash_token(&token),
            created_by,
            created_at: at,
            expires_at,
            used_at: None,
        },
    )
    .await?;
    Ok((token, expires_at))
}

/// Creates the invitation token of a new account without a password.
pub(crate) async fn invite<C: Conn>(
    db: &C,
    user: &user::Model,
    created_by: Uuid,
    at: DateTime<Utc>,
) -> Result<String, AppError> {
    Ok(create_reset_for(
        db,
        user.id,
        Some(created_by),
        at,
        Duration::days(INVITE_DAYS),
    )
    .await?
    .0)
}

impl App {
    /// Emails the invitation; without SMTP (or when sending fails) the link is returned for
    /// the admin to pass on.
    pub(crate) async fn deliver_invite(&self, user: &user::Model, token: &str) -> Option<String> {
        let url = self.reset_url(token);
        let Some(mailer) = self.mailer.clone() else {
            return Some(url);
        };
        let body = format!(
            "Hello {},\n\nan account in Event Manager was created for you.\nChoose your password within {INVITE_DAYS} days here:\n\n{url}\n",
            user.first_name
        );
        match mailer
            .send(&user.email, "Your Event Manager account", body)
            .await
        {
            Ok(()) => None,
            Err(err) => {
                tracing::error!(error = %err, "invitation mail failed; returning the link instead");
                Some(url)
            }
        }
    }

    fn reset_url(&self, token: &str) -> String {
        format!("{}/reset-password?token={token}", self.public_url)
    }

    /// Changes the caller's password; every other session of theirs ends.
    pub async fn change_password(
        &self,
        actor: &Actor,
        input: ChangePassword,
    ) -> Result<(), AppError> {
        password::check("new_password", &input.new_password)
            .map_err(|e| AppError::Validation(vec![e]))?;
        let current = users::find(self.store.conn(), actor.user_id)
            .await?
            .ok_or(AppError::NotFound("user"))?;
        if !verify_password(input.current_password, current.password_hash.clone()).await? {
            return Err(AppError::field(
                "current_password",
                "wrong_password",
                "the current password is not correct",
            ));
        }
        let hash = hash_password(input.new_password).await?;
        let at = eventmgr_store::now();
        let txn = self.store.begin().await?;
        let user = users::find(&txn, actor.user_id)
            .await?
            .ok_or(AppError::NotFound("user"))?;
        set_password(&txn, &user, hash, at).await?;
        sessions::revoke_all(&txn, user.id, actor.session_id, at).await?;
        password_resets::void_for_user(&txn, user.id, at).await?;
        audit::record(
            &txn,
            entry("auth.password_change", Some(actor), &user, &actor.meta),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Starts a reset. Always succeeds from the caller's point of view; the work happens in
    /// the background.
    pub fn request_password_reset(&self, input: ResetRequest, meta: RequestMeta) {
        let app = self.clone();
        tokio::spawn(async move {
            if let Err(err) = app.send_reset_mail(&input.email, meta).await {
                tracing::error!(error = %err, "password reset mail failed");
            }
        });
    }

    async fn send_reset_mail(&self, raw_email: &str, meta: RequestMeta) -> Result<(), AppError> {
        let Ok(email) = Email::parse("email", raw_email) else {
            return Ok(());
        };
        let Some(user) = users::find_by_email(self.store.conn(), email.as_str())
            .await?
            .filter(|u| u.is_active)
        else {
            return Ok(());
        };
        let Some(mailer) = self.mailer.clone() else {
            tracing::warn!(
                "password reset requested but no SMTP server is configured (EVENTMGR_SMTP_URL); an admin can create a reset link"
            );
            return Ok(());
        };
        let at = eventmgr_store::now();
        let txn = self.store.begin().await?;
        let (token, _) = create_reset(&txn, user.id, None, at).await?;
        audit::record(
            &txn,
            entry("auth.password_reset_request", None, &user, &meta),
        )
        .await?;
        txn.commit().await?;
        let body = format!(
            "Hello {},\n\nsomeone asked to reset the password of your Event Manager account.\n\
             To choose a new password, open this link within {RESET_MINUTES} minutes:\n\n{}\n\n\
             The link works once. If you did not ask for it, ignore this email; your password stays as it is.\n",
            user.first_name,
            self.reset_url(&token)
        );
        mailer
            .send(&user.email, "Reset your Event Manager password", body)
            .await
    }

    /// Sets a new password with a reset token; the token dies and every session ends.
    pub async fn reset_password(
        &self,
        input: ResetPassword,
        meta: RequestMeta,
    ) -> Result<(), AppError> {
        password::check("new_password", &input.new_password)
            .map_err(|e| AppError::Validation(vec![e]))?;
        let invalid = || {
            AppError::field(
                "token",
                "invalid_token",
                "the reset link is invalid, expired or already used",
            )
        };
        let hash = hash_password(input.new_password).await?;
        let at = eventmgr_store::now();
        let txn = self.store.begin().await?;
        let reset = password_resets::find_by_hash(&txn, &hash_token(input.token.trim()))
            .await?
            .ok_or_else(invalid)?;
        if reset.used_at.is_some()
            || reset.expires_at <= at
            || !password_resets::spend(&txn, reset.id, at).await?
        {
            return Err(invalid());
        }
        let user = users::find(&txn, reset.user_id)
            .await?
            .filter(|u| u.is_active)
            .ok_or_else(invalid)?;
        set_password(&txn, &user, hash, at).await?;
        sessions::revoke_all(&txn, user.id, None, at).await?;
        password_resets::void_for_user(&txn, user.id, at).await?;
        eventmgr_store::repo::throttle::clear(&txn, &super::throttle::account_key(&user.email))
            .await?;
        audit::record(&txn, entry("auth.password_reset", None, &user, &meta)).await?;
        txn.commit().await?;
        Ok(())
    }

    /// An admin creates a reset link for a user (when no email can be sent, or to hand over
    /// a new account).
    pub async fn create_reset_link(
        &self,
        actor: &Actor,
        user_id: Uuid,
    ) -> Result<ResetLink, AppError> {
        actor.require(Permission::UsersManage)?;
        let at = eventmgr_store::now();
        let txn = self.store.begin().await?;
        let user = users::find(&txn, user_id)
            .await?
            .ok_or(AppError::NotFound("user"))?;
        let (token, expires_at) = create_reset(&txn, user.id, Some(actor.user_id), at).await?;
        audit::record(
            &txn,
            entry("auth.password_reset_link", Some(actor), &user, &actor.meta),
        )
        .await?;
        txn.commit().await?;
        Ok(ResetLink {
            reset_url: self.reset_url(&token),
            token,
            expires_at,
        })
    }
}
