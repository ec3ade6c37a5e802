//! Server rendering (the `ssr` feature, used by the relay): the same components as HTML
//! fragments, with the data embedded for a jump-free takeover and one JSON-LD `Product`.

use leptos::prelude::*;
use serde_json::{json, Value};
use stele_core::public::{ProductView, ShopView};
use stele_core::PublicReview;

use crate::components::{Layout, Reviews, Testimonials};
use crate::context::Emitter;
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

fn render(lang: Lang, view: impl FnOnce() -> AnyView) -> String {
    let owner = Owner::new();
    owner.with(|| {
        provide_context(I18n::new(lang, &[]));
        provide_context(Emitter::default());
        view().to_html()
    })
}

fn wrap(
    stylesheet: &str,
    lang: Lang,
    theme: Theme,
    inner: String,
    data: &str,
    json_ld: Option<String>,
) -> String {
    let mut html = format!(
        "<link rel=\"stylesheet\" href=\"{}\"><div class=\"stele-root stele-ssr\" data-theme=\"{}\" lang=\"{}\">{inner}</div>",
        escape_attribute(stylesheet),
        theme.as_str(),
        lang.as_str()
    );
    if let Some(json_ld) = json_ld {
        html.push_str(&format!(
            "<script type=\"application/ld+json\">{json_ld}</script>"
        ));
    }
    html.push_str(&format!(
        "<script type=\"application/json\" data-stele>{data}</script>"
    ));
    html
}

fn escape_attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Schema.org `Product` with `aggregateRating` and up to ten scored reviews, whose numbers
/// equal the visible ones (the same rounded average, the same counts). `None` without
/// scored reviews: a rating of nothing is not structured data.
pub fn product_json_ld(view: &ProductView, lang: Lang) -> Option<Value> {
    let average = view.summary.rounded_average()?;
    let i18n = I18n::new(lang, &[]);
    let name = view
        .product
        .as_ref()
        .and_then(|p| p.name.clone())
        .unwrap_or_else(|| view.product_id.clone());
    let reviews: Vec<Value> = view
        .reviews
        .items
        .iter()
        .filter(|r| r.stars.is_some())
        .take(10)
        .map(|review: &PublicReview| {
            let mut item = json!({
                "@type": "Review",
                "reviewRating": {"@type": "Rating", "ratingValue": review.stars, "bestRating": 5, "worstRating": 0},
                "author": {"@type": "Person", "name": i18n.strings.get(crate::i18n::Key::VerifiedBuyer)},
            });
            if let Some(date) = review.date {
                item["datePublished"] = json!(date.to_string()[..10]);
            }
            if let Some(comment) = &review.comment {
                item["reviewBody"] = json!(comment);
            }
            item
        })
        .collect();
    let mut product = json!({
        "@context": "https://schema.org",
        "@type": "Product",
        "name": name,
        "sku": view.product_id,
        "aggregateRating": {
            "@type": "AggregateRating",
            "ratingValue": average,
            "bestRating": 5,
            "worstRating": 0,
            "ratingCount": view.summary.count,
            "reviewCount": view.summary.count,
        },
        "review": reviews,
    });
    if let Some(info) = &view.product {
        if let Some(url) = &info.url {
            product["url"] = json!(url);
        }
        if let Some(image) = &info.image {
            product["image"] = json!(image);
        }
    }
    Some(product)
}

/// `GET /v1/products/{id}/embed.html`: the review section as HTML, its data, its JSON-LD.
pub fn product_fragment(view: &ProductView, lang: Lang, theme: Theme, stylesheet: &str) -> String {
    let (initial, sort, per_page) = (view.clone(), view.sort, view.reviews.per_page);
    let inner = render(lang, move || {
        view! { <Reviews initial=initial sort=sort per_page=per_page /> }.into_any()
    });
    let json_ld = product_json_ld(view, lang).map(|ld| script_json(&ld));
    wrap(stylesheet, lang, theme, inner, &script_json(view), json_ld)
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
    let inner = render(lang, move || {
        view! { <Testimonials initial=initial layout=layout per_page=per_page /> }.into_any()
    });
    wrap(stylesheet, lang, theme, inner, &script_json(view), None)
}
