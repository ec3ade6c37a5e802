//! `ReviewCard`: one review as untrusted text, with its stars, date and a verified label.

use leptos::prelude::*;
use stele_core::text::needs_clamp;
use stele_core::PublicReview;

use crate::components::rating::{star_rating, StarSize};
use crate::context::use_i18n;
use crate::i18n::Key;

/// One review. The comment is rendered as a text node, never as HTML; every Retargeting
/// review comes from an order, hence "Verified buyer".
#[component]
pub fn ReviewCard(
    /// The review.
    review: PublicReview,
    /// The `part` name: `review` in lists, `testimonial` in testimonials.
    #[prop(optional, default = "review")]
    part: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let long = review.comment.as_deref().is_some_and(needs_clamp);
    let rating = review.stars.map(|stars| {
        star_rating(
            Some(stars),
            i18n.rating_label(Some(stars), None),
            StarSize::Small,
        )
    });
    let date = review.date.map(|at| {
        view! { <time class="stele-review__date" datetime=at.to_string() title=i18n.format.date(at)>{i18n.format.relative(at)}</time> }
    });
    let (more, less) = (
        i18n.strings.get(Key::ReadMore).to_owned(),
        i18n.strings.get(Key::ReadLess).to_owned(),
    );
    let class = if review.comment.is_some() {
        "stele-review"
    } else {
        "stele-review stele-review--score-only"
    };
    // "Read more" is a disclosure the browser opens (stele.css clamps the comment while it is
    // closed): it works in a server-rendered fragment with no module and with JavaScript
    // off, and the fragment's cards have no control, so a grid of one page is final.
    let comment = review.comment.map(|text| {
        let toggle = long.then(|| {
            view! {
                <details class="stele-review__toggle">
                    <summary class="stele-link" part="read-more">
                        <span class="stele-review__more">{more}</span>
                        <span class="stele-review__less">{less}</span>
                    </summary>
                </details>
            }
        });
        view! { <p class="stele-review__comment" part="comment">{text}</p>{toggle} }
    });
    view! {
        <article class=class part=part>
            <div class="stele-review__meta" part="review-meta">
                {rating}
                <span class="stele-review__verified"><span aria-hidden="true">"✓ "</span>{i18n.strings.get(Key::VerifiedBuyer).to_owned()}</span>
                {date}
            </div>
            {comment}
        </article>
    }
    .into_any()
}
