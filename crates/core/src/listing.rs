//! Sorting and paging of public reviews: pure functions shared by the relay and the export.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::public::PublicReview;

/// The orders a review list can be shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReviewSort {
    /// Most recent first.
    #[default]
    Newest,
    /// Oldest first.
    Oldest,
    /// Highest score first.
    Highest,
    /// Lowest score first.
    Lowest,
}

/// A `sort` value that is not one of `newest`, `oldest`, `highest`, `lowest`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown sort {0:?}: use newest, oldest, highest or lowest")]
pub struct UnknownSort(pub String);

impl ReviewSort {
    /// Every sort, in a stable order.
    pub const ALL: [ReviewSort; 4] = [Self::Newest, Self::Oldest, Self::Highest, Self::Lowest];

    /// The name used in URLs, attributes and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Newest => "newest",
            Self::Oldest => "oldest",
            Self::Highest => "highest",
            Self::Lowest => "lowest",
        }
    }

    /// How two reviews compare under this sort. Reviews missing the sorted-on value come
    /// last in either direction; ties go to the newer review, then to the smaller id, so the
    /// order is total and stable across requests.
    pub fn compare(self, a: &PublicReview, b: &PublicReview) -> Ordering {
        let newest_first = || missing_last(a.date, b.date, |x, y| y.cmp(x));
        let primary = match self {
            Self::Newest => Ordering::Equal,
            Self::Oldest => missing_last(a.date, b.date, |x, y| x.cmp(y)),
            Self::Highest => missing_last(a.score, b.score, |x, y| y.cmp(x)),
            Self::Lowest => missing_last(a.score, b.score, |x, y| x.cmp(y)),
        };
        primary
            .then_with(newest_first)
            .then_with(|| a.id.cmp(&b.id))
    }
}

fn missing_last<T>(a: Option<T>, b: Option<T>, present: impl Fn(&T, &T) -> Ordering) -> Ordering {
    match (&a, &b) {
        (Some(x), Some(y)) => present(x, y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

impl FromStr for ReviewSort {
    type Err = UnknownSort;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|sort| sort.as_str() == text)
            .ok_or_else(|| UnknownSort(text.to_owned()))
    }
}

impl fmt::Display for ReviewSort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

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

/// One page of a list: `{"items", "page", "per_page", "total", "total_pages"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    /// The items on this page (empty past the last page).
    pub items: Vec<T>,
    /// This page's number, from 1.
    pub page: u32,
    /// The page size asked for.
    pub per_page: u32,
    /// Items across all pages.
    pub total: u64,
    /// Number of pages (0 for an empty list).
    pub total_pages: u32,
}

impl<T> Page<T> {
    /// Whether a later page has items.
    pub fn has_more(&self) -> bool {
        self.page < self.total_pages
    }
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
