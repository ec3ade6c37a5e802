//! Rating images for email over real HTTP: PNGs that decode at 2× density, in the language
//! and theme asked for, cache-friendly, linked from the JSON with a `?v=`, and in exports.

use std::sync::Mutex;

use stele_core::Timestamp;
use stele_relay::config::shop::ShopSettings;
use tiny_skia::Pixmap;

const BASE: Timestamp = Timestamp::from_unix(1_750_000_000);

fn demo(settings: ShopSettings) -> stele_relay::model::snapshot::Snapshot {
    let store = Mutex::new(stele_relay::cli::demo::store(BASE).unwrap());
    stele_relay::model::rebuild::build_snapshot(&store, &Default::default())
        .unwrap()
        .with_shop(settings)
}

async fn serve(snapshot: stele_relay::model::snapshot::Snapshot) -> String {
    let state = crate::support::state_over(snapshot, crate::support::unlimited());
    let address = crate::support::serve_in_background(stele_relay::http::app(state)).await;
    format!("http://{address}/")
}

async fn json(url: &str) -> serde_json::Value {
    let body = reqwest::get(url).await.unwrap().text().await.unwrap();
    serde_json::from_str(&body).unwrap()
}

async fn png(url: &str) -> (reqwest::header::HeaderMap, Pixmap) {
    let response = reqwest::get(url).await.unwrap();
    assert_eq!(response.status(), 200, "{url}");
    let headers = response.headers().clone();
    assert_eq!(headers["content-type"], "image/png");
    let body = response.bytes().await.unwrap();
    (
        headers,
        Pixmap::decode_png(&body).expect("a PNG that decodes"),
    )
}

#[tokio::test]
async fn images_decode_at_twice_the_density_in_the_language_and_theme_asked_for() {
    let base = serve(demo(ShopSettings::default())).await;
    let (headers, light) = png(&format!("{base}v1/products/2183/rating.png")).await;
    assert_eq!(light.height(), 48, "24 CSS pixels at 2×");
    assert!(
        light.width() > 300,
        "stars and a caption: {}",
        light.width()
    );
    let (_, dark) = png(&format!("{base}v1/products/2183/rating.png?theme=dark")).await;
    assert_eq!(dark.width(), light.width(), "the same caption");
    assert_ne!(dark.data(), light.data(), "other colours");
    let (_, romanian) = png(&format!("{base}v1/products/2183/rating.png?lang=ro")).await;
    assert_ne!(
        romanian.width(),
        light.width(),
        "\"de recenzii\" is not \"reviews\""
    );
    let (_, shop) = png(&format!("{base}v1/shop/rating.png?lang=bg&theme=dark")).await;
    assert_eq!(shop.height(), 48);

    let etag = headers["etag"].to_str().unwrap();
    let again = reqwest::Client::new()
        .get(format!("{base}v1/products/2183/rating.png"))
        .header("if-none-match", etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    let refused = reqwest::get(format!("{base}v1/shop/rating.png?theme=auto"))
        .await
        .unwrap();
    assert_eq!(refused.status(), 400);
    assert!(refused.text().await.unwrap().contains("light or dark"));
}

#[tokio::test]
async fn the_json_links_each_image_with_a_version_that_follows_its_content() {
    let base = serve(demo(ShopSettings::default())).await;
    let product = json(&format!("{base}v1/products/2183")).await;
    let link = product["rating_image"].as_str().unwrap();
    assert!(link.starts_with("v1/products/2183/rating.png?v="), "{link}");
    png(&format!("{base}{link}")).await;
    let shop = json(&format!("{base}v1/shop")).await;
    let shop_link = shop["rating_image"].as_str().unwrap();
    assert!(
        shop_link.starts_with("v1/shop/rating.png?v="),
        "{shop_link}"
    );
    let other = json(&format!("{base}v1/products/2182")).await;
    assert_ne!(
        other["rating_image"].as_str().unwrap().split("?v=").nth(1),
        link.split("?v=").nth(1),
        "another rating, another version"
    );
}

#[test]
fn exports_hold_one_light_image_per_product_in_the_image_language() {
    let snapshot = demo(ShopSettings {
        image_lang: stele::i18n::Lang::Ro,
        ..ShopSettings::default()
    });
    let images: Vec<_> = stele_relay::output::export::files(&snapshot)
        .filter(|f| f.path.ends_with(".png"))
        .collect();
    assert_eq!(images.len(), 20 + 1, "every product and the shop");
    let product = images
        .iter()
        .find(|f| f.path == "v1/products/2183/rating.png")
        .unwrap();
    let expected = stele_relay::output::rating_image::render(
        snapshot.summary("2183"),
        stele::i18n::Lang::Ro,
        stele_relay::output::rating_image::ImageTheme::Light,
    );
    assert_eq!(product.body, expected);
    assert!(images.iter().any(|f| f.path == "v1/shop/rating.png"));
}
