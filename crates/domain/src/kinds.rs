//! Fixed vocabularies of the production records: permit types, transport types and
//! priorities.

use crate::validation::FieldError;

/// Authority approvals an event typically needs (German practice in brackets).
pub const PERMIT_TYPES: [&str; 7] = [
    "ASSEMBLY",            // Versammlungsstättengenehmigung
    "FIRE_SAFETY",         // Brandschutz
    "NOISE",               // Lärmschutz-Ausnahmegenehmigung
    "ROAD_CLOSURE",        // Straßensperrung / Sondernutzung
    "ALCOHOL",             // Gaststättenrechtliche Gestattung
    "TEMPORARY_STRUCTURE", // Fliegende Bauten
    "OTHER",
];

/// Kinds of transports.
pub const TRANSPORT_TYPES: [&str; 4] = ["DELIVERY", "PICKUP", "TRANSFER", "RETURN"];

/// Priorities of tasks and kanban cards, lowest first (the order `sort=priority` uses).
pub const PRIORITIES: [&str; 4] = ["LOW", "MEDIUM", "HIGH", "CRITICAL"];

/// `raw` (any case) as one of `allowed`.
pub fn one_of(
    field: &str,
    raw: &str,
    allowed: &[&'static str],
) -> Result<&'static str, FieldError> {
    let wanted = raw.trim().to_ascii_uppercase();
    allowed
        .iter()
        .find(|k| **k == wanted)
        .copied()
        .ok_or_else(|| {
            FieldError::new(
                field,
                "invalid_choice",
                format!("{field} must be one of {}", allowed.join(", ")),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices() {
        assert_eq!(
            one_of("t", "fire_safety", &PERMIT_TYPES).unwrap(),
            "FIRE_SAFETY"
        );
        let err = one_of("t", "TRUCK", &TRANSPORT_TYPES).unwrap_err();
        assert_eq!(
            err.message,
            "t must be one of DELIVERY, PICKUP, TRANSFER, RETURN"
        );
    }
}
