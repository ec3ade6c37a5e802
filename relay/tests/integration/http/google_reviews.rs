//! The Google product reviews feed (schema 2.4) over real HTTP, parsed by a real XML parser
//! and checked against the schema's rules: element order, required elements, attributes,
//! escaping, which reviews go in, ETag and 304, and the same bytes in the export.

use std::sync::Mutex;

use crate::support::{order_json, serve_in_background, success};
use stele_core::public::{Offer, ProductInfo};
use stele_relay::config::shop::ShopSettings;
use stele_relay::model::moderation::Moderation;
use stele_relay::model::snapshot::Snapshot;
use stele_relay::model::store::{CatalogEntry, Store};
use stele_relay::output::google_reviews::{LeftOut, Report};

const PATH: &str = "/v1/feeds/google-product-reviews.xml";
const NOW: i64 = 1_750_000_000;

/// The children of `<review>` in the order the schema's sequence (`reviewType` in Google's
/// `product_reviews.xsd` 2.4) gives them. `security::validators` validates the feed
/// against the schema itself with `xmllint`.
const REVIEW_SEQUENCE: [&str; 18] = [
    "review_id",
    "reviewer",
    "review_language",
    "review_country",
    "review_timestamp",
    "title",
    "content",
    "pros",
    "cons",
    "review_url",
    "reviewer_images",
    "ratings",
    "products",
    "is_spam",
    "is_verified_purchase",
    "is_incentivized_review",
    "collection_method",
    "transaction_id",
];
const REQUIRED_IN_REVIEW: [&str; 6] = [
    "reviewer",
    "review_timestamp",
    "content",
    "review_url",
    "ratings",
    "products",
];

fn entry(id: &str, url: Option<&str>, gtin: Option<&str>) -> CatalogEntry {
    CatalogEntry {
        product_id: id.into(),
        info: ProductInfo {
            name: Some(format!("Product <{id}> & \"co\"")),
            url: url.map(str::to_owned),
            brand: Some("Stele Atelier".into()),
            mpn: Some(format!("ST-{id}")),
            gtin: gtin.map(str::to_owned),
            offer: Some(Offer {
                price: "10.00".into(),
                sale_price: None,
                currency: "RON".into(),
                availability: None,
            }),
            ..ProductInfo::default()
        },
    }
}

/// A shop whose reviews cover every rule: low scores under a display minimum, no comment, no
/// score, a blocklisted word, a product without a page, text XML must escape or drop.
fn snapshot(shop_name: Option<&str>) -> Snapshot {
    let tricky = "Bun <b>&amp;</b> \"da\" 'nu' 🌟\u{1}\u{8}\u{b}\u{fffe} end\r\n";
    let orders = [
        order_json(
            1,
            NOW - 9_000,
            &[("p1", NOW - 8_000, Some(10), Some(tricky))],
        ),
        order_json(
            2,
            NOW - 7_000,
            &[("p1", NOW - 6_000, Some(2), Some("Slab, s-a rupt"))],
        ),
        order_json(3, NOW - 5_000, &[("p1", NOW - 4_000, Some(8), None)]),
        order_json(
            4,
            NOW - 3_000,
            &[("p1", NOW - 2_000, None, Some("fără notă"))],
        ),
        order_json(
            5,
            NOW - 1_000,
            &[("p2", NOW - 900, Some(1), Some("o țeapă totală"))],
        ),
        order_json(
            6,
            NOW - 800,
            &[("nopage", NOW - 700, Some(9), Some("fine"))],
        ),
        order_json(
            7,
            NOW - 600,
            &[("p1", NOW - 500, Some(6), Some("\u{2}\u{3}"))],
        ),
    ];
    let batch = stele_core::normalise::read_feed(&success(&orders), Default::default()).unwrap();
    let mut store = Store::in_memory().unwrap();
    store
        .apply(&batch, stele_relay::model::store::now(), None)
        .unwrap();
    store
        .replace_catalog(&[
            entry(
                "p1",
                Some("https://shop.example/p1?a=1&b=2"),
                Some("5941234567899"),
            ),
            entry("p2", Some("https://shop.example/p2"), None),
            entry("nopage", None, None),
        ])
        .unwrap();
    let moderation = Moderation::new(Some(4), true, &["teapa".into()], &[], &[]);
    stele_relay::model::rebuild::build_snapshot(&Mutex::new(store), &moderation)
        .unwrap()
        .with_shop(ShopSettings {
            name: shop_name.map(str::to_owned),
            ..ShopSettings::default()
        })
}

