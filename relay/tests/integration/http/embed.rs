//! Server-rendered fragments: same numbers as the JSON, JSON-LD that matches them, comments
//! as text, and embedded data that cannot break out of its script element.

use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::Value;
use stele_core::normalise::read_feed;
use stele_relay::config::shop::ShopSettings;
use stele_relay::http::app;
use stele_relay::http::state::AppState;
use stele_relay::model::rebuild::build_snapshot;
use tower::ServiceExt;

fn state() -> AppState {
    state_with(&Default::default())
}

/// `STELE_JSONLD_REVIEWS=on`: `review` items in the JSON-LD besides `aggregateRating`.
fn state_with_reviews_in_markup() -> AppState {
    state_of(
        &Default::default(),
        ShopSettings {
            json_ld_reviews: true,
            ..ShopSettings::default()
        },
    )
}

fn state_with(moderation: &stele_relay::model::moderation::Moderation) -> AppState {
    state_of(moderation, ShopSettings::default())
}

fn state_of(
    moderation: &stele_relay::model::moderation::Moderation,
    shop: ShopSettings,
) -> AppState {
    let now = 1_790_000_000;
    let orders = [
        crate::support::order_json(
            1,
            now,
            &[(
                "p1",
                now,
                Some(9),
                Some("Foarte bună </script><script>alert(1)</script>"),
            )],
        ),
        crate::support::order_json(
            2,
            now - 10,
            &[(
                "p1",
                now - 10,
                Some(8),
                Some("<img src=x onerror=alert(1)>"),
            )],
        ),
        crate::support::order_json(3, now - 20, &[("p1", now - 20, None, Some("fără notă"))]),
    ];
    let mut store = stele_relay::model::store::Store::in_memory().unwrap();
    store
        .apply(
            &read_feed(&crate::support::success(&orders), Default::default()).unwrap(),
            stele_core::Timestamp::from_unix(now),
            None,
        )
        .unwrap();
    let snapshot = build_snapshot(&Arc::new(Mutex::new(store)), moderation)
        .unwrap()
        .with_shop(shop);
    crate::support::state_over(snapshot, crate::support::unlimited())
}

async fn get(state: &AppState, uri: &str) -> (StatusCode, String, String) {
    let response = app(state.clone())
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let body = String::from_utf8(
        response
            .into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec(),
    )
    .unwrap();
    (status, content_type, body)
}

fn script(html: &str, kind: &str) -> Value {
    let open = format!("<script type=\"{kind}\"");
    let start = html
        .find(&open)
        .unwrap_or_else(|| panic!("no {kind} script"));
    let body_start = start + html[start..].find('>').unwrap() + 1;
    let end = body_start + html[body_start..].find("</script>").unwrap();
    serde_json::from_str(&html[body_start..end]).unwrap()
}

#[tokio::test]
async fn product_fragment_matches_the_json_and_its_json_ld() {
    let state = state_with_reviews_in_markup();
    let (status, content_type, html) = get(&state, "/v1/products/p1/embed.html?lang=ro").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type, "text/html; charset=utf-8");
    // A declarative shadow root, its stylesheet first: the page's CSS stays out of it.
    let head =
        "<template shadowrootmode=\"open\"><link rel=\"stylesheet\" href=\"/stele/stele.css\">";
    assert!(html.starts_with(head), "{html}");
    // The widget's Root, as on the server: the takeover keeps its theme, language and box.
    let root =
        "<div data-theme=\"light\" lang=\"ro\" part=\"root\" class=\"stele-root stele-ssr\">";
    assert!(html[head.len()..].starts_with(root), "{html}");
    // The data and the JSON-LD stay in the page, outside the shadow root.
    assert!(html.find("</template>") < html.find("<script"), "{html}");
    assert!(!html.contains("<!>"), "no hydration markers");

    // Visible: average 4,3 (8.5 / 2 = 4.25 → half-up), 2 reviews (Romanian plural).
    assert!(html.contains(">4,3<"), "{html}");
    assert!(html.contains("Evaluat cu 4,3 din 5, 2 recenzii"));
    assert!(html.contains(">2 recenzii<"));

    let ld = script(&html, "application/ld+json");
    assert_eq!(ld["@type"], "Product");
    assert_eq!(
        ld["aggregateRating"]["ratingValue"], 4.3,
        "JSON-LD shows the visible number"
    );
    assert_eq!(ld["aggregateRating"]["reviewCount"], 2);
    assert_eq!(
        ld["review"].as_array().unwrap().len(),
        2,
        "only scored reviews"
    );
    assert_eq!(
        html.matches("application/ld+json").count(),
        1,
        "exactly one JSON-LD block"
    );

    let (_, _, json) = get(&state, "/v1/products/p1").await;
    let mut island = script(&html, "application/json");
    let mut api: Value = serde_json::from_str(&json).unwrap();
    island.as_object_mut().unwrap().remove("source");
    api.as_object_mut().unwrap().remove("source");
    assert_eq!(island, api, "the embedded data is the product JSON");
}

