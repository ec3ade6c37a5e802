//! Normalised feedback, as the relay stores it. These types carry the order number and so
//! deliberately implement no `Serialize`: only [`crate::public`] types leave the server.

use crate::score::Score;
use crate::time::Timestamp;

/// The shop's order number: private, used for identity and the keyed public id only.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OrderRef(String);

impl OrderRef {
    /// Wraps an order number (already trimmed, not empty).
    pub fn new(number: impl Into<String>) -> Self {
        Self(number.into())
    }

    /// The order number, for storage and hashing; never for a public response.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Shop-level feedback left for one order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderFeedback {
    /// The order it belongs to.
    pub order: OrderRef,
    /// When the order was placed.
    pub order_date: Option<Timestamp>,
    /// The shop score, 0–10.
    pub score: Option<Score>,
    /// The comment, trimmed and never empty.
    pub comment: Option<String>,
    /// When the feedback was given.
    pub added_on: Option<Timestamp>,
}

/// A review of one product of an order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductReview {
    /// The order it belongs to.
    pub order: OrderRef,
    /// The shop's product id, trimmed and never empty.
    pub product_id: String,
    /// The product score, 0–10.
    pub score: Option<Score>,
    /// The comment, trimmed and never empty.
    pub comment: Option<String>,
    /// When the review was given.
    pub added_on: Option<Timestamp>,
}

/// Identity of a product review across syncs: (order number, product id).
pub type ProductReviewKey = (OrderRef, String);

impl ProductReview {
    /// This review's identity.
    pub fn key(&self) -> ProductReviewKey {
        (self.order.clone(), self.product_id.clone())
    }
}

/// Whether a record given at `incoming` replaces one given at `stored`, applied in sync
/// order: the later `added_on` wins, and on a tie (both missing included) the later sync.
/// A missing date counts as older than any date.
pub fn supersedes(incoming: Option<Timestamp>, stored: Option<Timestamp>) -> bool {
    incoming >= stored
}
