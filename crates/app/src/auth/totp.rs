//! Time-based one-time passwords (RFC 6238) for the second login factor: making a secret,
//! showing it to an authenticator app (base32 and an `otpauth://` URI), and checking the
//! six-digit codes people type back.
//!
//! Only the parameters every authenticator app supports are offered — HMAC-SHA1, 30-second
//! steps, six digits — so they are fixed here rather than configurable. Nothing in this module
//! touches storage: the caller keeps the secret (encrypted, see [`crate::crypto`]) and the last
//! accepted step, which [`verify`] needs to refuse a code that has already been used.

use hmac::digest::{Key, KeyInit};
use hmac::{Hmac, Mac};
use sha1::{Digest, Sha1};
use subtle::ConstantTimeEq;

type HmacSha1 = Hmac<Sha1>;

/// Seconds per time step (RFC 6238's X).
const PERIOD: u64 = 30;
/// Digits in a code.
const DIGITS: usize = 6;
/// Steps either side of the current one still accepted, for clocks that are a little off.
const DRIFT_STEPS: u64 = 1;
/// RFC 4648 base32 alphabet.
const BASE32_ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// A fresh shared secret: 20 bytes, the length of an HMAC-SHA1 output, which RFC 4226
/// recommends and authenticator apps expect.
pub fn generate_secret() -> Vec<u8> {
    rand::random::<[u8; 20]>().to_vec()
}

/// Base32 (RFC 4648) in upper case without `=` padding, the form authenticator apps accept in
/// `otpauth://` URIs and for typing in by hand.
pub fn encode_base32(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    let mut buffer: u32 = 0;
    let mut bits: u32 = 0;
    for &byte in bytes {
        buffer = (buffer << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(base32_char(buffer >> bits));
        }
        // Only the unconsumed low bits matter; dropping the rest keeps the shifts in range.
        buffer &= (1 << bits) - 1;
    }
    if bits > 0 {
        out.push(base32_char(buffer << (5 - bits)));
    }
    out
}

fn base32_char(index: u32) -> char {
    char::from(BASE32_ALPHABET[(index & 0x1f) as usize])
}

/// Reverses [`encode_base32`]. People copy secrets by hand, so case, whitespace (apps show the
/// secret in groups) and `=` padding are ignored. Anything an encoder could not have produced
/// — a character outside the alphabet, an impossible length, or non-zero leftover bits — gives
/// `None`, so each secret has exactly one accepted spelling apart from those cosmetic ones.
pub fn decode_base32(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 5 / 8);
    let mut buffer: u32 = 0;
    let mut bits: u32 = 0;
    for c in text.chars() {
        if c == '=' || c.is_ascii_whitespace() {
            continue;
        }
        let value = base32_value(c)?;
        buffer = (buffer << 5) | value;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(((buffer >> bits) & 0xff) as u8);
        }
        buffer &= (1 << bits) - 1;
    }
    // A whole number of bytes leaves 0–4 bits over, and an encoder pads those with zeros; five
    // or more means a dangling character (lengths 1, 3 or 6 mod 8).
    if bits >= 5 || buffer != 0 {
        return None;
    }
    Some(out)
}

fn base32_value(c: char) -> Option<u32> {
    match c.to_ascii_uppercase() {
        c @ 'A'..='Z' => Some(u32::from(c) - u32::from('A')),
        c @ '2'..='7' => Some(u32::from(c) - u32::from('2') + 26),
        _ => None,
    }
}

/// The key URI that authenticator apps read from a QR code (the de facto "Key Uri Format"):
/// the label says whose account it is, and `issuer` is repeated as a parameter because some
/// apps read only one of the two.
pub fn otpauth_uri(secret: &[u8], account: &str, issuer: &str) -> String {
    let issuer = percent_encode(issuer);
    let account = percent_encode(account);
    let secret = encode_base32(secret);
    format!(
        "otpauth://totp/{issuer}:{account}?secret={secret}&issuer={issuer}\
         &algorithm=SHA1&digits={DIGITS}&period={PERIOD}"
    )
}

