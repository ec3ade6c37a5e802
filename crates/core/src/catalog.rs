//! Reading the cells of a shop's product feed leniently: prices written with a comma or a
//! dot, stock as a count or a word, GTINs with their check digit, ISO 4217 currencies.
//! The relay reads the CSV; the rules live here so the browser build and tests share them.

use std::fmt;

use serde::{Deserialize, Serialize};

/// An amount of money in minor units (cents, bani): exact, unlike a float.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Amount(u64);

impl Amount {
    /// From minor units: `Amount::from_minor(12990)` is 129.90.
    pub fn from_minor(minor: u64) -> Self {
        Self(minor)
    }

    /// Minor units.
    pub fn minor(self) -> u64 {
        self.0
    }

    /// Reads a price cell: `129.90`, `129,90`, `1.299,90`, `1,299.90`, `1 299,90 lei`,
    /// `RON 99`. The last `.` or `,` is the decimal mark when one to two digits follow it; a
    /// separator followed by exactly three digits groups thousands. More than two decimals
    /// round half up to the cent. `None` for anything else (empty, negative, words).
    pub fn parse(cell: &str) -> Option<Self> {
        let text: String = cell
            .trim()
            .trim_matches(|c: char| c.is_alphabetic() || c.is_whitespace() || "$€£".contains(c))
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '\'' && *c != '\u{202f}')
            .collect();
        if text.is_empty()
            || !text
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        {
            return None;
        }
        let (grouped, fraction) = match text.rfind(['.', ',']) {
            None => (text.as_str(), ""),
            Some(at) => {
                let mark = &text[at..=at];
                let before = &text[..at];
                let after = &text[at + 1..];
                let other_mark = if mark == "." { ',' } else { '.' };
                let decimal = if before.contains(mark) {
                    // "1.234.567": the mark repeats, so it groups thousands.
                    false
                } else if before.contains(other_mark) {
                    // "1.299,90": two kinds of mark, the last is the decimal one.
                    true
                } else {
                    // One mark once: "1.299" groups thousands, "12.5", "0,995" and ".5" do not.
                    let lead = before.trim_start_matches('0');
                    !(after.len() == 3
                        && !before.is_empty()
                        && lead.len() == before.len()
                        && before.len() <= 3)
                };
                if decimal {
                    (before, after)
                } else {
                    (text.as_str(), "")
                }
            }
        };
        let mut groups = grouped.split(['.', ',']);
        let first = groups.next().unwrap_or_default();
        let mut whole = first.to_owned();
        for group in groups {
            if group.len() != 3 || first.is_empty() {
                return None;
            }
            whole.push_str(group);
        }
        if whole.is_empty() && fraction.is_empty() {
            return None;
        }
        let units: u64 = if whole.is_empty() {
            0
        } else {
            whole.parse().ok()?
        };
        let digits: Vec<u64> = fraction
            .chars()
            .map(|c| u64::from(c.to_digit(10).unwrap_or(0)))
            .collect();
        let mut cents = digits.first().map_or(0, |d| d * 10) + digits.get(1).copied().unwrap_or(0);
        if digits.get(2).is_some_and(|d| *d >= 5) {
            cents += 1;
        }
        units.checked_mul(100)?.checked_add(cents).map(Self)
    }
}

impl fmt::Display for Amount {
    /// `129.90`: a dot, two decimals, no grouping (schema.org and Google's feeds read this).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

/// Whether the product can be bought now, from the feed's `stock` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Availability {
    /// A stock above zero, or a word that says so.
    InStock,
    /// A stock of zero or less, or a word that says so.
    OutOfStock,
}

impl Availability {
    /// Reads a stock cell: a count (`12`, `0`, `-1`, `3.0`), or a word in English or
    /// Romanian (`in stock`, `instock`, `yes`, `true`, `da`, `în stoc`; `out of stock`,
    /// `no`, `false`, `nu`, `stoc epuizat`). `None` when empty or unknown.
    pub fn from_stock(cell: &str) -> Option<Self> {
        let word = crate::text::fold(cell.trim());
        if word.is_empty() {
            return None;
        }
        if let Ok(count) = word.replace(',', ".").parse::<f64>() {
            return Some(if count > 0.0 {
                Self::InStock
            } else {
                Self::OutOfStock
            });
        }
        let compact: String = word.chars().filter(|c| c.is_alphanumeric()).collect();
        match compact.as_str() {
            "instock" | "yes" | "true" | "da" | "available" | "instoc" | "disponibil" => {
                Some(Self::InStock)
            }
            "outofstock" | "no" | "false" | "nu" | "unavailable" | "soldout" | "stocepuizat"
            | "indisponibil" | "epuizat" => Some(Self::OutOfStock),
            _ => None,
        }
    }

    /// The schema.org URL: `https://schema.org/InStock`.
    pub fn schema_org(self) -> &'static str {
        match self {
            Self::InStock => "https://schema.org/InStock",
            Self::OutOfStock => "https://schema.org/OutOfStock",
        }
    }
}

/// A GTIN (EAN-13, UPC-A, GTIN-8 or GTIN-14) whose check digit is right; spaces and dashes
/// are dropped. Google rejects products with a wrong GTIN, so a wrong one is `None`.
pub fn gtin(cell: &str) -> Option<String> {
    let digits: String = cell
        .trim()
        .chars()
        .filter(|c| *c != ' ' && *c != '-')
        .collect();
    if !matches!(digits.len(), 8 | 12 | 13 | 14) || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (body, check) = digits.split_at(digits.len() - 1);
    (gtin_check_digit(body).to_string() == check).then_some(digits)
}

