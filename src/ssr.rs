//! Server rendering (the `ssr` feature, used by the relay): the same components as HTML
//! fragments, with the data embedded for a jump-free takeover and the relay's JSON-LD.

use leptos::prelude::*;
use serde_json::Value;
use stele_core::public::{ProductView, ShopView};
use stele_core::Summary;

use crate::components::{Badge, BadgeState, Layout, Reviews, Root, Surface, Testimonials};
use crate::i18n::{I18n, Lang};
use crate::options::Theme;

/// JSON safe inside `<script>`: `<`, `>` and `&` as `\u` escapes, so a comment holding
/// `</script>` cannot end the element.
pub fn script_json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value)
        .unwrap_or_else(|_| "null".into())
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// `view` in its [`Root`], as HTML.
fn render(lang: Lang, theme: Theme, view: impl FnOnce() -> AnyView + Send + 'static) -> String {
    Owner::new().with(|| {
        let i18n = I18n::new(lang, &[]);
        let root = view! { <Root theme=theme i18n=i18n surface=Surface::Server>{view()}</Root> };
        // `<!>` marks text-node boundaries for hydration; the widget takes a fragment over
        // by rendering anew, and HTML has no such token (validators refuse it). Comments are
        // escaped text, so a `<!>` here is always a marker.
        root.to_html().replace("<!>", "")
    })
}

/// The fragment around the rendered `root`: a declarative shadow root (`<template
/// shadowrootmode="open">`) holding the stylesheet first (styled before the first paint) and
/// the root, so the page's CSS (a theme's `input[type=search]`, `button` or `h2` rules) cannot
/// reach the fragment and the fragment's stylesheet cannot reach the page; the widget takes
/// that same shadow root over, so both lay out alike. Then, in the page, the JSON-LD (crawlers
/// read it there) and the data the widget takes over with. These stay strings: they are
/// outside the root, and their JSON is already escaped for `<script>` (script_json).
fn wrap(stylesheet: &str, root: &str, data: Option<&str>, json_ld: Option<String>) -> String {
    let mut html = String::with_capacity(root.len() + data.map_or(0, str::len) + 250);
    html.push_str("<template shadowrootmode=\"open\"><link rel=\"stylesheet\" href=\"");
    html.push_str(&escape_attribute(stylesheet));
    html.push_str("\">");
    html.push_str(root);
    html.push_str("</template>");
    if let Some(json_ld) = json_ld {
        html.push_str("<script type=\"application/ld+json\">");
        html.push_str(&json_ld);
        html.push_str("</script>");
    }
    if let Some(data) = data {
        html.push_str("<script type=\"application/json\" data-stele>");
        html.push_str(data);
        html.push_str("</script>");
    }
    html
}

fn escape_attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `GET /v1/products/{id}/embed.html`: the review section as HTML, its data and `json_ld`
/// (the relay's markup, whose numbers equal the visible ones).
pub fn product_fragment(
    view: &ProductView,
    lang: Lang,
    theme: Theme,
    stylesheet: &str,
    json_ld: Option<&Value>,
) -> String {
    let (initial, sort, per_page) = (view.clone(), view.sort, view.reviews.per_page);
    let root = render(lang, theme, move || {
        view! { <Reviews initial=initial sort=sort per_page=per_page /> }.into_any()
    });
    let json_ld = json_ld.map(script_json);
    wrap(stylesheet, &root, Some(&script_json(view)), json_ld)
}

/// `GET /v1/shop/embed.html`: testimonials as HTML and their data. No JSON-LD: ratings of
/// a shop published by the shop itself are "self-serving reviews" that search engines
/// ignore or penalise, so Stele never emits an `Organization` rating.
pub fn shop_fragment(
    view: &ShopView,
    lang: Lang,
    theme: Theme,
    layout: Layout,
    stylesheet: &str,
) -> String {
    let (initial, per_page) = (view.testimonials.clone(), view.testimonials.per_page);
    let moderation = view.moderation;
    let root = render(lang, theme, move || {
        view! { <Testimonials initial=initial layout=layout per_page=per_page moderation=moderation /> }
            .into_any()
    });
    wrap(stylesheet, &root, Some(&script_json(view)), None)
}

/// `GET /v1/products/{id}/badge.html` (and each entry of `/v1/badges?ids=`): a badge as
/// HTML, the same boxes as `<stele-stars>` draws. It is final: it has nothing interactive,
/// so the loader never fetches the widget for it (docs/embed.md, "HTML first"). No data and
/// no JSON-LD: a listing's badges are not the product's rating markup, which belongs on the
/// product page (search engines ignore or penalise ratings of products not on the page).
pub fn badge_fragment(summary: &Summary, lang: Lang, theme: Theme, stylesheet: &str) -> String {
    let state = BadgeState::Ready(summary.clone());
    let root = render(lang, theme, move || {
        view! { <Badge state=Signal::stored(state) /> }.into_any()
    });
    wrap(stylesheet, &root, None, None)
}
