//! XLSX export: one worksheet "BOM", optional title row, bold frozen header with autofilter,
//! numbers as numbers, names indented by level, live subtotal formulas and a grand total row.
//!
//! - Names are indented with the cell's indent format, never with leading spaces, so the text
//!   stays exactly the item name on re-import.
//! - A group row's Subtotal is `=SUM(F5:F12)` over the Total cells of its subtree, which is a
//!   contiguous block because rows come in depth-first order. The formula's value is stored as
//!   its cached result too, so readers that do not calculate (previews, calamine, our own
//!   import) see the number; that value is the sum the formula computes, which keeps the file
//!   self-consistent even if the caller's rollup differs.
//! - The grand total row (only with costs) has Name "Total" and an empty Level and Quantity,
//!   the exact shape [`crate::read()`] skips, so re-importing an export does not import it.

use rust_decimal::Decimal;
use rust_xlsxwriter::utility::cell_range;
use rust_xlsxwriter::{Format, FormatBorder, Formula, Workbook, Worksheet};

use crate::column::Column;

use super::{ExportOptions, ExportRow, WriteError, columns, is_cost, text_of};

/// Excel shows at most 15 indent steps in its UI.
const MAX_INDENT: u32 = 15;

/// Writes the rows as an XLSX workbook.
pub fn write_xlsx(rows: &[ExportRow], opts: &ExportOptions) -> Result<Vec<u8>, WriteError> {
    let columns = columns(opts.include_costs);
    let last_col = column_number(columns.len().saturating_sub(1));
    let money = Format::new().set_num_format(money_format(&opts.currency));
    let bold = Format::new().set_bold();

    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("BOM")?;

    let header_row: u32 = if opts.title.is_some() { 1 } else { 0 };
    if let Some(title) = &opts.title {
        let format = Format::new().set_bold().set_font_size(14);
        sheet.merge_range(0, 0, 0, last_col, title, &format)?;
        sheet.set_row_height(0, 22)?;
    }
    let header_format = Format::new()
        .set_bold()
        .set_border_bottom(FormatBorder::Thin);
    for (index, column) in columns.iter().enumerate() {
        sheet.write_string_with_format(
            header_row,
            column_number(index),
            column.english(),
            &header_format,
        )?;
    }

    let first_row = header_row + 1;
    let row_number =
        |index: usize| first_row.saturating_add(u32::try_from(index).unwrap_or(u32::MAX));
    let total_col = columns
        .iter()
        .position(|c| *c == Column::Total)
        .map(column_number);
    let ends = subtree_ends(rows);
    for (index, row) in rows.iter().enumerate() {
        let r = row_number(index);
        let group = row.subtotal.is_some();
        for (c, &column) in columns.iter().enumerate() {
            let col = column_number(c);
            match column {
                Column::Level => {
                    sheet.write_number(r, col, f64::from(row.level))?;
                }
                Column::Name => {
                    let indent = row.level.saturating_sub(1).min(MAX_INDENT);
                    let mut format = Format::new().set_indent(u8::try_from(indent).unwrap_or(0));
                    if group {
                        format = format.set_bold();
                    }
                    sheet.write_string_with_format(r, col, &row.name, &format)?;
                }
                Column::Quantity => {
                    sheet.write_number(r, col, to_f64(row.quantity))?;
                }
                Column::UnitPrice | Column::Total => {
                    let value = if column == Column::Total {
                        row.total
                    } else {
                        row.unit_price
                    };
                    if let Some(value) = value {
                        sheet.write_number_with_format(r, col, to_f64(value), &money)?;
                    }
                }
                Column::Subtotal => {
                    if let (true, Some(total_col)) = (group, total_col) {
                        let end = ends.get(index).copied().unwrap_or(index);
                        let sum = sum_totals(&rows[index..=end]);
                        let range = cell_range(r, total_col, row_number(end), total_col);
                        let formula =
                            Formula::new(format!("=SUM({range})")).set_result(sum.to_string());
                        sheet.write_formula_with_format(r, col, formula, &money)?;
                    }
                }
                _ => {
                    if let Some(text) = text_of(row, column).filter(|t| !t.is_empty()) {
                        sheet.write_string(r, col, text)?;
                    }
                }
            }
        }
    }

    let last_data_row = if rows.is_empty() {
        header_row
    } else {
        row_number(rows.len() - 1)
    };
    if let (false, Some(total_col)) = (rows.is_empty(), total_col) {
        write_grand_total(
            sheet,
            (first_row, last_data_row),
            (&columns, total_col),
            sum_totals(rows),
            (&bold, &money),
        )?;
    }
    sheet.autofilter(header_row, 0, last_data_row, last_col)?;
    sheet.set_freeze_panes(header_row + 1, 0)?;
    for (index, column) in columns.iter().enumerate() {
        sheet.set_column_width(column_number(index), column_width(*column, rows))?;
    }
    Ok(workbook.save_to_buffer()?)
}

