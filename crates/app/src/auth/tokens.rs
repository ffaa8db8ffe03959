//! JWT access tokens: HS256 only, issuer and audience checked, a `kid` so that keys can be
//! rotated without logging everybody out (old keys stay accepted until their tokens expire).

use chrono::{DateTime, Utc};
use jsonwebtoken::{
    Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, decode_header, encode,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::AppError;

pub const ISSUER: &str = "eventmgr";
pub const AUDIENCE: &str = "eventmgr-api";
/// The audience of event-stream tickets: a ticket is refused as a bearer token and an
/// access token is refused as a ticket.
pub const SSE_AUDIENCE: &str = "eventmgr-sse";
/// How long an event-stream ticket can be used to open a stream.
pub const SSE_TICKET_SECONDS: i64 = 60;

#[derive(Debug, Serialize, Deserialize)]
pub struct AccessClaims {
    pub sub: String,
    /// The session this token belongs to; revoking the session kills the token.
    pub sid: String,
    pub iss: String,
    pub aud: String,
    pub iat: i64,
    pub exp: i64,
    pub jti: String,
}

/// Signing keys: the current one signs, all verify.
pub struct TokenKeys {
    current_kid: String,
    keys: Vec<(String, EncodingKey, DecodingKey)>,
    ttl_seconds: i64,
}

impl TokenKeys {
    /// `keys` are `(kid, secret)` pairs, the first signing new tokens.
    pub fn new(keys: Vec<(String, Vec<u8>)>, ttl_seconds: i64) -> Result<TokenKeys, AppError> {
        let current_kid = keys
            .first()
            .map(|(kid, _)| kid.clone())
            .ok_or_else(|| AppError::Internal("no signing key".to_owned()))?;
        if keys.iter().any(|(_, secret)| secret.len() < 32) {
            return Err(AppError::Internal(
                "signing keys must have at least 32 bytes".to_owned(),
            ));
        }
        let keys = keys
            .into_iter()
            .map(|(kid, secret)| {
                (
                    kid,
                    EncodingKey::from_secret(&secret),
                    DecodingKey::from_secret(&secret),
                )
            })
            .collect();
        Ok(TokenKeys {
            current_kid,
            keys,
            ttl_seconds,
        })
    }

    pub fn ttl_seconds(&self) -> i64 {
        self.ttl_seconds
    }

    pub fn issue(
        &self,
        user_id: Uuid,
        session_id: Uuid,
        at: DateTime<Utc>,
    ) -> Result<String, AppError> {
        self.issue_for(AUDIENCE, self.ttl_seconds, user_id, session_id, at)
    }

    /// A short-lived ticket for opening an event stream (browsers cannot set headers on
    /// `EventSource`, so it travels in the URL — hence its own audience and a minute's life).
    pub fn issue_sse_ticket(
        &self,
        user_id: Uuid,
        session_id: Uuid,
        at: DateTime<Utc>,
    ) -> Result<String, AppError> {
        self.issue_for(SSE_AUDIENCE, SSE_TICKET_SECONDS, user_id, session_id, at)
    }

    fn issue_for(
        &self,
        audience: &str,
        ttl_seconds: i64,
        user_id: Uuid,
        session_id: Uuid,
        at: DateTime<Utc>,
    ) -> Result<String, AppError> {
        let claims = AccessClaims {
            sub: user_id.to_string(),
            sid: session_id.to_string(),
            iss: ISSUER.to_owned(),
            aud: audience.to_owned(),
            iat: at.timestamp(),
            exp: at.timestamp() + ttl_seconds,
            jti: Uuid::now_v7().to_string(),
        };
        let mut header = Header::new(Algorithm::HS256);
        header.kid = Some(self.current_kid.clone());
        let key = self
            .keys
            .iter()
            .find(|(kid, _, _)| *kid == self.current_kid)
            .map(|(_, enc, _)| enc);
        let key = key.ok_or_else(|| AppError::Internal("signing key missing".to_owned()))?;
        encode(&header, &claims, key).map_err(|e| AppError::Internal(format!("jwt encode: {e}")))
    }

    /// Verifies signature (HS256 only: `alg: none` and algorithm confusion are refused),
    /// issuer, audience and expiry.
    pub fn verify(&self, token: &str) -> Result<AccessClaims, AppError> {
        self.verify_for(AUDIENCE, token)
    }

    /// Verifies an event-stream ticket like [`TokenKeys::verify`] an access token.
    pub fn verify_sse_ticket(&self, ticket: &str) -> Result<AccessClaims, AppError> {
        self.verify_for(SSE_AUDIENCE, ticket)
    }

    fn verify_for(&self, audience: &str, token: &str) -> Result<AccessClaims, AppError> {
        let invalid = || AppError::Unauthenticated("invalid or expired token".to_owned());
        let header = decode_header(token).map_err(|_| invalid())?;
        if header.alg != Algorithm::HS256 {
            return Err(invalid());
        }
        let kid = header.kid.unwrap_or_else(|| self.current_kid.clone());
        let (_, _, key) = self
            .keys
            .iter()
            .find(|(k, _, _)| *k == kid)
            .ok_or_else(invalid)?;
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[audience]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.validate_aud = true;
        validation.leeway = 5;
        decode::<AccessClaims>(token, key, &validation)
            .map(|data| data.claims)
            .map_err(|_| invalid())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;

    fn keys() -> TokenKeys {
        TokenKeys::new(
            vec![("k2".into(), vec![7u8; 32]), ("k1".into(), vec![9u8; 32])],
            900,
        )
        .unwrap()
    }

    #[test]
    fn round_trip() {
        let id = Uuid::now_v7();
        let token = keys().issue(id, Uuid::now_v7(), Utc::now()).unwrap();
        assert_eq!(keys().verify(&token).unwrap().sub, id.to_string());
    }

    #[test]
    fn tickets_and_access_tokens_are_not_interchangeable() {
        let k = keys();
        let (user, session) = (Uuid::now_v7(), Uuid::now_v7());
        let ticket = k.issue_sse_ticket(user, session, Utc::now()).unwrap();
        assert_eq!(
            k.verify_sse_ticket(&ticket).unwrap().sid,
            session.to_string()
        );
        assert!(k.verify(&ticket).is_err(), "a ticket is no bearer token");
        let access = k.issue(user, session, Utc::now()).unwrap();
        assert!(
            k.verify_sse_ticket(&access).is_err(),
            "a bearer token is no ticket"
        );
        let stale = k
            .issue_sse_ticket(user, session, Utc::now() - chrono::Duration::minutes(2))
            .unwrap();
        assert!(
            k.verify_sse_ticket(&stale).is_err(),
            "tickets live a minute"
        );
    }

    #[test]
    fn old_key_still_verifies_after_rotation() {
        let old = TokenKeys::new(vec![("k1".into(), vec![9u8; 32])], 900).unwrap();
        let token = old
            .issue(Uuid::now_v7(), Uuid::now_v7(), Utc::now())
            .unwrap();
        assert!(keys().verify(&token).is_ok());
    }

    #[test]
    fn expired_tampered_and_unsigned_tokens_fail() {
        let k = keys();
        let expired = k
            .issue(
                Uuid::now_v7(),
                Uuid::now_v7(),
                Utc::now() - chrono::Duration::hours(1),
            )
            .unwrap();
        assert!(k.verify(&expired).is_err());
        let other = TokenKeys::new(vec![("k2".into(), vec![1u8; 32])], 900).unwrap();
        assert!(
            k.verify(
                &other
                    .issue(Uuid::now_v7(), Uuid::now_v7(), Utc::now())
                    .unwrap()
            )
            .is_err()
        );
        // alg: none
        let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let header = b64.encode(r#"{"alg":"none","typ":"JWT"}"#);
        let payload = b64.encode(format!(r#"{{"sub":"{}","sid":"x","iss":"eventmgr","aud":"eventmgr-api","exp":9999999999,"iat":0,"jti":"x"}}"#, Uuid::now_v7()));
        assert!(k.verify(&format!("{header}.{payload}.")).is_err());
        assert!(k.verify("not-a-token").is_err());
    }
}
