//! Encryption of small secrets the server must be able to read back, such as MFA (TOTP) seeds,
//! before they are written to the database. Password hashes do not belong here: those are
//! one-way (see `auth::password`).
//!
//! A database dump or backup alone must not hand out working second factors, so each value is
//! sealed with AES-256-GCM under a key the database never sees. The stored form is text, so it
//! fits an ordinary string column, and starts with a version tag so the scheme can change later
//! without guessing what an old row holds.

use aes_gcm::aead::{Aead, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::digest::{Key, KeyInit};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use crate::AppError;

type HmacSha256 = Hmac<Sha256>;

/// Marks the scheme below: AES-256-GCM, 96-bit random nonce, base64url without padding.
const PREFIX: &str = "v1.";
const NONCE_LEN: usize = 12;
const TAG_LEN: usize = 16;

/// Seals and opens secrets under one key. Cheap to clone; its `Debug` never shows the key.
#[derive(Clone)]
pub struct SecretBox {
    cipher: Aes256Gcm,
}

impl std::fmt::Debug for SecretBox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretBox(..)")
    }
}

impl SecretBox {
    pub fn new(key: &[u8; 32]) -> SecretBox {
        SecretBox {
            cipher: Aes256Gcm::new(&(*key).into()),
        }
    }

    /// A box whose key is HMAC-SHA256(master, "eventmgr:" + purpose). The server is configured
    /// with one master secret; deriving a separate key per purpose means a value sealed for one
    /// use cannot be opened (or passed off) as another, and no two features share a GCM key and
    /// with it the nonce-collision budget.
    pub fn derive(master: &[u8], purpose: &str) -> SecretBox {
        let key = hmac_sha256(master, format!("eventmgr:{purpose}").as_bytes());
        SecretBox::new(&key)
    }

    /// Encrypts `plaintext` as `v1.` + base64url(nonce ‖ ciphertext ‖ tag).
    ///
    /// The nonce is random rather than a counter because nothing here can keep a counter across
    /// restarts and replicas; at 96 bits the chance of a repeat stays negligible for far more
    /// secrets than this server will ever seal under one key.
    pub fn seal(&self, plaintext: &[u8]) -> Result<String, AppError> {
        self.seal_bound(plaintext, b"")
    }

    /// Like [`SecretBox::seal`], bound to `context` (e.g. the owning row's id): the sealed text
    /// only opens with the same context, so it cannot be copied onto another row.
    pub fn seal_bound(&self, plaintext: &[u8], context: &[u8]) -> Result<String, AppError> {
        let nonce: [u8; NONCE_LEN] = rand::random();
        let ciphertext = self
            .cipher
            .encrypt(
                &Nonce::from(nonce),
                Payload {
                    msg: plaintext,
                    aad: context,
                },
            )
            // Only reachable for inputs near GCM's 64 GiB limit; the text names no secret.
            .map_err(|_| AppError::Internal("secret cannot be encrypted".to_owned()))?;
        let mut blob = Vec::with_capacity(NONCE_LEN + ciphertext.len());
        blob.extend_from_slice(&nonce);
        blob.extend_from_slice(&ciphertext);
        Ok(format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(blob)))
    }

    /// Reverses [`SecretBox::seal`]. Every failure — wrong version, damaged text, wrong key,
    /// tampering — gives the same error: the caller can do nothing different about any of them,
    /// and the message must not carry key material or plaintext into logs.
    pub fn open(&self, sealed: &str) -> Result<Vec<u8>, AppError> {
        self.open_bound(sealed, b"")
    }

    /// Reverses [`SecretBox::seal_bound`]; a different context fails like tampering.
    pub fn open_bound(&self, sealed: &str, context: &[u8]) -> Result<Vec<u8>, AppError> {
        let undecryptable = || AppError::Internal("stored secret cannot be decrypted".to_owned());
        let encoded = sealed.strip_prefix(PREFIX).ok_or_else(undecryptable)?;
        let blob = URL_SAFE_NO_PAD
            .decode(encoded)
            .map_err(|_| undecryptable())?;
        let (nonce, ciphertext) = blob
            .split_first_chunk::<NONCE_LEN>()
            .ok_or_else(undecryptable)?;
        if ciphertext.len() < TAG_LEN {
            return Err(undecryptable());
        }
        self.cipher
            .decrypt(
                &Nonce::from(*nonce),
                Payload {
                    msg: ciphertext,
                    aad: context,
                },
            )
            .map_err(|_| undecryptable())
    }
}

