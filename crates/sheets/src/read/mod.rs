//! Reading an uploaded BOM sheet into canonical columns.
//!
//! Steps: bytes → a format-neutral grid (format-specific) → header row → column layout → data rows →
//! decimal style → cell strings. Every step is linear in the number of filled cells.
//!
//! Rows skipped on purpose, keeping the file's line numbers for the rest:
//! - rows without any value in a recognised column (blank spacer lines, `;;;;`, trailing rows);
//! - grand total rows: Level and Quantity empty and Name "Total", "Grand total", "Summe",
//!   "Gesamt", "Gesamtsumme" or "Gesamtbetrag" (our XLSX export writes one; so do most
//!   hand-made sheets), because importing it would double every cost.

mod csv;
mod grid;
mod header;
mod style;
mod xlsx;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::column::Column;
use crate::decimal::DecimalStyle;
use crate::format::Format;
use crate::level::LevelNotation;

use grid::{Cell, RawRow};
use header::HEADER_SCAN_ROWS;

/// A read sheet: which physical column is which canonical column, and the data rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// (0-based physical column index, canonical column), ascending by index.
    pub columns: Vec<(usize, Column)>,
    /// Header texts not mapped to a column: unknown names and repeated columns.
    pub ignored_headers: Vec<String>,
    /// Line of the header row (1-based, as the user sees it).
    pub header_line: usize,
    pub rows: Vec<SheetRow>,
    /// How numbers in this file are written; pass it to [`crate::parse_decimal`]. Numeric XLSX
    /// cells are already rendered in this style.
    pub decimal_style: DecimalStyle,
    /// How the Level column is written; pass it to [`crate::parse_level_with`].
    pub level_notation: LevelNotation,
}

impl Sheet {
    /// Whether the header has this column.
    pub fn has(&self, column: Column) -> bool {
        self.columns.iter().any(|&(_, c)| c == column)
    }
}

/// One data row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetRow {
    /// Row number as the user sees it in Excel or a text editor: 1-based, header and title rows
    /// and skipped rows counted.
    pub line: usize,
    /// Trimmed cell texts of the recognised columns; empty cells are absent.
    pub cells: BTreeMap<Column, String>,
}

impl SheetRow {
    pub fn get(&self, column: Column) -> Option<&str> {
        self.cells.get(&column).map(String::as_str)
    }
}

/// Why a file could not be read. Messages are meant for the uploading user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("{0}")]
    Unreadable(String),
    #[error(
        "No header row found: one of the first {HEADER_SCAN_ROWS} rows must name the columns, \
         e.g. Name, Quantity, Unit price (or Bezeichnung, Menge, Einzelpreis)."
    )]
    NoHeader,
    #[error("Required columns are missing: {}.", column_list(.0))]
    MissingColumns(Vec<Column>),
    #[error("The file has more than {limit} rows; please split it into smaller files.")]
    TooManyRows { limit: usize },
}

fn column_list(columns: &[Column]) -> String {
    let mut text = String::new();
    for (i, column) in columns.iter().enumerate() {
        let separator = if i == 0 { "" } else { ", " };
        let _ = write!(
            text,
            "{separator}{} ({})",
            column.english(),
            column.german()
        );
    }
    text
}

/// Reads a BOM sheet. `max_rows` bounds the data rows (blank and total rows not counted).
pub fn read(bytes: &[u8], format: Format, max_rows: usize) -> Result<Sheet, ReadError> {
    // Memory guard while reading, before data rows can be told apart from title, blank-ish or
    // total rows; generous so it never fires before the exact `max_rows` check below would.
    let row_cap = max_rows
        .saturating_mul(2)
        .saturating_add(HEADER_SCAN_ROWS + 10);
    let grid = match format {
        Format::Csv => csv::grid(bytes, row_cap, max_rows)?,
        Format::Xlsx => xlsx::grid(bytes, row_cap, max_rows)?,
    };
    if grid.rows.is_empty() {
        return Err(ReadError::Unreadable("The file is empty.".into()));
    }
    let header_index = header::find(&grid.rows).ok_or(ReadError::NoHeader)?;
    let header_row = &grid.rows[header_index];
    let layout = header::layout(header_row);
    let missing: Vec<Column> = Column::REQUIRED
        .into_iter()
        .filter(|&c| !layout.has(c))
        .collect();
    if !missing.is_empty() {
        return Err(ReadError::MissingColumns(missing));
    }

    let mut data: Vec<(usize, Vec<(Column, Cell)>)> = Vec::new();
    for row in &grid.rows[header_index + 1..] {
        let cells = mapped_cells(row, &layout);
        if cells.is_empty() || is_grand_total(&cells) {
            continue;
        }
        if data.len() >= max_rows {
            return Err(ReadError::TooManyRows { limit: max_rows });
        }
        data.push((row.line, cells));
    }

    let all_cells = || {
        data.iter()
            .flat_map(|(_, cells)| cells.iter().map(|(c, v)| (*c, v)))
    };
    let decimal_style = style::detect(layout.german, grid.delimiter, all_cells());
    let level_notation = LevelNotation::detect(
        all_cells()
            .filter(|(column, _)| *column == Column::Level)
            .map(|(_, cell)| cell.raw()),
    );
    let rows = data
        .into_iter()
        .map(|(line, cells)| SheetRow {
            line,
            cells: cells
                .into_iter()
                .map(|(column, cell)| (column, render(column, cell, decimal_style)))
                .collect(),
        })
        .collect();
    Ok(Sheet {
        columns: layout.columns.clone(),
        ignored_headers: layout.ignored_headers.clone(),
        header_line: header_row.line,
        rows,
        decimal_style,
        level_notation,
    })
}

fn mapped_cells(row: &RawRow, layout: &header::Layout) -> Vec<(Column, Cell)> {
    row.cells
        .iter()
        .filter_map(|(index, cell)| Some((layout.column_at(*index)?, cell.clone())))
        .collect()
}

/// See the module documentation.
fn is_grand_total(cells: &[(Column, Cell)]) -> bool {
    let get = |wanted: Column| cells.iter().find(|(c, _)| *c == wanted).map(|(_, v)| v);
    if get(Column::Level).is_some() || get(Column::Quantity).is_some() {
        return false;
    }
    let Some(name) = get(Column::Name).and_then(Cell::text) else {
        return false;
    };
    let name = name.trim_end_matches(':').trim().to_lowercase();
    matches!(
        name.as_str(),
        "total" | "grand total" | "summe" | "gesamt" | "gesamtsumme" | "gesamtbetrag"
    )
}

/// The cell as the importer receives it. Numeric cells get the file's decimal separator so one
/// `parse_decimal(cell, sheet.decimal_style)` reads text and numeric cells alike ("1234.5" in
/// a comma file would otherwise read as 12345); Level stays in point notation because "1.2"
/// there is an outline number, not a decimal.
fn render(column: Column, cell: Cell, style: DecimalStyle) -> String {
    match cell {
        Cell::Text(text) => text,
        Cell::Number(number) if column == Column::Level => number,
        Cell::Number(number) => match style {
            DecimalStyle::Point => number,
            DecimalStyle::Comma => number.replace('.', ","),
        },
    }
}
