//! Hungarian UI text.

use crate::i18n::messages::*;

/// Every message in Hungarian.
pub const MESSAGES: Messages = Messages {
    common: CommonMessages {
        rated_out_of_5: "Értékelés: {rating} / 5",
        rating_label: Plural {
            one: "Értékelés: {rating} / 5, {n} értékelés",
            few: "Értékelés: {rating} / 5, {n} értékelés",
            many: "Értékelés: {rating} / 5, {n} értékelés",
            other: "Értékelés: {rating} / 5, {n} értékelés",
        },
        no_rating: "Még nincs értékelés",
        review_count: Plural {
            one: "{n} értékelés",
            few: "{n} értékelés",
            many: "{n} értékelés",
            other: "{n} értékelés",
        },
        out_of_5: "/ 5",
    },
    #[cfg(any(stele_reviews, stele_testimonials))]
    cards: CardMessages {
        verified_buyer: "Ellenőrzött vásárló",
        read_more: "Tovább",
        read_less: "Kevesebb",
        load_more: "További értékelések",
        empty: "Még nincs értékelés",
    },
    #[cfg(stele_reviews)]
    reviews: ReviewMessages {
        sort_by: "Rendezés",
        sort_newest: "Legújabb",
        sort_oldest: "Legrégebbi",
        sort_highest: "Legjobb értékelés",
        sort_lowest: "Legrosszabb értékelés",
        with_comment: "Csak szöveges értékelések",
        search: "Keresés az értékelésekben",
        empty_filtered: "Nincs ilyen értékelés",
        show_all: "Összes értékelés",
        stars_row: Plural {
            one: "{stars} csillag",
            few: "{stars} csillag",
            many: "{stars} csillag",
            other: "{stars} csillag",
        },
        histogram_row: Plural {
            one: "{row}, {n} értékelés",
            few: "{row}, {n} értékelés",
            many: "{row}, {n} értékelés",
            other: "{row}, {n} értékelés",
        },
        showing: "{total} közül {shown} látható",
        reviews_title: "Vásárlói értékelések",
        disclosure_title: "Hogyan gyűjtjük az értékeléseket",
        disclosure_collected: "Csak rendelést leadott vásárlók írhatnak értékelést: mindegyik a vásárlás után küldött e-mailünkre válaszol. Az értékeléseket nem módosítjuk.",
        disclosure_all_shown: "Minden értékelést megjelenítünk, a pozitívakat és a negatívakat is.",
        disclosure_min_stars: Plural {
            one: "Itt csak a legalább {stars} csillagos értékelések szerepelnek; az átlag és az értékelések száma mindet tartalmazza.",
            few: "Itt csak a legalább {stars} csillagos értékelések szerepelnek; az átlag és az értékelések száma mindet tartalmazza.",
            many: "Itt csak a legalább {stars} csillagos értékelések szerepelnek; az átlag és az értékelések száma mindet tartalmazza.",
            other: "Itt csak a legalább {stars} csillagos értékelések szerepelnek; az átlag és az értékelések száma mindet tartalmazza.",
        },
        disclosure_without_comment: "A szöveg nélküli értékeléseket nem listázzuk; az átlagba beleszámítanak.",
        disclosure_hidden: "Az áruház elrejthet egy értékelést, például sértő szavak vagy személyes adatok miatt; az átlagba továbbra is beleszámít.",
    },
    #[cfg(stele_testimonials)]
    testimonials: TestimonialMessages {
        previous: "Előző",
        next: "Következő",
        pause: "Szünet",
        play: "Lejátszás",
        testimonials_title: "Vásárlóink mondták",
        testimonials_min_stars: Plural {
            one: "A legalább {stars} csillagos értékeléseinket mutatjuk",
            few: "A legalább {stars} csillagos értékeléseinket mutatjuk",
            many: "A legalább {stars} csillagos értékeléseinket mutatjuk",
            other: "A legalább {stars} csillagos értékeléseinket mutatjuk",
        },
    },
    #[cfg(not(target_arch = "wasm32"))]
    server: ServerMessages {
        rating_caption: Plural {
            one: "{rating} · {n} értékelés",
            few: "{rating} · {n} értékelés",
            many: "{rating} · {n} értékelés",
            other: "{rating} · {n} értékelés",
        },
    },
};
