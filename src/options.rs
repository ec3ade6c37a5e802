//! One vocabulary for attributes (`per-page`), JS options (`perPage`) and Leptos props
//! (`per_page`): see docs/embed.md.

use stele_core::listing::ReviewSort;

/// Which element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `<stele-reviews>`.
    Reviews,
    /// `<stele-stars>`.
    Stars,
    /// `<stele-testimonials>`.
    Testimonials,
}

impl Kind {
    /// `reviews`, `stars` or `testimonials`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Reviews => "reviews",
            Self::Stars => "stars",
            Self::Testimonials => "testimonials",
        }
    }

    /// From `reviews`, `stars`, `testimonials` (or the element names).
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        match text.strip_prefix("stele-").unwrap_or(text) {
            "reviews" => Some(Self::Reviews),
            "stars" => Some(Self::Stars),
            "testimonials" => Some(Self::Testimonials),
            _ => None,
        }
    }

    /// The element's tag.
    pub fn tag(self) -> &'static str {
        match self {
            Self::Reviews => "stele-reviews",
            Self::Stars => "stele-stars",
            Self::Testimonials => "stele-testimonials",
        }
    }
}

/// Light, dark, or following the shopper's system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// Light colours on the page's own background (the default: shop pages are mostly light,
    /// and a widget cannot see the colour behind it).
    #[default]
    Light,
    /// Dark colours.
    Dark,
    /// `prefers-color-scheme`.
    Auto,
}

impl Theme {
    /// The attribute value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Light => "light",
            Self::Dark => "dark",
            Self::Auto => "auto",
        }
    }

    /// From the attribute value.
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim() {
            "light" => Some(Self::Light),
            "dark" => Some(Self::Dark),
            "auto" => Some(Self::Auto),
            _ => None,
        }
    }
}

/// An element's options as the loader passes them (camelCase JS names: see
/// [`Options::from_js`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options {
    /// The shop's product id.
    pub product: Option<String>,
    /// Relay or export base URL, resolved by the loader.
    pub src: Option<String>,
    /// The element's `lang`.
    pub lang: Option<String>,
    /// `<html lang>`.
    pub page_lang: Option<String>,
    /// `light`, `dark`, `auto`.
    pub theme: Option<String>,
    /// Reviews per page (a number; the loader passes text as NaN, which [`Options::settings`]
    /// reports).
    pub per_page: Option<f64>,
    /// First sort.
    pub sort: Option<String>,
    /// `carousel` or `grid`.
    pub layout: Option<String>,
    /// Carousel seconds per slide; absent or 0: never moves by itself.
    pub autoplay: Option<f64>,
    /// Testimonials' star threshold, 1–5 (a number, as `per_page`); absent: the relay's.
    pub min_stars: Option<f64>,
    /// Present (any value but `false`): a badge of a product without reviews draws nothing.
    pub hide_empty: Option<String>,
    /// Where a badge links to (`#reviews`, a product page), as given.
    pub href: Option<String>,
    /// String overrides by key (`verified-buyer` or `verifiedBuyer`), as given.
    pub strings: Vec<(String, String)>,
    /// Present (any value) to call the Feedback API from the browser: local testing only.
    pub unsafe_direct: Option<String>,
    /// The REST key, for `unsafe_direct` only.
    pub rest_key: Option<String>,
    /// The customer id, for `unsafe_direct` only.
    pub customer_id: Option<String>,
    /// The Feedback API endpoint for `unsafe_direct` (default: Retargeting's).
    pub upstream: Option<String>,
}

/// What an element's options mean, every value checked.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Settings {
    /// Colours.
    pub theme: Theme,
    /// Reviews or testimonials per page, 1–100.
    pub per_page: u32,
    /// The first sort of the review list.
    pub sort: ReviewSort,
    /// Testimonials as a grid rather than a carousel.
    pub grid: bool,
    /// Carousel seconds per slide, 0 for never.
    pub autoplay: u32,
    /// Testimonials at or above this many stars; `None`: the relay's own threshold.
    pub min_stars: Option<u8>,
    /// A badge without reviews draws nothing and takes no space.
    pub hide_empty: bool,
    /// The badge's link, checked by [`safe_href`].
    pub href: Option<String>,
}

