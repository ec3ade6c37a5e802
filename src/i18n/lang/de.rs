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
    verified_buyer: "Verifizierter Kauf",
    sort_by: "Sortieren nach",
    sort_newest: "Neueste",
    sort_oldest: "Älteste",
    sort_highest: "Beste Bewertung",
    sort_lowest: "Schlechteste Bewertung",
    with_comment: "Nur mit Kommentar",
    search: "Bewertungen durchsuchen",
    load_more: "Weitere Bewertungen",
    read_more: "Weiterlesen",
    read_less: "Weniger",
    empty: "Noch keine Bewertungen",
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
    previous: "Zurück",
    next: "Weiter",
    pause: "Pause",
    play: "Abspielen",
    testimonials_title: "Das sagen unsere Kunden",
    reviews_title: "Kundenbewertungen",
};
