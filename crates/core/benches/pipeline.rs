//! `cargo bench -p stele-core`: parse, normalise, merge and aggregate a generated feed of
//! 100,000 orders with 0–3 product reviews each, stage by stage. Prints the median of
//! several runs as MB/s and reviews/s. Set `STELE_BENCH_ORDERS` for another size.

use std::collections::HashMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

use stele_core::aggregate::{Summary, Tally};
use stele_core::merge::FeedbackSet;
use stele_core::normalise::normalise;
use stele_core::upstream::parse_feed;
use stele_core::zone::LocalZone;

const RUNS: usize = 9;

const COMMENTS: [&str; 8] = [
    "Produse de calitate, livrare rapidă. Mulțumesc!",
    "Great products, arrived on time.",
    "Mărimea nu a fost potrivită, dar schimbul s-a făcut ușor și fără bătăi de cap.",
    "Perfect match for my summer outfits",
    "Nagyon elégedett vagyok a termékkel.",
    "Calitate slabă, s-a rupt după o săptămână.",
    "Very comfortable",
    // PHP's json_encode escapes non-ASCII by default; real feeds contain both forms.
    "Foarte frumoas\\u0103, recomand \\u0219i altora",
];

/// A deterministic feed of `orders` orders, each with 0–3 product reviews.
fn generate(orders: usize) -> (Vec<u8>, usize) {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut body = String::with_capacity(orders * 420);
    let mut reviews = 0;
    body.push_str(r#"{"status":"success","data":["#);
    for i in 0..orders {
        if i > 0 {
            body.push(',');
        }
        let (day, second) = (next() % 1500, next() % 86_400);
        let date = |offset: u64| {
            let t = 1_577_836_800 + (day + offset) * 86_400 + second;
            let (d, s) = (t / 86_400, t % 86_400);
            // Civil date from days, as in the crate (kept local: benches see only the public API).
            let z = d as i64 + 719_468;
            let era = z.div_euclid(146_097);
            let doe = z - era * 146_097;
            let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
            let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
            let mp = (5 * doy + 2) / 153;
            let dd = doy - (153 * mp + 2) / 5 + 1;
            let mm = if mp < 10 { mp + 3 } else { mp - 9 };
            let yy = yoe + era * 400 + i64::from(mm <= 2);
            format!(
                "{yy:04}-{mm:02}-{dd:02} {:02}:{:02}:{:02}",
                s / 3600,
                s / 60 % 60,
                s % 60
            )
        };
        let comment = COMMENTS[(next() % 8) as usize];
        body.push_str(&format!(
            r#"{{"order":{{"orderno":"{}","date":"{}"}},"score":{},"comment":"{comment}","added_on":"{}","product_reviews":["#,
            100_000 + i,
            date(0),
            next() % 11,
            date(3)
        ));
        let count = (next() % 4) as usize;
        for r in 0..count {
            if r > 0 {
                body.push(',');
            }
            let score = match next() % 10 {
                0 => "null".to_owned(),
                1 => format!("\"{}\"", next() % 11),
                _ => (next() % 11).to_string(),
            };
            // Score or comment may be null, never both (the spec's promise).
            let comment = if next() % 5 == 0 && score != "null" {
                "null".to_owned()
            } else {
                format!("\"{}\"", COMMENTS[(next() % 8) as usize])
            };
            body.push_str(&format!(
                r#"{{"realid":"{}","added_on":"{}","score":{score},"comment":{comment}}}"#,
                next() % 2000,
                date(20 + next() % 200)
            ));
        }
        body.push_str("]}");
        reviews += count;
    }
    body.push_str("]}");
    (body.into_bytes(), reviews)
}

fn median<T>(mut run: impl FnMut() -> T) -> Duration {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            black_box(run());
            start.elapsed()
        })
        .collect();
    times.sort();
    times[RUNS / 2]
}

fn report(stage: &str, time: Duration, bytes: Option<usize>, records: usize) {
    let seconds = time.as_secs_f64();
    let throughput = bytes.map_or(String::from("-"), |b| {
        format!("{:.0}", b as f64 / 1e6 / seconds)
    });
    println!(
        "{stage:<34} {:>9.2} ms {throughput:>9} MB/s {:>12.0} reviews/s",
        seconds * 1e3,
        records as f64 / seconds
    );
}

fn main() {
    let orders: usize = std::env::var("STELE_BENCH_ORDERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let (body, product_reviews) = generate(orders);
    let records = orders + product_reviews;
    let zone = LocalZone::default();
    println!(
        "feed: {orders} orders, {product_reviews} product reviews, {:.1} MB; median of {RUNS} runs; 'reviews' = orders + product reviews ({records})",
        body.len() as f64 / 1e6
    );

    let parse = median(|| parse_feed(&body).unwrap().orders.len());
    report("parse (bytes → raw feed)", parse, Some(body.len()), records);

    let feed = parse_feed(&body).unwrap();
    let normalise_time = median(|| normalise(&feed, zone));
    report(
        "normalise (raw → records, tz)",
        normalise_time,
        None,
        records,
    );

    let batch = normalise(&feed, zone);
    assert_eq!(batch.orders.len(), orders);
    assert_eq!(batch.warnings.total(), 0, "the generated feed is clean");
    let merge_fresh = median_with_setup(
        || batch.clone(),
        |b| {
            let mut set = FeedbackSet::new();
            set.merge(b);
            set
        },
    );
    report("merge into an empty set", merge_fresh, None, records);

    let mut full = FeedbackSet::new();
    full.merge(batch.clone());
    let merge_again = median_with_setup(
        || (full.clone(), batch.clone()),
        |(mut set, b)| set.merge(b),
    );
    report(
        "merge again (steady-state sync)",
        merge_again,
        None,
        records,
    );

    let aggregate = median(|| {
        let shop = Summary::of(full.orders());
        let mut products: HashMap<&str, Tally> = HashMap::new();
        for review in full.product_reviews() {
            products
                .entry(review.product_id.as_str())
                .or_default()
                .add_rated(review);
        }
        (shop, products.len())
    });
    report("aggregate (shop + every product)", aggregate, None, records);

    let total = parse + normalise_time + merge_fresh + aggregate;
    report(
        "end to end (sum of the stages)",
        total,
        Some(body.len()),
        records,
    );
}

/// Like [`median`], but `setup` runs outside the timed part.
fn median_with_setup<I, T>(mut setup: impl FnMut() -> I, mut run: impl FnMut(I) -> T) -> Duration {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let input = setup();
            let start = Instant::now();
            black_box(run(input));
            start.elapsed()
        })
        .collect();
    times.sort();
    times[RUNS / 2]
}
