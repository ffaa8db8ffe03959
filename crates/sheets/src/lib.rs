//! Bill-of-materials spreadsheets for Event Manager: reading uploaded CSV/XLSX files and writing
//! exports, on byte buffers only (no database, no files, no network).
//!
//! Reading is deliberately forgiving about what people actually produce with Excel or
//! LibreOffice (title rows above the header, German or English headers, `;` or `,` CSV, decimal
//! commas, Windows-1252 bytes), and strict about what the importer needs (the required columns,
//! a bounded number of rows). Every cell comes back as a trimmed string plus the detected
//! [`DecimalStyle`], so the importer decides per column how to interpret it, with
//! [`parse_decimal`] and [`parse_level`].
//!
//! Writing produces files that [`read()`] reads back to the same values (see the round-trip
//! tests), so an export can be edited and re-imported.

pub mod column;
pub mod decimal;
pub mod format;
mod injection;
pub mod level;
pub mod read;
pub mod write;

pub use column::Column;
pub use decimal::{DecimalStyle, parse_decimal};
pub use format::Format;
pub use level::{LevelNotation, parse_level, parse_level_with};
pub use read::{ReadError, Sheet, SheetRow, read};
pub use write::{ExportOptions, ExportRow, WriteError, write_csv, write_xlsx};
