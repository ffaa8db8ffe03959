//! CSV export: UTF-8 with BOM (Excel otherwise assumes the ANSI code page and garbles
//! umlauts), `,` delimiter, point decimals, CRLF, RFC 4180 quoting, and the formula-injection
//! prefix on text cells.

use crate::column::Column;
use crate::injection::escape;

use super::{ExportOptions, ExportRow, columns, money_text, quantity_text, text_of};

/// Writes the rows as CSV; infallible because it only builds a string.
pub fn write_csv(rows: &[ExportRow], opts: &ExportOptions) -> Vec<u8> {
    let columns = columns(opts.include_costs);
    let mut out = String::from("\u{FEFF}");
    let header: Vec<String> = columns.iter().map(|c| c.english().to_owned()).collect();
    push_record(&mut out, &header);
    for row in rows {
        let fields: Vec<String> = columns.iter().map(|&c| field(row, c)).collect();
        push_record(&mut out, &fields);
    }
    out.into_bytes()
}

fn field(row: &ExportRow, column: Column) -> String {
    match column {
        Column::Level => row.level.to_string(),
        Column::Quantity => quantity_text(row.quantity),
        Column::UnitPrice => row.unit_price.map(money_text).unwrap_or_default(),
        Column::Total => row.total.map(money_text).unwrap_or_default(),
        Column::Subtotal => row.subtotal.map(money_text).unwrap_or_default(),
        _ => text_of(row, column).map(escape).unwrap_or_default(),
    }
}

fn push_record(out: &mut String, fields: &[String]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if field.contains([',', ';', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use rust_decimal::Decimal;

    use super::*;

    #[test]
    fn writes_bom_quoting_and_injection_prefix() {
        let row = ExportRow {
            level: 2,
            name: "=HYPERLINK(\"x\")".into(),
            description: Some("Zeile 1\nZeile 2".into()),
            quantity: Decimal::from_str("1.50").unwrap(),
            unit: "Stk.".into(),
            unit_price: Some(Decimal::from_str("4850").unwrap()),
            total: None,
            subtotal: None,
            category: Some("Bühne, Licht".into()),
            supplier: None,
            status: "planned".into(),
            notes: Some("-5 % Rabatt".into()),
        };
        let opts = ExportOptions {
            include_costs: true,
            currency: "EUR".into(),
            title: Some("ignored in CSV".into()),
        };
        let text = String::from_utf8(write_csv(std::slice::from_ref(&row), &opts)).unwrap();
        assert_eq!(
            text,
            "\u{FEFF}Level,Name,Quantity,Unit,Unit price,Total,Subtotal,Category,Supplier,Status,Description,Notes\r\n\
             2,\"'=HYPERLINK(\"\"x\"\")\",1.5,Stk.,4850.00,,,\"Bühne, Licht\",,planned,\"Zeile 1\nZeile 2\",'-5 % Rabatt\r\n"
        );
        let no_costs = ExportOptions {
            include_costs: false,
            ..opts
        };
        let text = String::from_utf8(write_csv(&[row], &no_costs)).unwrap();
        assert!(text.starts_with("\u{FEFF}Level,Name,Quantity,Unit,Category,"));
        assert!(!text.contains("4850"));
    }
}
