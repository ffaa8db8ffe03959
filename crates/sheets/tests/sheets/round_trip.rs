//! An export read back gives the same values: the promise that lets users edit an export and
//! import it again.

use std::io::Cursor;
use std::str::FromStr;

use calamine::{Reader, Xlsx};
use eventmgr_sheets::{
    Column, ExportOptions, ExportRow, Format, ReadError, Sheet, parse_decimal, parse_level_with,
    read, write_csv, write_xlsx,
};
use rust_decimal::Decimal;

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn item(level: u32, name: &str, quantity: &str, unit_price: Option<&str>) -> ExportRow {
    let quantity = dec(quantity);
    let unit_price = unit_price.map(dec);
    ExportRow {
        level,
        name: name.to_owned(),
        description: None,
        quantity,
        unit: "Stk.".to_owned(),
        unit_price,
        total: unit_price.map(|p| (p * quantity).round_dp(2)),
        subtotal: None,
        category: None,
        supplier: None,
        status: "planned".to_owned(),
        notes: None,
    }
}

/// A tree with awkward texts; subtotals set on rows with children.
fn rows() -> Vec<ExportRow> {
    let mut rows = vec![
        item(1, "Bühne; groß", "1", Some("4850.00")),
        item(2, "Kabel, 3x2.5 mm²", "12.5", Some("3.20")),
        item(3, "Sagt \"Hallo\"", "0.125", Some("1234567.89")),
        item(3, "Zwei\nZeilen", "1000", None),
        item(2, "=SUM(A1:A3)", "2", Some("0.50")),
        item(1, "-Minus am Anfang", "3", Some("19.99")),
        item(2, "'=schon zitiert", "0.001", Some("7")),
        item(1, "@Größe €", "1", Some("0")),
        item(1, "Total", "2", Some("1.00")),
    ];
    rows[0].description = Some("Mit Dach,\nAufbau \"inklusive\"".to_owned());
    rows[0].category = Some("Bühne".to_owned());
    rows[0].supplier = Some("Bühnenbau Müller GmbH; Berlin".to_owned());
    rows[1].notes = Some("+49 30 123456".to_owned());
    rows[2].status = "ordered".to_owned();
    rows[3].unit = "m".to_owned();
    rows[5].notes = Some("=1+1 ist keine Formel".to_owned());
    for parent in [0, 1, 5] {
        let end = (parent + 1..rows.len())
            .take_while(|&i| rows[i].level > rows[parent].level)
            .last()
            .unwrap();
        rows[parent].subtotal = Some(rows[parent..=end].iter().filter_map(|r| r.total).sum());
    }
    rows
}

fn options(include_costs: bool, title: Option<&str>) -> ExportOptions {
    ExportOptions {
        include_costs,
        currency: "EUR".to_owned(),
        title: title.map(str::to_owned),
    }
}

fn assert_round_trip(sheet: &Sheet, expected: &[ExportRow]) {
    assert_eq!(sheet.rows.len(), expected.len(), "{:#?}", sheet.rows);
    let style = sheet.decimal_style;
    for (row, want) in sheet.rows.iter().zip(expected) {
        let text = |column| row.get(column).map(str::to_owned);
        assert_eq!(
            parse_level_with(row.get(Column::Level).unwrap(), sheet.level_notation),
            Some(want.level)
        );
        assert_eq!(text(Column::Name).as_deref(), Some(want.name.as_str()));
        assert_eq!(
            parse_decimal(row.get(Column::Quantity).unwrap(), style),
            Some(want.quantity),
            "quantity of {:?}",
            want.name
        );
        assert_eq!(text(Column::Unit).as_deref(), Some(want.unit.as_str()));
        assert_eq!(
            row.get(Column::UnitPrice).map(|c| parse_decimal(c, style)),
            want.unit_price.map(Some),
            "unit price of {:?}",
            want.name
        );
        assert_eq!(
            row.get(Column::Total).map(|c| parse_decimal(c, style)),
            want.total.map(Some)
        );
        assert_eq!(text(Column::Category), want.category);
        assert_eq!(text(Column::Supplier), want.supplier);
        assert_eq!(text(Column::Status).as_deref(), Some(want.status.as_str()));
        assert_eq!(text(Column::Description), want.description);
        assert_eq!(text(Column::Notes), want.notes);
    }
}

