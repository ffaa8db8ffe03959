//! Authentication: password login into a server-side session, rotating refresh tokens, and
//! turning a presented access token back into an [`Actor`].

mod api_tokens;
mod mfa;
mod password;
mod passwords;
mod sessions;
mod throttle;
mod tokens;
pub mod totp;

pub use api_tokens::{ApiTokenList, ApiTokenOut, CreateApiToken, CreatedApiToken};
pub use mfa::{MfaDisable, MfaEnable, MfaSetup, RecoveryCodes};
pub use password::{hash_password, verify_password};
pub(crate) use passwords::invite;
pub use passwords::{ChangePassword, ResetLink, ResetPassword, ResetRequest};
pub use sessions::{RefreshRequest, SessionList, SessionOut};
pub use tokens::{AccessClaims, TokenKeys};

use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
    /// Needed when multi-factor login is on (or a `recovery_code` instead).
    pub totp_code: Option<String>,
    pub recovery_code: Option<String>,
}

/// A short-lived ticket for opening an event stream with `?ticket=` (`EventSource` cannot
/// send an `Authorization` header).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SseTicket {
    pub ticket: String,
    /// Seconds the ticket can be used to open a stream; an open stream outlives it.
    pub expires_in: i64,
}

/// Tokens handed out by login and refresh.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct LoginResponse {
    pub access_token: String,
    /// Opaque, single use: exchange it at `/auth/refresh` for a new pair.
    pub refresh_token: String,
    pub token_type: &'static str,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    pub user: crate::users::UserOut,
    /// The user's role requires multi-factor login and it is not set up yet: until it is,
    /// only `/auth/me`, `/auth/mfa/*` and `/auth/logout` answer.
    pub mfa_setup_required: bool,
}
