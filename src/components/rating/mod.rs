//! `StarRating`: stars filled to a tenth, drawn in SVG so they survive forced-colours mode
//! and need no `style` attribute (a strict CSP blocks those).

mod types;

use leptos::prelude::*;
pub use types::{fill_width, StarSize};

/// Five glyphs, each centred in a 24×24 cell, as one path so the markup stays small.
const FIVE: &str = concat!(
    "M12 2.5l2.94 6.2 6.8.82-5.01 4.66 1.3 6.72L12 17.6l-6.03 3.3 1.3-6.72-5.01-4.66 6.8-.82z",
    "M36 2.5l2.94 6.2 6.8.82-5.01 4.66 1.3 6.72L36 17.6l-6.03 3.3 1.3-6.72-5.01-4.66 6.8-.82z",
    "M60 2.5l2.94 6.2 6.8.82-5.01 4.66 1.3 6.72L60 17.6l-6.03 3.3 1.3-6.72-5.01-4.66 6.8-.82z",
    "M84 2.5l2.94 6.2 6.8.82-5.01 4.66 1.3 6.72L84 17.6l-6.03 3.3 1.3-6.72-5.01-4.66 6.8-.82z",
    "M108 2.5l2.94 6.2 6.8.82-5.01 4.66 1.3 6.72L108 17.6l-6.03 3.3 1.3-6.72-5.01-4.66 6.8-.82z",
);

/// The markup of a rating with fixed values: used inside coarser reactive regions.
pub fn star_rating(value: Option<f64>, label: String, size: StarSize) -> AnyView {
    // Tenths of a user unit, written without float formatting (smaller wasm).
    let tenths = (fill_width(value) * 10.0).round() as u32;
    let width = format!("{}.{}", tenths / 10, tenths % 10);
    // Unnamed (a badge still loading): decoration, hidden from assistive technology.
    let named = !label.is_empty();
    view! {
        <span class=size.as_str() role=named.then_some("img") aria-label=named.then_some(label) aria-hidden=(!named).then_some("true") part="stars">
            <svg viewBox="0 0 120 24" aria-hidden="true" focusable="false">
                <path class="stele-stars__empty" d=FIVE />
                // A nested viewport clips its content at its width: the filled part.
                <svg width=width height="24"><path class="stele-stars__filled" d=FIVE /></svg>
            </svg>
        </span>
    }
    .into_any()
}

/// A rating drawn as five stars filled to a tenth of a star, with exactly one accessible
/// name (`label`); the glyphs themselves are hidden from assistive technology.
#[component]
pub fn StarRating(
    /// Stars from 0 to 5 (`None`: no rating yet, drawn empty).
    #[prop(into)]
    value: Signal<Option<f64>>,
    /// The accessible name, e.g. "Rated 4.5 out of 5, 132 reviews".
    #[prop(into)]
    label: Signal<String>,
    /// Drawn size.
    #[prop(into, optional)]
    size: Signal<StarSize>,
) -> impl IntoView {
    (move || star_rating(value.get(), label.get(), size.get())).into_any()
}
