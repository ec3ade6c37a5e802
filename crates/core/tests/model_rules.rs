//! Merging, aggregation, sorting, paging and public ids: the rules of the foundation issue.

mod common;

use rstest::rstest;
use stele_core::aggregate::{round_to_tenth, Summary, Tally};
use stele_core::id::PublicIdKey;
use stele_core::listing::{list_page, paginate, sort_reviews, ReviewFilter, ReviewSort};
use stele_core::merge::FeedbackSet;
use stele_core::normalise::Batch;
use stele_core::records::{OrderFeedback, OrderRef, ProductReview};
use stele_core::{PublicReview, Score, Timestamp};

use common::{batch, with_review};

fn review(
    order: &str,
    product: &str,
    score: Option<u8>,
    comment: Option<&str>,
    added_on: Option<i64>,
) -> ProductReview {
    ProductReview {
        order: OrderRef::new(order),
        product_id: product.into(),
        score: score.map(|s| Score::new(s.into()).unwrap()),
        comment: comment.map(str::to_owned),
        added_on: added_on.map(Timestamp::from_unix),
    }
}

fn reviews_batch(reviews: Vec<ProductReview>) -> Batch {
    Batch {
        product_reviews: reviews,
        ..Batch::default()
    }
}

fn stored_comment(set: &FeedbackSet) -> Option<String> {
    set.product_reviews().next().and_then(|r| r.comment.clone())
}

#[rstest]
#[case::later_added_on_wins_when_it_arrives_second(Some(100), Some(200), "second")]
#[case::later_added_on_wins_when_it_arrives_first(Some(200), Some(100), "first")]
#[case::equal_added_on_later_sync_wins(Some(100), Some(100), "second")]
#[case::both_undated_later_sync_wins(None, None, "second")]
#[case::a_date_beats_no_date(Some(100), None, "first")]
#[case::no_date_never_beats_a_date(None, Some(100), "second")]
fn later_added_on_wins(
    #[case] first: Option<i64>,
    #[case] second: Option<i64>,
    #[case] winner: &str,
) {
    let mut set = FeedbackSet::new();
    set.merge(reviews_batch(vec![review(
        "7",
        "p",
        Some(8),
        Some("first"),
        first,
    )]));
    set.merge(reviews_batch(vec![review(
        "7",
        "p",
        Some(6),
        Some("second"),
        second,
    )]));
    assert_eq!(set.product_review_count(), 1);
    assert_eq!(stored_comment(&set).as_deref(), Some(winner));
}

#[test]
fn identity_is_order_and_product() {
    let mut set = FeedbackSet::new();
    set.merge(reviews_batch(vec![
        review("1", "p", Some(8), None, None),
        review("2", "p", Some(8), None, None),
        review("1", "q", Some(8), None, None),
    ]));
    set.merge(reviews_batch(vec![review("1", "p", Some(2), None, None)]));
    assert_eq!(set.product_review_count(), 3);
}

#[test]
fn merging_the_same_response_twice_changes_nothing() {
    let json = with_review(
        r#"{"realid":"2183","score":9,"comment":"ok","added_on":"2022-03-20 11:45:32"}"#,
    );
    let mut set = FeedbackSet::new();
    let first = set.merge(batch(&json));
    let snapshot = set.clone();
    let second = set.merge(batch(&json));
    assert_eq!(
        (
            first.inserted,
            second.inserted,
            second.updated,
            second.unchanged
        ),
        (2, 0, 0, 2)
    );
    assert_eq!(
        set.orders().collect::<Vec<_>>(),
        snapshot.orders().collect::<Vec<_>>()
    );
    assert_eq!(set.product_review_count(), snapshot.product_review_count());
}

#[test]
fn a_later_sync_that_returns_less_deletes_nothing() {
    let mut set = FeedbackSet::new();
    set.merge(reviews_batch(vec![
        review("1", "p", Some(8), None, Some(1)),
        review("2", "p", Some(4), None, Some(2)),
    ]));
    set.merge(Batch::default());
    set.merge(reviews_batch(vec![review(
        "2",
        "p",
        Some(5),
        None,
        Some(3),
    )]));
    assert_eq!(set.product_review_count(), 2);
}

#[rstest]
#[case(0, 0.0, 1)]
#[case(1, 0.5, 1)]
#[case(2, 1.0, 1)]
#[case(3, 1.5, 2)]
#[case(4, 2.0, 2)]
#[case(5, 2.5, 3)]
#[case(6, 3.0, 3)]
#[case(7, 3.5, 4)]
#[case(8, 4.0, 4)]
#[case(9, 4.5, 5)]
#[case(10, 5.0, 5)]
fn stars_and_buckets(#[case] score: i64, #[case] stars: f64, #[case] bucket: usize) {
    let score = Score::new(score).unwrap();
    assert_eq!((score.stars(), score.bucket()), (stars, bucket));
}

