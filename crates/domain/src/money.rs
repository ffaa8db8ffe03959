//! Exact money and quantities: decimal strings in, decimal strings out, never floating point.
//!
//! Amounts fit the database column `NUMERIC(15,2)` (13 integer digits), quantities
//! `NUMERIC(15,3)`. Results of arithmetic are rounded half-even ("banker's rounding"), which is
//! what accounting expects and what keeps column sums unbiased.

use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Serialize, Serializer};

use crate::validation::FieldError;

/// Largest amount a money column holds: 13 integer digits and 2 decimals.
pub const MAX_MONEY: Decimal = Decimal::from_parts(2_764_472_319, 232_830, 0, false, 2); // 999999999999999 / 10^2
/// Largest quantity: 12 integer digits and 3 decimals.
pub const MAX_QUANTITY: Decimal = Decimal::from_parts(2_764_472_319, 232_830, 0, false, 3); // 999999999999999 / 10^3

/// Rounds an arithmetic result to cents, half to even.
pub fn round_money(value: Decimal) -> Decimal {
    let mut rounded = value.round_dp_with_strategy(2, RoundingStrategy::MidpointNearestEven);
    rounded.rescale(2);
    rounded
}

fn parse_decimal(field: &str, raw: &str) -> Result<Decimal, FieldError> {
    let text = raw.trim();
    // Only plain decimal notation: no exponent, no thousands separators, no sign but '-'.
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
        && text.matches('.').count() <= 1
        && (text.find('-').is_none_or(|i| i == 0) && text.matches('-').count() <= 1);
    if !plain {
        return Err(FieldError::new(
            field,
            "invalid_decimal",
            format!("{field} must be a decimal number such as \"1499.90\""),
        ));
    }
    Decimal::from_str(text).map_err(|_| {
        FieldError::new(
            field,
            "invalid_decimal",
            format!("{field} must be a decimal number such as \"1499.90\""),
        )
    })
}

/// An amount of money with at most two decimals, always rendered with exactly two.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(Decimal);

impl Money {
    pub const ZERO: Money = Money(Decimal::from_parts(0, 0, 0, false, 2));

    /// Parses a client-supplied amount; rejects more than two decimals rather than rounding
    /// silently, because a client sending `"10.005"` has a bug worth hearing about.
    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        Self::from_decimal(field, parse_decimal(field, raw)?)
    }

    /// Like [`Money::parse`], and the amount must not be negative (budgets, prices, costs).
    pub fn parse_non_negative(field: &str, raw: &str) -> Result<Self, FieldError> {
        let money = Self::parse(field, raw)?;
        if money.0.is_sign_negative() && !money.0.is_zero() {
            return Err(FieldError::new(
                field,
                "negative",
                format!("{field} must not be negative"),
            ));
        }
        Ok(money)
    }

    pub fn from_decimal(field: &str, value: Decimal) -> Result<Self, FieldError> {
        if value.normalize().scale() > 2 {
            return Err(FieldError::new(
                field,
                "too_many_decimals",
                format!("{field} allows at most 2 decimals"),
            ));
        }
        if value.abs() > MAX_MONEY {
            return Err(FieldError::new(
                field,
                "out_of_range",
                format!("{field} must be at most 9999999999999.99"),
            ));
        }
        let mut v = value;
        v.rescale(2);
        Ok(Money(v))
    }

    /// Wraps a value read back from the database, which already obeys the column's scale.
    pub fn from_stored(value: Decimal) -> Self {
        Money(round_money(value))
    }

    pub fn amount(&self) -> Decimal {
        self.0
    }

    /// Sum of amounts, exact (no rounding needed: all operands have two decimals).
    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }

    /// `quantity × unit_price`, rounded half-even to cents.
    pub fn times(self, quantity: Quantity) -> Option<Money> {
        self.0
            .checked_mul(quantity.0)
            .map(|v| Money(round_money(v)))
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.2}", self.0)
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A non-negative quantity with at most three decimals, rendered with exactly three.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Quantity(Decimal);

