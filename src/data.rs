//! Where data comes from: the relay or a static export at `src`. Canonical paths (no query
//! string) serve both; filters a static host cannot answer use the live query API.

use stele_core::listing::{Page, ReviewFilter, ReviewSort};
use stele_core::paths::{self, reviews_url};
use stele_core::public::{ApiMismatch, ProductView, ShopView, SummariesView};
use stele_core::PublicReview;

/// Why data did not arrive. Shoppers never see it; the console gets a `[stele]` hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataError {
    /// The request failed (network, CORS, CSP).
    Network(String),
    /// A request to another origin than the page's failed: most often the relay does not
    /// list the page's origin (CORS). Holds the reason and the page's origin.
    CrossOrigin(String, String),
    /// An HTTP error status.
    Status(u16),
    /// The body is not the expected JSON.
    Shape(String),
    /// The source writes another major version of the JSON.
    Version(ApiMismatch),
    /// Fetching is not possible here (server rendering).
    Unavailable,
    /// Its element went away first: nobody is waiting, so nothing is logged.
    Aborted,
}

impl std::fmt::Display for DataError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Network(reason) => write!(f, "the request failed ({reason}): check the src attribute, the relay, and that the page's Content-Security-Policy allows it in connect-src"),
            Self::CrossOrigin(reason, origin) => write!(f, "the request to the relay on another origin failed ({reason}): add this page's origin to the relay's STELE_ALLOWED_ORIGINS (e.g. STELE_ALLOWED_ORIGINS={origin}); check the src attribute, and that the page's Content-Security-Policy allows the relay in connect-src"),
            Self::Status(404) => write!(f, "HTTP 404: check the src attribute points at the relay (…/stele/) or a static export"),
            Self::Status(status) => write!(f, "HTTP {status} from the relay: see its /healthz"),
            Self::Shape(reason) => write!(f, "unexpected JSON ({reason}): the relay and widget versions may differ"),
            Self::Version(mismatch) => mismatch.fmt(f),
            Self::Unavailable => write!(f, "no data source"),
            Self::Aborted => write!(f, "aborted: the element was removed"),
        }
    }
}

impl std::error::Error for DataError {}

impl DataError {
    /// Whether the console should hear of it: not when the element is gone.
    pub fn deserves_a_hint(&self) -> bool {
        *self != Self::Aborted
    }
}

/// Whether `url` (absolute) is on another origin than `page_origin` (`https://shop.example`,
/// as `location.origin` gives it): then a failed request is most often CORS.
pub fn is_cross_origin(page_origin: &str, url: &str) -> bool {
    match url.strip_prefix(page_origin) {
        Some(rest) => !(rest.is_empty() || rest.starts_with('/') || rest.starts_with('?')),
        None => true,
    }
}

/// The distinct chunk files that hold the summaries of `ids`, in order.
pub fn chunks_holding(ids: &[String]) -> Vec<u32> {
    // Insertion into a sorted vector rather than sort + dedup: a page holds a few dozen ids,
    // and the browser module then carries no sorting code (about 1 KB brotli).
    let mut chunks: Vec<u32> = Vec::new();
    for id in ids {
        let chunk = paths::summary_chunk_of(id);
        if let Err(at) = chunks.binary_search(&chunk) {
            chunks.insert(at, chunk);
        }
    }
    chunks
}

/// A relay or static export at a base URL (ending in `/`).
#[derive(Debug, Clone)]
pub struct Api {
    base: String,
    /// Aborts this element's requests when it is unmounted (see [`Api::aborted_on_cleanup`]).
    #[cfg(stele_browser)]
    abort: Option<send_wrapper::SendWrapper<web_sys::AbortSignal>>,
}

impl Api {
    /// The source at `base`; a missing trailing slash is added.
    pub fn new(base: &str) -> Self {
        let mut base = base.trim().to_owned();
        if !base.ends_with('/') {
            base.push('/');
        }
        Self {
            base,
            #[cfg(stele_browser)]
            abort: None,
        }
    }

