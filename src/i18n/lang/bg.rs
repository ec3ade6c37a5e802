//! Bulgarian UI text.

use crate::i18n::messages::{Messages, Plural};

/// Every message in Bulgarian.
pub const MESSAGES: Messages = Messages {
    rated_out_of_5: "Оценка {rating} от 5",
    rating_label: Plural {
        one: "Оценка {rating} от 5, {n} отзив",
        few: "Оценка {rating} от 5, {n} отзива",
        many: "Оценка {rating} от 5, {n} отзива",
        other: "Оценка {rating} от 5, {n} отзива",
    },
    no_rating: "Все още няма оценка",
    review_count: Plural {
        one: "{n} отзив",
        few: "{n} отзива",
        many: "{n} отзива",
        other: "{n} отзива",
    },
    out_of_5: "от 5",
    #[cfg(any(stele_reviews, stele_testimonials))]
    verified_buyer: "Потвърден купувач",
    #[cfg(stele_reviews)]
    sort_by: "Сортиране",
    #[cfg(stele_reviews)]
    sort_newest: "Най-нови",
    #[cfg(stele_reviews)]
    sort_oldest: "Най-стари",
    #[cfg(stele_reviews)]
    sort_highest: "Най-висока оценка",
    #[cfg(stele_reviews)]
    sort_lowest: "Най-ниска оценка",
    #[cfg(stele_reviews)]
    with_comment: "Само с коментари",
    #[cfg(stele_reviews)]
    search: "Търсене в отзивите",
    #[cfg(stele_reviews)]
    load_more: "Още отзиви",
    #[cfg(any(stele_reviews, stele_testimonials))]
    read_more: "Още",
    #[cfg(any(stele_reviews, stele_testimonials))]
    read_less: "По-малко",
    #[cfg(stele_reviews)]
    empty: "Все още няма отзиви",
    #[cfg(stele_reviews)]
    empty_filtered: "Няма съвпадащи отзиви",
    #[cfg(stele_reviews)]
    show_all: "Всички отзиви",
    #[cfg(stele_reviews)]
    stars_row: Plural {
        one: "{stars} звезда",
        few: "{stars} звезди",
        many: "{stars} звезди",
        other: "{stars} звезди",
    },
    #[cfg(stele_reviews)]
    histogram_row: Plural {
        one: "{row}, {n} отзив",
        few: "{row}, {n} отзива",
        many: "{row}, {n} отзива",
        other: "{row}, {n} отзива",
    },
    #[cfg(stele_reviews)]
    showing: "Показани {shown} от {total}",
    #[cfg(stele_testimonials)]
    previous: "Предишен",
    #[cfg(stele_testimonials)]
    next: "Следващ",
    #[cfg(stele_testimonials)]
    pause: "Пауза",
    #[cfg(stele_testimonials)]
    play: "Пусни",
    #[cfg(stele_testimonials)]
    testimonials_title: "Какво казват клиентите ни",
    #[cfg(stele_reviews)]
    reviews_title: "Отзиви от клиенти",
    #[cfg(not(target_arch = "wasm32"))]
    rating_caption: Plural {
        one: "{rating} · {n} отзив",
        few: "{rating} · {n} отзива",
        many: "{rating} · {n} отзива",
        other: "{rating} · {n} отзива",
    },
    #[cfg(stele_reviews)]
    disclosure_title: "Как се събират отзивите",
    #[cfg(stele_reviews)]
    disclosure_collected: "Само клиенти, направили поръчка, могат да оставят отзив: всеки отговаря на имейла, който изпращаме след покупката. Отзивите не се редактират.",
    #[cfg(stele_reviews)]
    disclosure_all_shown: "Показват се всички отзиви, положителни и отрицателни.",
    #[cfg(stele_reviews)]
    disclosure_min_stars: Plural {
        one: "Тук са показани само отзиви с поне {stars} звезда; средната оценка и броят на отзивите включват всички.",
        few: "Тук са показани само отзиви с поне {stars} звезди; средната оценка и броят на отзивите включват всички.",
        many: "Тук са показани само отзиви с поне {stars} звезди; средната оценка и броят на отзивите включват всички.",
        other: "Тук са показани само отзиви с поне {stars} звезди; средната оценка и броят на отзивите включват всички.",
    },
    #[cfg(stele_reviews)]
    disclosure_without_comment: "Отзивите без коментар не се показват; те се включват в средната оценка.",
    #[cfg(stele_reviews)]
    disclosure_hidden: "Магазинът може да скрие отзив, например заради обидни думи или лични данни; той продължава да се включва в средната оценка.",
};
