//! `RatingSummary`: the average, the stars, the count, and a histogram whose rows filter.

use leptos::prelude::*;
use stele_core::Summary;

use crate::components::rating::{star_rating, StarSize};
use crate::context::use_i18n;

/// The headline of a review section: average (one decimal, in the shopper's locale), stars,
/// review count with the right plural form, and a histogram. Each histogram row is a button
/// that filters the list to that many stars (`aria-pressed` tells which is active).
#[component]
pub fn RatingSummary(
    /// The summary to show.
    #[prop(into)]
    summary: Signal<Summary>,
    /// The histogram row the list is filtered to, if any.
    #[prop(into, optional)]
    selected: Signal<Option<u8>>,
    /// Called with the row to filter to (`None`: clear); rows do nothing without it.
    #[prop(optional)]
    on_select: Option<Callback<Option<u8>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    (move || {
        let summary = summary.get();
        let average = summary.rounded_average();
        let average_text = average.map_or_else(|| "–".to_owned(), |a| i18n.format.one_decimal(a));
        let total = summary.count.max(1);
        let rows = (1..=5u8)
            .rev()
            .map(|stars| {
                let in_row = summary.histogram[usize::from(stars) - 1];
                let row_label = i18n.stars_row(stars);
                let label = i18n.histogram_row(&row_label, in_row);
                let percent = (in_row * 100 / total).to_string();
                let click = move |_| {
                    if let Some(on_select) = on_select {
                        on_select.run(if selected.get_untracked() == Some(stars) { None } else { Some(stars) });
                    }
                };
                view! {
                    <li>
                        <button type="button" class="stele-histogram__row" part="histogram-row" aria-label=label
                            aria-pressed=move || (selected.get() == Some(stars)).to_string() on:click=click>
                            <span class="stele-histogram__label" aria-hidden="true">{row_label}</span>
                            <svg class="stele-histogram__bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                                <rect class="stele-histogram__track" width="100" height="8" rx="4" />
                                <rect class="stele-histogram__fill" width=percent height="8" rx="4" />
                            </svg>
                            <span class="stele-histogram__count" aria-hidden="true">{i18n.format.integer(in_row)}</span>
                        </button>
                    </li>
                }
            })
            .collect_view();
        view! {
            <div class="stele-summary" part="summary">
                <div class="stele-summary__headline">
                    <span class="stele-summary__average" part="average" aria-hidden="true">{average_text}</span>
                    <span class="stele-summary__detail">
                        {star_rating(average, i18n.rating_label(average, Some(summary.count)), StarSize::Large)}
                        <span class="stele-summary__count" aria-hidden="true">{i18n.review_count(summary.count)}</span>
                    </span>
                </div>
                <ul class="stele-histogram" part="histogram">{rows}</ul>
            </div>
        }
        .into_any()
    })
    .into_any()
}
