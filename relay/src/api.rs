//! The public HTTP API v1 and the router. `app(state)` builds everything, so tests drive it
//! with `tower::ServiceExt::oneshot` and no socket.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, RwLock};

use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use stele_core::listing::{ReviewFilter, ReviewSort};
use stele_core::paths::{page_of_file, summary_chunk_of, CANONICAL_PER_PAGE};
use stele_core::public::{Source, SummariesView};
use stele_core::text::from_path_segment;

use crate::error::ApiError;
use crate::http::{self, HttpSettings};
use crate::params::{self, Query};
use crate::snapshot::{Rendered, Snapshot};
use crate::sync::{lock, Health};

/// What every request handler shares.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

/// The state behind [`AppState`].
pub struct Shared {
    snapshot: RwLock<Arc<Snapshot>>,
    /// Sync health, updated by the sync loop.
    pub health: Arc<Mutex<Health>>,
    /// Server settings.
    pub settings: HttpSettings,
    /// Per-address request budget.
    pub limiter: http::RateLimiter,
}

impl AppState {
    /// State serving `snapshot`.
    pub fn new(snapshot: Snapshot, health: Arc<Mutex<Health>>, settings: HttpSettings) -> Self {
        let limiter = http::RateLimiter::new(settings.rate_limit);
        Self(Arc::new(Shared {
            snapshot: RwLock::new(Arc::new(snapshot)),
            health,
            settings,
            limiter,
        }))
    }

    /// The snapshot requests see now.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.0
            .snapshot
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// Swaps in a new snapshot; requests in flight finish on the old one.
    pub fn replace_snapshot(&self, snapshot: Snapshot) {
        *self
            .0
            .snapshot
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Arc::new(snapshot);
    }

    /// The shared state.
    pub fn shared(&self) -> &Shared {
        &self.0
    }
}

/// The whole relay: API, health, the widget's files, and every middleware.
pub fn app(state: AppState) -> Router {
    let api = Router::new()
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
        .route("/v1/summaries", get(summaries))
        .route("/v1/summary-chunks/{file}", get(summaries_chunk))
        .route("/healthz", get(healthz))
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed });
    http::with_middleware(api, state)
}

/// A JSON answer with its validators: 304 when the client's copy is current.
fn json(request: &HeaderMap, rendered: Rendered, cache_control: &HeaderValue) -> Response {
    let etag = HeaderValue::from_str(&rendered.etag).expect("etags are ASCII");
    let fresh = request
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(|tag| tag.trim().trim_start_matches("W/"))
        .any(|tag| tag == "*" || tag == rendered.etag.trim_start_matches("W/"));
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        (
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            rendered.body,
        )
            .into_response()
    };
    let headers = response.headers_mut();
    headers.insert(header::ETAG, etag);
    headers.insert(header::CACHE_CONTROL, cache_control.clone());
    response
}

type Answer = Result<Response, ApiError>;

/// `value` as a JSON answer with the configured caching.
fn answer(state: &AppState, headers: &HeaderMap, value: &impl serde::Serialize) -> Answer {
    Ok(json(
        headers,
        Rendered::json(value),
        &state.shared().settings.cache_control,
    ))
}

async fn shop(State(state): State<AppState>, headers: HeaderMap) -> Answer {
    let snapshot = state.snapshot();
    Ok(json(
        &headers,
        snapshot.shop_view_rendered().clone(),
        &state.shared().settings.cache_control,
    ))
}

