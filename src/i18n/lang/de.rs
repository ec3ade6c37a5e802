//! German UI text.

use crate::i18n::messages::{Messages, Plural};

/// Every message in German.
pub const MESSAGES: Messages = Messages {
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
    #[cfg(any(stele_reviews, stele_testimonials))]
    verified_buyer: "Verifizierter Kauf",
    #[cfg(stele_reviews)]
    sort_by: "Sortieren nach",
    #[cfg(stele_reviews)]
    sort_newest: "Neueste",
    #[cfg(stele_reviews)]
    sort_oldest: "Älteste",
    #[cfg(stele_reviews)]
    sort_highest: "Beste Bewertung",
    #[cfg(stele_reviews)]
    sort_lowest: "Schlechteste Bewertung",
    #[cfg(stele_reviews)]
    with_comment: "Nur mit Kommentar",
    #[cfg(stele_reviews)]
    search: "Bewertungen durchsuchen",
    #[cfg(stele_reviews)]
    load_more: "Weitere Bewertungen",
    #[cfg(any(stele_reviews, stele_testimonials))]
    read_more: "Weiterlesen",
    #[cfg(any(stele_reviews, stele_testimonials))]
    read_less: "Weniger",
    #[cfg(stele_reviews)]
    empty: "Noch keine Bewertungen",
    #[cfg(stele_reviews)]
    empty_filtered: "Keine passenden Bewertungen",
    #[cfg(stele_reviews)]
    show_all: "Alle Bewertungen",
    #[cfg(stele_reviews)]
    stars_row: Plural {
        one: "{stars} Stern",
        few: "{stars} Sterne",
        many: "{stars} Sterne",
        other: "{stars} Sterne",
    },
    #[cfg(stele_reviews)]
    histogram_row: Plural {
        one: "{row}, {n} Bewertung",
        few: "{row}, {n} Bewertungen",
        many: "{row}, {n} Bewertungen",
        other: "{row}, {n} Bewertungen",
    },
    #[cfg(stele_reviews)]
    showing: "{shown} von {total} angezeigt",
    #[cfg(stele_testimonials)]
    previous: "Zurück",
    #[cfg(stele_testimonials)]
    next: "Weiter",
    #[cfg(stele_testimonials)]
    pause: "Pause",
    #[cfg(stele_testimonials)]
    play: "Abspielen",
    #[cfg(stele_testimonials)]
    testimonials_title: "Das sagen unsere Kunden",
    #[cfg(stele_reviews)]
    reviews_title: "Kundenbewertungen",
    #[cfg(not(target_arch = "wasm32"))]
    rating_caption: Plural {
        one: "{rating} · {n} Bewertung",
        few: "{rating} · {n} Bewertungen",
        many: "{rating} · {n} Bewertungen",
        other: "{rating} · {n} Bewertungen",
    },
    #[cfg(stele_reviews)]
    disclosure_title: "Wie Bewertungen gesammelt werden",
    #[cfg(stele_reviews)]
    disclosure_collected: "Nur Kunden, die bestellt haben, können eine Bewertung abgeben: Jede beantwortet die E-Mail, die wir nach dem Kauf senden. Bewertungen werden nicht bearbeitet.",
    #[cfg(stele_reviews)]
    disclosure_all_shown: "Alle Bewertungen werden angezeigt, positive wie negative.",
    #[cfg(stele_reviews)]
    disclosure_min_stars: Plural {
        one: "Hier stehen nur Bewertungen mit mindestens {stars} Stern; Durchschnitt und Anzahl zählen alle Bewertungen.",
        few: "Hier stehen nur Bewertungen mit mindestens {stars} Sternen; Durchschnitt und Anzahl zählen alle Bewertungen.",
        many: "Hier stehen nur Bewertungen mit mindestens {stars} Sternen; Durchschnitt und Anzahl zählen alle Bewertungen.",
        other: "Hier stehen nur Bewertungen mit mindestens {stars} Sternen; Durchschnitt und Anzahl zählen alle Bewertungen.",
    },
    #[cfg(stele_reviews)]
    disclosure_without_comment: "Bewertungen ohne Kommentar werden nicht aufgeführt; sie zählen im Durchschnitt.",
    #[cfg(stele_reviews)]
    disclosure_hidden: "Der Shop kann eine Bewertung ausblenden, etwa wegen beleidigender Wörter oder persönlicher Daten; sie zählt weiter im Durchschnitt.",
};
