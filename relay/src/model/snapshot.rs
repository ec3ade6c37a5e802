//! The read model: everything the public API serves, built from the store after each sync
//! and swapped in whole, so requests never touch SQLite and never see half a sync.

use std::collections::HashMap;
use std::sync::OnceLock;

use bytes::Bytes;
use stele_core::aggregate::{Summary, Tally};
use stele_core::id::PublicIdKey;
use stele_core::listing::{paginate, Page, ReviewFilter, ReviewSort};
use stele_core::public::{ListRules, ProductInfo, ProductView, ShopView, Source, API_VERSION};
use stele_core::records::{OrderFeedback, ProductReview};
use stele_core::text::fold;
use stele_core::{PublicReview, Timestamp};

use crate::config::shop::ShopSettings;
use crate::model::moderation::Moderation;

/// A list of reviews with the four sort orders of the displayed ones precomputed. Reviews
/// moderation hides are kept (feeds must account for every review) but never listed.
#[derive(Debug, Default)]
pub struct Listing {
    reviews: Vec<PublicReview>,
    folded: Vec<Option<String>>,
    /// Per review: hidden by the blocklist or by id (a feed flags those as spam).
    flagged: Vec<bool>,
    orders: [Vec<u32>; 4],
}

impl Listing {
    fn new(candidates: Vec<PublicReview>, moderation: &Moderation) -> Self {
        let mut reviews = Vec::with_capacity(candidates.len());
        let mut folded = Vec::with_capacity(candidates.len());
        let mut flagged = Vec::with_capacity(candidates.len());
        let mut shown = Vec::with_capacity(candidates.len());
        for (index, review) in candidates.into_iter().enumerate() {
            let folded_comment = review.comment.as_deref().map(fold);
            if moderation.shows(&review, folded_comment.as_deref()) {
                shown.push(index as u32);
            }
            flagged.push(moderation.flags(&review, folded_comment.as_deref()));
            reviews.push(review);
            folded.push(folded_comment);
        }
        let orders = ReviewSort::ALL.map(|sort| {
            let mut order = shown.clone();
            order.sort_by(|&a, &b| {
                let (a, b) = (&reviews[a as usize], &reviews[b as usize]);
                let pin = |r: &PublicReview| moderation.pin_rank(&r.id).unwrap_or(usize::MAX);
                pin(a).cmp(&pin(b)).then_with(|| sort.compare(a, b))
            });
            order
        });
        Self {
            reviews,
            folded,
            flagged,
            orders,
        }
    }

    /// Every review, displayed or not, each with whether the operator flagged it (blocklist
    /// or hidden id), in the order received.
    pub fn all(&self) -> impl Iterator<Item = (&PublicReview, bool)> {
        self.reviews.iter().zip(self.flagged.iter().copied())
    }

    /// One page of the list in `sort` order, after `filter`.
    pub fn page(
        &self,
        sort: ReviewSort,
        filter: &ReviewFilter,
        page: u32,
        per_page: u32,
    ) -> Page<PublicReview> {
        let order = &self.orders[ReviewSort::ALL.iter().position(|s| *s == sort).unwrap_or(0)];
        if filter.is_empty() {
            let total = order.len() as u64;
            let start =
                (u64::from(page.saturating_sub(1)) * u64::from(per_page)).min(total) as usize;
            let items = order[start..]
                .iter()
                .take(per_page as usize)
                .map(|&i| self.reviews[i as usize].clone())
                .collect();
            return Page {
                items,
                page,
                per_page,
                total,
                total_pages: total.div_ceil(u64::from(per_page.max(1))) as u32,
            };
        }
        let matching: Vec<&PublicReview> = order
            .iter()
            .map(|&i| i as usize)
            .filter(|&i| filter.matches(&self.reviews[i], self.folded[i].as_deref()))
            .map(|i| &self.reviews[i])
            .collect();
        let page_of_refs = paginate(&matching, page, per_page);
        Page {
            items: page_of_refs.items.into_iter().cloned().collect(),
            page,
            per_page,
            total: page_of_refs.total,
            total_pages: page_of_refs.total_pages,
        }
    }
}

/// A JSON body with its validator, rendered once.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The serialised JSON.
    pub body: Bytes,
    /// A weak ETag of the body (weak: compression may re-encode it).
    pub etag: String,
}

impl Rendered {
    /// Serialises `value` and tags it.
    pub fn json<T: serde::Serialize>(value: &T) -> Self {
        let body = serde_json::to_vec(value).expect("public types always serialise");
        Self::from_bytes(body)
    }

