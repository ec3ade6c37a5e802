//! Romanian UI text.

use crate::i18n::messages::{Messages, Plural};

/// Every message in Romanian.
pub const MESSAGES: Messages = Messages {
    rated_out_of_5: "Evaluat cu {rating} din 5",
    rating_label: Plural {
        one: "Evaluat cu {rating} din 5, {n} recenzie",
        few: "Evaluat cu {rating} din 5, {n} recenzii",
        many: "Evaluat cu {rating} din 5, {n} de recenzii",
        other: "Evaluat cu {rating} din 5, {n} de recenzii",
    },
    no_rating: "Încă nicio evaluare",
    review_count: Plural {
        one: "{n} recenzie",
        few: "{n} recenzii",
        many: "{n} de recenzii",
        other: "{n} de recenzii",
    },
    out_of_5: "din 5",
    verified_buyer: "Cumpărător verificat",
    sort_by: "Sortează după",
    sort_newest: "Cele mai noi",
    sort_oldest: "Cele mai vechi",
    sort_highest: "Cele mai bune",
    sort_lowest: "Cele mai slabe",
    with_comment: "Doar cu comentarii",
    search: "Caută în recenzii",
    load_more: "Mai multe recenzii",
    read_more: "Citește mai mult",
    read_less: "Arată mai puțin",
    empty: "Încă nu există recenzii",
    empty_filtered: "Nicio recenzie nu corespunde",
    show_all: "Toate recenziile",
    stars_row: Plural {
        one: "{stars} stea",
        few: "{stars} stele",
        many: "{stars} de stele",
        other: "{stars} de stele",
    },
    histogram_row: Plural {
        one: "{row}, {n} recenzie",
        few: "{row}, {n} recenzii",
        many: "{row}, {n} de recenzii",
        other: "{row}, {n} de recenzii",
    },
    showing: "Se afișează {shown} din {total}",
    previous: "Anterior",
    next: "Următor",
    pause: "Pauză",
    play: "Pornește",
    testimonials_title: "Ce spun clienții noștri",
    reviews_title: "Recenzii de la clienți",
};
