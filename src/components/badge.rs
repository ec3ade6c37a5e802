//! `Badge`: compact stars and count for product cards.

use leptos::prelude::*;
use stele_core::Summary;

use crate::components::rating::StarRating;
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
    let average = move || summary.with(|s| s.as_ref().and_then(Summary::rounded_average));
    let count = move || summary.with(|s| s.as_ref().map(|s| s.count));
    let label = {
        let i18n = i18n.clone();
        move || {
            if summary.with(Option::is_none) {
                String::new()
            } else {
                i18n.rating_label(average(), count())
            }
        }
    };
    let count_text = move || {
        count()
            .map(|n| format!("({})", i18n.format.integer(n)))
            .unwrap_or_default()
    };
    view! {
        <span class="stele-badge" part="badge" aria-busy=move || summary.with(Option::is_none).to_string()>
            <StarRating value=Signal::derive(average) label=Signal::derive(label) />
            <span class="stele-badge__count" aria-hidden="true">{count_text}</span>
        </span>
    }
}
