//! The Level column: either a depth ("1", "2", "3") or an outline number ("1", "1.2", "1.2.3").
//!
//! The two notations disagree on a plain "2": as a depth it is a child, as an outline number it
//! is the second top-level item. A single value cannot tell them apart, so the reader detects
//! the notation once per file ([`crate::Sheet::level_notation`]: any value with a dot means
//! outline numbers) and [`parse_level_with`] applies it; [`parse_level`] is the per-value
//! guess for callers without a sheet.

/// How a file writes its Level column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LevelNotation {
    /// "1" = top level, "2" = child of the last "1", ...
    Depth,
    /// "1", "1.2", "1.2.3": the depth is the number of parts.
    Outline,
}

impl LevelNotation {
    /// Outline numbers if any value has a dot (a depth never does), depth otherwise.
    pub fn detect<'a>(values: impl IntoIterator<Item = &'a str>) -> LevelNotation {
        if values.into_iter().any(|v| v.trim().contains('.')) {
            LevelNotation::Outline
        } else {
            LevelNotation::Depth
        }
    }
}

/// Depth of one Level value, 1 = top level: "1" → 1, "2" → 2, and outline numbers by their
/// number of parts: "1.2" → 2 (not 1.2, and not 12), "1.2.3" → 3, "3." → 1. `None` for
/// anything else ("0", "", "a", "1..2").
pub fn parse_level(raw: &str) -> Option<u32> {
    parse_level_with(raw, LevelNotation::detect([raw]))
}

/// Depth of a Level value in a file whose notation is known (see [`LevelNotation::detect`]).
pub fn parse_level_with(raw: &str, notation: LevelNotation) -> Option<u32> {
    let text = raw.trim();
    match notation {
        LevelNotation::Depth => {
            let depth: u32 = digits(text)?.parse().ok()?;
            (depth >= 1).then_some(depth)
        }
        LevelNotation::Outline => {
            // A trailing dot is common in outline numbering ("1.", "2.3.").
            let text = text.strip_suffix('.').unwrap_or(text);
            let mut parts = 0u32;
            for part in text.split('.') {
                digits(part)?;
                parts = parts.checked_add(1)?;
            }
            Some(parts)
        }
    }
}

fn digits(text: &str) -> Option<&str> {
    (!text.is_empty() && text.len() <= 9 && text.chars().all(|c| c.is_ascii_digit()))
        .then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_depths_and_outline_numbers() {
        let cases = [
            ("1", Some(1)),
            ("2", Some(2)),
            (" 3 ", Some(3)),
            ("1.2", Some(2)),
            ("1.2.3", Some(3)),
            ("10.20.30.4", Some(4)),
            ("3.", Some(1)),
            ("2.3.", Some(2)),
            ("0", None),
            ("", None),
            ("a", None),
            ("1..2", None),
            (".1", None),
            ("1.a", None),
            ("-1", None),
            ("1,2", None),
            ("99999999999", None),
        ];
        for (raw, expected) in cases {
            assert_eq!(parse_level(raw), expected, "level {raw:?}");
        }
    }

    #[test]
    fn notation_is_decided_per_file() {
        let values = ["1", "1.1", "2", "2.1"];
        let notation = LevelNotation::detect(values);
        assert_eq!(notation, LevelNotation::Outline);
        // In an outline file, "2" is the second top-level item, not a child.
        assert_eq!(parse_level_with("2", notation), Some(1));
        assert_eq!(parse_level_with("2.1", notation), Some(2));
        assert_eq!(LevelNotation::detect(["1", "2", "3"]), LevelNotation::Depth);
        assert_eq!(parse_level_with("2", LevelNotation::Depth), Some(2));
    }
}
