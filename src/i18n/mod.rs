//! UI language, strings and number/date/plural formatting.
//!
//! In the browser every format comes from `Intl` (js-sys): no bundled locale tables. The
//! server (SSR) cannot reach `Intl`, so [`format`] carries the one fact it needs per
//! language — the decimal separator and the plural rule — to render the same visible text.

pub mod format;
mod strings;

pub use format::{relative_unit, Formatter, PluralCategory};
pub use strings::{Key, Strings};

/// The languages Stele ships strings for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// English (the fallback).
    #[default]
    En,
    /// Romanian.
    Ro,
    /// Hungarian.
    Hu,
    /// Bulgarian.
    Bg,
    /// German.
    De,
    /// French.
    Fr,
    /// Spanish.
    Es,
    /// Italian.
    It,
    /// Polish.
    Pl,
}

impl Lang {
    /// Every language.
    pub const ALL: [Lang; 9] = [
        Self::En,
        Self::Ro,
        Self::Hu,
        Self::Bg,
        Self::De,
        Self::Fr,
        Self::Es,
        Self::It,
        Self::Pl,
    ];

    /// The BCP 47 tag.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Ro => "ro",
            Self::Hu => "hu",
            Self::Bg => "bg",
            Self::De => "de",
            Self::Fr => "fr",
            Self::Es => "es",
            Self::It => "it",
            Self::Pl => "pl",
        }
    }

    /// The language of a tag such as `ro-RO` or `de`; `None` for languages Stele lacks.
    pub fn from_tag(tag: &str) -> Option<Self> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Self::ALL.into_iter().find(|lang| lang.as_str() == primary)
    }

    /// The first supported language among `candidates` (element `lang`, then `<html lang>`),
    /// else English.
    pub fn resolve<'a>(candidates: impl IntoIterator<Item = Option<&'a str>>) -> Self {
        Self::resolve_locale(candidates).0
    }

    /// [`Lang::resolve`], with the region of the tag it came from (`en-GB` → GB), which
    /// Intl uses for number and date conventions.
    pub fn resolve_locale<'a>(
        candidates: impl IntoIterator<Item = Option<&'a str>>,
    ) -> (Self, Option<Region>) {
        candidates
            .into_iter()
            .flatten()
            .find_map(|tag| {
                let lang = Self::from_tag(tag)?;
                let region = tag.trim().split(['-', '_']).skip(1).find_map(Region::parse);
                Some((lang, region))
            })
            .unwrap_or_default()
    }
}

/// A BCP 47 region subtag: two letters (`GB`, `CH`) or three digits (`419`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Region {
    code: [u8; 3],
    len: u8,
}

impl Region {
    /// The region of a subtag, if it is one (scripts such as `Latn` are not).
    pub fn parse(subtag: &str) -> Option<Self> {
        let bytes = subtag.as_bytes();
        let valid = match bytes.len() {
            2 => bytes.iter().all(u8::is_ascii_alphabetic),
            3 => bytes.iter().all(u8::is_ascii_digit),
            _ => false,
        };
        if !valid {
            return None;
        }
        let mut code = [0; 3];
        for (slot, byte) in code.iter_mut().zip(bytes) {
            *slot = byte.to_ascii_uppercase();
        }
        Some(Self {
            code,
            len: bytes.len() as u8,
        })
    }

    /// `GB`, `419`.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.code[..usize::from(self.len)]).unwrap_or_default()
    }
}

/// Everything a component needs to speak the shopper's language.
#[derive(Debug, Clone)]
pub struct I18n {
    /// The language.
    pub lang: Lang,
    /// Its strings, with the page's overrides applied.
    pub strings: Strings,
    /// Numbers, plurals and dates.
    pub format: Formatter,
}

impl I18n {
    /// Strings and formats for the first supported language among `candidates` (element
    /// `lang`, then `<html lang>`), keeping its region for Intl, with `overrides` applied.
    pub fn resolve<'a>(
        candidates: impl IntoIterator<Item = Option<&'a str>>,
        overrides: &[(String, String)],
    ) -> Self {
        let (lang, region) = Lang::resolve_locale(candidates);
        let mut i18n = Self::new(lang, overrides);
        i18n.format = Formatter::new(lang).with_region(region);
        i18n
    }

    /// Strings and formats for `lang`, with `overrides` (key, text) applied.
    pub fn new(lang: Lang, overrides: &[(String, String)]) -> Self {
        Self {
            lang,
            strings: Strings::new(lang, overrides),
            format: Formatter::new(lang),
        }
    }

    /// "132 reviews", with the language's plural form.
    pub fn review_count(&self, count: u64) -> String {
        let form = self
            .strings
            .plural(Key::ReviewCount, self.format.plural(count));
        form.replace("{n}", &self.format.integer(count))
    }

    /// "4 stars", a histogram row's name, with the language's plural form.
    pub fn stars_row(&self, stars: u8) -> String {
        let form = self
            .strings
            .plural(Key::StarsRow, self.format.plural(stars.into()));
        form.replace("{stars}", &self.format.integer(stars.into()))
    }

    /// The one accessible name of a rating: "Rated 4.5 out of 5, 132 reviews".
    pub fn rating_label(&self, stars: Option<f64>, count: Option<u64>) -> String {
        let Some(stars) = stars else {
            return self.strings.get(Key::NoRating).to_owned();
        };
        let rated = self
            .strings
            .get(Key::RatedOutOf5)
            .replace("{rating}", &self.format.one_decimal(stars));
        match count {
            Some(count) => format!("{rated}, {}", self.review_count(count)),
            None => rated,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_resolve_from_element_then_page_then_english() {
        assert_eq!(Lang::resolve([Some("ro-RO"), Some("de")]), Lang::Ro);
        assert_eq!(Lang::resolve([None, Some("hu")]), Lang::Hu);
        assert_eq!(Lang::resolve([Some("ja"), Some("pl-PL")]), Lang::Pl);
        assert_eq!(Lang::resolve([Some("ja"), None]), Lang::En);
    }

    #[test]
    fn the_region_of_the_chosen_tag_is_kept_for_intl() {
        let region = |candidates: [Option<&str>; 2]| {
            Lang::resolve_locale(candidates)
                .1
                .map(|r| r.as_str().to_owned())
        };
        assert_eq!(
            region([Some("en-gb"), Some("de-CH")]).as_deref(),
            Some("GB")
        );
        assert_eq!(
            region([Some("ja-JP"), Some("de-CH")]).as_deref(),
            Some("CH"),
            "from the tag chosen"
        );
        assert_eq!(region([Some("es-419"), None]).as_deref(), Some("419"));
        assert_eq!(region([Some("sr-Latn-RS"), Some("pl")]), None);
        assert_eq!(region([Some("de"), None]), None);
        assert_eq!(region([Some("de-x-private"), None]), None);
        let i18n = I18n::resolve([Some("en-GB")], &[]);
        assert_eq!(
            (i18n.lang, i18n.format.tag()),
            (Lang::En, "en-GB".to_owned())
        );
        assert_eq!(I18n::resolve([None, Some("ro")], &[]).format.tag(), "ro");
    }
}