/// Escapes everything but RFC 3986's unreserved characters. Stricter than a URI needs, but
/// then a `:` or `?` in a name can never be mistaken for URI structure by any app.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for &byte in text.as_bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The code for one time step: HOTP (RFC 4226) with the step as the counter.
pub fn code_at(secret: &[u8], step: u64) -> String {
    let mac = hmac_sha1(secret, &step.to_be_bytes());
    // Dynamic truncation: the low nibble of the last byte picks where to read 31 bits.
    let offset = usize::from(mac[19] & 0x0f);
    let word = u32::from_be_bytes([
        mac[offset],
        mac[offset + 1],
        mac[offset + 2],
        mac[offset + 3],
    ]) & 0x7fff_ffff;
    let code = word % 10u32.pow(DIGITS as u32);
    format!("{code:0width$}", width = DIGITS)
}

/// The time step a moment falls in. Moments before 1970 all map to step 0; no real clock
/// reports them, and a step cannot be negative.
pub fn step_of(unix_seconds: i64) -> u64 {
    u64::try_from(unix_seconds).map_or(0, |seconds| seconds / PERIOD)
}

/// Checks a typed code against the current step and one step either side, and returns the step
/// it matched so the caller can store it as `last_used_step`.
///
/// A code for a step at or before `last_used_step` is refused even if it is right: an
/// eavesdropped or shoulder-surfed code must not work a second time, and once a newer code has
/// been used the older ones are stale too. When a code happens to match two steps in the
/// window, the later one is returned, so the same digits cannot then be replayed against the
/// other.
pub fn verify(
    secret: &[u8],
    code: &str,
    unix_seconds: i64,
    last_used_step: Option<u64>,
) -> Option<u64> {
    let code = code.trim();
    if code.len() != DIGITS || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let now = step_of(unix_seconds);
    let earliest = now.saturating_sub(DRIFT_STEPS);
    let latest = now.saturating_add(DRIFT_STEPS);
    (earliest..=latest)
        .rev()
        .filter(|&step| last_used_step.is_none_or(|used| step > used))
        // Constant time so response timing does not reveal how many leading digits were right.
        .find(|&step| bool::from(code_at(secret, step).as_bytes().ct_eq(code.as_bytes())))
}

