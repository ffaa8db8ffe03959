//! CSV formula-injection defence (OWASP "CSV Injection") and its exact inverse for re-import.
//!
//! Excel evaluates a CSV cell starting with `=`, `+`, `-`, `@`, tab or CR as a formula, so the
//! exporter prefixes such text with `'`. The reader removes that one `'` again. To keep the
//! round trip exact for text that itself starts with apostrophes before such a character
//! (`'=x`), the prefix is added whenever the text after its leading apostrophes starts with a
//! trigger, and removed under the same condition.
//!
//! Only CSV needs this: XLSX text cells are stored as strings and never evaluated.

const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fn needs_prefix(text: &str) -> bool {
    text.trim_start_matches('\'').starts_with(TRIGGERS)
}

/// Text as it must be written into a CSV cell.
pub(crate) fn escape(text: &str) -> String {
    if needs_prefix(text) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// The text of a CSV cell written by [`escape`] (and any cell a user protected the same way).
pub(crate) fn unescape(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_prefix(rest) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_triggers_and_round_trips() {
        let cases = [
            ("=SUM(A1:A2)", "'=SUM(A1:A2)"),
            ("+49 170", "'+49 170"),
            ("-minus", "'-minus"),
            ("@cmd", "'@cmd"),
            ("\tTab", "'\tTab"),
            ("\rCR", "'\rCR"),
            ("'=x", "''=x"),
            ("'plain", "'plain"),
            ("Bühne", "Bühne"),
            ("a=b", "a=b"),
            ("", ""),
            ("'", "'"),
        ];
        for (text, written) in cases {
            assert_eq!(escape(text), written, "escape {text:?}");
            assert_eq!(unescape(written), text, "unescape {written:?}");
        }
    }
}
