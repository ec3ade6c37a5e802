//! Each parsing and normalisation rule of the foundation issue, case by case.

mod common;

use rstest::rstest;
use stele_core::normalise::read_feed;
use stele_core::upstream::{parse_feed, FeedError, UpstreamError};
use stele_core::warnings::WarningKind;
use stele_core::zone::LocalZone;
use stele_core::{Score, Timestamp};

use common::{batch, success, with_review};

#[rstest]
#[case::string(r#""27047""#, Some("27047"))]
#[case::number("27047", Some("27047"))]
#[case::padded(r#""  27047 ""#, Some("27047"))]
#[case::integral_float("27047.0", Some("27047"))]
#[case::empty(r#""""#, None)]
#[case::blank(r#""   ""#, None)]
#[case::null("null", None)]
#[case::object("{}", None)]
#[case::boolean("true", None)]
fn order_numbers(#[case] orderno: &str, #[case] expected: Option<&str>) {
    let got = batch(&success(&format!(
        r#"{{"order":{{"orderno":{orderno}}},"score":8,"product_reviews":[{{"realid":"1","score":8}}]}}"#
    )));
    match expected {
        Some(number) => {
            assert_eq!(got.orders.len(), 1);
            assert_eq!(got.orders[0].order.as_str(), number);
            assert_eq!(got.product_reviews.len(), 1);
            assert_eq!(got.warnings.total(), 0);
        }
        None => {
            assert!(
                got.orders.is_empty() && got.product_reviews.is_empty(),
                "dropped with its reviews"
            );
            assert_eq!(got.warnings.count(WarningKind::OrderWithoutNumber), 1);
            assert_eq!(got.warnings.total(), 1);
        }
    }
}

#[rstest]
#[case::missing_order_object(r#"{"score":8}"#)]
#[case::order_not_an_object(r#"{"order":"27047","score":8}"#)]
fn orders_without_an_order_object_are_dropped(#[case] order: &str) {
    let got = batch(&success(order));
    assert!(got.orders.is_empty());
    assert_eq!(got.warnings.count(WarningKind::OrderWithoutNumber), 1);
}

#[rstest]
#[case::string(r#""2183""#, Some("2183"))]
#[case::number("2183", Some("2183"))]
#[case::padded(r#"" sku-1 ""#, Some("sku-1"))]
#[case::empty(r#""""#, None)]
#[case::null("null", None)]
#[case::array("[1]", None)]
fn product_ids(#[case] realid: &str, #[case] expected: Option<&str>) {
    let got = batch(&with_review(&format!(
        r#"{{"realid":{realid},"score":9,"comment":"fine"}}"#
    )));
    assert_eq!(got.orders.len(), 1, "the order itself is kept");
    match expected {
        Some(id) => {
            assert_eq!(got.product_reviews[0].product_id, id);
            assert_eq!(got.warnings.total(), 0);
        }
        None => {
            assert!(got.product_reviews.is_empty());
            assert_eq!(got.warnings.count(WarningKind::ReviewWithoutProductId), 1);
            assert_eq!(got.warnings.total(), 1);
        }
    }
}

#[rstest]
#[case::integer("9", Some(9), 0)]
#[case::zero("0", Some(0), 0)]
#[case::ten("10", Some(10), 0)]
#[case::string(r#""9""#, Some(9), 0)]
#[case::padded_string(r#"" 7 ""#, Some(7), 0)]
#[case::integral_float("8.0", Some(8), 0)]
#[case::null("null", None, 0)]
#[case::above_range("11", None, 1)]
#[case::negative("-1", None, 1)]
#[case::huge("123456789012345678901234567890", None, 1)]
#[case::fraction("9.5", None, 1)]
#[case::fraction_string(r#""9.5""#, None, 1)]
#[case::word(r#""nine""#, None, 1)]
#[case::empty_string(r#""""#, None, 1)]
#[case::boolean("true", None, 1)]
#[case::array("[9]", None, 1)]
fn scores(#[case] score: &str, #[case] expected: Option<u8>, #[case] warnings: u64) {
    let got = batch(&with_review(&format!(
        r#"{{"realid":"1","score":{score},"comment":"kept by its comment"}}"#
    )));
    assert_eq!(got.product_reviews[0].score.map(Score::get), expected);
    assert_eq!(got.warnings.count(WarningKind::InvalidScore), warnings);
    assert_eq!(got.warnings.total(), warnings);

    let order_level = batch(&success(&format!(
        r#"{{"order":{{"orderno":"1"}},"score":{score}}}"#
    )));
    assert_eq!(
        order_level.orders[0].score.map(Score::get),
        expected,
        "the same rule at order level"
    );
}

