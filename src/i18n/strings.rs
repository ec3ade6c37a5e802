//! The override vocabulary: each [`Key`] names one field of [`Messages`], and [`Strings`]
//! reads an element's text with the page's overrides (`text-{key}` attribute, `strings`
//! option or prop) first.

use super::messages::{Messages, Plural};
use super::{Lang, PluralCategory};

/// The counted message of a key whose element this build does not draw.
#[allow(dead_code)]
static NOT_IN_THIS_BUILD: Plural = Plural {
    one: "",
    few: "",
    many: "",
    other: "",
};

/// The name of a message ([`Messages`] field) that a page can override: its attribute name
/// is `text-` + [`Key::as_str`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    /// "Rated {rating} out of 5".
    RatedOutOf5,
    /// "Rated {rating} out of 5, {n} reviews" (plural forms).
    RatingLabel,
    /// "No rating yet".
    NoRating,
    /// "{n} reviews" (plural forms).
    ReviewCount,
    /// "out of 5" next to the average.
    OutOf5,
    /// "Verified buyer".
    VerifiedBuyer,
    /// "Sort by".
    SortBy,
    /// "Newest".
    SortNewest,
    /// "Oldest".
    SortOldest,
    /// "Highest rated".
    SortHighest,
    /// "Lowest rated".
    SortLowest,
    /// "Only with comments".
    WithComment,
    /// "Search reviews".
    Search,
    /// "Show more reviews".
    LoadMore,
    /// "Read more".
    ReadMore,
    /// "Show less".
    ReadLess,
    /// "No reviews yet".
    Empty,
    /// "No reviews match".
    EmptyFiltered,
    /// "Show all reviews".
    ShowAll,
    /// "{stars} stars" histogram row (plural forms).
    StarsRow,
    /// "{row}, {n} reviews": a histogram row's accessible name (plural forms).
    HistogramRow,
    /// "Showing {shown} of {total}": announced to screen readers when the list changes.
    Showing,
    /// "Previous".
    Previous,
    /// "Next".
    Next,
    /// "Pause".
    Pause,
    /// "Play".
    Play,
    /// "What our customers say".
    TestimonialsTitle,
    /// "Customer reviews".
    ReviewsTitle,
    /// "{rating} · {n} reviews": a rating image's caption (plural forms).
    RatingCaption,
    /// "How reviews are collected".
    DisclosureTitle,
    /// How reviews are collected.
    DisclosureCollected,
    /// "All reviews are shown, positive and negative."
    DisclosureAllShown,
    /// "Only reviews with {stars} stars or more are listed here; …" (plural forms).
    DisclosureMinStars,
    /// "Reviews without a comment are not listed; …"
    DisclosureWithoutComment,
    /// "The shop may hide a review, …"
    DisclosureHidden,
}

impl Key {
    /// Every key.
    pub const ALL: [Key; 35] = [
        Self::RatedOutOf5,
        Self::RatingLabel,
        Self::NoRating,
        Self::ReviewCount,
        Self::OutOf5,
        Self::VerifiedBuyer,
        Self::SortBy,
        Self::SortNewest,
        Self::SortOldest,
        Self::SortHighest,
        Self::SortLowest,
        Self::WithComment,
        Self::Search,
        Self::LoadMore,
        Self::ReadMore,
        Self::ReadLess,
        Self::Empty,
        Self::EmptyFiltered,
        Self::ShowAll,
        Self::StarsRow,
        Self::HistogramRow,
        Self::Showing,
        Self::Previous,
        Self::Next,
        Self::Pause,
        Self::Play,
        Self::TestimonialsTitle,
        Self::ReviewsTitle,
        Self::RatingCaption,
        Self::DisclosureTitle,
        Self::DisclosureCollected,
        Self::DisclosureAllShown,
        Self::DisclosureMinStars,
        Self::DisclosureWithoutComment,
        Self::DisclosureHidden,
    ];

    /// Whether the string has plural forms ([`Strings::plural`], not [`Strings::get`]).
    pub fn is_counted(self) -> bool {
        matches!(self.message(Lang::En.messages()), Message::Counted(_))
    }

