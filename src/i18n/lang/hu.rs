//! Hungarian UI text.

use crate::i18n::messages::{Messages, Plural};

/// Every message in Hungarian.
pub const MESSAGES: Messages = Messages {
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
    #[cfg(any(stele_reviews, stele_testimonials))]
    verified_buyer: "Ellenőrzött vásárló",
    #[cfg(stele_reviews)]
    sort_by: "Rendezés",
    #[cfg(stele_reviews)]
    sort_newest: "Legújabb",
    #[cfg(stele_reviews)]
    sort_oldest: "Legrégebbi",
    #[cfg(stele_reviews)]
    sort_highest: "Legjobb értékelés",
    #[cfg(stele_reviews)]
    sort_lowest: "Legrosszabb értékelés",
    #[cfg(stele_reviews)]
    with_comment: "Csak szöveges értékelések",
    #[cfg(stele_reviews)]
    search: "Keresés az értékelésekben",
    #[cfg(stele_reviews)]
    load_more: "További értékelések",
    #[cfg(any(stele_reviews, stele_testimonials))]
    read_more: "Tovább",
    #[cfg(any(stele_reviews, stele_testimonials))]
    read_less: "Kevesebb",
    #[cfg(stele_reviews)]
    empty: "Még nincs értékelés",
    #[cfg(stele_reviews)]
    empty_filtered: "Nincs ilyen értékelés",
    #[cfg(stele_reviews)]
    show_all: "Összes értékelés",
    #[cfg(stele_reviews)]
    stars_row: Plural {
        one: "{stars} csillag",
        few: "{stars} csillag",
        many: "{stars} csillag",
        other: "{stars} csillag",
    },
    #[cfg(stele_reviews)]
    histogram_row: Plural {
        one: "{row}, {n} értékelés",
        few: "{row}, {n} értékelés",
        many: "{row}, {n} értékelés",
        other: "{row}, {n} értékelés",
    },
    #[cfg(stele_reviews)]
    showing: "{total} közül {shown} látható",
    #[cfg(stele_testimonials)]
    previous: "Előző",
    #[cfg(stele_testimonials)]
    next: "Következő",
    #[cfg(stele_testimonials)]
    pause: "Szünet",
    #[cfg(stele_testimonials)]
    play: "Lejátszás",
    #[cfg(stele_testimonials)]
    testimonials_title: "Vásárlóink mondták",
    #[cfg(stele_reviews)]
    reviews_title: "Vásárlói értékelések",
    #[cfg(not(target_arch = "wasm32"))]
    rating_caption: Plural {
        one: "{rating} · {n} értékelés",
        few: "{rating} · {n} értékelés",
        many: "{rating} · {n} értékelés",
        other: "{rating} · {n} értékelés",
    },
    #[cfg(stele_reviews)]
    disclosure_title: "Hogyan gyűjtjük az értékeléseket",
    #[cfg(stele_reviews)]
    disclosure_collected: "Csak rendelést leadott vásárlók írhatnak értékelést: mindegyik a vásárlás után küldött e-mailünkre válaszol. Az értékeléseket nem módosítjuk.",
    #[cfg(stele_reviews)]
    disclosure_all_shown: "Minden értékelést megjelenítünk, a pozitívakat és a negatívakat is.",
    #[cfg(stele_reviews)]
    disclosure_min_stars: Plural {
        one: "Itt csak a legalább {stars} csillagos értékelések szerepelnek; az átlag és az értékelések száma mindet tartalmazza.",
        few: "Itt csak a legalább {stars} csillagos értékelések szerepelnek; az átlag és az értékelések száma mindet tartalmazza.",
        many: "Itt csak a legalább {stars} csillagos értékelések szerepelnek; az átlag és az értékelések száma mindet tartalmazza.",
        other: "Itt csak a legalább {stars} csillagos értékelések szerepelnek; az átlag és az értékelések száma mindet tartalmazza.",
    },
    #[cfg(stele_reviews)]
    disclosure_without_comment: "A szöveg nélküli értékeléseket nem listázzuk; az átlagba beleszámítanak.",
    #[cfg(stele_reviews)]
    disclosure_hidden: "Az áruház elrejthet egy értékelést, például sértő szavak vagy személyes adatok miatt; az átlagba továbbra is beleszámít.",
};
