//! UI strings in the nine shop languages; any one can be overridden per element
//! (`text-{key}` attribute, `strings` option or prop).

use super::{Lang, PluralCategory};

/// A UI string. Its attribute name is `text-` + [`Key::as_str`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    /// "Rated {rating} out of 5".
    RatedOutOf5,
    /// "No rating yet".
    NoRating,
    /// "{n} reviews" (plural forms).
    ReviewCount,
    /// "out of 5" next to the average.
    OutOf5,
    /// "Verified buyer".
    VerifiedBuyer,
    /// "Sort by".
    SortBy,
    /// "Newest".
    SortNewest,
    /// "Oldest".
    SortOldest,
    /// "Highest rated".
    SortHighest,
    /// "Lowest rated".
    SortLowest,
    /// "Only with comments".
    WithComment,
    /// "Search reviews".
    Search,
    /// "Show more reviews".
    LoadMore,
    /// "Read more".
    ReadMore,
    /// "Show less".
    ReadLess,
    /// "No reviews yet".
    Empty,
    /// "No reviews match".
    EmptyFiltered,
    /// "Show all reviews".
    ShowAll,
    /// "{stars} stars" histogram row (plural forms).
    StarsRow,
    /// "Showing {shown} of {total}": announced to screen readers when the list changes.
    Showing,
    /// "Previous".
    Previous,
    /// "Next".
    Next,
    /// "Pause".
    Pause,
    /// "Play".
    Play,
    /// "What our customers say".
    TestimonialsTitle,
    /// "Customer reviews".
    ReviewsTitle,
}

impl Key {
    /// Every key.
    pub const ALL: [Key; 26] = [
        Self::RatedOutOf5,
        Self::NoRating,
        Self::ReviewCount,
        Self::OutOf5,
        Self::VerifiedBuyer,
        Self::SortBy,
        Self::SortNewest,
        Self::SortOldest,
        Self::SortHighest,
        Self::SortLowest,
        Self::WithComment,
        Self::Search,
        Self::LoadMore,
        Self::ReadMore,
        Self::ReadLess,
        Self::Empty,
        Self::EmptyFiltered,
        Self::ShowAll,
        Self::StarsRow,
        Self::Showing,
        Self::Previous,
        Self::Next,
        Self::Pause,
        Self::Play,
        Self::TestimonialsTitle,
        Self::ReviewsTitle,
    ];

    /// Whether the string has plural forms ([`Strings::plural`], not [`Strings::get`]).
    pub fn is_counted(self) -> bool {
        matches!(self, Self::ReviewCount | Self::StarsRow)
    }

    /// The override name: `text-verified-buyer` / `strings: {"verified-buyer": …}`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::RatedOutOf5 => "rated-out-of-5",
            Self::NoRating => "no-rating",
            Self::ReviewCount => "review-count",
            Self::OutOf5 => "out-of-5",
            Self::VerifiedBuyer => "verified-buyer",
            Self::SortBy => "sort-by",
            Self::SortNewest => "sort-newest",
            Self::SortOldest => "sort-oldest",
            Self::SortHighest => "sort-highest",
            Self::SortLowest => "sort-lowest",
            Self::WithComment => "with-comment",
            Self::Search => "search",
            Self::LoadMore => "load-more",
            Self::ReadMore => "read-more",
            Self::ReadLess => "read-less",
            Self::Empty => "empty",
            Self::EmptyFiltered => "empty-filtered",
            Self::ShowAll => "show-all",
            Self::StarsRow => "stars-row",
            Self::Showing => "showing",
            Self::Previous => "previous",
            Self::Next => "next",
            Self::Pause => "pause",
            Self::Play => "play",
            Self::TestimonialsTitle => "testimonials-title",
            Self::ReviewsTitle => "reviews-title",
        }
    }

    /// The key of an override name, accepting `verified-buyer` and `verifiedBuyer`.
    pub fn from_name(name: &str) -> Option<Self> {
        let kebab: String = name
            .chars()
            .flat_map(|c| {
                if c.is_ascii_uppercase() {
                    vec!['-', c.to_ascii_lowercase()]
                } else {
                    vec![c]
                }
            })
            .collect();
        let kebab = kebab.replace("out-of5", "out-of-5");
        Self::ALL.into_iter().find(|key| key.as_str() == kebab)
    }
}

