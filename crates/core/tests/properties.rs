//! Properties over generated data: parsing never panics, merging is idempotent and
//! order-independent, summaries stay in range, paging covers everything exactly once.

use proptest::prelude::*;
use serde_json::{json, Value};
use stele_core::aggregate::Summary;
use stele_core::listing::{paginate, reuse_first_page, sort_reviews, ReviewSort};
use stele_core::merge::FeedbackSet;
use stele_core::normalise::{read_feed, Batch};
use stele_core::records::{OrderFeedback, OrderRef, ProductReview};
use stele_core::upstream::{parse_feed, repair_lone_surrogates};
use stele_core::zone::LocalZone;
use stele_core::{PublicReview, Score, Timestamp};

fn arbitrary_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::from),
        prop_oneof![
            Just("success"),
            Just("error"),
            Just("2021-05-04 19:57:50"),
            Just("9"),
            Just("")
        ]
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        let key = prop_oneof![
            Just("status".to_owned()),
            Just("data".to_owned()),
            Just("message".to_owned()),
            Just("order".to_owned()),
            Just("orderno".to_owned()),
            Just("date".to_owned()),
            Just("score".to_owned()),
            Just("comment".to_owned()),
            Just("added_on".to_owned()),
            Just("product_reviews".to_owned()),
            Just("realid".to_owned()),
            "[a-z]{1,6}",
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(key, inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A response whose fields hold arbitrary JSON: the shapes the lenient parser must absorb.
fn feed_shaped_json() -> impl Strategy<Value = Value> {
    let review = (arbitrary_json(), arbitrary_json(), arbitrary_json(), arbitrary_json())
        .prop_map(|(realid, score, comment, added_on)| json!({"realid": realid, "score": score, "comment": comment, "added_on": added_on}));
    let order = (arbitrary_json(), arbitrary_json(), arbitrary_json(), prop::collection::vec(review, 0..4))
        .prop_map(|(orderno, score, comment, reviews)| json!({"order": {"orderno": orderno, "date": "2021-05-04 19:57:50"}, "score": score, "comment": comment, "product_reviews": reviews}));
    (
        prop::collection::vec(order, 0..5),
        prop_oneof![Just("success"), Just("error"), Just("fail")],
    )
        .prop_map(|(orders, status)| json!({"status": status, "data": orders}))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn parsing_arbitrary_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = read_feed(&bytes, LocalZone::default());
    }

    #[test]
    fn parsing_arbitrary_json_never_panics(value in arbitrary_json()) {
        let _ = read_feed(value.to_string().as_bytes(), LocalZone::default());
    }

    #[test]
    fn feed_shaped_json_parses_or_errors_without_losing_count(value in feed_shaped_json()) {
        let text = value.to_string();
        if let Ok(batch) = read_feed(text.as_bytes(), LocalZone::default()) {
            let sent_orders = value["data"].as_array().map_or(0, Vec::len);
            let dropped = batch.warnings.count(stele_core::warnings::WarningKind::OrderWithoutNumber);
            // Every order sent is either kept or counted as a warning: nothing vanishes silently.
            prop_assert_eq!(batch.orders.len() as u64 + dropped, sent_orders as u64);
        }
    }

    /// Any UTF-16 code units written as `\\uXXXX` escapes read as their lossy decoding (a
    /// lone half becomes U+FFFD, a pair its character) and count one repair per lone half;
    /// and JSON serde_json wrote from a Rust string is never touched.
    #[test]
    fn surrogate_escapes_read_as_their_lossy_utf16_decoding(
        units in prop::collection::vec(prop_oneof![0xD7F0u16..0xE010, any::<u16>()], 0..12),
        text in "\\PC{0,12}",
    ) {
        let escaped: String = units.iter().map(|u| format!("\\u{u:04x}")).collect();
        let json = format!("\"{escaped}\"");
        let (repaired, lone) = repair_lone_surrogates(json.as_bytes());
        let read: String = serde_json::from_slice(&repaired).unwrap();
        prop_assert_eq!(&read, &String::from_utf16_lossy(&units));
        let halves = char::decode_utf16(units.iter().copied()).filter(Result::is_err).count();
        prop_assert_eq!(lone, halves as u64);

        let written = serde_json::to_string(&text).unwrap();
        let (untouched, none) = repair_lone_surrogates(written.as_bytes());
        prop_assert!(matches!(untouched, std::borrow::Cow::Borrowed(_)) && none == 0);
    }

    #[test]
    fn truncated_responses_are_errors_not_partial_feeds(value in feed_shaped_json(), cut in 0.0f64..1.0) {
        let text = value.to_string();
        let at = (text.len() as f64 * cut) as usize;
        let truncated = &text.as_bytes()[..at.min(text.len() - 1)];
        prop_assert!(parse_feed(truncated).is_err());
    }
}

#[derive(Debug, Clone)]
struct Spec {
    order: u8,
    product: Option<u8>,
    score: Option<u8>,
    comment: Option<&'static str>,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        0u8..6,
        prop::option::of(0u8..4),
        prop::option::of(0u8..=10),
        prop::option::of(prop_oneof![Just("bun"), Just("rău"), Just("ok")]),
    )
        .prop_map(|(order, product, score, comment)| Spec {
            order,
            product,
            score,
            comment,
        })
}

