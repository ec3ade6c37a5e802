//! Operator moderation. It filters what lists display; summaries still count every review,
//! so averages stay honest.

use std::collections::HashSet;

use stele_core::text::fold;
use stele_core::PublicReview;

use crate::config::moderation::ModerationOptions;

/// The moderation settings (`STELE_MIN_STARS`, `STELE_HIDE_WITHOUT_COMMENT`,
/// `STELE_BLOCKLIST`, `STELE_HIDE_IDS`, `STELE_PIN_IDS`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Moderation {
    /// Hide reviews whose stars (rounded up, as in the histogram) are below this; reviews
    /// without a score are hidden too while it is set.
    pub min_stars: Option<u8>,
    /// Hide reviews without a comment.
    pub hide_without_comment: bool,
    /// Words and phrases, folded: a comment containing one (as whole words) is hidden.
    blocklist: Vec<String>,
    /// Public ids never displayed.
    pub hidden: HashSet<String>,
    /// Public ids displayed first, in this order, whatever the sort.
    pub pinned: Vec<String>,
    /// A stricter minimum for testimonials only: a shop may keep 1-star feedback out of its
    /// testimonial carousel without hiding negative product reviews.
    pub testimonial_min_stars: Option<u8>,
}

impl Moderation {
    /// Settings from their parts; blocklist entries are folded here, once.
    pub fn new(
        min_stars: Option<u8>,
        hide_without_comment: bool,
        blocklist: &[String],
        hidden: &[String],
        pinned: &[String],
    ) -> Self {
        Self {
            min_stars,
            hide_without_comment,
            blocklist: blocklist
                .iter()
                .map(|w| fold(w.trim()))
                .filter(|w| !w.is_empty())
                .collect(),
            hidden: hidden
                .iter()
                .map(|id| id.trim().to_owned())
                .filter(|id| !id.is_empty())
                .collect(),
            pinned: pinned
                .iter()
                .map(|id| id.trim().to_owned())
                .filter(|id| !id.is_empty())
                .collect(),
            testimonial_min_stars: None,
        }
    }

    /// The rules `STELE_MIN_STARS`, `STELE_HIDE_WITHOUT_COMMENT`, `STELE_BLOCKLIST`,
    /// `STELE_HIDE_IDS`, `STELE_PIN_IDS` and `STELE_TESTIMONIAL_MIN_STARS` set.
    pub fn from_options(options: &ModerationOptions) -> Self {
        Self::new(
            options.min_stars,
            options.hide_without_comment,
            &options.blocklist,
            &options.hide_ids,
            &options.pin_ids,
        )
        // 1 shows every star count: no threshold at all (an unscored one stays shown too).
        .with_testimonial_min_stars(Some(options.testimonial_min_stars).filter(|n| *n > 1))
    }

    /// These settings plus a minimum for testimonials.
    pub fn with_testimonial_min_stars(mut self, min_stars: Option<u8>) -> Self {
        self.testimonial_min_stars = min_stars;
        self
    }

    /// The settings that apply to testimonials: the stricter of the two minimums.
    pub fn for_testimonials(&self) -> Moderation {
        Moderation {
            min_stars: self.testimonial_threshold(None),
            ..self.clone()
        }
    }

    /// The star threshold of testimonials when a page asks for `asked` (1–5; `None`: the
    /// relay's default, `STELE_TESTIMONIAL_MIN_STARS`): never below `STELE_MIN_STARS`, which
    /// holds for every list; `None` when every star count is shown (1, with no minimum set).
    pub fn testimonial_threshold(&self, asked: Option<u8>) -> Option<u8> {
        let wanted = asked.or(self.testimonial_min_stars);
        wanted
            .max(self.min_stars)
            .filter(|n| *n > 1 || self.min_stars.is_some())
    }

    /// Whether a review may be displayed; `folded_comment` is its comment through `fold`.
    pub fn shows(&self, review: &PublicReview, folded_comment: Option<&str>) -> bool {
        if self.flags(review, folded_comment)
            || (self.hide_without_comment && review.comment.is_none())
        {
            return false;
        }
        if let Some(min) = self.min_stars {
            if review
                .score
                .is_none_or(|score| (score.bucket() as u8) < min)
            {
                return false;
            }
        }
        true
    }

