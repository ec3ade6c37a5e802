//! Italian UI text.

use crate::i18n::messages::*;

/// Every message in Italian.
pub const MESSAGES: Messages = Messages {
    common: CommonMessages {
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
    },
    #[cfg(any(stele_reviews, stele_testimonials))]
    cards: CardMessages {
        verified_buyer: "Acquisto verificato",
        read_more: "Leggi tutto",
        read_less: "Mostra meno",
        load_more: "Altre recensioni",
        empty: "Ancora nessuna recensione",
    },
    #[cfg(stele_reviews)]
    reviews: ReviewMessages {
        sort_by: "Ordina per",
        sort_newest: "Più recenti",
        sort_oldest: "Meno recenti",
        sort_highest: "Valutazione più alta",
        sort_lowest: "Valutazione più bassa",
        with_comment: "Solo con commento",
        search: "Cerca nelle recensioni",
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
        reviews_title: "Recensioni dei clienti",
        disclosure_title: "Come vengono raccolte le recensioni",
        disclosure_collected: "Solo i clienti che hanno effettuato un ordine possono lasciare una recensione: ognuna risponde all’e-mail che inviamo dopo l’acquisto. Le recensioni non vengono modificate.",
        disclosure_all_shown: "Sono mostrate tutte le recensioni, positive e negative.",
        disclosure_min_stars: Plural {
            one: "Qui sono elencate solo le recensioni con almeno {stars} stella; la media e il numero di recensioni le contano tutte.",
            few: "Qui sono elencate solo le recensioni con almeno {stars} stelle; la media e il numero di recensioni le contano tutte.",
            many: "Qui sono elencate solo le recensioni con almeno {stars} stelle; la media e il numero di recensioni le contano tutte.",
            other: "Qui sono elencate solo le recensioni con almeno {stars} stelle; la media e il numero di recensioni le contano tutte.",
        },
        disclosure_without_comment: "Le recensioni senza commento non sono elencate; contano nella media.",
        disclosure_hidden: "Il negozio può nascondere una recensione, ad esempio per parole offensive o dati personali; continua a contare nella media.",
    },
    #[cfg(stele_testimonials)]
    testimonials: TestimonialMessages {
        previous: "Precedente",
        next: "Successivo",
        pause: "Pausa",
        play: "Riproduci",
        testimonials_title: "Cosa dicono i nostri clienti",
        testimonials_min_stars: Plural {
            one: "Mostriamo le nostre recensioni con {stars} stella o più",
            few: "Mostriamo le nostre recensioni con {stars} stelle o più",
            many: "Mostriamo le nostre recensioni con {stars} stelle o più",
            other: "Mostriamo le nostre recensioni con {stars} stelle o più",
        },
    },
    #[cfg(not(target_arch = "wasm32"))]
    server: ServerMessages {
        rating_caption: Plural {
            one: "{rating} · {n} recensione",
            few: "{rating} · {n} recensioni",
            many: "{rating} · {n} recensioni",
            other: "{rating} · {n} recensioni",
        },
    },
};
