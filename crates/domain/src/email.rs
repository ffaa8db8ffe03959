//! Email addresses: a pragmatic syntax check and a canonical (lower-case) form for uniqueness.

use std::fmt;

use crate::validation::FieldError;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    /// One `@`, a non-empty local part, a domain with a dot and sane labels, no spaces,
    /// at most 254 characters (RFC 5321). Stored lower-cased so `A@x.de` and `a@x.de` are
    /// one account.
    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        let value = raw.trim().to_lowercase();
        let invalid = || {
            FieldError::new(
                field,
                "invalid_email",
                format!("{field} must be an email address such as name@example.com"),
            )
        };
        if value.len() > 254 || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(invalid());
        }
        let (local, domain) = value.split_once('@').ok_or_else(invalid)?;
        if local.is_empty()
            || local.len() > 64
            || domain.contains('@')
            || local.starts_with('.')
            || local.ends_with('.')
            || local.contains("..")
        {
            return Err(invalid());
        }
        let labels: Vec<&str> = domain.split('.').collect();
        let label_ok = |l: &&str| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        };
        if labels.len() < 2 || !labels.iter().all(label_ok) {
            return Err(invalid());
        }
        Ok(Email(value))
    }

    /// An optional address: blank means none.
    pub fn parse_optional(field: &str, raw: &str) -> Result<Option<Self>, FieldError> {
        if raw.trim().is_empty() {
            Ok(None)
        } else {
            Self::parse(field, raw).map(Some)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_addresses() {
        assert_eq!(
            Email::parse("email", " Anna.Schmidt@Example.DE ")
                .unwrap()
                .as_str(),
            "anna.schmidt@example.de"
        );
        assert!(Email::parse("email", "ops+festival@büro-müller.de").is_ok());
    }

    #[test]
    fn blank_is_none() {
        assert_eq!(Email::parse_optional("email", "  ").unwrap(), None);
        assert!(Email::parse_optional("email", "x").is_err());
    }

    #[test]
    fn rejects_malformed() {
        for raw in [
            "",
            "anna",
            "anna@",
            "@x.de",
            "anna@x",
            "a b@x.de",
            "a@@x.de",
            "a@x..de",
            "a@-x.de",
            ".a@x.de",
            "a..b@x.de",
        ] {
            assert_eq!(
                Email::parse("email", raw).unwrap_err().code,
                "invalid_email",
                "{raw}"
            );
        }
    }
}