    /// Whether the operator singled the review out: its id is hidden or its comment holds a
    /// blocklisted word. Unlike the display rules (minimum stars, no comment), this judges
    /// the review itself, so feeds that must carry every review flag it as spam.
    pub fn flags(&self, review: &PublicReview, folded_comment: Option<&str>) -> bool {
        self.hidden.contains(&review.id)
            || folded_comment.is_some_and(|comment| {
                self.blocklist
                    .iter()
                    .any(|word| contains_words(comment, word))
            })
    }

    /// What lists leave out, as the public JSON states it for the review notice.
    pub fn list_rules(&self) -> stele_core::public::ListRules {
        stele_core::public::ListRules {
            min_stars: self.min_stars,
            hides_without_comment: self.hide_without_comment,
            hides_flagged: !self.blocklist.is_empty() || !self.hidden.is_empty(),
        }
    }

    /// Position among pinned reviews, if pinned.
    pub fn pin_rank(&self, id: &str) -> Option<usize> {
        self.pinned.iter().position(|pinned| pinned == id)
    }
}

/// Whether `phrase` occurs in `text` on word boundaries ("ass" is not in "class").
fn contains_words(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(at, found)| {
        let before = text[..at].chars().next_back();
        let after = text[at + found.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use stele_core::Score;

    fn review(id: &str, score: Option<i64>, comment: Option<&str>) -> PublicReview {
        PublicReview::new(
            id.into(),
            Some("p".into()),
            score.and_then(Score::new),
            comment.map(str::to_owned),
            None,
        )
    }

    fn shows(moderation: &Moderation, review: &PublicReview) -> bool {
        moderation.shows(review, review.comment.as_deref().map(fold).as_deref())
    }

    #[test]
    fn blocklist_ignores_case_and_diacritics_on_word_boundaries() {
        let moderation = Moderation::new(
            None,
            false,
            &["țeapă".into(), "Prost Făcut".into()],
            &[],
            &[],
        );
        assert!(!shows(
            &moderation,
            &review("a", Some(2), Some("O TEAPA totală!"))
        ));
        assert!(!shows(
            &moderation,
            &review("b", Some(2), Some("produs prost facut"))
        ));
        assert!(shows(
            &moderation,
            &review("c", Some(2), Some("fără țepe aici"))
        ));
        assert!(shows(
            &moderation,
            &review("d", Some(2), Some("teapalandia is a place"))
        ));
    }

    #[test]
    fn testimonials_default_to_the_operator_threshold_and_a_page_may_ask_for_another() {
        let default = Moderation::default().with_testimonial_min_stars(Some(4));
        assert_eq!(default.testimonial_threshold(None), Some(4));
        assert_eq!(default.testimonial_threshold(Some(5)), Some(5));
        assert_eq!(default.testimonial_threshold(Some(1)), None, "1 shows all");
        assert_eq!(Moderation::default().testimonial_threshold(None), None);
        // STELE_MIN_STARS holds for every list: a page cannot ask below it.
        let strict =
            Moderation::new(Some(3), false, &[], &[], &[]).with_testimonial_min_stars(None);
        assert_eq!(strict.testimonial_threshold(Some(1)), Some(3));
        assert_eq!(strict.testimonial_threshold(Some(5)), Some(5));
        assert_eq!(strict.for_testimonials().min_stars, Some(3));
    }

    #[test]
    fn min_stars_hide_ids_and_comment_rule() {
        let moderation = Moderation::new(Some(4), true, &[], &["x".into()], &[]);
        assert!(
            shows(&moderation, &review("a", Some(7), Some("ok"))),
            "7 is bucket 4"
        );
        assert!(!shows(&moderation, &review("b", Some(6), Some("ok"))));
        assert!(!shows(&moderation, &review("c", None, Some("ok"))));
        assert!(!shows(&moderation, &review("d", Some(10), None)));
        assert!(!shows(&moderation, &review("x", Some(10), Some("ok"))));
    }
}