    /// The same source, for an element: its requests are aborted when the reactive owner
    /// this is called in is cleaned up (the element is unmounted, or shows another product),
    /// so the browser stops downloading what nobody will read.
    pub fn aborted_on_cleanup(self) -> Self {
        #[cfg(stele_browser)]
        if let Ok(controller) = web_sys::AbortController::new() {
            let signal = controller.signal();
            let controller = send_wrapper::SendWrapper::new(controller);
            leptos::prelude::on_cleanup(move || controller.abort());
            return Self {
                abort: Some(send_wrapper::SendWrapper::new(signal)),
                ..self
            };
        }
        self
    }

    /// The base URL.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The product's summary and first page in `sort`, `per_page` long (a static export
    /// answers its canonical file: the view says which sort and page size it holds).
    pub async fn product(
        &self,
        id: &str,
        sort: ReviewSort,
        per_page: u32,
    ) -> Result<ProductView, DataError> {
        self.get(&paths::product_first_page(id, sort, per_page))
            .await
    }

    /// One page of a product's reviews.
    pub async fn reviews(
        &self,
        id: &str,
        sort: ReviewSort,
        filter: &ReviewFilter,
        page: u32,
        per_page: u32,
    ) -> Result<Page<PublicReview>, DataError> {
        self.get(&reviews_url(id, sort, filter, page, per_page))
            .await
    }

    /// The shop's summary and first page of testimonials, `per_page` long, at the star
    /// threshold `min_stars` (`None`: the relay's own); a static export answers its
    /// canonical page of 10 at its own threshold, which its `moderation` states.
    pub async fn shop(&self, per_page: u32, min_stars: Option<u8>) -> Result<ShopView, DataError> {
        self.get(&paths::shop_first_page(per_page, min_stars)).await
    }

    /// A page of testimonials: the canonical file at the canonical size and the source's
    /// own threshold, else the query API.
    pub async fn testimonials(
        &self,
        page: u32,
        per_page: u32,
        min_stars: Option<u8>,
    ) -> Result<Page<PublicReview>, DataError> {
        self.get(&paths::testimonials_url(page, per_page, min_stars))
            .await
    }

    /// Summaries of `ids` in one request to a relay. A static export answers that request
    /// with a pointer to its chunk files (`chunks`), and then only the chunks that hold `ids`
    /// are read.
    pub async fn summaries(&self, ids: &[String]) -> Result<SummariesView, DataError> {
        let view: SummariesView = self.get(&paths::summaries_url(ids)).await?;
        match view.chunks {
            None => Ok(view),
            Some(paths::SUMMARY_CHUNKS) => {
                let mut all = SummariesView::default();
                for chunk in chunks_holding(ids) {
                    let part: SummariesView = self.get(&paths::summaries_chunk(chunk)).await?;
                    all.summaries.extend(part.summaries);
                }
                Ok(all)
            }
            Some(other) => Err(DataError::Shape(format!(
                "the export has {other} summary chunks, this widget reads {}",
                paths::SUMMARY_CHUNKS
            ))),
        }
    }

    #[cfg(stele_browser)]
    async fn get<T: serde::de::DeserializeOwned>(&self, path: &str) -> Result<T, DataError> {
        let signal = self.abort.as_deref();
        let json = browser::fetch_json(&format!("{}{path}", self.base), signal).await?;
        // Before the shape: another version's body may not parse, and then the hint would
        // blame the shape instead of naming the version.
        stele_core::public::check_api_version(browser::declared_api(&json).as_deref())
            .map_err(DataError::Version)?;
        serde_wasm_bindgen::from_value(json).map_err(|e| DataError::Shape(e.to_string()))
    }

    #[cfg(not(stele_browser))]
    async fn get<T: serde::de::DeserializeOwned>(&self, path: &str) -> Result<T, DataError> {
        let _ = path;
        Err(DataError::Unavailable)
    }
}

#[cfg(all(feature = "direct", target_arch = "wasm32"))]
pub(crate) use browser::fetch_json;

#[cfg(stele_browser)]
mod browser {
    use gloo_net::http::Request;
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{AbortSignal, RequestCredentials, RequestInit};

