//! Argon2id password hashes, computed off the async runtime (they are slow on purpose).

use std::sync::OnceLock;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::AppError;

/// Hashes run at most one per core. Each holds 19 MiB while it runs and is pure CPU, so more
/// at once only queue on the processor while multiplying memory: a burst of 256 sign-ins
/// took the server to several hundred MiB (measured with the `bench` suite).
fn hashing_slots() -> &'static tokio::sync::Semaphore {
    static SLOTS: OnceLock<tokio::sync::Semaphore> = OnceLock::new();
    SLOTS.get_or_init(|| {
        tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(1, |n| n.get()))
    })
}

async fn hashing_slot() -> Result<tokio::sync::SemaphorePermit<'static>, AppError> {
    hashing_slots()
        .acquire()
        .await
        .map_err(|_| AppError::Internal("password hashing closed".to_owned()))
}

/// OWASP's recommended Argon2id setting: 19 MiB, 2 passes, 1 lane.
fn hasher() -> Result<Argon2<'static>, AppError> {
    let params = Params::new(19 * 1024, 2, 1, None)
        .map_err(|e| AppError::Internal(format!("argon2 params: {e}")))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

pub async fn hash_password(password: String) -> Result<String, AppError> {
    let _slot = hashing_slot().await?;
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        hasher()?
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| AppError::Internal(format!("argon2 hash: {e}")))
    })
    .await
    .map_err(|e| AppError::Internal(format!("hashing task: {e}")))?
}

/// A hash of a random password, verified when there is no real hash, so that a login for an
/// unknown account costs as much time as one for a known account.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let salt = SaltString::generate(&mut OsRng);
        hasher()
            .ok()
            .and_then(|h| {
                h.hash_password(b"no such account: timing equaliser", &salt)
                    .ok()
            })
            .map(|h| h.to_string())
            .unwrap_or_default()
    })
}

/// True when `password` matches `stored`; with no stored hash, burns the same time and is false.
pub async fn verify_password(password: String, stored: Option<String>) -> Result<bool, AppError> {
    let _slot = hashing_slot().await?;
    tokio::task::spawn_blocking(move || {
        let real = stored.is_some();
        let hash_text = stored.unwrap_or_else(|| dummy_hash().to_owned());
        let parsed = match PasswordHash::new(&hash_text) {
            Ok(parsed) => parsed,
            Err(_) => return Ok(false),
        };
        let matches = hasher()?
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        Ok(real && matches)
    })
    .await
    .map_err(|e| AppError::Internal(format!("hashing task: {e}")))?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hash_and_verify() {
        let hash = hash_password("Bühnenaufbau-2026".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(
            verify_password("Bühnenaufbau-2026".into(), Some(hash.clone()))
                .await
                .unwrap()
        );
        assert!(
            !verify_password("bühnenaufbau-2026".into(), Some(hash))
                .await
                .unwrap()
        );
        assert!(!verify_password("anything".into(), None).await.unwrap());
        assert!(
            !verify_password("anything".into(), Some("garbage".into()))
                .await
                .unwrap()
        );
    }
}
