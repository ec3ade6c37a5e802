//! `StarRating`: stars filled to a tenth, drawn in SVG so they survive forced-colours mode
//! and need no `style` attribute (a strict CSP blocks those).

mod types;

use leptos::prelude::*;
pub use types::{fill_width, StarSize};

/// One glyph, centred in a 24×24 cell.
const STAR: &str =
    "M12 2.5l2.94 6.2 6.8.82-5.01 4.66 1.3 6.72L12 17.6l-6.03 3.3 1.3-6.72-5.01-4.66 6.8-.82z";

/// Five stars in a row, as SVG paths offset by whole cells.
fn stars(class: &'static str) -> impl IntoView {
    view! {
        <g class=class>
            <path d=STAR />
            <path d=STAR transform="translate(24 0)" />
            <path d=STAR transform="translate(48 0)" />
            <path d=STAR transform="translate(72 0)" />
            <path d=STAR transform="translate(96 0)" />
        </g>
    }
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
    let width = move || format!("{:.1}", fill_width(value.get()));
    view! {
        <span class=move || format!("stele-stars {}", size.get().as_str()) role="img" aria-label=move || label.get() part="stars">
            <svg viewBox="0 0 120 24" aria-hidden="true" focusable="false">
                {stars("stele-stars__empty")}
                // A nested viewport clips its content at its width: the filled part.
                <svg width=width height="24">
                    {stars("stele-stars__filled")}
                </svg>
            </svg>
        </span>
    }
}
