//! French UI text.

use crate::i18n::messages::{Messages, Plural};

/// Every message in French.
pub const MESSAGES: Messages = Messages {
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
    #[cfg(any(stele_reviews, stele_testimonials))]
    verified_buyer: "Achat vérifié",
    #[cfg(stele_reviews)]
    sort_by: "Trier par",
    #[cfg(stele_reviews)]
    sort_newest: "Plus récents",
    #[cfg(stele_reviews)]
    sort_oldest: "Plus anciens",
    #[cfg(stele_reviews)]
    sort_highest: "Mieux notés",
    #[cfg(stele_reviews)]
    sort_lowest: "Moins bien notés",
    #[cfg(stele_reviews)]
    with_comment: "Avec commentaire",
    #[cfg(stele_reviews)]
    search: "Rechercher dans les avis",
    #[cfg(stele_reviews)]
    load_more: "Plus d’avis",
    #[cfg(any(stele_reviews, stele_testimonials))]
    read_more: "Lire la suite",
    #[cfg(any(stele_reviews, stele_testimonials))]
    read_less: "Réduire",
    #[cfg(stele_reviews)]
    empty: "Aucun avis pour le moment",
    #[cfg(stele_reviews)]
    empty_filtered: "Aucun avis ne correspond",
    #[cfg(stele_reviews)]
    show_all: "Tous les avis",
    #[cfg(stele_reviews)]
    stars_row: Plural {
        one: "{stars} étoile",
        few: "{stars} étoiles",
        many: "{stars} étoiles",
        other: "{stars} étoiles",
    },
    #[cfg(stele_reviews)]
    histogram_row: Plural {
        one: "{row}, {n} avis",
        few: "{row}, {n} avis",
        many: "{row}, {n} avis",
        other: "{row}, {n} avis",
    },
    #[cfg(stele_reviews)]
    showing: "{shown} sur {total} affichés",
    #[cfg(stele_testimonials)]
    previous: "Précédent",
    #[cfg(stele_testimonials)]
    next: "Suivant",
    #[cfg(stele_testimonials)]
    pause: "Pause",
    #[cfg(stele_testimonials)]
    play: "Lecture",
    #[cfg(stele_testimonials)]
    testimonials_title: "Ce que disent nos clients",
    #[cfg(stele_reviews)]
    reviews_title: "Avis clients",
    #[cfg(not(target_arch = "wasm32"))]
    rating_caption: Plural {
        one: "{rating} · {n} avis",
        few: "{rating} · {n} avis",
        many: "{rating} · {n} avis",
        other: "{rating} · {n} avis",
    },
    #[cfg(stele_reviews)]
    disclosure_title: "Comment les avis sont collectés",
    #[cfg(stele_reviews)]
    disclosure_collected: "Seuls les clients ayant passé commande peuvent laisser un avis : chacun répond à l’e-mail que nous envoyons après l’achat. Les avis ne sont pas modifiés.",
    #[cfg(stele_reviews)]
    disclosure_all_shown: "Tous les avis sont affichés, positifs comme négatifs.",
    #[cfg(stele_reviews)]
    disclosure_min_stars: Plural {
        one: "Seuls les avis d’au moins {stars} étoile sont listés ici ; la moyenne et le nombre d’avis les comptent tous.",
        few: "Seuls les avis d’au moins {stars} étoiles sont listés ici ; la moyenne et le nombre d’avis les comptent tous.",
        many: "Seuls les avis d’au moins {stars} étoiles sont listés ici ; la moyenne et le nombre d’avis les comptent tous.",
        other: "Seuls les avis d’au moins {stars} étoiles sont listés ici ; la moyenne et le nombre d’avis les comptent tous.",
    },
    #[cfg(stele_reviews)]
    disclosure_without_comment: "Les avis sans commentaire ne sont pas listés ; ils comptent dans la moyenne.",
    #[cfg(stele_reviews)]
    disclosure_hidden: "La boutique peut masquer un avis, par exemple pour des propos injurieux ou des données personnelles ; il compte toujours dans la moyenne.",
};