impl Quantity {
    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        let value = parse_decimal(field, raw)?;
        if value.normalize().scale() > 3 {
            return Err(FieldError::new(
                field,
                "too_many_decimals",
                format!("{field} allows at most 3 decimals"),
            ));
        }
        if value.is_sign_negative() && !value.is_zero() {
            return Err(FieldError::new(
                field,
                "negative",
                format!("{field} must not be negative"),
            ));
        }
        if value > MAX_QUANTITY {
            return Err(FieldError::new(
                field,
                "out_of_range",
                format!("{field} must be at most 999999999999.999"),
            ));
        }
        let mut v = value;
        v.rescale(3);
        Ok(Quantity(v))
    }

    pub fn amount(&self) -> Decimal {
        self.0
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.3}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn constants_are_what_they_say() {
        assert_eq!(MAX_MONEY, d("9999999999999.99"));
        assert_eq!(MAX_QUANTITY, d("999999999999.999"));
    }

    #[test]
    fn parses_and_renders_two_decimals() {
        assert_eq!(
            Money::parse("budget", "1500").unwrap().to_string(),
            "1500.00"
        );
        assert_eq!(
            Money::parse("budget", "1499.9").unwrap().to_string(),
            "1499.90"
        );
        assert_eq!(
            Money::parse("budget", "9999999999999.99")
                .unwrap()
                .to_string(),
            "9999999999999.99"
        );
        assert_eq!(Money::parse("budget", "0").unwrap(), Money::ZERO);
    }

    #[test]
    fn rejects_bad_amounts() {
        for (raw, code) in [
            ("10.005", "too_many_decimals"),
            ("1e3", "invalid_decimal"),
            ("1,50", "invalid_decimal"),
            ("", "invalid_decimal"),
            ("abc", "invalid_decimal"),
            ("--1", "invalid_decimal"),
            ("1-", "invalid_decimal"),
            ("10000000000000.00", "out_of_range"),
            ("NaN", "invalid_decimal"),
        ] {
            assert_eq!(Money::parse("budget", raw).unwrap_err().code, code, "{raw}");
        }
        assert_eq!(
            Money::parse_non_negative("budget", "-0.01")
                .unwrap_err()
                .code,
            "negative"
        );
        assert!(Money::parse_non_negative("budget", "-0").is_ok());
    }

    #[test]
    fn trailing_zeros_beyond_two_decimals_are_fine() {
        assert_eq!(Money::parse("p", "10.500").unwrap().to_string(), "10.50");
    }

    #[test]
    fn rounds_half_even() {
        assert_eq!(round_money(d("0.005")), d("0.00"));
        assert_eq!(round_money(d("0.015")), d("0.02"));
        assert_eq!(round_money(d("0.025")), d("0.02"));
        assert_eq!(round_money(d("2.675")), d("2.68"));
        assert_eq!(round_money(d("-0.005")).to_string(), "0.00");
    }

    #[test]
    fn price_times_quantity() {
        let price = Money::parse("unit_price", "19.99").unwrap();
        let qty = Quantity::parse("quantity", "3.333").unwrap();
        assert_eq!(price.times(qty).unwrap().to_string(), "66.63"); // 66.62667
        let qty = Quantity::parse("quantity", "0.5").unwrap();
        assert_eq!(
            Money::parse("p", "0.01")
                .unwrap()
                .times(qty)
                .unwrap()
                .to_string(),
            "0.00"
        ); // 0.005 → even
        assert_eq!(qty.to_string(), "0.500");
        assert_eq!(
            Quantity::parse("q", "1.0001").unwrap_err().code,
            "too_many_decimals"
        );
        assert_eq!(Quantity::parse("q", "-1").unwrap_err().code, "negative");
    }

    proptest! {
        #[test]
        fn any_cent_amount_round_trips(cents in -999_999_999_999_999i64..=999_999_999_999_999i64) {
            let value = Decimal::new(cents, 2);
            let money = Money::parse("m", &value.to_string()).unwrap();
            prop_assert_eq!(money.amount(), value);
            prop_assert_eq!(Money::parse("m", &money.to_string()).unwrap(), money);
        }

        #[test]
        fn sums_are_exact(a in 0i64..1_000_000_000, b in 0i64..1_000_000_000) {
            let x = Money::from_decimal("x", Decimal::new(a, 2)).unwrap();
            let y = Money::from_decimal("y", Decimal::new(b, 2)).unwrap();
            prop_assert_eq!(x.checked_add(y).unwrap().amount(), Decimal::new(a + b, 2));
        }
    }
}
