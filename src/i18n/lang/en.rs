//! English UI text.

use crate::i18n::messages::{Messages, Plural};

/// Every message in English.
pub const MESSAGES: Messages = Messages {
    rated_out_of_5: "Rated {rating} out of 5",
    rating_label: Plural {
        one: "Rated {rating} out of 5, {n} review",
        few: "Rated {rating} out of 5, {n} reviews",
        many: "Rated {rating} out of 5, {n} reviews",
        other: "Rated {rating} out of 5, {n} reviews",
    },
    no_rating: "No rating yet",
    review_count: Plural {
        one: "{n} review",
        few: "{n} reviews",
        many: "{n} reviews",
        other: "{n} reviews",
    },
    out_of_5: "out of 5",
    #[cfg(any(stele_reviews, stele_testimonials))]
    verified_buyer: "Verified buyer",
    #[cfg(stele_reviews)]
    sort_by: "Sort by",
    #[cfg(stele_reviews)]
    sort_newest: "Newest",
    #[cfg(stele_reviews)]
    sort_oldest: "Oldest",
    #[cfg(stele_reviews)]
    sort_highest: "Highest rated",
    #[cfg(stele_reviews)]
    sort_lowest: "Lowest rated",
    #[cfg(stele_reviews)]
    with_comment: "Only with comments",
    #[cfg(stele_reviews)]
    search: "Search reviews",
    #[cfg(stele_reviews)]
    load_more: "Show more reviews",
    #[cfg(any(stele_reviews, stele_testimonials))]
    read_more: "Read more",
    #[cfg(any(stele_reviews, stele_testimonials))]
    read_less: "Show less",
    #[cfg(stele_reviews)]
    empty: "No reviews yet",
    #[cfg(stele_reviews)]
    empty_filtered: "No reviews match",
    #[cfg(stele_reviews)]
    show_all: "Show all reviews",
    #[cfg(stele_reviews)]
    stars_row: Plural {
        one: "{stars} star",
        few: "{stars} stars",
        many: "{stars} stars",
        other: "{stars} stars",
    },
    #[cfg(stele_reviews)]
    histogram_row: Plural {
        one: "{row}, {n} review",
        few: "{row}, {n} reviews",
        many: "{row}, {n} reviews",
        other: "{row}, {n} reviews",
    },
    #[cfg(stele_reviews)]
    showing: "Showing {shown} of {total}",
    #[cfg(stele_testimonials)]
    previous: "Previous",
    #[cfg(stele_testimonials)]
    next: "Next",
    #[cfg(stele_testimonials)]
    pause: "Pause",
    #[cfg(stele_testimonials)]
    play: "Play",
    #[cfg(stele_testimonials)]
    testimonials_title: "What our customers say",
    #[cfg(stele_reviews)]
    reviews_title: "Customer reviews",
    #[cfg(not(target_arch = "wasm32"))]
    rating_caption: Plural {
        one: "{rating} · {n} review",
        few: "{rating} · {n} reviews",
        many: "{rating} · {n} reviews",
        other: "{rating} · {n} reviews",
    },
    #[cfg(stele_reviews)]
    disclosure_title: "How reviews are collected",
    #[cfg(stele_reviews)]
    disclosure_collected: "Only customers who placed an order can leave a review: each one answers the email we send after the purchase. Reviews are not edited.",
    #[cfg(stele_reviews)]
    disclosure_all_shown: "All reviews are shown, positive and negative.",
    #[cfg(stele_reviews)]
    disclosure_min_stars: Plural {
        one: "Only reviews with {stars} star or more are listed here; the average and the number of reviews count every review.",
        few: "Only reviews with {stars} stars or more are listed here; the average and the number of reviews count every review.",
        many: "Only reviews with {stars} stars or more are listed here; the average and the number of reviews count every review.",
        other: "Only reviews with {stars} stars or more are listed here; the average and the number of reviews count every review.",
    },
    #[cfg(stele_reviews)]
    disclosure_without_comment: "Reviews without a comment are not listed; they count in the average.",
    #[cfg(stele_reviews)]
    disclosure_hidden: "The shop may hide a review, for example for offensive words or personal data; it still counts in the average.",
};
