//! Data for an element: fetched once with its skeleton meanwhile, then rendered and
//! announced (`stele:ready`). The custom elements (`browser/mount/`) and the Leptos
//! components (`leptos_api.rs`) share these, as they share badge batching (`badges.rs`).
//!
//! Off a browser (a Leptos SSR app's server) nothing is fetched: an element renders its
//! skeleton, exactly what its browser half draws while hydrating before its request returns,
//! so hydration finds the same nodes.
// A module without reviews or testimonials compiles only part of this file.
#![cfg_attr(
    not(all(stele_reviews, stele_testimonials)),
    allow(unused_imports, dead_code)
)]

use leptos::prelude::*;
use stele_core::listing::ReviewSort;
use stele_core::public::ShopView;

mod badges;
pub(crate) use badges::summary_signal;

use crate::components::{Layout, Reviews, Skeleton, SkeletonKind, Testimonials};
use crate::context::{announce, ReadyAnnouncer};
use crate::data::{Api, DataError};

/// Emits `stele:ready` once, after its siblings are in the DOM, unless it is unmounted first.
#[component]
pub(crate) fn Ready() -> impl IntoView {
    let announcer = ReadyAnnouncer::new(crate::context::use_emitter());
    announcer.track_view();
    announce(vec![announcer]);
}

#[cfg(stele_reviews)]
/// Fetches a product, then renders it.
#[component]
pub(crate) fn ProductLoader(
    api: Api,
    product: String,
    per_page: u32,
    sort: ReviewSort,
) -> impl IntoView {
    let api = api.aborted_on_cleanup();
    let request = {
        let (api, product) = (api.clone(), product.clone());
        async move { api.product(&product, sort, per_page).await }
    };
    loaded(
        format!("<stele-reviews product=\"{product}\">"),
        (SkeletonKind::Reviews, per_page),
        request,
        move |initial| view! { <Reviews initial=initial per_page=per_page sort=sort api=api.clone() /> },
    )
}

#[cfg(stele_testimonials)]
/// Fetches the shop's testimonials at `min_stars` (`None`: the relay's threshold), then
/// renders them.
#[component]
pub(crate) fn ShopLoader(
    api: Api,
    layout: Layout,
    autoplay: u32,
    per_page: u32,
    min_stars: Option<u8>,
) -> impl IntoView {
    let api = api.aborted_on_cleanup();
    let request = {
        let api = api.clone();
        async move { api.shop(per_page, min_stars).await }
    };
    let skeleton = match layout {
        Layout::Grid => SkeletonKind::Grid,
        Layout::Carousel => SkeletonKind::Carousel,
    };
    loaded(
        "<stele-testimonials>".into(),
        (skeleton, per_page),
        request,
        move |shop: ShopView| {
            let per_page = shop.source.page_size(per_page);
            let (later, hint) = crate::components::testimonials::asked_threshold(min_stars, &shop);
            #[cfg(stele_browser)]
            if let Some(hint) = hint {
                crate::hints::warn(&hint);
            }
            #[cfg(not(stele_browser))]
            let _ = hint;
            view! { <Testimonials initial=shop.testimonials moderation=shop.moderation min_stars=later layout=layout autoplay=autoplay per_page=per_page api=api.clone() /> }
        },
    )
}

/// The `skeleton` (the loader's, drawn again) while `request` runs, then `render` of its
/// result and `stele:ready`. A failure is logged as a `[stele]` hint with `context` and
/// stays quiet on the page.
///
/// Why one task and a signal rather than `LocalResource` + `<Transition>` +
/// `<ErrorBoundary>`: an element fetches exactly once (a new `product` mounts a new
/// loader), there is no server stream to resume and no view that throws, so those three
/// would only add their machinery: 18.4 KB brotli on a home page and 18.6 KB on a product
/// page, measured by single-change builds (issue 10).
pub(crate) fn loaded<T, Fut, V>(
    context: String,
    skeleton: (SkeletonKind, u32),
    request: Fut,
    render: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> AnyView
where
    T: Clone + 'static,
    Fut: std::future::Future<Output = Result<T, DataError>> + 'static,
    V: IntoView + 'static,
{
    // Off a browser: the skeleton, behind the same reactive closure as the browser's, so a
    // Leptos SSR app's server and its hydrating browser render the same nodes and markers.
    #[cfg(not(stele_browser))]
    {
        let _ = (context, request, render);
        (move || view! { <Skeleton kind=skeleton.0 per_page=skeleton.1 /> }.into_any()).into_any()
    }
    #[cfg(stele_browser)]
    {
        // `None` while the request runs; the error itself has been logged by then.
        let outcome = RwSignal::new_local(None::<Result<T, ()>>);
        leptos::task::spawn_local(async move {
            let result = request.await;
            if let Some(error) = result.as_ref().err().filter(|e| e.deserves_a_hint()) {
                crate::hints::warn(&format!("{context}: {error}"));
            }
            // The element may be gone by now (its request was aborted): nothing to draw.
            let _ = outcome.try_set(Some(result.map_err(drop)));
        });
        (move || match outcome.get() {
            None => view! { <Skeleton kind=skeleton.0 per_page=skeleton.1 /> }.into_any(),
            Some(Ok(data)) => view! { {render(data)}<Ready /> }.into_any(),
            Some(Err(())) => view! { <div class="stele-quiet"></div> }.into_any(),
        })
        .into_any()
    }
}