/// Records with the given `added_on` values, one per spec.
fn batch_of(specs: &[(Spec, Option<i64>)]) -> Batch {
    let mut batch = Batch::default();
    for (spec, added_on) in specs {
        let order = OrderRef::new(spec.order.to_string());
        let score = spec.score.and_then(|s| Score::new(s.into()));
        let comment = spec.comment.map(str::to_owned);
        let added_on = added_on.map(Timestamp::from_unix);
        match spec.product {
            Some(product) => batch.product_reviews.push(ProductReview {
                order,
                product_id: product.to_string(),
                score,
                comment,
                added_on,
            }),
            None => batch.orders.push(OrderFeedback {
                order,
                order_date: None,
                score,
                comment,
                added_on,
            }),
        }
    }
    batch
}

fn fold(batches: impl IntoIterator<Item = Batch>) -> FeedbackSet {
    let mut set = FeedbackSet::new();
    for batch in batches {
        set.merge(batch);
    }
    set
}

/// Comparable content of a set, independent of hash order.
fn content(set: &FeedbackSet) -> (Vec<String>, Vec<String>) {
    let mut orders: Vec<String> = set.orders().map(|o| format!("{o:?}")).collect();
    let mut reviews: Vec<String> = set.product_reviews().map(|r| format!("{r:?}")).collect();
    orders.sort();
    reviews.sort();
    (orders, reviews)
}

