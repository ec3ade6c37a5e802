//! Stele's widget: star ratings and review lists for shops that collect feedback with
//! Retargeting. This placeholder proves the workspace builds for the browser; the Leptos
//! components arrive with the widget issue.
#![deny(missing_docs)]

use wasm_bindgen::prelude::wasm_bindgen;

/// The average a summary shows, rounded by the one rule the whole product uses.
#[wasm_bindgen]
pub fn rounded_average(sum_of_stars: f64, count: u32) -> Option<f64> {
    let summary = stele_core::Summary {
        count: u64::from(count),
        average: (count > 0).then(|| sum_of_stars / f64::from(count)),
        ..Default::default()
    };
    summary.rounded_average()
}
