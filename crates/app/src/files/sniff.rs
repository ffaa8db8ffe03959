//! What a file really is: its MIME type from the content's magic bytes (never the client's
//! word), and the check that refuses a file whose content contradicts what it claims to be
//! when either side is dangerous.
//!
//! Rules, in order:
//! 1. Detection: a known signature (`infer`) wins; otherwise text is sniffed for markup
//!    (HTML, SVG, XML); otherwise valid UTF-8 is `text/plain`, anything else
//!    `application/octet-stream`.
//! 2. Active content — executables, HTML, SVG, JavaScript — is accepted only when the name
//!    and the declared type say so too. A "plan.pdf" that is an executable, or an
//!    "image/png" that is HTML, is refused: such files are how malware is smuggled past
//!    people who trust the icon. (The same holds the other way round: a file declared as
//!    an executable whose content is something else is refused, not guessed at.)
//! 3. A file declared as an image or a PDF (the types shown inline) must be one: another
//!    image format is fine (a `.png` that is really a JPEG is common), a ZIP is not.
//!
//! The stored and served type is always the detected one; active content is only ever
//! served as an attachment (see `files::content`).

/// Bytes looked at for detection.
pub const SNIFF_BYTES: usize = 8192;

/// Types a browser would execute or render with scripts.
fn is_active(mime: &str) -> bool {
    matches!(
        mime,
        "text/html"
            | "application/xhtml+xml"
            | "image/svg+xml"
            | "text/javascript"
            | "application/javascript"
            | "application/x-executable"
            | "application/x-sharedlib"
            | "application/x-mach-binary"
            | "application/x-msdownload"
            | "application/vnd.microsoft.portable-executable"
            | "application/x-elf"
            | "application/vnd.android.package-archive"
            | "application/x-msi"
            | "application/x-sh"
            | "application/x-bat"
    )
}

/// Whether browsers may show this type inline (images without scripts, PDF).
pub fn shows_inline(mime: &str) -> bool {
    matches!(
        mime,
        "image/png" | "image/jpeg" | "image/gif" | "image/webp" | "application/pdf"
    )
}

/// The detected MIME type of content starting with `head`.
pub fn detect(head: &[u8]) -> String {
    if let Some(kind) = infer::get(head) {
        return kind.mime_type().to_owned();
    }
    // A cut-off multi-byte character at the end of the sample is still text.
    let text = match std::str::from_utf8(head) {
        Ok(text) => text,
        Err(e) if e.error_len().is_none() => {
            std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default()
        }
        Err(_) => return "application/octet-stream".to_owned(),
    };
    let start: String = text
        .trim_start_matches('\u{FEFF}')
        .trim_start()
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    let markup = |needle: &str| start.contains(needle);
    if markup("<!doctype html") || markup("<html") || markup("<script") || markup("<body") {
        "text/html".to_owned()
    } else if markup("<svg") {
        "image/svg+xml".to_owned()
    } else if start.starts_with("<?xml") {
        "application/xml".to_owned()
    } else if start.starts_with("#!") {
        "application/x-sh".to_owned()
    } else {
        "text/plain".to_owned()
    }
}

/// The MIME type a file name's extension claims, for the extensions that matter here.
pub fn type_of_extension(name: &str) -> Option<&'static str> {
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match ext.as_str() {
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" | "svgz" => "image/svg+xml",
        "html" | "htm" | "xhtml" => "text/html",
        "js" | "mjs" => "text/javascript",
        "exe" | "dll" | "com" | "scr" => "application/vnd.microsoft.portable-executable",
        "msi" => "application/x-msi",
        "apk" => "application/vnd.android.package-archive",
        "sh" => "application/x-sh",
        "bat" | "cmd" => "application/x-bat",
        "txt" => "text/plain",
        "csv" => "text/csv",
        "zip" => "application/zip",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "mp4" => "video/mp4",
        "mov" => "video/quicktime",
        _ => return None,
    })
}