#[test]
fn scores_outside_the_scale_do_not_exist() {
    assert_eq!(Score::new(11), None);
    assert_eq!(Score::new(-1), None);
    assert!(serde_json::from_str::<Score>("12").is_err());
}

#[test]
fn summary_counts_scored_reviews_and_comments_separately() {
    let reviews = [
        review("1", "p", Some(10), Some("great"), None),
        review("2", "p", Some(7), None, None),
        review("3", "p", None, Some("no score"), None),
        review("4", "p", Some(0), Some("awful"), None),
    ];
    let summary = Summary::of(reviews.iter());
    assert_eq!(summary.count, 3);
    assert_eq!(summary.average, Some(17.0 / 6.0));
    assert_eq!(summary.histogram, [1, 0, 0, 1, 1]);
    assert_eq!(summary.with_comment, 3);
    assert_eq!(summary.rounded_average(), Some(2.8));
}

#[test]
fn an_empty_summary_has_a_null_average() {
    let summary = Summary::of(Vec::<ProductReview>::new().iter());
    assert_eq!(
        summary,
        Summary {
            count: 0,
            average: None,
            histogram: [0; 5],
            with_comment: 0
        }
    );
    assert_eq!(
        serde_json::to_value(&summary).unwrap(),
        serde_json::json!({"count":0,"average":null,"histogram":[0,0,0,0,0],"with_comment":0})
    );
}

#[test]
fn the_shop_summary_comes_from_order_feedback() {
    let orders: Vec<OrderFeedback> = [8, 9]
        .iter()
        .enumerate()
        .map(|(i, s)| OrderFeedback {
            order: OrderRef::new(i.to_string()),
            order_date: None,
            score: Score::new(*s),
            comment: None,
            added_on: None,
        })
        .collect();
    assert_eq!(Summary::of(orders.iter()).average, Some(4.25));
}

#[rstest]
#[case(4.25, 4.3)]
#[case(4.35, 4.4)]
#[case(4.05, 4.1)]
#[case(4.24, 4.2)]
#[case(4.249_999, 4.2)]
#[case(0.0, 0.0)]
#[case(5.0, 5.0)]
#[case(17.0 / 6.0, 2.8)]
#[case(13.0 / 3.0, 4.3)]
fn display_rounding_is_half_up(#[case] value: f64, #[case] rounded: f64) {
    assert_eq!(round_to_tenth(value), rounded);
}

#[test]
fn ties_of_real_means_round_up_for_every_small_count() {
    // Every mean of n scores whose tenths are an exact tie must round up, whatever the float error.
    for n in 1u64..=150 {
        for sum in 0..=10 * n {
            let mut tally = Tally::default();
            let (q, r) = (sum / n, sum % n);
            for i in 0..n {
                tally.add(Score::new((q + u64::from(i < r)) as i64), false);
            }
            let average = tally.summary().average.unwrap();
            // Exact: round(10 * sum / (2n)) half-up == floor((10 * sum + n) / (2n)).
            let expected = ((10 * sum + n) / (2 * n)) as f64 / 10.0;
            assert_eq!(round_to_tenth(average), expected, "sum {sum}, n {n}");
        }
    }
}

fn public(id: &str, score: Option<u8>, date: Option<i64>) -> PublicReview {
    PublicReview::new(
        id.into(),
        Some("p".into()),
        score.map(|s| Score::new(s.into()).unwrap()),
        None,
        date.map(Timestamp::from_unix),
    )
}

#[rstest]
#[case::newest(ReviewSort::Newest, &["c", "a", "b", "d", "e"])]
#[case::oldest(ReviewSort::Oldest, &["d", "a", "b", "c", "e"])]
#[case::highest(ReviewSort::Highest, &["c", "b", "a", "e", "d"])]
#[case::lowest(ReviewSort::Lowest, &["a", "e", "c", "b", "d"])]
fn sorting_with_ties_by_newest_then_id(#[case] sort: ReviewSort, #[case] expected: &[&str]) {
    let mut reviews = vec![
        public("d", None, Some(10)),
        public("b", Some(8), Some(20)),
        public("e", Some(2), None),
        public("c", Some(8), Some(30)),
        public("a", Some(2), Some(20)),
    ];
    sort_reviews(&mut reviews, sort);
    let ids: Vec<&str> = reviews.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, expected);
    assert_eq!(sort.as_str().parse::<ReviewSort>(), Ok(sort));
}

