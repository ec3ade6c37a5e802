//! `Badge`: compact stars and count for product cards.

use leptos::prelude::*;
use stele_core::Summary;

use crate::components::rating::{star_rating, StarSize};
use crate::context::use_i18n;

/// Stars and "(132)" for a product card; the space for the count is reserved while the
/// summary loads, so nothing moves when it arrives.
#[component]
pub fn Badge(
    /// The product's summary; `None` while loading.
    #[prop(into)]
    summary: Signal<Option<Summary>>,
) -> impl IntoView {
    let i18n = use_i18n();
    (move || {
        let summary = summary.get();
        let average = summary.as_ref().and_then(Summary::rounded_average);
        let count = summary.as_ref().map(|s| s.count);
        let label = if summary.is_some() {
            i18n.rating_label(average, count)
        } else {
            String::new()
        };
        let count_text = count
            .map(|n| format!("({})", i18n.format.integer(n)))
            .unwrap_or_default();
        view! {
            <span class="stele-badge" part="badge" aria-busy=summary.is_none().to_string()>
                {star_rating(average, label, StarSize::Small)}
                <span class="stele-badge__count" aria-hidden="true">{count_text}</span>
            </span>
        }
        .into_any()
    })
    .into_any()
}
