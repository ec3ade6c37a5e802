//! The shape of a language's UI text: one table (below) names every message once — its
//! [`Key`], its override name, its [`Messages`] field and its group — and generates the
//! rest, as hyperium/http's header table does; one file per language in `lang/` fills the
//! groups, so a language missing a message does not compile.
//!
//! A message is whole: its punctuation and word order belong to the language, and the values
//! it takes are named placeholders (`{rating}`, `{n}`) that [`interpolate`] fills. A message
//! about a count is a [`Plural`], its forms chosen by the count's CLDR plural category.
//!
//! Messages come in groups by the elements that draw them, each behind one `cfg`: a browser
//! module carries only the groups of the elements it draws (`stele_reviews`,
//! `stele_testimonials`), and none carries the server's group (the rating images' caption,
//! which only the relay draws): 9 languages of unused text are kilobytes.

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

/// A message as a [`Key`] finds it: one text, or the forms of a counted one.
#[derive(Debug, Clone, Copy)]
pub(super) enum Message {
    Text(&'static str),
    Counted(&'static Plural),
}

/// The counted message of a key whose element this build does not draw.
#[allow(dead_code)]
static NOT_IN_THIS_BUILD: Plural = Plural {
    one: "",
    few: "",
    many: "",
    other: "",
};

/// The two kinds of message field: a text, or a counted message's forms.
trait Field {
    /// The message of a key whose group this build does not carry: no element of the build
    /// asks for it.
    #[allow(dead_code)]
    const ABSENT: Message;
    fn message(&'static self) -> Message;
}

impl Field for &'static str {
    const ABSENT: Message = Message::Text("");
    fn message(&'static self) -> Message {
        Message::Text(self)
    }
}

impl Field for Plural {
    const ABSENT: Message = Message::Counted(&NOT_IN_THIS_BUILD);
    fn message(&'static self) -> Message {
        Message::Counted(self)
    }
}

/// Generates, from one table of groups of `Key field "override-name": type` lines: the
/// group structs, [`Messages`] (one field per group, with the group's `cfg`), [`Key`],
/// `Key::ALL`, `Key::as_str` and `Key::message` (the key → field map; a key whose group the
/// build leaves out finds an empty message).
macro_rules! messages {
    (
        $(#[doc = $common_doc:literal])*
        $common:ident: $Common:ident {
            $( $(#[doc = $cdoc:literal])* $CKey:ident $cfield:ident $cname:literal: $cty:ty, )*
        }
        $(
            $(#[doc = $group_doc:literal])*
            #[cfg($cfg:meta)]
            $group:ident: $Group:ident {
                $( $(#[doc = $doc:literal])* $Key:ident $field:ident $name:literal: $ty:ty, )*
            }
        )*
    ) => {
        $(#[doc = $common_doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct $Common {
            $(
                #[doc = concat!("`", $cname, "`:")]
                $(#[doc = $cdoc])*
                pub $cfield: $cty,
            )*
        }

        $(
            $(#[doc = $group_doc])*
            #[cfg($cfg)]
            #[derive(Debug, Clone, Copy, PartialEq, Eq)]
            pub struct $Group {
                $(
                    #[doc = concat!("`", $name, "`:")]
                    $(#[doc = $doc])*
                    pub $field: $ty,
                )*
            }
        )*

        /// Every UI message of one language, by group. Each can be overridden per element
        /// by its name (`text-{name}` attribute, `strings` option or prop; see [`Key`]).
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct Messages {
            $(#[doc = $common_doc])*
            pub $common: $Common,
            $(
                $(#[doc = $group_doc])*
                #[cfg($cfg)]
                pub $group: $Group,
            )*
        }

        /// The name of a message ([`Messages`] field) that a page can override: its
        /// attribute name is `text-` + [`Key::as_str`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Key {
            $( $(#[doc = $cdoc])* $CKey, )*
            $($( $(#[doc = $doc])* $Key, )*)*
        }

        impl Key {
            /// Every key.
            pub const ALL: [Key; [$(stringify!($CKey),)* $($(stringify!($Key),)*)*].len()] =
                [$(Self::$CKey,)* $($(Self::$Key,)*)*];

            /// The override name: `text-verified-buyer` / `strings: {"verified-buyer": …}`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( Self::$CKey => $cname, )*
                    $($( Self::$Key => $name, )*)*
                }
            }

            /// The message of this key in `m`; empty for a message this build does not
            /// carry (see [`Messages`]): no element of the build asks for it.
            pub(super) fn message(self, m: &'static Messages) -> Message {
                match self {
                    $( Self::$CKey => Field::message(&m.$common.$cfield), )*
                    $($(
                        #[cfg($cfg)]
                        Self::$Key => Field::message(&m.$group.$field),
                        #[cfg(not($cfg))]
                        Self::$Key => <$ty as Field>::ABSENT,
                    )*)*
                }
            }
        }
    };
}

messages! {
    /// In every element, badges included.
    common: CommonMessages {
        /// A single review's stars: "Rated {rating} out of 5".
        RatedOutOf5 rated_out_of_5 "rated-out-of-5": &'static str,
        /// A product's stars with its count: "Rated {rating} out of 5, {n} reviews"
        /// (plural by `{n}`).
        RatingLabel rating_label "rating-label": Plural,
        /// The stars of a product without reviews: "No rating yet".
        NoRating no_rating "no-rating": &'static str,
        /// "{n} reviews" (plural by `{n}`).
        ReviewCount review_count "review-count": Plural,
        /// "out of 5" next to the average.
        OutOf5 out_of_5 "out-of-5": &'static str,
    }
    /// On review cards and their lists: in `<stele-reviews>` and `<stele-testimonials>`.
    #[cfg(any(stele_reviews, stele_testimonials))]
    cards: CardMessages {
        /// "Verified buyer".
        VerifiedBuyer verified_buyer "verified-buyer": &'static str,
        /// "Read more".
        ReadMore read_more "read-more": &'static str,
        /// "Show less".
        ReadLess read_less "read-less": &'static str,
        /// "Show more reviews": the review list's and the testimonials grid's next page.
        LoadMore load_more "load-more": &'static str,
        /// "No reviews yet": a product, or a shop, with none to show.
        Empty empty "empty": &'static str,
    }
    /// In `<stele-reviews>`: the list, its controls, the histogram and the review notice.
    #[cfg(stele_reviews)]
    reviews: ReviewMessages {
        /// "Sort by".
        SortBy sort_by "sort-by": &'static str,
        /// "Newest".
        SortNewest sort_newest "sort-newest": &'static str,
        /// "Oldest".
        SortOldest sort_oldest "sort-oldest": &'static str,
        /// "Highest rated".
        SortHighest sort_highest "sort-highest": &'static str,
        /// "Lowest rated".
        SortLowest sort_lowest "sort-lowest": &'static str,
        /// "Only with comments".
        WithComment with_comment "with-comment": &'static str,
        /// "Search reviews".
        Search search "search": &'static str,
        /// "No reviews match".
        EmptyFiltered empty_filtered "empty-filtered": &'static str,
        /// "Show all reviews".
        ShowAll show_all "show-all": &'static str,
        /// A histogram row's visible name: "{stars} stars" (plural by `{stars}`).
        StarsRow stars_row "stars-row": Plural,
        /// A histogram row's accessible name: "{row}, {n} reviews", where `{row}` is the
        /// row's visible name (`stars-row`) (plural by `{n}`).
        HistogramRow histogram_row "histogram-row": Plural,
        /// "Showing {shown} of {total}": announced when the list changes.
        Showing showing "showing": &'static str,
        /// "Customer reviews".
        ReviewsTitle reviews_title "reviews-title": &'static str,
        /// The review notice's summary: "How reviews are collected".
        DisclosureTitle disclosure_title "disclosure-title": &'static str,
        /// How reviews are collected (every Retargeting review answers an order's
        /// post-purchase email): "Only customers who placed an order can leave a review: …".
        DisclosureCollected disclosure_collected "disclosure-collected": &'static str,
        /// No moderation is set: "All reviews are shown, positive and negative."
        DisclosureAllShown disclosure_all_shown "disclosure-all-shown": &'static str,
        /// `STELE_MIN_STARS` is set: "Only reviews with {stars} stars or more are listed
        /// here; the average … count every review." (plural by `{stars}`).
        DisclosureMinStars disclosure_min_stars "disclosure-min-stars": Plural,
        /// `STELE_HIDE_WITHOUT_COMMENT` is set: "Reviews without a comment are not listed;
        /// they count in the average."
        DisclosureWithoutComment disclosure_without_comment "disclosure-without-comment": &'static str,
        /// `STELE_BLOCKLIST` or `STELE_HIDE_IDS` is set: "The shop may hide a review, for
        /// example for offensive words or personal data; …".
        DisclosureHidden disclosure_hidden "disclosure-hidden": &'static str,
    }
    /// In `<stele-testimonials>`: the carousel's controls and the title.
    #[cfg(stele_testimonials)]
    testimonials: TestimonialMessages {
        /// "Previous".
        Previous previous "previous": &'static str,
        /// "Next".
        Next next "next": &'static str,
        /// "Pause".
        Pause pause "pause": &'static str,
        /// "Play".
        Play play "play": &'static str,
        /// "What our customers say".
        TestimonialsTitle testimonials_title "testimonials-title": &'static str,
        /// The star threshold the testimonials are shown at, said on the element: "Showing
        /// our reviews with {stars} stars or more" (plural by `{stars}`).
        TestimonialsMinStars testimonials_min_stars "testimonials-min-stars": Plural,
    }
    /// Drawn by the relay only, never in a browser module.
    #[cfg(not(target_arch = "wasm32"))]
    server: ServerMessages {
        /// The caption of a rating image for email: "{rating} · {n} reviews" (plural by
        /// `{n}`).
        RatingCaption rating_caption "rating-caption": Plural,
    }
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
