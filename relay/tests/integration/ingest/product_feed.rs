//! The optional product feed, fetched over HTTP like the real one.

use std::time::Duration;

use crate::support::fake_upstream::{Behaviour, FakeUpstream};
use stele_core::catalog::Currency;
use stele_relay::ingest::product_feed::{fetch, ProductFeedError};

fn ron() -> Currency {
    Currency::default()
}

#[tokio::test]
async fn fetches_and_reads_the_retargeting_csv_feed() {
    let csv = "\"product id\",\"product name\",\"product url\",\"image url\",\"stock\"\n\"2183\",\"Rochie de vară\",\"https://shop.example/r\",\"https://shop.example/r.jpg\",\"3\"\n";
    let fake = FakeUpstream::start(Behaviour::Body(csv.as_bytes().to_vec())).await;
    let catalog = fetch(&fake.url, Duration::from_secs(5), 1 << 20, &ron())
        .await
        .unwrap();
    assert_eq!(catalog.entries.len(), 1);
    assert_eq!(
        catalog.entries[0].info.name.as_deref(),
        Some("Rochie de vară")
    );

    fake.set(Behaviour::Status(404, b"gone".to_vec()));
    assert!(matches!(
        fetch(&fake.url, Duration::from_secs(5), 1 << 20, &ron()).await,
        Err(ProductFeedError::Fetch(_))
    ));
    fake.set(Behaviour::Huge {
        bytes: 4 << 20,
        declare_length: false,
    });
    let error = fetch(&fake.url, Duration::from_secs(5), 1 << 20, &ron())
        .await
        .unwrap_err();
    assert!(error.to_string().contains("larger than"), "{error}");
}
