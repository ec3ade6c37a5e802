//! `Reviews`: a product's summary and review list with sort, filters, search and "load more".
//! Its state and loader are in `list_state`.

mod list_state;

use list_state::{Controls, Footer, ListState, Loader};

use leptos::prelude::*;
use std::sync::Arc;

use stele_core::listing::{reuse_first_page, ReviewFilter, ReviewSort};
use stele_core::public::{ProductView, Source};

use crate::components::card::ReviewCard;
use crate::components::landmark::unique_label;
use crate::components::notice::ReviewNotice;
use crate::components::summary::RatingSummary;
use crate::context::{use_emitter, use_i18n, WidgetEvent};
use crate::data::Api;
use crate::i18n::Key;
use crate::paging::PagedList;

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
    /// `initial` holds every review (direct mode): sorting, filters, search and paging run
    /// in the browser, with the relay's rules. Only builds with the `direct` feature carry
    /// that code (8 KB that shoppers of a real shop never need); others ignore the flag.
    #[prop(optional)]
    complete: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    if initial.summary.count == 0 && initial.reviews.total == 0 {
        // Nothing to sort, filter or chart: a compact, honest empty state.
        let label = i18n.strings.get(Key::NoRating).to_owned();
        return view! {
            <section class="stele-reviews stele-reviews--empty" aria-label=unique_label(i18n.strings.get(Key::ReviewsTitle).to_owned())>
                {crate::components::rating::star_rating(None, label, crate::components::rating::StarSize::Small)}
                <p class="stele-empty">{i18n.strings.get(Key::Empty).to_owned()}</p>
            </section>
        }
        .into_any();
    }
    // The server renders the same controls (inert until the widget loads), so the takeover
    // never changes the layout.
    let complete = complete && cfg!(feature = "direct");
    let live = initial.source == Source::Live || complete;
    let notice = initial.moderation;
    let per_page = initial.source.page_size(per_page);
    // Page 1 as it came with the product, when it is the page shown (see reuse_first_page).
    let reused = if complete {
        None
    } else {
        reuse_first_page(&initial.reviews, initial.sort, sort, per_page)
    };
    let complete = complete.then(|| Arc::new(initial.reviews.items.clone()));
    // Otherwise it stays on show, dimmed, until page 1 arrives: the list keeps its height.
    let mut first_items = initial.reviews.items;
    first_items.truncate(reused.unwrap_or(usize::MAX));
    let shown_sort = if reused.is_some() { sort } else { initial.sort };
    let controls = Controls {
        list: NodeRef::new(),
        select: NodeRef::new(),
        checkbox: NodeRef::new(),
        search: NodeRef::new(),
    };
    let state = ListState {
        sort: RwSignal::new(sort),
        stars: RwSignal::new(None),
        with_comment: RwSignal::new(false),
        query: RwSignal::new(String::new()),
        list: PagedList::new(
            first_items,
            initial.reviews.total,
            (shown_sort, ReviewFilter::default()),
        ),
        status: RwSignal::new(String::new()),
        controls,
    };
    let loader = Loader {
        api,
        complete,
        product: initial.product_id,
        per_page,
        state,
        emitter: use_emitter(),
        i18n: i18n.clone(),
    };
    if reused.is_none() {
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
    let (checkbox, search) = (controls.checkbox, controls.search);
    let live_controls = live.then(|| {
        let (on_check, on_search, on_clear) = (loader.clone(), loader.clone(), loader.clone());
        view! {
            <label class="stele-control stele-control--check">
                <input type="checkbox" part="checkbox" node_ref=checkbox on:change=move |event| {
                    state.with_comment.set(event_target_checked(&event));
                    on_check.fetch(1, Some(state.filter_event()));
                } />
                {strings.get(Key::WithComment).to_owned()}
            </label>
            <form class="stele-search" role="search" aria-label=unique_label(strings.get(Key::Search).to_owned()) on:submit=move |event: leptos::ev::SubmitEvent| {
                event.prevent_default();
                on_search.fetch(1, Some(state.filter_event()));
            }>
                <input type="search" name="q" class="stele-input" part="input search" node_ref=search aria-label=strings.get(Key::Search).to_owned()
                    placeholder=strings.get(Key::Search).to_owned() maxlength="200"
                    on:input=move |event| {
                        let text = event_target_value(&event);
                        // Emptied (typing or the clear button): back to the whole list.
                        let cleared = text.trim().is_empty()
                            && state.list.query.with_untracked(|(_, filter)| filter.query.is_some());
                        state.query.set(text);
                        if cleared {
                            on_clear.fetch(1, Some(state.filter_event()));
                        }
                    } />
                // Enter submits too; the button says so to those who cannot see the field.
                <button type="submit" class="stele-button stele-search__go" part="button search-button" aria-label=strings.get(Key::Search).to_owned()>
                    <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path d="M6.5 1a5.5 5.5 0 0 1 4.38 8.82l3.65 3.65-1.06 1.06-3.65-3.65A5.5 5.5 0 1 1 6.5 1zm0 1.5a4 4 0 1 0 0 8 4 4 0 0 0 0-8z" /></svg>
                </button>
            </form>
        }
    });
    // Keyed: "load more" appends new cards and leaves the others (and an open "Read more",
    // and focus) alone.
    let list = view! {
        <ol class=move || if state.list.loading() { "stele-list is-loading" } else { "stele-list" } part="list"
            aria-busy=move || state.list.loading().to_string() node_ref=controls.list>
            <For each=move || state.list.items.get() key=|review| review.id.clone() let:review>
                <li><ReviewCard review=review /></li>
            </For>
        </ol>
        <p class="stele-sr" role="status">{move || state.status.get()}</p>
    };
    // The footer is rebuilt only when what it shows changes, so the "load more" button the
    // shopper pressed stays the same element (and keeps focus) while the page loads.
    let footer_mode = Memo::new(move |_| {
        let (list, total) = (state.list, state.list.total.get());
        let filtered = list
            .query
            .with(|(_, filter)| *filter != ReviewFilter::default());
        if total == 0 && filtered {
            Footer::NoMatch
        } else if total == 0 {
            Footer::Empty
        } else if list.has_more() {
            Footer::More
        } else {
            Footer::Nothing
        }
    });
    let footer = {
        let (loader, i18n) = (loader.clone(), i18n.clone());
        move || {
            let strings = &i18n.strings;
            let mode = footer_mode.get();
            if mode == Footer::NoMatch {
                let loader = loader.clone();
                view! {
                    <p class="stele-empty">{strings.get(Key::EmptyFiltered).to_owned()}" "
                        <button type="button" class="stele-link" on:click=move |_| {
                            state.stars.set(None);
                            state.with_comment.set(false);
                            state.query.set(String::new());
                            #[cfg(stele_browser)]
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
            } else if mode == Footer::Empty {
                view! { <p class="stele-empty">{strings.get(Key::Empty).to_owned()}</p> }.into_any()
            } else if mode == Footer::More {
                let loader = loader.clone();
                view! {
                    <button type="button" class="stele-button stele-more" part="button more" disabled=move || state.list.loading() on:click=move |_| {
                        let next = state.list.next_page();
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
        <section class="stele-reviews" aria-label=unique_label(strings.get(Key::ReviewsTitle).to_owned())>
            <RatingSummary summary=initial.summary selected=state.stars on_select=on_select />
            <div class="stele-controls">
                <label class="stele-control">
                    <span>{strings.get(Key::SortBy).to_owned()}</span>
                    <select class="stele-input" part="input sort" node_ref=controls.select on:change=on_sort>{sort_options}</select>
                </label>
                {live_controls}
            </div>
            {list}
            {footer}
            <ReviewNotice rules=notice />
        </section>
    }
    .into_any()
}