/// HMAC-SHA256 that cannot fail. `Mac::new_from_slice` returns a `Result` whose error HMAC never
/// produces, but the workspace forbids unwrapping it; `KeyInit::new` takes a full block
/// instead, and preparing that block is exactly what RFC 2104 specifies (hash a key longer than
/// a block, then zero-pad), so the MAC is the same.
fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut block = Key::<HmacSha256>::default();
    if key.len() > block.len() {
        let digest = Sha256::digest(key);
        block[..digest.len()].copy_from_slice(&digest);
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let mut mac = <HmacSha256 as KeyInit>::new(&block);
    mac.update(message);
    mac.finalize().into_bytes().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: [u8; 32] = [7; 32];
    const UNDECRYPTABLE: &str = "stored secret cannot be decrypted";

    #[test]
    fn bound_secrets_open_only_in_their_context() {
        let secret_box = SecretBox::new(&[7u8; 32]);
        let sealed = secret_box.seal_bound(b"totp secret", b"user-a").unwrap();
        assert_eq!(
            secret_box.open_bound(&sealed, b"user-a").unwrap(),
            b"totp secret"
        );
        assert_undecryptable(secret_box.open_bound(&sealed, b"user-b"));
        assert_undecryptable(secret_box.open(&sealed));
    }

    fn assert_undecryptable(result: Result<Vec<u8>, AppError>) {
        match result {
            Err(AppError::Internal(message)) => assert_eq!(message, UNDECRYPTABLE),
            other => panic!("expected the undecryptable error, got {other:?}"),
        }
    }

    #[test]
    fn round_trip() {
        let secret_box = SecretBox::new(&KEY);
        for plaintext in [&b""[..], b"x", b"twenty bytes of seed", &[0u8; 1000]] {
            let sealed = secret_box.seal(plaintext).unwrap();
            assert!(sealed.starts_with("v1."));
            assert_eq!(secret_box.open(&sealed).unwrap(), plaintext);
        }
    }

    #[test]
    fn sealed_text_is_url_safe_and_unpadded() {
        let sealed = SecretBox::new(&KEY).seal(&[0xff; 37]).unwrap();
        let encoded = sealed.strip_prefix("v1.").unwrap();
        assert!(
            encoded
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        );
        // Nonce, ciphertext as long as the plaintext, tag.
        assert_eq!(URL_SAFE_NO_PAD.decode(encoded).unwrap().len(), 12 + 37 + 16);
    }

    #[test]
    fn sealing_twice_gives_different_text() {
        let secret_box = SecretBox::new(&KEY);
        let first = secret_box.seal(b"same").unwrap();
        let second = secret_box.seal(b"same").unwrap();
        assert_ne!(first, second);
        assert_eq!(secret_box.open(&first).unwrap(), b"same");
        assert_eq!(secret_box.open(&second).unwrap(), b"same");
    }

    #[test]
    fn any_tampered_byte_fails() {
        let secret_box = SecretBox::new(&KEY);
        let sealed = secret_box.seal(b"seed").unwrap();
        let blob = URL_SAFE_NO_PAD.decode(&sealed[3..]).unwrap();
        for index in 0..blob.len() {
            let mut tampered = blob.clone();
            tampered[index] ^= 0x01;
            let text = format!("v1.{}", URL_SAFE_NO_PAD.encode(&tampered));
            assert_undecryptable(secret_box.open(&text));
        }
    }

    #[test]
    fn truncated_or_extended_text_fails() {
        let secret_box = SecretBox::new(&KEY);
        let sealed = secret_box.seal(b"seed").unwrap();
        let blob = URL_SAFE_NO_PAD.decode(&sealed[3..]).unwrap();
        for len in 0..blob.len() {
            let text = format!("v1.{}", URL_SAFE_NO_PAD.encode(&blob[..len]));
            assert_undecryptable(secret_box.open(&text));
        }
        let mut longer = blob.clone();
        longer.push(0);
        assert_undecryptable(secret_box.open(&format!("v1.{}", URL_SAFE_NO_PAD.encode(&longer))));
    }

    #[test]
    fn different_key_fails() {
        let sealed = SecretBox::new(&KEY).seal(b"seed").unwrap();
        let mut other = KEY;
        other[31] ^= 0x80;
        assert_undecryptable(SecretBox::new(&other).open(&sealed));
    }

    #[test]
    fn malformed_text_fails_with_the_same_error() {
        let secret_box = SecretBox::new(&KEY);
        let sealed = secret_box.seal(b"seed").unwrap();
        let body = &sealed[3..];
        for text in [
            String::new(),
            "v1.".to_owned(),
            body.to_owned(),
            format!("v2.{body}"),
            format!("V1.{body}"),
            format!("v1.{body}="),
            format!("v1.{body}!"),
            format!("v1. {body}"),
            format!("v1.{}", body.replace('-', "+").replace('_', "/")),
        ] {
            if text.starts_with("v1.") && secret_box.open(&text).is_ok() {
                // The `+`/`/` swap is a no-op when the text has neither `-` nor `_`.
                assert_eq!(text, sealed);
                continue;
            }
            assert_undecryptable(secret_box.open(&text));
        }
    }

    #[test]
    fn errors_do_not_echo_their_input() {
        let secret_box = SecretBox::new(&KEY);
        let Err(error) = secret_box.open("v1.c2VjcmV0LXNlZWQtdmFsdWU") else {
            panic!("garbage opened");
        };
        let shown = format!("{error} {error:?}");
        assert!(!shown.contains("c2VjcmV0"));
        assert!(!format!("{secret_box:?}").contains('7'));
    }

    #[test]
    fn derived_keys_differ_by_purpose() {
        let master = b"the server's one master secret";
        let sealed = SecretBox::derive(master, "mfa").seal(b"seed").unwrap();
        assert_eq!(
            SecretBox::derive(master, "mfa").open(&sealed).unwrap(),
            b"seed"
        );
        assert_undecryptable(SecretBox::derive(master, "webhooks").open(&sealed));
        assert_undecryptable(SecretBox::derive(b"another master", "mfa").open(&sealed));
        assert_ne!(
            hmac_sha256(master, b"eventmgr:mfa"),
            hmac_sha256(master, b"eventmgr:webhooks")
        );
    }

    #[test]
    fn derived_key_is_hmac_sha256_of_the_purpose() {
        let master = b"master";
        let mut mac = <HmacSha256 as Mac>::new_from_slice(master).unwrap();
        mac.update(b"eventmgr:mfa");
        let expected: [u8; 32] = mac.finalize().into_bytes().into();
        let sealed = SecretBox::derive(master, "mfa").seal(b"seed").unwrap();
        assert_eq!(SecretBox::new(&expected).open(&sealed).unwrap(), b"seed");
    }

    #[test]
    fn hmac_matches_the_library_for_short_block_and_long_keys() {
        for len in [0, 1, 32, 63, 64, 65, 200] {
            let key: Vec<u8> = (0..len).map(|i| i as u8).collect();
            let mut mac = <HmacSha256 as Mac>::new_from_slice(&key).unwrap();
            mac.update(b"message");
            let expected: [u8; 32] = mac.finalize().into_bytes().into();
            assert_eq!(hmac_sha256(&key, b"message"), expected, "key length {len}");
        }
    }
}
