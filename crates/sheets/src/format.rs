//! Which reader an upload needs.

/// A spreadsheet file format this crate reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Csv,
    Xlsx,
}

/// Start of every ZIP archive, hence of every XLSX file.
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
/// Start of an OLE2 compound file: the old binary `.xls`, which is not supported.
const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

impl Format {
    /// Decides from the upload's file name, then its content type, then its bytes.
    ///
    /// A ZIP signature always means XLSX, even under a `.csv` name: text cannot start with
    /// those bytes, and browsers and Windows mislabel uploads often enough (a `.csv` is sent as
    /// `application/vnd.ms-excel`, which is therefore not trusted either way). Text without NUL
    /// bytes falls back to CSV. Old `.xls` files and other binaries give `None`.
    pub fn from_name_or_type(
        filename: Option<&str>,
        content_type: Option<&str>,
        bytes: &[u8],
    ) -> Option<Format> {
        if bytes.starts_with(ZIP_MAGIC) {
            return Some(Format::Xlsx);
        }
        if bytes.starts_with(OLE_MAGIC) {
            return None;
        }
        if let Some(format) = filename.and_then(by_extension) {
            return Some(format);
        }
        if let Some(format) = content_type.and_then(by_content_type) {
            return Some(format);
        }
        looks_like_text(bytes).then_some(Format::Csv)
    }

    /// File name extension for downloads.
    pub fn extension(&self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }

    /// Content type for downloads.
    pub fn content_type(&self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

fn by_extension(filename: &str) -> Option<Format> {
    let (_, extension) = filename.trim().rsplit_once('.')?;
    match extension.to_ascii_lowercase().as_str() {
        "csv" | "tsv" | "txt" => Some(Format::Csv),
        "xlsx" | "xlsm" => Some(Format::Xlsx),
        _ => None,
    }
}

fn by_content_type(content_type: &str) -> Option<Format> {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    match essence.as_str() {
        "text/csv" | "application/csv" | "text/tab-separated-values" | "text/plain" => {
            Some(Format::Csv)
        }
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        | "application/vnd.ms-excel.sheet.macroenabled.12" => Some(Format::Xlsx),
        _ => None,
    }
}

/// Text files have no NUL bytes (UTF-16 is recognised by its BOM); binaries nearly always do.
pub(crate) fn looks_like_text(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return true;
    }
    let head = &bytes[..bytes.len().min(8192)];
    !head.contains(&0) && !head.starts_with(b"%PDF")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decides_by_name_type_and_bytes() {
        let csv = b"Name;Menge\r\n".as_slice();
        let zip = b"PK\x03\x04rest".as_slice();
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".as_slice();
        type Case<'a> = (Option<&'a str>, Option<&'a str>, &'a [u8], Option<Format>);
        let cases: &[Case] = &[
            (Some("bom.csv"), None, csv, Some(Format::Csv)),
            (Some("BOM.XLSX"), None, b"not a zip", Some(Format::Xlsx)),
            (Some("bom.csv"), None, zip, Some(Format::Xlsx)),
            (
                None,
                Some("text/csv; charset=utf-8"),
                csv,
                Some(Format::Csv),
            ),
            (
                None,
                Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                b"x",
                Some(Format::Xlsx),
            ),
            (
                None,
                Some("application/vnd.ms-excel"),
                csv,
                Some(Format::Csv),
            ),
            (
                None,
                Some("application/octet-stream"),
                zip,
                Some(Format::Xlsx),
            ),
            (None, None, csv, Some(Format::Csv)),
            (None, None, png, None),
            (Some("image.png"), Some("image/png"), png, None),
            (
                Some("old.xls"),
                None,
                b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0",
                None,
            ),
            (None, None, b"%PDF-1.7", None),
        ];
        for (name, content_type, bytes, expected) in cases {
            assert_eq!(
                Format::from_name_or_type(*name, *content_type, bytes),
                *expected,
                "{name:?} {content_type:?}"
            );
        }
    }
}