    /// The field of `messages` this key names.
    /// The message of this key in `m`; empty for a message this build does not carry (see
    /// [`Messages`]): no element of the build asks for it.
    fn message(self, m: &'static Messages) -> Message {
        use Message::{Counted, Text};
        match self {
            Self::RatedOutOf5 => Text(m.rated_out_of_5),
            Self::RatingLabel => Counted(&m.rating_label),
            Self::NoRating => Text(m.no_rating),
            Self::ReviewCount => Counted(&m.review_count),
            Self::OutOf5 => Text(m.out_of_5),
            #[cfg(any(stele_reviews, stele_testimonials))]
            Self::VerifiedBuyer => Text(m.verified_buyer),
            #[cfg(not(any(stele_reviews, stele_testimonials)))]
            Self::VerifiedBuyer => Text(""),
            #[cfg(stele_reviews)]
            Self::SortBy => Text(m.sort_by),
            #[cfg(not(stele_reviews))]
            Self::SortBy => Text(""),
            #[cfg(stele_reviews)]
            Self::SortNewest => Text(m.sort_newest),
            #[cfg(not(stele_reviews))]
            Self::SortNewest => Text(""),
            #[cfg(stele_reviews)]
            Self::SortOldest => Text(m.sort_oldest),
            #[cfg(not(stele_reviews))]
            Self::SortOldest => Text(""),
            #[cfg(stele_reviews)]
            Self::SortHighest => Text(m.sort_highest),
            #[cfg(not(stele_reviews))]
            Self::SortHighest => Text(""),
            #[cfg(stele_reviews)]
            Self::SortLowest => Text(m.sort_lowest),
            #[cfg(not(stele_reviews))]
            Self::SortLowest => Text(""),
            #[cfg(stele_reviews)]
            Self::WithComment => Text(m.with_comment),
            #[cfg(not(stele_reviews))]
            Self::WithComment => Text(""),
            #[cfg(stele_reviews)]
            Self::Search => Text(m.search),
            #[cfg(not(stele_reviews))]
            Self::Search => Text(""),
            #[cfg(stele_reviews)]
            Self::LoadMore => Text(m.load_more),
            #[cfg(not(stele_reviews))]
            Self::LoadMore => Text(""),
            #[cfg(any(stele_reviews, stele_testimonials))]
            Self::ReadMore => Text(m.read_more),
            #[cfg(not(any(stele_reviews, stele_testimonials)))]
            Self::ReadMore => Text(""),
            #[cfg(any(stele_reviews, stele_testimonials))]
            Self::ReadLess => Text(m.read_less),
            #[cfg(not(any(stele_reviews, stele_testimonials)))]
            Self::ReadLess => Text(""),
            #[cfg(stele_reviews)]
            Self::Empty => Text(m.empty),
            #[cfg(not(stele_reviews))]
            Self::Empty => Text(""),
            #[cfg(stele_reviews)]
            Self::EmptyFiltered => Text(m.empty_filtered),
            #[cfg(not(stele_reviews))]
            Self::EmptyFiltered => Text(""),
            #[cfg(stele_reviews)]
            Self::ShowAll => Text(m.show_all),
            #[cfg(not(stele_reviews))]
            Self::ShowAll => Text(""),
            #[cfg(stele_reviews)]
            Self::StarsRow => Counted(&m.stars_row),
            #[cfg(not(stele_reviews))]
            Self::StarsRow => Counted(&NOT_IN_THIS_BUILD),
            #[cfg(stele_reviews)]
            Self::HistogramRow => Counted(&m.histogram_row),
            #[cfg(not(stele_reviews))]
            Self::HistogramRow => Counted(&NOT_IN_THIS_BUILD),
            #[cfg(stele_reviews)]
            Self::Showing => Text(m.showing),
            #[cfg(not(stele_reviews))]
            Self::Showing => Text(""),
            #[cfg(stele_testimonials)]
            Self::Previous => Text(m.previous),
            #[cfg(not(stele_testimonials))]
            Self::Previous => Text(""),
            #[cfg(stele_testimonials)]
            Self::Next => Text(m.next),
            #[cfg(not(stele_testimonials))]
            Self::Next => Text(""),
            #[cfg(stele_testimonials)]
            Self::Pause => Text(m.pause),
            #[cfg(not(stele_testimonials))]
            Self::Pause => Text(""),
            #[cfg(stele_testimonials)]
            Self::Play => Text(m.play),
            #[cfg(not(stele_testimonials))]
            Self::Play => Text(""),
            #[cfg(stele_testimonials)]
            Self::TestimonialsTitle => Text(m.testimonials_title),
            #[cfg(not(stele_testimonials))]
            Self::TestimonialsTitle => Text(""),
            #[cfg(stele_reviews)]
            Self::ReviewsTitle => Text(m.reviews_title),
            #[cfg(not(stele_reviews))]
            Self::ReviewsTitle => Text(""),
            #[cfg(not(target_arch = "wasm32"))]
            Self::RatingCaption => Counted(&m.rating_caption),
            #[cfg(target_arch = "wasm32")]
            Self::RatingCaption => Counted(&NOT_IN_THIS_BUILD),
            #[cfg(stele_reviews)]
            Self::DisclosureTitle => Text(m.disclosure_title),
            #[cfg(not(stele_reviews))]
            Self::DisclosureTitle => Text(""),
            #[cfg(stele_reviews)]
            Self::DisclosureCollected => Text(m.disclosure_collected),
            #[cfg(not(stele_reviews))]
            Self::DisclosureCollected => Text(""),
            #[cfg(stele_reviews)]
            Self::DisclosureAllShown => Text(m.disclosure_all_shown),
            #[cfg(not(stele_reviews))]
            Self::DisclosureAllShown => Text(""),
            #[cfg(stele_reviews)]
            Self::DisclosureMinStars => Counted(&m.disclosure_min_stars),
            #[cfg(not(stele_reviews))]
            Self::DisclosureMinStars => Counted(&NOT_IN_THIS_BUILD),
            #[cfg(stele_reviews)]
            Self::DisclosureWithoutComment => Text(m.disclosure_without_comment),
            #[cfg(not(stele_reviews))]
            Self::DisclosureWithoutComment => Text(""),
            #[cfg(stele_reviews)]
            Self::DisclosureHidden => Text(m.disclosure_hidden),
            #[cfg(not(stele_reviews))]
            Self::DisclosureHidden => Text(""),
        }
    }