#[tokio::test]
async fn by_default_the_json_ld_is_the_aggregate_rating_without_review_items() {
    let (status, _, html) = get(&state(), "/v1/products/p1/embed.html?lang=ro").await;
    assert_eq!(status, StatusCode::OK);
    let ld = script(&html, "application/ld+json");
    assert_eq!(ld["@type"], "Product");
    assert_eq!(ld["aggregateRating"]["ratingValue"], 4.3);
    assert_eq!(ld["aggregateRating"]["reviewCount"], 2);
    assert!(ld.get("review").is_none(), "no review items: {ld}");
    assert!(
        !ld.to_string().contains("Cumpărător verificat"),
        "no label as an author: {ld}"
    );
    assert!(
        html.contains("Cumpărător verificat"),
        "the cards still say it"
    );
}

#[tokio::test]
async fn fragments_draw_the_elements_sort_and_page_size() {
    let state = state();
    let (status, _, html) = get(&state, "/v1/products/p1/embed.html?sort=lowest&per_page=1").await;
    assert_eq!(status, StatusCode::OK);
    let island = script(&html, "application/json");
    assert_eq!(island["sort"], "lowest");
    assert_eq!(island["reviews"]["per_page"], 1);
    assert_eq!(html.matches("<article").count(), 1, "one review drawn");
    assert!(
        html.contains("onerror"),
        "the lowest-scored review, as text: {html}"
    );
    let (status, _, _) = get(&state, "/v1/products/p1/embed.html?per_page=0").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _, _) = get(&state, "/v1/shop/embed.html?per_page=101").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn comments_are_text_and_cannot_end_a_script() {
    // With the review items on, the comments are in the JSON-LD too (`reviewBody`).
    let (_, _, html) = get(
        &state_with_reviews_in_markup(),
        "/v1/products/p1/embed.html",
    )
    .await;
    assert!(
        script(&html, "application/ld+json")["review"][0]["reviewBody"]
            .as_str()
            .unwrap()
            .contains("</script>"),
        "the comment is in the JSON-LD, as data"
    );
    assert!(
        !html.contains("<img src=x"),
        "markup in comments is escaped"
    );
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert_eq!(
        html.matches("</script>").count(),
        2,
        "only the two data blocks close a script: {html}"
    );
    assert!(!html.contains("<script>alert"));
}

#[tokio::test]
async fn shop_fragment_has_no_self_serving_rating() {
    let (status, _, html) = get(&state(), "/v1/shop/embed.html?layout=grid&lang=en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !html.contains("application/ld+json"),
        "never an Organization self-review"
    );
    assert!(html.contains("stele-testimonials--grid"));
    assert!(html.contains("Verified buyer"));
}

#[tokio::test]
async fn a_badge_fragment_is_the_summary_and_nothing_else() {
    let state = state();
    let (status, content_type, html) = get(&state, "/v1/products/p1/badge.html?lang=ro").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type, "text/html; charset=utf-8");
    // The two rated reviews (9 and 8 of 10; the third has no score): 4.3 of 5 stars, in
    // the asked language.
    assert!(
        html.starts_with(
            "<template shadowrootmode=\"open\"><link rel=\"stylesheet\" href=\"/stele/stele.css\">"
        ),
        "{html}"
    );
    assert!(
        html.contains("aria-label=\"Evaluat cu 4,3 din 5, 2 recenzii\""),
        "{html}"
    );
    assert!(
        html.contains(">(2)</span>") && html.contains("part=\"root\""),
        "{html}"
    );
    // Final as it is: nothing for the widget to take over, no product markup on a listing.
    assert!(!html.contains("<script"), "{html}");
    assert!(
        !html.contains("<button") && !html.contains("<input"),
        "{html}"
    );
    let (_, _, none) = get(&state, "/v1/products/none/badge.html").await;
    assert!(none.contains(">(0)</span>"), "{none}");
    let (status, _, body) = get(&state, "/v1/products/p1/badge.html?theme=blue").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
}

