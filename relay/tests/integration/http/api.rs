//! The public API through `tower::ServiceExt::oneshot`: no sockets.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::support::{order_json, success};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::response::Response;
use http_body_util::BodyExt;
use rstest::rstest;
use serde_json::Value;
use stele_core::normalise::read_feed;
use stele_core::zone::LocalZone;
use stele_relay::config::http::HttpSettings;
use stele_relay::config::http::RateLimit;
use stele_relay::http::app;
use stele_relay::http::state::AppState;
use stele_relay::model::moderation::Moderation;
use stele_relay::model::rebuild::build_snapshot;
use stele_relay::model::store::Store;
use tower::ServiceExt;

const DAY: i64 = 86_400;
const NOW: i64 = 1_790_000_000;

/// Orders numbered ORD-SECRET-n (letters no hex id can contain), product "p1" with reviews
/// of every score, "p2" with one, and a blocklisted and a markup comment.
fn store() -> Arc<Mutex<Store>> {
    let mut orders = Vec::new();
    for score in 0..=10u8 {
        let comment = match score {
            3 => Some("O țeapă totală"),
            5 => Some("<img src=x onerror=alert(1)>"),
            7 => None,
            _ => Some("Calitate foarte bună, mulțumesc"),
        };
        let json = order_json(
            u64::from(score),
            NOW - i64::from(score) * DAY,
            &[("p1", NOW - i64::from(score) * DAY, Some(score), comment)],
        );
        orders.push(json.replacen(
            &format!("\"orderno\":\"{score}\""),
            &format!("\"orderno\":\"ORD-SECRET-{score}\""),
            1,
        ));
    }
    orders.push(
        order_json(100, NOW, &[("p2", NOW, None, Some("fără notă"))]).replacen(
            "\"100\"",
            "\"ORD-SECRET-100\"",
            1,
        ),
    );
    let batch = read_feed(&success(&orders), LocalZone::default()).unwrap();
    let mut store = Store::in_memory().unwrap();
    store
        .apply(&batch, stele_core::Timestamp::from_unix(NOW), None)
        .unwrap();
    Arc::new(Mutex::new(store))
}

fn state_with(settings: HttpSettings, moderation: &Moderation) -> AppState {
    state_from(&store(), settings, moderation)
}

fn state_from(
    store: &Arc<Mutex<Store>>,
    settings: HttpSettings,
    moderation: &Moderation,
) -> AppState {
    let snapshot = build_snapshot(store, moderation).unwrap();
    crate::support::state_over(snapshot, settings)
}

/// The state with `dir` as the widget's files (`STELE_ASSETS`).
fn serving_files(dir: &std::path::Path) -> AppState {
    state_with(
        HttpSettings {
            assets: stele_relay::config::http::Assets::Dir(dir.to_owned()),
            ..crate::support::unlimited()
        },
        &Moderation::default(),
    )
}

async fn call(state: &AppState, request: Request<Body>) -> (Response, Vec<u8>) {
    let response = app(state.clone()).oneshot(request).await.unwrap();
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.unwrap().to_bytes().to_vec();
    (Response::from_parts(parts, Body::empty()), bytes)
}

async fn get(state: &AppState, uri: &str) -> (StatusCode, Value) {
    let (response, body) = call(state, Request::get(uri).body(Body::empty()).unwrap()).await;
    let json = serde_json::from_slice(&body)
        .unwrap_or_else(|e| panic!("{uri}: {e}: {}", String::from_utf8_lossy(&body)));
    (response.status(), json)
}

fn ids(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect()
}

fn scores(page: &Value) -> Vec<i64> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["score"].as_i64().unwrap_or(-1))
        .collect()
}

#[tokio::test]
async fn shop_and_products() {
    let state = state_with(crate::support::unlimited(), &Moderation::default());
    let (status, shop) = get(&state, "/v1/shop").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(shop["summary"]["count"], 12);
    assert_eq!(shop["testimonials"]["per_page"], 10);
    assert_eq!(shop["source"], "live");

    let (status, product) = get(&state, "/v1/products/p1").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(product["summary"]["count"], 11);
    assert_eq!(
        product["summary"]["histogram"],
        serde_json::json!([3, 2, 2, 2, 2])
    );
    assert_eq!(product["reviews"]["total"], 11);
    assert_eq!(
        scores(&product["reviews"]),
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        "newest first"
    );
    assert_eq!(
        get(&state, "/v1/products/p1.json").await.1,
        product,
        "canonical form is the same resource"
    );
}

