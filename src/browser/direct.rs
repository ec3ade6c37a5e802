//! Direct mode, for local testing only: the browser calls Retargeting's Feedback API with the
//! REST key and turns the raw feed into the public shapes itself. Never in production: the
//! key is then readable by every visitor. Dates are read in the browser's zone (no tz
//! database ships to browsers) and ids are plain hashes; the relay does both properly.
//! The element ([`mount`], for `<stele-reviews unsafe-direct>`) and its client ([`product`]).

use leptos::prelude::*;
use serde::Deserialize;
use stele_core::aggregate::Tally;
use stele_core::listing::{sort_reviews, Page, ReviewSort};
use stele_core::public::{ProductView, Source, API_VERSION};
use stele_core::{PublicReview, Score, Timestamp};
use wasm_bindgen::JsValue;
use web_sys::HtmlElement;

use super::mount::{render_in_shadow_root, Mounted};
use crate::components::{Reviews, SkeletonKind};
use crate::context::Emitter;
use crate::data::DataError;
use crate::hints::warn;
use crate::i18n::I18n;
use crate::loading::loaded;
use crate::options::Options;
use stele_core::paths::encode_component;

/// The real endpoint.
pub const ENDPOINT: &str = "https://api.retargeting.app/v1/email-campaigns/json-feedback";

#[derive(Deserialize)]
struct Envelope {
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    status: JsValue,
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    message: JsValue,
    #[serde(default)]
    data: Option<Vec<Order>>,
}

#[derive(Deserialize)]
struct Order {
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    order: JsValue,
    #[serde(default)]
    product_reviews: Option<Vec<Review>>,
}

#[derive(Deserialize)]
struct Review {
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    realid: JsValue,
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    score: JsValue,
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    comment: JsValue,
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    added_on: JsValue,
}

/// A string or a number as trimmed text (ids arrive as either).
fn text(value: &JsValue) -> Option<String> {
    value
        .as_string()
        .or_else(|| {
            value
                .as_f64()
                .filter(|n| n.fract() == 0.0)
                .map(|n| (n as i64).to_string())
        })
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
}

fn score(value: &JsValue) -> Option<Score> {
    let number = value
        .as_f64()
        .or_else(|| value.as_string().and_then(|s| s.trim().parse().ok()))?;
    (number.fract() == 0.0)
        .then(|| Score::new(number as i64))
        .flatten()
}

/// "YYYY-MM-DD HH:MM:SS" read as the browser's local time.
fn date(value: &JsValue) -> Option<Timestamp> {
    let text = value.as_string()?.trim().replace(' ', "T");
    let millis = js_sys::Date::new(&JsValue::from_str(&text)).get_time();
    millis
        .is_finite()
        .then(|| Timestamp::from_unix((millis / 1000.0) as i64))
}

fn id(order: &str, product: &str) -> String {
    let hash = stele_core::paths::fnv1a(order.bytes().chain([0]).chain(product.bytes()));
    format!("direct-{hash:016x}")
}

/// Fetches the feed and builds `product`'s view: every review on one page, newest first.
pub async fn product(
    endpoint: &str,
    rest_key: &str,
    customer_id: &str,
    product: &str,
) -> Result<ProductView, DataError> {
    let url = format!(
        "{endpoint}?k={}&u={}",
        encode_component(rest_key),
        encode_component(customer_id)
    );
    let json = crate::data::fetch_json(&url, None).await?;
    let envelope: Envelope =
        serde_wasm_bindgen::from_value(json).map_err(|e| DataError::Shape(e.to_string()))?;
    if envelope.status.as_string().as_deref().map(str::trim) != Some("success") {
        let message = envelope
            .message
            .as_string()
            .unwrap_or_else(|| "no message".into());
        return Err(DataError::Shape(format!(
            "the Feedback API answered with an error: {message}"
        )));
    }
    let mut reviews = Vec::new();
    let mut tally = Tally::default();
    for order in envelope.data.unwrap_or_default() {
        let number = js_sys::Reflect::get(&order.order, &"orderno".into())
            .ok()
            .as_ref()
            .and_then(text);
        let Some(number) = number else { continue };
        for review in order.product_reviews.unwrap_or_default() {
            if text(&review.realid).as_deref() != Some(product) {
                continue;
            }
            let comment = review
                .comment
                .as_string()
                .map(|c| c.trim().to_owned())
                .filter(|c| !c.is_empty());
            let score = score(&review.score);
            if score.is_none() && comment.is_none() {
                continue;
            }
            tally.add(score, comment.is_some());
            reviews.push(PublicReview::new(
                id(&number, product),
                Some(product.to_owned()),
                score,
                comment,
                date(&review.added_on),
            ));
        }
    }
    sort_reviews(&mut reviews, ReviewSort::Newest);
    let total = reviews.len() as u64;
    let per_page = (total as u32).max(1);
    Ok(ProductView {
        api: API_VERSION,
        source: Source::Export,
        product_id: product.to_owned(),
        product: None,
        summary: tally.summary(),
        sort: ReviewSort::Newest,
        reviews: Page {
            items: reviews,
            page: 1,
            per_page,
            total,
            total_pages: u32::from(total > 0),
        },
        // Direct mode lists every review: no moderation runs in the browser.
        moderation: Some(Default::default()),
        rating_image: None,
    })
}

/// `unsafe-direct`: the browser calls the Feedback API itself. Loudly local-only.
pub(super) fn mount(
    host: HtmlElement,
    options: Options,
    product: String,
) -> Result<Mounted, JsValue> {
    web_sys::console::error_1(&JsValue::from_str(
        "[stele] unsafe-direct: this page sends your Retargeting REST key to every visitor's browser. Use it only on your own machine to try Stele; in production run stele-relay (docs/relay.md) and remove unsafe-direct, rest-key and customer-id.",
    ));
    let (Some(key), Some(customer)) = (options.rest_key.clone(), options.customer_id.clone())
    else {
        warn("unsafe-direct needs rest-key and customer-id attributes");
        return Ok(Mounted { handle: None });
    };
    let endpoint = options
        .upstream
        .clone()
        .unwrap_or_else(|| ENDPOINT.to_owned());
    let i18n = I18n::resolve(
        [options.lang.as_deref(), options.page_lang.as_deref()],
        &options.strings,
    );
    let (settings, hints) = options.settings("stele-reviews");
    for hint in hints {
        warn(&hint);
    }
    let emitter = Emitter::new(host.clone(), "reviews", Some(product.clone()));
    let content: Children = Box::new(move || {
        let context = "<stele-reviews unsafe-direct> (the Feedback API must allow this page's origin; the relay avoids that)".to_owned();
        let request = async move { self::product(&endpoint, &key, &customer, &product).await };
        loaded(
            context,
            (SkeletonKind::Reviews, settings.per_page),
            request,
            move |initial| view! { <Reviews initial=initial per_page=settings.per_page sort=settings.sort complete=true /> },
        )
    });
    render_in_shadow_root(&host, settings.theme, i18n, emitter, content)
}
