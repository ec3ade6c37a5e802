//! Schema.org markup of a product fragment (`STELE_JSONLD`), whose numbers equal the
//! visible ones: the same rounded average and the same count.
//!
//! - `product`: a complete `Product` (name, image, url, sku, brand, gtin, mpn, `offers`) with
//!   `aggregateRating`, for platforms that print no product markup; with the product feed it
//!   passes Google's product-snippet and merchant-listing rules.
//! - `rating`: only `aggregateRating`, on a node whose `@id` is the shop's own product node
//!   (`STELE_JSONLD_PRODUCT_ID`): JSON-LD merges nodes with one `@id`, so the page keeps one
//!   product and its rating, not two products.
//! - `off`: nothing.
//!
//! `review` items are an opt-in (`STELE_JSONLD_REVIEWS=on`): the rich result needs only
//! `aggregateRating`, and Retargeting shares no names, so a review's author could only be the
//! label the card shows, "Verified buyer" in the page's language. Google's review-snippet
//! rules ask for the reviewer's name there and treat text that is not a name as a violation.

use serde_json::{json, Map, Value};
use stele::i18n::{I18n, Key, Lang};
use stele_core::public::{ProductInfo, ProductView};
use stele_core::PublicReview;

use crate::config::shop::{JsonLd, ShopSettings};

/// Reviews carried in the markup: the first page's scored ones, at most this many.
const MARKED_UP_REVIEWS: usize = 10;

/// Up to [`MARKED_UP_REVIEWS`] `Review` items of the first page's scored reviews, each
/// with the card's label as its author (no names: see the module's notes).
fn review_items(view: &ProductView, lang: Lang) -> Vec<Value> {
    let author = I18n::new(lang, &[])
        .strings
        .get(Key::VerifiedBuyer)
        .to_owned();
    view.reviews
        .items
        .iter()
        .filter(|r| r.stars.is_some())
        .take(MARKED_UP_REVIEWS)
        .map(|review: &PublicReview| {
            let mut item = json!({
                "@type": "Review",
                "reviewRating": {"@type": "Rating", "ratingValue": review.stars, "bestRating": 5, "worstRating": 0},
                "author": {"@type": "Person", "name": author},
            });
            if let Some(date) = review.date {
                item["datePublished"] = json!(date.to_string()[..10]);
            }
            if let Some(comment) = &review.comment {
                item["reviewBody"] = json!(comment);
            }
            item
        })
        .collect()
}

/// `aggregateRating`, and with `reviews` the `review` items too.
fn rating_properties(view: &ProductView, lang: Lang, reviews: bool) -> Option<Map<String, Value>> {
    let average = view.summary.rounded_average()?;
    let mut properties = Map::new();
    properties.insert(
        "aggregateRating".into(),
        json!({
            "@type": "AggregateRating",
            "ratingValue": average,
            "bestRating": 5,
            "worstRating": 0,
            "ratingCount": view.summary.count,
            "reviewCount": view.summary.count,
        }),
    );
    if reviews {
        properties.insert("review".into(), Value::Array(review_items(view, lang)));
    }
    Some(properties)
}

/// The catalog's facts as `Product` properties: what merchant listings need.
fn catalog_properties(info: &ProductInfo, product: &mut Map<String, Value>) {
    if let Some(image) = &info.image {
        product.insert("image".into(), json!([image]));
    }
    if let Some(url) = &info.url {
        product.insert("url".into(), json!(url));
    }
    if let Some(brand) = &info.brand {
        product.insert("brand".into(), json!({"@type": "Brand", "name": brand}));
    }
    if let Some(gtin) = &info.gtin {
        product.insert("gtin".into(), json!(gtin));
    }
    if let Some(mpn) = &info.mpn {
        product.insert("mpn".into(), json!(mpn));
    }
    if let Some(category) = &info.category {
        product.insert("category".into(), json!(category));
    }
    let Some(offer) = &info.offer else {
        return;
    };
    let mut offers = json!({
        "@type": "Offer",
        "price": offer.current_price(),
        "priceCurrency": offer.currency,
        "itemCondition": "https://schema.org/NewCondition",
    });
    if let Some(availability) = offer.availability {
        offers["availability"] = json!(availability.schema_org());
    }
    if let Some(url) = &info.url {
        offers["url"] = json!(url);
    }
    if offer.sale_price.is_some() {
        // Google's way to show the price before the sale.
        offers["priceSpecification"] = json!({
            "@type": "UnitPriceSpecification",
            "priceType": "https://schema.org/StrikethroughPrice",
            "price": offer.price,
            "priceCurrency": offer.currency,
        });
    }
    product.insert("offers".into(), offers);
}

