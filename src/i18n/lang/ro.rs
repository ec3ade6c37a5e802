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
    #[cfg(any(stele_reviews, stele_testimonials))]
    verified_buyer: "Cumpărător verificat",
    #[cfg(stele_reviews)]
    sort_by: "Sortează după",
    #[cfg(stele_reviews)]
    sort_newest: "Cele mai noi",
    #[cfg(stele_reviews)]
    sort_oldest: "Cele mai vechi",
    #[cfg(stele_reviews)]
    sort_highest: "Cele mai bune",
    #[cfg(stele_reviews)]
    sort_lowest: "Cele mai slabe",
    #[cfg(stele_reviews)]
    with_comment: "Doar cu comentarii",
    #[cfg(stele_reviews)]
    search: "Caută în recenzii",
    #[cfg(stele_reviews)]
    load_more: "Mai multe recenzii",
    #[cfg(any(stele_reviews, stele_testimonials))]
    read_more: "Citește mai mult",
    #[cfg(any(stele_reviews, stele_testimonials))]
    read_less: "Arată mai puțin",
    #[cfg(stele_reviews)]
    empty: "Încă nu există recenzii",
    #[cfg(stele_reviews)]
    empty_filtered: "Nicio recenzie nu corespunde",
    #[cfg(stele_reviews)]
    show_all: "Toate recenziile",
    #[cfg(stele_reviews)]
    stars_row: Plural {
        one: "{stars} stea",
        few: "{stars} stele",
        many: "{stars} de stele",
        other: "{stars} de stele",
    },
    #[cfg(stele_reviews)]
    histogram_row: Plural {
        one: "{row}, {n} recenzie",
        few: "{row}, {n} recenzii",
        many: "{row}, {n} de recenzii",
        other: "{row}, {n} de recenzii",
    },
    #[cfg(stele_reviews)]
    showing: "Se afișează {shown} din {total}",
    #[cfg(stele_testimonials)]
    previous: "Anterior",
    #[cfg(stele_testimonials)]
    next: "Următor",
    #[cfg(stele_testimonials)]
    pause: "Pauză",
    #[cfg(stele_testimonials)]
    play: "Pornește",
    #[cfg(stele_testimonials)]
    testimonials_title: "Ce spun clienții noștri",
    #[cfg(stele_reviews)]
    reviews_title: "Recenzii de la clienți",
    #[cfg(not(target_arch = "wasm32"))]
    rating_caption: Plural {
        one: "{rating} · {n} recenzie",
        few: "{rating} · {n} recenzii",
        many: "{rating} · {n} de recenzii",
        other: "{rating} · {n} de recenzii",
    },
    #[cfg(stele_reviews)]
    disclosure_title: "Cum sunt colectate recenziile",
    #[cfg(stele_reviews)]
    disclosure_collected: "Doar clienții care au plasat o comandă pot lăsa o recenzie: fiecare răspunde e-mailului pe care îl trimitem după cumpărare. Recenziile nu sunt modificate.",
    #[cfg(stele_reviews)]
    disclosure_all_shown: "Sunt afișate toate recenziile, pozitive și negative.",
    #[cfg(stele_reviews)]
    disclosure_min_stars: Plural {
        one: "Aici sunt listate doar recenziile cu cel puțin {stars} stea; media și numărul de recenzii le cuprind pe toate.",
        few: "Aici sunt listate doar recenziile cu cel puțin {stars} stele; media și numărul de recenzii le cuprind pe toate.",
        many: "Aici sunt listate doar recenziile cu cel puțin {stars} de stele; media și numărul de recenzii le cuprind pe toate.",
        other: "Aici sunt listate doar recenziile cu cel puțin {stars} de stele; media și numărul de recenzii le cuprind pe toate.",
    },
    #[cfg(stele_reviews)]
    disclosure_without_comment: "Recenziile fără comentariu nu sunt listate; ele contează în medie.",
    #[cfg(stele_reviews)]
    disclosure_hidden: "Magazinul poate ascunde o recenzie, de exemplu pentru cuvinte jignitoare sau date personale; ea contează în continuare în medie.",
};
