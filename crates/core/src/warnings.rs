//! Counts of what parsing and normalisation had to drop or blank.

use std::fmt;

use serde::Serialize;

/// One kind of problem in upstream data. Each is counted once per field or record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    /// An element of `data` that is not an object: dropped.
    OrderNotAnObject,
    /// An order without an order number: dropped with its product reviews.
    OrderWithoutNumber,
    /// An element of `product_reviews` that is not an object: dropped.
    ReviewNotAnObject,
    /// A product review with an empty or missing `realid`: dropped.
    ReviewWithoutProductId,
    /// A product review with neither score nor comment: dropped.
    ReviewWithoutContent,
    /// `product_reviews` that is neither a list nor null: read as none.
    ReviewsNotAList,
    /// A score outside 0..=10 or not an integer: read as missing.
    InvalidScore,
    /// A date that is not `YYYY-MM-DD HH:MM:SS`: read as missing.
    InvalidDate,
    /// A comment that is not a string: read as missing.
    InvalidComment,
    /// A comment longer than [`crate::text::MAX_COMMENT_CHARS`]: cut there
    /// ([`crate::normalise::Batch::cut_comments`] names each).
    CommentTooLong,
    /// A `\uD800`–`\uDFFF` escape that is half of no UTF-16 pair (JSON that a lone surrogate
    /// makes invalid UTF-8): replaced by U+FFFD so the rest of the response still reads.
    LoneSurrogate,
}

impl WarningKind {
    /// Every kind, in a stable order.
    pub const ALL: [WarningKind; 11] = [
        Self::OrderNotAnObject,
        Self::OrderWithoutNumber,
        Self::ReviewNotAnObject,
        Self::ReviewWithoutProductId,
        Self::ReviewWithoutContent,
        Self::ReviewsNotAList,
        Self::InvalidScore,
        Self::InvalidDate,
        Self::InvalidComment,
        Self::CommentTooLong,
        Self::LoneSurrogate,
    ];

    /// A stable snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::OrderNotAnObject => "order_not_an_object",
            Self::OrderWithoutNumber => "order_without_number",
            Self::ReviewNotAnObject => "review_not_an_object",
            Self::ReviewWithoutProductId => "review_without_product_id",
            Self::ReviewWithoutContent => "review_without_content",
            Self::ReviewsNotAList => "reviews_not_a_list",
            Self::InvalidScore => "invalid_score",
            Self::InvalidDate => "invalid_date",
            Self::InvalidComment => "invalid_comment",
            Self::CommentTooLong => "comment_too_long",
            Self::LoneSurrogate => "lone_surrogate",
        }
    }

    fn index(self) -> usize {
        Self::ALL.iter().position(|kind| *kind == self).unwrap_or(0)
    }
}

/// How many of each [`WarningKind`] were seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Warnings([u64; WarningKind::ALL.len()]);

impl Warnings {
    /// Counts one occurrence.
    pub fn add(&mut self, kind: WarningKind) {
        self.0[kind.index()] += 1;
    }

    /// Occurrences of one kind.
    pub fn count(&self, kind: WarningKind) -> u64 {
        self.0[kind.index()]
    }

    /// Occurrences of every kind together.
    pub fn total(&self) -> u64 {
        self.0.iter().sum()
    }

    /// Adds another set of counts to this one.
    pub fn absorb(&mut self, other: &Warnings) {
        for (mine, theirs) in self.0.iter_mut().zip(other.0) {
            *mine += theirs;
        }
    }

    /// The kinds seen at least once, with their counts.
    pub fn iter(&self) -> impl Iterator<Item = (WarningKind, u64)> + '_ {
        WarningKind::ALL
            .into_iter()
            .map(|kind| (kind, self.count(kind)))
            .filter(|(_, n)| *n > 0)
    }
}

impl fmt::Display for Warnings {
    /// `3 warnings (invalid_score: 2, invalid_date: 1)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} warning{}",
            self.total(),
            if self.total() == 1 { "" } else { "s" }
        )?;
        let parts: Vec<String> = self
            .iter()
            .map(|(kind, n)| format!("{}: {n}", kind.as_str()))
            .collect();
        if !parts.is_empty() {
            write!(f, " ({})", parts.join(", "))?;
        }
        Ok(())
    }
}

impl Serialize for Warnings {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter().map(|(kind, n)| (kind.as_str(), n)))
    }
}
