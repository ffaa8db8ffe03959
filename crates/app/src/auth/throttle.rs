//! Brute-force protection: failed logins are counted per account and per client address in
//! the database (so every replica sees the same counts). From a threshold on, each further
//! failure locks the key for a growing time, capped, and counters are forgotten after an hour
//! without failures — an attacker can slow a victim down but never lock them out for good,
//! and a password reset always works.

use chrono::{DateTime, Duration, Utc};
use eventmgr_store::Conn;
use eventmgr_store::repo::throttle;

use crate::AppError;

/// Failures before an account key locks (a person mistyping gets four free tries).
const ACCOUNT_THRESHOLD: i32 = 5;
/// An office behind one address has many people: the address locks later.
const IP_THRESHOLD: i32 = 20;
const FIRST_LOCK_SECONDS: i64 = 15;
const MAX_LOCK_SECONDS: i64 = 15 * 60;
/// A counter idle this long starts again.
const WINDOW: Duration = Duration::hours(1);

pub(crate) fn account_key(email: &str) -> String {
    format!("account:{}", email.trim().to_lowercase())
}

pub(crate) fn ip_key(ip: &str) -> String {
    format!("ip:{ip}")
}

/// Lock length after `failures` failures with the given threshold: 15 s, 30 s, 60 s, ...
/// up to 15 minutes.
pub(crate) fn lock_seconds(failures: i32, threshold: i32) -> Option<i64> {
    if failures < threshold {
        return None;
    }
    let doublings = u32::try_from(failures - threshold).unwrap_or(0).min(16);
    Some((FIRST_LOCK_SECONDS << doublings).min(MAX_LOCK_SECONDS))
}

fn threshold(key: &str) -> i32 {
    if key.starts_with("ip:") {
        IP_THRESHOLD
    } else {
        ACCOUNT_THRESHOLD
    }
}

/// 429 with the seconds to wait when any of the keys is locked.
pub(crate) async fn check<C: Conn>(
    db: &C,
    keys: &[String],
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut wait = 0;
    for key in keys {
        if let Some(row) = throttle::find(db, key).await?
            && let Some(until) = row.locked_until.filter(|u| *u > at)
        {
            wait = wait.max((until - at).num_seconds() + 1);
        }
    }
    if wait > 0 {
        return Err(AppError::RateLimited {
            retry_after: u64::try_from(wait).unwrap_or(1),
        });
    }
    Ok(())
}

/// Counts a failure on every key and locks those past their threshold.
pub(crate) async fn record_failure<C: Conn>(
    db: &C,
    keys: &[String],
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    for key in keys {
        let failures = throttle::record_failure(db, key, at, at - WINDOW).await?;
        if let Some(seconds) = lock_seconds(failures, threshold(key)) {
            throttle::lock_until(db, key, at + Duration::seconds(seconds)).await?;
        }
    }
    Ok(())
}

/// A successful login clears the account's counter (the address keeps its history: one
/// good login must not reset an attacker's budget against other accounts).
pub(crate) async fn record_success<C: Conn>(db: &C, email: &str) -> Result<(), AppError> {
    throttle::clear(db, &account_key(email)).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_and_are_capped() {
        assert_eq!(lock_seconds(4, 5), None);
        assert_eq!(lock_seconds(5, 5), Some(15));
        assert_eq!(lock_seconds(6, 5), Some(30));
        assert_eq!(lock_seconds(7, 5), Some(60));
        assert_eq!(lock_seconds(12, 5), Some(900));
        assert_eq!(lock_seconds(1000, 5), Some(900));
        assert_eq!(lock_seconds(19, 20), None);
    }
}
