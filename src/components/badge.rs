//! `Badge`: compact stars and count for product cards.

use leptos::prelude::*;
use stele_core::Summary;

use crate::components::rating::{star_rating, StarSize};
use crate::context::use_i18n;

/// What a badge knows about its product.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum BadgeState {
    /// The shared summaries request is on its way.
    #[default]
    Loading,
    /// The product's summary (count 0 when it has no reviews).
    Ready(Summary),
    /// The request failed: the badge hides rather than claim "no reviews".
    Unavailable,
}

/// Stars and "(132)" for a product card; the space for the count is reserved while the
/// summary loads, so nothing moves when it arrives.
#[component]
pub fn Badge(
    /// What is known of the product's summary.
    #[prop(into)]
    state: Signal<BadgeState>,
) -> impl IntoView {
    let i18n = use_i18n();
    (move || {
        let summary = match state.get() {
            BadgeState::Unavailable => return ().into_any(),
            BadgeState::Loading => None,
            BadgeState::Ready(summary) => Some(summary),
        };
        let average = summary.as_ref().and_then(Summary::rounded_average);
        let count = summary.as_ref().map(|s| s.count);
        // While loading the stars are decoration: no name to announce yet.
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
