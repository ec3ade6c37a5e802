//! Polish UI text.

use crate::i18n::messages::*;

/// Every message in Polish.
pub const MESSAGES: Messages = Messages {
    common: CommonMessages {
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
    },
    #[cfg(any(stele_reviews, stele_testimonials))]
    cards: CardMessages {
        verified_buyer: "Zweryfikowany zakup",
        read_more: "Czytaj dalej",
        read_less: "Zwiń",
        load_more: "Więcej opinii",
        empty: "Brak opinii",
    },
    #[cfg(stele_reviews)]
    reviews: ReviewMessages {
        sort_by: "Sortuj według",
        sort_newest: "Najnowsze",
        sort_oldest: "Najstarsze",
        sort_highest: "Najwyżej oceniane",
        sort_lowest: "Najniżej oceniane",
        with_comment: "Tylko z komentarzem",
        search: "Szukaj w opiniach",
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
        reviews_title: "Opinie klientów",
        disclosure_title: "Jak zbieramy opinie",
        disclosure_collected: "Opinię może wystawić tylko klient, który złożył zamówienie: każda jest odpowiedzią na e-mail wysyłany po zakupie. Opinie nie są edytowane.",
        disclosure_all_shown: "Wyświetlamy wszystkie opinie, pozytywne i negatywne.",
        disclosure_min_stars: Plural {
            one: "Wyświetlamy tu tylko opinie z co najmniej {stars} gwiazdką; średnia i liczba opinii obejmują wszystkie.",
            few: "Wyświetlamy tu tylko opinie z co najmniej {stars} gwiazdkami; średnia i liczba opinii obejmują wszystkie.",
            many: "Wyświetlamy tu tylko opinie z co najmniej {stars} gwiazdkami; średnia i liczba opinii obejmują wszystkie.",
            other: "Wyświetlamy tu tylko opinie z co najmniej {stars} gwiazdkami; średnia i liczba opinii obejmują wszystkie.",
        },
        disclosure_without_comment: "Opinie bez komentarza nie są wyświetlane; wliczają się do średniej.",
        disclosure_hidden: "Sklep może ukryć opinię, na przykład z powodu obraźliwych słów lub danych osobowych; nadal wlicza się ona do średniej.",
    },
    #[cfg(stele_testimonials)]
    testimonials: TestimonialMessages {
        previous: "Poprzedni",
        next: "Następny",
        pause: "Wstrzymaj",
        play: "Odtwórz",
        testimonials_title: "Co mówią nasi klienci",
        testimonials_min_stars: Plural {
            one: "Pokazujemy nasze opinie z co najmniej {stars} gwiazdką",
            few: "Pokazujemy nasze opinie z co najmniej {stars} gwiazdkami",
            many: "Pokazujemy nasze opinie z co najmniej {stars} gwiazdkami",
            other: "Pokazujemy nasze opinie z co najmniej {stars} gwiazdkami",
        },
    },
    #[cfg(not(target_arch = "wasm32"))]
    server: ServerMessages {
        rating_caption: Plural {
            one: "{rating} · {n} opinia",
            few: "{rating} · {n} opinie",
            many: "{rating} · {n} opinii",
            other: "{rating} · {n} opinii",
        },
    },
};
