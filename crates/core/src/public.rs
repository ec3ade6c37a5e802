//! The JSON the relay serves and the widget reads. Documented with examples in docs/api.md.
//! No type here can carry an order number.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::aggregate::{Rated, Summary};
use crate::listing::Page;
use crate::score::Score;
use crate::time::Timestamp;

/// A review as the public sees it: a product review, or shop-level feedback (a testimonial,
/// whose `product_id` is null).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicReview {
    /// Stable across syncs; a keyed hash that cannot be turned back into the order number.
    pub id: String,
    /// The shop's product id; null for shop-level feedback.
    pub product_id: Option<String>,
    /// The 0–10 score, if the customer gave one.
    pub score: Option<Score>,
    /// `score / 2`, 0.0–5.0 in halves.
    pub stars: Option<f64>,
    /// The customer's words: untrusted text, never HTML.
    pub comment: Option<String>,
    /// When the review was given, RFC 3339 UTC.
    pub date: Option<Timestamp>,
}

impl PublicReview {
    /// A review, with `stars` derived from `score`.
    pub fn new(
        id: String,
        product_id: Option<String>,
        score: Option<Score>,
        comment: Option<String>,
        date: Option<Timestamp>,
    ) -> Self {
        Self {
            id,
            product_id,
            score,
            stars: score.map(Score::stars),
            comment,
            date,
        }
    }
}

impl Rated for PublicReview {
    fn score(&self) -> Option<Score> {
        self.score
    }
    fn has_comment(&self) -> bool {
        self.comment.is_some()
    }
}

/// Catalog details from the shop's product feed, when the relay has one.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ProductInfo {
    /// The product's name.
    pub name: Option<String>,
    /// The product page.
    pub url: Option<String>,
    /// The product image.
    pub image: Option<String>,
}

/// Who answered: the live relay (every query works) or a static export (canonical paths
/// only: no free-text search, no `with_comment`, page size fixed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// `stele-relay serve` or `demo`.
    #[default]
    Live,
    /// Files written by `stele-relay export`.
    Export,
}

/// `GET /v1/shop`: the shop's summary and the first page of testimonials.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShopView {
    /// Live relay or static export.
    #[serde(default)]
    pub source: Source,
    /// Summary of all order feedback.
    pub summary: Summary,
    /// Order feedback with a comment, newest first.
    pub testimonials: Page<PublicReview>,
}

/// `GET /v1/products/{id}`: a product's summary and the first page of its reviews.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductView {
    /// Live relay or static export.
    #[serde(default)]
    pub source: Source,
    /// The product id asked for.
    pub product_id: String,
    /// Catalog details, when known.
    pub product: Option<ProductInfo>,
    /// Summary of the product's reviews (count 0 when it has none).
    pub summary: Summary,
    /// Its reviews, newest first.
    pub reviews: Page<PublicReview>,
}

/// `GET /v1/summaries?ids=…`: one summary per id asked for.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SummariesView {
    /// Product id → summary; ids without reviews have count 0.
    pub summaries: BTreeMap<String, Summary>,
    /// Only from a static export, which cannot answer a query: the summaries are spread over
    /// this many chunk files (`v1/summary-chunks/{chunk}.json`), `summaries` is empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chunks: Option<u32>,
}

/// The body of every error response: `{"error": {"code", "message"}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// The error.
    pub error: ErrorDetail,
}

/// A stable code and a human message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorDetail {
    /// Stable, machine-readable (`bad_parameter`, `not_found`, …).
    pub code: String,
    /// What went wrong and how to fix the request.
    pub message: String,
}
