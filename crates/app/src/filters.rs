//! Query-string filters shared by the production lists: comma-separated choices.

use eventmgr_domain::Status;

use crate::AppError;

/// `status=A,B` as validated wire names of `S`; 400 naming the choices otherwise.
pub(crate) fn statuses<S: Status>(raw: Option<&str>) -> Result<Vec<String>, AppError> {
    list(raw, |s| {
        S::parse("status", s)
            .map(|s| s.as_str().to_owned())
            .map_err(|e| e.message)
    })
}

/// `type=A,B` as members of `allowed`.
pub(crate) fn choices(
    field: &str,
    raw: Option<&str>,
    allowed: &[&'static str],
) -> Result<Vec<String>, AppError> {
    list(raw, |s| {
        eventmgr_domain::kinds::one_of(field, s, allowed)
            .map(str::to_owned)
            .map_err(|e| e.message)
    })
}

fn list(
    raw: Option<&str>,
    parse: impl Fn(&str) -> Result<String, String>,
) -> Result<Vec<String>, AppError> {
    raw.unwrap_or_default()
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|s| parse(s).map_err(AppError::BadRequest))
        .collect()
}
