//! `Reviews`: a product's summary and review list with sort, filters, search and "load more".

use leptos::prelude::*;
use leptos::task::spawn_local;
use stele_core::listing::{ReviewFilter, ReviewSort};
use stele_core::public::{ProductView, Source};
use stele_core::PublicReview;

use crate::components::card::ReviewCard;
use crate::components::summary::RatingSummary;
use crate::context::{use_emitter, use_i18n, Emitter, WidgetEvent};
use crate::data::Api;
use crate::i18n::Key;

/// What the list asks for and what has arrived. Rendering reads it in a few coarse regions
/// (one reactive closure each), which keeps the WebAssembly small.
#[derive(Clone, Copy)]
struct ListState {
    sort: RwSignal<ReviewSort>,
    stars: RwSignal<Option<u8>>,
    with_comment: RwSignal<bool>,
    query: RwSignal<String>,
    items: RwSignal<Vec<PublicReview>>,
    total: RwSignal<u64>,
    page: RwSignal<u32>,
    loading: RwSignal<bool>,
    /// Bumped by every request, so a slow stale answer never overwrites a newer one.
    generation: RwSignal<u64>,
}

impl ListState {
    fn filter(&self) -> ReviewFilter {
        let query = self.query.get_untracked();
        let query = query.trim();
        ReviewFilter {
            stars: self.stars.get_untracked(),
            with_comment: self.with_comment.get_untracked(),
            query: (!query.is_empty()).then(|| query.to_owned()),
            min_stars: None,
        }
    }

    fn filter_event(&self) -> WidgetEvent {
        WidgetEvent::Filter {
            stars: self.stars.get_untracked(),
            with_comment: self.with_comment.get_untracked(),
            query: self.query.get_untracked(),
        }
    }
}

/// Fetches pages for one list.
#[derive(Clone)]
struct Loader {
    api: Option<Api>,
    product: String,
    per_page: u32,
    state: ListState,
    emitter: Emitter,
}

impl Loader {
    /// Page `page`, replacing the list (page 1) or appended to it.
    fn fetch(&self, page: u32, event: Option<WidgetEvent>) {
        if let Some(event) = event {
            self.emitter.emit(event);
        }
        let Some(api) = self.api.clone() else { return };
        let (state, product, per_page) = (self.state, self.product.clone(), self.per_page);
        let generation = state.generation.get_untracked() + 1;
        state.generation.set(generation);
        state.loading.set(true);
        let (sort, filter) = (state.sort.get_untracked(), state.filter());
        spawn_local(async move {
            let result = api.reviews(&product, sort, &filter, page, per_page).await;
            if state.generation.get_untracked() != generation {
                return;
            }
            match result {
                Ok(next) => {
                    state.total.set(next.total);
                    state.page.set(page);
                    if page > 1 {
                        state.items.update(|items| items.extend(next.items));
                    } else {
                        state.items.set(next.items);
                    }
                }
                Err(error) => {
                    leptos::logging::warn!("[stele] <stele-reviews product=\"{product}\">: {error}")
                }
            }
            state.loading.set(false);
        });
    }
}

