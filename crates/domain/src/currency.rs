//! ISO 4217 currency codes. The list is compiled in: active codes as of 2026.

use std::fmt;

use crate::validation::FieldError;

const ISO_4217: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BHD",
    "BIF", "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF",
    "CLP", "CNY", "COP", "CRC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN",
    "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD",
    "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES",
    "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL",
    "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN",
    "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP",
    "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK",
    "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT",
    "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU", "UZS", "VED", "VES",
    "VND", "VUV", "WST", "XAF", "XCD", "XCG", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWG",
];

/// A currency code from ISO 4217, upper case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Currency(&'static str);

impl Currency {
    pub const EUR: Currency = Currency("EUR");

    /// Accepts a code in any case ("eur" → "EUR"); rejects codes that are not in ISO 4217.
    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        let upper = raw.trim().to_ascii_uppercase();
        ISO_4217
            .binary_search(&upper.as_str())
            .map(|i| Currency(ISO_4217[i]))
            .map_err(|_| {
                FieldError::new(
                    field,
                    "unknown_currency",
                    format!("{field} must be an ISO 4217 currency code such as EUR"),
                )
            })
    }

    pub fn code(&self) -> &'static str {
        self.0
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_sorted_for_binary_search() {
        assert!(ISO_4217.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn accepts_real_codes_only() {
        assert_eq!(Currency::parse("currency", "eur").unwrap(), Currency::EUR);
        assert_eq!(Currency::parse("currency", "CHF").unwrap().code(), "CHF");
        assert!(Currency::parse("currency", "EURO").is_err());
        assert!(Currency::parse("currency", "XYZ").is_err());
        assert!(Currency::parse("currency", "").is_err());
    }
}
