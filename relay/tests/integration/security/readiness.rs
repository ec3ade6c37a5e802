//! Ready means every route serves the first sync's data: a load balancer or CDN that
//! trusts `/readyz` never caches "no reviews" from a relay that has only just started.

use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::fake_upstream::{Behaviour, FakeUpstream};
use crate::support::{order_json, success};
use crate::support::{relay, Served, KEY};

#[test]
fn on_first_start_readyz_waits_until_the_data_and_the_product_feed_are_served() {
    let now = stele_relay::model::store::now().unix();
    // Enough orders that building the read model takes a while after the sync is stored.
    let orders: Vec<String> = (0..20_000)
        .map(|n| {
            order_json(
                n,
                now - 7200,
                &[(
                    &format!("p{}", n % 50),
                    now - 7200,
                    Some(8),
                    Some("foarte bună"),
                )],
            )
        })
        .collect();
    let upstream = FakeUpstream::start_in_background(Behaviour::Body(success(&orders)));
    let mut csv = String::from("product id,product name,product url\n");
    for p in 0..50 {
        csv.push_str(&format!("p{p},Rochie {p},https://shop.example/p{p}\n"));
    }
    // The product feed answers a second after the sync is in.
    let feed = FakeUpstream::start_in_background(Behaviour::Delay(
        Duration::from_secs(3),
        Box::new(Behaviour::Body(csv.into_bytes())),
    ));
    let dir = tempfile::tempdir().unwrap();
    let mut command = relay();
    command
        .arg("serve")
        .env("RTG_REST_KEY", KEY)
        .env("RTG_CUSTOMER_ID", "c1")
        .env("STELE_UPSTREAM_URL", &upstream.url)
        .env("STELE_FEED_URL", &feed.url)
        .env("STELE_SHOP_NAME", "Magazinul")
        .env("STELE_RATE_LIMIT", "0")
        .env("STELE_DB", dir.path().join("stele.db"));
    let served = Served::start(command, dir.path());

    let deadline = Instant::now() + Duration::from_secs(60);
    let mut unready = 0;
    loop {
        let (status, body) = served.get("/readyz");
        if status == 200 {
            break;
        }
        assert_eq!(status, 503, "{body}");
        unready += 1;
        assert!(
            Instant::now() < deadline,
            "never ready: {}",
            served.logged()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // The first moment it is ready, everything is served.
    let (_, shop) = served.get("/v1/shop");
    let shop: Value = serde_json::from_str(&shop).unwrap();
    assert_eq!(shop["summary"]["count"], 20_000, "{shop}");
    let (_, product) = served.get("/v1/products/p7");
    let product: Value = serde_json::from_str(&product).unwrap();
    assert_eq!(product["product"]["name"], "Rochie 7", "{product}");
    let (status, google) = served.get("/v1/feeds/google-product-reviews.xml");
    assert_eq!(status, 200);
    assert_eq!(google.matches("<review>").count(), 20_000);
    assert!(
        unready > 10,
        "the test never saw the relay unready ({unready} polls)"
    );
}
