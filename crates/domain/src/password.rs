//! Password policy: long enough and not one of the passwords attackers try first.

use crate::validation::FieldError;

pub const MIN_LENGTH: usize = 10;
pub const MAX_LENGTH: usize = 256;

/// The most common passwords of at least `MIN_LENGTH` characters from public breach
/// corpora (shorter ones already fail the length rule). Compared case-insensitively.
const COMMON: &[&str] = &[
    "1234567890",
    "12345678910",
    "123456789a",
    "1q2w3e4r5t",
    "1qaz2wsx3edc",
    "abcdefghij",
    "aa12345678",
    "abc1234567",
    "abcd123456",
    "admin12345",
    "administrator",
    "asdfghjkl1",
    "baseball123",
    "dragon1234",
    "football123",
    "iloveyou12",
    "letmein123",
    "michael123",
    "monkey1234",
    "password01",
    "password1!",
    "password12",
    "password123",
    "password1234",
    "passw0rd123",
    "princess12",
    "q1w2e3r4t5",
    "q1w2e3r4t5y6",
    "qazwsxedc1",
    "qazwsxedcrfv",
    "qwerty1234",
    "qwerty12345",
    "qwerty123456",
    "qwertyuiop",
    "qwertyuiop1",
    "starwars12",
    "sunshine12",
    "superman12",
    "trustno1234",
    "welcome123",
    "welcome1234",
    "zaq12wsxcde",
    "0987654321",
    "1111111111",
    "0000000000",
    "1234512345",
    "9876543210",
    "passwort123",
    "passwort1234",
    "hallo12345",
    "hallo123456",
    "schalke0404",
    "ichliebedich",
    "fussball123",
    "eventmanager",
    "changeme123",
    "changemenow",
    "secret1234",
    "letmein1234",
    "1234qwer",
    "12345qwert",
    "123456qwerty",
    "qwertzuiop",
    "asdfghjklö",
    "master12345",
    "login12345",
    "access1234",
    "whatever12",
    "p@ssw0rd123",
    "p@ssword123",
    "Password1!",
];

/// Checks a new password against the policy; the error never echoes the password.
pub fn check(field: &str, password: &str) -> Result<(), FieldError> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        return Err(FieldError::new(
            field,
            "too_short",
            format!("{field} must have at least {MIN_LENGTH} characters"),
        ));
    }
    if length > MAX_LENGTH {
        return Err(FieldError::new(
            field,
            "too_long",
            format!("{field} must have at most {MAX_LENGTH} characters"),
        ));
    }
    let lower = password.to_lowercase();
    if COMMON.iter().any(|c| c.to_lowercase() == lower) {
        return Err(FieldError::new(
            field,
            "too_common",
            format!("{field} is one of the most common passwords; choose another"),
        ));
    }
    let first = password.chars().next();
    if password.chars().all(|c| Some(c) == first) {
        return Err(FieldError::new(
            field,
            "too_common",
            format!("{field} repeats one character; choose another"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy() {
        assert_eq!(check("password", "short").unwrap_err().code, "too_short");
        assert_eq!(
            check("password", "Password123").unwrap_err().code,
            "too_common"
        );
        assert_eq!(
            check("password", "QWERTYUIOP").unwrap_err().code,
            "too_common"
        );
        assert_eq!(
            check("password", "zzzzzzzzzzzz").unwrap_err().code,
            "too_common"
        );
        assert!(check("password", "Bühnenaufbau-2026").is_ok());
        assert!(
            !check("password", "short")
                .unwrap_err()
                .message
                .contains("short")
        );
    }
}