#[tokio::test]
async fn a_product_without_reviews_is_an_empty_200() {
    let state = state_with(crate::support::unlimited(), &Moderation::default());
    let (status, product) = get(&state, "/v1/products/never-reviewed").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        product["summary"],
        serde_json::json!({"count": 0, "average": null, "histogram": [0,0,0,0,0], "with_comment": 0})
    );
    assert_eq!(product["reviews"]["items"], serde_json::json!([]));
    let (_, encoded) = get(
        &state,
        &format!(
            "/v1/products/{}.json",
            stele_core::text::path_segment("a/b c")
        ),
    )
    .await;
    assert_eq!(encoded["product_id"], "a/b c");
}

#[rstest]
#[case::newest("sort=newest", vec![0, 1, 2, 3, 4])]
#[case::oldest("sort=oldest", vec![10, 9, 8, 7, 6])]
#[case::highest("sort=highest", vec![10, 9, 8, 7, 6])]
#[case::lowest("sort=lowest", vec![0, 1, 2, 3, 4])]
#[case::stars_filter("stars=5", vec![9, 10])]
#[case::stars_bucket_one("stars=1&sort=highest", vec![2, 1, 0])]
#[case::with_comment("with_comment=true&sort=highest", vec![10, 9, 8, 6, 5])]
#[case::search_ignores_diacritics("q=TEAPA", vec![3])]
#[case::search_words("q=calitate%20foarte&sort=lowest", vec![0, 1, 2, 4, 6])]
#[case::second_page("page=2&per_page=4", vec![4, 5, 6, 7])]
#[case::past_the_end("page=9&per_page=4", vec![])]
#[tokio::test]
async fn review_lists(#[case] query: &str, #[case] expected: Vec<i64>) {
    let state = state_with(crate::support::unlimited(), &Moderation::default());
    let (status, page) = get(
        &state,
        &format!("/v1/products/p1/reviews?per_page=5&{query}"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert_eq!(scores(&page), expected);
}

/// An element's first request carries its sort and page size, so it never asks for page 1
/// again: the product (or shop) comes with page 1 as the element shows it.
#[rstest]
#[case::canonical("/v1/products/p1.json", "newest", vec![0, 1, 2, 3, 4, 5, 6, 7, 8, 9])]
#[case::sorted("/v1/products/p1.json?sort=highest&per_page=3", "highest", vec![10, 9, 8])]
#[case::longer("/v1/products/p1?per_page=12", "newest", vec![0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])]
#[case::segment("/v1/products/~7031.json?sort=lowest&per_page=2", "lowest", vec![0, 1])]
#[tokio::test]
async fn the_product_comes_with_page_one_as_asked(
    #[case] uri: &str,
    #[case] sort: &str,
    #[case] expected: Vec<i64>,
) {
    let state = state_with(crate::support::unlimited(), &Moderation::default());
    let (status, view) = get(&state, uri).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    assert_eq!(view["sort"], sort);
    assert_eq!(scores(&view["reviews"]), expected);
    assert_eq!(
        view["summary"]["count"], 11,
        "the summary never depends on the page"
    );
    let (status, error) = get(&state, "/v1/products/p1.json?sort=best").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(error["error"]["code"], "bad_parameter");
}

#[tokio::test]
async fn the_shop_comes_with_page_one_as_asked() {
    let state = state_with(crate::support::unlimited(), &Moderation::default());
    let (_, canonical) = get(&state, "/v1/shop.json").await;
    let (status, short) = get(&state, "/v1/shop.json?per_page=2").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(short["testimonials"]["per_page"], 2);
    assert_eq!(
        short["testimonials"]["items"].as_array().unwrap()[..],
        canonical["testimonials"]["items"].as_array().unwrap()[..2]
    );
    let (status, _) = get(&state, "/v1/shop?per_page=0").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn canonical_paths_match_the_query_api() {
    let state = state_with(crate::support::unlimited(), &Moderation::default());
    for (path, query) in [
        (
            "/v1/products/p1/reviews/lowest/2.json",
            "/v1/products/p1/reviews?sort=lowest&page=2",
        ),
        (
            "/v1/products/p1/reviews/highest/stars-1/1.json",
            "/v1/products/p1/reviews?sort=highest&stars=1",
        ),
        ("/v1/testimonials/1.json", "/v1/testimonials"),
    ] {
        assert_eq!(get(&state, path).await, get(&state, query).await, "{path}");
    }
}

#[tokio::test]
async fn canonical_paths_decode_encoded_product_ids() {
    let mut store = Store::in_memory().unwrap();
    let orders = [order_json(
        1,
        NOW,
        &[("a/b c", NOW, Some(8), Some("slash and space"))],
    )];
    store
        .apply(
            &read_feed(&success(&orders), LocalZone::default()).unwrap(),
            stele_core::Timestamp::from_unix(NOW),
            None,
        )
        .unwrap();
    let state = state_from(
        &Arc::new(Mutex::new(store)),
        crate::support::unlimited(),
        &Moderation::default(),
    );
    let segment = stele_core::text::path_segment("a/b c");
    let (status, page) = get(
        &state,
        &format!("/v1/products/{segment}/reviews/newest/1.json"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page["total"], 1, "{page}");
    let (_, stars) = get(
        &state,
        &format!("/v1/products/{segment}/reviews/newest/stars-4/1.json"),
    )
    .await;
    assert_eq!(stars["total"], 1);
    let (_, product) = get(&state, &format!("/v1/products/{segment}.json")).await;
    assert_eq!(product["summary"]["count"], 1);
    assert_eq!(
        get(&state, "/v1/products/a.b/reviews/newest/1.json")
            .await
            .0,
        StatusCode::BAD_REQUEST,
        "not a segment"
    );
}

#[rstest]
#[case::page_zero("/v1/products/p1/reviews?page=0", "page")]
#[case::page_words("/v1/products/p1/reviews?page=two", "page")]
#[case::per_page_over("/v1/products/p1/reviews?per_page=101", "per_page")]
#[case::per_page_zero("/v1/testimonials?per_page=0", "per_page")]
#[case::unknown_sort(
    "/v1/products/p1/reviews?sort=best",
    "newest, oldest, highest or lowest"
)]
#[case::stars_high("/v1/products/p1/reviews?stars=6", "stars")]
#[case::stars_zero("/v1/products/p1/reviews?stars=0", "stars")]
#[case::min_stars("/v1/testimonials?min_stars=x", "min_stars")]
#[case::shop_min_stars_high("/v1/shop?min_stars=6", "min_stars")]
#[case::shop_min_stars_zero("/v1/shop.json?min_stars=0", "min_stars")]
#[case::shop_embed_min_stars("/v1/shop/embed.html?min_stars=four", "min_stars")]
#[case::with_comment("/v1/products/p1/reviews?with_comment=maybe", "with_comment")]
#[case::ids_missing("/v1/summaries", "ids")]
#[case::ids_empty("/v1/summaries?ids=,,", "ids")]
#[case::control_character("/v1/products/a%01b", "control")]
#[case::canonical_bad_page("/v1/products/p1/reviews/newest/0.json", "page")]
#[case::canonical_bad_stars("/v1/products/p1/reviews/newest/stars-9/1.json", "stars")]
#[tokio::test]
async fn bad_parameters_are_400_with_a_message(#[case] uri: &str, #[case] mentions: &str) {
    let state = state_with(crate::support::unlimited(), &Moderation::default());
    let (status, body) = get(&state, uri).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {body}");
    assert_eq!(body["error"]["code"], "bad_parameter");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains(mentions),
        "{body}"
    );
}

#[tokio::test]
async fn id_limits() {
    let state = state_with(crate::support::unlimited(), &Moderation::default());
    let long = "x".repeat(129);
    assert_eq!(
        get(&state, &format!("/v1/products/{long}")).await.0,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        get(&state, &format!("/v1/products/{}", "x".repeat(128)))
            .await
            .0,
        StatusCode::OK
    );
    let hundred: Vec<String> = (0..100).map(|i| format!("id{i}")).collect();
    assert_eq!(
        get(&state, &format!("/v1/summaries?ids={}", hundred.join(",")))
            .await
            .0,
        StatusCode::OK
    );
    let (status, body) = get(
        &state,
        &format!("/v1/summaries?ids={},one-more", hundred.join(",")),
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("bad_parameter"))
    );
}