    /// Tags bytes already rendered.
    pub fn from_bytes(body: Vec<u8>) -> Self {
        use sha2::Digest;
        let digest = sha2::Sha256::digest(&body);
        let hex: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
        Self {
            body: Bytes::from(body),
            etag: format!("W/\"{hex}\""),
        }
    }
}

/// One product's data.
#[derive(Debug, Default)]
pub struct ProductData {
    /// Summary of every review, moderation or not.
    pub summary: Summary,
    /// Displayed reviews.
    pub listing: Listing,
    /// The default view, rendered on first request.
    default_view: OnceLock<Rendered>,
}

/// Everything the API serves, at one instant.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Summary of all order feedback.
    pub shop: Summary,
    /// Displayed testimonials: order feedback with a comment, at the relay's own star
    /// threshold (`STELE_TESTIMONIAL_MIN_STARS`): the canonical files and the export.
    pub testimonials: Listing,
    /// The same feedback at every star count (`STELE_MIN_STARS` and the rest of the
    /// moderation still apply), for a page that asks for another threshold (`min_stars`).
    testimonials_any_stars: Listing,
    /// What testimonials leave out: their threshold of a page that names none, and the rest
    /// of the moderation.
    testimonial_rules: Moderation,
    /// Products with at least one stored review.
    pub products: HashMap<String, ProductData>,
    /// Catalog details from the product feed.
    pub catalog: HashMap<String, ProductInfo>,
    /// Stored records: (orders, product reviews).
    pub totals: (u64, u64),
    /// When it was built.
    pub built_at: Option<Timestamp>,
    /// What product lists leave out, for the review notice.
    pub list_rules: ListRules,
    /// The shop's name, currency and markup settings, for fragments and feeds.
    pub shop_settings: ShopSettings,
    shop_view: OnceLock<Rendered>,
    google_reviews_etag: OnceLock<Option<String>>,
    empty_summary: Summary,
}

impl Snapshot {
    /// Builds the read model from stored records.
    pub fn build(
        orders: &[OrderFeedback],
        product_reviews: &[ProductReview],
        catalog: HashMap<String, ProductInfo>,
        key: &PublicIdKey,
        moderation: &Moderation,
    ) -> Self {
        let shop = Summary::of(orders.iter());
        let feedback: Vec<PublicReview> = orders
            .iter()
            .filter(|o| o.comment.is_some())
            .map(|o| key.testimonial(o))
            .collect();
        let testimonials = Listing::new(feedback.clone(), &moderation.for_testimonials());
        let testimonials_any_stars = Listing::new(feedback, moderation);
        let mut grouped: HashMap<&str, (Tally, Vec<PublicReview>)> = HashMap::new();
        for review in product_reviews {
            let (tally, list) = grouped.entry(review.product_id.as_str()).or_default();
            tally.add_rated(review);
            list.push(key.public_review(review));
        }
        let products = grouped
            .into_iter()
            .map(|(id, (tally, list))| {
                (
                    id.to_owned(),
                    ProductData {
                        summary: tally.summary(),
                        listing: Listing::new(list, moderation),
                        default_view: OnceLock::new(),
                    },
                )
            })
            .collect();
        Snapshot {
            shop,
            testimonials,
            testimonials_any_stars,
            testimonial_rules: moderation.clone(),
            products,
            catalog,
            totals: (orders.len() as u64, product_reviews.len() as u64),
            list_rules: moderation.list_rules(),
            built_at: Some(crate::model::store::now()),
            ..Snapshot::default()
        }
    }

    /// Where the Google feed keeps its ETag, computed once per snapshot
    /// (`google_reviews::cached_etag`).
    pub fn google_reviews_etag(&self) -> &OnceLock<Option<String>> {
        &self.google_reviews_etag
    }

    /// This snapshot with the shop's settings.
    pub fn with_shop(mut self, settings: ShopSettings) -> Self {
        self.shop_settings = settings;
        self
    }

    /// A product's summary; count 0 for a product without reviews.
    pub fn summary(&self, id: &str) -> &Summary {
        self.products
            .get(id)
            .map_or(&self.empty_summary, |p| &p.summary)
    }

    /// `GET /v1/shop` with its first page of testimonials `per_page` long, at the relay's
    /// own star threshold.
    pub fn shop_view(&self, per_page: u32, source: Source) -> ShopView {
        self.shop_view_at(per_page, source, None)
    }