    /// The override name: `text-verified-buyer` / `strings: {"verified-buyer": …}`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::RatedOutOf5 => "rated-out-of-5",
            Self::RatingLabel => "rating-label",
            Self::NoRating => "no-rating",
            Self::ReviewCount => "review-count",
            Self::OutOf5 => "out-of-5",
            Self::VerifiedBuyer => "verified-buyer",
            Self::SortBy => "sort-by",
            Self::SortNewest => "sort-newest",
            Self::SortOldest => "sort-oldest",
            Self::SortHighest => "sort-highest",
            Self::SortLowest => "sort-lowest",
            Self::WithComment => "with-comment",
            Self::Search => "search",
            Self::LoadMore => "load-more",
            Self::ReadMore => "read-more",
            Self::ReadLess => "read-less",
            Self::Empty => "empty",
            Self::EmptyFiltered => "empty-filtered",
            Self::ShowAll => "show-all",
            Self::StarsRow => "stars-row",
            Self::HistogramRow => "histogram-row",
            Self::Showing => "showing",
            Self::Previous => "previous",
            Self::Next => "next",
            Self::Pause => "pause",
            Self::Play => "play",
            Self::TestimonialsTitle => "testimonials-title",
            Self::ReviewsTitle => "reviews-title",
            Self::RatingCaption => "rating-caption",
            Self::DisclosureTitle => "disclosure-title",
            Self::DisclosureCollected => "disclosure-collected",
            Self::DisclosureAllShown => "disclosure-all-shown",
            Self::DisclosureMinStars => "disclosure-min-stars",
            Self::DisclosureWithoutComment => "disclosure-without-comment",
            Self::DisclosureHidden => "disclosure-hidden",
        }
    }

    /// The key of an override name, accepting `verified-buyer` and `verifiedBuyer`.
    pub fn from_name(name: &str) -> Option<Self> {
        let kebab: String = name
            .chars()
            .flat_map(|c| {
                if c.is_ascii_uppercase() {
                    vec!['-', c.to_ascii_lowercase()]
                } else {
                    vec![c]
                }
            })
            .collect();
        // outOf5 → out-of5 → out-of-5 (a suffix test, not a substring replace: smaller wasm).
        let mut kebab = kebab;
        if kebab.ends_with("out-of5") {
            kebab.insert(kebab.len() - 1, '-');
        }
        Self::ALL.into_iter().find(|key| key.as_str() == kebab)
    }
}

/// A message as a [`Key`] finds it: one text, or the forms of a counted one.
#[derive(Debug, Clone, Copy)]
enum Message {
    Text(&'static str),
    Counted(&'static Plural),
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
            Key::DisclosureMinStars => &["stars"],
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
