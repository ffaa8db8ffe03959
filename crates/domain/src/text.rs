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
