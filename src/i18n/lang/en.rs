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
    verified_buyer: "Verified buyer",
    sort_by: "Sort by",
    sort_newest: "Newest",
    sort_oldest: "Oldest",
    sort_highest: "Highest rated",
    sort_lowest: "Lowest rated",
    with_comment: "Only with comments",
    search: "Search reviews",
    load_more: "Show more reviews",
    read_more: "Read more",
    read_less: "Show less",
    empty: "No reviews yet",
    empty_filtered: "No reviews match",
    show_all: "Show all reviews",
    stars_row: Plural {
        one: "{stars} star",
        few: "{stars} stars",
        many: "{stars} stars",
        other: "{stars} stars",
    },
    histogram_row: Plural {
        one: "{row}, {n} review",
        few: "{row}, {n} reviews",
        many: "{row}, {n} reviews",
        other: "{row}, {n} reviews",
    },
    showing: "Showing {shown} of {total}",
    previous: "Previous",
    next: "Next",
    pause: "Pause",
    play: "Play",
    testimonials_title: "What our customers say",
    reviews_title: "Customer reviews",
};
