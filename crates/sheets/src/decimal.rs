//! Numbers as people write them in spreadsheets: "1.234,50 €", "1,234.50", "1 234,50", "−3".
//!
//! The file's [`DecimalStyle`] only settles what is genuinely ambiguous. Whatever the style,
//! a value with both `.` and `,` uses the last one as decimal separator, and a lone separator
//! that cannot be a thousands separator ("12.5" in a German file, "1234,5" in an English one) is
//! read as the decimal separator; this keeps hand-edited cells in a foreign notation from
//! silently becoming a hundred times larger.

use std::str::FromStr;

use rust_decimal::Decimal;

/// How decimals are written in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DecimalStyle {
    /// German and most of Europe: `1.234,50`.
    Comma,
    /// English: `1,234.50`.
    Point,
}

impl DecimalStyle {
    pub(crate) fn decimal_separator(self) -> char {
        match self {
            DecimalStyle::Comma => ',',
            DecimalStyle::Point => '.',
        }
    }
}

/// Currency markers removed around a number; codes compared case-insensitively.
const CURRENCY_SYMBOLS: [char; 3] = ['€', '$', '£'];
const CURRENCY_CODES: [&str; 4] = ["EUR", "USD", "CHF", "GBP"];

/// Separators that group thousands in any style (spaces, no-break spaces, Swiss apostrophes).
fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\'' | '’')
}

/// Parses a number as written in a sheet: "1.234,50", "1234,5", "1,234.50", "1234.50",
/// "1 234,50", "€ 1.234,50", "1234.50 EUR", "-3", "−3", "0,005". `None` when it is not a
/// number ("", "12abc", "1.2.3,4,5", "1,2,3").
///
/// Thousands groups are checked (first group 1–3 digits without a leading zero, then groups
/// of exactly 3), which is what lets "0,005" and "1234,5" be read as decimals even in
/// [`DecimalStyle::Point`].
pub fn parse_decimal(raw: &str, style: DecimalStyle) -> Option<Decimal> {
    let (negative, body) = split_sign(raw);
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',' || is_group_space(c))
    {
        return None;
    }
    let (integer, fraction) = split_decimal(body, style)?;
    let digits = ungroup(integer)?;
    if digits.is_empty() && fraction.is_empty() {
        return None;
    }
    let text = format!(
        "{}{}.{}",
        if negative { "-" } else { "" },
        if digits.is_empty() { "0" } else { &digits },
        if fraction.is_empty() { "0" } else { fraction }
    );
    let mut value = Decimal::from_str(&text).ok()?;
    // Keep the written scale ("4.850,00" stays 4850.00) but not the ".0" added above.
    if fraction.is_empty() {
        value = value.trunc();
    }
    Some(value)
}

/// Strips currency markers and spaces around the number and the sign, in any order
/// ("-€ 12", "€ -12", "12 EUR"); returns (negative, the rest).
pub(crate) fn split_sign(raw: &str) -> (bool, &str) {
    let mut text = strip_currency(raw);
    let mut negative = false;
    if let Some(rest) = text
        .strip_prefix('-')
        .or_else(|| text.strip_prefix('−'))
        .or_else(|| text.strip_prefix('\u{2013}'))
    {
        negative = true;
        text = strip_currency(rest);
    } else if let Some(rest) = text.strip_prefix('+') {
        text = strip_currency(rest);
    }
    (negative, text)
}

fn strip_currency(raw: &str) -> &str {
    let mut text = raw.trim_matches(|c: char| c.is_whitespace());
    loop {
        let before = text.len();
        text = text
            .trim_start_matches(CURRENCY_SYMBOLS)
            .trim_end_matches(CURRENCY_SYMBOLS);
        for code in CURRENCY_CODES {
            if text.len() >= 3 && text.is_char_boundary(3) && text[..3].eq_ignore_ascii_case(code) {
                text = &text[3..];
            }
            let end = text.len().saturating_sub(3);
            if text.len() >= 3
                && text.is_char_boundary(end)
                && text[end..].eq_ignore_ascii_case(code)
            {
                text = &text[..end];
            }
        }
        text = text.trim_matches(|c: char| c.is_whitespace());
        if text.len() == before {
            return text;
        }
    }
}

/// Splits into integer part (still grouped) and fraction digits.
fn split_decimal(body: &str, style: DecimalStyle) -> Option<(&str, &str)> {
    let points = body.matches('.').count();
    let commas = body.matches(',').count();
    let separator = match (points, commas) {
        (0, 0) => return Some((body, "")),
        // Both present: the last one is the decimal separator, whatever the style.
        (p, c) if p > 0 && c > 0 => body[body.rfind(['.', ','])?..].chars().next()?,
        (n, 0) => match resolve_single('.', n, body, style)? {
            Some(mark) => mark,
            None => return Some((body, "")),
        },
        (_, n) => match resolve_single(',', n, body, style)? {
            Some(mark) => mark,
            None => return Some((body, "")),
        },
    };
    if body.matches(separator).count() != 1 {
        return None;
    }
    let (integer, fraction) = body.rsplit_once(separator)?;
    if fraction.is_empty() || !fraction.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((integer, fraction))
}