proptest! {
    #[test]
    fn merging_is_idempotent(specs in prop::collection::vec((spec(), prop::option::of(0i64..50)), 0..40)) {
        let once = fold([batch_of(&specs)]);
        let twice = fold([batch_of(&specs), batch_of(&specs)]);
        prop_assert_eq!(content(&once), content(&twice));
    }

    #[test]
    fn merging_is_order_independent_when_added_on_differs(
        specs in prop::collection::vec(spec(), 1..40),
        seed in any::<u64>(),
        split in 1usize..5,
    ) {
        // Distinct added_on values for every record, then the same records in shuffled syncs.
        let dated: Vec<(Spec, Option<i64>)> = specs.into_iter().enumerate().map(|(i, s)| (s, Some(i as i64 * 7))).collect();
        let mut shuffled = dated.clone();
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let in_order = fold(dated.chunks(split).map(batch_of));
        let out_of_order = fold(shuffled.chunks(split).rev().map(batch_of));
        prop_assert_eq!(content(&in_order), content(&out_of_order));
    }

    #[test]
    fn summaries_stay_in_range(scores in prop::collection::vec(prop::option::of(0u8..=10), 0..300)) {
        let reviews: Vec<PublicReview> = scores
            .iter()
            .enumerate()
            .map(|(i, s)| PublicReview::new(i.to_string(), None, s.and_then(|s| Score::new(s.into())), Some("x".into()), None))
            .collect();
        let summary = Summary::of(reviews.iter());
        prop_assert_eq!(summary.histogram.iter().sum::<u64>(), summary.count);
        prop_assert_eq!(summary.count, scores.iter().flatten().count() as u64);
        match summary.average {
            None => prop_assert_eq!(summary.count, 0),
            Some(average) => {
                prop_assert!((0.0..=5.0).contains(&average));
                let rounded = summary.rounded_average().unwrap();
                prop_assert!((0.0..=5.0).contains(&rounded) && (rounded - average).abs() <= 0.05 + 1e-9);
            }
        }
    }

    #[test]
    fn paging_returns_every_review_exactly_once(
        scores in prop::collection::vec(prop::option::of(0u8..=10), 0..120),
        dates in prop::collection::vec(prop::option::of(0i64..20), 120),
        per_page in 1u32..=25,
        sort in prop::sample::select(ReviewSort::ALL.to_vec()),
    ) {
        let mut reviews: Vec<PublicReview> = scores
            .iter()
            .zip(&dates)
            .enumerate()
            .map(|(i, (s, d))| PublicReview::new(format!("{i:03}"), None, s.and_then(|s| Score::new(s.into())), None, d.map(Timestamp::from_unix)))
            .collect();
        sort_reviews(&mut reviews, sort);
        let first = paginate(&reviews, 1, per_page);
        let mut seen: Vec<String> = Vec::new();
        for page in 1..=first.total_pages.max(1) {
            seen.extend(paginate(&reviews, page, per_page).items.into_iter().map(|r| r.id));
        }
        prop_assert!(paginate(&reviews, first.total_pages + 1, per_page).items.is_empty());
        let mut expected: Vec<String> = reviews.iter().map(|r| r.id.clone()).collect();
        prop_assert_eq!(&seen, &expected, "pages concatenate to the sorted list");
        seen.sort();
        seen.dedup();
        expected.sort();
        prop_assert_eq!(seen, expected, "no review twice, none missing");
    }

    #[test]
    fn a_reused_first_page_is_the_page_that_would_be_asked_for(
        total in 0usize..40,
        had in 1u32..=25,
        wanted in 1u32..=25,
        had_sort in prop::sample::select(ReviewSort::ALL.to_vec()),
        sort in prop::sample::select(ReviewSort::ALL.to_vec()),
    ) {
        let reviews: Vec<u32> = (0..total as u32).collect();
        let first = paginate(&reviews, 1, had);
        match reuse_first_page(&first, had_sort, sort, wanted) {
            Some(n) => {
                prop_assert_eq!(had_sort, sort);
                prop_assert_eq!(&first.items[..n], &paginate(&reviews, 1, wanted).items[..]);
            }
            // Asking again only when it has to: another order, or too few of a longer list.
            None => prop_assert!(had_sort != sort || (had < wanted && total > had as usize)),
        }
    }

    #[test]
    fn sorting_is_a_total_order(
        dates in prop::collection::vec(prop::option::of(0i64..5), 0..40),
        sort in prop::sample::select(ReviewSort::ALL.to_vec()),
    ) {
        let reviews: Vec<PublicReview> = dates
            .iter()
            .enumerate()
            .map(|(i, d)| PublicReview::new(format!("{i:02}"), None, Score::new((i % 11) as i64), None, d.map(Timestamp::from_unix)))
            .collect();
        let mut forward = reviews.clone();
        let mut backward: Vec<PublicReview> = reviews.into_iter().rev().collect();
        sort_reviews(&mut forward, sort);
        sort_reviews(&mut backward, sort);
        prop_assert_eq!(forward, backward, "the input order never shows through");
    }

    #[test]
    fn timestamps_round_trip_through_rfc3339(seconds in -62_135_596_800i64..253_402_300_799) {
        let instant = Timestamp::from_unix(seconds);
        prop_assert_eq!(instant.to_string().parse::<Timestamp>(), Ok(instant));
    }
}