/// A product's reviews: [`RatingSummary`] whose histogram filters, then sort, "with comment"
/// and search controls, the list, an empty state, and "load more" without a page reload.
/// Server-rendered (without `api`) it shows the same markup, inert until the widget loads.
#[component]
pub fn Reviews(
    /// The product's summary and first page, as fetched or embedded in the page.
    initial: ProductView,
    /// Reviews per page.
    #[prop(optional, default = stele_core::paths::CANONICAL_PER_PAGE)]
    per_page: u32,
    /// The first sort.
    #[prop(optional)]
    sort: ReviewSort,
    /// Where more comes from; `None` when rendered on the server.
    #[prop(optional)]
    api: Option<Api>,
) -> impl IntoView {
    let i18n = use_i18n();
    if initial.summary.count == 0 && initial.reviews.total == 0 {
        // Nothing to sort, filter or chart: a compact, honest empty state.
        let label = i18n.strings.get(Key::NoRating).to_owned();
        return view! {
            <section class="stele-reviews stele-reviews--empty" aria-label=i18n.strings.get(Key::ReviewsTitle).to_owned()>
                {crate::components::rating::star_rating(None, label, crate::components::rating::StarSize::Small)}
                <p class="stele-empty">{i18n.strings.get(Key::Empty).to_owned()}</p>
            </section>
        }
        .into_any();
    }
    // The server renders the same controls (inert until the widget loads), so the takeover
    // never changes the layout.
    let live = initial.source == Source::Live;
    let state = ListState {
        sort: RwSignal::new(sort),
        stars: RwSignal::new(None),
        with_comment: RwSignal::new(false),
        query: RwSignal::new(String::new()),
        items: RwSignal::new(initial.reviews.items),
        total: RwSignal::new(initial.reviews.total),
        page: RwSignal::new(1),
        loading: RwSignal::new(false),
        generation: RwSignal::new(0),
    };
    let loader = Loader {
        api,
        product: initial.product_id,
        per_page,
        state,
        emitter: use_emitter(),
    };
    if sort != ReviewSort::Newest || per_page != stele_core::paths::CANONICAL_PER_PAGE {
        loader.fetch(1, None);
    }
    let strings = &i18n.strings;

    let on_select = {
        let loader = loader.clone();
        Callback::new(move |stars: Option<u8>| {
            state.stars.set(stars);
            loader.fetch(1, Some(state.filter_event()));
        })
    };
    let sort_options = ReviewSort::ALL
        .into_iter()
        .map(|option| {
            let key = match option {
                ReviewSort::Newest => Key::SortNewest,
                ReviewSort::Oldest => Key::SortOldest,
                ReviewSort::Highest => Key::SortHighest,
                ReviewSort::Lowest => Key::SortLowest,
            };
            view! { <option value=option.as_str() selected=option == sort>{strings.get(key).to_owned()}</option> }
        })
        .collect_view();
    let on_sort = {
        let loader = loader.clone();
        move |event: leptos::ev::Event| {
            if let Ok(sort) = event_target_value(&event).parse::<ReviewSort>() {
                state.sort.set(sort);
                loader.fetch(1, Some(WidgetEvent::Sort(sort)));
            }
        }
    };
    // The checkbox and the search box keep their own state; the list reads it on change.
    let (checkbox, search) = (
        NodeRef::<leptos::html::Input>::new(),
        NodeRef::<leptos::html::Input>::new(),
    );
    let live_controls = live.then(|| {
        let (on_check, on_search) = (loader.clone(), loader.clone());
        view! {
            <label class="stele-control stele-control--check">
                <input type="checkbox" node_ref=checkbox on:change=move |event| {
                    state.with_comment.set(event_target_checked(&event));
                    on_check.fetch(1, Some(state.filter_event()));
                } />
                {strings.get(Key::WithComment).to_owned()}
            </label>
            <form class="stele-search" role="search" on:submit=move |event: leptos::ev::SubmitEvent| {
                event.prevent_default();
                on_search.fetch(1, Some(state.filter_event()));
            }>
                <input type="search" name="q" class="stele-input" node_ref=search aria-label=strings.get(Key::Search).to_owned()
                    placeholder=strings.get(Key::Search).to_owned() maxlength="200"
                    on:input=move |event| state.query.set(event_target_value(&event)) />
            </form>
        }
    });
    let list = move || {
        let loading = state.loading.get();
        let cards = state
            .items
            .get()
            .into_iter()
            .map(|review| view! { <li><ReviewCard review=review /></li> })
            .collect_view();
        view! {
            <ol class=if loading { "stele-list is-loading" } else { "stele-list" } part="list" aria-busy=loading.to_string()>{cards}</ol>
        }
        .into_any()
    };
    let footer = {
        let (loader, i18n) = (loader.clone(), i18n.clone());
        move || {
            let (total, shown, loading) = (
                state.total.get(),
                state.items.with(Vec::len) as u64,
                state.loading.get(),
            );
            let filtered = state.stars.get().is_some()
                || state.with_comment.get()
                || !state.query.get().trim().is_empty();
            let strings = &i18n.strings;
            if total == 0 && filtered {
                let loader = loader.clone();
                view! {
                    <p class="stele-empty">{strings.get(Key::EmptyFiltered).to_owned()}" "
                        <button type="button" class="stele-link" on:click=move |_| {
                            state.stars.set(None);
                            state.with_comment.set(false);
                            state.query.set(String::new());
                            #[cfg(all(feature = "csr", target_arch = "wasm32"))]
                            {
                                if let Some(input) = checkbox.get_untracked() {
                                    input.set_checked(false);
                                }
                                if let Some(input) = search.get_untracked() {
                                    input.set_value("");
                                }
                            }
                            loader.fetch(1, Some(state.filter_event()));
                        }>{strings.get(Key::ShowAll).to_owned()}</button>
                    </p>
                }
                .into_any()
            } else if total == 0 {
                view! { <p class="stele-empty">{strings.get(Key::Empty).to_owned()}</p> }.into_any()
            } else if shown < total {
                let loader = loader.clone();
                view! {
                    <button type="button" class="stele-button stele-more" part="more" disabled=loading on:click=move |_| {
                        let next = state.page.get_untracked() + 1;
                        loader.fetch(next, Some(WidgetEvent::More(next)));
                    }>{strings.get(Key::LoadMore).to_owned()}</button>
                }
                .into_any()
            } else {
                ().into_any()
            }
        }
    };
    view! {
        <section class="stele-reviews" aria-label=strings.get(Key::ReviewsTitle).to_owned()>
            <RatingSummary summary=initial.summary selected=state.stars on_select=on_select />
            <div class="stele-controls">
                <label class="stele-control">
                    <span>{strings.get(Key::SortBy).to_owned()}</span>
                    <select class="stele-input" on:change=on_sort>{sort_options}</select>
                </label>
                {live_controls}
            </div>
            {list}
            {footer}
        </section>
    }
    .into_any()
}
