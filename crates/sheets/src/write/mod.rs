//! Writing BOM exports as CSV or XLSX.
//!
//! Both formats use the same columns and English headers, so [`crate::read()`] maps them back
//! without guessing. Without `include_costs` the cost columns are left out entirely rather than
//! emptied: a client user must never receive costs, not even as a column to fill in.

mod csv;
mod xlsx;

use rust_decimal::Decimal;

use crate::column::Column;

pub use csv::write_csv;
pub use xlsx::write_xlsx;

/// One BOM item in tree order (depth-first: every item directly followed by its subtree).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRow {
    /// 1 = top level.
    pub level: u32,
    pub name: String,
    pub description: Option<String>,
    pub quantity: Decimal,
    pub unit: String,
    pub unit_price: Option<Decimal>,
    /// Quantity × unit price of this item.
    pub total: Option<Decimal>,
    /// Rollup of the subtree, only for items with children.
    pub subtotal: Option<Decimal>,
    pub category: Option<String>,
    pub supplier: Option<String>,
    pub status: String,
    pub notes: Option<String>,
}

/// What to export and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportOptions {
    /// Whether Unit price, Total and Subtotal are exported at all.
    pub include_costs: bool,
    /// ISO 4217 code such as "EUR"; used for the XLSX money number format.
    pub currency: String,
    /// Title row above the XLSX header (not written to CSV, which stays one table).
    pub title: Option<String>,
}

/// Why an export could not be produced.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WriteError {
    #[error("The XLSX export could not be written: {0}")]
    Xlsx(String),
}

impl From<rust_xlsxwriter::XlsxError> for WriteError {
    fn from(error: rust_xlsxwriter::XlsxError) -> Self {
        WriteError::Xlsx(error.to_string())
    }
}

/// Exported columns in order.
pub(crate) fn columns(include_costs: bool) -> Vec<Column> {
    [
        Column::Level,
        Column::Name,
        Column::Quantity,
        Column::Unit,
        Column::UnitPrice,
        Column::Total,
        Column::Subtotal,
        Column::Category,
        Column::Supplier,
        Column::Status,
        Column::Description,
        Column::Notes,
    ]
    .into_iter()
    .filter(|c| include_costs || !is_cost(*c))
    .collect()
}

pub(crate) fn is_cost(column: Column) -> bool {
    matches!(column, Column::UnitPrice | Column::Total | Column::Subtotal)
}

/// A quantity exactly, without trailing zeros: 1.5, 2, 0.125.
pub(crate) fn quantity_text(value: Decimal) -> String {
    value.normalize().to_string()
}

/// Money with two decimals; never rounded, so a value with more decimals keeps them.
pub(crate) fn money_text(value: Decimal) -> String {
    let mut value = value.normalize();
    if value.scale() < 2 {
        value.rescale(2);
    }
    value.to_string()
}

/// Text columns of a row, `None` for numeric columns.
pub(crate) fn text_of(row: &ExportRow, column: Column) -> Option<&str> {
    match column {
        Column::Name => Some(&row.name),
        Column::Unit => Some(&row.unit),
        Column::Category => row.category.as_deref(),
        Column::Supplier => row.supplier.as_deref(),
        Column::Status => Some(&row.status),
        Column::Description => row.description.as_deref(),
        Column::Notes => row.notes.as_deref(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    #[test]
    fn numbers_are_written_exactly() {
        let d = |s| Decimal::from_str(s).unwrap();
        assert_eq!(quantity_text(d("1.500")), "1.5");
        assert_eq!(quantity_text(d("2.000")), "2");
        assert_eq!(quantity_text(d("0.125")), "0.125");
        assert_eq!(quantity_text(d("-3")), "-3");
        assert_eq!(money_text(d("4850")), "4850.00");
        assert_eq!(money_text(d("12.5")), "12.50");
        assert_eq!(money_text(d("12.3400")), "12.34");
        assert_eq!(money_text(d("0.005")), "0.005");
    }

    #[test]
    fn costs_columns_can_be_left_out() {
        assert_eq!(columns(true).len(), 12);
        let without = columns(false);
        assert_eq!(without.len(), 9);
        assert!(!without.iter().any(|c| is_cost(*c)));
    }
}