#[rstest]
#[case::everything(ReviewFilter::default(), ReviewSort::Lowest, 1, &["e2", "c4", "b8", "a9"], 5)]
#[case::second_page(ReviewFilter::default(), ReviewSort::Lowest, 2, &["d10"], 5)]
#[case::a_histogram_row(ReviewFilter { stars: Some(4), ..ReviewFilter::default() }, ReviewSort::Newest, 1, &["b8"], 1)]
#[case::five_stars_rounds_up(ReviewFilter { stars: Some(5), ..ReviewFilter::default() }, ReviewSort::Oldest, 1, &["a9", "d10"], 2)]
#[case::with_comment(ReviewFilter { with_comment: true, ..ReviewFilter::default() }, ReviewSort::Highest, 1, &["d10", "a9", "c4"], 3)]
#[case::search_ignores_diacritics(ReviewFilter { query: Some("TEAPA".into()), ..ReviewFilter::default() }, ReviewSort::Newest, 1, &["c4"], 1)]
fn lists_held_whole_page_like_the_relay(
    #[case] filter: ReviewFilter,
    #[case] sort: ReviewSort,
    #[case] page: u32,
    #[case] expected: &[&str],
    #[case] total: u64,
) {
    let with_comment = |id: &str, score: u8, comment: Option<&str>, date: i64| {
        PublicReview::new(
            id.into(),
            Some("p".into()),
            Score::new(score.into()),
            comment.map(str::to_owned),
            Some(Timestamp::from_unix(date)),
        )
    };
    let reviews = [
        with_comment("a9", 9, Some("Foarte bun"), 10),
        with_comment("b8", 8, None, 50),
        with_comment("c4", 4, Some("O țeapă"), 40),
        with_comment("d10", 10, Some("Super"), 20),
        with_comment("e2", 2, None, 30),
    ];
    let got = list_page(&reviews, sort, &filter, page, 4);
    let ids: Vec<&str> = got.items.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, expected);
    assert_eq!((got.total, got.page, got.per_page), (total, page, 4));
}

#[test]
fn unknown_sorts_are_rejected() {
    assert!("best"
        .parse::<ReviewSort>()
        .unwrap_err()
        .to_string()
        .contains("newest, oldest, highest or lowest"));
}

#[rstest]
#[case(1, 2, &[1, 2], 3, true)]
#[case(3, 2, &[5], 3, false)]
#[case(4, 2, &[], 3, false)]
#[case(1, 100, &[1, 2, 3, 4, 5], 1, false)]
fn paging(
    #[case] page: u32,
    #[case] per_page: u32,
    #[case] items: &[u32],
    #[case] total_pages: u32,
    #[case] has_more: bool,
) {
    let all = [1, 2, 3, 4, 5];
    let got = paginate(&all, page, per_page);
    assert_eq!(got.items, items);
    assert_eq!((got.total, got.total_pages), (5, total_pages));
    assert_eq!(got.has_more(), has_more);
}

#[test]
fn public_ids_are_stable_keyed_and_opaque() {
    let key = PublicIdKey::new(b"installation secret 0123456789ab");
    let order = OrderRef::new("27047");
    let id = key.product_review_id(&order, "2183");
    assert_eq!(
        id,
        key.product_review_id(&OrderRef::new("27047"), "2183"),
        "stable across syncs"
    );
    assert_eq!(id.len(), 20);
    assert!(id.chars().all(|c| c.is_ascii_hexdigit()));
    assert!(!id.contains("27047"));
    assert_ne!(
        id,
        PublicIdKey::new(b"another installation").product_review_id(&order, "2183"),
        "keyed"
    );
    assert_ne!(id, key.product_review_id(&order, "2182"));
    assert_ne!(
        key.order_feedback_id(&order),
        key.product_review_id(&order, "")
    );
    assert_ne!(
        key.product_review_id(&OrderRef::new("1"), "23"),
        key.product_review_id(&OrderRef::new("12"), "3")
    );
}

#[test]
fn public_reviews_carry_exactly_the_documented_fields_and_no_order_number() {
    let key = PublicIdKey::new(b"k");
    let stored = review(
        "27047",
        "2183",
        Some(9),
        Some("Perfect match"),
        Some(1_647_769_532),
    );
    let json = serde_json::to_value(key.public_review(&stored)).unwrap();
    let object = json.as_object().unwrap();
    let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        ["comment", "date", "id", "product_id", "score", "stars"]
    );
    assert_eq!(json["product_id"], "2183");
    assert_eq!(json["score"], 9);
    assert_eq!(json["stars"], 4.5);
    assert_eq!(json["date"], "2022-03-20T09:45:32Z");
    assert!(!json.to_string().contains("27047"));

    let feedback = OrderFeedback {
        order: OrderRef::new("27047"),
        order_date: None,
        score: None,
        comment: None,
        added_on: None,
    };
    let testimonial = serde_json::to_value(key.testimonial(&feedback)).unwrap();
    assert_eq!(testimonial["product_id"], serde_json::Value::Null);
    assert_eq!(testimonial["stars"], serde_json::Value::Null);
    assert!(!testimonial.to_string().contains("27047"));
    let back: PublicReview = serde_json::from_value(json).unwrap();
    assert_eq!(back, key.public_review(&stored));
}