async fn serve(snapshot: Snapshot) -> String {
    let state = crate::support::state_over(snapshot, Default::default());
    let address = serve_in_background(stele_relay::http::app(state)).await;
    format!("http://{address}{PATH}")
}

fn child<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> Option<roxmltree::Node<'a, 'a>> {
    node.children().find(|c| c.has_tag_name(name))
}

fn text_of(node: roxmltree::Node, path: &[&str]) -> String {
    let mut node = node;
    for name in path {
        node = child(node, name)
            .unwrap_or_else(|| panic!("no <{name}> in <{}>", node.tag_name().name()));
    }
    node.text().unwrap_or_default().to_owned()
}

/// The schema's rules for one `<review>`.
fn check_review(review: roxmltree::Node) {
    let names: Vec<&str> = review
        .children()
        .filter(roxmltree::Node::is_element)
        .map(|c| c.tag_name().name())
        .collect();
    let positions: Vec<usize> = names
        .iter()
        .map(|n| {
            REVIEW_SEQUENCE
                .iter()
                .position(|s| s == n)
                .unwrap_or_else(|| panic!("<{n}> is not in the schema"))
        })
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "order: {names:?}"
    );
    for required in REQUIRED_IN_REVIEW {
        assert!(names.contains(&required), "{required} missing: {names:?}");
    }
    let name = child(child(review, "reviewer").unwrap(), "name").unwrap();
    assert_eq!(name.attribute("is_anonymous"), Some("true"));
    assert!(!name.text().unwrap_or_default().trim().is_empty());
    let url = child(review, "review_url").unwrap();
    assert_eq!(url.attribute("type"), Some("group"));
    let overall = child(child(review, "ratings").unwrap(), "overall").unwrap();
    assert_eq!(
        (overall.attribute("min"), overall.attribute("max")),
        (Some("0"), Some("10"))
    );
    let score: u8 = overall.text().unwrap().parse().unwrap();
    assert!(score <= 10);
    let timestamp = text_of(review, &["review_timestamp"]);
    assert_eq!(timestamp.len(), 25, "{timestamp}");
    assert!(
        timestamp.ends_with("+00:00") && timestamp.as_bytes()[10] == b'T',
        "{timestamp}"
    );
    assert!(!text_of(review, &["content"]).trim().is_empty());
    let product = child(child(review, "products").unwrap(), "product").unwrap();
    let product_names: Vec<&str> = product
        .children()
        .filter(roxmltree::Node::is_element)
        .map(|c| c.tag_name().name())
        .collect();
    assert_eq!(product_names.last(), Some(&"product_url"));
    assert_eq!(product_names[0], "product_ids");
    let ids: Vec<&str> = child(product, "product_ids")
        .unwrap()
        .children()
        .filter(roxmltree::Node::is_element)
        .map(|c| c.tag_name().name())
        .collect();
    let order = ["gtins", "mpns", "skus", "brands", "asins"];
    let ranks: Vec<usize> = ids
        .iter()
        .map(|i| order.iter().position(|o| o == i).unwrap())
        .collect();
    assert!(ranks.windows(2).all(|w| w[0] < w[1]), "{ids:?}");
    assert_eq!(text_of(review, &["collection_method"]), "post_fulfillment");
    assert_eq!(text_of(review, &["is_verified_purchase"]), "true");
}

