//! German UI text.

use crate::i18n::messages::*;

/// Every message in German.
pub const MESSAGES: Messages = Messages {
    common: CommonMessages {
        rated_out_of_5: "Bewertet mit {rating} von 5",
        rating_label: Plural {
            one: "Bewertet mit {rating} von 5, {n} Bewertung",
            few: "Bewertet mit {rating} von 5, {n} Bewertungen",
            many: "Bewertet mit {rating} von 5, {n} Bewertungen",
            other: "Bewertet mit {rating} von 5, {n} Bewertungen",
        },
        no_rating: "Noch keine Bewertung",
        review_count: Plural {
            one: "{n} Bewertung",
            few: "{n} Bewertungen",
            many: "{n} Bewertungen",
            other: "{n} Bewertungen",
        },
        out_of_5: "von 5",
    },
    #[cfg(any(stele_reviews, stele_testimonials))]
    cards: CardMessages {
        verified_buyer: "Verifizierter Kauf",
        read_more: "Weiterlesen",
        read_less: "Weniger",
        load_more: "Weitere Bewertungen",
        empty: "Noch keine Bewertungen",
    },
    #[cfg(stele_reviews)]
    reviews: ReviewMessages {
        sort_by: "Sortieren nach",
        sort_newest: "Neueste",
        sort_oldest: "Älteste",
        sort_highest: "Beste Bewertung",
        sort_lowest: "Schlechteste Bewertung",
        with_comment: "Nur mit Kommentar",
        search: "Bewertungen durchsuchen",
        empty_filtered: "Keine passenden Bewertungen",
        show_all: "Alle Bewertungen",
        stars_row: Plural {
            one: "{stars} Stern",
            few: "{stars} Sterne",
            many: "{stars} Sterne",
            other: "{stars} Sterne",
        },
        histogram_row: Plural {
            one: "{row}, {n} Bewertung",
            few: "{row}, {n} Bewertungen",
            many: "{row}, {n} Bewertungen",
            other: "{row}, {n} Bewertungen",
        },
        showing: "{shown} von {total} angezeigt",
        reviews_title: "Kundenbewertungen",
        disclosure_title: "Wie Bewertungen gesammelt werden",
        disclosure_collected: "Nur Kunden, die bestellt haben, können eine Bewertung abgeben: Jede beantwortet die E-Mail, die wir nach dem Kauf senden. Bewertungen werden nicht bearbeitet.",
        disclosure_all_shown: "Alle Bewertungen werden angezeigt, positive wie negative.",
        disclosure_min_stars: Plural {
            one: "Hier stehen nur Bewertungen mit mindestens {stars} Stern; Durchschnitt und Anzahl zählen alle Bewertungen.",
            few: "Hier stehen nur Bewertungen mit mindestens {stars} Sternen; Durchschnitt und Anzahl zählen alle Bewertungen.",
            many: "Hier stehen nur Bewertungen mit mindestens {stars} Sternen; Durchschnitt und Anzahl zählen alle Bewertungen.",
            other: "Hier stehen nur Bewertungen mit mindestens {stars} Sternen; Durchschnitt und Anzahl zählen alle Bewertungen.",
        },
        disclosure_without_comment: "Bewertungen ohne Kommentar werden nicht aufgeführt; sie zählen im Durchschnitt.",
        disclosure_hidden: "Der Shop kann eine Bewertung ausblenden, etwa wegen beleidigender Wörter oder persönlicher Daten; sie zählt weiter im Durchschnitt.",
    },
    #[cfg(stele_testimonials)]
    testimonials: TestimonialMessages {
        previous: "Zurück",
        next: "Weiter",
        pause: "Pause",
        play: "Abspielen",
        testimonials_title: "Das sagen unsere Kunden",
        testimonials_min_stars: Plural {
            one: "Wir zeigen unsere Bewertungen mit {stars} Stern oder mehr",
            few: "Wir zeigen unsere Bewertungen mit {stars} Sternen oder mehr",
            many: "Wir zeigen unsere Bewertungen mit {stars} Sternen oder mehr",
            other: "Wir zeigen unsere Bewertungen mit {stars} Sternen oder mehr",
        },
    },
    #[cfg(not(target_arch = "wasm32"))]
    server: ServerMessages {
        rating_caption: Plural {
            one: "{rating} · {n} Bewertung",
            few: "{rating} · {n} Bewertungen",
            many: "{rating} · {n} Bewertungen",
            other: "{rating} · {n} Bewertungen",
        },
    },
};
