//! The JSON the relay serves and the widget reads. Documented with examples in docs/api.md.
//! No type here can carry an order number.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::aggregate::{Rated, Summary};
pub use crate::catalog::Availability;
use crate::score::Score;
use crate::time::Timestamp;

/// A review as the public sees it: a product review, or shop-level feedback (a testimonial,
/// whose `product_id` is null).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicReview {
    /// Stable across syncs; a keyed hash that cannot be turned back into the order number.
    pub id: String,
    /// The shop's product id; null for shop-level feedback. The widget never reads it (a
    /// list belongs to one product, testimonials link nowhere), so the browser build skips
    /// it unparsed.
    #[cfg_attr(target_arch = "wasm32", serde(skip_deserializing))]
    pub product_id: Option<String>,
    /// The 0–10 score, if the customer gave one. The widget draws `stars`, so the browser
    /// build skips this unparsed (and with it the score's range checks).
    #[cfg_attr(target_arch = "wasm32", serde(skip_deserializing))]
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

/// Page size of every canonical list (`stele_core::paths` names the files).
pub const CANONICAL_PER_PAGE: u32 = 10;

/// The orders a review list can be shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReviewSort {
    /// Most recent first.
    #[default]
    Newest,
    /// Oldest first.
    Oldest,
    /// Highest score first.
    Highest,
    /// Lowest score first.
    Lowest,
}

/// A `sort` value that is not one of `newest`, `oldest`, `highest`, `lowest`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown sort {0:?}: use newest, oldest, highest or lowest")]
pub struct UnknownSort(pub String);

impl ReviewSort {
    /// Every sort, in a stable order.
    pub const ALL: [ReviewSort; 4] = [Self::Newest, Self::Oldest, Self::Highest, Self::Lowest];

    /// The name used in URLs, attributes and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Newest => "newest",
            Self::Oldest => "oldest",
            Self::Highest => "highest",
            Self::Lowest => "lowest",
        }
    }

    /// How two reviews compare under this sort. Reviews missing the sorted-on value come
    /// last in either direction; ties go to the newer review, then to the smaller id, so the
    /// order is total and stable across requests.
    pub fn compare(self, a: &PublicReview, b: &PublicReview) -> Ordering {
        let newest_first = || missing_last(a.date, b.date, |x, y| y.cmp(x));
        let primary = match self {
            Self::Newest => Ordering::Equal,
            Self::Oldest => missing_last(a.date, b.date, |x, y| x.cmp(y)),
            Self::Highest => missing_last(a.score, b.score, |x, y| y.cmp(x)),
            Self::Lowest => missing_last(a.score, b.score, |x, y| x.cmp(y)),
        };
        primary
            .then_with(newest_first)
            .then_with(|| a.id.cmp(&b.id))
    }
}

