//! Polish UI text.

use crate::i18n::messages::{Messages, Plural};

/// Every message in Polish.
pub const MESSAGES: Messages = Messages {
    rated_out_of_5: "Ocena {rating} na 5",
    rating_label: Plural {
        one: "Ocena {rating} na 5, {n} opinia",
        few: "Ocena {rating} na 5, {n} opinie",
        many: "Ocena {rating} na 5, {n} opinii",
        other: "Ocena {rating} na 5, {n} opinii",
    },
    no_rating: "Brak ocen",
    review_count: Plural {
        one: "{n} opinia",
        few: "{n} opinie",
        many: "{n} opinii",
        other: "{n} opinii",
    },
    out_of_5: "na 5",
    verified_buyer: "Zweryfikowany zakup",
    sort_by: "Sortuj według",
    sort_newest: "Najnowsze",
    sort_oldest: "Najstarsze",
    sort_highest: "Najwyżej oceniane",
    sort_lowest: "Najniżej oceniane",
    with_comment: "Tylko z komentarzem",
    search: "Szukaj w opiniach",
    load_more: "Więcej opinii",
    read_more: "Czytaj dalej",
    read_less: "Zwiń",
    empty: "Brak opinii",
    empty_filtered: "Brak pasujących opinii",
    show_all: "Wszystkie opinie",
    stars_row: Plural {
        one: "{stars} gwiazdka",
        few: "{stars} gwiazdki",
        many: "{stars} gwiazdek",
        other: "{stars} gwiazdki",
    },
    histogram_row: Plural {
        one: "{row}, {n} opinia",
        few: "{row}, {n} opinie",
        many: "{row}, {n} opinii",
        other: "{row}, {n} opinii",
    },
    showing: "Wyświetlono {shown} z {total}",
    previous: "Poprzedni",
    next: "Następny",
    pause: "Wstrzymaj",
    play: "Odtwórz",
    testimonials_title: "Co mówią nasi klienci",
    reviews_title: "Opinie klientów",
};
