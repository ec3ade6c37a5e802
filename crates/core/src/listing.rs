//! Sorting and paging of public reviews: pure functions shared by the relay and the export.

use crate::public::PublicReview;
pub use crate::public::{Page, ReviewSort, UnknownSort};

/// Which reviews a list shows. Star filters compare the histogram bucket (stars rounded up,
/// as in [`crate::Score::bucket`]), so a histogram row and its filtered list always agree;
/// reviews without a score never pass a star filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReviewFilter {
    /// Only this bucket, 1–5.
    pub stars: Option<u8>,
    /// Only buckets at or above this, 1–5.
    pub min_stars: Option<u8>,
    /// Only reviews with a comment.
    pub with_comment: bool,
    /// Only reviews whose comment contains this, compared through [`crate::text::fold`].
    pub query: Option<String>,
}

impl ReviewFilter {
    /// Whether the filter keeps nothing out.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Whether `review` passes; `folded_comment` is its comment through [`crate::text::fold`]
    /// (callers that filter often keep it precomputed).
    pub fn matches(&self, review: &PublicReview, folded_comment: Option<&str>) -> bool {
        let bucket = review.score.map(|s| s.bucket() as u8);
        let stars_ok = self.stars.is_none_or(|wanted| bucket == Some(wanted));
        let min_ok = self
            .min_stars
            .is_none_or(|min| bucket.is_some_and(|b| b >= min));
        let comment_ok = !self.with_comment || review.comment.is_some();
        let query_ok = match (&self.query, folded_comment) {
            (None, _) => true,
            (Some(query), Some(comment)) => comment.contains(&crate::text::fold(query)),
            (Some(_), None) => false,
        };
        stars_ok && min_ok && comment_ok && query_ok
    }
}

/// Sorts reviews in place.
pub fn sort_reviews(reviews: &mut [PublicReview], sort: ReviewSort) {
    reviews.sort_by(|a, b| sort.compare(a, b));
}

/// Page `page` (from 1) of `items`, `per_page` at a time. Page 0 or a page size of 0 give an
/// empty page; the relay rejects those before they get here.
pub fn paginate<T: Clone>(items: &[T], page: u32, per_page: u32) -> Page<T> {
    let total = items.len() as u64;
    let total_pages = if per_page == 0 {
        0
    } else {
        total.div_ceil(u64::from(per_page)).min(u64::from(u32::MAX)) as u32
    };
    let start = (u64::from(page.saturating_sub(1)) * u64::from(per_page)).min(total) as usize;
    let end = if page == 0 {
        start
    } else {
        (start + per_page as usize).min(items.len())
    };
    Page {
        items: items[start..end].to_vec(),
        page,
        per_page,
        total,
        total_pages,
    }
}

/// How a list shown in `sort`, `per_page` at a time, starts from a first page it already
/// has (`first`, in `first_sort`): `Some(n)`, its first `n` items are page 1 (the page was
/// as long or longer, or held the whole list); `None`, page 1 must be asked for, since the
/// page is in another order or too short. So an element never asks for page 1 twice.
pub fn reuse_first_page<T>(
    first: &Page<T>,
    first_sort: ReviewSort,
    sort: ReviewSort,
    per_page: u32,
) -> Option<usize> {
    if first.page != 1 || first_sort != sort {
        return None;
    }
    let held = first.items.len();
    if first.per_page >= per_page {
        Some(held.min(per_page as usize))
    } else if held as u64 >= first.total {
        Some(held)
    } else {
        None
    }
}

/// Appends the reviews of a later page that `items` does not hold yet: a review synced
/// between two page requests can arrive on both.
pub fn append_unseen(items: &mut Vec<PublicReview>, more: Vec<PublicReview>) {
    for review in more {
        if !items.iter().any(|known| known.id == review.id) {
            items.push(review);
        }
    }
}

/// Page `page` of the reviews that pass `filter`, in `sort` order, from a list held whole
/// (direct mode has every review in the browser): the same rules the relay applies, minus
/// moderation, which only the relay knows.
pub fn list_page(
    reviews: &[PublicReview],
    sort: ReviewSort,
    filter: &ReviewFilter,
    page: u32,
    per_page: u32,
) -> Page<PublicReview> {
    let mut kept: Vec<PublicReview> = reviews
        .iter()
        .filter(|review| {
            let folded = review.comment.as_deref().map(crate::text::fold);
            filter.matches(review, folded.as_deref())
        })
        .cloned()
        .collect();
    sort_reviews(&mut kept, sort);
    paginate(&kept, page, per_page)
}