/// `href` when a badge may link to it: `http:` or `https:`, or a relative URL (a path, a
/// query, a `#fragment`, `//host/…`). Any other scheme (`javascript:`, `data:`, `vbscript:`)
/// is refused, as a browser would read it: tabs and newlines anywhere and leading spaces or
/// control characters do not hide a scheme. An empty value is no link.
pub fn safe_href(href: &str) -> Result<Option<String>, String> {
    // Byte by byte, not with str patterns: a substring searcher costs the badge module
    // about 1 KB brotli. Bytes up to a space are ASCII, so the cuts fall between characters.
    let start = href.bytes().position(|b| b > b' ').unwrap_or(href.len());
    let end = href
        .bytes()
        .rposition(|b| b > b' ')
        .map_or(start, |last| last + 1);
    let trimmed = &href[start..end];
    if trimmed.is_empty() {
        return Ok(None);
    }
    // A scheme is letters, digits, `+`, `-`, `.` from a letter up to the first `:`, read
    // without tabs and newlines; anything else (a `/`, `?` or `#` first) is a relative URL.
    let mut scheme = String::new();
    let mut read = trimmed
        .bytes()
        .filter(|b| !matches!(b, b'\t' | b'\n' | b'\r'));
    let has_scheme = loop {
        match read.next() {
            Some(b':') => break !scheme.is_empty(),
            Some(b @ (b'a'..=b'z' | b'A'..=b'Z')) => {
                scheme.push(char::from(b.to_ascii_lowercase()))
            }
            Some(b @ (b'0'..=b'9' | b'+' | b'-' | b'.')) if !scheme.is_empty() => {
                scheme.push(char::from(b))
            }
            _ => break false,
        }
    };
    if !has_scheme || scheme == "http" || scheme == "https" {
        return Ok(Some(trimmed.to_owned()));
    }
    Err(format!(
        "href=\"{trimmed}\" is a {scheme}: link; a badge links only to http(s), a relative URL or a #fragment, e.g. href=\"#reviews\"; no link"
    ))
}

pub use stele_core::paths::MAX_PER_PAGE;

impl Options {
    /// The settings, and a console hint for each value that was not understood (the
    /// element still renders, with the default named in the hint).
    pub fn settings(&self, tag: &str) -> (Settings, Vec<String>) {
        let mut hints = Vec::new();
        // The allowed values as a list (the first is the default), joined only for a hint:
        // no substring search reaches the browser module.
        let mut choice = |name: &str, value: &Option<String>, allowed: &[&str]| {
            let value = value.as_deref().map(str::trim).filter(|v| !v.is_empty());
            match value {
                Some(v) if allowed.contains(&v) => v.to_owned(),
                Some(v) => {
                    hints.push(format!(
                        "<{tag}> {name}=\"{v}\" is not one of {}; using {}",
                        allowed.join(", "),
                        allowed[0]
                    ));
                    allowed[0].to_owned()
                }
                None => allowed[0].to_owned(),
            }
        };
        let theme = choice("theme", &self.theme, &["light", "dark", "auto"]);
        let sort = choice(
            "sort",
            &self.sort,
            &["newest", "oldest", "highest", "lowest"],
        );
        let layout = choice("layout", &self.layout, &["carousel", "grid"]);
        let default_page = stele_core::paths::CANONICAL_PER_PAGE;
        let per_page = match self.per_page {
            None => default_page,
            Some(n) if n.fract() == 0.0 && (1.0..=f64::from(MAX_PER_PAGE)).contains(&n) => n as u32,
            Some(n) => {
                let used = if n > f64::from(MAX_PER_PAGE) {
                    MAX_PER_PAGE
                } else {
                    default_page
                };
                hints.push(format!("<{tag}> per-page=\"{n}\" must be a whole number from 1 to {MAX_PER_PAGE}; using {used}"));
                used
            }
        };
        let autoplay = match self.autoplay {
            None => 0,
            Some(n) if n.fract() == 0.0 && (0.0..=3600.0).contains(&n) => n as u32,
            Some(n) => {
                hints.push(format!("<{tag}> autoplay=\"{n}\" must be seconds per slide (0 or absent: never); using 0"));
                0
            }
        };
        let min_stars = match self.min_stars {
            None => None,
            Some(n) if n.fract() == 0.0 && (1.0..=5.0).contains(&n) => Some(n as u8),
            Some(n) => {
                hints.push(format!("<{tag}> min-stars=\"{n}\" must be a whole number from 1 to 5 (1 shows every review); using the relay's threshold"));
                None
            }
        };
        let href = match self.href.as_deref().map(safe_href) {
            None => None,
            Some(Ok(href)) => href,
            Some(Err(hint)) => {
                hints.push(format!("<{tag}> {hint}"));
                None
            }
        };
        let settings = Settings {
            theme: Theme::parse(&theme).unwrap_or_default(),
            per_page,
            sort: sort.parse().unwrap_or(ReviewSort::Newest),
            grid: layout == "grid",
            autoplay,
            min_stars,
            hide_empty: self.hide_empty.is_some(),
            href,
        };
        (settings, hints)
    }
}

