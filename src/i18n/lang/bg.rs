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
    verified_buyer: "Потвърден купувач",
    sort_by: "Сортиране",
    sort_newest: "Най-нови",
    sort_oldest: "Най-стари",
    sort_highest: "Най-висока оценка",
    sort_lowest: "Най-ниска оценка",
    with_comment: "Само с коментари",
    search: "Търсене в отзивите",
    load_more: "Още отзиви",
    read_more: "Още",
    read_less: "По-малко",
    empty: "Все още няма отзиви",
    empty_filtered: "Няма съвпадащи отзиви",
    show_all: "Всички отзиви",
    stars_row: Plural {
        one: "{stars} звезда",
        few: "{stars} звезди",
        many: "{stars} звезди",
        other: "{stars} звезди",
    },
    histogram_row: Plural {
        one: "{row}, {n} отзив",
        few: "{row}, {n} отзива",
        many: "{row}, {n} отзива",
        other: "{row}, {n} отзива",
    },
    showing: "Показани {shown} от {total}",
    previous: "Предишен",
    next: "Следващ",
    pause: "Пауза",
    play: "Пусни",
    testimonials_title: "Какво казват клиентите ни",
    reviews_title: "Отзиви от клиенти",
};
