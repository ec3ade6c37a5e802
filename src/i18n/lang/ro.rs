//! Romanian UI text.

use crate::i18n::messages::*;

/// Every message in Romanian.
pub const MESSAGES: Messages = Messages {
    common: CommonMessages {
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
    },
    #[cfg(any(stele_reviews, stele_testimonials))]
    cards: CardMessages {
        verified_buyer: "Cumpărător verificat",
        read_more: "Citește mai mult",
        read_less: "Arată mai puțin",
        load_more: "Mai multe recenzii",
        empty: "Încă nu există recenzii",
    },
    #[cfg(stele_reviews)]
    reviews: ReviewMessages {
        sort_by: "Sortează după",
        sort_newest: "Cele mai noi",
        sort_oldest: "Cele mai vechi",
        sort_highest: "Cele mai bune",
        sort_lowest: "Cele mai slabe",
        with_comment: "Doar cu comentarii",
        search: "Caută în recenzii",
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
        reviews_title: "Recenzii de la clienți",
        disclosure_title: "Cum sunt colectate recenziile",
        disclosure_collected: "Doar clienții care au plasat o comandă pot lăsa o recenzie: fiecare răspunde e-mailului pe care îl trimitem după cumpărare. Recenziile nu sunt modificate.",
        disclosure_all_shown: "Sunt afișate toate recenziile, pozitive și negative.",
        disclosure_min_stars: Plural {
            one: "Aici sunt listate doar recenziile cu cel puțin {stars} stea; media și numărul de recenzii le cuprind pe toate.",
            few: "Aici sunt listate doar recenziile cu cel puțin {stars} stele; media și numărul de recenzii le cuprind pe toate.",
            many: "Aici sunt listate doar recenziile cu cel puțin {stars} de stele; media și numărul de recenzii le cuprind pe toate.",
            other: "Aici sunt listate doar recenziile cu cel puțin {stars} de stele; media și numărul de recenzii le cuprind pe toate.",
        },
        disclosure_without_comment: "Recenziile fără comentariu nu sunt listate; ele contează în medie.",
        disclosure_hidden: "Magazinul poate ascunde o recenzie, de exemplu pentru cuvinte jignitoare sau date personale; ea contează în continuare în medie.",
    },
    #[cfg(stele_testimonials)]
    testimonials: TestimonialMessages {
        previous: "Anterior",
        next: "Următor",
        pause: "Pauză",
        play: "Pornește",
        testimonials_title: "Ce spun clienții noștri",
        testimonials_min_stars: Plural {
            one: "Afișăm recenziile noastre cu {stars} stea sau mai mult",
            few: "Afișăm recenziile noastre cu {stars} stele sau mai mult",
            many: "Afișăm recenziile noastre cu {stars} de stele sau mai mult",
            other: "Afișăm recenziile noastre cu {stars} de stele sau mai mult",
        },
    },
    #[cfg(not(target_arch = "wasm32"))]
    server: ServerMessages {
        rating_caption: Plural {
            one: "{rating} · {n} recenzie",
            few: "{rating} · {n} recenzii",
            many: "{rating} · {n} de recenzii",
            other: "{rating} · {n} de recenzii",
        },
    },
};
