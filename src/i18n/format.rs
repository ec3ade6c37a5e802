//! Numbers, plurals and dates. In the browser: `Intl`. On the server (SSR) and in native
//! tests: the decimal separator and plural rule of each language, enough for the same text.

use stele_core::Timestamp;

use super::{Lang, Region};

/// CLDR plural categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PluralCategory {
    /// zero
    Zero,
    /// one
    One,
    /// two
    Two,
    /// few
    Few,
    /// many
    Many,
    /// other
    Other,
}

impl PluralCategory {
    fn from_name(name: &str) -> Self {
        match name {
            "zero" => Self::Zero,
            "one" => Self::One,
            "two" => Self::Two,
            "few" => Self::Few,
            "many" => Self::Many,
            _ => Self::Other,
        }
    }
}

/// Formats for one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formatter {
    lang: Lang,
    region: Option<Region>,
}

#[cfg(stele_browser)]
mod browser {
    use std::cell::RefCell;

    use js_sys::{Array, Intl, Object, Reflect};
    use wasm_bindgen::{JsCast, JsValue};

    thread_local! {
        /// Intl formatters by (what, tag): building one costs more than formatting with it
        /// many times over, and a list of 20 reviews formats some 60 values.
        static FORMATTERS: RefCell<Vec<(String, JsValue)>> = const { RefCell::new(Vec::new()) };
    }

    /// The formatter `key` (which kind, and the locale tag), built by `make` the first time.
    fn cached<T: JsCast>(key: String, make: impl FnOnce() -> T) -> T {
        let known = FORMATTERS.with(|cell| {
            cell.borrow()
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.clone())
        });
        let value = known.unwrap_or_else(|| {
            let value: JsValue = make().into();
            FORMATTERS.with(|cell| cell.borrow_mut().push((key, value.clone())));
            value
        });
        value.unchecked_into()
    }

    pub fn options(pairs: &[(&str, JsValue)]) -> Object {
        let object = Object::new();
        for (key, value) in pairs {
            let _ = Reflect::set(&object, &JsValue::from_str(key), value);
        }
        object
    }

    pub fn locales(tag: &str) -> Array {
        Array::of1(&JsValue::from_str(tag))
    }

    pub fn number(tag: &str, value: f64, digits: u32) -> String {
        let format = cached(format!("number {digits} {tag}"), || {
            let digits = JsValue::from(digits);
            Intl::NumberFormat::new(
                &locales(tag),
                &options(&[
                    ("minimumFractionDigits", digits.clone()),
                    ("maximumFractionDigits", digits),
                ]),
            )
        });
        format
            .format()
            .call1(&JsValue::NULL, &JsValue::from(value))
            .ok()
            .and_then(|v| v.as_string())
            // JavaScript's own number text: Rust's float formatting would add ~8 KB of code
            // to every module for a branch Intl never takes.
            .unwrap_or_else(|| {
                String::from(
                    js_sys::Number::from(value)
                        .to_string_with_radix(10)
                        .unwrap_or_default(),
                )
            })
    }

    pub fn plural(tag: &str, value: f64) -> String {
        cached(format!("plural {tag}"), || {
            Intl::PluralRules::new(&locales(tag), &Object::new())
        })
        .select(value)
        .into()
    }

    pub fn relative(tag: &str, value: f64, unit: &str) -> String {
        let format = cached(format!("relative {tag}"), || {
            Intl::RelativeTimeFormat::new(
                &locales(tag),
                &options(&[("numeric", JsValue::from_str("auto"))]),
            )
        });
        format.format(value, unit).into()
    }

    pub fn date(tag: &str, unix: i64) -> String {
        let date = js_sys::Date::new(&JsValue::from((unix * 1000) as f64));
        let format = cached(format!("date {tag}"), || {
            Intl::DateTimeFormat::new(
                &locales(tag),
                &options(&[("dateStyle", JsValue::from_str("long"))]),
            )
        });
        format
            .format()
            .call1(&JsValue::NULL, &date)
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    }

    pub fn now() -> i64 {
        (js_sys::Date::now() / 1000.0) as i64
    }
}

impl Formatter {
    /// Formats for `lang`.
    pub fn new(lang: Lang) -> Self {
        Self { lang, region: None }
    }

    /// The same language with a region's conventions (`en` + GB: day before month).
    pub fn with_region(self, region: Option<Region>) -> Self {
        Self { region, ..self }
    }

    /// The BCP 47 tag Intl gets: `en-GB`, `ro`.
    pub fn tag(&self) -> String {
        match &self.region {
            Some(region) => format!("{}-{}", self.lang.as_str(), region.as_str()),
            None => self.lang.as_str().to_owned(),
        }
    }

    /// A value already rounded to a tenth (see `Summary::rounded_average`), with one
    /// decimal: "4.5", "4,5".
    pub fn one_decimal(&self, value: f64) -> String {
        #[cfg(stele_browser)]
        return browser::number(&self.tag(), value, 1);
        #[cfg(not(stele_browser))]
        table::one_decimal(self.lang, value)
    }

    /// A whole number: "1,234" (en), "1.234" (ro).
    pub fn integer(&self, value: u64) -> String {
        #[cfg(stele_browser)]
        return browser::number(&self.tag(), value as f64, 0);
        #[cfg(not(stele_browser))]
        table::integer(self.lang, value)
    }

    /// The plural category of a count.
    pub fn plural(&self, count: u64) -> PluralCategory {
        #[cfg(stele_browser)]
        return PluralCategory::from_name(&browser::plural(&self.tag(), count as f64));
        #[cfg(not(stele_browser))]
        table::plural(self.lang, count)
    }

