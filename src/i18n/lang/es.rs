//! Spanish UI text.

use crate::i18n::messages::{Messages, Plural};

/// Every message in Spanish.
pub const MESSAGES: Messages = Messages {
    rated_out_of_5: "Valorado con {rating} de 5",
    rating_label: Plural {
        one: "Valorado con {rating} de 5, {n} reseña",
        few: "Valorado con {rating} de 5, {n} reseñas",
        many: "Valorado con {rating} de 5, {n} reseñas",
        other: "Valorado con {rating} de 5, {n} reseñas",
    },
    no_rating: "Aún sin valoración",
    review_count: Plural {
        one: "{n} reseña",
        few: "{n} reseñas",
        many: "{n} reseñas",
        other: "{n} reseñas",
    },
    out_of_5: "de 5",
    verified_buyer: "Compra verificada",
    sort_by: "Ordenar por",
    sort_newest: "Más recientes",
    sort_oldest: "Más antiguas",
    sort_highest: "Mejor valoradas",
    sort_lowest: "Peor valoradas",
    with_comment: "Solo con comentario",
    search: "Buscar en las reseñas",
    load_more: "Más reseñas",
    read_more: "Leer más",
    read_less: "Mostrar menos",
    empty: "Todavía no hay reseñas",
    empty_filtered: "Ninguna reseña coincide",
    show_all: "Todas las reseñas",
    stars_row: Plural {
        one: "{stars} estrella",
        few: "{stars} estrellas",
        many: "{stars} estrellas",
        other: "{stars} estrellas",
    },
    histogram_row: Plural {
        one: "{row}, {n} reseña",
        few: "{row}, {n} reseñas",
        many: "{row}, {n} reseñas",
        other: "{row}, {n} reseñas",
    },
    showing: "Mostrando {shown} de {total}",
    previous: "Anterior",
    next: "Siguiente",
    pause: "Pausa",
    play: "Reproducir",
    testimonials_title: "Lo que dicen nuestros clientes",
    reviews_title: "Opiniones de clientes",
};