#[tokio::test]
async fn summaries_answer_every_id_asked_for() {
    let state = state_with(crate::support::unlimited(), &Moderation::default());
    let (status, body) = get(&state, "/v1/summaries?ids=p1,%20p2%20,unknown,p1").await;
    assert_eq!(status, StatusCode::OK);
    let summaries = body["summaries"].as_object().unwrap();
    assert_eq!(summaries.len(), 3);
    assert_eq!(summaries["p1"]["count"], 11);
    assert_eq!(
        summaries["p2"],
        serde_json::json!({"count": 0, "average": null, "histogram": [0,0,0,0,0], "with_comment": 1})
    );
    assert_eq!(summaries["unknown"]["count"], 0);
    let mut chunked = HashMap::new();
    for chunk in 0..stele_core::paths::SUMMARY_CHUNKS {
        let (_, body) = get(&state, &format!("/v1/summary-chunks/{chunk}.json")).await;
        for (id, summary) in body["summaries"].as_object().unwrap() {
            chunked.insert(id.clone(), summary.clone());
        }
    }
    assert_eq!(
        (chunked["p1"].clone(), chunked.len()),
        (summaries["p1"].clone(), 2)
    );
}

#[tokio::test]
async fn unknown_paths_and_methods_use_the_error_shape() {
    let state = state_with(crate::support::unlimited(), &Moderation::default());
    let (status, body) = get(&state, "/v2/whatever").await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );
    let (response, body) = call(
        &state,
        Request::post("/v1/shop").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(
        serde_json::from_slice::<Value>(&body).unwrap()["error"]["code"],
        "method_not_allowed"
    );
}

