//! The override vocabulary: each [`Key`] names one field of [`Messages`], and [`Strings`]
//! reads an element's text with the page's overrides (`text-{key}` attribute, `strings`
//! option or prop) first. The keys, their names and their fields are one table, in
//! messages.rs.

use super::messages::{Message, Messages, Plural};
use super::{Key, Lang, PluralCategory};

impl Key {
    /// Whether the string has plural forms ([`Strings::plural`], not [`Strings::get`]).
    pub fn is_counted(self) -> bool {
        matches!(self.message(Lang::En.messages()), Message::Counted(_))
    }

    /// The key of an override name, accepting `verified-buyer` and `verifiedBuyer`.
    pub fn from_name(name: &str) -> Option<Self> {
        let mut kebab = String::with_capacity(name.len() + 4);
        for c in name.chars() {
            if c.is_ascii_uppercase() {
                kebab.push('-');
            }
            kebab.push(c.to_ascii_lowercase());
        }
        // outOf5 → out-of5 → out-of-5 (a suffix test, not a substring replace: smaller wasm).
        if kebab.ends_with("out-of5") {
            kebab.insert(kebab.len() - 1, '-');
        }
        Self::ALL.into_iter().find(|key| key.as_str() == kebab)
    }
}

/// The strings of one element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Strings {
    lang: Lang,
    overrides: Vec<(Key, String)>,
}

impl Strings {
    /// `lang`'s strings with `overrides` (name, text); unknown names are ignored.
    pub fn new(lang: Lang, overrides: &[(String, String)]) -> Self {
        let overrides = overrides
            .iter()
            .filter_map(|(name, text)| Key::from_name(name).map(|key| (key, text.clone())))
            .collect();
        Self { lang, overrides }
    }

