//! Spanish UI text.

use crate::i18n::messages::*;

/// Every message in Spanish.
pub const MESSAGES: Messages = Messages {
    common: CommonMessages {
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
    },
    #[cfg(any(stele_reviews, stele_testimonials))]
    cards: CardMessages {
        verified_buyer: "Compra verificada",
        read_more: "Leer más",
        read_less: "Mostrar menos",
        load_more: "Más reseñas",
        empty: "Todavía no hay reseñas",
    },
    #[cfg(stele_reviews)]
    reviews: ReviewMessages {
        sort_by: "Ordenar por",
        sort_newest: "Más recientes",
        sort_oldest: "Más antiguas",
        sort_highest: "Mejor valoradas",
        sort_lowest: "Peor valoradas",
        with_comment: "Solo con comentario",
        search: "Buscar en las reseñas",
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
        reviews_title: "Opiniones de clientes",
        disclosure_title: "Cómo se recogen las reseñas",
        disclosure_collected: "Solo los clientes que han hecho un pedido pueden dejar una reseña: cada una responde al correo que enviamos después de la compra. Las reseñas no se editan.",
        disclosure_all_shown: "Se muestran todas las reseñas, positivas y negativas.",
        disclosure_min_stars: Plural {
            one: "Aquí solo se listan las reseñas de {stars} estrella o más; la media y el número de reseñas las cuentan todas.",
            few: "Aquí solo se listan las reseñas de {stars} estrellas o más; la media y el número de reseñas las cuentan todas.",
            many: "Aquí solo se listan las reseñas de {stars} estrellas o más; la media y el número de reseñas las cuentan todas.",
            other: "Aquí solo se listan las reseñas de {stars} estrellas o más; la media y el número de reseñas las cuentan todas.",
        },
        disclosure_without_comment: "Las reseñas sin comentario no se listan; cuentan en la media.",
        disclosure_hidden: "La tienda puede ocultar una reseña, por ejemplo por palabras ofensivas o datos personales; sigue contando en la media.",
    },
    #[cfg(stele_testimonials)]
    testimonials: TestimonialMessages {
        previous: "Anterior",
        next: "Siguiente",
        pause: "Pausa",
        play: "Reproducir",
        testimonials_title: "Lo que dicen nuestros clientes",
        testimonials_min_stars: Plural {
            one: "Mostramos nuestras reseñas de {stars} estrella o más",
            few: "Mostramos nuestras reseñas de {stars} estrellas o más",
            many: "Mostramos nuestras reseñas de {stars} estrellas o más",
            other: "Mostramos nuestras reseñas de {stars} estrellas o más",
        },
    },
    #[cfg(not(target_arch = "wasm32"))]
    server: ServerMessages {
        rating_caption: Plural {
            one: "{rating} · {n} reseña",
            few: "{rating} · {n} reseñas",
            many: "{rating} · {n} reseñas",
            other: "{rating} · {n} reseñas",
        },
    },
};
