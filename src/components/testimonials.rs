//! `Testimonials`: shop-level feedback as a carousel or a grid.

use leptos::prelude::*;
use stele_core::listing::{Page, ReviewSort};
use stele_core::public::{ListRules, ShopView, Source};
use stele_core::PublicReview;

use crate::components::card::ReviewCard;
use crate::components::landmark::unique_label;
use crate::context::{use_emitter, use_i18n, WidgetEvent};
use crate::data::Api;
use crate::i18n::Key;
use crate::paging::PagedList;

/// How testimonials are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// One at a time, with previous/next buttons and swipe.
    #[default]
    Carousel,
    /// All in a responsive grid.
    Grid,
}

impl Layout {
    /// The attribute value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Carousel => "carousel",
            Self::Grid => "grid",
        }
    }

    /// From the attribute value; anything else is the carousel.
    pub fn parse(text: &str) -> Self {
        if text.trim().eq_ignore_ascii_case("grid") {
            Self::Grid
        } else {
            Self::Carousel
        }
    }
}

/// Carousel slides drawn side by side at most: as many as fit the container (stele.css's
/// container queries show one to four of them), each marked with its place after the current
/// one.
const SIDE_BY_SIDE: usize = 4;

/// Shop testimonials. The carousel never moves by itself unless `autoplay` is set, then
/// offers a pause control and stays still for shoppers who prefer reduced motion; it shows
/// as many cards as its container fits (one on a phone, three or four on a desktop), and
/// every slide keeps the tallest slide's height, so moving never shifts the page. Above the
/// cards a line says the star threshold the source applied ("Showing our reviews with 4
/// stars or more"): shops show testimonials to persuade, and say so (EU Omnibus directive,
/// the FTC's rule on reviews). The line's box is there when no threshold applies too, so an
/// element is as tall whatever its source says.
#[component]
pub fn Testimonials(
    /// The first page of testimonials.
    initial: Page<PublicReview>,
    /// Carousel or grid.
    #[prop(optional)]
    layout: Layout,
    /// Seconds between slides; 0 (the default) never moves by itself.
    #[prop(optional)]
    autoplay: u32,
    /// Testimonials per page (a longer first page is cut to it).
    #[prop(optional, default = stele_core::paths::CANONICAL_PER_PAGE)]
    per_page: u32,
    /// Where more comes from; `None` on the server.
    #[prop(optional)]
    api: Option<Api>,
    /// What the source says the testimonials leave out (the shop JSON's `moderation`): its
    /// `min_stars` is the threshold the line states. `None`: a source too old to say.
    #[prop(default = None)]
    moderation: Option<ListRules>,
    /// The star threshold later pages are asked at (the element's `min-stars`, when the
    /// source applied it); `None`: the source's own, from its canonical files.
    #[prop(default = None)]
    min_stars: Option<u8>,
) -> impl IntoView {
    let i18n = use_i18n();
    let emitter = use_emitter();
    // Page 1 as it came with the shop, when it is the page shown; else asked for below.
    let reused = stele_core::listing::reuse_first_page(
        &initial,
        ReviewSort::Newest,
        ReviewSort::Newest,
        per_page,
    );
    let mut first = initial.items;
    first.truncate(reused.unwrap_or(usize::MAX));
    // Testimonials answer no query: the shop's, newest first.
    let list = PagedList::new(first, initial.total, ());
    let (items, total) = (list.items, list.total);
    let current = RwSignal::new(0usize);
    let playing = RwSignal::new(autoplay > 0 && !prefers_reduced_motion());
    let len = move || items.with(Vec::len);

    // A second press while a page loads asks nothing (paging.rs); a failed page is asked
    // for again next time.
    let fetch = move |api: Api, wanted: u32| {
        let request = async move { api.testimonials(wanted, per_page, min_stars).await };
        list.fetch((), wanted, request, |shown| {
            if let Some(error) = shown.err().filter(|e| e.deserves_a_hint()) {
                leptos::logging::warn!("[stele] <stele-testimonials>: {error}")
            }
        })
    };
    // A shorter first page (embedded, or from a static export) starts over at this size,
    // or page 2 would skip the testimonials between the two sizes.
    if let (Some(api), None) = (api.clone(), reused) {
        fetch(api, 1);
    }
    let load_more = move || {
        let Some(api) = api.clone() else { return };
        let next = list.next_page();
        if fetch(api, next) {
            emitter.emit(WidgetEvent::More(next));
        }
    };
    let has_more = move || list.has_more();
    let step = {
        let load_more = load_more.clone();
        move |forward: bool| {
            let count = len();
            if count == 0 {
                return;
            }
            if forward && current.get_untracked() + 2 >= count && has_more() {
                load_more();
            }
            current.update(|i| {
                *i = if forward {
                    (*i + 1) % count
                } else {
                    (*i + count - 1) % count
                }
            });
        }
    };

    #[cfg(stele_browser)]
    if autoplay > 0 {
        let step = step.clone();
        if let Ok(handle) = set_interval_with_handle(
            move || {
                if playing.get_untracked() {
                    step(true)
                }
            },
            std::time::Duration::from_secs(u64::from(autoplay)),
        ) {
            on_cleanup(move || handle.clear());
        }
    }

    let title = unique_label(i18n.strings.get(Key::TestimonialsTitle).to_owned());
    let threshold = moderation.and_then(|rules| rules.min_stars);
    let note = view! {
        <p class="stele-testimonials__note" part="note">{threshold.map(|stars| i18n.testimonials_min_stars(stars))}</p>
    };
    if initial.total == 0 {
        return view! {
            <section class="stele-testimonials stele-testimonials--empty" aria-label=title>
                {note}
                <p class="stele-empty">{i18n.strings.get(Key::Empty).to_owned()}</p>
            </section>
        }
        .into_any();
    }
    let more_text = i18n.strings.get(Key::LoadMore).to_owned();
    match layout {
        Layout::Grid => {
            // Keyed: "load more" appends cards and leaves the others (an open "Read more")
            // alone. Keyed by place and id as the carousel is, so both share one keyed list
            // in the module (0.8 KB brotli less than keys of two types).
            let cards = view! {
                <For each=move || items.get().into_iter().enumerate() key=|(index, review)| (*index, review.id.clone()) let:((_, review))>
                    <li><ReviewCard review=review part="testimonial" /></li>
                </For>
            };
            let footer = move || {
                let load_more = load_more.clone();
                has_more().then(|| view! { <button type="button" class="stele-button stele-more" part="button more" on:click=move |_| load_more()>{more_text.clone()}</button> })
            };
            view! {
                <section class="stele-testimonials stele-testimonials--grid" aria-label=title>
                    {note}
                    <ul class="stele-grid">{cards}</ul>
                    {footer}
                </section>
            }
            .into_any()
        }
        Layout::Carousel => {
            let swipe_start = StoredValue::new(None::<i32>);
            let (prev, next, swipe) = (step.clone(), step.clone(), step);
            let pause = (autoplay > 0).then(|| {
                let (pause_text, play_text) = (i18n.strings.get(Key::Pause).to_owned(), i18n.strings.get(Key::Play).to_owned());
                move || {
                    let on = playing.get();
                    view! {
                        <button type="button" class="stele-button stele-carousel__pause" part="button pause" on:click=move |_| playing.update(|p| *p = !*p)>
                            {if on { pause_text.clone() } else { play_text.clone() }}
                        </button>
                    }
                }
            });
            // Every slide stays in the DOM, stacked in one grid cell: the carousel is always as
            // tall as its tallest slide, so moving never shifts the page.
            // Keyed by place and id: moving changes only the slides' attributes, and "load more"
            // adds slides, so the cards (an open "Read more") stay as they are.
            let count = move || total.get().max(len() as u64);
            // The slide on show: `current`, or the last one if a page 1 that came again holds
            // fewer than that (the carousel is never blank).
            let shown = move || current.get().min(len().saturating_sub(1));
            // A slide's place after the current one, 0 to 3 when the container may show it.
            let place = move |index: usize| {
                let (len, shown) = (len().max(1), shown());
                Some((index + len - shown) % len).filter(|place| *place < SIDE_BY_SIDE)
            };
            let slides = view! {
                <For each=move || items.get().into_iter().enumerate() key=|(index, review)| (*index, review.id.clone()) let:((index, review))>
                    // Slides the container may show stay in the accessibility tree: those it
                    // hides are visibility: hidden (stele.css), which takes them out as well.
                    <div class=move || match place(index) {
                            Some(0) => "stele-carousel__slide is-current",
                            Some(1) => "stele-carousel__slide is-at-1",
                            Some(2) => "stele-carousel__slide is-at-2",
                            Some(_) => "stele-carousel__slide is-at-3",
                            None => "stele-carousel__slide",
                        } role="group"
                        aria-roledescription="slide" aria-label=move || format!("{} / {}", index + 1, count()) aria-hidden=move || place(index).is_none().to_string()>
                        <ReviewCard review=review part="testimonial" />
                    </div>
                </For>
            };
            view! {
                <section class="stele-testimonials stele-testimonials--carousel" aria-roledescription="carousel" aria-label=title>
                    {note}
                    // Announced when the shopper moves it, silent while it plays by itself.
                    <div class="stele-carousel__viewport" aria-live=move || if playing.get() { "off" } else { "polite" }
                        on:pointerdown=move |e| swipe_start.set_value(Some(e.client_x()))
                        on:pointerup=move |e| {
                            if let Some(start) = swipe_start.get_value() {
                                let dx = e.client_x() - start;
                                if dx.abs() > 40 {
                                    // Towards the start of the reading direction is "next".
                                    swipe((dx < 0) != is_rtl(&e));
                                }
                            }
                            swipe_start.set_value(None);
                        }>
                        {slides}
                    </div>
                    <div class="stele-carousel__controls">
                        <button type="button" class="stele-button" part="button previous" aria-label=i18n.strings.get(Key::Previous).to_owned() on:click=move |_| prev(false)><span class="stele-glyph" aria-hidden="true">"‹"</span></button>
                        {pause}
                        <button type="button" class="stele-button" part="button next" aria-label=i18n.strings.get(Key::Next).to_owned() on:click=move |_| next(true)><span class="stele-glyph" aria-hidden="true">"›"</span></button>
                    </div>
                </section>
            }
            .into_any()
        }
    }
}

