//! Deciding a file's [`DecimalStyle`].
//!
//! Order: German headers or a `;` delimiter (Excel's CSV separator in comma-decimal locales)
//! mean [`DecimalStyle::Comma`]; otherwise a quantity or money *text* cell written like
//! "1.234,50", "1 234,50" or "12,5" means Comma; otherwise Point. Numeric XLSX cells carry no
//! notation and do not vote; they are rendered in whatever style wins.

use crate::column::Column;
use crate::decimal::{DecimalStyle, split_sign};

use super::grid::Cell;

/// Columns holding numbers whose notation reveals the style.
const NUMBER_COLUMNS: [Column; 4] = [
    Column::Quantity,
    Column::UnitPrice,
    Column::Total,
    Column::Subtotal,
];

pub(crate) fn detect<'a>(
    german_headers: bool,
    delimiter: Option<u8>,
    cells: impl IntoIterator<Item = (Column, &'a Cell)>,
) -> DecimalStyle {
    if german_headers || delimiter == Some(b';') {
        return DecimalStyle::Comma;
    }
    let comma = cells
        .into_iter()
        .filter(|(column, _)| NUMBER_COLUMNS.contains(column))
        .filter_map(|(_, cell)| cell.text())
        .any(looks_comma_decimal);
    if comma {
        DecimalStyle::Comma
    } else {
        DecimalStyle::Point
    }
}

/// "1.234,50", "1 234,5", "12,5", "12,50" (also with sign or currency); not "1,234", which is
/// an English thousand as much as a German 1.234.
fn looks_comma_decimal(raw: &str) -> bool {
    let (_, body) = split_sign(raw);
    let Some((integer, fraction)) = body.split_once(',') else {
        return false;
    };
    if fraction.is_empty() || !fraction.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    if !integer.is_empty() && integer.chars().all(|c| c.is_ascii_digit()) {
        return fraction.len() <= 2;
    }
    let mut groups = integer.split(['.', ' ', '\u{a0}']);
    let first_ok = groups
        .next()
        .is_some_and(|g| (1..=3).contains(&g.len()) && g.chars().all(|c| c.is_ascii_digit()));
    let rest: Vec<&str> = groups.collect();
    first_ok
        && !rest.is_empty()
        && rest
            .iter()
            .all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }

    #[test]
    fn recognises_comma_decimals() {
        for raw in [
            "1.234,50",
            "1 234,5",
            "12,5",
            "12,50",
            "0,5",
            "4.850,00 €",
            "-3,25",
        ] {
            assert!(looks_comma_decimal(raw), "{raw:?}");
        }
        for raw in ["1,234", "1,234.50", "1234.5", "12", "abc", "1,2,3", "12,"] {
            assert!(!looks_comma_decimal(raw), "{raw:?}");
        }
    }

    #[test]
    fn headers_and_delimiter_decide_before_cells() {
        let point = text("1234.5");
        let comma = text("12,5");
        assert_eq!(detect(true, None, []), DecimalStyle::Comma);
        assert_eq!(detect(false, Some(b';'), []), DecimalStyle::Comma);
        assert_eq!(
            detect(false, Some(b','), [(Column::Quantity, &point)]),
            DecimalStyle::Point
        );
        assert_eq!(
            detect(false, None, [(Column::UnitPrice, &comma)]),
            DecimalStyle::Comma
        );
        // Only number columns vote: a name "Bühne 12,5 m" does not.
        assert_eq!(
            detect(false, None, [(Column::Name, &comma)]),
            DecimalStyle::Point
        );
        // Numeric cells carry no notation.
        let number = Cell::Number("12.5".into());
        assert_eq!(
            detect(false, None, [(Column::Quantity, &number)]),
            DecimalStyle::Point
        );
    }
}
