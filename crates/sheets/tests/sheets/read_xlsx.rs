//! Reading XLSX files shaped like hand-made Excel sheets: merged title and header cells,
//! numeric and text-typed number cells, formulas, broken files.

use std::str::FromStr;

use eventmgr_sheets::{Column, DecimalStyle, Format, ReadError, parse_decimal, read};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format as CellFormat, Formula, Workbook};

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// A German sheet: merged title A1:F1, blank row, header in row 3 with "Einzelpreis (€)" merged
/// over D3:E3, a mix of numeric and text number cells, a formula total row.
fn german_workbook() -> Vec<u8> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let bold = CellFormat::new().set_bold();
    sheet
        .merge_range(0, 0, 0, 5, "Stückliste Sommerfestival 2026", &bold)
        .unwrap();
    sheet.write_string(2, 0, "Pos.").unwrap();
    sheet.write_string(2, 1, "Bezeichnung").unwrap();
    sheet.write_string(2, 2, "Menge").unwrap();
    sheet
        .merge_range(2, 3, 2, 4, "Einzelpreis (€)", &bold)
        .unwrap();
    sheet.write_string(2, 5, "Kategorie").unwrap();
    // Row 4: numeric cells.
    sheet.write_number(3, 0, 1).unwrap();
    sheet.write_string(3, 1, "Bühnendach 12x10 m").unwrap();
    sheet.write_number(3, 2, 1).unwrap();
    sheet.write_number(3, 3, 4850.5).unwrap();
    sheet.write_string(3, 5, "Bühne").unwrap();
    // Row 5: numbers typed as text, German notation.
    sheet.write_number(4, 0, 2).unwrap();
    sheet.write_string(4, 1, "Größenzuschlag").unwrap();
    sheet.write_string(4, 2, "2,5").unwrap();
    sheet.write_string(4, 3, "1.234,50").unwrap();
    // Row 6 blank, row 7: a numeric quantity that, written "2.375", a German reader would take
    // for 2375.
    sheet.write_number(6, 0, 3).unwrap();
    sheet.write_string(6, 1, "Beton m³").unwrap();
    sheet.write_number(6, 2, 2.375).unwrap();
    sheet.write_number(6, 3, 1234.5).unwrap();
    // Row 8: a total row with a formula and a cached value.
    sheet.write_string(7, 1, "Gesamt").unwrap();
    sheet
        .write_formula(7, 3, Formula::new("=SUM(D4:D7)").set_result("7319"))
        .unwrap();
    workbook.save_to_buffer().unwrap()
}

#[test]
fn german_sheet_with_merged_title_and_header() {
    let sheet = read(&german_workbook(), Format::Xlsx, 100).unwrap();
    assert_eq!(sheet.header_line, 3);
    assert_eq!(
        sheet.columns,
        vec![
            (1, Column::Name),
            (2, Column::Quantity),
            (3, Column::UnitPrice),
            (5, Column::Category),
        ]
    );
    assert_eq!(sheet.ignored_headers, vec!["Pos."]);
    assert_eq!(sheet.decimal_style, DecimalStyle::Comma);

    let lines: Vec<usize> = sheet.rows.iter().map(|r| r.line).collect();
    assert_eq!(
        lines,
        vec![4, 5, 7],
        "total row skipped, line numbers as in Excel"
    );

    let value = |row: usize, column| {
        parse_decimal(sheet.rows[row].get(column).unwrap(), sheet.decimal_style)
    };
    assert_eq!(sheet.rows[0].get(Column::Name), Some("Bühnendach 12x10 m"));
    assert_eq!(value(0, Column::Quantity), Some(dec("1")));
    assert_eq!(value(0, Column::UnitPrice), Some(dec("4850.5")));
    assert_eq!(value(1, Column::Quantity), Some(dec("2.5")));
    assert_eq!(value(1, Column::UnitPrice), Some(dec("1234.50")));
    assert_eq!(value(2, Column::Quantity), Some(dec("2.375")));
    assert_eq!(value(2, Column::UnitPrice), Some(dec("1234.5")));
}

/// English headers, so only the cells can reveal the style: a text cell "1.234,50" next to a
/// numeric cell 1234.5 must both read as 1234.5.
#[test]
fn text_and_numeric_cells_agree_in_an_english_sheet() {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (col, header) in ["Name", "Quantity", "Unit price"].into_iter().enumerate() {
        sheet.write_string(0, col as u16, header).unwrap();
    }
    sheet.write_string(1, 0, "Text price").unwrap();
    sheet.write_number(1, 1, 2).unwrap();
    sheet.write_string(1, 2, "1.234,50").unwrap();
    sheet.write_string(2, 0, "Numeric price").unwrap();
    sheet.write_number(2, 1, 1.5).unwrap();
    sheet.write_number(2, 2, 1234.5).unwrap();
    let bytes = workbook.save_to_buffer().unwrap();

    let sheet = read(&bytes, Format::Xlsx, 100).unwrap();
    assert_eq!(sheet.decimal_style, DecimalStyle::Comma);
    for row in &sheet.rows {
        assert_eq!(
            parse_decimal(row.get(Column::UnitPrice).unwrap(), sheet.decimal_style),
            Some(dec("1234.5")),
            "{row:?}"
        );
    }
    assert_eq!(
        parse_decimal(
            sheet.rows[1].get(Column::Quantity).unwrap(),
            sheet.decimal_style
        ),
        Some(dec("1.5"))
    );
}

#[test]
fn numeric_only_english_sheet_is_point_style() {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (col, header) in ["Item", "Qty", "Price"].into_iter().enumerate() {
        sheet.write_string(0, col as u16, header).unwrap();
    }
    sheet.write_string(1, 0, "Truss").unwrap();
    sheet.write_number(1, 1, 1.234).unwrap();
    sheet.write_number(1, 2, 1234567.25).unwrap();
    let bytes = workbook.save_to_buffer().unwrap();

    let sheet = read(&bytes, Format::Xlsx, 100).unwrap();
    assert_eq!(sheet.decimal_style, DecimalStyle::Point);
    assert_eq!(sheet.rows[0].get(Column::Quantity), Some("1.234"));
    assert_eq!(sheet.rows[0].get(Column::UnitPrice), Some("1234567.25"));
}

#[test]
fn broken_xlsx_files_are_unreadable() {
    let cases: [&[u8]; 4] = [
        b"",
        b"PK\x03\x04 this is not really a zip archive",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0",
    ];
    for bytes in cases {
        assert!(
            matches!(
                read(bytes, Format::Xlsx, 100),
                Err(ReadError::Unreadable(_))
            ),
            "{bytes:?}"
        );
    }
}

#[test]
fn xlsx_row_limit() {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (col, header) in ["Name", "Menge", "Preis"].into_iter().enumerate() {
        sheet.write_string(0, col as u16, header).unwrap();
    }
    for row in 1..=5u32 {
        sheet.write_string(row, 0, format!("Item {row}")).unwrap();
        sheet.write_number(row, 1, row).unwrap();
        sheet.write_number(row, 2, 1).unwrap();
    }
    let bytes = workbook.save_to_buffer().unwrap();
    assert_eq!(read(&bytes, Format::Xlsx, 5).unwrap().rows.len(), 5);
    assert_eq!(
        read(&bytes, Format::Xlsx, 4),
        Err(ReadError::TooManyRows { limit: 4 })
    );
}