    /// The exact date, for `<time>` text where relative dates are unavailable and for titles.
    pub fn date(&self, at: Timestamp) -> String {
        #[cfg(stele_browser)]
        return browser::date(&self.tag(), at.unix());
        #[cfg(not(stele_browser))]
        at.to_string()[..10].to_owned()
    }

    /// "3 days ago" in the browser; the exact date on the server, where "now" would be stale
    /// in any cache.
    pub fn relative(&self, at: Timestamp) -> String {
        #[cfg(stele_browser)]
        {
            let (value, unit) = relative_unit(at.unix() - browser::now());
            browser::relative(&self.tag(), value as f64, unit)
        }
        #[cfg(not(stele_browser))]
        self.date(at)
    }
}

/// The largest unit that keeps a relative date readable: (signed count, unit).
pub fn relative_unit(delta_seconds: i64) -> (i64, &'static str) {
    const UNITS: [(i64, &str); 6] = [
        (31_536_000, "year"),
        (2_592_000, "month"),
        (604_800, "week"),
        (86_400, "day"),
        (3600, "hour"),
        (60, "minute"),
    ];
    for (size, unit) in UNITS {
        if delta_seconds.abs() >= size {
            return (delta_seconds / size, unit);
        }
    }
    (0, "minute")
}

/// What the server renders where the browser asks Intl: the few CLDR facts Stele's visible
/// text needs, per language (without region). A browser test checks them against Intl, so
/// a server-rendered fragment reads the same as the widget that takes it over.
pub mod table {
    use super::{Lang, PluralCategory};

    /// [`super::Formatter::one_decimal`] as the server writes it.
    pub fn one_decimal(lang: Lang, value: f64) -> String {
        let text = format!("{value:.1}");
        if lang == Lang::En {
            text
        } else {
            text.replace('.', ",")
        }
    }

    /// [`super::Formatter::integer`] as the server writes it.
    pub fn integer(lang: Lang, value: u64) -> String {
        let separator = match lang {
            Lang::En => ",",
            Lang::Ro | Lang::De | Lang::It | Lang::Es => ".",
            Lang::Hu | Lang::Bg | Lang::Pl => "\u{a0}",
            // CLDR groups French with a narrow no-break space.
            Lang::Fr => "\u{202f}",
        };
        let digits = value.to_string();
        // These group only from five digits (CLDR minimumGroupingDigits 2).
        let min = if matches!(lang, Lang::Es | Lang::It | Lang::Pl | Lang::Hu | Lang::Bg) {
            5
        } else {
            4
        };
        if digits.len() < min {
            return digits;
        }
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push_str(separator);
            }
            out.push(c);
        }
        out
    }

    /// [`super::Formatter::plural`] as the server decides it.
    pub fn plural(lang: Lang, count: u64) -> PluralCategory {
        PluralCategory::from_name(match lang {
            // CLDR: French, Spanish and Italian "many" is for whole millions ("1 000 000 de …").
            Lang::Fr | Lang::Es | Lang::It if count != 0 && count.is_multiple_of(1_000_000) => {
                "many"
            }
            Lang::Fr if count <= 1 => "one",
            Lang::Ro if count == 1 => "one",
            // CLDR: few is n = 0 or n % 100 in 1..19 (n ≠ 1), so 101 and 112 are "few".
            Lang::Ro if count == 0 || (1..=19).contains(&(count % 100)) => "few",
            Lang::Pl if count == 1 => "one",
            Lang::Pl if (2..=4).contains(&(count % 10)) && !(12..=14).contains(&(count % 100)) => {
                "few"
            }
            Lang::Pl => "many",
            Lang::Fr | Lang::Ro => "other",
            _ if count == 1 => "one",
            _ => "other",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_formats_match_the_browser_for_common_cases() {
        assert_eq!(Formatter::new(Lang::Ro).one_decimal(4.5), "4,5");
        assert_eq!(Formatter::new(Lang::En).one_decimal(4.3), "4.3");
        assert_eq!(Formatter::new(Lang::En).integer(1234), "1,234");
        assert_eq!(Formatter::new(Lang::Ro).integer(1234), "1.234");
        assert_eq!(Formatter::new(Lang::Es).integer(1234), "1234");
        assert_eq!(Formatter::new(Lang::Ro).plural(1), PluralCategory::One);
        assert_eq!(Formatter::new(Lang::Ro).plural(5), PluralCategory::Few);
        assert_eq!(Formatter::new(Lang::Ro).plural(20), PluralCategory::Other);
        assert_eq!(Formatter::new(Lang::Ro).plural(101), PluralCategory::Few);
        assert_eq!(Formatter::new(Lang::Ro).plural(112), PluralCategory::Few);
        assert_eq!(Formatter::new(Lang::Ro).plural(120), PluralCategory::Other);
        assert_eq!(Formatter::new(Lang::Ro).plural(0), PluralCategory::Few);
        assert_eq!(Formatter::new(Lang::Ro).plural(102), PluralCategory::Few);
        assert_eq!(Formatter::new(Lang::Pl).plural(22), PluralCategory::Few);
        assert_eq!(Formatter::new(Lang::Pl).plural(12), PluralCategory::Many);
        assert_eq!(Formatter::new(Lang::Fr).plural(0), PluralCategory::One);
    }

    #[test]
    fn relative_units() {
        assert_eq!(relative_unit(-3 * 86_400), (-3, "day"));
        assert_eq!(relative_unit(-30), (0, "minute"));
        assert_eq!(relative_unit(-400 * 86_400), (-1, "year"));
        assert_eq!(relative_unit(-8 * 86_400), (-1, "week"));
    }
}
