//! Idempotent creates: the first answer to a POST with an `Idempotency-Key` is kept for 24 h
//! and replayed to retries; the same key with another body is refused.

use std::time::Duration;

use chrono::Duration as ChronoDuration;
use eventmgr_store::repo::idempotency::{self, Claim};
use uuid::Uuid;

use crate::{App, AppError};

/// How long a key and its answer are kept.
pub const RETENTION_HOURS: i64 = 24;
/// How long a retry waits for the first request with its key to finish.
const WAIT_FOR_FIRST: Duration = Duration::from_secs(10);

/// A stored answer, replayed as it was.
#[derive(Debug, Clone)]
pub struct StoredResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// What the HTTP layer should do with a request that carries a key.
#[derive(Debug)]
pub enum Decision {
    /// Run the request, then `complete` or `release` the key.
    Proceed,
    /// Answer with what the first request answered.
    Replay(StoredResponse),
}

pub fn validate_key(key: &str) -> Result<(), AppError> {
    if key.is_empty() || key.len() > 255 || !key.chars().all(|c| c.is_ascii_graphic()) {
        return Err(AppError::BadRequest(
            "Idempotency-Key must be 1–255 visible ASCII characters".to_owned(),
        ));
    }
    Ok(())
}

impl App {
    /// Claims `key` for this request, or finds the earlier answer. A key still in flight is
    /// waited for, so concurrent duplicates all get the first request's answer.
    pub async fn idempotency_begin(
        &self,
        user_id: Uuid,
        key: &str,
        request_hash: &str,
    ) -> Result<Decision, AppError> {
        validate_key(key)?;
        let deadline = tokio::time::Instant::now() + WAIT_FOR_FIRST;
        loop {
            let at = eventmgr_store::now();
            let claim = match idempotency::claim(
                self.store.conn(),
                user_id,
                key,
                request_hash,
                at,
                at + ChronoDuration::hours(RETENTION_HOURS),
            )
            .await
            {
                Ok(claim) => claim,
                // The first request released its claim between our two statements: try again,
                // within the same deadline as waiting for it.
                Err(eventmgr_store::StoreError::Unique(_))
                    if tokio::time::Instant::now() < deadline =>
                {
                    continue;
                }
                Err(other) => return Err(other.into()),
            };
            match claim {
                Claim::Fresh => return Ok(Decision::Proceed),
                Claim::Existing(row) if row.request_hash != request_hash => {
                    return Err(AppError::field(
                        "Idempotency-Key",
                        "key_reused",
                        "this Idempotency-Key was already used with a different request",
                    ));
                }
                Claim::Existing(row) => {
                    if let (Some(status), Some(body)) = (row.status_code, row.response_body) {
                        let headers = row
                            .response_headers
                            .and_then(|h| serde_json::from_value::<Vec<(String, String)>>(h).ok())
                            .unwrap_or_default();
                        return Ok(Decision::Replay(StoredResponse {
                            status: u16::try_from(status).unwrap_or(200),
                            headers,
                            body,
                        }));
                    }
                    if tokio::time::Instant::now() >= deadline {
                        return Err(AppError::Conflict(
                            "a request with this Idempotency-Key is still in progress".to_owned(),
                        ));
                    }
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            }
        }
    }

    /// Keeps the answer of a successful request for replay.
    pub async fn idempotency_complete(
        &self,
        user_id: Uuid,
        key: &str,
        response: StoredResponse,
    ) -> Result<(), AppError> {
        let headers = serde_json::to_value(&response.headers).unwrap_or_default();
        idempotency::complete(
            self.store.conn(),
            user_id,
            key,
            i32::from(response.status),
            headers,
            response.body,
        )
        .await?;
        Ok(())
    }

    /// Forgets the key of a request that failed (it wrote nothing), so a retry runs again.
    pub async fn idempotency_release(&self, user_id: Uuid, key: &str) -> Result<(), AppError> {
        idempotency::release(self.store.conn(), user_id, key).await?;
        Ok(())
    }
}
