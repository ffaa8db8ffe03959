//! Display names of uploaded files. The name a client sends is shown to people, never used
//! as a storage path (content is stored under a generated key), but it still must not carry
//! anything that misleads a reader or a browser: path components (`../../etc/passwd`),
//! control characters (NUL, newlines that would split a header) or bidirectional overrides
//! that make `invoice\u{202E}fdp.exe` read as `invoiceexe.pdf`.

/// Longest display name kept, in characters.
pub const MAX_CHARS: usize = 255;
/// Extensions up to this length survive shortening.
const MAX_EXTENSION_CHARS: usize = 16;
/// The name of a file whose name had nothing usable.
pub const FALLBACK: &str = "file";

/// Characters that reorder or hide text: bidirectional embeddings, overrides and isolates,
/// the direction marks, and zero-width characters.
fn is_invisible_control(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}'
        | '\u{061C}' | '\u{FEFF}')
}

fn is_unwanted(c: char) -> bool {
    c.is_control() || is_invisible_control(c)
}

/// The display name for an uploaded file's `raw` name: its last path component (browsers
/// on Windows may send `C:\Users\…\plan.pdf`), without control, bidirectional and
/// zero-width characters, trimmed, at most [`MAX_CHARS`] characters with the extension
/// kept; [`FALLBACK`] when nothing is left.
pub fn sanitize(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last.chars().filter(|c| !is_unwanted(*c)).collect();
    let cleaned = cleaned.trim().trim_end_matches('.').trim();
    if cleaned.is_empty() || cleaned.chars().all(|c| c == '.') {
        return FALLBACK.to_owned();
    }
    shorten(cleaned)
}

fn shorten(name: &str) -> String {
    if name.chars().count() <= MAX_CHARS {
        return name.to_owned();
    }
    let extension = name
        .rsplit_once('.')
        .map(|(_, ext)| ext)
        .filter(|ext| !ext.is_empty() && ext.chars().count() <= MAX_EXTENSION_CHARS);
    match extension {
        Some(ext) => {
            let keep = MAX_CHARS - ext.chars().count() - 1;
            let stem: String = name.chars().take(keep).collect();
            format!("{}.{ext}", stem.trim_end())
        }
        None => name.chars().take(MAX_CHARS).collect(),
    }
}

/// Why a new name given by a person (a rename) is refused; `None` when it is fine. Unlike
/// an upload's name, a rename is not silently changed: the person sees what is wrong.
pub fn rename_problem(name: &str) -> Option<&'static str> {
    if name.trim().is_empty() {
        Some("name must not be empty")
    } else if name.chars().count() > MAX_CHARS {
        Some("name must have at most 255 characters")
    } else if name.contains(['/', '\\']) {
        Some("name must not contain / or \\")
    } else if name.chars().any(is_unwanted) {
        Some("name must not contain control or text-direction characters")
    } else if name.trim().chars().all(|c| c == '.') {
        Some("name must not be only dots")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn traversal_and_windows_paths_keep_only_the_last_component() {
        assert_eq!(sanitize("../../etc/passwd"), "passwd");
        assert_eq!(sanitize("..\\..\\boot.ini"), "boot.ini");
        assert_eq!(
            sanitize("C:\\Users\\Ada\\Bühnenplan_Ü.pdf"),
            "Bühnenplan_Ü.pdf"
        );
        assert_eq!(sanitize(".."), FALLBACK);
        assert_eq!(sanitize("/"), FALLBACK);
        assert_eq!(sanitize("plans/"), FALLBACK);
    }

    #[test]
    fn control_and_direction_characters_are_removed() {
        assert_eq!(sanitize("plan\0.pdf"), "plan.pdf");
        assert_eq!(sanitize("a\r\nContent-Type: x.pdf"), "aContent-Type: x.pdf");
        // "invoice\u{202E}fdp.exe" displays as "invoiceexe.pdf" with the override left in.
        assert_eq!(sanitize("invoice\u{202E}fdp.exe"), "invoicefdp.exe");
        assert_eq!(sanitize("\u{200B}\u{FEFF}"), FALLBACK);
        assert_eq!(sanitize("  Rigging plot.pdf  "), "Rigging plot.pdf");
    }

    #[test]
    fn long_names_keep_their_extension() {
        let long = format!("{}.pdf", "x".repeat(1000));
        let short = sanitize(&long);
        assert_eq!(short.chars().count(), MAX_CHARS);
        assert!(short.ends_with(".pdf"));
        let no_ext = "ü".repeat(300);
        assert_eq!(sanitize(&no_ext).chars().count(), MAX_CHARS);
    }

    #[test]
    fn renames_are_checked_not_changed() {
        assert_eq!(rename_problem("Bühnenplan v2.pdf"), None);
        assert!(rename_problem("../x").is_some());
        assert!(rename_problem("a\u{202E}b").is_some());
        assert!(rename_problem("..").is_some());
        assert!(rename_problem(" ").is_some());
    }

    proptest! {
        #[test]
        fn sanitized_names_are_safe(raw in "\\PC{0,400}") {
            let name = sanitize(&raw);
            prop_assert!(!name.is_empty());
            prop_assert!(name.chars().count() <= MAX_CHARS);
            prop_assert!(!name.contains(['/', '\\']));
            prop_assert!(!name.chars().any(is_unwanted));
            prop_assert!(name != "." && name != "..");
        }
    }
}
