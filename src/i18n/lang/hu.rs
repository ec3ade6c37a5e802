//! Hungarian UI text.

use crate::i18n::messages::{Messages, Plural};

/// Every message in Hungarian.
pub const MESSAGES: Messages = Messages {
    rated_out_of_5: "Értékelés: {rating} / 5",
    rating_label: Plural {
        one: "Értékelés: {rating} / 5, {n} értékelés",
        few: "Értékelés: {rating} / 5, {n} értékelés",
        many: "Értékelés: {rating} / 5, {n} értékelés",
        other: "Értékelés: {rating} / 5, {n} értékelés",
    },
    no_rating: "Még nincs értékelés",
    review_count: Plural {
        one: "{n} értékelés",
        few: "{n} értékelés",
        many: "{n} értékelés",
        other: "{n} értékelés",
    },
    out_of_5: "/ 5",
    verified_buyer: "Ellenőrzött vásárló",
    sort_by: "Rendezés",
    sort_newest: "Legújabb",
    sort_oldest: "Legrégebbi",
    sort_highest: "Legjobb értékelés",
    sort_lowest: "Legrosszabb értékelés",
    with_comment: "Csak szöveges értékelések",
    search: "Keresés az értékelésekben",
    load_more: "További értékelések",
    read_more: "Tovább",
    read_less: "Kevesebb",
    empty: "Még nincs értékelés",
    empty_filtered: "Nincs ilyen értékelés",
    show_all: "Összes értékelés",
    stars_row: Plural {
        one: "{stars} csillag",
        few: "{stars} csillag",
        many: "{stars} csillag",
        other: "{stars} csillag",
    },
    histogram_row: Plural {
        one: "{row}, {n} értékelés",
        few: "{row}, {n} értékelés",
        many: "{row}, {n} értékelés",
        other: "{row}, {n} értékelés",
    },
    showing: "{total} közül {shown} látható",
    previous: "Előző",
    next: "Következő",
    pause: "Szünet",
    play: "Lejátszás",
    testimonials_title: "Vásárlóink mondták",
    reviews_title: "Vásárlói értékelések",
};
