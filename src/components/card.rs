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
    let expanded = RwSignal::new(false);
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
    let comment = review.comment.map(|text| {
        move || {
            let open = expanded.get();
            let class = if long && !open { "stele-review__comment is-clamped" } else { "stele-review__comment" };
            let toggle = long.then(|| {
                view! {
                    <button type="button" class="stele-link" aria-expanded=open.to_string() on:click=move |_| expanded.update(|e| *e = !*e)>
                        {if open { less.clone() } else { more.clone() }}
                    </button>
                }
            });
            view! { <p class=class part="comment">{text.clone()}</p>{toggle} }.into_any()
        }
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
