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
/// summary loads, so nothing moves when it arrives. With `href` the badge is a link (to the
/// review section, `#reviews`, as a platform's own summary is); with `hide_empty` a product
/// without reviews gets nothing at all, rather than "No rating yet".
#[component]
pub fn Badge(
    /// What is known of the product's summary.
    #[prop(into)]
    state: Signal<BadgeState>,
    /// A product without reviews draws nothing (the custom element then takes no space).
    #[prop(optional)]
    hide_empty: bool,
    /// Where the badge links to, already checked by `options::safe_href`; `None`: no link.
    #[prop(default = None)]
    href: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    (move || {
        let summary = match state.get() {
            BadgeState::Unavailable => return ().into_any(),
            BadgeState::Ready(summary) if hide_empty && summary.count == 0 => return ().into_any(),
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
        let busy = summary.is_none().to_string();
        let inside = view! {
            {star_rating(average, label, StarSize::Small)}
            <span class="stele-badge__count" aria-hidden="true">{count_text}</span>
        };
        // A link is named by the stars inside it (the count is hidden: the name says it).
        match href.clone() {
            Some(href) => {
                view! { <a class="stele-badge" part="badge" href=href aria-busy=busy>{inside}</a> }
                    .into_any()
            }
            None => view! { <span class="stele-badge" part="badge" aria-busy=busy>{inside}</span> }
                .into_any(),
        }
    })
    .into_any()
}
