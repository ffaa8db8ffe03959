//! The format-neutral intermediate form both readers produce: non-empty rows of non-empty cells.
//!
//! Sparse on purpose: an XLSX row can have a stray cell in column XFD, and memory must follow
//! the number of filled cells, not the bounding box.

/// One non-empty cell.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    /// Text, trimmed; for CSV already without the formula-injection prefix.
    Text(String),
    /// A numeric XLSX cell in canonical point notation ("1234.5", "3", "-0.25"): its decimal
    /// separator is only settled once the file's style is known.
    Number(String),
}

impl Cell {
    pub fn text(&self) -> Option<&str> {
        match self {
            Cell::Text(text) => Some(text),
            Cell::Number(_) => None,
        }
    }

    pub fn raw(&self) -> &str {
        match self {
            Cell::Text(text) | Cell::Number(text) => text,
        }
    }
}

/// One row with at least one non-empty cell.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RawRow {
    /// 1-based row number as shown by Excel or a text editor.
    pub line: usize,
    /// (0-based physical column, cell), ascending by column.
    pub cells: Vec<(usize, Cell)>,
}

/// A whole file in intermediate form.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Grid {
    pub rows: Vec<RawRow>,
    /// CSV delimiter, `None` for XLSX.
    pub delimiter: Option<u8>,
}
