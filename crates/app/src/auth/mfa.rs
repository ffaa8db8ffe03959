//! Multi-factor login with TOTP (RFC 6238): setup returns a secret and an `otpauth://` URI,
//! enabling needs a valid code and yields ten one-time recovery codes (stored hashed),
//! disabling needs the password and a code. Secrets are sealed with the server's key and
//! bound to their user, never stored in plain text. Each code is accepted once.

use eventmgr_store::Conn;
use eventmgr_store::entity::user;
use eventmgr_store::repo::audit::{self, AuditEntry};
use eventmgr_store::repo::{mfa, users};
use rand::Rng;
use serde::{Deserialize, Serialize};

use super::sessions::hash_token;
use super::totp;
use super::verify_password;
use crate::{Actor, App, AppError};

pub const RECOVERY_CODES: usize = 10;
const ISSUER: &str = "Event Manager";

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct MfaSetup {
    /// Base32, for typing into an authenticator app.
    pub secret: String,
    /// For a QR code.
    pub otpauth_uri: String,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MfaEnable {
    pub code: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct RecoveryCodes {
    /// Shown once; each works once.
    pub recovery_codes: Vec<String>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MfaDisable {
    pub password: String,
    /// A current TOTP code or an unused recovery code.
    pub code: String,
}

fn recovery_code() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rng();
    let mut pick = || ALPHABET[rng.random_range(0..ALPHABET.len())] as char;
    let left: String = (0..5).map(|_| pick()).collect();
    let right: String = (0..5).map(|_| pick()).collect();
    format!("{left}-{right}")
}

fn normalise_recovery(code: &str) -> String {
    code.trim().to_lowercase()
}

fn entry(action: &str, actor: &Actor) -> AuditEntry {
    AuditEntry {
        actor_id: Some(actor.user_id),
        actor_label: Some(actor.email.clone()),
        action: action.to_owned(),
        entity_type: "user".to_owned(),
        entity_id: Some(actor.user_id),
        request_id: actor.meta.request_id.clone(),
        ip: actor.meta.ip.clone(),
        user_agent: actor.meta.user_agent.clone(),
        ..Default::default()
    }
}

impl App {
    fn open_secret(&self, sealed: &str, user_id: uuid::Uuid) -> Result<Vec<u8>, AppError> {
        self.secrets.open_bound(sealed, user_id.as_bytes())
    }

    /// Checks a second factor for `user`: a TOTP code (once per time step) or an unused
    /// recovery code. Spends what it accepts.
    pub(crate) async fn check_second_factor<C: Conn>(
        &self,
        db: &C,
        user: &user::Model,
        totp_code: Option<&str>,
        recovery: Option<&str>,
    ) -> Result<bool, AppError> {
        let now = eventmgr_store::now().timestamp();
        if let (Some(code), Some(sealed)) = (totp_code, user.mfa_secret.as_deref()) {
            let secret = self.open_secret(sealed, user.id)?;
            let last = user.mfa_last_step.and_then(|s| u64::try_from(s).ok());
            if let Some(step) = totp::verify(&secret, code, now, last) {
                return Ok(
                    mfa::advance_step(db, user.id, i64::try_from(step).unwrap_or(i64::MAX)).await?,
                );
            }
            return Ok(false);
        }
        if let Some(code) = recovery {
            return Ok(mfa::spend_recovery_code(
                db,
                user.id,
                &hash_token(&normalise_recovery(code)),
                eventmgr_store::now(),
            )
            .await?);
        }
        Ok(false)
    }

    pub async fn mfa_setup(&self, actor: &Actor) -> Result<MfaSetup, AppError> {
        let txn = self.store.begin().await?;
        let current = users::find(&txn, actor.user_id)
            .await?
            .ok_or(AppError::NotFound("user"))?;
        if current.mfa_enabled {
            return Err(AppError::Conflict(
                "multi-factor login is already on; disable it first to set up a new authenticator"
                    .to_owned(),
            ));
        }
        let secret = totp::generate_secret();
        let mut next = current.clone();
        next.mfa_pending_secret = Some(self.secrets.seal_bound(&secret, current.id.as_bytes())?);
        next.version = current.version + 1;
        next.updated_at = eventmgr_store::now();
        if !users::update(&txn, next, current.version).await? {
            return Err(AppError::Conflict(
                "the account changed at the same time; try again".to_owned(),
            ));
        }
        audit::record(&txn, entry("auth.mfa_setup", actor)).await?;
        txn.commit().await?;
        Ok(MfaSetup {
            secret: totp::encode_base32(&secret),
            otpauth_uri: totp::otpauth_uri(&secret, &current.email, ISSUER),
        })
    }

    pub async fn mfa_enable(
        &self,
        actor: &Actor,
        input: MfaEnable,
    ) -> Result<RecoveryCodes, AppError> {
        let at = eventmgr_store::now();
        let txn = self.store.begin().await?;
        let current = users::find(&txn, actor.user_id)
            .await?
            .ok_or(AppError::NotFound("user"))?;
        if current.mfa_enabled {
            return Err(AppError::Conflict(
                "multi-factor login is already on".to_owned(),
            ));
        }
        let sealed = current
            .mfa_pending_secret
            .clone()
            .ok_or_else(|| AppError::Conflict("call /auth/mfa/setup first".to_owned()))?;
        let secret = self.open_secret(&sealed, current.id)?;
        let step = totp::verify(&secret, &input.code, at.timestamp(), None).ok_or_else(|| {
            AppError::field(
                "code",
                "invalid_code",
                "the code does not match; check the authenticator's clock",
            )
        })?;
        let codes: Vec<String> = (0..RECOVERY_CODES).map(|_| recovery_code()).collect();
        let hashes: Vec<String> = codes.iter().map(|c| hash_token(c)).collect();
        let mut next = current.clone();
        next.mfa_secret = Some(sealed);
        next.mfa_pending_secret = None;
        next.mfa_enabled = true;
        next.mfa_last_step = Some(i64::try_from(step).unwrap_or(i64::MAX));
        next.version = current.version + 1;
        next.updated_at = at;
        if !users::update(&txn, next, current.version).await? {
            return Err(AppError::Conflict(
                "the account changed at the same time; try again".to_owned(),
            ));
        }
        mfa::replace_recovery_codes(&txn, current.id, &hashes, at).await?;
        audit::record(&txn, entry("auth.mfa_enable", actor)).await?;
        txn.commit().await?;
        Ok(RecoveryCodes {
            recovery_codes: codes,
        })
    }

    pub async fn mfa_disable(&self, actor: &Actor, input: MfaDisable) -> Result<(), AppError> {
        let db = self.store.conn();
        let current = users::find(db, actor.user_id)
            .await?
            .ok_or(AppError::NotFound("user"))?;
        if !current.mfa_enabled {
            return Err(AppError::Conflict(
                "multi-factor login is not on".to_owned(),
            ));
        }
        if !verify_password(input.password, current.password_hash.clone()).await? {
            return Err(AppError::field(
                "password",
                "wrong_password",
                "the password is not correct",
            ));
        }
        let txn = self.store.begin().await?;
        let code = input.code.trim();
        let is_totp = code.len() == 6 && code.chars().all(|c| c.is_ascii_digit());
        let accepted = if is_totp {
            self.check_second_factor(&txn, &current, Some(code), None)
                .await?
        } else {
            self.check_second_factor(&txn, &current, None, Some(code))
                .await?
        };
        if !accepted {
            return Err(AppError::field(
                "code",
                "invalid_code",
                "the code is not valid or was already used",
            ));
        }
        let current = users::find(&txn, actor.user_id)
            .await?
            .ok_or(AppError::NotFound("user"))?;
        let mut next = current.clone();
        next.mfa_secret = None;
        next.mfa_pending_secret = None;
        next.mfa_enabled = false;
        next.version = current.version + 1;
        next.updated_at = eventmgr_store::now();
        if !users::update(&txn, next, current.version).await? {
            return Err(AppError::Conflict(
                "the account changed at the same time; try again".to_owned(),
            ));
        }
        mfa::replace_recovery_codes(&txn, current.id, &[], eventmgr_store::now()).await?;
        audit::record(&txn, entry("auth.mfa_disable", actor)).await?;
        txn.commit().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn recovery_codes_are_readable_and_distinct() {
        let a = super::recovery_code();
        assert_eq!(a.len(), 11);
        assert_eq!(&a[5..6], "-");
        assert_ne!(a, super::recovery_code());
        assert_eq!(super::normalise_recovery(" ABCDE-FGHJK "), "abcde-fghjk");
    }
}
