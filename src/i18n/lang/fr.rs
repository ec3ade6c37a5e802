//! French UI text.

use crate::i18n::messages::*;

/// Every message in French.
pub const MESSAGES: Messages = Messages {
    common: CommonMessages {
        rated_out_of_5: "Noté {rating} sur 5",
        rating_label: Plural {
            one: "Noté {rating} sur 5, {n} avis",
            few: "Noté {rating} sur 5, {n} avis",
            many: "Noté {rating} sur 5, {n} avis",
            other: "Noté {rating} sur 5, {n} avis",
        },
        no_rating: "Pas encore de note",
        review_count: Plural {
            one: "{n} avis",
            few: "{n} avis",
            many: "{n} avis",
            other: "{n} avis",
        },
        out_of_5: "sur 5",
    },
    #[cfg(any(stele_reviews, stele_testimonials))]
    cards: CardMessages {
        verified_buyer: "Achat vérifié",
        read_more: "Lire la suite",
        read_less: "Réduire",
        load_more: "Plus d’avis",
        empty: "Aucun avis pour le moment",
    },
    #[cfg(stele_reviews)]
    reviews: ReviewMessages {
        sort_by: "Trier par",
        sort_newest: "Plus récents",
        sort_oldest: "Plus anciens",
        sort_highest: "Mieux notés",
        sort_lowest: "Moins bien notés",
        with_comment: "Avec commentaire",
        search: "Rechercher dans les avis",
        empty_filtered: "Aucun avis ne correspond",
        show_all: "Tous les avis",
        stars_row: Plural {
            one: "{stars} étoile",
            few: "{stars} étoiles",
            many: "{stars} étoiles",
            other: "{stars} étoiles",
        },
        histogram_row: Plural {
            one: "{row}, {n} avis",
            few: "{row}, {n} avis",
            many: "{row}, {n} avis",
            other: "{row}, {n} avis",
        },
        showing: "{shown} sur {total} affichés",
        reviews_title: "Avis clients",
        disclosure_title: "Comment les avis sont collectés",
        disclosure_collected: "Seuls les clients ayant passé commande peuvent laisser un avis : chacun répond à l’e-mail que nous envoyons après l’achat. Les avis ne sont pas modifiés.",
        disclosure_all_shown: "Tous les avis sont affichés, positifs comme négatifs.",
        disclosure_min_stars: Plural {
            one: "Seuls les avis d’au moins {stars} étoile sont listés ici ; la moyenne et le nombre d’avis les comptent tous.",
            few: "Seuls les avis d’au moins {stars} étoiles sont listés ici ; la moyenne et le nombre d’avis les comptent tous.",
            many: "Seuls les avis d’au moins {stars} étoiles sont listés ici ; la moyenne et le nombre d’avis les comptent tous.",
            other: "Seuls les avis d’au moins {stars} étoiles sont listés ici ; la moyenne et le nombre d’avis les comptent tous.",
        },
        disclosure_without_comment: "Les avis sans commentaire ne sont pas listés ; ils comptent dans la moyenne.",
        disclosure_hidden: "La boutique peut masquer un avis, par exemple pour des propos injurieux ou des données personnelles ; il compte toujours dans la moyenne.",
    },
    #[cfg(stele_testimonials)]
    testimonials: TestimonialMessages {
        previous: "Précédent",
        next: "Suivant",
        pause: "Pause",
        play: "Lecture",
        testimonials_title: "Ce que disent nos clients",
        testimonials_min_stars: Plural {
            one: "Nous affichons nos avis de {stars} étoile ou plus",
            few: "Nous affichons nos avis de {stars} étoiles ou plus",
            many: "Nous affichons nos avis de {stars} étoiles ou plus",
            other: "Nous affichons nos avis de {stars} étoiles ou plus",
        },
    },
    #[cfg(not(target_arch = "wasm32"))]
    server: ServerMessages {
        rating_caption: Plural {
            one: "{rating} · {n} avis",
            few: "{rating} · {n} avis",
            many: "{rating} · {n} avis",
            other: "{rating} · {n} avis",
        },
    },
};
