//! Bounded, trimmed text fields: names, titles, descriptions.

use crate::validation::FieldError;

/// A required single-line text: trimmed, non-empty, at most `max` characters.
pub fn required(field: &str, raw: &str, max: usize) -> Result<String, FieldError> {
    let value = raw.trim();
    if value.is_empty() {
        return Err(FieldError::new(
            field,
            "required",
            format!("{field} must not be empty"),
        ));
    }
    bounded(field, value, max)
}

/// An optional text: trimmed; an empty string means "none".
pub fn optional(field: &str, raw: &str, max: usize) -> Result<Option<String>, FieldError> {
    let value = raw.trim();
    if value.is_empty() {
        Ok(None)
    } else {
        bounded(field, value, max).map(Some)
    }
}

/// An optional phone number, kept as the person wrote it (people write numbers many ways);
/// only its length and characters are checked.
pub fn phone(field: &str, raw: &str) -> Result<Option<String>, FieldError> {
    let value = optional(field, raw, 50)?;
    if let Some(number) = &value
        && !number
            .chars()
            .all(|c| c.is_ascii_digit() || " +-()/.".contains(c))
    {
        return Err(FieldError::new(
            field,
            "invalid_phone",
            format!("{field} may contain digits, spaces and + - ( ) / . only"),
        ));
    }
    Ok(value)
}

fn bounded(field: &str, value: &str, max: usize) -> Result<String, FieldError> {
    if value.chars().count() > max {
        return Err(FieldError::new(
            field,
            "too_long",
            format!("{field} must be at most {max} characters"),
        ));
    }
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
    {
        return Err(FieldError::new(
            field,
            "invalid_characters",
            format!("{field} contains control characters"),
        ));
    }
    Ok(value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_bounds() {
        assert_eq!(required("name", "  Gala  ", 10).unwrap(), "Gala");
        assert_eq!(required("name", "   ", 10).unwrap_err().code, "required");
        assert_eq!(required("name", "ÄÖÜäöüßéèê", 10).unwrap(), "ÄÖÜäöüßéèê");
        assert_eq!(
            required("name", "ÄÖÜäöüßéèêx", 10).unwrap_err().code,
            "too_long"
        );
        assert_eq!(
            required("name", "a\u{0}b", 10).unwrap_err().code,
            "invalid_characters"
        );
        assert_eq!(optional("notes", " ", 10).unwrap(), None);
        assert_eq!(
            optional("notes", "line\nline", 10).unwrap().as_deref(),
            Some("line\nline")
        );
    }
}

#[cfg(test)]
mod phone_tests {
    use super::phone;

    #[test]
    fn phones_are_kept_as_written() {
        assert_eq!(
            phone("phone", " +49 (221) 555-12 ").unwrap().as_deref(),
            Some("+49 (221) 555-12")
        );
        assert_eq!(phone("phone", "").unwrap(), None);
        assert_eq!(phone("phone", "call me").unwrap_err().code, "invalid_phone");
        assert_eq!(
            phone("phone", &"1".repeat(51)).unwrap_err().code,
            "too_long"
        );
    }
}
