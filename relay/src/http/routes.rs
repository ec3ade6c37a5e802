//! The public HTTP API v1: the routes and their handlers. Parameters are parsed in
//! `params`, caching is the `cache` layer's, the router and its layers are in `router`.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use stele_core::listing::{ReviewFilter, ReviewSort};
use stele_core::paths::{summary_chunk_of, CANONICAL_PER_PAGE};
use stele_core::public::{Source, SummariesView};

use crate::http::cache::Tagged;
use crate::http::error::ApiError;
use crate::http::params::{self, Query};
use crate::http::state::AppState;
use crate::ingest::health::Status;
use crate::lock;

/// Every route of the public port, without layers (see `http::app`).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/shop", get(shop))
        .route("/v1/shop.json", get(shop))
        .route("/v1/testimonials", get(testimonials))
        .route("/v1/testimonials/{file}", get(testimonials_file))
        .route("/v1/products/{id}", get(product))
        .route("/v1/products/{id}/reviews", get(reviews))
        .route("/v1/products/{id}/reviews/{sort}/{file}", get(reviews_file))
        .route(
            "/v1/products/{id}/reviews/{sort}/{stars}/{file}",
            get(reviews_stars_file),
        )
        .route("/v1/products/{id}/embed.html", get(product_embed))
        .route("/v1/shop/embed.html", get(shop_embed))
        .route("/v1/products/{id}/badge.html", get(product_badge))
        .route("/v1/badges", get(badges))
        .route("/v1/products/{id}/rating.png", get(product_rating_image))
        .route("/v1/shop/rating.png", get(shop_rating_image))
        .route("/v1/summaries", get(summaries))
        .route("/v1/feeds/google-product-reviews.xml", get(google_reviews))
        .route("/v1/summary-chunks/{file}", get(summaries_chunk))
        .route("/healthz", get(healthz))
        .route("/livez", get(livez))
        .route("/readyz", get(readyz))
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
}

type Answer = Result<Tagged, ApiError>;

/// `GET /v1/feeds/google-product-reviews.xml`: streamed product by product; its ETag is
/// computed once per snapshot, off the async workers.
async fn google_reviews(State(state): State<AppState>) -> Result<Response, ApiError> {
    let snapshot = state.snapshot();
    let Some(publisher) = snapshot.shop_settings.name.clone() else {
        return Err(ApiError::NotConfigured(
            crate::output::google_reviews::NEEDS_SHOP_NAME,
        ));
    };
    let etag = tokio::task::spawn_blocking({
        let snapshot = snapshot.clone();
        move || crate::output::google_reviews::cached_etag(&snapshot).map(str::to_owned)
    })
    .await
    .map_err(|_| ApiError::Internal)?
    .ok_or(ApiError::Internal)?;
    let chunks = crate::output::google_reviews::Chunks::new(snapshot, &publisher)
        .map(|chunk| Ok::<_, std::convert::Infallible>(bytes::Bytes::from(chunk)));
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(crate::delivery::XML),
            ),
            (
                header::ETAG,
                HeaderValue::from_str(&etag).map_err(|_| ApiError::Internal)?,
            ),
        ],
        axum::body::Body::from_stream(futures_util::stream::iter(chunks)),
    )
        .into_response())
}

/// `GET /v1/shop?per_page=4&min_stars=5`: the shop's summary and first testimonials, at
/// the star threshold asked for (default `STELE_TESTIMONIAL_MIN_STARS`).
async fn shop(State(state): State<AppState>, query: Query) -> Answer {
    let (per_page, min_stars) = (query.per_page(CANONICAL_PER_PAGE)?, query.min_stars()?);
    let snapshot = state.snapshot();
    Ok(Tagged::json(
        if per_page == CANONICAL_PER_PAGE && min_stars.is_none() {
            snapshot.shop_view_rendered().clone()
        } else {
            crate::model::snapshot::Rendered::json(&snapshot.shop_view_at(
                per_page,
                Source::Live,
                min_stars,
            ))
        },
    ))
}

