//! XLSX bytes to a [`Grid`], from the first visible worksheet.
//!
//! Cells are streamed (calamine's cell reader) instead of loading a dense `Range`, whose memory
//! is the bounding box: one stray value in XFD1048576 would allocate billions of cells.
//! Formula cells yield their cached result, which is what Excel shows and what our own exports
//! store next to every formula. Merged cells hold their value in the top-left cell only, so a
//! merged title or header cell simply occupies its first column.

use std::io::Cursor;

use calamine::{DataRef, Reader, SheetType, SheetVisible, Xlsx, XlsxError};

use super::ReadError;
use super::grid::{Cell, Grid, RawRow};

/// Reads the first worksheet; more than `row_cap` non-empty rows is
/// [`ReadError::TooManyRows`] with `limit`.
pub(crate) fn grid(bytes: &[u8], row_cap: usize, limit: usize) -> Result<Grid, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Unreadable("The file is empty.".into()));
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return Err(ReadError::Unreadable(
            "Old Excel .xls files are not supported; please save the file as .xlsx or .csv.".into(),
        ));
    }
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(unreadable)?;
    let sheets = workbook.sheets_metadata();
    let worksheets = || sheets.iter().filter(|s| s.typ == SheetType::WorkSheet);
    let name = worksheets()
        .find(|s| s.visible == SheetVisible::Visible)
        .or_else(|| worksheets().next())
        .map(|s| s.name.clone())
        .ok_or_else(|| ReadError::Unreadable("The workbook has no worksheet.".into()))?;

    let mut reader = workbook.worksheet_cells_reader(&name).map_err(unreadable)?;
    // (row, column, cell) in document order, which is row-major in every sane file.
    let mut cells: Vec<(u32, u32, Cell)> = Vec::new();
    let mut rows_seen = 0usize;
    let mut last_row = None;
    while let Some(cell) = reader.next_cell().map_err(unreadable)? {
        let (row, column) = cell.get_position();
        let Some(value) = convert(cell.get_value()) else {
            continue;
        };
        if last_row != Some(row) {
            last_row = Some(row);
            rows_seen += 1;
            if rows_seen > row_cap {
                return Err(ReadError::TooManyRows { limit });
            }
        }
        cells.push((row, column, value));
    }
    drop(reader);
    Ok(Grid {
        rows: group_rows(cells),
        delimiter: None,
    })
}

fn unreadable(error: XlsxError) -> ReadError {
    ReadError::Unreadable(format!("The XLSX file could not be read: {error}"))
}

/// A cell's value in intermediate form; `None` for empty cells.
fn convert(value: &DataRef<'_>) -> Option<Cell> {
    let cell = match value {
        DataRef::Empty => return None,
        DataRef::String(text) => Cell::Text(text.trim().to_owned()),
        DataRef::SharedString(text) => Cell::Text(text.trim().to_owned()),
        // Shortest round-trip rendering: 1234.5 -> "1234.5", 3.0 -> "3", never an exponent.
        DataRef::Float(number) => Cell::Number(number.to_string()),
        DataRef::Int(number) => Cell::Number(number.to_string()),
        // A number whose format looks like a date. A BOM rarely holds dates, while a custom
        // money format occasionally fools the date detection, so keep the number.
        DataRef::DateTime(date) => Cell::Number(date.as_f64().to_string()),
        DataRef::DateTimeIso(text) | DataRef::DurationIso(text) => Cell::Text(text.clone()),
        DataRef::Bool(flag) => Cell::Text(flag.to_string()),
        DataRef::Error(error) => Cell::Text(error.to_string()),
    };
    (!cell.raw().is_empty()).then_some(cell)
}

/// Groups cells into rows (1-based line numbers), sorting only if the file was not row-major.
fn group_rows(mut cells: Vec<(u32, u32, Cell)>) -> Vec<RawRow> {
    if !cells.is_sorted_by_key(|(row, column, _)| (*row, *column)) {
        cells.sort_by_key(|(row, column, _)| (*row, *column));
    }
    let mut rows: Vec<RawRow> = Vec::new();
    for (row, column, cell) in cells {
        let line = row as usize + 1;
        let column = column as usize;
        match rows.last_mut() {
            Some(last) if last.line == line => last.cells.push((column, cell)),
            _ => rows.push(RawRow {
                line,
                cells: vec![(column, cell)],
            }),
        }
    }
    rows
}
