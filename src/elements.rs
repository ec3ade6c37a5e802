//! The three elements as Leptos components, for Leptos apps, with the same names and
//! props as the custom elements' attributes (docs/embed.md): `<SteleReviews product src />`
//! is `<stele-reviews product src>`. They render inline (include `stele.css`), emit no DOM
//! events, and share the loaders the custom elements use.
// A module without reviews or testimonials compiles only part of this file.
#![cfg_attr(
    not(all(stele_reviews, stele_testimonials)),
    allow(unused_imports, dead_code)
)]

use std::cell::RefCell;

use leptos::context::Provider;
use leptos::prelude::*;
use stele_core::listing::ReviewSort;
use stele_core::paths::CANONICAL_PER_PAGE;
use stele_core::public::ShopView;
use wasm_bindgen::JsValue;

use crate::components::{Badge, BadgeState, Layout, Reviews, Skeleton, SkeletonKind, Testimonials};
use crate::context::WidgetEvent;
use crate::data::{Api, DataError};
use crate::i18n::I18n;
use crate::options::{Theme, MAX_PER_PAGE};

/// Logs a `[stele]` hint on the console.
pub(crate) fn warn(message: &str) {
    web_sys::console::warn_1(&JsValue::from_str(&format!("[stele] {message}")));
}

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
    // A Provider: each component's language stays its own, even beside siblings.
    view! {
        <Provider value=i18n>
            <div class="stele-root" data-theme=theme.as_str()>
                {move || view! { <ProductLoader api=api.clone() product=product.get() per_page=per_page sort=sort /> }}
            </div>
        </Provider>
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
    /// UI string overrides by key.
    #[prop(optional)]
    strings: Vec<(String, String)>,
) -> impl IntoView {
    let i18n = I18n::resolve([lang.as_deref()], &strings);
    let api = Api::new(&src);
    view! {
        <Provider value=i18n>
            <span class="stele-root" data-theme=theme.as_str()>
                {move || {
                    let state = summary_signal(&api, &product.get());
                    view! { <Badge state=Signal::derive(move || state.get()) /> }
                }}
            </span>
        </Provider>
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
    /// UI string overrides by key.
    #[prop(optional)]
    strings: Vec<(String, String)>,
) -> impl IntoView {
    let i18n = I18n::resolve([lang.as_deref()], &strings);
    let per_page = per_page.clamp(1, MAX_PER_PAGE);
    view! {
        <Provider value=i18n>
            <div class="stele-root" data-theme=theme.as_str()>
                <ShopLoader api=Api::new(&src) layout=layout autoplay=autoplay per_page=per_page />
            </div>
        </Provider>
    }
}

/// Emits `stele:ready` once, after its siblings are in the DOM.
#[component]
pub(crate) fn Ready() -> impl IntoView {
    let emitter = crate::context::use_emitter();
    Effect::new(move |_| emitter.emit(WidgetEvent::Ready));
}

/// Emits `stele:ready` once `ready` turns true.
#[component]
pub(crate) fn ReadyWhen(ready: Signal<bool>) -> impl IntoView {
    let emitter = crate::context::use_emitter();
    let done = StoredValue::new(false);
    Effect::new(move |_| {
        if ready.get() && !done.get_value() {
            done.set_value(true);
            emitter.emit(WidgetEvent::Ready);
        }
    });
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
            if let Err(error) = &result {
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

/// Badges' summaries by (relay, product), and the ids waiting for one shared
/// `/v1/summaries` request, by relay. A page has a few dozen badges: vectors suffice.
/// (relay base URL, product id).
type BadgeKey = (String, String);

#[derive(Default)]
struct Batches {
    signals: Vec<(BadgeKey, ArcRwSignal<BadgeState>)>,
    pending: Vec<(String, Vec<String>)>,
}

impl Batches {
    fn signal(&self, key: &BadgeKey) -> Option<&ArcRwSignal<BadgeState>> {
        self.signals
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, signal)| signal)
    }
}

thread_local! {
    static BATCHES: RefCell<Batches> = RefCell::new(Batches::default());
}

/// The summary of `id` at `api`, shared by every badge of that product. Badges mounted in
/// the same task (the loader mounts all of a page's badges together) share one request.
pub(crate) fn summary_signal(api: &Api, id: &str) -> ArcRwSignal<BadgeState> {
    BATCHES.with(|cell| {
        let mut batches = cell.borrow_mut();
        let key = (api.base().to_owned(), id.to_owned());
        if let Some(signal) = batches.signal(&key) {
            return signal.clone();
        }
        let signal = ArcRwSignal::new(BadgeState::Loading);
        batches.signals.push((key, signal.clone()));
        let first = match batches
            .pending
            .iter_mut()
            .find(|(base, _)| base == api.base())
        {
            Some((_, ids)) => {
                ids.push(id.to_owned());
                false
            }
            None => {
                batches
                    .pending
                    .push((api.base().to_owned(), vec![id.to_owned()]));
                true
            }
        };
        if first {
            let api = api.clone();
            leptos::task::spawn_local(async move {
                // Let the rest of this task's badges join the batch.
                let _ =
                    wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&JsValue::NULL))
                        .await;
                flush(api).await;
            });
        }
        signal
    })
}

async fn flush(api: Api) {
    let ids = BATCHES.with(|cell| {
        let mut batches = cell.borrow_mut();
        let index = batches
            .pending
            .iter()
            .position(|(base, _)| base == api.base());
        index
            .map(|i| batches.pending.swap_remove(i).1)
            .unwrap_or_default()
    });
    for chunk in ids.chunks(crate::MAX_SUMMARY_IDS) {
        let result = api.summaries(chunk).await;
        if let Err(error) = &result {
            warn(&format!("<stele-stars>: {error}"));
        }
        BATCHES.with(|cell| {
            let mut batches = cell.borrow_mut();
            for id in chunk {
                let key = (api.base().to_owned(), id.clone());
                let Some(signal) = batches.signal(&key).cloned() else {
                    continue;
                };
                match &result {
                    // A product missing from the answer has no reviews: count 0.
                    Ok(view) => signal.set(BadgeState::Ready(
                        view.summaries.get(id).cloned().unwrap_or_default(),
                    )),
                    Err(_) => {
                        signal.set(BadgeState::Unavailable);
                        // Forgotten, so a badge mounted later (SPA navigation) asks again.
                        batches.signals.retain(|(k, _)| *k != key);
                    }
                }
            }
        });
    }
}
