//! Bulgarian UI text.

use crate::i18n::messages::*;

/// Every message in Bulgarian.
pub const MESSAGES: Messages = Messages {
    common: CommonMessages {
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
    },
    #[cfg(any(stele_reviews, stele_testimonials))]
    cards: CardMessages {
        verified_buyer: "Потвърден купувач",
        read_more: "Още",
        read_less: "По-малко",
        load_more: "Още отзиви",
        empty: "Все още няма отзиви",
    },
    #[cfg(stele_reviews)]
    reviews: ReviewMessages {
        sort_by: "Сортиране",
        sort_newest: "Най-нови",
        sort_oldest: "Най-стари",
        sort_highest: "Най-висока оценка",
        sort_lowest: "Най-ниска оценка",
        with_comment: "Само с коментари",
        search: "Търсене в отзивите",
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
        reviews_title: "Отзиви от клиенти",
        disclosure_title: "Как се събират отзивите",
        disclosure_collected: "Само клиенти, направили поръчка, могат да оставят отзив: всеки отговаря на имейла, който изпращаме след покупката. Отзивите не се редактират.",
        disclosure_all_shown: "Показват се всички отзиви, положителни и отрицателни.",
        disclosure_min_stars: Plural {
            one: "Тук са показани само отзиви с поне {stars} звезда; средната оценка и броят на отзивите включват всички.",
            few: "Тук са показани само отзиви с поне {stars} звезди; средната оценка и броят на отзивите включват всички.",
            many: "Тук са показани само отзиви с поне {stars} звезди; средната оценка и броят на отзивите включват всички.",
            other: "Тук са показани само отзиви с поне {stars} звезди; средната оценка и броят на отзивите включват всички.",
        },
        disclosure_without_comment: "Отзивите без коментар не се показват; те се включват в средната оценка.",
        disclosure_hidden: "Магазинът може да скрие отзив, например заради обидни думи или лични данни; той продължава да се включва в средната оценка.",
    },
    #[cfg(stele_testimonials)]
    testimonials: TestimonialMessages {
        previous: "Предишен",
        next: "Следващ",
        pause: "Пауза",
        play: "Пусни",
        testimonials_title: "Какво казват клиентите ни",
        testimonials_min_stars: Plural {
            one: "Показваме отзивите си с {stars} звезда или повече",
            few: "Показваме отзивите си с {stars} звезди или повече",
            many: "Показваме отзивите си с {stars} звезди или повече",
            other: "Показваме отзивите си с {stars} звезди или повече",
        },
    },
    #[cfg(not(target_arch = "wasm32"))]
    server: ServerMessages {
        rating_caption: Plural {
            one: "{rating} · {n} отзив",
            few: "{rating} · {n} отзива",
            many: "{rating} · {n} отзива",
            other: "{rating} · {n} отзива",
        },
    },
};