/// The "Total" row under the data: Level and Quantity stay empty (see the module docs).
fn write_grand_total(
    sheet: &mut Worksheet,
    (first_row, last_row): (u32, u32),
    (columns, total_col): (&[Column], u16),
    sum: Decimal,
    (bold, money): (&Format, &Format),
) -> Result<(), WriteError> {
    let row = last_row + 1;
    if let Some(name_col) = columns.iter().position(|c| *c == Column::Name) {
        sheet.write_string_with_format(row, column_number(name_col), "Total", bold)?;
    }
    let range = cell_range(first_row, total_col, last_row, total_col);
    let formula = Formula::new(format!("=SUM({range})")).set_result(sum.to_string());
    sheet.write_formula_with_format(row, total_col, formula, &money.clone().set_bold())?;
    Ok(())
}

/// For each row, the index of the last row of its subtree (itself when it has no children),
/// in one pass with a stack of open ancestors.
fn subtree_ends(rows: &[ExportRow]) -> Vec<usize> {
    let mut ends: Vec<usize> = (0..rows.len()).collect();
    let mut open: Vec<usize> = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        while let Some(&top) = open.last() {
            if rows[top].level < row.level {
                break;
            }
            ends[top] = index - 1;
            open.pop();
        }
        open.push(index);
    }
    let last = rows.len().saturating_sub(1);
    for index in open {
        ends[index] = last;
    }
    ends
}

fn sum_totals(rows: &[ExportRow]) -> Decimal {
    rows.iter().filter_map(|r| r.total).sum()
}

/// Exact decimal to the nearest `f64` (via the decimal string, which Rust rounds correctly);
/// the reader's shortest round-trip rendering turns it back into the same decimal.
fn to_f64(value: Decimal) -> f64 {
    value.to_string().parse().unwrap_or_default()
}

fn column_number(index: usize) -> u16 {
    u16::try_from(index).unwrap_or(u16::MAX)
}

/// Excel number format showing the currency; the code is reduced to letters so it cannot
/// break out of the quoted literal.
fn money_format(currency: &str) -> String {
    let code: String = currency
        .chars()
        .filter(char::is_ascii_alphabetic)
        .take(3)
        .collect::<String>()
        .to_ascii_uppercase();
    match code.as_str() {
        "" => "#,##0.00".to_owned(),
        "EUR" => "#,##0.00 \"€\"".to_owned(),
        "USD" => "\"$\"#,##0.00".to_owned(),
        "GBP" => "\"£\"#,##0.00".to_owned(),
        _ => format!("#,##0.00 \"{code}\""),
    }
}

/// Width in characters: fixed for numbers, fitted to the content (capped) for text.
fn column_width(column: Column, rows: &[ExportRow]) -> f64 {
    if is_cost(column) {
        return 14.0;
    }
    let (min, max) = match column {
        Column::Level => return 7.0,
        Column::Quantity => return 10.0,
        Column::Name => (20, 60),
        Column::Description | Column::Notes => (15, 50),
        _ => (10, 30),
    };
    let longest = rows
        .iter()
        .map(|row| {
            let text = text_of(row, column).unwrap_or_default();
            let longest_line = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
            // Each indent step is about two characters wide.
            let indent = if column == Column::Name {
                2 * row.level.saturating_sub(1).min(MAX_INDENT) as usize
            } else {
                0
            };
            longest_line + indent
        })
        .max()
        .unwrap_or(0)
        .max(column.english().len());
    (longest + 2).clamp(min, max) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(level: u32) -> ExportRow {
        ExportRow {
            level,
            name: String::new(),
            description: None,
            quantity: Decimal::ONE,
            unit: String::new(),
            unit_price: None,
            total: None,
            subtotal: None,
            category: None,
            supplier: None,
            status: String::new(),
            notes: None,
        }
    }

    #[test]
    fn subtrees_are_contiguous_blocks() {
        let rows: Vec<_> = [1, 2, 3, 3, 2, 1, 2, 1].into_iter().map(row).collect();
        assert_eq!(subtree_ends(&rows), vec![4, 3, 2, 3, 4, 6, 6, 7]);
        assert_eq!(subtree_ends(&[]), Vec::<usize>::new());
    }

    #[test]
    fn money_formats_show_the_currency() {
        assert_eq!(money_format("EUR"), "#,##0.00 \"€\"");
        assert_eq!(money_format("chf"), "#,##0.00 \"CHF\"");
        assert_eq!(money_format("X\"Y"), "#,##0.00 \"XY\"");
        assert_eq!(money_format(""), "#,##0.00");
    }
}
