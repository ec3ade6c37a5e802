//! Public ids: stable across syncs, useless for recovering the order number.
//!
//! Order numbers are short and guessable, so a plain hash of one could be reversed by
//! enumeration; an HMAC-SHA256 keyed with a per-installation secret cannot.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::aggregate::Rated;
use crate::public::PublicReview;
use crate::records::{OrderFeedback, OrderRef, ProductReview};
use crate::score::Score;

/// The per-installation key behind public ids.
#[derive(Clone)]
pub struct PublicIdKey(Hmac<Sha256>);

impl std::fmt::Debug for PublicIdKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PublicIdKey(<secret>)")
    }
}

/// Hex characters of the HMAC kept in an id: 80 bits, collision-free in practice.
const ID_HEX_LEN: usize = 20;

impl PublicIdKey {
    /// A key from the installation's secret (at least 16 random bytes are advised).
    pub fn new(secret: &[u8]) -> Self {
        Self(Hmac::new_from_slice(secret).expect("HMAC accepts keys of any length"))
    }

    fn id(&self, parts: &[&str]) -> String {
        let mut mac = self.0.clone();
        for part in parts {
            // Length prefixes keep ("ab", "c") and ("a", "bc") apart.
            mac.update(&(part.len() as u64).to_be_bytes());
            mac.update(part.as_bytes());
        }
        let digest = mac.finalize().into_bytes();
        let mut id = String::with_capacity(ID_HEX_LEN);
        for byte in digest.iter().take(ID_HEX_LEN / 2) {
            id.push_str(&format!("{byte:02x}"));
        }
        id
    }

    /// The public id of an order's shop-level feedback.
    pub fn order_feedback_id(&self, order: &OrderRef) -> String {
        self.id(&["order", order.as_str()])
    }

    /// The public id of a product review.
    pub fn product_review_id(&self, order: &OrderRef, product_id: &str) -> String {
        self.id(&["product-review", order.as_str(), product_id])
    }

    /// A product review as the public sees it.
    pub fn public_review(&self, review: &ProductReview) -> PublicReview {
        PublicReview::new(
            self.product_review_id(&review.order, &review.product_id),
            Some(review.product_id.clone()),
            review.score,
            review.comment.clone(),
            review.added_on,
        )
    }

    /// Shop-level feedback as the public sees it (`product_id` null).
    pub fn testimonial(&self, feedback: &OrderFeedback) -> PublicReview {
        PublicReview::new(
            self.order_feedback_id(&feedback.order),
            None,
            feedback.score,
            feedback.comment.clone(),
            feedback.added_on,
        )
    }
}

impl Rated for ProductReview {
    fn score(&self) -> Option<Score> {
        self.score
    }
    fn has_comment(&self) -> bool {
        self.comment.is_some()
    }
}

impl Rated for OrderFeedback {
    fn score(&self) -> Option<Score> {
        self.score
    }
    fn has_comment(&self) -> bool {
        self.comment.is_some()
    }
}