/// Executables come in many flavours; they count as one kind here.
fn family(mime: &str) -> &str {
    match mime {
        "application/x-executable"
        | "application/x-sharedlib"
        | "application/x-mach-binary"
        | "application/x-msdownload"
        | "application/vnd.microsoft.portable-executable"
        | "application/x-elf"
        | "application/x-msi" => "executable",
        "application/xhtml+xml" => "text/html",
        "application/javascript" => "text/javascript",
        m if m.starts_with("image/") && m != "image/svg+xml" => "image",
        m => m,
    }
}

/// Checks the detected type against what the name and the declared `Content-Type` claim.
/// `Err` carries the sentence for the person who uploaded the file.
pub fn check(detected: &str, file_name: &str, declared: Option<&str>) -> Result<(), String> {
    let declared = declared
        .map(|d| {
            d.split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
        })
        .filter(|d| !d.is_empty() && d != "application/octet-stream");
    let claims: Vec<&str> = type_of_extension(file_name)
        .into_iter()
        .chain(declared.as_deref())
        .collect();
    for claim in claims {
        let differs = family(claim) != family(detected);
        if differs && (is_active(claim) || is_active(detected)) {
            return Err(format!(
                "the content is {detected}, not the {claim} its name or type claims"
            ));
        }
        if differs && shows_inline(claim) {
            return Err(format!("the content is {detected}, not {claim}"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PDF: &[u8] = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n";
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";
    const JPEG: &[u8] = b"\xff\xd8\xff\xe0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0";
    const ELF: &[u8] = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0\x3e\0\x01\0\0\0";
    const PE: &[u8] = b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0";

    #[test]
    fn detection_reads_content_not_names() {
        assert_eq!(detect(PDF), "application/pdf");
        assert_eq!(detect(PNG), "image/png");
        assert_eq!(detect(JPEG), "image/jpeg");
        assert_eq!(
            detect(b"<!DOCTYPE html><html><script>alert(1)</script>"),
            "text/html"
        );
        assert_eq!(
            detect(b"  <svg xmlns='http://www.w3.org/2000/svg'>"),
            "image/svg+xml"
        );
        assert_eq!(detect("Bühnenplan;Menge\n".as_bytes()), "text/plain");
        assert_eq!(
            detect(&[0, 159, 146, 150, 1, 2]),
            "application/octet-stream"
        );
        // A multi-byte character cut at the end of the sample is still text.
        assert_eq!(detect(&"Bühne".as_bytes()[..2]), "text/plain");
    }

    #[test]
    fn honest_files_pass() {
        assert!(
            check(
                "application/pdf",
                "Bühnenplan_Ü.pdf",
                Some("application/pdf")
            )
            .is_ok()
        );
        assert!(check("image/jpeg", "photo.jpg", None).is_ok());
        // A PNG named .jpg is another image: served as what it is.
        assert!(check("image/png", "photo.jpg", Some("image/jpeg")).is_ok());
        // Declared as HTML and is HTML: accepted, only ever served as an attachment.
        assert!(check("text/html", "rider.html", Some("text/html")).is_ok());
        assert!(check("text/plain", "notes", Some("application/octet-stream")).is_ok());
        assert!(check("text/plain", "list.csv", Some("text/csv; charset=utf-8")).is_ok());
    }

    #[test]
    fn contradictions_with_dangerous_types_are_refused() {
        // An executable posing as a PDF or an image.
        assert!(check(&detect(ELF), "contract.pdf", Some("application/pdf")).is_err());
        assert!(check(&detect(PE), "logo.png", None).is_err());
        // HTML posing as an image (stored XSS via inline display).
        assert!(check("text/html", "avatar.png", Some("image/png")).is_err());
        assert!(check("image/svg+xml", "plan.pdf", None).is_err());
        // Declared as an executable but something else: refused, not guessed at.
        assert!(check("application/zip", "setup.exe", None).is_err());
        // A "PDF" that is a ZIP.
        assert!(check("application/zip", "plan.pdf", None).is_err());
    }
}
