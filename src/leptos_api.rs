//! The three elements as Leptos components, for Leptos apps, with the same names and
//! props as the custom elements' attributes (docs/embed.md): `<SteleReviews product src />`
//! is `<stele-reviews product src>`. They render inline (include `stele.css`), emit no DOM
//! events, and share the loaders and badge batching (`loading/`) the custom elements use.
//!
//! In a Leptos CSR app (feature `csr`) they fetch and draw in the browser. In a Leptos SSR
//! app (`ssr` on its server, `hydrate` in its browser) the server renders their skeleton,
//! the browser hydrates it and then fetches: the relay's data is per shopper-visible page,
//! not per server render, and the server needs no route to the relay.
// A module without reviews or testimonials compiles only part of this file.
#![cfg_attr(
    not(all(stele_reviews, stele_testimonials)),
    allow(unused_imports, dead_code)
)]

use leptos::prelude::*;
use stele_core::listing::ReviewSort;
use stele_core::paths::CANONICAL_PER_PAGE;

use crate::components::{Badge, Layout, Root, Surface};
use crate::context::{Emitter, ReadyAnnouncer};
use crate::data::Api;
use crate::i18n::I18n;
use crate::loading::summary_signal;
#[cfg(stele_reviews)]
use crate::loading::ProductLoader;
#[cfg(stele_testimonials)]
use crate::loading::ShopLoader;
use crate::options::{Theme, MAX_PER_PAGE};

#[cfg(stele_reviews)]
/// `<stele-reviews>`: a product's rating summary, histogram and review list.
#[component]
pub fn SteleReviews(
    /// The shop's product id; changing it loads that product.
    #[prop(into)]
    product: Signal<String>,
    /// The relay's base URL (or a static export), e.g. `/stele/`.
    #[prop(into)]
    src: String,
    /// The UI language tag (`ro`, `en-GB`); default English.
    #[prop(optional, into)]
    lang: Option<String>,
    /// Colours.
    #[prop(optional)]
    theme: Theme,
    /// Reviews per page, 1–100.
    #[prop(optional, default = CANONICAL_PER_PAGE)]
    per_page: u32,
    /// The first sort.
    #[prop(optional)]
    sort: ReviewSort,
    /// UI string overrides by key (`verified-buyer`, …).
    #[prop(optional)]
    strings: Vec<(String, String)>,
) -> impl IntoView {
    let i18n = I18n::resolve([lang.as_deref()], &strings);
    let api = Api::new(&src);
    let per_page = per_page.clamp(1, MAX_PER_PAGE);
    view! {
        <Root theme=theme i18n=i18n surface=Surface::Page>
            {move || view! { <ProductLoader api=api.clone() product=product.get() per_page=per_page sort=sort /> }}
        </Root>
    }
}

/// `<stele-stars>`: compact stars and count for a product card. Every badge on the page
/// with the same `src` shares one summaries request.
#[component]
pub fn SteleStars(
    /// The shop's product id.
    #[prop(into)]
    product: Signal<String>,
    /// The relay's base URL (or a static export).
    #[prop(into)]
    src: String,
    /// The UI language tag; default English.
    #[prop(optional, into)]
    lang: Option<String>,
    /// Colours.
    #[prop(optional)]
    theme: Theme,
    /// A product without reviews draws nothing, rather than "No rating yet".
    #[prop(optional)]
    hide_empty: bool,
    /// Makes the badge a link, e.g. `"#reviews"` (the review section) or a product page:
    /// only `http(s)`, a relative URL or a `#fragment`; another scheme (`javascript:`) is
    /// refused with a `[stele]` hint, and the badge is then no link.
    #[prop(optional, into)]
    href: Option<String>,
    /// UI string overrides by key.
    #[prop(optional)]
    strings: Vec<(String, String)>,
) -> impl IntoView {
    let i18n = I18n::resolve([lang.as_deref()], &strings);
    let api = Api::new(&src);
    let href = href.and_then(|href| match crate::options::safe_href(&href) {
        Ok(href) => href,
        Err(hint) => {
            leptos::logging::warn!("[stele] <SteleStars> {hint}");
            None
        }
    });
    view! {
        <Root theme=theme i18n=i18n surface=Surface::Page inline=true>
            {move || {
                // In a Leptos app there is no host element to announce stele:ready on.
                let quiet = ReadyAnnouncer::new(Emitter::default());
                let state = summary_signal(&api, &product.get(), quiet);
                view! { <Badge state=Signal::derive(move || state.get()) hide_empty=hide_empty href=href.clone() /> }
            }}
        </Root>
    }
}

