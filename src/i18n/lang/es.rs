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
    #[cfg(any(stele_reviews, stele_testimonials))]
    verified_buyer: "Compra verificada",
    #[cfg(stele_reviews)]
    sort_by: "Ordenar por",
    #[cfg(stele_reviews)]
    sort_newest: "Más recientes",
    #[cfg(stele_reviews)]
    sort_oldest: "Más antiguas",
    #[cfg(stele_reviews)]
    sort_highest: "Mejor valoradas",
    #[cfg(stele_reviews)]
    sort_lowest: "Peor valoradas",
    #[cfg(stele_reviews)]
    with_comment: "Solo con comentario",
    #[cfg(stele_reviews)]
    search: "Buscar en las reseñas",
    #[cfg(stele_reviews)]
    load_more: "Más reseñas",
    #[cfg(any(stele_reviews, stele_testimonials))]
    read_more: "Leer más",
    #[cfg(any(stele_reviews, stele_testimonials))]
    read_less: "Mostrar menos",
    #[cfg(stele_reviews)]
    empty: "Todavía no hay reseñas",
    #[cfg(stele_reviews)]
    empty_filtered: "Ninguna reseña coincide",
    #[cfg(stele_reviews)]
    show_all: "Todas las reseñas",
    #[cfg(stele_reviews)]
    stars_row: Plural {
        one: "{stars} estrella",
        few: "{stars} estrellas",
        many: "{stars} estrellas",
        other: "{stars} estrellas",
    },
    #[cfg(stele_reviews)]
    histogram_row: Plural {
        one: "{row}, {n} reseña",
        few: "{row}, {n} reseñas",
        many: "{row}, {n} reseñas",
        other: "{row}, {n} reseñas",
    },
    #[cfg(stele_reviews)]
    showing: "Mostrando {shown} de {total}",
    #[cfg(stele_testimonials)]
    previous: "Anterior",
    #[cfg(stele_testimonials)]
    next: "Siguiente",
    #[cfg(stele_testimonials)]
    pause: "Pausa",
    #[cfg(stele_testimonials)]
    play: "Reproducir",
    #[cfg(stele_testimonials)]
    testimonials_title: "Lo que dicen nuestros clientes",
    #[cfg(stele_reviews)]
    reviews_title: "Opiniones de clientes",
    #[cfg(not(target_arch = "wasm32"))]
    rating_caption: Plural {
        one: "{rating} · {n} reseña",
        few: "{rating} · {n} reseñas",
        many: "{rating} · {n} reseñas",
        other: "{rating} · {n} reseñas",
    },
    #[cfg(stele_reviews)]
    disclosure_title: "Cómo se recogen las reseñas",
    #[cfg(stele_reviews)]
    disclosure_collected: "Solo los clientes que han hecho un pedido pueden dejar una reseña: cada una responde al correo que enviamos después de la compra. Las reseñas no se editan.",
    #[cfg(stele_reviews)]
    disclosure_all_shown: "Se muestran todas las reseñas, positivas y negativas.",
    #[cfg(stele_reviews)]
    disclosure_min_stars: Plural {
        one: "Aquí solo se listan las reseñas de {stars} estrella o más; la media y el número de reseñas las cuentan todas.",
        few: "Aquí solo se listan las reseñas de {stars} estrellas o más; la media y el número de reseñas las cuentan todas.",
        many: "Aquí solo se listan las reseñas de {stars} estrellas o más; la media y el número de reseñas las cuentan todas.",
        other: "Aquí solo se listan las reseñas de {stars} estrellas o más; la media y el número de reseñas las cuentan todas.",
    },
    #[cfg(stele_reviews)]
    disclosure_without_comment: "Las reseñas sin comentario no se listan; cuentan en la media.",
    #[cfg(stele_reviews)]
    disclosure_hidden: "La tienda puede ocultar una reseña, por ejemplo por palabras ofensivas o datos personales; sigue contando en la media.",
};