    /// The language's messages, without overrides.
    pub fn messages(&self) -> &'static Messages {
        self.lang.messages()
    }

    fn overridden(&self, key: Key) -> Option<&str> {
        self.overrides
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, text)| text.as_str())
    }

    /// The text of `key` (of a counted key: its `other` form).
    pub fn get(&self, key: Key) -> &str {
        self.overridden(key)
            .unwrap_or_else(|| match key.message(self.messages()) {
                Message::Text(text) => text,
                Message::Counted(forms) => forms.other,
            })
    }

    /// The form of a counted string ([`Key::is_counted`]) for `category`. An override holds
    /// one form for every count, or the forms one|few|many|other separated by `|` (a
    /// language without some category repeats a neighbour: `{n} avis|{n} avis|{n} avis|{n} avis`).
    pub fn plural(&self, key: Key, category: PluralCategory) -> &str {
        if let Some(text) = self.overridden(key) {
            let slot = Plural::slot(category);
            return text.split('|').take(slot + 1).last().unwrap_or_default();
        }
        match key.message(self.messages()) {
            Message::Text(text) => text,
            Message::Counted(forms) => forms.form(category),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The placeholders each key's message takes, in every language and every form.
    fn placeholders(key: Key) -> &'static [&'static str] {
        match key {
            Key::RatedOutOf5 => &["rating"],
            Key::RatingLabel => &["n", "rating"],
            Key::ReviewCount => &["n"],
            Key::StarsRow => &["stars"],
            Key::HistogramRow => &["n", "row"],
            Key::Showing => &["shown", "total"],
            Key::RatingCaption => &["n", "rating"],
            Key::DisclosureMinStars | Key::TestimonialsMinStars => &["stars"],
            _ => &[],
        }
    }

    /// The `{name}`s of a template, sorted.
    fn names(template: &str) -> Vec<&str> {
        let mut names: Vec<&str> = template
            .split('{')
            .skip(1)
            .filter_map(|part| part.split_once('}').map(|(name, _)| name))
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    }

    #[test]
    fn every_message_takes_its_placeholders_in_every_language_and_form() {
        for key in Key::ALL {
            for lang in Lang::ALL {
                let text = Strings::new(lang, &[]);
                let forms: Vec<&str> = if key.is_counted() {
                    [
                        PluralCategory::One,
                        PluralCategory::Few,
                        PluralCategory::Many,
                        PluralCategory::Other,
                    ]
                    .map(|category| text.plural(key, category))
                    .to_vec()
                } else {
                    vec![text.get(key)]
                };
                for form in forms {
                    assert!(!form.trim().is_empty(), "{key:?} in {lang:?}");
                    assert_eq!(
                        names(form),
                        placeholders(key),
                        "{key:?} in {lang:?}: {form}"
                    );
                }
            }
            assert_eq!(Key::from_name(key.as_str()), Some(key));
        }
    }

    #[test]
    fn every_key_has_a_camel_case_name_and_is_documented() {
        let docs = include_str!("../../docs/embed.md");
        let types = include_str!("../../www/index.d.ts");
        for key in Key::ALL {
            let camel: String = key
                .as_str()
                .split('-')
                .enumerate()
                .map(|(i, word)| match i {
                    0 => word.to_owned(),
                    _ => word[..1].to_ascii_uppercase() + &word[1..],
                })
                .collect();
            assert_eq!(Key::from_name(&camel), Some(key), "{camel}");
            let listed = format!("`{}`", key.as_str());
            assert!(docs.contains(&listed), "docs/embed.md lists {listed}");
            if key.is_counted() {
                assert!(
                    types.contains(key.as_str()),
                    "www/index.d.ts names {listed}"
                );
            }
        }
    }

    #[test]
    fn counted_overrides_take_one_form_or_four() {
        let one_form = Strings::new(Lang::Fr, &[("reviewCount".into(), "{n} notes".into())]);
        assert_eq!(
            one_form.plural(Key::ReviewCount, PluralCategory::One),
            "{n} notes"
        );
        let forms = Strings::new(
            Lang::Pl,
            &[(
                "starsRow".into(),
                "{stars} gw.|{stars} gw. (few)|{stars} gw. (many)|{stars} gw. (other)".into(),
            )],
        );
        assert_eq!(
            forms.plural(Key::StarsRow, PluralCategory::One),
            "{stars} gw."
        );
        assert_eq!(
            forms.plural(Key::StarsRow, PluralCategory::Few),
            "{stars} gw. (few)"
        );
        assert_eq!(
            forms.plural(Key::StarsRow, PluralCategory::Many),
            "{stars} gw. (many)"
        );
        assert_eq!(
            forms.plural(Key::StarsRow, PluralCategory::Other),
            "{stars} gw. (other)"
        );
        let two = Strings::new(
            Lang::En,
            &[("reviewCount".into(), "{n} opinion|{n} opinions".into())],
        );
        assert_eq!(
            two.plural(Key::ReviewCount, PluralCategory::Many),
            "{n} opinions"
        );
    }

    #[test]
    fn star_rows_agree_with_their_number() {
        let row = |lang, category| {
            Strings::new(lang, &[])
                .plural(Key::StarsRow, category)
                .to_owned()
        };
        assert_eq!(row(Lang::En, PluralCategory::One), "{stars} star");
        assert_eq!(row(Lang::Ro, PluralCategory::Few), "{stars} stele");
        assert_eq!(row(Lang::Pl, PluralCategory::Many), "{stars} gwiazdek");
        assert_eq!(row(Lang::Bg, PluralCategory::One), "{stars} звезда");
    }

    #[test]
    fn overrides_replace_one_string() {
        let strings = Strings::new(
            Lang::Ro,
            &[
                ("verifiedBuyer".into(), "Client verificat".into()),
                ("nope".into(), "x".into()),
            ],
        );
        assert_eq!(strings.get(Key::VerifiedBuyer), "Client verificat");
        assert_eq!(strings.get(Key::ReadMore), "Citește mai mult");
        assert_eq!(Key::from_name("ratedOutOf5"), Some(Key::RatedOutOf5));
        assert_eq!(Key::from_name("ratingLabel"), Some(Key::RatingLabel));
        assert_eq!(
            strings.get(Key::ReviewCount),
            "{n} de recenzii",
            "a counted key's other form"
        );
    }
}
