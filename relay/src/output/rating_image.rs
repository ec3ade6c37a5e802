//! Rating images for email (`GET /v1/products/{id}/rating.png`, `/v1/shop/rating.png`):
//! five stars filled to the average, the average formatted for the language and the review
//! count, drawn on the server at twice the pixel density. Email clients run no scripts and
//! show SVG unreliably; every client shows a PNG. The font is built in (a subset of DejaVu
//! Sans, `relay/fonts/`): no system font is needed at run time.
//!
//! The `?v=` of image URLs is the read model's (`model::snapshot::rating_image_version`):
//! bump its `RATING_IMAGE_REVISION` when the drawing changes.

use ab_glyph::{Font, FontRef, PxScale, ScaleFont};
use stele::i18n::{I18n, Lang};
use stele_core::Summary;
use tiny_skia::{Color, FillRule, Mask, Paint, PathBuilder, Pixmap, Rect, Transform};

/// Pixels per CSS pixel: sharp on high-density screens when shown at the logical size.
pub const DENSITY: f32 = 2.0;
/// The logical height; the width follows the text.
pub const HEIGHT: f32 = 24.0;
const STAR: f32 = 20.0;
const GAP: f32 = 8.0;
const TEXT_SIZE: f32 = 15.0;

static FONT: &[u8] = include_bytes!("../../fonts/DejaVuSans-subset.ttf");

/// Colours for a light or a dark email background.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageTheme {
    /// Dark text, light grey empty stars.
    Light,
    /// Light text, dark grey empty stars.
    Dark,
}

impl ImageTheme {
    /// `light` or `dark`.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "light" => Some(Self::Light),
            "dark" => Some(Self::Dark),
            _ => None,
        }
    }

    fn text(self) -> [u8; 3] {
        match self {
            Self::Light => [0x1f, 0x23, 0x28],
            Self::Dark => [0xf3, 0xf4, 0xf6],
        }
    }

    fn empty_star(self) -> [u8; 3] {
        match self {
            Self::Light => [0xd1, 0xd5, 0xdb],
            Self::Dark => [0x4b, 0x55, 0x63],
        }
    }
}

const FILLED_STAR: [u8; 3] = [0xf5, 0xa6, 0x23];

/// What the image says: "4,5 · 132 recenzii", or "No rating yet".
pub fn caption(summary: &Summary, lang: Lang) -> String {
    I18n::new(lang, &[]).rating_caption(summary.rounded_average(), summary.count)
}

/// A five-pointed star in a `size` square at (`x`, `y`).
fn star(x: f32, y: f32, size: f32) -> Option<tiny_skia::Path> {
    let (cx, cy) = (x + size / 2.0, y + size / 2.0 + size * 0.04);
    let (outer, inner) = (size * 0.5, size * 0.2);
    let mut path = PathBuilder::new();
    for point in 0..10 {
        let radius = if point % 2 == 0 { outer } else { inner };
        let angle = std::f32::consts::PI / 5.0 * point as f32 - std::f32::consts::FRAC_PI_2;
        let (px, py) = (cx + radius * angle.cos(), cy + radius * angle.sin());
        if point == 0 {
            path.move_to(px, py);
        } else {
            path.line_to(px, py);
        }
    }
    path.close();
    path.finish()
}

fn paint(rgb: [u8; 3]) -> Paint<'static> {
    let mut paint = Paint::default();
    paint.set_color(Color::from_rgba8(rgb[0], rgb[1], rgb[2], 255));
    paint.anti_alias = true;
    paint
}

/// Blends `coverage` of `rgb` over the premultiplied pixel at (`x`, `y`).
fn blend(pixmap: &mut Pixmap, x: i32, y: i32, rgb: [u8; 3], coverage: f32) {
    let (width, height) = (pixmap.width() as i32, pixmap.height() as i32);
    if x < 0 || y < 0 || x >= width || y >= height || coverage <= 0.0 {
        return;
    }
    let index = (y * width + x) as usize * 4;
    let data = pixmap.data_mut();
    let alpha = coverage.min(1.0);
    for (channel, value) in rgb.iter().enumerate() {
        let dst = f32::from(data[index + channel]);
        data[index + channel] = (f32::from(*value) * alpha + dst * (1.0 - alpha)).round() as u8;
    }
    let dst_alpha = f32::from(data[index + 3]);
    data[index + 3] = (255.0 * alpha + dst_alpha * (1.0 - alpha)).round() as u8;
}