/// The markup of `view`'s fragment under `shop`'s settings; `None` without scored reviews
/// (a rating of nothing is not structured data), with `STELE_JSONLD=off`, or in `rating`
/// mode when the node's `@id` needs a product URL the feed does not have.
pub fn product_json_ld(view: &ProductView, lang: Lang, shop: &ShopSettings) -> Option<Value> {
    let rating = rating_properties(view, lang, shop.json_ld_reviews)?;
    let info = view.product.as_ref();
    let mut node = Map::new();
    node.insert("@context".into(), json!("https://schema.org"));
    match shop.json_ld {
        JsonLd::Off => return None,
        JsonLd::Rating => {
            let url = info.and_then(|i| i.url.as_deref());
            let id = shop.product_node.node_id(&view.product_id, url)?;
            node.insert("@id".into(), json!(id));
        }
        JsonLd::Product => {
            node.insert("@type".into(), json!("Product"));
            let name = info
                .and_then(|i| i.name.clone())
                .unwrap_or_else(|| view.product_id.clone());
            node.insert("name".into(), json!(name));
            node.insert("sku".into(), json!(view.product_id));
            if let Some(info) = info {
                catalog_properties(info, &mut node);
            }
        }
    }
    node.extend(rating);
    Some(Value::Object(node))
}

#[cfg(test)]
mod tests {
    use super::*;
    use stele_core::public::Page;
    use stele_core::{Score, Summary};

    fn view(url: Option<&str>) -> ProductView {
        let review = PublicReview::new(
            "r1".into(),
            Some("p1".into()),
            Score::new(9),
            Some("Bună".into()),
            None,
        );
        ProductView {
            api: 1,
            source: Default::default(),
            product_id: "p1".into(),
            product: Some(ProductInfo {
                name: Some("Rochie".into()),
                url: url.map(str::to_owned),
                ..ProductInfo::default()
            }),
            summary: Summary::of([&review]),
            sort: Default::default(),
            reviews: Page {
                items: vec![review],
                page: 1,
                per_page: 10,
                total: 1,
                total_pages: 1,
            },
            moderation: None,
            rating_image: None,
        }
    }

    fn with(json_ld: JsonLd) -> ShopSettings {
        ShopSettings {
            json_ld,
            ..ShopSettings::default()
        }
    }

    fn with_reviews(json_ld: JsonLd) -> ShopSettings {
        ShopSettings {
            json_ld_reviews: true,
            ..with(json_ld)
        }
    }

    #[test]
    fn each_mode_says_as_much_as_it_should() {
        let page = view(Some("https://s.example/p1"));
        let product = product_json_ld(&page, Lang::En, &with_reviews(JsonLd::Product)).unwrap();
        assert_eq!(product["@type"], "Product");
        assert_eq!(product["aggregateRating"]["ratingValue"], 4.5);
        assert_eq!(product["review"][0]["author"]["name"], "Verified buyer");
        let rating = product_json_ld(&page, Lang::En, &with_reviews(JsonLd::Rating)).unwrap();
        assert_eq!(rating["@id"], "https://s.example/p1#product");
        assert!(rating.get("@type").is_none() && rating.get("name").is_none());
        assert_eq!(rating["aggregateRating"], product["aggregateRating"]);
        assert_eq!(rating["review"], product["review"]);
        assert_eq!(product_json_ld(&page, Lang::En, &with(JsonLd::Off)), None);
        assert_eq!(
            product_json_ld(&page, Lang::En, &with_reviews(JsonLd::Off)),
            None
        );
        assert_eq!(
            product_json_ld(&view(None), Lang::En, &with(JsonLd::Rating)),
            None,
            "no page, no node to attach to"
        );
    }

    #[test]
    fn by_default_the_markup_is_the_aggregate_rating_alone() {
        let page = view(Some("https://s.example/p1"));
        for json_ld in [JsonLd::Product, JsonLd::Rating] {
            let node = product_json_ld(&page, Lang::En, &with(json_ld)).unwrap();
            assert_eq!(node["aggregateRating"]["ratingCount"], 1, "{json_ld:?}");
            assert!(node.get("review").is_none(), "{json_ld:?}: {node}");
            assert!(!node.to_string().contains("Verified buyer"), "{node}");
            let opted_in = product_json_ld(&page, Lang::En, &with_reviews(json_ld)).unwrap();
            assert_eq!(opted_in["review"].as_array().map(Vec::len), Some(1));
            assert_eq!(opted_in["aggregateRating"], node["aggregateRating"]);
        }
    }
}
