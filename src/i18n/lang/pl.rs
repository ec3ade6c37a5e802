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
    #[cfg(any(stele_reviews, stele_testimonials))]
    verified_buyer: "Zweryfikowany zakup",
    #[cfg(stele_reviews)]
    sort_by: "Sortuj według",
    #[cfg(stele_reviews)]
    sort_newest: "Najnowsze",
    #[cfg(stele_reviews)]
    sort_oldest: "Najstarsze",
    #[cfg(stele_reviews)]
    sort_highest: "Najwyżej oceniane",
    #[cfg(stele_reviews)]
    sort_lowest: "Najniżej oceniane",
    #[cfg(stele_reviews)]
    with_comment: "Tylko z komentarzem",
    #[cfg(stele_reviews)]
    search: "Szukaj w opiniach",
    #[cfg(stele_reviews)]
    load_more: "Więcej opinii",
    #[cfg(any(stele_reviews, stele_testimonials))]
    read_more: "Czytaj dalej",
    #[cfg(any(stele_reviews, stele_testimonials))]
    read_less: "Zwiń",
    #[cfg(stele_reviews)]
    empty: "Brak opinii",
    #[cfg(stele_reviews)]
    empty_filtered: "Brak pasujących opinii",
    #[cfg(stele_reviews)]
    show_all: "Wszystkie opinie",
    #[cfg(stele_reviews)]
    stars_row: Plural {
        one: "{stars} gwiazdka",
        few: "{stars} gwiazdki",
        many: "{stars} gwiazdek",
        other: "{stars} gwiazdki",
    },
    #[cfg(stele_reviews)]
    histogram_row: Plural {
        one: "{row}, {n} opinia",
        few: "{row}, {n} opinie",
        many: "{row}, {n} opinii",
        other: "{row}, {n} opinii",
    },
    #[cfg(stele_reviews)]
    showing: "Wyświetlono {shown} z {total}",
    #[cfg(stele_testimonials)]
    previous: "Poprzedni",
    #[cfg(stele_testimonials)]
    next: "Następny",
    #[cfg(stele_testimonials)]
    pause: "Wstrzymaj",
    #[cfg(stele_testimonials)]
    play: "Odtwórz",
    #[cfg(stele_testimonials)]
    testimonials_title: "Co mówią nasi klienci",
    #[cfg(stele_reviews)]
    reviews_title: "Opinie klientów",
    #[cfg(not(target_arch = "wasm32"))]
    rating_caption: Plural {
        one: "{rating} · {n} opinia",
        few: "{rating} · {n} opinie",
        many: "{rating} · {n} opinii",
        other: "{rating} · {n} opinii",
    },
    #[cfg(stele_reviews)]
    disclosure_title: "Jak zbieramy opinie",
    #[cfg(stele_reviews)]
    disclosure_collected: "Opinię może wystawić tylko klient, który złożył zamówienie: każda jest odpowiedzią na e-mail wysyłany po zakupie. Opinie nie są edytowane.",
    #[cfg(stele_reviews)]
    disclosure_all_shown: "Wyświetlamy wszystkie opinie, pozytywne i negatywne.",
    #[cfg(stele_reviews)]
    disclosure_min_stars: Plural {
        one: "Wyświetlamy tu tylko opinie z co najmniej {stars} gwiazdką; średnia i liczba opinii obejmują wszystkie.",
        few: "Wyświetlamy tu tylko opinie z co najmniej {stars} gwiazdkami; średnia i liczba opinii obejmują wszystkie.",
        many: "Wyświetlamy tu tylko opinie z co najmniej {stars} gwiazdkami; średnia i liczba opinii obejmują wszystkie.",
        other: "Wyświetlamy tu tylko opinie z co najmniej {stars} gwiazdkami; średnia i liczba opinii obejmują wszystkie.",
    },
    #[cfg(stele_reviews)]
    disclosure_without_comment: "Opinie bez komentarza nie są wyświetlane; wliczają się do średniej.",
    #[cfg(stele_reviews)]
    disclosure_hidden: "Sklep może ukryć opinię, na przykład z powodu obraźliwych słów lub danych osobowych; nadal wlicza się ona do średniej.",
};
