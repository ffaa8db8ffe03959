//! Field-level validation errors, collected so that one answer names every bad field at once.

use serde::Serialize;

/// One rejected field: which one, a stable machine code, and a sentence for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub code: &'static str,
    pub message: String,
    /// For errors in an uploaded spreadsheet: the row as the user sees it (1-based, the
    /// header row included); `field` is then the column's header as written in the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<usize>,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            code,
            message: message.into(),
            row: None,
        }
    }

    /// The same error, located in row `row` of an uploaded sheet.
    pub fn at_row(mut self, row: usize) -> Self {
        self.row = Some(row);
        self
    }
}

/// Collects field errors while a request is parsed; `finish` yields them all or `Ok`.
#[derive(Debug, Default)]
pub struct Validator {
    errors: Vec<FieldError>,
}

impl Validator {
    pub fn new() -> Self {
        Self::default()
    }

    /// Keeps the value of a successful parse, records the error of a failed one.
    pub fn check<T>(&mut self, result: Result<T, FieldError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.errors.push(error);
                None
            }
        }
    }

    /// Like [`Validator::check`] for optional input: `None` stays `None` without an error.
    pub fn check_opt<T, U>(
        &mut self,
        input: Option<U>,
        parse: impl FnOnce(U) -> Result<T, FieldError>,
    ) -> Option<Option<T>> {
        match input {
            None => Some(None),
            Some(raw) => self.check(parse(raw)).map(Some),
        }
    }

    /// Parses an optional field whose parser may also find "nothing" (a blank string): absent,
    /// blank and invalid all give `None`, and an invalid value is recorded for `finish`.
    pub fn optional<T>(
        &mut self,
        raw: Option<&str>,
        parse: impl FnOnce(&str) -> Result<Option<T>, FieldError>,
    ) -> Option<T> {
        raw.and_then(|raw| self.check(parse(raw)).flatten())
    }

    pub fn push(&mut self, error: FieldError) {
        self.errors.push(error);
    }

    pub fn is_ok(&self) -> bool {
        self.errors.is_empty()
    }

    pub fn finish(self) -> Result<(), Vec<FieldError>> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(self.errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_every_error() {
        let mut v = Validator::new();
        assert_eq!(v.check::<u8>(Err(FieldError::new("a", "x", "bad a"))), None);
        assert_eq!(v.check(Ok(3)), Some(3));
        v.push(FieldError::new("b", "y", "bad b"));
        let errors = v.finish().unwrap_err();
        assert_eq!(
            errors.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(),
            ["a", "b"]
        );
    }

    #[test]
    fn optional_none_is_fine() {
        let mut v = Validator::new();
        let r: Option<Option<u8>> =
            v.check_opt(None::<&str>, |_| Err(FieldError::new("a", "x", "")));
        assert_eq!(r, Some(None));
        assert!(v.finish().is_ok());
    }
}