#[test]
fn a_missing_score_field_is_missing_without_a_warning() {
    let got = batch(&with_review(r#"{"realid":"1","comment":"words only"}"#));
    assert_eq!(got.product_reviews[0].score, None);
    assert_eq!(got.warnings.total(), 0);
}

#[rstest]
#[case::text(r#""Foarte bun, mulțumesc!""#, Some("Foarte bun, mulțumesc!"), 0)]
#[case::trimmed(r#""  spaced \n""#, Some("spaced"), 0)]
#[case::escaped_unicode(r#""\u0219i \u021b""#, Some("și ț"), 0)]
#[case::markup(
    r#""<img src=x onerror=alert(1)>""#,
    Some("<img src=x onerror=alert(1)>"),
    0
)]
#[case::empty(r#""""#, None, 0)]
#[case::blank(r#""  \t ""#, None, 0)]
#[case::null("null", None, 0)]
#[case::number("5", None, 1)]
#[case::object(r#"{"text":"x"}"#, None, 1)]
fn comments(#[case] comment: &str, #[case] expected: Option<&str>, #[case] warnings: u64) {
    let got = batch(&with_review(&format!(
        r#"{{"realid":"1","score":6,"comment":{comment}}}"#
    )));
    assert_eq!(got.product_reviews[0].comment.as_deref(), expected);
    assert_eq!(got.warnings.count(WarningKind::InvalidComment), warnings);
}

/// A lone UTF-16 surrogate escape (half an emoji, as a byte-wise `substr` leaves it) is
/// invalid for serde_json and used to fail the whole response, so every sync, until the
/// review left the window: it reads as U+FFFD, counted, and the rest of the response stays.
#[rstest]
#[case::lone_high(r#""bun\ud83d""#, "bun\u{fffd}", 1)]
#[case::lone_low(r#""\ude00 ok""#, "\u{fffd} ok", 1)]
#[case::two_highs(r#""\ud83d\ud83d\ude00""#, "\u{fffd}😀", 1)]
#[case::high_then_other_escape(r#""\uD800\n""#, "\u{fffd}", 1)]
#[case::at_the_very_end(r#""x\udbff""#, "x\u{fffd}", 1)]
#[case::a_pair_is_kept(r#""\ud83d\ude00""#, "😀", 0)]
#[case::escaped_backslash_is_text(r#""\\ud800""#, "\\ud800", 0)]
fn lone_surrogates(#[case] comment: &str, #[case] expected: &str, #[case] lone: u64) {
    let got = batch(&with_review(&format!(
        r#"{{"realid":"1","score":6,"comment":{comment}}},{{"realid":"2","score":8,"comment":"the next one"}}"#
    )));
    assert_eq!(got.product_reviews.len(), 2, "nothing else lost");
    assert_eq!(got.product_reviews[0].comment.as_deref(), Some(expected));
    assert_eq!(
        got.product_reviews[1].comment.as_deref(),
        Some("the next one")
    );
    assert_eq!(got.warnings.count(WarningKind::LoneSurrogate), lone);
    assert_eq!(got.warnings.total(), lone);
}

#[rstest]
#[case::missing(r#"{"order":{"orderno":"1"},"score":10}"#, 0)]
#[case::null(r#"{"order":{"orderno":"1"},"score":10,"product_reviews":null}"#, 0)]
#[case::empty(r#"{"order":{"orderno":"1"},"score":10,"product_reviews":[]}"#, 0)]
#[case::object(
    r#"{"order":{"orderno":"1"},"score":10,"product_reviews":{"realid":"1"}}"#,
    1
)]
#[case::string(r#"{"order":{"orderno":"1"},"score":10,"product_reviews":"none"}"#, 1)]
fn product_review_lists(#[case] order: &str, #[case] warnings: u64) {
    let got = batch(&success(order));
    assert_eq!(got.orders.len(), 1);
    assert!(got.product_reviews.is_empty());
    assert_eq!(got.warnings.count(WarningKind::ReviewsNotAList), warnings);
}

#[rstest]
#[case::both_null(r#"{"realid":"1","score":null,"comment":null}"#, 1)]
#[case::both_absent(r#"{"realid":"1"}"#, 1)]
#[case::empty_comment(r#"{"realid":"1","score":null,"comment":"  "}"#, 1)]
// An unusable score is its own warning, and then the review has no content either.
#[case::invalid_score(r#"{"realid":"1","score":"n/a","comment":null}"#, 2)]
fn reviews_without_content_are_dropped(#[case] review: &str, #[case] warnings: u64) {
    let got = batch(&with_review(review));
    assert!(got.product_reviews.is_empty());
    assert_eq!(got.warnings.count(WarningKind::ReviewWithoutContent), 1);
    assert_eq!(got.warnings.total(), warnings);
}

