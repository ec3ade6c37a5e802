//! The state behind [`super::Reviews`]: what the list shows and asks for, the form controls
//! that keep their own DOM state, and the loader that fetches pages from the relay (or, in
//! direct mode, from memory).

use leptos::prelude::*;
use std::sync::Arc;

use stele_core::listing::{ReviewFilter, ReviewSort};
use stele_core::PublicReview;

use crate::context::{Emitter, WidgetEvent};
use crate::data::{Api, DataError};
use crate::i18n::I18n;
use crate::paging::{Merged, PagedList};

/// What the list asks for and what has arrived.
#[derive(Clone, Copy)]
pub(super) struct ListState {
    pub(super) sort: RwSignal<ReviewSort>,
    pub(super) stars: RwSignal<Option<u8>>,
    pub(super) with_comment: RwSignal<bool>,
    pub(super) query: RwSignal<String>,
    /// The reviews shown, and the sort and filter they answer: the controls return to those
    /// when a request fails, and the empty state reads them (not what is half-typed in the
    /// search box).
    pub(super) list: PagedList<(ReviewSort, ReviewFilter)>,
    /// "Showing 20 of 132" for screen readers, set once the shopper changed the list.
    pub(super) status: RwSignal<String>,
    pub(super) controls: Controls,
}

/// The form controls that keep their own DOM state.
#[derive(Clone, Copy)]
pub(super) struct Controls {
    pub(super) list: NodeRef<leptos::html::Ol>,
    pub(super) select: NodeRef<leptos::html::Select>,
    pub(super) checkbox: NodeRef<leptos::html::Input>,
    pub(super) search: NodeRef<leptos::html::Input>,
}

impl ListState {
    pub(super) fn filter(&self) -> ReviewFilter {
        let query = self.query.get_untracked();
        let query = query.trim();
        ReviewFilter {
            stars: self.stars.get_untracked(),
            with_comment: self.with_comment.get_untracked(),
            query: (!query.is_empty()).then(|| query.to_owned()),
            min_stars: None,
        }
    }

    /// Puts the controls back to what the shown list answers (after a failed request).
    pub(super) fn restore_controls(&self) {
        let (sort, filter) = self.list.query.get_untracked();
        self.sort.set(sort);
        self.stars.set(filter.stars);
        self.with_comment.set(filter.with_comment);
        self.query.set(filter.query.clone().unwrap_or_default());
        #[cfg(stele_browser)]
        {
            if let Some(select) = self.controls.select.get_untracked() {
                select.set_value(sort.as_str());
            }
            if let Some(input) = self.controls.checkbox.get_untracked() {
                input.set_checked(filter.with_comment);
            }
            if let Some(input) = self.controls.search.get_untracked() {
                input.set_value(filter.query.as_deref().unwrap_or_default());
            }
        }
        #[cfg(not(stele_browser))]
        let _ = self.controls;
    }

    /// After "load more": focus the first new review, so keyboard and screen-reader users
    /// continue where the list grew (the button may be gone).
    pub(super) fn focus_review(&self, index: usize) {
        #[cfg(stele_browser)]
        {
            let list = self.controls.list;
            request_animation_frame(move || {
                let article = list
                    .get_untracked()
                    .and_then(|list| list.children().item(index as u32))
                    .and_then(|item| item.first_element_child());
                if let Some(article) = article {
                    let _ = article.set_attribute("tabindex", "-1");
                    if let Ok(article) =
                        wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(article)
                    {
                        let _ = article.focus();
                    }
                }
            });
        }
        #[cfg(not(stele_browser))]
        let _ = index;
    }

    pub(super) fn filter_event(&self) -> WidgetEvent {
        WidgetEvent::Filter {
            stars: self.stars.get_untracked(),
            with_comment: self.with_comment.get_untracked(),
            query: self.query.get_untracked(),
        }
    }
}

/// What sits under the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Footer {
    NoMatch,
    Empty,
    More,
    Nothing,
}

/// Fetches pages for one list, from the relay or, for a list held whole, from memory.
#[derive(Clone)]
pub(super) struct Loader {
    pub(super) api: Option<Api>,
    /// Every review, when the browser has them all (direct mode; read only in its builds).
    #[cfg_attr(not(feature = "direct"), allow(dead_code))]
    pub(super) complete: Option<Arc<Vec<PublicReview>>>,
    pub(super) product: String,
    pub(super) per_page: u32,
    pub(super) state: ListState,
    pub(super) emitter: Emitter,
    pub(super) i18n: I18n,
}

impl Loader {
    /// Page `page` in the sort and filter the controls show: page 1 replaces the list, a
    /// later page is appended (see paging.rs for which requests supersede which). `event`
    /// is emitted when the page is asked for.
    pub(super) fn fetch(&self, page: u32, event: Option<WidgetEvent>) {
        let list = self.state.list;
        let (sort, filter) = (self.state.sort.get_untracked(), self.state.filter());
        // Direct mode only: keeps the diacritics tables and sorting out of the shop's module.
        #[cfg(feature = "direct")]
        if let Some(all) = &self.complete {
            let next = stele_core::listing::list_page(all, sort, &filter, page, self.per_page);
            self.emit(event);
            self.shown(list.show((sort, filter), page, next));
            return;
        }
        let Some(api) = self.api.clone() else { return };
        let request = {
            let (product, per_page, filter) = (self.product.clone(), self.per_page, filter.clone());
            async move { api.reviews(&product, sort, &filter, page, per_page).await }
        };
        let loader = self.clone();
        if list.fetch((sort, filter), page, request, move |shown| {
            loader.shown(shown)
        }) {
            self.emit(event);
        }
    }

    /// Tells the host page about a page asked for.
    pub(super) fn emit(&self, event: Option<WidgetEvent>) {
        if let Some(event) = event {
            self.emitter.emit(event);
        }
    }

    /// After a page arrived: says how many are shown and focuses the first new review; after
    /// a failure: puts the controls back to what the list shows.
    pub(super) fn shown(&self, result: Result<Merged, DataError>) {
        let state = self.state;
        match result {
            Ok(merged) => {
                let status = self.i18n.showing(merged.shown as u64, merged.total);
                state.status.set(status);
                if let Some(index) = merged.appended_at {
                    state.focus_review(index);
                }
            }
            Err(error) => {
                if error.deserves_a_hint() {
                    leptos::logging::warn!(
                        "[stele] <stele-reviews product=\"{}\">: {error}",
                        self.product
                    );
                }
                state.restore_controls();
            }
        }
    }
}
