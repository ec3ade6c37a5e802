//! The relay as operators run it: refusals at start-up, crashes, signals and panics, what
//! operators meet (probes, metrics, logs, `check`, `config`), and the key kept out of all of it.

mod operator;
mod secrecy;
mod signals;
mod startup;

use crate::support::{order_json, success};

/// The key of the processes these tests start: a canary searched for in all they leave.
const KEY: &str = "rk_LEAKCANARY_93f1c0de";
const DAY: i64 = 86_400;

/// An upstream answer with `orders`, each with two product reviews a day old.
fn feed(orders: std::ops::Range<u64>) -> Vec<u8> {
    let now = stele_relay::model::store::now().unix();
    let items: Vec<String> = orders
        .map(|i| {
            order_json(
                i,
                now - DAY,
                &[
                    ("p1", now - DAY, Some((i % 11) as u8), Some("bună")),
                    ("p2", now - DAY, Some(8), None),
                ],
            )
        })
        .collect();
    success(&items)
}