/// The PNG of `summary` in `lang` and `theme`.
pub fn render(summary: &Summary, lang: Lang, theme: ImageTheme) -> Vec<u8> {
    let font = FontRef::try_from_slice(FONT).expect("the built-in font parses");
    let scale = PxScale::from(TEXT_SIZE * DENSITY);
    let scaled = font.as_scaled(scale);
    let text = caption(summary, lang);
    let text_width: f32 = text
        .chars()
        .map(|c| scaled.h_advance(font.glyph_id(c)))
        .sum();
    let stars_width = STAR * 5.0 * DENSITY;
    let width = (stars_width + GAP * DENSITY + text_width).ceil() as u32 + 2;
    let height = (HEIGHT * DENSITY) as u32;
    let mut pixmap = Pixmap::new(width, height).expect("a non-empty image");

    let top = (HEIGHT - STAR) / 2.0 * DENSITY;
    let stars: Vec<tiny_skia::Path> = (0..5)
        .filter_map(|i| star(i as f32 * STAR * DENSITY, top, STAR * DENSITY))
        .collect();
    for path in &stars {
        pixmap.fill_path(
            path,
            &paint(theme.empty_star()),
            FillRule::Winding,
            Transform::identity(),
            None,
        );
    }
    let fill = summary.rounded_average().unwrap_or(0.0).clamp(0.0, 5.0) as f32 / 5.0;
    if fill > 0.0 {
        let mut mask = Mask::new(width, height).expect("a non-empty mask");
        if let Some(rect) = Rect::from_xywh(0.0, 0.0, stars_width * fill, height as f32) {
            mask.fill_path(
                &PathBuilder::from_rect(rect),
                FillRule::Winding,
                false,
                Transform::identity(),
            );
        }
        for path in &stars {
            pixmap.fill_path(
                path,
                &paint(FILLED_STAR),
                FillRule::Winding,
                Transform::identity(),
                Some(&mask),
            );
        }
    }

    let baseline = (height as f32 + scaled.ascent() + scaled.descent()) / 2.0;
    let mut pen = stars_width + GAP * DENSITY;
    for c in text.chars() {
        let id = font.glyph_id(c);
        let glyph = id.with_scale_and_position(scale, ab_glyph::point(pen, baseline));
        pen += scaled.h_advance(id);
        let Some(outlined) = font.outline_glyph(glyph) else {
            continue;
        };
        let bounds = outlined.px_bounds();
        outlined.draw(|x, y, coverage| {
            blend(
                &mut pixmap,
                bounds.min.x as i32 + x as i32,
                bounds.min.y as i32 + y as i32,
                theme.text(),
                coverage,
            );
        });
    }
    pixmap.encode_png().expect("a pixmap encodes")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(count: u64, average: Option<f64>) -> Summary {
        Summary {
            count,
            average,
            ..Summary::default()
        }
    }

    /// (width, height, pixels close to the star colour, pixels of the text colour).
    fn decode(png: &[u8], theme: ImageTheme) -> (u32, u32, usize, usize) {
        let pixmap = Pixmap::decode_png(png).expect("a valid PNG");
        let close = |p: &tiny_skia::PremultipliedColorU8, rgb: [u8; 3]| {
            p.alpha() == 255
                && [p.red(), p.green(), p.blue()]
                    .iter()
                    .zip(rgb)
                    .all(|(a, b)| a.abs_diff(b) < 8)
        };
        let gold = pixmap
            .pixels()
            .iter()
            .filter(|p| close(p, FILLED_STAR))
            .count();
        let text = pixmap
            .pixels()
            .iter()
            .filter(|p| close(p, theme.text()))
            .count();
        (pixmap.width(), pixmap.height(), gold, text)
    }

    #[test]
    fn stars_fill_to_the_average_at_twice_the_density() {
        let full = render(&summary(10, Some(5.0)), Lang::En, ImageTheme::Light);
        let half = render(&summary(10, Some(2.5)), Lang::En, ImageTheme::Light);
        let none = render(&summary(0, None), Lang::En, ImageTheme::Light);
        let (width, height, gold_full, text) = decode(&full, ImageTheme::Light);
        assert_eq!(height, 48, "24 CSS pixels at 2×");
        assert!(width > 200 + 16, "stars, a gap and the text: {width}");
        assert!(text > 50, "the caption is drawn: {text}");
        let (_, _, gold_half, _) = decode(&half, ImageTheme::Light);
        let ratio = gold_half as f64 / gold_full as f64;
        assert!((0.4..0.6).contains(&ratio), "2.5 of 5 fills half: {ratio}");
        assert_eq!(decode(&none, ImageTheme::Light).2, 0, "no rating, no gold");
    }

    #[test]
    fn the_caption_speaks_the_language_and_the_theme_changes_the_colours() {
        assert_eq!(
            caption(&summary(132, Some(4.5)), Lang::Ro),
            "4,5 · 132 de recenzii"
        );
        assert_eq!(caption(&summary(1, Some(4.0)), Lang::En), "4.0 · 1 review");
        assert_eq!(caption(&summary(0, None), Lang::En), "No rating yet");
        let ro = render(&summary(132, Some(4.5)), Lang::Ro, ImageTheme::Light);
        let bg = render(&summary(132, Some(4.5)), Lang::Bg, ImageTheme::Dark);
        let (ro_width, ..) = decode(&ro, ImageTheme::Light);
        let (bg_width, _, _, bg_text) = decode(&bg, ImageTheme::Dark);
        assert_ne!(
            ro_width, bg_width,
            "the caption's width follows the language"
        );
        assert!(
            bg_text > 50,
            "Cyrillic is drawn in the dark theme's colour: {bg_text}"
        );
    }
}
