//! The shape of a language's UI text: [`Messages`], one field per message, filled by one
//! file per language in `lang/`, so a language missing a message does not compile.
//!
//! A message is whole: its punctuation and word order belong to the language, and the values
//! it takes are named placeholders (`{rating}`, `{n}`) that [`interpolate`] fills. A message
//! about a count is a [`Plural`], its forms chosen by the count's CLDR plural category.

use super::PluralCategory;

/// The forms of a counted message, by the CLDR plural category of its count. A language
/// without some category repeats a neighbour (English: `few` and `many` as `other`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plural {
    /// `one` (e.g. en: 1; fr: 0 and 1).
    pub one: &'static str,
    /// `few` (e.g. pl: 2–4, 22–24; ro: 0, 2–19, 101–119), also used for `two`.
    pub few: &'static str,
    /// `many` (e.g. pl: 0, 5–21, 25–31; fr, es, it: whole millions).
    pub many: &'static str,
    /// `other`, also used for `zero`.
    pub other: &'static str,
}

impl Plural {
    /// The form for `category`.
    pub fn form(&self, category: PluralCategory) -> &'static str {
        [self.one, self.few, self.many, self.other][Self::slot(category)]
    }

    /// The place of `category`'s form in `one|few|many|other` (a field, or an override's
    /// `|`-separated list).
    pub(crate) fn slot(category: PluralCategory) -> usize {
        match category {
            PluralCategory::One => 0,
            PluralCategory::Few | PluralCategory::Two => 1,
            PluralCategory::Many => 2,
            PluralCategory::Zero | PluralCategory::Other => 3,
        }
    }
}

/// Every UI message of one language. A browser module carries only the messages of the
/// elements it draws (`stele_reviews`, `stele_testimonials`), and none carries the rating
/// images' caption, which only the relay draws: 9 languages of unused text are kilobytes.
///
/// Every UI message of one language. Each can be overridden per element by the name its
/// documentation starts with (`text-{name}` attribute, `strings` option or prop; see `Key`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Messages {
    /// `rated-out-of-5`: a single review's stars: "Rated {rating} out of 5".
    pub rated_out_of_5: &'static str,
    /// `rating-label`: a product's stars with its count: "Rated {rating} out of 5, {n}
    /// reviews" (plural by `{n}`).
    pub rating_label: Plural,
    /// `no-rating`: the stars of a product without reviews: "No rating yet".
    pub no_rating: &'static str,
    /// `review-count`: "{n} reviews" (plural by `{n}`).
    pub review_count: Plural,
    /// `out-of-5`: "out of 5" next to the average.
    pub out_of_5: &'static str,
    /// `verified-buyer`: "Verified buyer".
    #[cfg(any(stele_reviews, stele_testimonials))]
    pub verified_buyer: &'static str,
    /// `sort-by`: "Sort by".
    #[cfg(stele_reviews)]
    pub sort_by: &'static str,
    /// `sort-newest`: "Newest".
    #[cfg(stele_reviews)]
    pub sort_newest: &'static str,
    /// `sort-oldest`: "Oldest".
    #[cfg(stele_reviews)]
    pub sort_oldest: &'static str,
    /// `sort-highest`: "Highest rated".
    #[cfg(stele_reviews)]
    pub sort_highest: &'static str,
    /// `sort-lowest`: "Lowest rated".
    #[cfg(stele_reviews)]
    pub sort_lowest: &'static str,
    /// `with-comment`: "Only with comments".
    #[cfg(stele_reviews)]
    pub with_comment: &'static str,
    /// `search`: "Search reviews".
    #[cfg(stele_reviews)]
    pub search: &'static str,
    /// `load-more`: "Show more reviews".
    #[cfg(stele_reviews)]
    pub load_more: &'static str,
    /// `read-more`: "Read more".
    #[cfg(any(stele_reviews, stele_testimonials))]
    pub read_more: &'static str,
    /// `read-less`: "Show less".
    #[cfg(any(stele_reviews, stele_testimonials))]
    pub read_less: &'static str,
    /// `empty`: "No reviews yet".
    #[cfg(stele_reviews)]
    pub empty: &'static str,
    /// `empty-filtered`: "No reviews match".
    #[cfg(stele_reviews)]
    pub empty_filtered: &'static str,
    /// `show-all`: "Show all reviews".
    #[cfg(stele_reviews)]
    pub show_all: &'static str,
    /// `stars-row`: a histogram row's visible name: "{stars} stars" (plural by `{stars}`).
    #[cfg(stele_reviews)]
    pub stars_row: Plural,
    /// `histogram-row`: a histogram row's accessible name: "{row}, {n} reviews", where
    /// `{row}` is the row's visible name ([`Messages::stars_row`]) (plural by `{n}`).
    #[cfg(stele_reviews)]
    pub histogram_row: Plural,
    /// `showing`: "Showing {shown} of {total}": announced when the list changes.
    #[cfg(stele_reviews)]
    pub showing: &'static str,
    /// `previous`: "Previous".
    #[cfg(stele_testimonials)]
    pub previous: &'static str,
    /// `next`: "Next".
    #[cfg(stele_testimonials)]
    pub next: &'static str,
    /// `pause`: "Pause".
    #[cfg(stele_testimonials)]
    pub pause: &'static str,
    /// `play`: "Play".
    #[cfg(stele_testimonials)]
    pub play: &'static str,
    /// `testimonials-title`: "What our customers say".
    #[cfg(stele_testimonials)]
    pub testimonials_title: &'static str,
    /// `reviews-title`: "Customer reviews".
    #[cfg(stele_reviews)]
    pub reviews_title: &'static str,
    /// `rating-caption`: the caption of a rating image for email: "{rating} · {n} reviews"
    /// (plural by `{n}`).
    #[cfg(not(target_arch = "wasm32"))]
    pub rating_caption: Plural,
    /// `disclosure-title`: the review notice's summary: "How reviews are collected".
    #[cfg(stele_reviews)]
    pub disclosure_title: &'static str,
    /// `disclosure-collected`: how reviews are collected (every Retargeting review answers
    /// an order's post-purchase email): "Only customers who placed an order can leave a
    /// review: …".
    #[cfg(stele_reviews)]
    pub disclosure_collected: &'static str,
    /// `disclosure-all-shown`: no moderation is set: "All reviews are shown, positive and
    /// negative."
    #[cfg(stele_reviews)]
    pub disclosure_all_shown: &'static str,
    /// `disclosure-min-stars`: `STELE_MIN_STARS` is set: "Only reviews with {stars} stars
    /// or more are listed here; the average … count every review." (plural by `{stars}`).
    #[cfg(stele_reviews)]
    pub disclosure_min_stars: Plural,
    /// `disclosure-without-comment`: `STELE_HIDE_WITHOUT_COMMENT` is set: "Reviews without
    /// a comment are not listed; they count in the average."
    #[cfg(stele_reviews)]
    pub disclosure_without_comment: &'static str,
    /// `disclosure-hidden`: `STELE_BLOCKLIST` or `STELE_HIDE_IDS` is set: "The shop may hide
    /// a review, for example for offensive words or personal data; …".
    #[cfg(stele_reviews)]
    pub disclosure_hidden: &'static str,
}