/// What an element that asked for `asked` stars (its `min-stars`) does with `shop`: the
/// threshold its later pages ask for (`None`: the source's canonical files), and a console
/// hint when the source applied another threshold than asked (a static export, which holds
/// one; a relay whose `STELE_MIN_STARS` is higher; a relay older than `min_stars`). The
/// line on the element always states what the source applied, never what was asked.
pub fn asked_threshold(asked: Option<u8>, shop: &ShopView) -> (Option<u8>, Option<String>) {
    let Some(asked) = asked else {
        return (None, None);
    };
    let applied = shop.moderation.map(|rules| rules.min_stars);
    // 1 asks for every star count, which a source states as no threshold.
    let same = applied.is_some_and(|applied| applied.unwrap_or(1) == asked);
    let later =
        (shop.source == Source::Live && applied.is_some()).then(|| applied.flatten().unwrap_or(1));
    if same {
        return (later, None);
    }
    let held = match applied {
        Some(Some(n)) => format!("reviews with {n} stars or more"),
        Some(None) => "every review".to_owned(),
        None => "no threshold it states".to_owned(),
    };
    let why = match (shop.source, applied) {
        (Source::Export, _) => "a static export holds one threshold, STELE_TESTIMONIAL_MIN_STARS when it was written: use the live relay for another",
        (_, None) => "the relay is older than min-stars: update it",
        (_, Some(_)) => "the relay's STELE_MIN_STARS holds for every list",
    };
    let hint = format!(
        "<stele-testimonials> min-stars=\"{asked}\": the source shows {held} ({why}); the element says what it shows"
    );
    (later, Some(hint))
}

