//! `Skeleton`: an element's loading state. The loader draws the same boxes before the
//! widget has downloaded (`skeleton()` in www/src/stele.js), sized by the reserve block of
//! stele.css, so the page keeps one height from the script tag to the data.

use leptos::prelude::*;
use stele_core::paths::CANONICAL_PER_PAGE;

/// What a skeleton stands in for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkeletonKind {
    /// `<stele-reviews>`: summary and controls, then a page of cards.
    Reviews,
    /// `<stele-testimonials>` as a carousel: the threshold line, as many cards as the
    /// container fits (up to four, by stele.css's container queries) and its buttons.
    Carousel,
    /// `<stele-testimonials layout="grid">`: the threshold line, a page of cards in the grid.
    Grid,
}

/// Cards drawn for a page size: at most a canonical page, which already reaches below a
/// screen (a longer page grows below it, where nothing a shopper sees moves).
pub fn skeleton_cards(kind: SkeletonKind, per_page: u32) -> u32 {
    match kind {
        // The most the carousel shows side by side; the container hides those that don't fit.
        SkeletonKind::Carousel => 4,
        SkeletonKind::Reviews | SkeletonKind::Grid => per_page.clamp(1, CANONICAL_PER_PAGE),
    }
}

/// Grey boxes no taller than the content that replaces them: empty, so assistive technology
/// has nothing to read until the content arrives.
#[component]
pub fn Skeleton(
    /// The element it stands in for.
    kind: SkeletonKind,
    /// The element's page size.
    per_page: u32,
) -> impl IntoView {
    let (outer, list, card) = match kind {
        SkeletonKind::Reviews => ("stele-sk", "stele-sk__list", "stele-sk__card"),
        SkeletonKind::Carousel => (
            "stele-sk stele-sk--carousel",
            "stele-sk__list stele-sk__carousel",
            "stele-sk__quote",
        ),
        SkeletonKind::Grid => (
            "stele-sk",
            "stele-sk__list stele-sk__grid",
            "stele-sk__quote",
        ),
    };
    let cards = (0..skeleton_cards(kind, per_page))
        .map(|_| view! { <div class=card></div> })
        .collect_view();
    view! {
        <div class=outer>
            {(kind == SkeletonKind::Reviews).then(|| view! { <div class="stele-sk__head"></div> })}
            {(kind != SkeletonKind::Reviews).then(|| view! { <div class="stele-sk__note"></div> })}
            <div class=list>{cards}</div>
            {(kind == SkeletonKind::Carousel).then(|| view! { <div class="stele-sk__nav"></div> })}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_skeleton_draws_at_most_a_canonical_page() {
        assert_eq!(skeleton_cards(SkeletonKind::Reviews, 3), 3);
        assert_eq!(
            skeleton_cards(SkeletonKind::Reviews, 100),
            CANONICAL_PER_PAGE
        );
        assert_eq!(skeleton_cards(SkeletonKind::Grid, 0), 1);
        assert_eq!(skeleton_cards(SkeletonKind::Carousel, 20), 4);
    }
}
