//! Reading CSV files shaped like real uploads: Excel on German Windows, UTF-8 exports, English
//! sheets, blank trailing rows, broken files.

use std::str::FromStr;

use encoding_rs::WINDOWS_1252;
use eventmgr_sheets::{Column, DecimalStyle, Format, ReadError, parse_decimal, read};
use rust_decimal::Decimal;

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn windows_1252(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = WINDOWS_1252.encode(text);
    assert!(
        !unmappable,
        "test text must be representable in Windows-1252"
    );
    bytes.into_owned()
}

#[test]
fn german_excel_csv_in_windows_1252() {
    let bytes = windows_1252(
        "Bezeichnung;Menge;Einheit;Einzelpreis;Kategorie;Lieferant\r\n\
         Bühnendach 12x10 m;1;Stk.;4.850,00;Bühne;Bühnenbau Müller GmbH\r\n\
         Größenzuschlag;2,5;m²;€ 12,50;Bühne;\r\n\
         ;;;;\r\n\
         ;;;\r\n",
    );
    assert!(std::str::from_utf8(&bytes).is_err(), "must not be UTF-8");
    let sheet = read(&bytes, Format::Csv, 100).unwrap();

    assert_eq!(
        sheet.columns,
        vec![
            (0, Column::Name),
            (1, Column::Quantity),
            (2, Column::Unit),
            (3, Column::UnitPrice),
            (4, Column::Category),
            (5, Column::Supplier),
        ]
    );
    assert!(sheet.ignored_headers.is_empty());
    assert_eq!(sheet.header_line, 1);
    assert_eq!(sheet.decimal_style, DecimalStyle::Comma);
    assert_eq!(sheet.rows.len(), 2, "blank trailing rows are skipped");

    let first = &sheet.rows[0];
    assert_eq!(first.line, 2);
    assert_eq!(first.get(Column::Name), Some("Bühnendach 12x10 m"));
    assert_eq!(first.get(Column::Supplier), Some("Bühnenbau Müller GmbH"));
    assert_eq!(
        parse_decimal(first.get(Column::UnitPrice).unwrap(), sheet.decimal_style),
        Some(dec("4850.00"))
    );

    let second = &sheet.rows[1];
    assert_eq!(second.line, 3);
    assert_eq!(second.get(Column::Name), Some("Größenzuschlag"));
    assert_eq!(second.get(Column::Unit), Some("m²"));
    assert_eq!(second.get(Column::Supplier), None, "empty cells are absent");
    assert_eq!(
        parse_decimal(second.get(Column::Quantity).unwrap(), sheet.decimal_style),
        Some(dec("2.5"))
    );
    assert_eq!(
        parse_decimal(second.get(Column::UnitPrice).unwrap(), sheet.decimal_style),
        Some(dec("12.50"))
    );
}

#[test]
fn utf8_with_bom_and_title_rows_above_the_header() {
    let bytes = "\u{FEFF}Stückliste Sommerfestival 2026;;;\r\n\
                 Stand: 1. Mai 2026;;;\r\n\
                 \r\n\
                 Ebene;Name;Menge (Stk.);Einzelpreis (€);Farbe\r\n\
                 1;Bühne;1;1.234,50;rot\r\n\
                 2;Größe XL;3;0,005;\r\n"
        .as_bytes();
    let sheet = read(bytes, Format::Csv, 100).unwrap();
    assert_eq!(sheet.header_line, 4);
    assert_eq!(sheet.ignored_headers, vec!["Farbe"]);
    assert_eq!(sheet.decimal_style, DecimalStyle::Comma);
    let lines: Vec<usize> = sheet.rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, vec![5, 6]);
    assert_eq!(sheet.rows[0].get(Column::Name), Some("Bühne"));
    assert_eq!(sheet.rows[1].get(Column::Level), Some("2"));
    assert_eq!(
        parse_decimal(
            sheet.rows[1].get(Column::UnitPrice).unwrap(),
            sheet.decimal_style
        ),
        Some(dec("0.005"))
    );
}

