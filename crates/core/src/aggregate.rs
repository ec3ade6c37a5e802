//! The one definition of a rating summary, used by the relay, the widget, server-rendered
//! HTML and the static export alike.

use serde::{Deserialize, Serialize};

use crate::score::Score;

/// A rating summary: `{"count", "average", "histogram", "with_comment"}`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Summary {
    /// Reviews with a score.
    pub count: u64,
    /// Mean stars (0.0–5.0) over the scored reviews; `null` when `count` is 0.
    /// Display it through [`Summary::rounded_average`], never by formatting this directly.
    pub average: Option<f64>,
    /// Scored reviews per star bucket 1..=5 (bucket = max(1, ceil(score / 2))).
    pub histogram: [u64; 5],
    /// Reviews with a comment, scored or not.
    pub with_comment: u64,
}

/// Something that can be counted in a [`Summary`].
pub trait Rated {
    /// The 0–10 score, if any.
    fn score(&self) -> Option<Score>;
    /// Whether it has a (non-empty) comment.
    fn has_comment(&self) -> bool;
}

/// Builds a [`Summary`] one review at a time, with an exact integer sum.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    count: u64,
    score_sum: u64,
    histogram: [u64; 5],
    with_comment: u64,
}

impl Tally {
    /// Counts one review.
    pub fn add(&mut self, score: Option<Score>, has_comment: bool) {
        if let Some(score) = score {
            self.count += 1;
            self.score_sum += u64::from(score.get());
            self.histogram[score.bucket() - 1] += 1;
        }
        self.with_comment += u64::from(has_comment);
    }

    /// Counts one [`Rated`] item.
    pub fn add_rated(&mut self, item: &impl Rated) {
        self.add(item.score(), item.has_comment());
    }

    /// The summary of everything counted.
    pub fn summary(&self) -> Summary {
        Summary {
            count: self.count,
            average: (self.count > 0).then(|| self.score_sum as f64 / (2 * self.count) as f64),
            histogram: self.histogram,
            with_comment: self.with_comment,
        }
    }
}

impl Summary {
    /// The summary of `items`.
    pub fn of<'a, R: Rated + 'a>(items: impl IntoIterator<Item = &'a R>) -> Self {
        let mut tally = Tally::default();
        items.into_iter().for_each(|item| tally.add_rated(item));
        tally.summary()
    }

    /// The average as shown to people and crawlers: rounded half-up to one decimal, once,
    /// here, so that every surface shows the same digit.
    pub fn rounded_average(&self) -> Option<f64> {
        self.average.map(round_to_tenth)
    }
}

/// Rounds a non-negative value half-up to one decimal (4.25 → 4.3, 4.24 → 4.2).
///
/// Means of small integers land on exact ties that binary floats store a hair low
/// (0.05 is 0.05000000000000000277 but 4.35 is 4.3499999999999996447); the nudge of 1e-9
/// restores the tie and is far below the spacing of any real mean's tenths.
pub fn round_to_tenth(value: f64) -> f64 {
    ((value * 10.0) + 0.5 + 1e-9).floor() / 10.0
}
