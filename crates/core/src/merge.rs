//! Successive sync responses folded into one set of records, the same way every time.

use std::collections::HashMap;

use crate::normalise::Batch;
use crate::records::{supersedes, OrderFeedback, OrderRef, ProductReview, ProductReviewKey};
use crate::warnings::Warnings;

/// Every record kept so far, one per identity.
///
/// Identity is the order number for order feedback and (order number, product id) for a
/// product review. Merging follows [`supersedes`]; nothing is ever removed, because a later
/// sync that returns less (a `t` cursor, an upstream hiccup) says nothing about deletion.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FeedbackSet {
    orders: HashMap<OrderRef, OrderFeedback>,
    product_reviews: HashMap<ProductReviewKey, ProductReview>,
    warnings: Warnings,
}

/// What one merge did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MergeStats {
    /// Records with an identity not seen before.
    pub inserted: u64,
    /// Records that replaced a different stored version.
    pub updated: u64,
    /// Records equal to, or older than, what was stored.
    pub unchanged: u64,
}

impl FeedbackSet {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Applies one response's records as the newest sync.
    pub fn merge(&mut self, batch: Batch) -> MergeStats {
        let mut stats = MergeStats::default();
        self.warnings.absorb(&batch.warnings);
        for feedback in batch.orders {
            let key = feedback.order.clone();
            stats.record(upsert(&mut self.orders, key, feedback, |r| r.added_on));
        }
        for review in batch.product_reviews {
            stats.record(upsert(
                &mut self.product_reviews,
                review.key(),
                review,
                |r| r.added_on,
            ));
        }
        stats
    }

    /// Kept order feedback, in no particular order.
    pub fn orders(&self) -> impl Iterator<Item = &OrderFeedback> {
        self.orders.values()
    }

    /// Kept product reviews, in no particular order.
    pub fn product_reviews(&self) -> impl Iterator<Item = &ProductReview> {
        self.product_reviews.values()
    }

    /// Number of distinct orders kept.
    pub fn order_count(&self) -> usize {
        self.orders.len()
    }

    /// Number of distinct product reviews kept.
    pub fn product_review_count(&self) -> usize {
        self.product_reviews.len()
    }

    /// Warnings of every response merged so far.
    pub fn warnings(&self) -> &Warnings {
        &self.warnings
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Inserted,
    Updated,
    Unchanged,
}

impl MergeStats {
    fn record(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Inserted => self.inserted += 1,
            Outcome::Updated => self.updated += 1,
            Outcome::Unchanged => self.unchanged += 1,
        }
    }
}

fn upsert<K, V, F>(map: &mut HashMap<K, V>, key: K, incoming: V, added_on: F) -> Outcome
where
    K: std::hash::Hash + Eq,
    V: PartialEq,
    F: Fn(&V) -> Option<crate::time::Timestamp>,
{
    match map.entry(key) {
        std::collections::hash_map::Entry::Vacant(slot) => {
            slot.insert(incoming);
            Outcome::Inserted
        }
        std::collections::hash_map::Entry::Occupied(mut slot) => {
            if *slot.get() == incoming || !supersedes(added_on(&incoming), added_on(slot.get())) {
                Outcome::Unchanged
            } else {
                slot.insert(incoming);
                Outcome::Updated
            }
        }
    }
}