/// Columns: en, ro, hu, bg, de, fr, es, it, pl.
const TABLE: [(Key, [&str; 9]); 24] = [
    (
        Key::Showing,
        [
            "Showing {shown} of {total}",
            "Se afișează {shown} din {total}",
            "{total} közül {shown} látható",
            "Показани {shown} от {total}",
            "{shown} von {total} angezeigt",
            "{shown} sur {total} affichés",
            "Mostrando {shown} de {total}",
            "Visualizzati {shown} di {total}",
            "Wyświetlono {shown} z {total}",
        ],
    ),
    (
        Key::RatedOutOf5,
        [
            "Rated {rating} out of 5",
            "Evaluat cu {rating} din 5",
            "Értékelés: {rating} / 5",
            "Оценка {rating} от 5",
            "Bewertet mit {rating} von 5",
            "Noté {rating} sur 5",
            "Valorado con {rating} de 5",
            "Valutato {rating} su 5",
            "Ocena {rating} na 5",
        ],
    ),
    (
        Key::NoRating,
        [
            "No rating yet",
            "Încă nicio evaluare",
            "Még nincs értékelés",
            "Все още няма оценка",
            "Noch keine Bewertung",
            "Pas encore de note",
            "Aún sin valoración",
            "Ancora nessuna valutazione",
            "Brak ocen",
        ],
    ),
    (
        Key::OutOf5,
        [
            "out of 5", "din 5", "/ 5", "от 5", "von 5", "sur 5", "de 5", "su 5", "na 5",
        ],
    ),
    (
        Key::VerifiedBuyer,
        [
            "Verified buyer",
            "Cumpărător verificat",
            "Ellenőrzött vásárló",
            "Потвърден купувач",
            "Verifizierter Kauf",
            "Achat vérifié",
            "Compra verificada",
            "Acquisto verificato",
            "Zweryfikowany zakup",
        ],
    ),
    (
        Key::SortBy,
        [
            "Sort by",
            "Sortează după",
            "Rendezés",
            "Сортиране",
            "Sortieren nach",
            "Trier par",
            "Ordenar por",
            "Ordina per",
            "Sortuj według",
        ],
    ),
    (
        Key::SortNewest,
        [
            "Newest",
            "Cele mai noi",
            "Legújabb",
            "Най-нови",
            "Neueste",
            "Plus récents",
            "Más recientes",
            "Più recenti",
            "Najnowsze",
        ],
    ),
    (
        Key::SortOldest,
        [
            "Oldest",
            "Cele mai vechi",
            "Legrégebbi",
            "Най-стари",
            "Älteste",
            "Plus anciens",
            "Más antiguas",
            "Meno recenti",
            "Najstarsze",
        ],
    ),
    (
        Key::SortHighest,
        [
            "Highest rated",
            "Cele mai bune",
            "Legjobb értékelés",
            "Най-висока оценка",
            "Beste Bewertung",
            "Mieux notés",
            "Mejor valoradas",
            "Valutazione più alta",
            "Najwyżej oceniane",
        ],
    ),
    (
        Key::SortLowest,
        [
            "Lowest rated",
            "Cele mai slabe",
            "Legrosszabb értékelés",
            "Най-ниска оценка",
            "Schlechteste Bewertung",
            "Moins bien notés",
            "Peor valoradas",
            "Valutazione più bassa",
            "Najniżej oceniane",
        ],
    ),
    (
        Key::WithComment,
        [
            "Only with comments",
            "Doar cu comentarii",
            "Csak szöveges értékelések",
            "Само с коментари",
            "Nur mit Kommentar",
            "Avec commentaire",
            "Solo con comentario",
            "Solo con commento",
            "Tylko z komentarzem",
        ],
    ),
    (
        Key::Search,
        [
            "Search reviews",
            "Caută în recenzii",
            "Keresés az értékelésekben",
            "Търсене в отзивите",
            "Bewertungen durchsuchen",
            "Rechercher dans les avis",
            "Buscar en las reseñas",
            "Cerca nelle recensioni",
            "Szukaj w opiniach",
        ],
    ),
    (
        Key::LoadMore,
        [
            "Show more reviews",
            "Mai multe recenzii",
            "További értékelések",
            "Още отзиви",
            "Weitere Bewertungen",
            "Plus d’avis",
            "Más reseñas",
            "Altre recensioni",
            "Więcej opinii",
        ],
    ),
    (
        Key::ReadMore,
        [
            "Read more",
            "Citește mai mult",
            "Tovább",
            "Още",
            "Weiterlesen",
            "Lire la suite",
            "Leer más",
            "Leggi tutto",
            "Czytaj dalej",
        ],
    ),
    (
        Key::ReadLess,
        [
            "Show less",
            "Arată mai puțin",
            "Kevesebb",
            "По-малко",
            "Weniger",
            "Réduire",
            "Mostrar menos",
            "Mostra meno",
            "Zwiń",
        ],
    ),
    (
        Key::Empty,
        [
            "No reviews yet",
            "Încă nu există recenzii",
            "Még nincs értékelés",
            "Все още няма отзиви",
            "Noch keine Bewertungen",
            "Aucun avis pour le moment",
            "Todavía no hay reseñas",
            "Ancora nessuna recensione",
            "Brak opinii",
        ],
    ),
    (
        Key::EmptyFiltered,
        [
            "No reviews match",
            "Nicio recenzie nu corespunde",
            "Nincs ilyen értékelés",
            "Няма съвпадащи отзиви",
            "Keine passenden Bewertungen",
            "Aucun avis ne correspond",
            "Ninguna reseña coincide",
            "Nessuna recensione corrisponde",
            "Brak pasujących opinii",
        ],
    ),
    (
        Key::ShowAll,
        [
            "Show all reviews",
            "Toate recenziile",
            "Összes értékelés",
            "Всички отзиви",
            "Alle Bewertungen",
            "Tous les avis",
            "Todas las reseñas",
            "Tutte le recensioni",
            "Wszystkie opinie",
        ],
    ),
    (
        Key::Previous,
        [
            "Previous",
            "Anterior",
            "Előző",
            "Предишен",
            "Zurück",
            "Précédent",
            "Anterior",
            "Precedente",
            "Poprzedni",
        ],
    ),
    (
        Key::Next,
        [
            "Next",
            "Următor",
            "Következő",
            "Следващ",
            "Weiter",
            "Suivant",
            "Siguiente",
            "Successivo",
            "Następny",
        ],
    ),
    (
        Key::Pause,
        [
            "Pause",
            "Pauză",
            "Szünet",
            "Пауза",
            "Pause",
            "Pause",
            "Pausa",
            "Pausa",
            "Wstrzymaj",
        ],
    ),
    (
        Key::Play,
        [
            "Play",
            "Pornește",
            "Lejátszás",
            "Пусни",
            "Abspielen",
            "Lecture",
            "Reproducir",
            "Riproduci",
            "Odtwórz",
        ],
    ),
    (
        Key::TestimonialsTitle,
        [
            "What our customers say",
            "Ce spun clienții noștri",
            "Vásárlóink mondták",
            "Какво казват клиентите ни",
            "Das sagen unsere Kunden",
            "Ce que disent nos clients",
            "Lo que dicen nuestros clientes",
            "Cosa dicono i nostri clienti",
            "Co mówią nasi klienci",
        ],
    ),
    (
        Key::ReviewsTitle,
        [
            "Customer reviews",
            "Recenzii de la clienți",
            "Vásárlói értékelések",
            "Отзиви от клиенти",
            "Kundenbewertungen",
            "Avis clients",
            "Opiniones de clientes",
            "Recensioni dei clienti",
            "Opinie klientów",
        ],
    ),
];