#[rstest]
#[case::not_an_object_in_data(
    r#"{"status":"success","data":[42, "x", [1]]}"#,
    WarningKind::OrderNotAnObject,
    3
)]
#[case::not_an_object_in_reviews(
    r#"{"status":"success","data":[{"order":{"orderno":"1"},"product_reviews":[7,"x",{"realid":"2","score":3}]}]}"#,
    WarningKind::ReviewNotAnObject,
    2
)]
fn elements_that_are_not_objects_are_dropped(
    #[case] json: &str,
    #[case] kind: WarningKind,
    #[case] count: u64,
) {
    let got = batch(json);
    assert_eq!(got.warnings.count(kind), count);
    assert_eq!(got.warnings.total(), count);
}

#[test]
fn unknown_fields_are_ignored_at_every_level() {
    let got = batch(
        r#"{"status":"success","extra":{"a":[1,2]},"data":[{"order":{"orderno":"5","date":"2021-05-04 19:57:50","channel":"web"},
        "score":10,"utm":null,"product_reviews":[{"realid":"9","score":8,"photos":["a.jpg"],"verified":true}]}],"meta":1}"#,
    );
    assert_eq!(
        (
            got.orders.len(),
            got.product_reviews.len(),
            got.warnings.total()
        ),
        (1, 1, 0)
    );
}

fn utc(text: &str) -> Option<Timestamp> {
    Some(text.parse().unwrap())
}

#[rstest]
#[case::winter("Europe/Bucharest", "2022-01-15 10:00:00", utc("2022-01-15T08:00:00Z"))]
#[case::summer("Europe/Bucharest", "2022-07-15 10:00:00", utc("2022-07-15T07:00:00Z"))]
#[case::t_separator("Europe/Bucharest", "2022-07-15T10:00:00", utc("2022-07-15T07:00:00Z"))]
// 2021-03-28 03:00 → 04:00 in Bucharest: 03:30 never happens and is read with the winter offset.
#[case::dst_gap("Europe/Bucharest", "2021-03-28 03:30:00", utc("2021-03-28T01:30:00Z"))]
// 2021-10-31 04:00 → 03:00: 03:30 happens twice; the earlier one (summer time) is taken.
#[case::dst_overlap("Europe/Bucharest", "2021-10-31 03:30:00", utc("2021-10-31T00:30:00Z"))]
#[case::after_overlap("Europe/Bucharest", "2021-10-31 04:30:00", utc("2021-10-31T02:30:00Z"))]
#[case::utc_zone("UTC", "2022-07-15 10:00:00", utc("2022-07-15T10:00:00Z"))]
#[case::other_zone("America/New_York", "2022-07-15 10:00:00", utc("2022-07-15T14:00:00Z"))]
#[case::leap_day("Europe/Bucharest", "2024-02-29 12:00:00", utc("2024-02-29T10:00:00Z"))]
#[case::impossible_day("Europe/Bucharest", "2021-02-29 12:00:00", None)]
#[case::zero_date("Europe/Bucharest", "0000-00-00 00:00:00", None)]
#[case::hour_25("Europe/Bucharest", "2021-05-04 25:00:00", None)]
#[case::date_only("Europe/Bucharest", "2021-05-04", None)]
#[case::words("Europe/Bucharest", "yesterday", None)]
#[case::empty("Europe/Bucharest", "", None)]
fn dates_are_local_wall_clock_times(
    #[case] zone: &str,
    #[case] text: &str,
    #[case] expected: Option<Timestamp>,
) {
    let zone: LocalZone = zone.parse().unwrap();
    assert_eq!(zone.to_utc(text), expected);

    let json = with_review(&format!(
        r#"{{"realid":"1","score":8,"added_on":"{text}"}}"#
    ));
    let got = read_feed(json.as_bytes(), zone).unwrap();
    assert_eq!(got.product_reviews[0].added_on, expected);
    assert_eq!(
        got.warnings.count(WarningKind::InvalidDate),
        u64::from(expected.is_none())
    );
}

#[test]
fn dates_of_the_wrong_type_are_warnings() {
    let got = batch(&with_review(
        r#"{"realid":"1","score":8,"added_on":1647769532}"#,
    ));
    assert_eq!(got.product_reviews[0].added_on, None);
    assert_eq!(got.warnings.count(WarningKind::InvalidDate), 1);
}

#[test]
fn unknown_zones_are_rejected_with_a_hint() {
    let error = "Mars/Olympus".parse::<LocalZone>().unwrap_err();
    assert!(error.to_string().contains("IANA"), "{error}");
}

