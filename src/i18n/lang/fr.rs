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
    verified_buyer: "Achat vérifié",
    sort_by: "Trier par",
    sort_newest: "Plus récents",
    sort_oldest: "Plus anciens",
    sort_highest: "Mieux notés",
    sort_lowest: "Moins bien notés",
    with_comment: "Avec commentaire",
    search: "Rechercher dans les avis",
    load_more: "Plus d’avis",
    read_more: "Lire la suite",
    read_less: "Réduire",
    empty: "Aucun avis pour le moment",
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
    previous: "Précédent",
    next: "Suivant",
    pause: "Pause",
    play: "Lecture",
    testimonials_title: "Ce que disent nos clients",
    reviews_title: "Avis clients",
};