/// The role of the only punctuation mark in a value, seen `count` times:
/// `Some(Some(mark))` decimal separator, `Some(None)` thousands grouping, `None` neither.
fn resolve_single(
    mark: char,
    count: usize,
    body: &str,
    style: DecimalStyle,
) -> Option<Option<char>> {
    let grouping = valid_grouping(body, mark);
    if mark == style.decimal_separator() {
        if count == 1 {
            return Some(Some(mark));
        }
        // "1,234,567" in a German file: only sensible as grouping.
        return grouping.then_some(None);
    }
    if grouping {
        return Some(None);
    }
    // "12.5" in a German file cannot be grouping, so it is a decimal point.
    (count == 1).then_some(Some(mark))
}

/// Whether `integer` uses `mark` (and spaces) as a correct thousands grouping.
fn valid_grouping(integer: &str, mark: char) -> bool {
    let groups: Vec<&str> = integer
        .split(|c: char| c == mark || is_group_space(c))
        .collect();
    let Some((first, rest)) = groups.split_first() else {
        return false;
    };
    (1..=3).contains(&first.len())
        && !first.starts_with('0')
        && first.chars().all(|c| c.is_ascii_digit())
        && rest
            .iter()
            .all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()))
}

/// Removes thousands separators from the integer part after checking the grouping.
fn ungroup(integer: &str) -> Option<String> {
    let grouped = integer.contains(|c: char| !c.is_ascii_digit());
    if !grouped {
        return Some(integer.to_owned());
    }
    let mark = integer.chars().find(|&c| c == '.' || c == ',');
    let ok = match mark {
        Some(mark) => valid_grouping(integer, mark),
        None => valid_grouping(integer, ' '),
    };
    ok.then(|| integer.chars().filter(char::is_ascii_digit).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use DecimalStyle::{Comma, Point};

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn parses_numbers_in_both_styles() {
        // (raw, value in Comma style, value in Point style)
        let cases: &[(&str, Option<&str>, Option<&str>)] = &[
            ("1.234,50", Some("1234.50"), Some("1234.50")),
            ("1,234.50", Some("1234.50"), Some("1234.50")),
            ("1234,5", Some("1234.5"), Some("1234.5")),
            ("1234.50", Some("1234.50"), Some("1234.50")),
            ("1234", Some("1234"), Some("1234")),
            ("0,005", Some("0.005"), Some("0.005")),
            ("0.005", Some("0.005"), Some("0.005")),
            ("1 234,50", Some("1234.50"), Some("1234.50")),
            ("1\u{a0}234,50", Some("1234.50"), Some("1234.50")),
            ("1'234.50", Some("1234.50"), Some("1234.50")),
            ("12,5 €", Some("12.5"), Some("12.5")),
            ("€ 1.234,50", Some("1234.50"), Some("1234.50")),
            ("€1,234.50", Some("1234.50"), Some("1234.50")),
            ("1234.50 EUR", Some("1234.50"), Some("1234.50")),
            ("chf 99", Some("99"), Some("99")),
            ("$ 5", Some("5"), Some("5")),
            ("-3", Some("-3"), Some("-3")),
            ("−3", Some("-3"), Some("-3")),
            ("-€ 12,50", Some("-12.50"), Some("-12.50")),
            ("€ -12,50", Some("-12.50"), Some("-12.50")),
            ("+7", Some("7"), Some("7")),
            ("0", Some("0"), Some("0")),
            (",5", Some("0.5"), Some("0.5")),
            // Ambiguous: the style decides.
            ("1.234", Some("1234"), Some("1.234")),
            ("1,234", Some("1.234"), Some("1234")),
            ("1.234.567", Some("1234567"), Some("1234567")),
            ("1.2.3", None, None),
            ("1,234,567", Some("1234567"), Some("1234567")),
            ("1.234.567,89", Some("1234567.89"), Some("1234567.89")),
            ("1,234,567.89", Some("1234567.89"), Some("1234567.89")),
            // Lone separator that cannot be grouping is a decimal separator.
            ("12.5", Some("12.5"), Some("12.5")),
            ("12,5", Some("12.5"), Some("12.5")),
            // Not numbers.
            ("", None, None),
            ("   ", None, None),
            ("abc", None, None),
            ("12abc", None, None),
            ("1,2,3", None, None),
            ("1.2.3,4,5", None, None),
            ("1.23,5", None, None),
            ("12,", None, None),
            ("12.", None, None),
            ("€", None, None),
            ("-", None, None),
            ("1e5", None, None),
            ("--3", None, None),
            ("1 2", None, None),
            ("0.1.2", None, None),
        ];
        for (raw, comma, point) in cases {
            assert_eq!(
                parse_decimal(raw, Comma),
                comma.map(dec),
                "{raw:?} in Comma style"
            );
            assert_eq!(
                parse_decimal(raw, Point),
                point.map(dec),
                "{raw:?} in Point style"
            );
        }
    }

    #[test]
    fn keeps_the_written_scale() {
        assert_eq!(
            parse_decimal("4.850,00", Comma).unwrap().to_string(),
            "4850.00"
        );
        assert_eq!(parse_decimal("3", Point).unwrap().to_string(), "3");
    }

    #[test]
    fn too_many_digits_is_not_a_number() {
        assert_eq!(parse_decimal(&"9".repeat(40), Point), None);
    }
}
