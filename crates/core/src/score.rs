//! A validated feedback score and the one place where scores become stars.

use serde::{Deserialize, Deserializer, Serialize};

/// A feedback score on Retargeting's 0–10 scale, validated on construction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Score(u8);

impl Score {
    /// The highest score the upstream gives.
    pub const MAX: u8 = 10;

    /// A score from an integer; `None` outside `0..=10`.
    pub fn new(value: i64) -> Option<Self> {
        u8::try_from(value)
            .ok()
            .filter(|v| *v <= Self::MAX)
            .map(Self)
    }

    /// The raw 0–10 value.
    pub fn get(self) -> u8 {
        self.0
    }

    /// Stars on a 0–5 scale in halves: `score / 2`.
    pub fn stars(self) -> f64 {
        f64::from(self.0) / 2.0
    }

    /// The histogram bucket, 1 to 5: `max(1, ceil(score / 2))`.
    pub fn bucket(self) -> usize {
        usize::from(self.0.div_ceil(2).max(1))
    }
}

impl<'de> Deserialize<'de> for Score {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = i64::deserialize(deserializer)?;
        Score::new(value).ok_or_else(|| {
            serde::de::Error::custom(format_args!("score {value} is outside 0..=10"))
        })
    }
}
