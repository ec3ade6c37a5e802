//! English UI text.

use crate::i18n::messages::*;

/// Every message in English.
pub const MESSAGES: Messages = Messages {
    common: CommonMessages {
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
    },
    #[cfg(any(stele_reviews, stele_testimonials))]
    cards: CardMessages {
        verified_buyer: "Verified buyer",
        read_more: "Read more",
        read_less: "Show less",
        load_more: "Show more reviews",
        empty: "No reviews yet",
    },
    #[cfg(stele_reviews)]
    reviews: ReviewMessages {
        sort_by: "Sort by",
        sort_newest: "Newest",
        sort_oldest: "Oldest",
        sort_highest: "Highest rated",
        sort_lowest: "Lowest rated",
        with_comment: "Only with comments",
        search: "Search reviews",
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
        reviews_title: "Customer reviews",
        disclosure_title: "How reviews are collected",
        disclosure_collected: "Only customers who placed an order can leave a review: each one answers the email we send after the purchase. Reviews are not edited.",
        disclosure_all_shown: "All reviews are shown, positive and negative.",
        disclosure_min_stars: Plural {
            one: "Only reviews with {stars} star or more are listed here; the average and the number of reviews count every review.",
            few: "Only reviews with {stars} stars or more are listed here; the average and the number of reviews count every review.",
            many: "Only reviews with {stars} stars or more are listed here; the average and the number of reviews count every review.",
            other: "Only reviews with {stars} stars or more are listed here; the average and the number of reviews count every review.",
        },
        disclosure_without_comment: "Reviews without a comment are not listed; they count in the average.",
        disclosure_hidden: "The shop may hide a review, for example for offensive words or personal data; it still counts in the average.",
    },
    #[cfg(stele_testimonials)]
    testimonials: TestimonialMessages {
        previous: "Previous",
        next: "Next",
        pause: "Pause",
        play: "Play",
        testimonials_title: "What our customers say",
        testimonials_min_stars: Plural {
            one: "Showing our reviews with {stars} star or more",
            few: "Showing our reviews with {stars} stars or more",
            many: "Showing our reviews with {stars} stars or more",
            other: "Showing our reviews with {stars} stars or more",
        },
    },
    #[cfg(not(target_arch = "wasm32"))]
    server: ServerMessages {
        rating_caption: Plural {
            one: "{rating} · {n} review",
            few: "{rating} · {n} reviews",
            many: "{rating} · {n} reviews",
            other: "{rating} · {n} reviews",
        },
    },
};