#[cfg(stele_testimonials)]
/// `<stele-testimonials>`: the shop's order feedback as a carousel or a grid.
#[component]
pub fn SteleTestimonials(
    /// The relay's base URL (or a static export).
    #[prop(into)]
    src: String,
    /// Carousel (default) or grid.
    #[prop(optional)]
    layout: Layout,
    /// Seconds per carousel slide; 0 (default) never moves by itself.
    #[prop(optional)]
    autoplay: u32,
    /// The UI language tag; default English.
    #[prop(optional, into)]
    lang: Option<String>,
    /// Colours.
    #[prop(optional)]
    theme: Theme,
    /// Testimonials per page, 1–100.
    #[prop(optional, default = CANONICAL_PER_PAGE)]
    per_page: u32,
    /// Only testimonials with at least this many stars, 1–5 (1 shows every one); `None`
    /// (default): the relay's threshold, `STELE_TESTIMONIAL_MIN_STARS` (4 unless set). The
    /// element says the threshold its source applied.
    #[prop(optional, into)]
    min_stars: Option<u8>,
    /// UI string overrides by key.
    #[prop(optional)]
    strings: Vec<(String, String)>,
) -> impl IntoView {
    let i18n = I18n::resolve([lang.as_deref()], &strings);
    let per_page = per_page.clamp(1, MAX_PER_PAGE);
    let min_stars = min_stars.map(|n| n.clamp(1, 5));
    view! {
        <Root theme=theme i18n=i18n surface=Surface::Page>
            <ShopLoader api=Api::new(&src) layout=layout autoplay=autoplay per_page=per_page min_stars=min_stars />
        </Root>
    }
}

/// What a Leptos SSR app's server sends: each component's root and skeleton, no data (the
/// browser half fetches it after hydrating). tests/e2e/leptos-ssr.test.mjs hydrates it.
#[cfg(all(test, feature = "ssr", stele_reviews, stele_testimonials))]
mod tests {
    use super::*;

    fn html(view: impl FnOnce() -> AnyView) -> String {
        Owner::new().with(|| view().to_html())
    }

    #[test]
    fn on_the_server_each_component_renders_its_skeleton() {
        let reviews = html(|| {
            view! { <SteleReviews product="2183" src="/stele/" lang="ro" per_page=3 /> }.into_any()
        });
        assert!(
            reviews.starts_with(r#"<div data-theme="light" lang="ro" class="stele-root">"#),
            "{reviews}"
        );
        assert_eq!(
            reviews.matches(r#"class="stele-sk__card""#).count(),
            3,
            "{reviews}"
        );
        let stars = html(|| view! { <SteleStars product="2183" src="/stele/" /> }.into_any());
        assert!(
            stars.starts_with(r#"<span data-theme="light" lang="en" class="stele-root">"#),
            "{stars}"
        );
        assert!(stars.contains(r#"aria-busy="true""#), "{stars}");
        let shop =
            html(|| view! { <SteleTestimonials src="/stele/" layout=Layout::Grid /> }.into_any());
        assert!(shop.contains(r#"class="stele-sk""#), "{shop}");
        for page in [reviews, stars, shop] {
            assert!(
                !page.contains("out of 5") && !page.contains("stele-review"),
                "{page}"
            );
        }
    }
}
