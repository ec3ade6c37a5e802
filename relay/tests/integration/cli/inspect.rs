//! `stele-relay inspect`, run as operators run it.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Output, Stdio};

use rstest::rstest;
use serde_json::{json, Value};

fn fixture(name: &str) -> PathBuf {
    let dir = std::env::var_os("STELE_FIXTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/upstream")
        });
    dir.join(name)
}

fn inspect(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = crate::support::relay()
        .arg("inspect")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn inspect_files(names: &[&str]) -> Value {
    let paths: Vec<String> = names
        .iter()
        .map(|n| fixture(n).display().to_string())
        .collect();
    let args: Vec<&str> = paths.iter().map(String::as_str).collect();
    let out = inspect(&args, b"");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("one JSON object on stdout")
}

fn summary(count: u64, average: Value, histogram: [u64; 5], with_comment: u64) -> Value {
    json!({"count": count, "average": average, "histogram": histogram, "with_comment": with_comment})
}

#[rstest]
#[case::one_review(&["success-one-review.json"], 1, json!({"2183": summary(1, json!(4.5), [0,0,0,0,1], 1)}))]
#[case::multiple(&["success-multiple-reviews.json"], 2, json!({
    "2182": summary(1, json!(3.5), [0,0,0,1,0], 1),
    "2183": summary(1, json!(4.5), [0,0,0,0,1], 1)}))]
#[case::null_fields(&["success-null-fields.json"], 2, json!({
    "2182": summary(1, json!(3.5), [0,0,0,1,0], 0),
    "2183": summary(0, Value::Null, [0;5], 1)}))]
#[case::no_product_reviews(&["success-no-product-reviews.json"], 0, json!({}))]
// Same order, same added_on: the later file wins, so the null-score version of 2183 stays.
#[case::later_file_wins_ties(&["success-multiple-reviews.json", "success-null-fields.json"], 2, json!({
    "2182": summary(1, json!(3.5), [0,0,0,1,0], 0),
    "2183": summary(0, Value::Null, [0;5], 1)}))]
#[case::merging_twice_changes_nothing(&["success-one-review.json", "success-one-review.json"], 1, json!({"2183": summary(1, json!(4.5), [0,0,0,0,1], 1)}))]
fn reports_fixtures(#[case] files: &[&str], #[case] product_reviews: u64, #[case] products: Value) {
    let report = inspect_files(files);
    assert_eq!(report["orders"], 1);
    assert_eq!(report["product_reviews"], product_reviews);
    assert_eq!(report["shop"], summary(1, json!(5.0), [0, 0, 0, 0, 1], 1));
    assert_eq!(report["products"], products);
    assert_eq!(report["warnings"], 0);
}

#[test]
fn reads_standard_input_and_counts_warnings() {
    let body = br#"{"status":"success","data":[
        {"order":{"orderno":" 9 "},"score":"8","product_reviews":[{"realid":"a","score":42,"comment":"x"},{"realid":"","score":4}]},
        {"order":{"orderno":""},"score":3}]}"#;
    let out = inspect(&["-"], body);
    assert!(out.status.success());
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["orders"], 1);
    assert_eq!(report["product_reviews"], 1);
    assert_eq!(report["products"]["a"], summary(0, Value::Null, [0; 5], 1));
    assert_eq!(report["warnings"], 3);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("invalid_score: 1") && stderr.contains("order_without_number: 1"),
        "{stderr}"
    );
}

#[rstest]
#[case::incorrect_key("error-incorrect-rest-key.json", "Incorrect rest key!", "second field")]
#[case::account("error-account-not-active.json", "Your account is not active!", "PAID")]
#[case::unknown_customer(
    "error-unknown-customer.json",
    "No customer found with the provided id!",
    "Customer ID"
)]
fn error_envelopes_exit_2_with_message_and_hint(
    #[case] name: &str,
    #[case] message: &str,
    #[case] hint: &str,
) {
    let path = fixture(name).display().to_string();
    let out = inspect(&[&path], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(message) && stderr.contains("hint:") && stderr.contains(hint),
        "{stderr}"
    );
}

#[test]
fn an_error_after_good_files_still_fails() {
    let good = fixture("success-one-review.json").display().to_string();
    let bad = fixture("error-something-went-wrong.json")
        .display()
        .to_string();
    let out = inspect(&[&good, &bad], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Something went wrong"));
}

#[test]
fn non_json_names_the_file_and_the_position() {
    let dir = std::env::temp_dir().join(format!("stele-inspect-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("gateway.html");
    std::fs::write(&path, "\n\n  <html>Bad Gateway</html>").unwrap();
    let out = inspect(&[path.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("gateway.html") && stderr.contains("line 3, column 3"),
        "{stderr}"
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn missing_files_exit_2() {
    let out = inspect(&["/nonexistent/stele.json"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/stele.json"));
}

#[test]
fn unknown_time_zones_are_refused() {
    let path = fixture("success-one-review.json").display().to_string();
    let out = inspect(&["--timezone", "Mars/Olympus", &path], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("IANA"));
}

#[test]
fn help_explains_the_output_and_the_exit_status() {
    let out = crate::support::relay()
        .args(["inspect", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    for needle in [
        "product_reviews",
        "products",
        "warnings",
        "Exit status",
        "standard input",
        "--timezone",
        "later file wins",
    ] {
        assert!(help.contains(needle), "--help lacks {needle:?}:\n{help}");
    }
}
