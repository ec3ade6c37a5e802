//! `RatingSummary`: the average, the stars, the count, and a histogram whose rows filter.

use leptos::prelude::*;
use stele_core::Summary;

use crate::components::rating::{StarRating, StarSize};
use crate::context::use_i18n;
use crate::i18n::Key;

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
    let average = move || summary.with(Summary::rounded_average);
    let count = move || summary.with(|s| s.count);
    let label = {
        let i18n = i18n.clone();
        move || i18n.rating_label(average(), Some(count()))
    };
    let average_text = {
        let i18n = i18n.clone();
        move || average().map_or_else(|| "–".to_owned(), |a| i18n.format.one_decimal(a))
    };
    let count_text = {
        let i18n = i18n.clone();
        move || i18n.review_count(count())
    };
    let rows = (1..=5u8)
        .rev()
        .map(|stars| {
            let i18n = i18n.clone();
            let in_row = move || summary.with(|s| s.histogram[usize::from(stars) - 1]);
            let percent = move || {
                let total = count().max(1);
                format!("{:.1}", in_row() as f64 * 100.0 / total as f64)
            };
            let row_label = i18n.strings.get(Key::StarsRow).replace("{stars}", &stars.to_string());
            let aria = {
                let (i18n, row_label) = (i18n.clone(), row_label.clone());
                move || format!("{row_label}, {}", i18n.review_count(in_row()))
            };
            let pressed = move || selected.get() == Some(stars);
            let click = move |_| {
                if let Some(on_select) = on_select {
                    on_select.run(if pressed() { None } else { Some(stars) });
                }
            };
            let number = {
                let i18n = i18n.clone();
                move || i18n.format.integer(in_row())
            };
            view! {
                <li>
                    <button type="button" class="stele-histogram__row" part="histogram-row" aria-pressed=move || pressed().to_string() aria-label=aria on:click=click>
                        <span class="stele-histogram__label" aria-hidden="true">{row_label}</span>
                        <svg class="stele-histogram__bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                            <rect class="stele-histogram__track" width="100" height="8" rx="4" />
                            <rect class="stele-histogram__fill" width=percent height="8" rx="4" />
                        </svg>
                        <span class="stele-histogram__count" aria-hidden="true">{number}</span>
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
                    <StarRating value=Signal::derive(average) label=Signal::derive(label) size=StarSize::Large />
                    <span class="stele-summary__count" aria-hidden="true">{count_text}</span>
                </span>
            </div>
            <ul class="stele-histogram" part="histogram">{rows}</ul>
        </div>
    }
}
