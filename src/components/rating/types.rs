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

/// Where each glyph starts inside its 24-unit cell, and how wide it is (from the path).
const GLYPH_LEFT: f64 = 2.26;
const GLYPH_WIDTH: f64 = 19.48;

/// Width, in SVG user units, of the filled part for `stars` (0–5), rounded to a tenth of a
/// star by the one rounding rule (`stele_core::round_to_tenth`). Whole stars fill their
/// 24-unit cells; the fraction is measured across the glyph itself, not its cell, so a tenth
/// shows as a tenth of the star (4.1 is visibly more than 4) and a half fills exactly half.
pub fn fill_width(stars: Option<f64>) -> f64 {
    let stars = stele_core::round_to_tenth(stars.unwrap_or(0.0).clamp(0.0, 5.0));
    let whole = stars.floor();
    let fraction = stars - whole;
    let partial = if fraction > 0.0 {
        GLYPH_LEFT + fraction * GLYPH_WIDTH
    } else {
        0.0
    };
    whole * 24.0 + partial
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_is_a_tenth_of_a_star_precise() {
        let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
        assert_eq!(fill_width(Some(0.0)), 0.0);
        assert!(
            close(fill_width(Some(0.5)), 12.0),
            "half the glyph: its centre"
        );
        assert!(close(
            fill_width(Some(2.26)),
            48.0 + GLYPH_LEFT + 0.3 * GLYPH_WIDTH
        ));
        assert!(close(fill_width(Some(4.5)), 108.0));
        assert_eq!(fill_width(Some(4.0)), 96.0);
        assert_eq!(fill_width(Some(5.0)), 120.0);
        assert_eq!(fill_width(None), 0.0);
        assert_eq!(fill_width(Some(7.0)), 120.0);
        // A tenth shows: it covers a tenth of the glyph, not a sliver of its cell's margin.
        let tenth = fill_width(Some(4.1)) - 96.0 - GLYPH_LEFT;
        assert!(close(tenth, GLYPH_WIDTH / 10.0));
        let nine_tenths = 96.0 + GLYPH_LEFT + GLYPH_WIDTH - fill_width(Some(4.9));
        assert!(close(nine_tenths, GLYPH_WIDTH / 10.0));
    }

    #[test]
    fn fill_grows_with_every_tenth() {
        let widths: Vec<f64> = (0..=50)
            .map(|t| fill_width(Some(f64::from(t) / 10.0)))
            .collect();
        assert!(
            widths.windows(2).all(|pair| pair[1] > pair[0]),
            "{widths:?}"
        );
    }
}