/// "{stars} stars" by plural category: (one, few, many, other) for each language.
const STARS_ROW: [[&str; 4]; 9] = [
    [
        "{stars} star",
        "{stars} stars",
        "{stars} stars",
        "{stars} stars",
    ],
    [
        "{stars} stea",
        "{stars} stele",
        "{stars} de stele",
        "{stars} de stele",
    ],
    [
        "{stars} csillag",
        "{stars} csillag",
        "{stars} csillag",
        "{stars} csillag",
    ],
    [
        "{stars} звезда",
        "{stars} звезди",
        "{stars} звезди",
        "{stars} звезди",
    ],
    [
        "{stars} Stern",
        "{stars} Sterne",
        "{stars} Sterne",
        "{stars} Sterne",
    ],
    [
        "{stars} étoile",
        "{stars} étoiles",
        "{stars} étoiles",
        "{stars} étoiles",
    ],
    [
        "{stars} estrella",
        "{stars} estrellas",
        "{stars} estrellas",
        "{stars} estrellas",
    ],
    [
        "{stars} stella",
        "{stars} stelle",
        "{stars} stelle",
        "{stars} stelle",
    ],
    [
        "{stars} gwiazdka",
        "{stars} gwiazdki",
        "{stars} gwiazdek",
        "{stars} gwiazdki",
    ],
];

/// "{n} reviews" by plural category: (one, few, many, other) for each language.
const REVIEW_COUNT: [[&str; 4]; 9] = [
    ["{n} review", "{n} reviews", "{n} reviews", "{n} reviews"],
    [
        "{n} recenzie",
        "{n} recenzii",
        "{n} de recenzii",
        "{n} de recenzii",
    ],
    [
        "{n} értékelés",
        "{n} értékelés",
        "{n} értékelés",
        "{n} értékelés",
    ],
    ["{n} отзив", "{n} отзива", "{n} отзива", "{n} отзива"],
    [
        "{n} Bewertung",
        "{n} Bewertungen",
        "{n} Bewertungen",
        "{n} Bewertungen",
    ],
    ["{n} avis", "{n} avis", "{n} avis", "{n} avis"],
    ["{n} reseña", "{n} reseñas", "{n} reseñas", "{n} reseñas"],
    [
        "{n} recensione",
        "{n} recensioni",
        "{n} recensioni",
        "{n} recensioni",
    ],
    ["{n} opinia", "{n} opinie", "{n} opinii", "{n} opinii"],
];

