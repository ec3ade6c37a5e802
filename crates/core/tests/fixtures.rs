//! Every documented upstream response in tests/fixtures/upstream, read end to end.

mod common;

use std::collections::BTreeMap;

use rstest::rstest;
use stele_core::aggregate::Summary;
use stele_core::upstream::{parse_feed, FeedError, UpstreamError};
use stele_core::Timestamp;

use common::{fixture, fixtures_dir, merged};

const SUCCESS: [&str; 4] = [
    "success-one-review.json",
    "success-multiple-reviews.json",
    "success-null-fields.json",
    "success-no-product-reviews.json",
];
const ERRORS: [&str; 6] = [
    "error-no-customer-id.json",
    "error-no-rest-key.json",
    "error-incorrect-rest-key.json",
    "error-unknown-customer.json",
    "error-account-not-active.json",
    "error-something-went-wrong.json",
];

#[test]
fn every_fixture_has_a_case() {
    let on_disk: Vec<String> = std::fs::read_dir(fixtures_dir())
        .expect("tests/fixtures/upstream is in the repository")
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".json"))
        .collect();
    assert!(
        on_disk.len() >= 10,
        "expected the ten documented fixtures, found {on_disk:?}"
    );
    for name in &on_disk {
        assert!(
            SUCCESS.contains(&name.as_str()) || ERRORS.contains(&name.as_str()),
            "fixture {name} has no test case"
        );
    }
}

fn summary(count: u64, average: Option<f64>, histogram: [u64; 5], with_comment: u64) -> Summary {
    Summary {
        count,
        average,
        histogram,
        with_comment,
    }
}

#[rstest]
#[case::one_review("success-one-review.json", 1, &[("2183", summary(1, Some(4.5), [0, 0, 0, 0, 1], 1))])]
#[case::multiple_reviews(
    "success-multiple-reviews.json",
    2,
    &[("2182", summary(1, Some(3.5), [0, 0, 0, 1, 0], 1)), ("2183", summary(1, Some(4.5), [0, 0, 0, 0, 1], 1))]
)]
#[case::null_fields(
    "success-null-fields.json",
    2,
    &[("2182", summary(1, Some(3.5), [0, 0, 0, 1, 0], 0)), ("2183", summary(0, None, [0; 5], 1))]
)]
#[case::no_product_reviews("success-no-product-reviews.json", 0, &[])]
fn success_fixtures(
    #[case] name: &str,
    #[case] product_reviews: usize,
    #[case] products: &[(&str, Summary)],
) {
    let set = merged(&[&fixture(name)]);
    assert_eq!(set.order_count(), 1);
    assert_eq!(set.product_review_count(), product_reviews);
    assert_eq!(set.warnings().total(), 0);

    let order = set.orders().next().unwrap();
    assert_eq!(order.order.as_str(), "27047");
    // 2021-05-20 14:25:27 in Bucharest is summer time, UTC+3.
    assert_eq!(
        order.added_on,
        Some("2021-05-20T11:25:27Z".parse::<Timestamp>().unwrap())
    );
    assert_eq!(
        order.order_date,
        Some("2021-05-04T16:57:50Z".parse::<Timestamp>().unwrap())
    );
    assert_eq!(
        Summary::of(set.orders()),
        summary(1, Some(5.0), [0, 0, 0, 0, 1], 1)
    );

    let mut by_product: BTreeMap<&str, Vec<_>> = BTreeMap::new();
    for review in set.product_reviews() {
        by_product
            .entry(review.product_id.as_str())
            .or_default()
            .push(review);
        // 2022-03-20 is still winter time in Bucharest, UTC+2.
        assert!(review
            .added_on
            .unwrap()
            .to_string()
            .starts_with("2022-03-20T09:4"));
    }
    let actual: Vec<(&str, Summary)> = by_product
        .iter()
        .map(|(id, reviews)| (*id, Summary::of(reviews.iter().copied())))
        .collect();
    assert_eq!(actual, products);
}

#[rstest]
#[case::no_customer_id(
    "error-no-customer-id.json",
    UpstreamError::NoCustomerId,
    "Customer ID"
)]
#[case::no_rest_key("error-no-rest-key.json", UpstreamError::NoRestKey, "second field")]
#[case::incorrect_rest_key(
    "error-incorrect-rest-key.json",
    UpstreamError::IncorrectRestKey,
    "second field"
)]
#[case::unknown_customer(
    "error-unknown-customer.json",
    UpstreamError::UnknownCustomer,
    "third field"
)]
#[case::account_not_active(
    "error-account-not-active.json",
    UpstreamError::AccountNotActive,
    "PAID, PAYMENT ERROR or ACCOUNT SUSPENDED"
)]
#[case::something_went_wrong(
    "error-something-went-wrong.json",
    UpstreamError::SomethingWentWrong,
    "retries"
)]
fn error_fixtures(
    #[case] name: &str,
    #[case] expected: UpstreamError,
    #[case] hint_mentions: &str,
) {
    let body = fixture(name);
    let error = match parse_feed(&body) {
        Err(FeedError::Upstream(error)) => error,
        other => panic!("{name}: expected an upstream error, got {other:?}"),
    };
    assert_eq!(error, expected);
    assert!(
        error.hint().contains(hint_mentions),
        "{name}: hint {:?} lacks {hint_mentions:?}",
        error.hint()
    );
    // The documented text round-trips, so operators see what Retargeting said.
    let sent: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(error.message(), sent["message"].as_str().unwrap());
}