fn missing_last<T>(a: Option<T>, b: Option<T>, present: impl Fn(&T, &T) -> Ordering) -> Ordering {
    match (&a, &b) {
        (Some(x), Some(y)) => present(x, y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

impl FromStr for ReviewSort {
    type Err = UnknownSort;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|sort| sort.as_str() == text)
            .ok_or_else(|| UnknownSort(text.to_owned()))
    }
}

impl fmt::Display for ReviewSort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One page of a list: `{"items", "page", "per_page", "total", "total_pages"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    /// The items on this page (empty past the last page).
    pub items: Vec<T>,
    /// This page's number, from 1.
    pub page: u32,
    /// The page size asked for.
    pub per_page: u32,
    /// Items across all pages.
    pub total: u64,
    /// Number of pages (0 for an empty list).
    pub total_pages: u32,
}

impl<T> Page<T> {
    /// Whether a later page has items.
    pub fn has_more(&self) -> bool {
        self.page < self.total_pages
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
    /// The brand (`brand` column, or `brand` in extra data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand: Option<String>,
    /// The shop's category (`category` column).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// A GTIN with a right check digit (`gtin`, `ean`, `upc`… in extra data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gtin: Option<String>,
    /// The manufacturer part number (`mpn` in extra data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mpn: Option<String>,
    /// Price and availability, when the feed has a price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offer: Option<Offer>,
}

/// What a shopper pays and whether they can buy now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offer {
    /// The regular price, `129.90` (a dot, two decimals).
    pub price: String,
    /// The reduced price when the feed's `sale price` is below `price`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sale_price: Option<String>,
    /// ISO 4217 (`STELE_CURRENCY`).
    pub currency: String,
    /// From the `stock` column; absent when the feed does not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub availability: Option<Availability>,
}

impl Offer {
    /// The price a shopper pays today: the sale price when there is one.
    pub fn current_price(&self) -> &str {
        self.sale_price.as_deref().unwrap_or(&self.price)
    }
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

/// The major version of the public JSON (and of the `v1/` path prefix). A change that an
/// older widget cannot read raises it; adding a field does not.
pub const API_VERSION: u32 = 1;

/// Bodies from relays and exports older than the `api` field are version 1.
fn first_api_version() -> u32 {
    1
}

/// A source whose JSON declares another major version than this build reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiMismatch {
    /// What the source declared, as written (a number, or the JSON of whatever else it sent).
    pub declared: String,
}

impl std::fmt::Display for ApiMismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the relay's JSON is API version {}, this widget reads version {API_VERSION}: \
             load stele.js from that relay (its src) or install the widget release that matches it",
            self.declared
        )
    }
}

/// Whether a body can be read by this build, from its `api` value as JSON text (`"1"`):
/// `None` when the body has no such field (version 1). Anything but this version's number is
/// a mismatch, a value that is not a number too (no release writes one). Text, not a float:
/// the browser writes it, and Rust's float formatting stays out of the widget.
pub fn check_api_version(declared: Option<&str>) -> Result<(), ApiMismatch> {
    match declared {
        None => Ok(()),
        Some(json) if json.parse::<u32>() == Ok(API_VERSION) => Ok(()),
        Some(json) => Err(ApiMismatch {
            declared: json.to_owned(),
        }),
    }
}

impl Source {
    /// The page size a list from this source is shown at: what the element asks for from
    /// the relay; the canonical size from a static export, the only one it has files for.
    pub fn page_size(self, asked: u32) -> u32 {
        match self {
            Self::Live => asked,
            Self::Export => CANONICAL_PER_PAGE,
        }
    }
}

/// `GET /v1/shop`: the shop's summary and the first page of testimonials.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShopView {
    /// [`API_VERSION`] of the relay or export that wrote it.
    #[serde(default = "first_api_version")]
    pub api: u32,
    /// Live relay or static export.
    #[serde(default)]
    pub source: Source,
    /// Summary of all order feedback.
    pub summary: Summary,
    /// Order feedback with a comment, newest first.
    pub testimonials: Page<PublicReview>,
    /// What the testimonials leave out, as applied to this answer: `min_stars` is the star
    /// threshold (`STELE_TESTIMONIAL_MIN_STARS`, or the `min_stars` asked for, never below
    /// `STELE_MIN_STARS`), absent when every star count is shown. The widget says it on the
    /// element ("Showing our reviews with 4 stars or more"). Absent from relays older than it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moderation: Option<ListRules>,
    /// The shop's rating image for email, relative to the API root, with a `?v=` that
    /// changes when the image does: `v1/shop/rating.png?v=3f2a9c1e`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", serde(skip_deserializing))]
    pub rating_image: Option<String>,
}

/// `GET /v1/products/{id}`: a product's summary and the first page of its reviews.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductView {
    /// [`API_VERSION`] of the relay or export that wrote it.
    #[serde(default = "first_api_version")]
    pub api: u32,
    /// Live relay or static export.
    #[serde(default)]
    pub source: Source,
    /// The product id asked for.
    pub product_id: String,
    /// Catalog details, when known. The widget never reads them (they are for crawlers,
    /// feeds and server rendering), so the browser build skips them unparsed.
    #[cfg_attr(target_arch = "wasm32", serde(skip_deserializing))]
    pub product: Option<ProductInfo>,
    /// Summary of the product's reviews (count 0 when it has none).
    pub summary: Summary,
    /// The order of `reviews`: `newest` unless the relay was asked for another.
    #[serde(default)]
    pub sort: ReviewSort,
    /// The first page of its reviews.
    pub reviews: Page<PublicReview>,
    /// What the list leaves out, for the review notice; absent from relays older than it
    /// (the notice then says nothing about moderation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moderation: Option<ListRules>,
    /// The product's rating image for email, relative to the API root, with a `?v=` that
    /// changes when the image does: `v1/products/2183/rating.png?v=9c1e2f4a`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", serde(skip_deserializing))]
    pub rating_image: Option<String>,
}

/// What the operator's moderation leaves out of a product's listed reviews. The summary
/// always counts every review; the review notice states these truthfully.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ListRules {
    /// `STELE_MIN_STARS`: reviews below this many stars (and unscored ones) are not listed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_stars: Option<u8>,
    /// `STELE_HIDE_WITHOUT_COMMENT`: reviews without a comment are not listed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hides_without_comment: bool,
    /// `STELE_BLOCKLIST` or `STELE_HIDE_IDS` is set: the operator may hide single reviews.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hides_flagged: bool,
}

/// `GET /v1/summaries?ids=…`: one summary per id asked for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummariesView {
    /// [`API_VERSION`] of the relay or export that wrote it.
    #[serde(default = "first_api_version")]
    pub api: u32,
    /// Product id → summary; ids without reviews have count 0.
    pub summaries: BTreeMap<String, Summary>,
    /// Only from a static export, which cannot answer a query: the summaries are spread over
    /// this many chunk files (`v1/summary-chunks/{chunk}.json`), `summaries` is empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chunks: Option<u32>,
}

impl Default for SummariesView {
    fn default() -> Self {
        Self {
            api: API_VERSION,
            summaries: BTreeMap::new(),
            chunks: None,
        }
    }
}

/// `GET /v1/badges?ids=…`: each id's server-rendered badge, as HTML to put inside its
/// `<stele-stars>` (the relay renders it; the widget never reads this body).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BadgesView {
    /// [`API_VERSION`] of the relay that wrote it.
    #[serde(default = "first_api_version")]
    pub api: u32,
    /// Product id → the badge fragment (a declarative shadow root); ids without reviews get
    /// the badge of count 0.
    pub badges: BTreeMap<String, String>,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_version_and_bodies_without_one_are_readable() {
        assert_eq!(check_api_version(None), Ok(()));
        assert_eq!(check_api_version(Some(&API_VERSION.to_string())), Ok(()));
    }

    #[test]
    fn other_versions_and_non_numbers_are_refused_by_name() {
        for (declared, shown) in [
            (Some("2"), "2"),
            (Some("0"), "0"),
            (Some("1.5"), "1.5"),
            (Some("\"1\""), "\"1\""),
            (Some("null"), "null"),
        ] {
            let refused = check_api_version(declared).unwrap_err();
            assert_eq!(refused.declared, shown);
            assert!(refused
                .to_string()
                .contains(&format!("API version {shown},")));
        }
    }

    #[test]
    fn exports_list_at_the_canonical_page_size() {
        assert_eq!(Source::Live.page_size(25), 25);
        assert_eq!(
            Source::Export.page_size(25),
            crate::paths::CANONICAL_PER_PAGE
        );
    }

    #[test]
    fn bodies_from_before_the_field_read_as_version_one() {
        let view: SummariesView = serde_json::from_str(r#"{"summaries": {}}"#).unwrap();
        assert_eq!(view.api, 1);
        assert_eq!(SummariesView::default().api, API_VERSION);
    }
}