#[cfg(stele_browser)]
impl Options {
    /// Reads the options object the loader (or a script, through the npm package) passes to
    /// `mount`, by the camelCase names of docs/embed.md. Absent, `null` and `undefined` leave
    /// an option unset; a value of another type is an error that names the option. Read
    /// property by property, not through serde: a derived deserializer for these 14 fields
    /// costs every browser module about 2 KB brotli, and these are not relay JSON.
    pub fn from_js(value: &wasm_bindgen::JsValue) -> Result<Self, String> {
        use js_sys::{Object, Reflect};
        use wasm_bindgen::{JsCast, JsValue};

        if value.is_undefined() || value.is_null() {
            return Ok(Self::default());
        }
        if !value.is_object() {
            return Err("the options must be an object, e.g. { product: \"2183\" }".into());
        }
        // Plain functions, not closures: each of the 17 reads would inline its own copy.
        #[inline(never)]
        fn get(object: &JsValue, name: &str) -> Option<JsValue> {
            Reflect::get(object, &JsValue::from_str(name))
                .ok()
                .filter(|v| !v.is_undefined() && !v.is_null())
        }
        // Text, or a number written as JavaScript writes it (`product: 2183` is natural in a
        // script, and ids are often numeric).
        #[inline(never)]
        fn text(value: &JsValue, name: &str) -> Result<Option<String>, String> {
            match get(value, name) {
                None => Ok(None),
                Some(v) if v.as_f64().is_some() => Ok(js_sys::Number::from(v)
                    .to_string_with_radix(10)
                    .ok()
                    .map(String::from)),
                Some(v) => v
                    .as_string()
                    .map(Some)
                    .ok_or_else(|| format!("{name} must be a string, e.g. {name}: \"…\"")),
            }
        }
        // A number, or text read as JavaScript's unary + reads it (attributes arrive as text:
        // "20" is 20, "ten" is NaN, which `settings` names in its hint); empty text is unset.
        #[inline(never)]
        fn number(value: &JsValue, name: &str) -> Result<Option<f64>, String> {
            match get(value, name) {
                None => Ok(None),
                Some(v) if v.as_string().is_some_and(|t| t.trim().is_empty()) => Ok(None),
                Some(v) if v.as_f64().is_some() || v.is_string() => {
                    Ok(Some(v.unchecked_into_f64()))
                }
                Some(_) => Err(format!("{name} must be a number, e.g. {name}: 10")),
            }
        }
        // Present with any value but `false`, as the boolean attribute gives "".
        #[inline(never)]
        fn flag(value: &JsValue, name: &str) -> Option<String> {
            get(value, name)
                .filter(|v| v.as_bool() != Some(false))
                .map(|v| v.as_string().unwrap_or_default())
        }
        let mut strings = Vec::new();
        if let Some(map) = get(value, "strings") {
            if !map.is_object() {
                return Err(
                    "strings must be an object of texts, e.g. strings: { \"verified-buyer\": \"Buyer\" }"
                        .into(),
                );
            }
            for key in Object::keys(map.unchecked_ref::<Object>()).iter() {
                let name = key.as_string().unwrap_or_default();
                let text = get(&map, &name)
                    .and_then(|v| v.as_string())
                    .ok_or_else(|| format!("strings.{name} must be a string"))?;
                strings.push((name, text));
            }
        }
        Ok(Self {
            product: text(value, "product")?,
            src: text(value, "src")?,
            lang: text(value, "lang")?,
            page_lang: text(value, "pageLang")?,
            theme: text(value, "theme")?,
            per_page: number(value, "perPage")?,
            sort: text(value, "sort")?,
            layout: text(value, "layout")?,
            autoplay: number(value, "autoplay")?,
            min_stars: number(value, "minStars")?,
            hide_empty: flag(value, "hideEmpty"),
            href: text(value, "href")?,
            strings,
            unsafe_direct: flag(value, "unsafeDirect"),
            rest_key: text(value, "restKey")?,
            customer_id: text(value, "customerId")?,
            upstream: text(value, "upstream")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_need_no_hint() {
        let (settings, hints) = Options::default().settings("stele-reviews");
        assert_eq!(
            settings,
            Settings {
                theme: Theme::Light,
                per_page: 10,
                sort: ReviewSort::Newest,
                grid: false,
                autoplay: 0,
                min_stars: None,
                hide_empty: false,
                href: None,
            }
        );
        assert!(hints.is_empty());
    }

    #[test]
    fn good_values_are_used() {
        let given = Options {
            theme: Some("dark".into()),
            per_page: Some(25.0),
            sort: Some("lowest".into()),
            layout: Some("grid".into()),
            autoplay: Some(6.0),
            ..Options::default()
        };
        let (settings, hints) = given.settings("stele-testimonials");
        assert_eq!(
            (
                settings.theme,
                settings.per_page,
                settings.sort,
                settings.grid,
                settings.autoplay
            ),
            (Theme::Dark, 25, ReviewSort::Lowest, true, 6)
        );
        assert!(hints.is_empty(), "{hints:?}");
    }

    #[test]
    fn a_badge_links_only_to_http_relative_urls_and_fragments() {
        for good in [
            "#reviews",
            "/p/2183#reviews",
            "p/2183",
            "?tab=reviews",
            "//shop.example/p",
            "https://shop.example/p/2183",
            "HTTP://shop.example/",
            " #reviews ",
            "a/b:c",
            ":x",
            "\u{e9}t\u{e9}:x",
            "p?q=a:b",
        ] {
            assert_eq!(safe_href(good), Ok(Some(good.trim().to_owned())), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "java\tscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "java\nscript:alert(1)",
            "data:text/html,<script>",
            "vbscript:x",
            "mailto:a@b",
            "ja\rvascript:x",
            "x-y.z+1:x",
        ] {
            assert!(safe_href(bad).is_err(), "{bad:?}");
        }
        assert!(safe_href(" Java\tScript:alert(1)")
            .unwrap_err()
            .contains("is a javascript: link"));
        assert_eq!(safe_href("  "), Ok(None));
        assert_eq!(safe_href(" \u{1}\n"), Ok(None));
        let (settings, hints) = Options {
            min_stars: Some(5.0),
            hide_empty: Some(String::new()),
            href: Some("#reviews".into()),
            ..Options::default()
        }
        .settings("stele-stars");
        assert_eq!(
            (settings.min_stars, settings.hide_empty, settings.href),
            (Some(5), true, Some("#reviews".to_owned()))
        );
        assert!(hints.is_empty(), "{hints:?}");
    }

    #[test]
    fn bad_values_fall_back_with_a_hint_that_names_them() {
        let number = |n: f64| Some(n);
        let text = |t: &str| Some(t.to_owned());
        let with = |f: &dyn Fn(&mut Options)| {
            let mut options = Options::default();
            f(&mut options);
            options
        };
        for (given, expected) in [
            (
                with(&|o| o.per_page = number(-3.0)),
                "per-page=\"-3\" must be a whole number from 1 to 100; using 10",
            ),
            (with(&|o| o.per_page = number(2.5)), "using 10"),
            (with(&|o| o.per_page = number(500.0)), "using 100"),
            (with(&|o| o.per_page = number(0.0)), "using 10"),
            (with(&|o| o.autoplay = number(-1.0)), "autoplay=\"-1\""),
            (
                with(&|o| o.theme = text("blue")),
                "theme=\"blue\" is not one of light, dark, auto; using light",
            ),
            (
                with(&|o| o.sort = text("best")),
                "sort=\"best\" is not one of newest, oldest, highest, lowest; using newest",
            ),
            (with(&|o| o.layout = text("list")), "using carousel"),
            (
                with(&|o| o.min_stars = number(6.0)),
                "min-stars=\"6\" must be a whole number from 1 to 5",
            ),
            (
                with(&|o| o.href = text("javascript:alert(1)")),
                "href=\"javascript:alert(1)\" is a javascript: link",
            ),
        ] {
            let (_, hints) = given.settings("stele-reviews");
            assert_eq!(hints.len(), 1, "{given:?}: {hints:?}");
            assert!(hints[0].starts_with("<stele-reviews> "), "{}", hints[0]);
            assert!(hints[0].contains(expected), "{given:?}: {}", hints[0]);
        }
        let (settings, _) = with(&|o| {
            o.per_page = number(500.0);
            o.theme = text("blue");
        })
        .settings("x");
        assert_eq!((settings.per_page, settings.theme), (100, Theme::Light));
    }
}