/// HMAC-SHA1 that cannot fail. `Mac::new_from_slice` returns a `Result` whose error HMAC never
/// produces, but the workspace forbids unwrapping it; `KeyInit::new` takes a full block
/// instead, and preparing that block is exactly what RFC 2104 specifies (hash a key longer than
/// a block, then zero-pad), so the MAC is the same.
fn hmac_sha1(key: &[u8], message: &[u8]) -> [u8; 20] {
    let mut block = Key::<HmacSha1>::default();
    if key.len() > block.len() {
        let digest = Sha1::digest(key);
        block[..digest.len()].copy_from_slice(&digest);
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let mut mac = <HmacSha1 as KeyInit>::new(&block);
    mac.update(message);
    mac.finalize().into_bytes().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    const RFC_SECRET: &[u8] = b"12345678901234567890";

    #[test]
    fn rfc6238_sha1_vectors() {
        let vectors = [
            (59, "287082"),
            (1_111_111_109, "081804"),
            (1_111_111_111, "050471"),
            (1_234_567_890, "005924"),
            (2_000_000_000, "279037"),
            (20_000_000_000, "353130"),
        ];
        for (time, code) in vectors {
            assert_eq!(code_at(RFC_SECRET, step_of(time)), code, "at {time}");
            assert_eq!(verify(RFC_SECRET, code, time, None), Some(step_of(time)));
        }
    }

    #[test]
    fn rfc4226_hotp_vectors() {
        // Appendix D: the same secret, counters 0..=9.
        let codes = [
            "755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583",
            "399871", "520489",
        ];
        for (counter, code) in codes.iter().enumerate() {
            assert_eq!(code_at(RFC_SECRET, counter as u64), *code);
        }
    }

    #[test]
    fn hmac_matches_the_library_for_short_block_and_long_keys() {
        for len in [0, 1, 20, 63, 64, 65, 200] {
            let key: Vec<u8> = (0..len).map(|i| i as u8).collect();
            let mut mac = <HmacSha1 as Mac>::new_from_slice(&key).unwrap();
            mac.update(b"message");
            let expected: [u8; 20] = mac.finalize().into_bytes().into();
            assert_eq!(hmac_sha1(&key, b"message"), expected, "key length {len}");
        }
    }

    #[test]
    fn step_boundaries() {
        assert_eq!(step_of(0), 0);
        assert_eq!(step_of(29), 0);
        assert_eq!(step_of(30), 1);
        assert_eq!(step_of(59), 1);
        assert_eq!(step_of(-1), 0);
        assert_eq!(step_of(i64::MIN), 0);
        assert_eq!(step_of(i64::MAX), i64::MAX as u64 / 30);
    }

    #[test]
    fn base32_rfc4648_vectors() {
        let vectors = [
            ("", ""),
            ("f", "MY"),
            ("fo", "MZXQ"),
            ("foo", "MZXW6"),
            ("foob", "MZXW6YQ"),
            ("fooba", "MZXW6YTB"),
            ("foobar", "MZXW6YTBOI"),
        ];
        for (plain, encoded) in vectors {
            assert_eq!(encode_base32(plain.as_bytes()), encoded);
            assert_eq!(decode_base32(encoded).unwrap(), plain.as_bytes());
        }
    }

    #[test]
    fn base32_decode_ignores_case_spaces_and_padding() {
        assert_eq!(decode_base32("mzxw6ytboi").unwrap(), b"foobar");
        assert_eq!(decode_base32("MZXW 6YTB OI").unwrap(), b"foobar");
        assert_eq!(decode_base32("MZXW6YTBOI======").unwrap(), b"foobar");
        assert_eq!(decode_base32("my======").unwrap(), b"f");
        assert_eq!(decode_base32(" mZxW6yTb\tOi\n").unwrap(), b"foobar");
    }

    #[test]
    fn base32_decode_rejects_what_no_encoder_writes() {
        // Outside the alphabet.
        for text in ["MZXW1", "MZXW8", "MZXW0", "MZ-W6", "MZÄW6"] {
            assert_eq!(decode_base32(text), None, "{text}");
        }
        // Lengths 1, 3 and 6 mod 8 cannot end on a byte boundary.
        for text in ["M", "MZX", "MZXW6Y"] {
            assert_eq!(decode_base32(text), None, "{text}");
        }
        // "MZ" is the canonical "f"; "M7" has non-zero padding bits.
        assert_eq!(decode_base32("M7"), None);
    }

    #[test]
    fn base32_round_trips_every_length() {
        for len in 0..=64 {
            let bytes: Vec<u8> = (0..len).map(|_| rand::random::<u8>()).collect();
            let encoded = encode_base32(&bytes);
            assert!(!encoded.contains('='));
            assert_eq!(encoded, encoded.to_ascii_uppercase());
            assert_eq!(decode_base32(&encoded).unwrap(), bytes, "length {len}");
        }
    }

    #[test]
    fn generated_secrets_are_20_random_bytes() {
        let first = generate_secret();
        let second = generate_secret();
        assert_eq!(first.len(), 20);
        assert_eq!(second.len(), 20);
        assert_ne!(first, second);
    }

    #[test]
    fn otpauth_uri_format() {
        assert_eq!(
            otpauth_uri(b"foobar", "ada@example.com", "Event Manager"),
            "otpauth://totp/Event%20Manager:ada%40example.com?secret=MZXW6YTBOI\
             &issuer=Event%20Manager&algorithm=SHA1&digits=6&period=30"
        );
    }

    #[test]
    fn otpauth_uri_escapes_structure_and_non_ascii() {
        let uri = otpauth_uri(b"f", "a:b?c&d=e/f#g", "Zoë's_Events-1.0~");
        assert_eq!(
            uri,
            "otpauth://totp/Zo%C3%AB%27s_Events-1.0~:a%3Ab%3Fc%26d%3De%2Ff%23g?secret=MY\
             &issuer=Zo%C3%AB%27s_Events-1.0~&algorithm=SHA1&digits=6&period=30"
        );
    }

    #[test]
    fn drift_window_is_one_step_each_way() {
        let secret = generate_secret();
        let now = 1_700_000_015;
        let step = step_of(now);
        for offset in [-1i64, 0, 1] {
            let target = step.checked_add_signed(offset).unwrap();
            let code = code_at(&secret, target);
            assert_eq!(
                verify(&secret, &code, now, None),
                Some(target),
                "offset {offset}"
            );
        }
        for offset in [-3i64, -2, 2, 3] {
            let target = step.checked_add_signed(offset).unwrap();
            let code = code_at(&secret, target);
            // A far-off code may collide with one inside the window by chance; skip that case.
            let collides = (step - 1..=step + 1).any(|s| code_at(&secret, s) == code);
            if !collides {
                assert_eq!(verify(&secret, &code, now, None), None, "offset {offset}");
            }
        }
    }

    #[test]
    fn window_at_the_epoch_does_not_underflow() {
        assert_eq!(
            verify(RFC_SECRET, &code_at(RFC_SECRET, 0), 0, None),
            Some(0)
        );
        assert_eq!(
            verify(RFC_SECRET, &code_at(RFC_SECRET, 1), 0, None),
            Some(1)
        );
    }

    #[test]
    fn surrounding_whitespace_is_ignored() {
        assert_eq!(verify(RFC_SECRET, "  287082\n", 59, None), Some(1));
        assert_eq!(verify(RFC_SECRET, "\t287082 ", 59, None), Some(1));
    }

    #[test]
    fn a_code_is_accepted_once() {
        let now = 59;
        let step = verify(RFC_SECRET, "287082", now, None).unwrap();
        assert_eq!(verify(RFC_SECRET, "287082", now, Some(step)), None);
        assert_eq!(verify(RFC_SECRET, "287082", now + 30, Some(step)), None);
    }

    #[test]
    fn older_codes_are_refused_after_a_newer_one() {
        let now = 1_234_567_890;
        let step = step_of(now);
        let newer = code_at(RFC_SECRET, step + 1);
        let used = verify(RFC_SECRET, &newer, now, None).unwrap();
        assert_eq!(used, step + 1);
        assert_eq!(
            verify(RFC_SECRET, &code_at(RFC_SECRET, step), now, Some(used)),
            None
        );
        assert_eq!(
            verify(RFC_SECRET, &code_at(RFC_SECRET, step - 1), now, Some(used)),
            None
        );
    }

    #[test]
    fn later_codes_still_work_after_an_older_one() {
        let now = 1_234_567_890;
        let step = step_of(now);
        let used = verify(RFC_SECRET, &code_at(RFC_SECRET, step - 1), now, None).unwrap();
        assert_eq!(used, step - 1);
        let next = code_at(RFC_SECRET, step);
        assert_eq!(verify(RFC_SECRET, &next, now, Some(used)), Some(step));
    }

    #[test]
    fn malformed_codes_are_refused() {
        // The right code is 287082 at t=59; each of these is close to it but not six digits.
        for code in [
            "",
            "28708",
            "2870820",
            "287 082",
            "28708a",
            "+87082",
            "-87082",
            "287082x",
            "２８７０８２",
            "287082\u{0}",
            "0x1234",
        ] {
            assert_eq!(verify(RFC_SECRET, code, 59, None), None, "{code:?}");
        }
    }

    #[test]
    fn wrong_code_is_refused() {
        assert_eq!(verify(RFC_SECRET, "287083", 59, None), None);
        assert_eq!(verify(b"another secret", "287082", 59, None), None);
    }
}
