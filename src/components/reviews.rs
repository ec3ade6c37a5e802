//! `Reviews`: a product's summary and review list with sort, filters, search and "load more".

use leptos::prelude::*;
use leptos::task::spawn_local;
use stele_core::listing::{Page, ReviewFilter, ReviewSort};
use stele_core::public::{ProductView, Source};
use stele_core::PublicReview;

use crate::components::card::ReviewCard;
use crate::components::summary::RatingSummary;
use crate::context::{use_emitter, use_i18n, WidgetEvent};
use crate::data::Api;
use crate::i18n::Key;

/// The list's state: what is asked for and what has arrived.
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
    /// Bumped by every new request, so a slow stale answer never overwrites a newer one.
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
}

fn warn(message: &str) {
    leptos::logging::warn!("[stele] {message}");
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
    let emitter = use_emitter();
    let live = initial.source == Source::Live && api.is_some();
    let product = initial.product_id.clone();
    let state = ListState {
        sort: RwSignal::new(sort),
        stars: RwSignal::new(None),
        with_comment: RwSignal::new(false),
        query: RwSignal::new(String::new()),
        items: RwSignal::new(initial.reviews.items.clone()),
        total: RwSignal::new(initial.reviews.total),
        page: RwSignal::new(1),
        loading: RwSignal::new(false),
        generation: RwSignal::new(0),
    };
    let summary = initial.summary.clone();

    let fetch = {
        let (api, product) = (api.clone(), product.clone());
        move |page: u32, append: bool| {
            let Some(api) = api.clone() else { return };
            let product = product.clone();
            let generation = state.generation.get_untracked() + 1;
            state.generation.set(generation);
            state.loading.set(true);
            let (sort, filter) = (state.sort.get_untracked(), state.filter());
            spawn_local(async move {
                let result: Result<Page<PublicReview>, _> =
                    api.reviews(&product, sort, &filter, page, per_page).await;
                if state.generation.get_untracked() != generation {
                    return;
                }
                match result {
                    Ok(next) => {
                        state.total.set(next.total);
                        state.page.set(page);
                        if append {
                            state.items.update(|items| items.extend(next.items));
                        } else {
                            state.items.set(next.items);
                        }
                    }
                    Err(error) => warn(&format!("<stele-reviews product=\"{product}\">: {error}")),
                }
                state.loading.set(false);
            });
        }
    };
    let reload = {
        let (fetch, emitter) = (fetch.clone(), emitter.clone());
        move |event: Option<WidgetEvent>| {
            if let Some(event) = event {
                emitter.emit(event);
            }
            fetch(1, false);
        }
    };
    let filter_event = move || WidgetEvent::Filter {
        stars: state.stars.get_untracked(),
        with_comment: state.with_comment.get_untracked(),
        query: state.query.get_untracked(),
    };
    if sort != ReviewSort::Newest || per_page != stele_core::paths::CANONICAL_PER_PAGE {
        reload(None);
    }

    let on_select = {
        let reload = reload.clone();
        Callback::new(move |stars: Option<u8>| {
            state.stars.set(stars);
            reload(Some(filter_event()));
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
            view! { <option value=option.as_str() selected=move || state.sort.get() == option>{i18n.strings.get(key).to_owned()}</option> }
        })
        .collect_view();
    let on_sort = {
        let reload = reload.clone();
        move |event: leptos::ev::Event| {
            if let Ok(sort) = event_target_value(&event).parse::<ReviewSort>() {
                state.sort.set(sort);
                reload(Some(WidgetEvent::Sort(sort)));
            }
        }
    };
    let on_with_comment = {
        let reload = reload.clone();
        move |event: leptos::ev::Event| {
            state.with_comment.set(event_target_checked(&event));
            reload(Some(filter_event()));
        }
    };
    let on_search = {
        let reload = reload.clone();
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            reload(Some(filter_event()));
        }
    };
    let more = {
        let (fetch, emitter) = (fetch.clone(), emitter.clone());
        move |_| {
            let next = state.page.get_untracked() + 1;
            emitter.emit(WidgetEvent::More(next));
            fetch(next, true);
        }
    };
    let clear = {
        let reload = reload.clone();
        move |_| {
            state.stars.set(None);
            state.with_comment.set(false);
            state.query.set(String::new());
            reload(Some(filter_event()));
        }
    };
    let (title, sort_by, load_more_text) = (
        i18n.strings.get(Key::ReviewsTitle).to_owned(),
        i18n.strings.get(Key::SortBy).to_owned(),
        i18n.strings.get(Key::LoadMore).to_owned(),
    );
    let filtered = move || {
        state.stars.get().is_some()
            || state.with_comment.get()
            || !state.query.get().trim().is_empty()
    };
    let has_more = move || (state.items.with(Vec::len) as u64) < state.total.get();
    let strings = i18n.strings.clone();
    let live_controls = live.then(|| {
        view! {
            <label class="stele-control stele-control--check">
                <input type="checkbox" prop:checked=move || state.with_comment.get() on:change=on_with_comment />
                {strings.get(Key::WithComment).to_owned()}
            </label>
            <form class="stele-search" role="search" on:submit=on_search>
                <input type="search" class="stele-input" aria-label=strings.get(Key::Search).to_owned() placeholder=strings.get(Key::Search).to_owned() maxlength="200"
                    prop:value=move || state.query.get() on:input=move |event| state.query.set(event_target_value(&event)) />
            </form>
        }
    });
    let empty = {
        let strings = i18n.strings.clone();
        move || {
            let (strings, clear) = (strings.clone(), clear.clone());
            (state.total.get() == 0).then(move || {
                if filtered() {
                    view! {
                        <p class="stele-empty">{strings.get(Key::EmptyFiltered).to_owned()}" "
                            <button type="button" class="stele-link" on:click=clear>{strings.get(Key::ShowAll).to_owned()}</button>
                        </p>
                    }
                    .into_any()
                } else {
                    view! { <p class="stele-empty">{strings.get(Key::Empty).to_owned()}</p> }.into_any()
                }
            })
        }
    };
    view! {
        <section class="stele-reviews" aria-label=title>
            <RatingSummary summary=summary selected=state.stars on_select=on_select />
            <div class="stele-controls">
                <label class="stele-control">
                    <span>{sort_by}</span>
                    <select class="stele-input" on:change=on_sort>{sort_options}</select>
                </label>
                {live_controls}
            </div>
            <ol class="stele-list" part="list" aria-busy=move || state.loading.get().to_string() class:is-loading=move || state.loading.get()>
                <For each=move || state.items.get() key=|review| review.id.clone() children=|review| view! { <li><ReviewCard review=review /></li> } />
            </ol>
            {empty}
            <Show when=has_more>
                <button type="button" class="stele-button stele-more" part="more" disabled=move || state.loading.get() on:click=more.clone()>
                    {load_more_text.clone()}
                </button>
            </Show>
        </section>
    }
}
