//! CSV bytes to a [`Grid`]: encoding, delimiter, quoting.
//!
//! Encoding: a BOM decides (UTF-8, or UTF-16 from Excel's "Unicode text"); otherwise valid
//! UTF-8 is UTF-8 and anything else is Windows-1252, which is what Excel on a German Windows
//! writes for "CSV (Trennzeichen-getrennt)". Latin-1 files decode identically for letters.
//!
//! Delimiter: each of `;`, `,` and tab is tried on the first rows, and the one under which a
//! header row names the most known columns wins (ties: more fields in that row). Counting
//! delimiters alone is fooled by headers such as `Preis (€, netto)`; the header itself is not.

use std::borrow::Cow;

use encoding_rs::{Encoding, WINDOWS_1252};

use crate::format::looks_like_text;
use crate::injection::unescape;

use super::ReadError;
use super::grid::{Cell, Grid, RawRow};
use super::header::{HEADER_SCAN_ROWS, header_score};

const DELIMITERS: [u8; 3] = [b';', b',', b'\t'];

/// Reads a CSV file; more than `row_cap` non-empty rows is [`ReadError::TooManyRows`] with
/// `limit` (checked while reading, so a huge file is not held twice).
pub(crate) fn grid(bytes: &[u8], row_cap: usize, limit: usize) -> Result<Grid, ReadError> {
    let text = decode(bytes)?;
    let delimiter = detect_delimiter(&text);
    let mut rows = Vec::new();
    let mut lines = LineCounter::default();
    for record in reader(&text, delimiter).records() {
        let record = record.map_err(|e| ReadError::Unreadable(format!("Invalid CSV: {e}")))?;
        let offset = record
            .position()
            .map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX));
        let line = lines.line_of_record_at(text.as_bytes(), offset);
        let cells: Vec<(usize, Cell)> = record
            .iter()
            .enumerate()
            .filter_map(|(index, field)| {
                let text = unescape(field.trim());
                (!text.is_empty()).then(|| (index, Cell::Text(text.to_owned())))
            })
            .collect();
        if cells.is_empty() {
            continue;
        }
        if rows.len() >= row_cap {
            return Err(ReadError::TooManyRows { limit });
        }
        rows.push(RawRow { line, cells });
    }
    Ok(Grid {
        rows,
        delimiter: Some(delimiter),
    })
}

/// Line numbers of records, counted incrementally (records come in file order, so the whole
/// file is scanned once).
///
/// The csv crate's own `Position::line` is where the reader stood *before* the record, i.e.
/// before the rest of a CRLF and before skipped blank lines, so it can be a few lines short.
#[derive(Default)]
struct LineCounter {
    offset: usize,
    /// Newlines before `offset`.
    newlines: usize,
}

impl LineCounter {
    /// 1-based line of the record whose parsing started at byte `offset`.
    fn line_of_record_at(&mut self, text: &[u8], offset: usize) -> usize {
        // The record itself starts after any line breaks (blank lines are skipped).
        let start = offset
            + text
                .get(offset..)
                .unwrap_or_default()
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count();
        let end = start.min(text.len());
        if end > self.offset {
            // `end` never splits a CRLF: the skip above consumed every CR and LF.
            self.newlines += count_line_breaks(&text[self.offset..end]);
            self.offset = end;
        }
        self.newlines + 1
    }
}

/// LF, CRLF and lone CR (old Mac files) each end a line.
fn count_line_breaks(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count()
}

fn reader(text: &str, delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes())
}

fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, ReadError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ReadError::Unreadable("The file is empty.".into()));
    }
    if !looks_like_text(bytes) {
        return Err(ReadError::Unreadable(
            "The file is neither a CSV text file nor an XLSX workbook.".into(),
        ));
    }
    let text = match Encoding::for_bom(bytes) {
        Some((encoding, bom_length)) => {
            encoding.decode_without_bom_handling(&bytes[bom_length..]).0
        }
        None => match std::str::from_utf8(bytes) {
            Ok(text) => Cow::Borrowed(text),
            Err(_) => WINDOWS_1252.decode_without_bom_handling(bytes).0,
        },
    };
    if text.contains('\0') {
        return Err(ReadError::Unreadable(
            "The file is neither a CSV text file nor an XLSX workbook.".into(),
        ));
    }
    Ok(text)
}

fn detect_delimiter(text: &str) -> u8 {
    let mut best = (DELIMITERS[0], (0, 0));
    for delimiter in DELIMITERS {
        let score = delimiter_score(text, delimiter);
        if score > best.1 {
            best = (delimiter, score);
        }
    }
    best.0
}

/// (known header columns, fields) of the header row under this delimiter, or (0, fields of the
/// first non-empty row) when none of the first rows is a header.
fn delimiter_score(text: &str, delimiter: u8) -> (usize, usize) {
    let mut first = None;
    let records = reader(text, delimiter)
        .into_records()
        .map_while(Result::ok)
        // Rows of empty fields (";;;") still show the delimiter, so they count here.
        .filter(|r| r.len() > 1 || r.iter().any(|f| !f.trim().is_empty()))
        .take(HEADER_SCAN_ROWS);
    for record in records {
        let fields = record.len();
        let known = header_score(record.iter());
        if known >= 2 {
            return (known, fields);
        }
        first.get_or_insert(fields);
    }
    (0, first.unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(grid: &Grid) -> Vec<(usize, Vec<(usize, &str)>)> {
        grid.rows
            .iter()
            .map(|r| (r.line, r.cells.iter().map(|(i, c)| (*i, c.raw())).collect()))
            .collect()
    }

    #[test]
    fn picks_the_delimiter_of_the_header() {
        assert_eq!(
            detect_delimiter("Bezeichnung;Menge;Preis (€, netto)\r\nA;1;2,5\r\n"),
            b';'
        );
        assert_eq!(
            detect_delimiter("Name,Quantity,Unit price\n\"A; B\",1,\"1,234.50\"\n"),
            b','
        );
        assert_eq!(detect_delimiter("Name\tMenge\tEinheit\nA\t1\tStk\n"), b'\t');
        assert_eq!(detect_delimiter("Title only\n\nName,Menge\n"), b',');
    }

    #[test]
    fn keeps_file_line_numbers_across_blank_and_multiline_rows() {
        let grid = grid(b"Name;Menge\n\n\"Zwei\nZeilen\";1\n;;\nC;3\n", 100, 100).unwrap();
        assert_eq!(
            texts(&grid),
            vec![
                (1, vec![(0, "Name"), (1, "Menge")]),
                (3, vec![(0, "Zwei\nZeilen"), (1, "1")]),
                (6, vec![(0, "C"), (1, "3")]),
            ]
        );
    }

    #[test]
    fn counts_crlf_and_lone_cr_line_endings() {
        for text in ["Name;Menge\r\n\r\nA;1\r\n", "Name;Menge\r\rA;1\r"] {
            let grid = grid(text.as_bytes(), 100, 100).unwrap();
            assert_eq!(grid.rows[1].line, 3, "{text:?}");
        }
    }

    #[test]
    fn decodes_utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Name\tMenge\r\nBühne\t1\r\n".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let grid = grid(&bytes, 100, 100).unwrap();
        assert_eq!(grid.delimiter, Some(b'\t'));
        assert_eq!(texts(&grid)[1], (2, vec![(0, "Bühne"), (1, "1")]));
    }

    #[test]
    fn row_cap_stops_reading() {
        let err = grid(b"Name;Menge\nA;1\nB;2\n", 2, 1).unwrap_err();
        assert_eq!(err, ReadError::TooManyRows { limit: 1 });
    }
}
