//! Star rating variants.

/// How large the stars are drawn; the exact size comes from `--stele-star-size`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StarSize {
    /// Badges and review cards.
    #[default]
    Small,
    /// The summary's headline rating.
    Large,
}

impl StarSize {
    /// The CSS classes.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Small => "stele-stars stele-stars--small",
            Self::Large => "stele-stars stele-stars--large",
        }
    }
}

/// Width, in SVG user units, of the filled part for `stars` (0–5), rounded to a tenth of a
/// star by the one rounding rule (`stele_core::round_to_tenth`). Each star sits centred in
/// a 24-unit cell, so half a star fills exactly half of the glyph.
pub fn fill_width(stars: Option<f64>) -> f64 {
    let stars = stele_core::round_to_tenth(stars.unwrap_or(0.0).clamp(0.0, 5.0));
    stars * 24.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_is_a_tenth_of_a_star_precise() {
        assert_eq!(fill_width(Some(0.0)), 0.0);
        assert_eq!(fill_width(Some(0.5)), 12.0);
        assert!((fill_width(Some(2.26)) - 2.3 * 24.0).abs() < 1e-9);
        assert_eq!(fill_width(Some(4.5)), 108.0);
        assert_eq!(fill_width(Some(5.0)), 120.0);
        assert_eq!(fill_width(None), 0.0);
        assert_eq!(fill_width(Some(7.0)), 120.0);
    }
}