#[tokio::test]
async fn the_feed_follows_schema_2_4_and_carries_every_scored_commented_review() {
    let url = serve(snapshot(Some("Magazinul <Meu> & \"Co\""))).await;
    let client = reqwest::Client::new();
    let response = client.get(&url).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "application/xml; charset=utf-8"
    );
    assert!(
        response.headers().get("content-length").is_none(),
        "streamed, not buffered whole"
    );
    let etag = response.headers()["etag"].to_str().unwrap().to_owned();
    let body = response.text().await.unwrap();
    let document = roxmltree::Document::parse(&body).unwrap();
    let feed = document.root_element();
    assert_eq!(feed.tag_name().name(), "feed");
    assert_eq!(
        feed.attribute((
            "http://www.w3.org/2001/XMLSchema-instance",
            "noNamespaceSchemaLocation"
        )),
        Some("http://www.google.com/shopping/reviews/schema/product/2.4/product_reviews.xsd")
    );
    let top: Vec<&str> = feed
        .children()
        .filter(roxmltree::Node::is_element)
        .map(|c| c.tag_name().name())
        .collect();
    assert_eq!(top, ["version", "aggregator", "publisher", "reviews"]);
    assert_eq!(text_of(feed, &["version"]), "2.4");
    assert_eq!(
        text_of(feed, &["publisher", "name"]),
        "Magazinul <Meu> & \"Co\""
    );

    let reviews: Vec<_> = child(feed, "reviews")
        .unwrap()
        .children()
        .filter(|c| c.has_tag_name("review"))
        .collect();
    reviews.iter().for_each(|r| check_review(*r));
    let mut ids: Vec<String> = reviews
        .iter()
        .map(|r| text_of(*r, &["review_id"]))
        .collect();
    let count = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), count, "review_id is unique");
    // p1: 10 (tricky), 2 (below STELE_MIN_STARS, still in); p2: 1 (blocklisted, as spam).
    // Left out: no comment, no score, a comment of control characters only, no product page.
    let scores: Vec<String> = reviews
        .iter()
        .map(|r| text_of(*r, &["ratings", "overall"]))
        .collect();
    assert_eq!(scores, ["10", "2", "1"]);
    let tricky = reviews[0];
    assert_eq!(
        text_of(tricky, &["content"]),
        "Bun <b>&amp;</b> \"da\" 'nu' 🌟 end",
        "escaped exactly, controls dropped"
    );
    assert_eq!(
        text_of(tricky, &["review_url"]),
        "https://shop.example/p1?a=1&b=2"
    );
    let ids_of = |r: roxmltree::Node, kind: &str, one: &str| {
        text_of(r, &["products", "product", "product_ids", kind, one])
    };
    assert_eq!(ids_of(tricky, "gtins", "gtin"), "5941234567899");
    assert_eq!(ids_of(tricky, "skus", "sku"), "p1");
    assert_eq!(ids_of(tricky, "brands", "brand"), "Stele Atelier");
    assert_eq!(ids_of(tricky, "mpns", "mpn"), "ST-p1");
    assert_eq!(
        text_of(tricky, &["products", "product", "product_name"]),
        "Product <p1> & \"co\""
    );
    assert!(child(tricky, "is_spam").is_none());
    assert_eq!(text_of(reviews[2], &["is_spam"]), "true");

    let again = client
        .get(&url)
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
}

#[tokio::test]
async fn without_a_shop_name_the_feed_says_which_setting_is_missing() {
    let url = serve(snapshot(None)).await;
    let response = reqwest::get(&url).await.unwrap();
    assert_eq!(response.status(), 404);
    let body: serde_json::Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
    assert_eq!(body["error"]["code"], "not_configured");
    let message = body["error"]["message"].as_str().unwrap();
    assert!(message.contains("STELE_SHOP_NAME="), "{message}");
}

#[test]
fn the_report_counts_what_is_in_and_why_the_rest_is_out() {
    let report = Report::of(&snapshot(Some("Shop")));
    assert_eq!((report.eligible, report.spam), (3, 1));
    assert_eq!(report.sku_only, 0, "p1 has a GTIN, p2 brand and MPN");
    let out: Vec<(LeftOut, u64)> = report.left_out.clone().into_iter().collect();
    assert_eq!(
        out,
        [
            (LeftOut::NoScore, 1),
            (LeftOut::NoComment, 2),
            (LeftOut::NoProductUrl, 1)
        ]
    );
    let text = report.render();
    assert!(
        text.contains("3 reviews in the feed (1 flagged as spam, 2 Google may show)"),
        "{text}"
    );
    assert!(
        text.contains("below Google's minimum of 50 reviews (48 more needed)"),
        "{text}"
    );
}

#[tokio::test]
async fn the_export_holds_the_same_feed_the_relay_serves() {
    // One snapshot: each in-memory store draws its own secret for public ids.
    let shop = snapshot(Some("Shop"));
    let exported = stele_relay::output::export::files(&shop)
        .find(|f| f.path == "v1/feeds/google-product-reviews.xml")
        .expect("the feed is exported");
    let served = reqwest::get(serve(shop).await)
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(exported.body, served.to_vec());
    let nameless = snapshot(None);
    assert!(
        !stele_relay::output::export::files(&nameless).any(|f| f.path.contains("feeds/")),
        "no feed without a publisher name"
    );
}