    use super::DataError;

    /// The body's `api` value as JSON text, for `stele_core::public::check_api_version`:
    /// `None` when the body has none (or is not an object: pages carry no version).
    pub fn declared_api(json: &wasm_bindgen::JsValue) -> Option<String> {
        if !json.is_object() {
            return None;
        }
        let api = js_sys::Reflect::get(json, &"api".into()).ok()?;
        if api.is_undefined() {
            return None;
        }
        Some(
            js_sys::JSON::stringify(&api)
                .ok()
                .map(String::from)
                .unwrap_or_default(),
        )
    }

    /// GET JSON without credentials through gloo-net, aborted by `abort`; the browser
    /// parses it (cheaper in wasm size than a Rust JSON parser), and serde-wasm-bindgen
    /// converts the result.
    pub async fn fetch_json(
        url: &str,
        abort: Option<&AbortSignal>,
    ) -> Result<wasm_bindgen::JsValue, DataError> {
        let init = RequestInit::new();
        init.set_credentials(RequestCredentials::Omit);
        init.set_signal(abort);
        // Built from a web_sys::Request: gloo-net's builder rewrites the query string (it
        // appends "&" to one without parameters of its own), and these URLs are cache keys.
        let request = web_sys::Request::new_with_str_and_init(url, &init)
            .map_err(|error| DataError::Network(format!("{error:?}")))?;
        let response = Request::from(request)
            .send()
            .await
            .map_err(|error| match error {
                gloo_net::Error::JsError(js) if js.name == "AbortError" => DataError::Aborted,
                other => {
                    let origin = web_sys::window()
                        .and_then(|w| w.location().origin().ok())
                        .unwrap_or_default();
                    if super::is_cross_origin(&origin, url) {
                        DataError::CrossOrigin(other.to_string(), origin)
                    } else {
                        DataError::Network(other.to_string())
                    }
                }
            })?;
        if !response.ok() {
            return Err(DataError::Status(response.status()));
        }
        let raw: web_sys::Response = response.into();
        let body = raw
            .json()
            .map_err(|_| DataError::Shape("not JSON".into()))?;
        JsFuture::from(body)
            .await
            .map_err(|_| DataError::Shape("not JSON".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_is_cross_origin_unless_scheme_host_and_port_are_the_page_s() {
        let page = "https://shop.example";
        assert!(!is_cross_origin(
            page,
            "https://shop.example/stele/v1/shop.json"
        ));
        assert!(!is_cross_origin(page, "https://shop.example"));
        assert!(is_cross_origin(page, "https://shop.example:8443/stele/"));
        assert!(is_cross_origin(page, "https://shop.example.evil/stele/"));
        assert!(is_cross_origin(page, "http://shop.example/stele/"));
        assert!(is_cross_origin(page, "https://relay.shop.example/stele/"));
        assert!(
            is_cross_origin("null", "https://shop.example/"),
            "a file:// page"
        );
    }

    #[test]
    fn badges_read_each_chunk_that_holds_their_ids_once() {
        let ids: Vec<String> = ["2183", "2182", "2183", "a/b", "țeapă"]
            .iter()
            .map(|id| id.to_string())
            .collect();
        let chunks = chunks_holding(&ids);
        let mut expected: Vec<u32> = ids.iter().map(|id| paths::summary_chunk_of(id)).collect();
        expected.sort_unstable();
        expected.dedup();
        assert_eq!(chunks, expected);
        assert!(chunks.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(chunks_holding(&[]).is_empty());
    }

    #[test]
    fn another_api_version_is_named_with_the_fix() {
        let hint = DataError::Version(ApiMismatch {
            declared: "2".into(),
        })
        .to_string();
        assert!(hint.contains("API version 2"), "{hint}");
        assert!(hint.contains("reads version 1"), "{hint}");
        assert!(hint.contains("load stele.js from that relay"), "{hint}");
    }

    #[test]
    fn bases_end_in_a_slash() {
        assert_eq!(Api::new("https://x/stele").base(), "https://x/stele/");
    }
}