/// The check digit that ends a GTIN whose other digits are `body` (non-digits count as 0).
pub fn gtin_check_digit(body: &str) -> u32 {
    // From the right, the body's digits weigh 3, 1, 3, 1…
    let sum: u32 = body
        .chars()
        .rev()
        .enumerate()
        .map(|(i, c)| c.to_digit(10).unwrap_or(0) * if i % 2 == 0 { 3 } else { 1 })
        .sum();
    (10 - sum % 10) % 10
}

/// An ISO 4217 currency code (`RON`, `EUR`), checked against the list of active codes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Currency(String);

/// Active ISO 4217 codes (2024 list, funds and precious metals left out).
const ISO_4217: &str = "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND \
    BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN \
    ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD \
    JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT \
    MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR \
    RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND \
    TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG";

impl Currency {
    /// The code, upper case; an error names what is wrong.
    pub fn parse(text: &str) -> Result<Self, String> {
        let code = text.trim().to_ascii_uppercase();
        if code.len() == 3 && ISO_4217.split_whitespace().any(|c| c == code) {
            Ok(Self(code))
        } else {
            Err(format!(
                "{text:?} is not an ISO 4217 currency code such as RON, EUR, HUF, PLN or BGN"
            ))
        }
    }

    /// `RON`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for Currency {
    fn default() -> Self {
        Self("RON".into())
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rstest::rstest;

    #[rstest]
    #[case("129.90", Some(12990))]
    #[case("129,90", Some(12990))]
    #[case("129,9", Some(12990))]
    #[case("1.299,90", Some(129990))]
    #[case("1,299.90", Some(129990))]
    #[case("1 299,90 lei", Some(129990))]
    #[case("1\u{a0}299,90", Some(129990))]
    #[case("RON 99", Some(9900))]
    #[case("99 RON", Some(9900))]
    #[case("€12.50", Some(1250))]
    #[case("1.299", Some(129900))]
    #[case("1,299", Some(129900))]
    #[case("1.234.567", Some(123456700))]
    #[case("1.234.567,8", Some(123456780))]
    #[case("12.345", Some(1234500))]
    #[case("0", Some(0))]
    #[case("0,995", Some(100))]
    #[case("10.5", Some(1050))]
    #[case(".5", Some(50))]
    #[case("", None)]
    #[case("  ", None)]
    #[case("-5", None)]
    #[case("free", None)]
    #[case("12.5.6,7,8", None)]
    #[case("1e5", None)]
    fn prices_are_read_with_either_decimal_mark(#[case] cell: &str, #[case] minor: Option<u64>) {
        assert_eq!(Amount::parse(cell).map(Amount::minor), minor, "{cell:?}");
    }

    #[test]
    fn amounts_print_with_a_dot_and_two_decimals() {
        assert_eq!(Amount::from_minor(12990).to_string(), "129.90");
        assert_eq!(Amount::from_minor(5).to_string(), "0.05");
        assert_eq!(Amount::from_minor(100).to_string(), "1.00");
    }

    proptest! {
        #[test]
        fn a_printed_amount_reads_back(minor in 0u64..10_000_000_000) {
            let amount = Amount::from_minor(minor);
            prop_assert_eq!(Amount::parse(&amount.to_string()), Some(amount));
            let comma = amount.to_string().replace('.', ",");
            prop_assert_eq!(Amount::parse(&comma), Some(amount));
        }
    }

    #[rstest]
    #[case("12", Some(Availability::InStock))]
    #[case("1.0", Some(Availability::InStock))]
    #[case("0", Some(Availability::OutOfStock))]
    #[case("-3", Some(Availability::OutOfStock))]
    #[case("In stock", Some(Availability::InStock))]
    #[case("instock", Some(Availability::InStock))]
    #[case("în stoc", Some(Availability::InStock))]
    #[case("DA", Some(Availability::InStock))]
    #[case("true", Some(Availability::InStock))]
    #[case("out_of_stock", Some(Availability::OutOfStock))]
    #[case("Stoc epuizat", Some(Availability::OutOfStock))]
    #[case("nu", Some(Availability::OutOfStock))]
    #[case("", None)]
    #[case("maybe", None)]
    fn stock_reads_as_a_count_or_a_word(
        #[case] cell: &str,
        #[case] expected: Option<Availability>,
    ) {
        assert_eq!(Availability::from_stock(cell), expected, "{cell:?}");
    }

    #[rstest]
    #[case("5941234567899", true)] // EAN-13
    #[case("594-1234-567899", true)]
    #[case("036000291452", true)] // UPC-A
    #[case("96385074", true)] // GTIN-8
    #[case("10012345678902", true)] // GTIN-14
    #[case("5941234567891", false)] // wrong check digit
    #[case("59412345678", false)] // 11 digits
    #[case("ABC1234567890", false)]
    fn gtins_need_a_right_check_digit(#[case] cell: &str, #[case] valid: bool) {
        assert_eq!(gtin(cell).is_some(), valid, "{cell:?}");
    }

    #[test]
    fn currencies_are_iso_4217_codes() {
        assert_eq!(Currency::parse(" eur ").unwrap().as_str(), "EUR");
        assert_eq!(Currency::default().as_str(), "RON");
        for bad in ["", "LEI", "EURO", "XYZ", "€"] {
            let error = Currency::parse(bad).unwrap_err();
            assert!(
                error.contains("ISO 4217") && error.contains("RON"),
                "{error}"
            );
        }
    }
}