#[test]
fn english_comma_separated_with_quoted_numbers() {
    let bytes = b"Item,Qty,Unit price [EUR],Total\r\n\
                  \"Stage, large\",2,\"1,234.50\",\"2,469.00\"\r\n\
                  \"Cable \"\"XLR\"\"\nspare\",10,4.5,45\r\n";
    let sheet = read(bytes, Format::Csv, 100).unwrap();
    assert_eq!(sheet.decimal_style, DecimalStyle::Point);
    assert_eq!(sheet.rows[0].get(Column::Name), Some("Stage, large"));
    assert_eq!(
        parse_decimal(
            sheet.rows[0].get(Column::UnitPrice).unwrap(),
            sheet.decimal_style
        ),
        Some(dec("1234.50"))
    );
    assert_eq!(
        sheet.rows[1].get(Column::Name),
        Some("Cable \"XLR\"\nspare")
    );
    assert_eq!(sheet.rows[1].line, 3);
    assert_eq!(
        parse_decimal(
            sheet.rows[1].get(Column::UnitPrice).unwrap(),
            sheet.decimal_style
        ),
        Some(dec("4.5"))
    );
}

#[test]
fn english_headers_with_comma_decimals_are_detected_from_cells() {
    let bytes = b"Name\tQuantity\tPrice\nTruss\t4\t12,50\n";
    let sheet = read(bytes, Format::Csv, 100).unwrap();
    assert_eq!(sheet.decimal_style, DecimalStyle::Comma);
    assert_eq!(
        parse_decimal(
            sheet.rows[0].get(Column::UnitPrice).unwrap(),
            sheet.decimal_style
        ),
        Some(dec("12.50"))
    );
}

#[test]
fn grand_total_rows_and_injection_prefix() {
    let bytes = b"Name,Qty,Price,Total\n'=1+2,1,2,2\n'-5% Rabatt,1,3,3\nTotal,,,5\nSumme:,,,5\nTotal,1,1,1\n";
    let sheet = read(bytes, Format::Csv, 100).unwrap();
    let names: Vec<_> = sheet.rows.iter().map(|r| r.get(Column::Name)).collect();
    assert_eq!(
        names,
        vec![Some("=1+2"), Some("-5% Rabatt"), Some("Total")],
        "only total rows without quantity are skipped"
    );
}

#[test]
fn missing_required_columns() {
    let bytes = b"Bezeichnung;Einheit;Einzelpreis\nA;Stk;1\n";
    assert_eq!(
        read(bytes, Format::Csv, 100),
        Err(ReadError::MissingColumns(vec![Column::Quantity]))
    );
    let bytes = b"Name,Unit,Category\nA,pc,x\n";
    let error = read(bytes, Format::Csv, 100).unwrap_err();
    assert_eq!(
        error,
        ReadError::MissingColumns(vec![Column::Quantity, Column::UnitPrice])
    );
    assert_eq!(
        error.to_string(),
        "Required columns are missing: Quantity (Menge), Unit price (Einzelpreis)."
    );
}

#[test]
fn no_header_row() {
    let bytes = b"foo;bar\n1;2\n";
    assert_eq!(read(bytes, Format::Csv, 100), Err(ReadError::NoHeader));
}

#[test]
fn empty_and_binary_files_are_unreadable() {
    for bytes in [b"".as_slice(), b"\r\n\r\n", b";;;\r\n;;\r\n"] {
        assert!(
            matches!(read(bytes, Format::Csv, 100), Err(ReadError::Unreadable(_))),
            "{bytes:?}: {:?}",
            read(bytes, Format::Csv, 100)
        );
    }
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
    assert!(matches!(
        read(png, Format::Csv, 100),
        Err(ReadError::Unreadable(_))
    ));
}

#[test]
fn row_limit_counts_data_rows_only() {
    let bytes = b"Title\nName;Menge;Preis\nA;1;1\n\n;;\nB;2;2\nSumme;;3\n";
    assert_eq!(read(bytes, Format::Csv, 2).unwrap().rows.len(), 2);
    assert_eq!(
        read(bytes, Format::Csv, 1),
        Err(ReadError::TooManyRows { limit: 1 })
    );
}