#[rstest]
#[case::fail_status(
    r#"{"status":"fail","message":"Incorrect rest key!"}"#,
    UpstreamError::IncorrectRestKey
)]
#[case::message_in_data(
    r#"{"status":"error","data":"Your account is not active!"}"#,
    UpstreamError::AccountNotActive
)]
#[case::message_object_in_data(
    r#"{"status":"error","data":{"message":"No rest key provided!"}}"#,
    UpstreamError::NoRestKey
)]
#[case::loose_spelling(
    r#"{"status":"ERROR","message":"  incorrect REST key  "}"#,
    UpstreamError::IncorrectRestKey
)]
#[case::unknown_message(
    r#"{"status":"error","message":"Rate limit exceeded, slow down"}"#,
    UpstreamError::Unknown { status: Some("error".into()), message: Some("Rate limit exceeded, slow down".into()) }
)]
#[case::unknown_status(
    r#"{"status":"maintenance","data":[]}"#,
    UpstreamError::Unknown { status: Some("maintenance".into()), message: None }
)]
#[case::missing_status(r#"{"data":[]}"#, UpstreamError::Unknown { status: None, message: None })]
#[case::status_not_a_string(
    r#"{"status":true,"message":"Something went wrong"}"#,
    UpstreamError::SomethingWentWrong
)]
fn error_envelopes_become_typed_errors(#[case] json: &str, #[case] expected: UpstreamError) {
    match parse_feed(json.as_bytes()) {
        Err(FeedError::Upstream(error)) => {
            assert_eq!(error, expected);
            assert!(!error.hint().is_empty());
        }
        other => panic!("expected {expected:?}, got {other:?}"),
    }
}

#[test]
fn unknown_messages_are_kept_verbatim() {
    let error = UpstreamError::from_envelope(Some("error"), Some("Quota: 3/2 — try later"));
    assert_eq!(error.message(), "Quota: 3/2 — try later");
    assert!(error.to_string().contains("Quota: 3/2 — try later"));
    assert_eq!(error.code(), "unknown_upstream_error");
}

#[test]
fn each_documented_error_has_its_own_code_and_hint() {
    let all = [
        UpstreamError::NoCustomerId,
        UpstreamError::NoRestKey,
        UpstreamError::IncorrectRestKey,
        UpstreamError::UnknownCustomer,
        UpstreamError::AccountNotActive,
        UpstreamError::SomethingWentWrong,
    ];
    let codes: std::collections::HashSet<_> = all.iter().map(UpstreamError::code).collect();
    let hints: std::collections::HashSet<_> = all.iter().map(UpstreamError::hint).collect();
    assert_eq!((codes.len(), hints.len()), (6, 6));
    for error in &all {
        assert_eq!(
            &UpstreamError::from_envelope(Some("error"), Some(error.message())),
            error
        );
    }
}

#[rstest]
#[case::success_case_insensitive(r#"{"status":" Success ","data":[]}"#, true)]
#[case::success_without_data(r#"{"status":"success"}"#, true)]
#[case::success_null_data(r#"{"status":"success","data":null}"#, true)]
#[case::bom("\u{feff}{\"status\":\"success\",\"data\":[]}", true)]
fn successful_envelopes(#[case] json: &str, #[case] ok: bool) {
    assert_eq!(parse_feed(json.as_bytes()).is_ok(), ok, "{json}");
}

#[rstest]
#[case::html("<html>502 Bad Gateway</html>", 1, 1)]
#[case::truncated("{\"status\":\"success\",\"data\":[{\"order\":", 1, 37)]
#[case::second_line("{\"status\":\"success\",\n \"data\": [,]}", 2, 11)]
#[case::empty("", 1, 0)]
fn malformed_json_reports_its_position(
    #[case] body: &str,
    #[case] line: usize,
    #[case] column: usize,
) {
    match parse_feed(body.as_bytes()) {
        Err(FeedError::Json {
            line: l,
            column: c,
            reason,
        }) => {
            assert_eq!((l, c), (line, column), "{reason}");
            assert!(!reason.is_empty());
        }
        other => panic!("expected a JSON error, got {other:?}"),
    }
}

#[rstest]
#[case::array("[]")]
#[case::string(r#""success""#)]
#[case::success_with_string_data(r#"{"status":"success","data":"oops"}"#)]
fn wrong_shapes_are_errors_not_empty_feeds(#[case] body: &str) {
    assert!(
        matches!(parse_feed(body.as_bytes()), Err(FeedError::Shape(_))),
        "{body}"
    );
}

/// The repair reads only escapes: bodies that end inside one are left to the parser.
#[test]
fn a_body_ending_in_an_escape_is_left_to_the_parser() {
    use stele_core::upstream::repair_lone_surrogates;
    for cut in [
        &b"\\"[..],
        b"\"\\u",
        b"\"\\ud8",
        b"\"\\ud800\\",
        b"\"\\ud800\\u",
    ] {
        let (_, lone) = repair_lone_surrogates(cut);
        assert!(lone <= 1, "{cut:?}");
        assert!(read_feed(cut, LocalZone::default()).is_err(), "{cut:?}");
    }
}