async fn testimonials(State(state): State<AppState>, query: Query) -> Answer {
    let (page, per_page, min_stars) = (
        query.page()?,
        query.per_page(CANONICAL_PER_PAGE)?,
        query.min_stars()?,
    );
    let listing = state
        .snapshot()
        .testimonials_page(min_stars, page, per_page);
    Ok(Tagged::of(&listing))
}

async fn testimonials_file(State(state): State<AppState>, Path(file): Path<String>) -> Answer {
    let page = params::canonical_page(&file)?;
    let listing = state.snapshot().testimonials.page(
        ReviewSort::Newest,
        &ReviewFilter::default(),
        page,
        CANONICAL_PER_PAGE,
    );
    Ok(Tagged::of(&listing))
}

async fn product(State(state): State<AppState>, Path(raw): Path<String>, query: Query) -> Answer {
    let id = params::product_in_path(&raw)?;
    let (per_page, sort) = (query.per_page(CANONICAL_PER_PAGE)?, query.sort()?);
    let snapshot = state.snapshot();
    Ok(Tagged::json(
        if per_page == CANONICAL_PER_PAGE && sort == ReviewSort::Newest {
            snapshot.product_view_rendered(&id)
        } else {
            crate::model::snapshot::Rendered::json(&snapshot.product_view(
                &id,
                sort,
                per_page,
                Source::Live,
            ))
        },
    ))
}

fn reviews_page(
    state: &AppState,
    id: &str,
    sort: ReviewSort,
    filter: &ReviewFilter,
    page: u32,
    per_page: u32,
) -> Answer {
    let snapshot = state.snapshot();
    let listing = match snapshot.products.get(id) {
        Some(product) => product.listing.page(sort, filter, page, per_page),
        None => stele_core::listing::paginate::<stele_core::PublicReview>(&[], page, per_page),
    };
    Ok(Tagged::of(&listing))
}

async fn reviews(State(state): State<AppState>, Path(raw): Path<String>, query: Query) -> Answer {
    let id = params::product_in_path(&raw)?;
    let (page, per_page, sort, filter) = (
        query.page()?,
        query.per_page(CANONICAL_PER_PAGE)?,
        query.sort()?,
        query.review_filter()?,
    );
    reviews_page(&state, &id, sort, &filter, page, per_page)
}

async fn reviews_file(
    State(state): State<AppState>,
    Path((raw, sort, file)): Path<(String, String, String)>,
) -> Answer {
    let id = params::canonical_product(&raw)?;
    let (sort, page) = (params::path_sort(&sort)?, params::canonical_page(&file)?);
    let filter = ReviewFilter::default();
    reviews_page(&state, &id, sort, &filter, page, CANONICAL_PER_PAGE)
}

async fn reviews_stars_file(
    State(state): State<AppState>,
    Path((raw, sort, stars, file)): Path<(String, String, String, String)>,
) -> Answer {
    let id = params::canonical_product(&raw)?;
    let filter = ReviewFilter {
        stars: Some(params::path_stars(&stars)?),
        ..ReviewFilter::default()
    };
    let (sort, page) = (params::path_sort(&sort)?, params::canonical_page(&file)?);
    reviews_page(&state, &id, sort, &filter, page, CANONICAL_PER_PAGE)
}

async fn summaries(State(state): State<AppState>, query: Query) -> Answer {
    let ids = query.ids()?;
    let snapshot = state.snapshot();
    let summaries = ids
        .into_iter()
        .map(|id| {
            let summary = snapshot.summary(&id).clone();
            (id, summary)
        })
        .collect();
    Ok(Tagged::of(&SummariesView {
        summaries,
        ..SummariesView::default()
    }))
}

