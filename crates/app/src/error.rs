//! The one error type of the use cases; the HTTP layer maps it to problem+json.

use eventmgr_domain::FieldError;
use eventmgr_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// 400: the request itself is malformed (bad cursor, bad query parameter).
    #[error("{0}")]
    BadRequest(String),
    /// 401: no valid credentials.
    #[error("{0}")]
    Unauthenticated(String),
    /// 403: the caller can see the resource but may not do this to it.
    #[error("{0}")]
    Forbidden(String),
    /// 404: not there, or not visible to the caller (indistinguishable on purpose).
    #[error("{0} not found")]
    NotFound(&'static str),
    /// 409: conflicts with the current state; the text says what would be allowed.
    #[error("{0}")]
    Conflict(String),
    /// 409 that a client can act on: a stable `code` and the records involved, besides the
    /// sentence for people.
    #[error("{}", .0.detail)]
    ConflictWith(Box<Conflict>),
    /// 412: `If-Match` (or body `version`) does not match the stored version.
    #[error("version mismatch: the resource is at version {current}")]
    VersionMismatch { current: i64 },
    /// 412 as well, but the request named no version: another writer committed between
    /// this request's read and its write. Nothing was written; the HTTP layer runs such a
    /// request again on the record as it is now, so a client sees this only after
    /// repeated races.
    #[error("the resource was changed by a concurrent write; it is at version {current}")]
    WriteRaced { current: i64 },
    /// 413: a body (an uploaded file) is larger than allowed.
    #[error("{0}")]
    PayloadTooLarge(String),
    /// 416: a `Range` outside the content; carries the content's size.
    #[error("the requested range is outside the content ({size} bytes)")]
    RangeNotSatisfiable { size: u64 },
    /// 422: one or more fields are invalid.
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    /// 401 with type `mfa-required`: the password was right, a second factor is needed.
    #[error("a second factor is required: send totp_code or recovery_code")]
    MfaRequired,
    /// 403 with type `mfa-setup-required`: the role requires MFA and it is not set up yet.
    #[error("your role requires multi-factor login: set it up at /auth/mfa/setup first")]
    MfaSetupRequired,
    /// 429: too many attempts; retry after this many seconds.
    #[error("too many attempts; try again in {retry_after} seconds")]
    RateLimited { retry_after: u64 },
    /// 503: the database is overloaded (no connection or turn to write within the wait);
    /// the request may be sent again.
    #[error("the server is busy; try again")]
    Busy,
    /// 500: a real fault; the cause is logged, never sent.
    #[error("internal error: {0}")]
    Internal(String),
}

/// A conflict a client can explain in its own words: which rule (`code`) and which records.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct Conflict {
    /// `dependency_cycle`, `unfinished_predecessors`, `done_depends_on_open`,
    /// `stale_neighbours`, `wip_limit`.
    pub code: &'static str,
    pub detail: String,
    /// The records the rule is about, in a meaningful order (a cycle: from the new
    /// dependency's task round to it again).
    pub records: Vec<ConflictRecord>,
}

/// One record named by a [`Conflict`].
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct ConflictRecord {
    pub id: uuid::Uuid,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

impl ConflictRecord {
    pub fn id(id: uuid::Uuid) -> ConflictRecord {
        ConflictRecord {
            id,
            name: None,
            status: None,
        }
    }
}

impl AppError {
    /// A 409 with a machine-readable `code` and the records involved.
    pub fn conflict_with(
        code: &'static str,
        detail: impl Into<String>,
        records: Vec<ConflictRecord>,
    ) -> AppError {
        AppError::ConflictWith(Box::new(Conflict {
            code,
            detail: detail.into(),
            records,
        }))
    }

    pub fn field(field: &str, code: &'static str, message: impl Into<String>) -> AppError {
        AppError::Validation(vec![FieldError::new(field, code, message)])
    }
}

impl From<StoreError> for AppError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::Busy => AppError::Busy,
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl From<Vec<FieldError>> for AppError {
    fn from(errors: Vec<FieldError>) -> Self {
        AppError::Validation(errors)
    }
}

impl From<eventmgr_store::DbErr> for AppError {
    fn from(err: eventmgr_store::DbErr) -> Self {
        AppError::from(StoreError::from(err))
    }
}
