// The stylesheet's part files in cascade order: one list, included by build.rs (which minifies
// them, and concatenates them into the shipped stele.css) and by src/css.rs (`css::FILES`).
[
    "src/components/rating/rating.css",
    "src/stele.css",
    "src/components/badge.css",
    "src/components/card.css",
    "src/components/reviews/reviews.css",
    "src/components/testimonials.css",
]