#[tokio::test]
async fn etags_caching_and_304() {
    let state = state_with(crate::support::unlimited(), &Moderation::default());
    for uri in [
        "/v1/shop",
        "/v1/products/p1",
        "/v1/products/p1/reviews?sort=lowest",
        "/v1/summaries?ids=p1",
    ] {
        let (response, body) = call(&state, Request::get(uri).body(Body::empty()).unwrap()).await;
        let etag = response.headers()[header::ETAG]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(etag.starts_with("W/\""), "{uri}");
        let cache = response.headers()[header::CACHE_CONTROL].to_str().unwrap();
        for directive in [
            "public",
            "max-age=",
            "stale-while-revalidate=",
            "stale-if-error=",
        ] {
            assert!(cache.contains(directive), "{uri}: {cache}");
        }
        assert_eq!(
            response.headers()[header::X_CONTENT_TYPE_OPTIONS],
            "nosniff"
        );
        assert!(!body.is_empty());
        let (again, empty) = call(
            &state,
            Request::get(uri)
                .header(header::IF_NONE_MATCH, &etag)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{uri}");
        assert!(empty.is_empty());
        let (other, _) = call(
            &state,
            Request::get(uri)
                .header(header::IF_NONE_MATCH, "W/\"other\"")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(other.status(), StatusCode::OK);
    }
}

#[rstest]
#[case("br")]
#[case("gzip")]
#[tokio::test]
async fn responses_are_compressed(#[case] encoding: &str) {
    let state = state_with(crate::support::unlimited(), &Moderation::default());
    let request = Request::get("/v1/products/p1/reviews?per_page=100")
        .header(header::ACCEPT_ENCODING, encoding)
        .body(Body::empty())
        .unwrap();
    let (response, _) = call(&state, request).await;
    assert_eq!(response.headers()[header::CONTENT_ENCODING], encoding);
}

#[tokio::test]
async fn cors_only_for_allowlisted_origins() {
    let request = |origin: &str| {
        Request::get("/v1/shop")
            .header(header::ORIGIN, origin)
            .body(Body::empty())
            .unwrap()
    };
    let closed = state_with(crate::support::unlimited(), &Moderation::default());
    let (response, _) = call(&closed, request("https://shop.example")).await;
    assert!(
        response
            .headers()
            .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
            .is_none(),
        "default: same-origin only"
    );

    let open = state_with(
        HttpSettings {
            allowed_origins: stele_relay::config::clients::AllowedOrigins::list(&[
                "https://shop.example",
            ]),
            ..crate::support::unlimited()
        },
        &Moderation::default(),
    );
    let (response, _) = call(&open, request("https://shop.example")).await;
    assert_eq!(
        response.headers()[header::ACCESS_CONTROL_ALLOW_ORIGIN],
        "https://shop.example"
    );
    let (response, _) = call(&open, request("https://evil.example")).await;
    assert!(response
        .headers()
        .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
        .is_none());
}

#[tokio::test]
async fn rate_limit_answers_429_with_retry_after() {
    let state = state_with(
        HttpSettings {
            rate_limit: Some(RateLimit {
                per_second: 1.0,
                burst: 3,
            }),
            ..crate::support::unlimited()
        },
        &Moderation::default(),
    );
    let from = |ip: &str| {
        Request::get("/v1/shop")
            .header("x-forwarded-for", ip)
            .body(Body::empty())
            .unwrap()
    };
    for _ in 0..3 {
        assert_eq!(
            call(&state, from("203.0.113.9")).await.0.status(),
            StatusCode::OK
        );
    }
    let (response, body) = call(&state, from("203.0.113.9")).await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(
        response.headers()[header::RETRY_AFTER]
            .to_str()
            .unwrap()
            .parse::<u64>()
            .unwrap()
            >= 1
    );
    assert_eq!(
        serde_json::from_slice::<Value>(&body).unwrap()["error"]["code"],
        "rate_limited"
    );
    assert_eq!(
        call(&state, from("203.0.113.10")).await.0.status(),
        StatusCode::OK,
        "other addresses are unaffected"
    );
}

#[tokio::test]
async fn moderation_filters_lists_but_not_summaries() {
    // One store: public ids depend on its per-installation secret.
    let store = store();
    let plain = state_from(&store, crate::support::unlimited(), &Moderation::default());
    let (_, all) = get(&plain, "/v1/products/p1/reviews?per_page=100&sort=highest").await;
    let ten = ids(&all)[0].clone();
    let nine = ids(&all)[1].clone();
    let moderation = Moderation::new(
        Some(2),
        true,
        &["teapa".into()],
        std::slice::from_ref(&nine),
        &[ids(&all)[6].clone()],
    );
    let moderated = state_from(&store, crate::support::unlimited(), &moderation);
    let (_, product) = get(&moderated, "/v1/products/p1").await;
    assert_eq!(
        product["summary"],
        get(&plain, "/v1/products/p1").await.1["summary"],
        "summaries count everything"
    );
    let (_, page) = get(
        &moderated,
        "/v1/products/p1/reviews?per_page=100&sort=highest",
    )
    .await;
    // 3 (blocklisted), 7 (no comment), 0–2 (below two stars) and nine (hidden) are gone; the
    // pinned review comes first whatever the sort.
    assert_eq!(scores(&page), [4, 10, 8, 6, 5]);
    assert!(!ids(&page).contains(&nine));
    assert_eq!(ids(&page)[1], ten);
}

/// A store of three orders, newest first, whose shop feedback is scored 2, 10 and 6, each
/// with `product_reviews`.
fn scored_feedback(product_reviews: &[(&str, i64, Option<u8>, Option<&str>)]) -> Arc<Mutex<Store>> {
    let orders: Vec<String> = [(1u64, 2u8), (2, 10), (3, 6)]
        .iter()
        .map(|(n, score)| {
            order_json(*n, NOW - *n as i64, product_reviews).replacen(
                "\"score\":9",
                &format!("\"score\":{score}"),
                1,
            )
        })
        .collect();
    let mut seeded = Store::in_memory().unwrap();
    seeded
        .apply(
            &read_feed(&success(&orders), LocalZone::default()).unwrap(),
            stele_core::Timestamp::from_unix(NOW),
            None,
        )
        .unwrap();
    Arc::new(Mutex::new(seeded))
}

#[tokio::test]
async fn testimonials_can_be_held_to_a_higher_minimum_than_product_reviews() {
    // Shop feedback scored 2, 10 and 6, each order with one low product review.
    let store = scored_feedback(&[("p1", NOW, Some(1), Some("poor"))]);
    let plain = state_from(&store, crate::support::unlimited(), &Moderation::default());
    let strict = state_from(
        &store,
        crate::support::unlimited(),
        &Moderation::default().with_testimonial_min_stars(Some(4)),
    );
    let (_, all) = get(&plain, "/v1/testimonials?per_page=100").await;
    let (_, kept) = get(&strict, "/v1/testimonials?per_page=100").await;
    assert!(all["total"].as_u64().unwrap() > kept["total"].as_u64().unwrap());
    assert!(
        kept["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["score"].as_u64().unwrap() >= 7),
        "{kept}"
    );
    assert_eq!(
        get(&strict, "/v1/shop").await.1["summary"],
        get(&plain, "/v1/shop").await.1["summary"],
        "summaries count everything"
    );
    assert_eq!(
        get(&strict, "/v1/products/p1/reviews?per_page=100").await.1["total"],
        get(&plain, "/v1/products/p1/reviews?per_page=100").await.1["total"],
        "product reviews are unaffected"
    );
}

#[tokio::test]
async fn the_shop_states_the_testimonial_threshold_it_applied_and_a_page_may_ask_for_another() {
    // Shop feedback scored 2, 10 and 6 (1, 5 and 3 stars), the relay's default threshold 4.
    let store = scored_feedback(&[]);
    let state = state_from(
        &store,
        crate::support::unlimited(),
        &Moderation::default().with_testimonial_min_stars(Some(4)),
    );
    let scores = |page: &Value| -> Vec<u64> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["score"].as_u64().unwrap())
            .collect()
    };
    let (_, shop) = get(&state, "/v1/shop").await;
    assert_eq!(shop["moderation"]["min_stars"], 4, "{shop}");
    assert_eq!(shop["moderation"]["hides_without_comment"], true);
    assert_eq!(scores(&shop["testimonials"]), [10]);
    // 1 shows every one, and says no threshold.
    let (_, all) = get(&state, "/v1/shop?min_stars=1").await;
    assert_eq!(all["moderation"].get("min_stars"), None, "{all}");
    assert_eq!(scores(&all["testimonials"]), [2, 10, 6], "newest first");
    let (_, three) = get(&state, "/v1/shop.json?min_stars=3&per_page=1").await;
    assert_eq!(three["moderation"]["min_stars"], 3);
    assert_eq!(
        (
            scores(&three["testimonials"]),
            three["testimonials"]["total"].as_u64()
        ),
        (vec![10], Some(2))
    );
    // Later pages at the same threshold; without one, the relay's own.
    let (_, second) = get(&state, "/v1/testimonials?page=2&per_page=1&min_stars=3").await;
    assert_eq!(scores(&second), [6]);
    let (_, canonical) = get(&state, "/v1/testimonials/1.json").await;
    assert_eq!(scores(&canonical), [10]);
    // The fragment takes the same query.
    let (response, body) = call(
        &state,
        Request::get("/v1/shop/embed.html?min_stars=1")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let html = String::from_utf8_lossy(&body);
    assert!(
        html.contains("\"moderation\":{\"hides_without_comment\":true}"),
        "{html}"
    );
    // STELE_MIN_STARS holds for every list: a page cannot ask below it.
    let strict = state_from(
        &store,
        crate::support::unlimited(),
        &Moderation::new(Some(3), false, &[], &[], &[]),
    );
    let (_, floor) = get(&strict, "/v1/shop?min_stars=1").await;
    assert_eq!(floor["moderation"]["min_stars"], 3);
    assert_eq!(scores(&floor["testimonials"]), [10, 6]);
}

#[tokio::test]
async fn order_numbers_never_appear_in_any_response() {
    let state = state_with(crate::support::unlimited(), &Moderation::default());
    let mut uris = vec![
        "/v1/shop".to_owned(),
        "/v1/testimonials?per_page=100".to_owned(),
        "/healthz".to_owned(),
        "/v1/summaries?ids=p1,p2".to_owned(),
    ];
    for sort in ["newest", "oldest", "highest", "lowest"] {
        uris.push(format!("/v1/products/p1/reviews?per_page=100&sort={sort}"));
        uris.push(format!("/v1/products/p2/reviews/{sort}/1.json"));
    }
    for uri in &uris {
        let (response, body) = call(
            &state,
            Request::get(uri.as_str()).body(Body::empty()).unwrap(),
        )
        .await;
        let text = String::from_utf8_lossy(&body);
        assert!(
            !text.contains("ORD-SECRET") && !text.contains("SECRET"),
            "{uri} leaks an order number: {text}"
        );
        assert!(!format!("{:?}", response.headers()).contains("SECRET"));
    }
}

#[tokio::test]
async fn comments_are_served_as_plain_json_strings() {
    let state = state_with(crate::support::unlimited(), &Moderation::default());
    let (response, body) = call(
        &state,
        Request::get("/v1/products/p1/reviews?q=onerror")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(response.headers()[header::CONTENT_TYPE], "application/json");
    let page: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(page["items"][0]["comment"], "<img src=x onerror=alert(1)>");
}

/// The one media-type table serves a widget file from a directory as the built-in widget
/// and the bucket upload label it: text types say UTF-8 (the file server said
/// `text/javascript` alone), even precompressed.
#[tokio::test]
async fn assets_from_a_directory_carry_the_one_media_type_table() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("stele.js"), "export {}").unwrap();
    std::fs::write(dir.path().join("stele.js.br"), "compressed").unwrap();
    std::fs::write(dir.path().join("stele.css"), "a{}").unwrap();
    std::fs::write(dir.path().join("stele-0123abcd.wasm"), [0u8, 97, 115, 109]).unwrap();
    let state = serving_files(dir.path());
    for (path, accept) in [
        ("/stele.js", "identity"),
        ("/stele.js", "br"),
        ("/stele.css", "identity"),
        ("/stele-0123abcd.wasm", "identity"),
    ] {
        let (response, _) = call(
            &state,
            Request::get(path)
                .header(header::ACCEPT_ENCODING, accept)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(
            response.headers()[header::CONTENT_TYPE],
            stele_relay::delivery::content_type(path),
            "{path} ({accept})"
        );
        assert_eq!(
            response.headers()[header::CONTENT_TYPE],
            stele_relay::delivery::export_headers(path.trim_start_matches('/')).0,
            "{path}: as the bucket upload labels it"
        );
    }
}

#[tokio::test]
async fn assets_are_served_with_caching_that_fits_their_names() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("stele.js"), "export {}").unwrap();
    std::fs::write(dir.path().join("stele-0123abcd.wasm"), [0u8, 97, 115, 109]).unwrap();
    let state = serving_files(dir.path());
    let (response, _) = call(
        &state,
        Request::get("/stele.js").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()[header::CACHE_CONTROL]
        .to_str()
        .unwrap()
        .contains("must-revalidate"));
    let (response, _) = call(
        &state,
        Request::get("/stele-0123abcd.wasm")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert!(response.headers()[header::CACHE_CONTROL]
        .to_str()
        .unwrap()
        .contains("immutable"));
    let (status, body) = get(&state, "/missing.js").await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );
    assert_eq!(
        get(&state, "/v1/shop").await.0,
        StatusCode::OK,
        "the API still wins over files"
    );
}

