//! Italian UI text.

use crate::i18n::messages::{Messages, Plural};

/// Every message in Italian.
pub const MESSAGES: Messages = Messages {
    rated_out_of_5: "Valutato {rating} su 5",
    rating_label: Plural {
        one: "Valutato {rating} su 5, {n} recensione",
        few: "Valutato {rating} su 5, {n} recensioni",
        many: "Valutato {rating} su 5, {n} recensioni",
        other: "Valutato {rating} su 5, {n} recensioni",
    },
    no_rating: "Ancora nessuna valutazione",
    review_count: Plural {
        one: "{n} recensione",
        few: "{n} recensioni",
        many: "{n} recensioni",
        other: "{n} recensioni",
    },
    out_of_5: "su 5",
    verified_buyer: "Acquisto verificato",
    sort_by: "Ordina per",
    sort_newest: "Più recenti",
    sort_oldest: "Meno recenti",
    sort_highest: "Valutazione più alta",
    sort_lowest: "Valutazione più bassa",
    with_comment: "Solo con commento",
    search: "Cerca nelle recensioni",
    load_more: "Altre recensioni",
    read_more: "Leggi tutto",
    read_less: "Mostra meno",
    empty: "Ancora nessuna recensione",
    empty_filtered: "Nessuna recensione corrisponde",
    show_all: "Tutte le recensioni",
    stars_row: Plural {
        one: "{stars} stella",
        few: "{stars} stelle",
        many: "{stars} stelle",
        other: "{stars} stelle",
    },
    histogram_row: Plural {
        one: "{row}, {n} recensione",
        few: "{row}, {n} recensioni",
        many: "{row}, {n} recensioni",
        other: "{row}, {n} recensioni",
    },
    showing: "Visualizzati {shown} di {total}",
    previous: "Precedente",
    next: "Successivo",
    pause: "Pausa",
    play: "Riproduci",
    testimonials_title: "Cosa dicono i nostri clienti",
    reviews_title: "Recensioni dei clienti",
};
