//! One paged list for the review list and the testimonials: what is shown, how far it goes,
//! and which request's reply may change it.
//!
//! A new list (page 1: the first page, or a new sort or filter) supersedes whatever is on
//! its way, and the superseded reply is dropped when it comes. More of the list (a later
//! page) is asked only while nothing is on its way: it would append to a list about to be
//! replaced, or be a second press of "load more" appending the same page twice.

use leptos::prelude::*;
use leptos::task::spawn_local;
use stele_core::listing::{append_unseen, Page};
use stele_core::PublicReview;

use crate::data::DataError;

/// Which reply the list waits for: each request gets the next number, and only the reply to
/// the newest one may change the list.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Requests {
    issued: u64,
    awaited: Option<u64>,
}

impl Requests {
    /// The number of a new request for `page`, or `None` when it must not be sent: a later
    /// page while another request is on its way.
    pub(crate) fn start(&mut self, page: u32) -> Option<u64> {
        if page > 1 && self.awaited.is_some() {
            return None;
        }
        self.issued += 1;
        self.awaited = Some(self.issued);
        Some(self.issued)
    }

    /// Whether the reply to request `number` is the one awaited; the list then waits no more.
    pub(crate) fn settle(&mut self, number: u64) -> bool {
        let awaited = self.awaited == Some(number);
        if awaited {
            self.awaited = None;
        }
        awaited
    }

    /// A page shown at once (held in memory) supersedes any reply on its way.
    #[cfg_attr(not(feature = "direct"), allow(dead_code))] // direct mode's list in memory
    pub(crate) fn supersede(&mut self) {
        self.issued += 1;
        self.awaited = None;
    }

    /// Whether a reply is awaited.
    pub(crate) fn waiting(&self) -> bool {
        self.awaited.is_some()
    }
}

/// What a page did to the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Merged {
    /// Items now shown.
    pub shown: usize,
    /// Where the new items of a later page start, when it brought any (focus goes there).
    pub appended_at: Option<usize>,
    /// Items in the whole list.
    pub total: u64,
}

/// Page `page` into `items`: page 1 replaces them, a later page appends the items not shown
/// yet (a review synced between two requests can arrive on both pages).
pub(crate) fn merge(items: &mut Vec<PublicReview>, page: u32, next: Page<PublicReview>) -> Merged {
    if page <= 1 {
        items.clear();
    }
    let before = items.len();
    append_unseen(items, next.items);
    Merged {
        shown: items.len(),
        appended_at: (page > 1 && items.len() > before).then_some(before),
        total: next.total,
    }
}

/// A list shown page by page, answering a query `Q` (the review list's sort and filter;
/// nothing for testimonials).
pub(crate) struct PagedList<Q: 'static> {
    /// The items shown.
    pub items: RwSignal<Vec<PublicReview>>,
    /// Items in the whole list.
    pub total: RwSignal<u64>,
    /// The last page shown.
    pub page: RwSignal<u32>,
    /// The query the shown items answer (not one on its way).
    pub query: RwSignal<Q>,
    requests: RwSignal<Requests>,
}

impl<Q> Clone for PagedList<Q> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<Q> Copy for PagedList<Q> {}