#[test]
fn csv_round_trip() {
    let rows = rows();
    let bytes = write_csv(&rows, &options(true, Some("Sommerfest")));
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let sheet = read(&bytes, Format::Csv, 100).unwrap();
    assert!(sheet.ignored_headers.is_empty());
    assert_round_trip(&sheet, &rows);
    // Subtotals are exported as plain numbers in CSV.
    assert_eq!(
        parse_decimal(
            sheet.rows[0].get(Column::Subtotal).unwrap(),
            sheet.decimal_style
        ),
        rows[0].subtotal
    );
}

#[test]
fn xlsx_round_trip_with_and_without_title() {
    let rows = rows();
    for title in [None, Some("Stückliste Sommerfest 2026")] {
        let bytes = write_xlsx(&rows, &options(true, title)).unwrap();
        let sheet = read(&bytes, Format::Xlsx, 100).unwrap();
        assert_eq!(sheet.header_line, if title.is_some() { 2 } else { 1 });
        assert!(sheet.ignored_headers.is_empty());
        assert_round_trip(&sheet, &rows);
        // The cached subtotal results are the subtree sums.
        for (row, want) in sheet.rows.iter().zip(&rows) {
            assert_eq!(
                row.get(Column::Subtotal)
                    .map(|c| parse_decimal(c, sheet.decimal_style).unwrap()),
                want.subtotal,
                "subtotal of {:?}",
                want.name
            );
        }
    }
}

#[test]
fn xlsx_subtotals_and_grand_total_are_formulas() {
    let rows = rows();
    let bytes = write_xlsx(&rows, &options(true, None)).unwrap();
    let mut workbook = Xlsx::new(Cursor::new(bytes)).unwrap();
    assert_eq!(workbook.sheet_names(), vec!["BOM"]);
    let formulas = workbook.worksheet_formula("BOM").unwrap();
    let values = workbook.worksheet_range("BOM").unwrap();
    // Header on row 1, data rows 2..=10, grand total row 11. Total = column F, Subtotal = G.
    let formula = |cell: &str| {
        let (col, row) = cell.split_at(1);
        let position = (
            row.parse::<u32>().unwrap() - 1,
            u32::from(col.as_bytes()[0] - b'A'),
        );
        formulas.get_value(position).cloned().unwrap_or_default()
    };
    assert_eq!(formula("G2"), "SUM(F2:F6)");
    assert_eq!(formula("G3"), "SUM(F3:F5)");
    assert_eq!(formula("G7"), "SUM(F7:F8)");
    assert_eq!(formula("G4"), "");
    assert_eq!(formula("F11"), "SUM(F2:F10)");
    assert_eq!(
        values
            .get_value((10, 1))
            .map(ToString::to_string)
            .as_deref(),
        Some("Total")
    );
    let grand_total: Decimal = rows.iter().filter_map(|r| r.total).sum();
    assert_eq!(
        values.get_value((10, 5)).map(ToString::to_string),
        Some(grand_total.normalize().to_string())
    );
    assert_eq!(
        values
            .get_value((10, 0))
            .map(ToString::to_string)
            .as_deref(),
        Some("")
    );
}

#[test]
fn exports_without_costs_have_no_cost_columns() {
    let rows = rows();
    let csv = String::from_utf8(write_csv(&rows, &options(false, None))).unwrap();
    assert!(!csv.contains("Unit price") && !csv.contains("4850") && !csv.contains("Subtotal"));
    // Cost columns are required for import, so reading names exactly the missing one.
    assert_eq!(
        read(csv.as_bytes(), Format::Csv, 100),
        Err(ReadError::MissingColumns(vec![Column::UnitPrice]))
    );

    let bytes = write_xlsx(&rows, &options(false, Some("Für Kunden"))).unwrap();
    let mut workbook = Xlsx::new(Cursor::new(bytes)).unwrap();
    let values = workbook.worksheet_range("BOM").unwrap();
    let texts: Vec<String> = values.cells().map(|(_, _, v)| v.to_string()).collect();
    assert!(texts.iter().any(|t| t == "Bühne; groß"));
    assert!(!texts.iter().any(|t| t == "Unit price" || t == "Subtotal"));
    assert!(!texts.iter().any(|t| t.starts_with("4850")));
    assert_eq!(values.get_size().1, 9, "nine columns without costs");
}

#[test]
fn empty_export_still_has_a_header() {
    let bytes = write_xlsx(&[], &options(true, Some("Leer"))).unwrap();
    let sheet = read(&bytes, Format::Xlsx, 100).unwrap();
    assert!(sheet.rows.is_empty());
    assert_eq!(sheet.header_line, 2);
    let sheet = read(&write_csv(&[], &options(true, None)), Format::Csv, 100).unwrap();
    assert!(sheet.rows.is_empty());
}
