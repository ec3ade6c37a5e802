//! The static export: every canonical file, equal to what the live relay serves there.

use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use serde_json::Value;
use stele_core::listing::ReviewSort;
use stele_core::paths;
use stele_relay::http::app;
use stele_relay::http::state::AppState;
use stele_relay::model::moderation::Moderation;
use stele_relay::model::rebuild::build_snapshot;
use tower::ServiceExt;

fn demo_state() -> (AppState, stele_relay::model::snapshot::Snapshot) {
    let store = Arc::new(Mutex::new(
        stele_relay::cli::demo::store(stele_core::Timestamp::from_unix(1_790_000_000)).unwrap(),
    ));
    let for_export = build_snapshot(&store, &Moderation::default()).unwrap();
    let live = build_snapshot(&store, &Moderation::default()).unwrap();
    (
        crate::support::state_over(live, crate::support::unlimited()),
        for_export,
    )
}

async fn live(state: &AppState, path: &str) -> Value {
    serde_json::from_str(&live_text(state, path).await).unwrap()
}

async fn live_text(state: &AppState, path: &str) -> String {
    let response = app(state.clone())
        .oneshot(
            Request::get(format!("/{path}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "{path}");
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    String::from_utf8(bytes.to_vec()).unwrap()
}

fn text(root: &std::path::Path, path: &str) -> String {
    std::fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The JSON-LD of a fragment, if it has one.
fn json_ld(html: &str) -> Option<Value> {
    let start = html.find("<script type=\"application/ld+json\">")? + 35;
    let end = start + html[start..].find("</script>")?;
    Some(serde_json::from_str(&html[start..end]).unwrap())
}

fn file(root: &std::path::Path, path: &str) -> Value {
    let bytes = std::fs::read(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_slice(&bytes).unwrap()
}

fn without_source(mut value: Value) -> Value {
    value.as_object_mut().map(|o| o.remove("source"));
    value
}

#[tokio::test]
async fn every_canonical_file_matches_the_live_relay() {
    let (state, snapshot) = demo_state();
    let dir = tempfile::tempdir().unwrap();
    let stats = stele_relay::output::export::write_all(&snapshot, dir.path()).unwrap();
    assert!(stats.files > 100, "{stats:?}");

    let shop = file(dir.path(), &paths::shop());
    assert_eq!(shop["source"], "export");
    assert_eq!(
        without_source(shop),
        without_source(live(&state, &paths::shop()).await)
    );

    let mut checked = 0;
    for (id, _) in stele_relay::cli::demo::PRODUCTS {
        let product = file(dir.path(), &paths::product(id));
        assert_eq!(product["source"], "export");
        assert_eq!(
            without_source(product.clone()),
            without_source(live(&state, &paths::product(id)).await),
            "{id}"
        );
        let total_pages = product["reviews"]["total_pages"].as_u64().unwrap().max(1) as u32;
        for sort in ReviewSort::ALL {
            for page in 1..=total_pages {
                let path = paths::reviews(id, sort, None, page);
                assert_eq!(file(dir.path(), &path), live(&state, &path).await, "{path}");
                checked += 1;
            }
            for stars in 1..=5u8 {
                let path = paths::reviews(id, sort, Some(stars), 1);
                assert_eq!(file(dir.path(), &path), live(&state, &path).await, "{path}");
            }
        }
        assert!(!dir
            .path()
            .join(paths::reviews(
                id,
                ReviewSort::Newest,
                None,
                total_pages + 1
            ))
            .exists());
    }
    assert!(checked > 80);

    // The fragments a web server's include asks for (docs/embed.md, "Fragments without
    // code"), as the relay renders them with no query: a badge byte for byte; a review
    // section with the same JSON-LD and its data marked as the export's, so the widget that
    // takes it over asks only what a static host answers.
    for (id, _) in stele_relay::cli::demo::PRODUCTS {
        let badge = paths::product_badge(id);
        assert_eq!(
            text(dir.path(), &badge),
            live_text(&state, &badge).await,
            "{badge}"
        );
        let section = paths::product_fragment(id);
        let (exported, served) = (
            text(dir.path(), &section),
            live_text(&state, &section).await,
        );
        assert!(
            exported.starts_with("<template shadowrootmode=\"open\">"),
            "{section}"
        );
        assert!(exported.contains(r#""source":"export""#), "{section}");
        assert_eq!(json_ld(&exported), json_ld(&served), "{section}");
    }
    let testimonials = text(dir.path(), paths::shop_fragment());
    assert!(
        testimonials.contains("stele-carousel") && testimonials.contains(r#""source":"export""#)
    );

    let mut summaries = serde_json::Map::new();
    for chunk in 0..paths::SUMMARY_CHUNKS {
        let path = paths::summaries_chunk(chunk);
        let exported = file(dir.path(), &path);
        summaries.extend(exported["summaries"].as_object().unwrap().clone());
    }
    assert_eq!(summaries.len(), 20, "every product, reviewed or not");
    assert_eq!(
        file(dir.path(), &paths::summaries_query()),
        serde_json::json!({"api": 1, "summaries": {}, "chunks": paths::SUMMARY_CHUNKS}),
        "a static host serves this for /v1/summaries?ids=…"
    );
    assert_eq!(summaries["SKU-NEW-1"]["count"], 0);
    assert_eq!(file(dir.path(), "v1/export.json")["files"], stats.files);
}

#[test]
fn exported_fragments_speak_the_export_language_and_link_the_public_stylesheet() {
    let (_, snapshot) = demo_state();
    let snapshot = snapshot.with_shop(stele_relay::config::shop::ShopSettings {
        export_lang: stele::i18n::Lang::Ro,
        public_url: "https://cdn.example/stele/".into(),
        ..Default::default()
    });
    let files: std::collections::BTreeMap<String, Vec<u8>> =
        stele_relay::output::export::files(&snapshot)
            .map(|file| (file.path, file.body))
            .collect();
    for path in [
        paths::product_badge("2183"),
        paths::product_fragment("2183"),
        paths::shop_fragment().to_owned(),
    ] {
        let html = String::from_utf8(files[&path].clone()).unwrap();
        assert!(
            html.starts_with(
                "<template shadowrootmode=\"open\"><link rel=\"stylesheet\" href=\"https://cdn.example/stele/stele.css\">"
            ),
            "{path}: {html}"
        );
        assert!(html.contains("lang=\"ro\""), "{path}");
    }
    let badge = String::from_utf8(files[&paths::product_badge("2183")].clone()).unwrap();
    assert!(badge.contains("aria-label=\"Evaluat cu "), "{badge}");
}

#[test]
fn the_export_command_replaces_the_directory_whole() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("stele.db");
    {
        let mut store = stele_relay::model::store::Store::open(&db).unwrap();
        let batch = stele_core::normalise::read_feed(
            &crate::support::fixture("success-multiple-reviews.json"),
            Default::default(),
        )
        .unwrap();
        store
            .apply(
                &batch,
                stele_core::Timestamp::from_unix(1_700_000_000),
                None,
            )
            .unwrap();
    }
    let out = dir.path().join("public");
    std::fs::create_dir_all(out.join("stale")).unwrap();
    let output = crate::support::relay()
        .args(["export", "--out"])
        .arg(&out)
        .env("STELE_DB", &db)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("exported "));
    assert!(!out.join("stale").exists(), "the old tree is gone");
    let product = file(&out, &paths::product("2183"));
    assert_eq!(product["summary"]["average"], 4.5);
    assert!(!std::fs::read_to_string(out.join(paths::product("2183")))
        .unwrap()
        .contains("27047"));
}
