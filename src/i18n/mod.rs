//! UI language, strings and number/date/plural formatting.
//!
//! Each language's text is one file in `lang/`, a [`Messages`] constant: whole messages with
//! named placeholders (`{rating}`, `{n}`), counted ones with their plural forms
//! ([`Plural`]), all filled by [`interpolate`]. [`Strings`] puts the page's overrides first.
//!
//! In the browser every format comes from `Intl` (js-sys): no bundled locale tables. The
//! server (SSR) cannot reach `Intl`, so [`format`] carries the one fact it needs per
//! language — the decimal separator and the plural rule — to render the same visible text.

pub mod format;
mod lang;
mod messages;
mod strings;

pub use format::{relative_unit, Formatter, PluralCategory};
pub use messages::{interpolate, Key, Messages, Plural};
pub use strings::Strings;

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

    /// Its built-in messages.
    pub fn messages(self) -> &'static Messages {
        match self {
            Self::En => &lang::en::MESSAGES,
            Self::Ro => &lang::ro::MESSAGES,
            Self::Hu => &lang::hu::MESSAGES,
            Self::Bg => &lang::bg::MESSAGES,
            Self::De => &lang::de::MESSAGES,
            Self::Fr => &lang::fr::MESSAGES,
            Self::Es => &lang::es::MESSAGES,
            Self::It => &lang::it::MESSAGES,
            Self::Pl => &lang::pl::MESSAGES,
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

    /// The form of counted `key` for `count`, and `count` as the language writes it.
    fn counted(&self, key: Key, count: u64) -> (&str, String) {
        let form = self.strings.plural(key, self.format.plural(count));
        (form, self.format.integer(count))
    }

    /// "132 reviews", with the language's plural form.
    pub fn review_count(&self, count: u64) -> String {
        let (form, n) = self.counted(Key::ReviewCount, count);
        interpolate(form, &[("n", &n)])
    }

    /// "4 stars", a histogram row's visible name, with the language's plural form.
    pub fn stars_row(&self, stars: u8) -> String {
        let (form, stars) = self.counted(Key::StarsRow, stars.into());
        interpolate(form, &[("stars", &stars)])
    }

    /// "4 stars, 12 reviews": a histogram row's accessible name, which starts with the
    /// row's visible name `row` ([`I18n::stars_row`]).
    pub fn histogram_row(&self, row: &str, count: u64) -> String {
        let (form, n) = self.counted(Key::HistogramRow, count);
        interpolate(form, &[("row", row), ("n", &n)])
    }

    /// The one accessible name of a rating: "Rated 4.5 out of 5, 132 reviews" with a count,
    /// "Rated 4.5 out of 5" without (one review), "No rating yet" without stars.
    pub fn rating_label(&self, stars: Option<f64>, count: Option<u64>) -> String {
        let Some(stars) = stars else {
            return self.strings.get(Key::NoRating).to_owned();
        };
        let rating = self.format.one_decimal(stars);
        match count {
            Some(count) => {
                let (form, n) = self.counted(Key::RatingLabel, count);
                interpolate(form, &[("rating", &rating), ("n", &n)])
            }
            None => interpolate(self.strings.get(Key::RatedOutOf5), &[("rating", &rating)]),
        }
    }

    /// "4.5 · 132 reviews", a rating image's caption; "No rating yet" without stars.
    pub fn rating_caption(&self, stars: Option<f64>, count: u64) -> String {
        let Some(stars) = stars else {
            return self.strings.get(Key::NoRating).to_owned();
        };
        let rating = self.format.one_decimal(stars);
        let (form, n) = self.counted(Key::RatingCaption, count);
        interpolate(form, &[("rating", &rating), ("n", &n)])
    }

    /// The review notice's sentence on `STELE_MIN_STARS`: "Only reviews with 4 stars or
    /// more are listed here; …".
    pub fn disclosure_min_stars(&self, stars: u8) -> String {
        let (form, stars) = self.counted(Key::DisclosureMinStars, stars.into());
        interpolate(form, &[("stars", &stars)])
    }

    /// The testimonials' star threshold, visible on the element: "Showing our reviews with
    /// 4 stars or more".
    pub fn testimonials_min_stars(&self, stars: u8) -> String {
        let (form, stars) = self.counted(Key::TestimonialsMinStars, stars.into());
        interpolate(form, &[("stars", &stars)])
    }

    /// "Showing 20 of 132", announced when the list changes.
    pub fn showing(&self, shown: u64, total: u64) -> String {
        let (shown, total) = (self.format.integer(shown), self.format.integer(total));
        interpolate(
            self.strings.get(Key::Showing),
            &[("shown", &shown), ("total", &total)],
        )
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

    #[test]
    fn a_rating_label_is_one_whole_message() {
        let ro = I18n::new(Lang::Ro, &[]);
        assert_eq!(
            ro.rating_label(Some(4.3), Some(2)),
            "Evaluat cu 4,3 din 5, 2 recenzii"
        );
        assert_eq!(
            ro.rating_label(Some(4.3), Some(20)),
            "Evaluat cu 4,3 din 5, 20 de recenzii"
        );
        assert_eq!(ro.rating_label(Some(5.0), None), "Evaluat cu 5,0 din 5");
        assert_eq!(ro.rating_label(None, Some(0)), "Încă nicio evaluare");
        let en = I18n::new(Lang::En, &[]);
        assert_eq!(
            en.rating_label(Some(4.5), Some(1_234)),
            "Rated 4.5 out of 5, 1,234 reviews"
        );
        assert_eq!(
            en.rating_label(Some(4.5), Some(1)),
            "Rated 4.5 out of 5, 1 review"
        );
    }

    #[test]
    fn built_in_labels_read_as_their_parts_did() {
        // The whole messages keep the text the parts made before they were whole.
        for lang in Lang::ALL {
            let i18n = I18n::new(lang, &[]);
            for count in [0, 1, 2, 5, 12, 22, 101, 1_000_000] {
                let rated = interpolate(
                    i18n.strings.get(Key::RatedOutOf5),
                    &[("rating", &i18n.format.one_decimal(4.5))],
                );
                let count_text = i18n.review_count(count);
                let mut parts = rated;
                parts.push_str(", ");
                parts.push_str(&count_text);
                assert_eq!(i18n.rating_label(Some(4.5), Some(count)), parts);
                let row = i18n.stars_row(4);
                let mut parts = row.clone();
                parts.push_str(", ");
                parts.push_str(&count_text);
                assert_eq!(i18n.histogram_row(&row, count), parts);
            }
        }
    }

    #[test]
    fn counted_labels_take_overrides_with_their_forms() {
        let pl = I18n::new(
            Lang::Pl,
            &[
                (
                    "ratingLabel".into(),
                    "{rating}/5 ({n} opinia)|{rating}/5 ({n} opinie)|{rating}/5 ({n} opinii)"
                        .into(),
                ),
                ("histogram-row".into(), "{n} × {row}".into()),
                ("stars-row".into(), "{stars}★".into()),
            ],
        );
        assert_eq!(pl.rating_label(Some(4.5), Some(1)), "4,5/5 (1 opinia)");
        assert_eq!(pl.rating_label(Some(4.5), Some(3)), "4,5/5 (3 opinie)");
        assert_eq!(pl.rating_label(Some(4.5), Some(5)), "4,5/5 (5 opinii)");
        assert_eq!(pl.rating_label(Some(4.5), None), "Ocena 4,5 na 5");
        assert_eq!(pl.histogram_row(&pl.stars_row(5), 12), "12 × 5★");
    }

    #[test]
    fn the_testimonials_threshold_is_said_in_every_language() {
        let said: Vec<String> = Lang::ALL
            .iter()
            .map(|&lang| I18n::new(lang, &[]).testimonials_min_stars(4))
            .collect();
        assert_eq!(said[0], "Showing our reviews with 4 stars or more");
        assert_eq!(
            I18n::new(Lang::Ro, &[]).testimonials_min_stars(1),
            "Afișăm recenziile noastre cu 1 stea sau mai mult"
        );
        for (lang, text) in Lang::ALL.iter().zip(&said) {
            assert!(
                text.contains('4') && !text.contains('{'),
                "{lang:?}: {text}"
            );
        }
        let distinct: std::collections::HashSet<&String> = said.iter().collect();
        assert_eq!(
            distinct.len(),
            Lang::ALL.len(),
            "each language its own words"
        );
    }

    #[test]
    fn showing_fills_its_numbers_once() {
        let fr = I18n::new(Lang::Fr, &[]);
        assert_eq!(fr.showing(20, 1_234), "20 sur 1\u{202f}234 affichés");
        let odd = I18n::new(
            Lang::En,
            &[("showing".into(), "{total}: {shown} {rest}".into())],
        );
        assert_eq!(odd.showing(3, 25), "25: 3 {rest}");
    }
}
