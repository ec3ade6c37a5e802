//! Data for an element: fetched through `LocalResource` + `Transition` + `ErrorBoundary`
//! with its skeleton meanwhile, then rendered and announced (`stele:ready`). The custom
//! elements (mount.rs) and the Leptos components (elements.rs) share these.
// A module without reviews or testimonials compiles only part of this file.
#![cfg_attr(
    not(all(stele_reviews, stele_testimonials)),
    allow(unused_imports, dead_code)
)]

use leptos::prelude::*;
use stele_core::listing::ReviewSort;
use stele_core::public::ShopView;

use crate::components::{Layout, Reviews, Skeleton, SkeletonKind, Testimonials};
use crate::context::WidgetEvent;
use crate::data::{Api, DataError};
use crate::hints::warn;

/// Emits `stele:ready` once, after its siblings are in the DOM.
#[component]
pub(crate) fn Ready() -> impl IntoView {
    let emitter = crate::context::use_emitter();
    Effect::new(move |_| emitter.emit(WidgetEvent::Ready));
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
    let fetch = {
        let (api, product) = (api.clone(), product.clone());
        move || {
            let (api, product) = (api.clone(), product.clone());
            async move { api.product(&product, sort, per_page).await }
        }
    };
    loaded(
        format!("<stele-reviews product=\"{product}\">"),
        (SkeletonKind::Reviews, per_page),
        fetch,
        move |initial| view! { <Reviews initial=initial per_page=per_page sort=sort api=api.clone() /> },
    )
}

#[cfg(stele_testimonials)]
/// Fetches the shop's testimonials, then renders them.
#[component]
pub(crate) fn ShopLoader(api: Api, layout: Layout, autoplay: u32, per_page: u32) -> impl IntoView {
    let api = api.aborted_on_cleanup();
    let fetch = {
        let api = api.clone();
        move || {
            let api = api.clone();
            async move { api.shop(per_page).await }
        }
    };
    let skeleton = match layout {
        Layout::Grid => SkeletonKind::Grid,
        Layout::Carousel => SkeletonKind::Carousel,
    };
    loaded(
        "<stele-testimonials>".into(),
        (skeleton, per_page),
        fetch,
        move |shop: ShopView| {
            let per_page = shop.source.page_size(per_page);
            view! { <Testimonials initial=shop.testimonials layout=layout autoplay=autoplay per_page=per_page api=api.clone() /> }
        },
    )
}

/// Data through `LocalResource` + `Transition` + `ErrorBoundary`: the `skeleton` (the
/// loader's, drawn again) while `fetch` runs, then `render` of its result and `stele:ready`.
/// A failure is logged as a `[stele]` hint with `context` and stays quiet on the page.
pub(crate) fn loaded<T, Fut, V>(
    context: String,
    skeleton: (SkeletonKind, u32),
    fetch: impl Fn() -> Fut + 'static,
    render: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> AnyView
where
    T: Clone + 'static,
    Fut: std::future::Future<Output = Result<T, DataError>> + 'static,
    V: IntoView + 'static,
{
    let resource = LocalResource::new(move || {
        let (request, context) = (fetch(), context.clone());
        async move {
            let result = request.await;
            if let Some(error) = result.as_ref().err().filter(|e| e.deserves_a_hint()) {
                warn(&format!("{context}: {error}"));
            }
            result
        }
    });
    view! {
        <Transition fallback=move || view! { <Skeleton kind=skeleton.0 per_page=skeleton.1 /> }>
            <ErrorBoundary fallback=|_| view! { <div class="stele-quiet"></div> }>
                {move || {
                    let render = render.clone();
                    Suspend::new(async move { resource.await.map(|data| view! { {render(data)}<Ready /> }) })
                }}
            </ErrorBoundary>
        </Transition>
    }
    .into_any()
}