/// The strings of one element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Strings {
    lang: Lang,
    overrides: Vec<(Key, String)>,
}

fn column(lang: Lang) -> usize {
    Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0)
}

impl Strings {
    /// `lang`'s strings with `overrides` (name, text); unknown names are ignored.
    pub fn new(lang: Lang, overrides: &[(String, String)]) -> Self {
        let overrides = overrides
            .iter()
            .filter_map(|(name, text)| Key::from_name(name).map(|key| (key, text.clone())))
            .collect();
        Self { lang, overrides }
    }

    /// The text of `key`.
    pub fn get(&self, key: Key) -> &str {
        if let Some((_, text)) = self.overrides.iter().find(|(k, _)| *k == key) {
            return text;
        }
        TABLE
            .iter()
            .find(|(k, _)| *k == key)
            .map_or("", |(_, texts)| texts[column(self.lang)])
    }

    /// The form of a counted string ([`Key::is_counted`]) for `category`. An override holds
    /// one form for every count, or the forms one|few|many|other separated by `|` (a
    /// language without some category repeats a neighbour: `{n} avis|{n} avis|{n} avis|{n} avis`).
    pub fn plural(&self, key: Key, category: PluralCategory) -> &str {
        let slot = match category {
            PluralCategory::One => 0,
            PluralCategory::Few | PluralCategory::Two => 1,
            PluralCategory::Many => 2,
            PluralCategory::Zero | PluralCategory::Other => 3,
        };
        if let Some((_, text)) = self.overrides.iter().find(|(k, _)| *k == key) {
            let forms: Vec<&str> = text.split('|').collect();
            return forms
                .get(slot)
                .or(forms.last())
                .copied()
                .unwrap_or_default();
        }
        let table = match key {
            Key::StarsRow => &STARS_ROW,
            _ => &REVIEW_COUNT,
        };
        table[column(self.lang)][slot]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_every_language() {
        for key in Key::ALL {
            for lang in Lang::ALL {
                let text = Strings::new(lang, &[]);
                let value = if key.is_counted() {
                    text.plural(key, PluralCategory::Other)
                } else {
                    text.get(key)
                };
                assert!(!value.is_empty(), "{key:?} in {lang:?}");
            }
            assert_eq!(Key::from_name(key.as_str()), Some(key));
        }
    }

    #[test]
    fn counted_overrides_take_one_form_or_four() {
        let one_form = Strings::new(Lang::Fr, &[("reviewCount".into(), "{n} notes".into())]);
        assert_eq!(
            one_form.plural(Key::ReviewCount, PluralCategory::One),
            "{n} notes"
        );
        let forms = Strings::new(
            Lang::Pl,
            &[(
                "starsRow".into(),
                "{stars} gw.|{stars} gw. (few)|{stars} gw. (many)|{stars} gw. (other)".into(),
            )],
        );
        assert_eq!(
            forms.plural(Key::StarsRow, PluralCategory::One),
            "{stars} gw."
        );
        assert_eq!(
            forms.plural(Key::StarsRow, PluralCategory::Few),
            "{stars} gw. (few)"
        );
        assert_eq!(
            forms.plural(Key::StarsRow, PluralCategory::Many),
            "{stars} gw. (many)"
        );
        assert_eq!(
            forms.plural(Key::StarsRow, PluralCategory::Other),
            "{stars} gw. (other)"
        );
        let two = Strings::new(
            Lang::En,
            &[("reviewCount".into(), "{n} opinion|{n} opinions".into())],
        );
        assert_eq!(
            two.plural(Key::ReviewCount, PluralCategory::Many),
            "{n} opinions"
        );
    }

    #[test]
    fn star_rows_agree_with_their_number() {
        let row = |lang, category| {
            Strings::new(lang, &[])
                .plural(Key::StarsRow, category)
                .to_owned()
        };
        assert_eq!(row(Lang::En, PluralCategory::One), "{stars} star");
        assert_eq!(row(Lang::Ro, PluralCategory::Few), "{stars} stele");
        assert_eq!(row(Lang::Pl, PluralCategory::Many), "{stars} gwiazdek");
        assert_eq!(row(Lang::Bg, PluralCategory::One), "{stars} звезда");
    }

    #[test]
    fn overrides_replace_one_string() {
        let strings = Strings::new(
            Lang::Ro,
            &[
                ("verifiedBuyer".into(), "Client verificat".into()),
                ("nope".into(), "x".into()),
            ],
        );
        assert_eq!(strings.get(Key::VerifiedBuyer), "Client verificat");
        assert_eq!(strings.get(Key::ReadMore), "Citește mai mult");
        assert_eq!(Key::from_name("ratedOutOf5"), Some(Key::RatedOutOf5));
    }
}