#[tokio::test]
async fn a_listing_gets_its_badges_in_one_request() {
    let state = state();
    let (status, content_type, body) = get(&state, "/v1/badges?ids=p1,none&lang=de").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        content_type.starts_with("application/json"),
        "{content_type}"
    );
    let body: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body["api"], 1);
    let badges = body["badges"].as_object().unwrap();
    assert_eq!(badges.len(), 2);
    let (_, _, single) = get(&state, "/v1/products/p1/badge.html?lang=de").await;
    assert_eq!(
        badges["p1"],
        single.as_str(),
        "the same fragment as one product's"
    );
    assert!(badges["none"].as_str().unwrap().contains(">(0)</span>"));
    let (status, _, body) = get(&state, "/v1/badges").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "ids are required: {body}");
    let many = (0..101)
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(",");
    let (status, _, body) = get(&state, &format!("/v1/badges?ids={many}")).await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "as many ids as /v1/summaries: {body}"
    );
}

#[tokio::test]
async fn a_product_without_reviews_renders_an_empty_state_without_json_ld() {
    let (status, _, html) = get(&state(), "/v1/products/none/embed.html?lang=de").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Noch keine Bewertungen"));
    assert!(!html.contains("application/ld+json"));
}

#[tokio::test]
async fn fragments_take_the_element_theme_and_refuse_unknown_ones() {
    let state = state();
    let (_, _, light) = get(&state, "/v1/products/p1/embed.html").await;
    assert!(
        light.contains("data-theme=\"light\""),
        "light by default, as the element"
    );
    let (_, _, dark) = get(&state, "/v1/shop/embed.html?theme=dark").await;
    assert!(dark.contains("data-theme=\"dark\""));
    let (status, _, body) = get(&state, "/v1/products/p1/embed.html?theme=blue").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body.contains("bad_parameter") && body.contains("light, dark or auto"),
        "{body}"
    );
}

#[tokio::test]
async fn the_review_notice_states_collection_and_the_actual_moderation() {
    use stele_relay::model::moderation::Moderation;
    let notice = |html: &str| {
        let start = html
            .find("<details part=\"disclosure\" class=\"stele-notice\">")
            .expect("a notice");
        let end = start + html[start..].find("</details>").unwrap();
        html[start..end].to_owned()
    };
    let collected = "Only customers who placed an order can leave a review";
    let cases: [(Moderation, &[&str], &[&str]); 5] = [
        (Moderation::default(), &["All reviews are shown, positive and negative."], &["not listed", "may hide"]),
        (
            Moderation::new(Some(4), false, &[], &[], &[]),
            &["Only reviews with 4 stars or more are listed here; the average and the number of reviews count every review."],
            &["All reviews are shown", "without a comment"],
        ),
        (
            Moderation::new(None, true, &[], &[], &[]),
            &["Reviews without a comment are not listed; they count in the average."],
            &["All reviews are shown", "stars or more"],
        ),
        (
            Moderation::new(None, false, &["scam".into()], &[], &[]),
            &["The shop may hide a review"],
            &["All reviews are shown"],
        ),
        (
            Moderation::new(Some(1), true, &[], &["someid".into()], &[]),
            &["with 1 star or more", "without a comment", "may hide"],
            &["All reviews are shown"],
        ),
    ];
    for (moderation, present, absent) in cases {
        let (_, _, html) = get(
            &state_with(&moderation),
            "/v1/products/p1/embed.html?lang=en",
        )
        .await;
        let text = notice(&html);
        assert!(
            text.contains("<summary>How reviews are collected</summary>"),
            "{text}"
        );
        assert!(text.contains(collected), "{text}");
        for sentence in present {
            assert!(
                text.contains(sentence),
                "{moderation:?}: {sentence} in {text}"
            );
        }
        for sentence in absent {
            assert!(
                !text.contains(sentence),
                "{moderation:?}: no {sentence} in {text}"
            );
        }
    }
    let (_, _, romanian) = get(
        &state_with(&Moderation::new(Some(4), false, &[], &[], &[])),
        "/v1/products/p1/embed.html?lang=ro",
    )
    .await;
    let text = notice(&romanian);
    assert!(text.contains("Cum sunt colectate recenziile"), "{text}");
    assert!(text.contains("cel puțin 4 stele"), "{text}");
}