impl<Q: Send + Sync + 'static> PagedList<Q> {
    /// Page 1 as it is shown first: `items` of `total`, answering `query`.
    pub(crate) fn new(items: Vec<PublicReview>, total: u64, query: Q) -> Self {
        Self {
            items: RwSignal::new(items),
            total: RwSignal::new(total),
            page: RwSignal::new(1),
            query: RwSignal::new(query),
            requests: RwSignal::new(Requests::default()),
        }
    }

    /// Whether a reply is awaited (tracked).
    pub(crate) fn loading(&self) -> bool {
        self.requests.with(Requests::waiting)
    }

    /// Whether the list goes on past what is shown (tracked).
    pub(crate) fn has_more(&self) -> bool {
        (self.items.with(Vec::len) as u64) < self.total.get()
    }

    /// The page after the last one shown.
    pub(crate) fn next_page(&self) -> u32 {
        self.page.get_untracked() + 1
    }

    /// Asks for `page` of `query` through `request`, under the rules at the top of this
    /// file; `then` hears what the reply did, when it is the one awaited. Returns whether it
    /// asked. Once the element is gone (its requests are aborted) no reply is shown.
    pub(crate) fn fetch(
        &self,
        query: Q,
        page: u32,
        request: impl std::future::Future<Output = Result<Page<PublicReview>, DataError>> + 'static,
        then: impl FnOnce(Result<Merged, DataError>) + 'static,
    ) -> bool {
        let Some(number) = self.requests.try_update(|r| r.start(page)).flatten() else {
            return false;
        };
        let list = *self;
        spawn_local(async move {
            let reply = request.await;
            if list.requests.try_update(|r| r.settle(number)) == Some(true) {
                then(list.accept(query, page, reply));
            }
        });
        true
    }

    /// Shows `page` of `query` that is already here (a list held in memory), superseding
    /// any reply on its way.
    #[cfg_attr(not(feature = "direct"), allow(dead_code))] // direct mode's list in memory
    pub(crate) fn show(
        &self,
        query: Q,
        page: u32,
        next: Page<PublicReview>,
    ) -> Result<Merged, DataError> {
        self.requests.update(Requests::supersede);
        self.accept(query, page, Ok(next))
    }

    /// The awaited reply into the list; a failure leaves the list as it is.
    fn accept(
        &self,
        query: Q,
        page: u32,
        reply: Result<Page<PublicReview>, DataError>,
    ) -> Result<Merged, DataError> {
        let next = reply?;
        let merged = self
            .items
            .try_update(|items| merge(items, page, next))
            .ok_or(DataError::Aborted)?;
        self.total.set(merged.total);
        self.page.set(page);
        self.query.set(query);
        Ok(merged)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use stele_core::{Score, Timestamp};

    fn review(id: &str) -> PublicReview {
        PublicReview::new(
            id.into(),
            Some("p1".into()),
            Score::new(10),
            None,
            Some(Timestamp::from_unix(1_700_000_000)),
        )
    }

    fn page(ids: &[&str], number: u32, total: u64) -> Page<PublicReview> {
        Page {
            items: ids.iter().map(|id| review(id)).collect(),
            page: number,
            per_page: 2,
            total,
            total_pages: total.div_ceil(2) as u32,
        }
    }

    fn ids(items: &[PublicReview]) -> Vec<&str> {
        items.iter().map(|review| review.id.as_str()).collect()
    }

    #[test]
    fn a_new_list_supersedes_the_one_on_its_way() {
        let mut requests = Requests::default();
        let sorted = requests.start(1).unwrap();
        let filtered = requests.start(1).unwrap();
        assert!(requests.waiting());
        assert!(!requests.settle(sorted), "the older reply is dropped");
        assert!(requests.waiting(), "the newer one is still awaited");
        assert!(requests.settle(filtered));
        assert!(!requests.waiting());
        assert!(!requests.settle(filtered), "a reply counts once");
    }

    #[test]
    fn more_waits_its_turn_and_is_asked_again_after_a_failure() {
        let mut requests = Requests::default();
        let first = requests.start(1).unwrap();
        assert_eq!(
            requests.start(2),
            None,
            "no page 2 of a list about to change"
        );
        assert!(requests.settle(first));
        let more = requests.start(2).unwrap();
        assert_eq!(requests.start(2), None, "a second press asks nothing");
        let filtered = requests.start(1).unwrap();
        assert!(
            !requests.settle(more),
            "a new filter drops page 2 of the old list"
        );
        assert!(requests.settle(filtered));
        assert!(
            requests.start(2).is_some(),
            "once settled (even failed), asked again"
        );
    }

    #[test]
    fn a_page_held_in_memory_supersedes_a_reply_on_its_way() {
        let mut requests = Requests::default();
        let fetched = requests.start(1).unwrap();
        requests.supersede();
        assert!(!requests.waiting());
        assert!(!requests.settle(fetched));
    }

    #[test]
    fn page_one_replaces_and_later_pages_append_what_is_new() {
        let mut items = vec![review("a"), review("b"), review("c")];
        let merged = merge(&mut items, 1, page(&["x", "y"], 1, 5));
        assert_eq!(ids(&items), ["x", "y"]);
        let expected = Merged {
            shown: 2,
            appended_at: None,
            total: 5,
        };
        assert_eq!(merged, expected);

        let merged = merge(&mut items, 2, page(&["y", "z"], 2, 5));
        assert_eq!(ids(&items), ["x", "y", "z"], "y arrived on both pages");
        assert_eq!(merged.appended_at, Some(2), "focus goes to z");

        let merged = merge(&mut items, 3, page(&["z"], 3, 5));
        assert_eq!(ids(&items), ["x", "y", "z"]);
        assert_eq!(merged.appended_at, None, "nothing new: focus stays");
    }

    #[test]
    fn a_page_held_in_memory_is_shown_with_its_query() {
        Owner::new().with(|| {
            let list = PagedList::new(vec![review("a")], 3, "newest");
            assert!(list.has_more());
            let merged = list.show("lowest", 1, page(&["c", "b"], 1, 3)).unwrap();
            assert_eq!(merged.shown, 2);
            assert_eq!(list.query.get_untracked(), "lowest");
            assert_eq!(list.next_page(), 2);
            let merged = list.show("lowest", 2, page(&["a"], 2, 3)).unwrap();
            assert_eq!(merged.appended_at, Some(2));
            assert!(!list.has_more());
            assert!(!list.loading());
        });
    }
}
