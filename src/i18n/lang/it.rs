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
    #[cfg(any(stele_reviews, stele_testimonials))]
    verified_buyer: "Acquisto verificato",
    #[cfg(stele_reviews)]
    sort_by: "Ordina per",
    #[cfg(stele_reviews)]
    sort_newest: "Più recenti",
    #[cfg(stele_reviews)]
    sort_oldest: "Meno recenti",
    #[cfg(stele_reviews)]
    sort_highest: "Valutazione più alta",
    #[cfg(stele_reviews)]
    sort_lowest: "Valutazione più bassa",
    #[cfg(stele_reviews)]
    with_comment: "Solo con commento",
    #[cfg(stele_reviews)]
    search: "Cerca nelle recensioni",
    #[cfg(stele_reviews)]
    load_more: "Altre recensioni",
    #[cfg(any(stele_reviews, stele_testimonials))]
    read_more: "Leggi tutto",
    #[cfg(any(stele_reviews, stele_testimonials))]
    read_less: "Mostra meno",
    #[cfg(stele_reviews)]
    empty: "Ancora nessuna recensione",
    #[cfg(stele_reviews)]
    empty_filtered: "Nessuna recensione corrisponde",
    #[cfg(stele_reviews)]
    show_all: "Tutte le recensioni",
    #[cfg(stele_reviews)]
    stars_row: Plural {
        one: "{stars} stella",
        few: "{stars} stelle",
        many: "{stars} stelle",
        other: "{stars} stelle",
    },
    #[cfg(stele_reviews)]
    histogram_row: Plural {
        one: "{row}, {n} recensione",
        few: "{row}, {n} recensioni",
        many: "{row}, {n} recensioni",
        other: "{row}, {n} recensioni",
    },
    #[cfg(stele_reviews)]
    showing: "Visualizzati {shown} di {total}",
    #[cfg(stele_testimonials)]
    previous: "Precedente",
    #[cfg(stele_testimonials)]
    next: "Successivo",
    #[cfg(stele_testimonials)]
    pause: "Pausa",
    #[cfg(stele_testimonials)]
    play: "Riproduci",
    #[cfg(stele_testimonials)]
    testimonials_title: "Cosa dicono i nostri clienti",
    #[cfg(stele_reviews)]
    reviews_title: "Recensioni dei clienti",
    #[cfg(not(target_arch = "wasm32"))]
    rating_caption: Plural {
        one: "{rating} · {n} recensione",
        few: "{rating} · {n} recensioni",
        many: "{rating} · {n} recensioni",
        other: "{rating} · {n} recensioni",
    },
    #[cfg(stele_reviews)]
    disclosure_title: "Come vengono raccolte le recensioni",
    #[cfg(stele_reviews)]
    disclosure_collected: "Solo i clienti che hanno effettuato un ordine possono lasciare una recensione: ognuna risponde all’e-mail che inviamo dopo l’acquisto. Le recensioni non vengono modificate.",
    #[cfg(stele_reviews)]
    disclosure_all_shown: "Sono mostrate tutte le recensioni, positive e negative.",
    #[cfg(stele_reviews)]
    disclosure_min_stars: Plural {
        one: "Qui sono elencate solo le recensioni con almeno {stars} stella; la media e il numero di recensioni le contano tutte.",
        few: "Qui sono elencate solo le recensioni con almeno {stars} stelle; la media e il numero di recensioni le contano tutte.",
        many: "Qui sono elencate solo le recensioni con almeno {stars} stelle; la media e il numero di recensioni le contano tutte.",
        other: "Qui sono elencate solo le recensioni con almeno {stars} stelle; la media e il numero di recensioni le contano tutte.",
    },
    #[cfg(stele_reviews)]
    disclosure_without_comment: "Le recensioni senza commento non sono elencate; contano nella media.",
    #[cfg(stele_reviews)]
    disclosure_hidden: "Il negozio può nascondere una recensione, ad esempio per parole offensive o dati personali; continua a contare nella media.",
};