async fn summaries_chunk(State(state): State<AppState>, Path(file): Path<String>) -> Answer {
    let chunk = params::summary_chunk(&file)?;
    let snapshot = state.snapshot();
    let summaries: BTreeMap<String, _> = snapshot
        .products
        .iter()
        .filter(|(id, _)| summary_chunk_of(id) == chunk)
        .map(|(id, p)| (id.clone(), p.summary.clone()))
        .collect();
    Ok(Tagged::of(&SummariesView {
        summaries,
        ..SummariesView::default()
    }))
}

fn lang_of(query: &Query) -> stele::i18n::Lang {
    stele::i18n::Lang::resolve([query.text("lang")])
}

/// `theme=light|dark|auto` (default light), as on the element, so the fragment looks like
/// the widget that takes it over.
fn theme_of(query: &Query) -> Result<stele::options::Theme, ApiError> {
    let text = query.text("theme").unwrap_or("light");
    stele::options::Theme::parse(text).ok_or_else(|| {
        ApiError::BadParameter(format!("theme={text:?}: expected light, dark or auto"))
    })
}

/// `?lang=`, else `STELE_IMAGE_LANG`: an email template names no page language. A language
/// the image cannot speak is a 400 (docs/api.md): a page may fall back, a picture in a sent
/// email cannot be fixed.
fn image_lang_of(
    query: &Query,
    snapshot: &crate::model::snapshot::Snapshot,
) -> Result<stele::i18n::Lang, ApiError> {
    match query.text("lang") {
        None => Ok(snapshot.shop_settings.image_lang),
        Some(tag) => stele::i18n::Lang::from_tag(tag).ok_or_else(|| {
            let known: Vec<&str> = stele::i18n::Lang::ALL.iter().map(|l| l.as_str()).collect();
            ApiError::BadParameter(format!(
                "lang={tag:?}: the image speaks {}, e.g. lang=ro",
                known.join(", ")
            ))
        }),
    }
}

fn image_theme_of(query: &Query) -> Result<crate::output::rating_image::ImageTheme, ApiError> {
    let text = query.text("theme").unwrap_or("light");
    crate::output::rating_image::ImageTheme::parse(text).ok_or_else(|| {
        ApiError::BadParameter(format!(
            "theme={text:?}: expected light or dark (an email has no auto theme)"
        ))
    })
}

/// `GET /v1/products/{id}/rating.png?lang=ro&theme=dark`: the product's stars for email.
async fn product_rating_image(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    query: Query,
) -> Answer {
    let id = params::product_in_path(&raw)?;
    let theme = image_theme_of(&query)?;
    let snapshot = state.snapshot();
    Ok(Tagged::png(crate::output::rating_image::render(
        snapshot.summary(&id),
        image_lang_of(&query, &snapshot)?,
        theme,
    )))
}

/// `GET /v1/shop/rating.png?lang=ro&theme=dark`: the shop's stars for email.
async fn shop_rating_image(State(state): State<AppState>, query: Query) -> Answer {
    let theme = image_theme_of(&query)?;
    let snapshot = state.snapshot();
    Ok(Tagged::png(crate::output::rating_image::render(
        &snapshot.shop,
        image_lang_of(&query, &snapshot)?,
        theme,
    )))
}

/// `GET /v1/products/{id}/embed.html?lang=ro`: the review section rendered on the server.
async fn product_embed(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    query: Query,
) -> Answer {
    let id = params::product_in_path(&raw)?;
    let (sort, per_page) = (query.sort()?, query.per_page(CANONICAL_PER_PAGE)?);
    let snapshot = state.snapshot();
    let view = snapshot.product_view(&id, sort, per_page, Source::Live);
    let lang = lang_of(&query);
    let json_ld = crate::output::markup::product_json_ld(&view, lang, &snapshot.shop_settings);
    Ok(Tagged::html(stele::ssr::product_fragment(
        &view,
        lang,
        theme_of(&query)?,
        &snapshot.shop_settings.stylesheet(),
        json_ld.as_ref(),
    )))
}