    /// The star threshold testimonials are shown at when a page asks for `asked`
    /// (`Moderation::testimonial_threshold`).
    pub fn testimonial_threshold(&self, asked: Option<u8>) -> Option<u8> {
        self.testimonial_rules.testimonial_threshold(asked)
    }

    /// A page of testimonials at the threshold a page asks for (`None`: the relay's own).
    pub fn testimonials_page(
        &self,
        asked: Option<u8>,
        page: u32,
        per_page: u32,
    ) -> Page<PublicReview> {
        let threshold = self.testimonial_threshold(asked);
        if threshold == self.testimonial_threshold(None) {
            return self.testimonials.page(
                ReviewSort::Newest,
                &ReviewFilter::default(),
                page,
                per_page,
            );
        }
        let filter = ReviewFilter {
            min_stars: threshold,
            ..ReviewFilter::default()
        };
        self.testimonials_any_stars
            .page(ReviewSort::Newest, &filter, page, per_page)
    }

    /// `GET /v1/shop?min_stars=5`: as [`Snapshot::shop_view`], at the threshold asked for,
    /// which its `moderation` states as applied.
    pub fn shop_view_at(&self, per_page: u32, source: Source, asked: Option<u8>) -> ShopView {
        ShopView {
            api: API_VERSION,
            source,
            summary: self.shop.clone(),
            testimonials: self.testimonials_page(asked, 1, per_page),
            moderation: Some(ListRules {
                min_stars: self.testimonial_threshold(asked),
                // Testimonials are the feedback with a comment.
                hides_without_comment: true,
                ..self.list_rules
            }),
            rating_image: Some(format!(
                "{}?v={}",
                stele_core::paths::shop_rating_image(),
                rating_image_version(&self.shop)
            )),
        }
    }

    /// `GET /v1/shop` at the canonical page size, rendered once per snapshot.
    pub fn shop_view_rendered(&self) -> &Rendered {
        self.shop_view.get_or_init(|| {
            Rendered::json(&self.shop_view(stele_core::paths::CANONICAL_PER_PAGE, Source::Live))
        })
    }

    /// `GET /v1/products/{id}` with its first page in `sort`, `per_page` long.
    pub fn product_view(
        &self,
        id: &str,
        sort: ReviewSort,
        per_page: u32,
        source: Source,
    ) -> ProductView {
        let reviews = match self.products.get(id) {
            Some(product) => product
                .listing
                .page(sort, &ReviewFilter::default(), 1, per_page),
            None => paginate::<PublicReview>(&[], 1, per_page),
        };
        ProductView {
            api: API_VERSION,
            source,
            product_id: id.to_owned(),
            product: self.catalog.get(id).cloned(),
            summary: self.summary(id).clone(),
            sort,
            reviews,
            moderation: Some(self.list_rules),
            rating_image: Some(format!(
                "{}?v={}",
                stele_core::paths::product_rating_image(id),
                rating_image_version(self.summary(id))
            )),
        }
    }

    /// `GET /v1/products/{id}` at the canonical page size: rendered once per snapshot for
    /// products with reviews (the hot path), on demand for the rest.
    pub fn product_view_rendered(&self, id: &str) -> Rendered {
        let render = || {
            Rendered::json(&self.product_view(
                id,
                ReviewSort::Newest,
                stele_core::paths::CANONICAL_PER_PAGE,
                Source::Live,
            ))
        };
        match self.products.get(id) {
            Some(product) => product.default_view.get_or_init(render).clone(),
            None => render(),
        }
    }
}

/// Bumped when the drawing of rating images (`output::rating_image`) changes, so the `?v=`
/// of every image changes with it.
pub const RATING_IMAGE_REVISION: u32 = 1;

/// The `?v=` of a rating image of `summary`: it changes when what the image shows changes.
pub fn rating_image_version(summary: &Summary) -> String {
    let key = format!(
        "{RATING_IMAGE_REVISION}:{}:{:?}",
        summary.count,
        summary.rounded_average()
    );
    format!("{:08x}", stele_core::paths::fnv1a(key.bytes()) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_follows_what_the_image_shows() {
        let version = |count, average| {
            rating_image_version(&Summary {
                count,
                average,
                ..Summary::default()
            })
        };
        let a = version(10, Some(4.5));
        assert_eq!(a, version(10, Some(4.5)));
        assert_ne!(a, version(11, Some(4.5)));
        assert_ne!(a, version(10, Some(4.4)));
        assert_eq!(a.len(), 8);
    }
}