/// `template` with each `{name}` in `args` replaced by its value, in one pass: a value is
/// never searched again (a review count cannot turn into `{total}`), and a placeholder not
/// in `args` stays as written.
pub fn interpolate(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let filled = after.find('}').and_then(|close| {
            let name = &after[..close];
            let (_, value) = args.iter().find(|(key, _)| *key == name)?;
            Some((value, close))
        });
        match filled {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interpolate_fills_named_placeholders() {
        assert_eq!(
            interpolate(
                "Showing {shown} of {total}",
                &[("total", "25"), ("shown", "3")]
            ),
            "Showing 3 of 25"
        );
        assert_eq!(interpolate("{n}{n} ({n})", &[("n", "7")]), "77 (7)");
        assert_eq!(
            interpolate("no placeholders", &[("n", "7")]),
            "no placeholders"
        );
        assert_eq!(interpolate("", &[]), "");
    }

    #[test]
    fn interpolate_never_fills_a_value_again() {
        assert_eq!(
            interpolate(
                "Showing {shown} of {total}",
                &[("shown", "{total}"), ("total", "25")]
            ),
            "Showing {total} of 25"
        );
        assert_eq!(interpolate("{n}", &[("n", "{n}")]), "{n}");
    }

    #[test]
    fn interpolate_leaves_unknown_and_unclosed_placeholders() {
        assert_eq!(
            interpolate("{rating} of {max}", &[("rating", "4,5")]),
            "4,5 of {max}"
        );
        assert_eq!(interpolate("{{n}}", &[("n", "1")]), "{1}");
        assert_eq!(interpolate("a {n", &[("n", "1")]), "a {n");
        assert_eq!(interpolate("{} {n}", &[("n", "1")]), "{} 1");
        assert_eq!(interpolate("ț{n}ă", &[("n", "1.234")]), "ț1.234ă");
    }

    #[test]
    fn plural_forms_by_category() {
        let plural = Plural {
            one: "1",
            few: "f",
            many: "m",
            other: "o",
        };
        let form = |category| plural.form(category);
        assert_eq!(form(PluralCategory::One), "1");
        assert_eq!(form(PluralCategory::Two), "f");
        assert_eq!(form(PluralCategory::Few), "f");
        assert_eq!(form(PluralCategory::Many), "m");
        assert_eq!(form(PluralCategory::Zero), "o");
        assert_eq!(form(PluralCategory::Other), "o");
    }
}