/// Whether the carousel reads right to left (`dir="rtl"` on it or an ancestor).
fn is_rtl(event: &leptos::ev::PointerEvent) -> bool {
    #[cfg(stele_browser)]
    return event
        .current_target()
        .and_then(|target| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(target).ok())
        .is_some_and(|element| element.matches(":dir(rtl)").unwrap_or(false));
    #[cfg(not(stele_browser))]
    {
        let _ = event;
        false
    }
}

fn prefers_reduced_motion() -> bool {
    #[cfg(stele_browser)]
    return web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches());
    #[cfg(not(stele_browser))]
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use stele_core::public::API_VERSION;

    fn shop(source: Source, min_stars: Option<Option<u8>>) -> ShopView {
        ShopView {
            api: API_VERSION,
            source,
            summary: Default::default(),
            testimonials: stele_core::listing::paginate::<PublicReview>(&[], 1, 10),
            moderation: min_stars.map(|min_stars| ListRules {
                min_stars,
                ..ListRules::default()
            }),
            rating_image: None,
        }
    }

    #[test]
    fn an_element_follows_what_the_source_applied_and_says_why_when_it_differs() {
        // Not asked: the source's canonical files, nothing to say.
        assert_eq!(
            asked_threshold(None, &shop(Source::Live, Some(Some(4)))),
            (None, None)
        );
        // Asked and applied: later pages ask for it again.
        assert_eq!(
            asked_threshold(Some(5), &shop(Source::Live, Some(Some(5)))),
            (Some(5), None)
        );
        assert_eq!(
            asked_threshold(Some(1), &shop(Source::Live, Some(None))),
            (Some(1), None)
        );
        // A static export ignored the query: its files, and a hint that says why.
        let (later, hint) = asked_threshold(Some(5), &shop(Source::Export, Some(Some(4))));
        assert_eq!(later, None);
        let hint = hint.unwrap();
        assert!(hint.starts_with("<stele-testimonials> min-stars=\"5\": the source shows reviews with 4 stars or more (a static export"), "{hint}");
        // STELE_MIN_STARS above what was asked.
        let (later, hint) = asked_threshold(Some(2), &shop(Source::Live, Some(Some(3))));
        assert_eq!(later, Some(3));
        assert!(hint.unwrap().contains("STELE_MIN_STARS"));
        // A relay older than the field: its canonical files.
        let (later, hint) = asked_threshold(Some(5), &shop(Source::Live, None));
        assert_eq!(later, None);
        assert!(hint.unwrap().contains("older than min-stars"));
    }
}