async fn testimonials(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Answer {
    let query = Query::parse(raw.as_deref());
    let (page, per_page, filter) = (
        query.page()?,
        query.per_page(CANONICAL_PER_PAGE)?,
        query.testimonial_filter()?,
    );
    let listing = state
        .snapshot()
        .testimonials
        .page(ReviewSort::Newest, &filter, page, per_page);
    answer(&state, &headers, &listing)
}

async fn testimonials_file(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(file): Path<String>,
) -> Answer {
    let page = canonical_page(&file)?;
    let listing = state.snapshot().testimonials.page(
        ReviewSort::Newest,
        &ReviewFilter::default(),
        page,
        CANONICAL_PER_PAGE,
    );
    answer(&state, &headers, &listing)
}

/// `{id}` is a raw product id; `{segment}.json` is the canonical, path-safe form.
fn product_of_path(raw: &str) -> Result<String, ApiError> {
    match raw.strip_suffix(".json") {
        Some(segment) => canonical_product(segment),
        None => params::product_id(raw),
    }
}

/// A product in a canonical path: its `path_segment` form (ids of letters, digits, `-`, `_`
/// as they are; others `~` + hex), as the export names its files.
fn canonical_product(segment: &str) -> Result<String, ApiError> {
    from_path_segment(segment)
        .ok_or_else(|| {
            ApiError::BadParameter(format!(
                "{segment:?} is not a canonical product segment (see docs/api.md)"
            ))
        })
        .and_then(|id| params::product_id(&id))
}

fn canonical_page(file: &str) -> Result<u32, ApiError> {
    page_of_file(file).ok_or_else(|| {
        ApiError::BadParameter(format!(
            "{file:?} is not a page file: expected {{page}}.json with page from 1"
        ))
    })
}

async fn product(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(raw): Path<String>,
    RawQuery(query): RawQuery,
) -> Answer {
    let id = product_of_path(&raw)?;
    let query = Query::parse(query.as_deref());
    let per_page = query.per_page(CANONICAL_PER_PAGE)?;
    let snapshot = state.snapshot();
    let rendered = if per_page == CANONICAL_PER_PAGE {
        snapshot.product_view_rendered(&id)
    } else {
        Rendered::json(&snapshot.product_view(&id, per_page, Source::Live))
    };
    Ok(json(
        &headers,
        rendered,
        &state.shared().settings.cache_control,
    ))
}

fn reviews_page(
    state: &AppState,
    headers: &HeaderMap,
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
    answer(state, headers, &listing)
}

async fn reviews(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(raw): Path<String>,
    RawQuery(query): RawQuery,
) -> Answer {
    let id = params::product_id(&raw)?;
    let query = Query::parse(query.as_deref());
    let (page, per_page, sort, filter) = (
        query.page()?,
        query.per_page(CANONICAL_PER_PAGE)?,
        query.sort()?,
        query.review_filter()?,
    );
    reviews_page(&state, &headers, &id, sort, &filter, page, per_page)
}

fn path_sort(text: &str) -> Result<ReviewSort, ApiError> {
    text.parse()
        .map_err(|e: stele_core::listing::UnknownSort| ApiError::BadParameter(e.to_string()))
}

async fn reviews_file(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((raw, sort, file)): Path<(String, String, String)>,
) -> Answer {
    let id = canonical_product(&raw)?;
    let (sort, page) = (path_sort(&sort)?, canonical_page(&file)?);
    reviews_page(
        &state,
        &headers,
        &id,
        sort,
        &ReviewFilter::default(),
        page,
        CANONICAL_PER_PAGE,
    )
}

async fn reviews_stars_file(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((raw, sort, stars, file)): Path<(String, String, String, String)>,
) -> Answer {
    let id = canonical_product(&raw)?;
    let stars_text = stars
        .strip_prefix("stars-")
        .ok_or_else(|| ApiError::BadParameter(format!("{stars:?}: expected stars-1 to stars-5")))?;
    let filter = ReviewFilter {
        stars: Some(params::stars("stars", stars_text)?),
        ..ReviewFilter::default()
    };
    let (sort, page) = (path_sort(&sort)?, canonical_page(&file)?);
    reviews_page(
        &state,
        &headers,
        &id,
        sort,
        &filter,
        page,
        CANONICAL_PER_PAGE,
    )
}

async fn summaries(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Answer {
    let ids = Query::parse(query.as_deref()).ids()?;
    let snapshot = state.snapshot();
    let view = SummariesView {
        summaries: ids
            .into_iter()
            .map(|id| {
                let summary = snapshot.summary(&id).clone();
                (id, summary)
            })
            .collect(),
        chunks: None,
    };
    answer(&state, &headers, &view)
}

async fn summaries_chunk(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(file): Path<String>,
) -> Answer {
    let chunk = file
        .strip_suffix(".json")
        .and_then(|n| n.parse::<u32>().ok())
        .filter(|n| *n < stele_core::paths::SUMMARY_CHUNKS)
        .ok_or_else(|| {
            ApiError::BadParameter(format!(
                "{file:?}: expected {{chunk}}.json with chunk below {}",
                stele_core::paths::SUMMARY_CHUNKS
            ))
        })?;
    let snapshot = state.snapshot();
    let summaries: BTreeMap<String, _> = snapshot
        .products
        .iter()
        .filter(|(id, _)| summary_chunk_of(id) == chunk)
        .map(|(id, p)| (id.clone(), p.summary.clone()))
        .collect();
    answer(
        &state,
        &headers,
        &SummariesView {
            summaries,
            chunks: None,
        },
    )
}

fn html(request: &HeaderMap, body: String, cache_control: &HeaderValue) -> Response {
    let rendered = Rendered::from_bytes(body.into_bytes());
    let mut response = json(request, rendered, cache_control);
    if response.status() == StatusCode::OK {
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
    }
    response
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

/// `GET /v1/products/{id}/embed.html?lang=ro`: the review section rendered on the server.
async fn product_embed(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(raw): Path<String>,
    RawQuery(query): RawQuery,
) -> Answer {
    let id = params::product_id(&raw)?;
    let query = Query::parse(query.as_deref());
    let view = state
        .snapshot()
        .product_view(&id, CANONICAL_PER_PAGE, Source::Live);
    let settings = &state.shared().settings;
    let body = stele::ssr::product_fragment(
        &view,
        lang_of(&query),
        theme_of(&query)?,
        &format!("{}stele.css", settings.public_url),
    );
    Ok(html(&headers, body, &settings.cache_control))
}

/// `GET /v1/shop/embed.html?lang=ro&layout=grid`: testimonials rendered on the server.
async fn shop_embed(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Answer {
    let query = Query::parse(query.as_deref());
    let layout = stele::components::Layout::parse(query.text("layout").unwrap_or("carousel"));
    let view = state.snapshot().shop_view(Source::Live);
    let settings = &state.shared().settings;
    let body = stele::ssr::shop_fragment(
        &view,
        lang_of(&query),
        theme_of(&query)?,
        layout,
        &format!("{}stele.css", settings.public_url),
    );
    Ok(html(&headers, body, &settings.cache_control))
}

async fn healthz(State(state): State<AppState>) -> Response {
    let health = lock(&state.shared().health).clone();
    let snapshot = state.snapshot();
    let status = match (&health.last_success, health.consecutive_failures) {
        (None, 0) => "starting",
        (None, _) => "unavailable",
        (Some(_), 0) => "ok",
        (Some(_), _) => "degraded",
    };
    let body = serde_json::json!({
        "status": status,
        "last_success": health.last_success,
        "last_attempt": health.last_attempt,
        "consecutive_failures": health.consecutive_failures,
        "last_error": health.last_error,
        "counts": {"orders": snapshot.totals.0, "product_reviews": snapshot.totals.1, "products": snapshot.products.len()},
        "snapshot_built_at": snapshot.built_at,
    });
    let code = if matches!(status, "ok" | "degraded") {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (
        code,
        [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))],
        axum::Json(body),
    )
        .into_response()
}