#[tokio::test]
async fn healthz_reports_sync_state_without_secrets() {
    let state = state_with(crate::support::unlimited(), &Moderation::default());
    let (status, body) = get(&state, "/healthz").await;
    assert_eq!(
        (status, body["status"].as_str()),
        (StatusCode::SERVICE_UNAVAILABLE, Some("starting"))
    );
    assert_eq!(body["counts"]["orders"], 12);
    let failure: Result<(), _> = Err(stele_relay::ingest::upstream::SyncError::Upstream(
        stele_core::upstream::UpstreamError::IncorrectRestKey,
    ));
    state
        .shared()
        .health
        .lock()
        .unwrap()
        .record(&Ok(stele_relay::ingest::sync::SyncReport {
            applied: Default::default(),
            cursor: None,
            warnings: 0,
        }));
    state.shared().health.lock().unwrap().record(&failure);
    let (status, body) = get(&state, "/healthz").await;
    assert_eq!(
        (status, body["status"].as_str()),
        (StatusCode::OK, Some("degraded"))
    );
    assert_eq!(body["last_error"]["code"], "incorrect_rest_key");
    assert!(body["last_error"]["hint"]
        .as_str()
        .unwrap()
        .contains("second field"));
}

#[tokio::test]
async fn slow_requests_time_out_with_the_error_shape() {
    use axum::routing::get;
    let state = state_with(
        HttpSettings {
            request_timeout: std::time::Duration::from_millis(50),
            ..crate::support::unlimited()
        },
        &Moderation::default(),
    );
    // The timeout wraps every route; a deliberately slow one proves it fires.
    let slow = axum::Router::new().route(
        "/slow",
        get(|| async {
            tokio::time::sleep(std::time::Duration::from_secs(5)).await;
            "late"
        }),
    );
    let router = stele_relay::http::with_middleware(slow, state);
    let response = router
        .oneshot(Request::get("/slow").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body: Value =
        serde_json::from_slice(&response.into_body().collect().await.unwrap().to_bytes()).unwrap();
    assert_eq!(body["error"]["code"], "timeout");
}