/// `GET /v1/products/{id}/badge.html?lang=ro`: a product's badge rendered on the server.
async fn product_badge(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    query: Query,
) -> Answer {
    let id = params::product_in_path(&raw)?;
    let theme = theme_of(&query)?;
    let snapshot = state.snapshot();
    Ok(Tagged::html(stele::ssr::badge_fragment(
        snapshot.summary(&id),
        lang_of(&query),
        theme,
        &snapshot.shop_settings.stylesheet(),
    )))
}

/// `GET /v1/badges?ids=2183,2182&lang=ro`: a listing's badges in one request, as the
/// fragment of each id (`{"api": 1, "badges": {"2183": "<template …"}}`), for a shop's
/// server code that renders the listing.
async fn badges(State(state): State<AppState>, query: Query) -> Answer {
    let ids = query.ids()?;
    let (lang, theme) = (lang_of(&query), theme_of(&query)?);
    let snapshot = state.snapshot();
    let stylesheet = snapshot.shop_settings.stylesheet();
    let badges: BTreeMap<String, String> = ids
        .into_iter()
        .map(|id| {
            let html = stele::ssr::badge_fragment(snapshot.summary(&id), lang, theme, &stylesheet);
            (id, html)
        })
        .collect();
    Ok(Tagged::of(&stele_core::public::BadgesView {
        api: stele_core::public::API_VERSION,
        badges,
    }))
}

/// `GET /v1/shop/embed.html?lang=ro&layout=grid`: testimonials rendered on the server.
async fn shop_embed(State(state): State<AppState>, query: Query) -> Answer {
    let layout = stele::components::Layout::parse(query.text("layout").unwrap_or("carousel"));
    let (per_page, min_stars) = (query.per_page(CANONICAL_PER_PAGE)?, query.min_stars()?);
    let snapshot = state.snapshot();
    let view = snapshot.shop_view_at(per_page, Source::Live, min_stars);
    Ok(Tagged::html(stele::ssr::shop_fragment(
        &view,
        lang_of(&query),
        theme_of(&query)?,
        layout,
        &snapshot.shop_settings.stylesheet(),
    )))
}

fn probe(code: StatusCode, body: serde_json::Value) -> Response {
    (
        code,
        [(
            header::CACHE_CONTROL,
            HeaderValue::from_static(crate::delivery::NO_STORE),
        )],
        axum::Json(body),
    )
        .into_response()
}

/// `GET /healthz`: the sync's state in detail; 200 while there is data to serve.
async fn healthz(State(state): State<AppState>) -> Response {
    let health = lock(&state.shared().health).clone();
    let snapshot = state.snapshot();
    let status = health.status();
    let body = serde_json::json!({
        "status": status,
        "last_success": health.last_success,
        "last_attempt": health.last_attempt,
        "consecutive_failures": health.consecutive_failures,
        "last_error": health.last_error,
        "counts": {"orders": snapshot.totals.0, "product_reviews": snapshot.totals.1, "products": snapshot.products.len()},
        "snapshot_built_at": snapshot.built_at,
    });
    let code = match status {
        Status::Ok | Status::Degraded => StatusCode::OK,
        Status::Starting | Status::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
    };
    probe(code, body)
}

/// `GET /livez`: the process answers. Nothing else: a wrong key must not get it restarted.
async fn livez() -> Response {
    probe(StatusCode::OK, serde_json::json!({"status": "alive"}))
}

/// `GET /readyz`: 200 once there is synced data to serve (however old), 503 before.
async fn readyz(State(state): State<AppState>) -> Response {
    let health = lock(&state.shared().health).clone();
    let (code, status) = if health.is_ready() {
        (StatusCode::OK, "ready")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "not_ready")
    };
    let mut body = serde_json::json!({"status": status, "sync": health.status()});
    if let Some(error) = &health.last_error {
        body["last_error"] = serde_json::json!({"code": error.code, "hint": error.hint});
    }
    probe(code, body)
}
