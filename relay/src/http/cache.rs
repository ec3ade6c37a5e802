//! HTTP caching of the public API in one place: handlers answer [`Tagged`] bodies (an
//! `ETag` of their bytes), and the [`conditional`] layer adds the configured
//! `Cache-Control` and turns a matching `If-None-Match` into `304 Not Modified`. A 304 is
//! answered from [`EtagMemo`] without rendering the body when the same URL was answered
//! from the snapshot being served: revalidations cost a hash lookup, not a page.

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::delivery::{self, etag_matches};
use crate::http::state::AppState;
use crate::model::snapshot::Rendered;

/// A rendered body with its validator and media type.
pub struct Tagged {
    rendered: Rendered,
    content_type: &'static str,
}

impl Tagged {
    /// JSON already rendered.
    pub fn json(rendered: Rendered) -> Self {
        Self {
            rendered,
            content_type: delivery::JSON,
        }
    }

    /// `value` rendered as JSON.
    pub fn of(value: &impl serde::Serialize) -> Self {
        Self::json(Rendered::json(value))
    }

    /// A PNG image.
    pub fn png(body: Vec<u8>) -> Self {
        Self {
            rendered: Rendered::from_bytes(body),
            content_type: delivery::PNG,
        }
    }

    /// An HTML fragment.
    pub fn html(body: String) -> Self {
        Self {
            rendered: Rendered::from_bytes(body.into_bytes()),
            content_type: delivery::HTML,
        }
    }
}

impl IntoResponse for Tagged {
    fn into_response(self) -> Response {
        let etag = HeaderValue::from_str(&self.rendered.etag).expect("etags are ASCII");
        (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static(self.content_type),
                ),
                (header::ETAG, etag),
            ],
            self.rendered.body,
        )
            .into_response()
    }
}

/// The ETags of answers already made from the snapshot being served, by [`Target`]. Holds
/// one snapshot generation at a time and at most [`MEMO_ENTRIES`] targets, in two halves:
/// when the recent half is full it becomes the older one and the older is dropped, and an
/// older entry asked for again moves back to the recent half. A flood of new URLs (20,000
/// different searches) so pushes out only what nobody revalidated meanwhile: the memo is
/// never emptied for everyone at once.
#[derive(Default)]
pub struct EtagMemo(std::sync::Mutex<Memo>);

#[derive(Default)]
struct Memo {
    generation: u64,
    recent: std::collections::HashMap<Target, HeaderValue>,
    older: std::collections::HashMap<Target, HeaderValue>,
}

impl Memo {
    fn insert(&mut self, target: Target, etag: HeaderValue) {
        if self.recent.len() >= MEMO_ENTRIES / 2 {
            self.older = std::mem::take(&mut self.recent);
        }
        self.recent.insert(target, etag);
    }
}

/// What decides an answer of the API besides the snapshot: the path and the parameters a
/// route reads ([`crate::http::params::PARAMETERS`]), as a SHA-256 digest. Cache busters
/// (`?v=…`, any key no route reads) are one target, not one each, and an entry is 32 bytes
/// however long its URL (up to 8 KiB): the memo stays small whatever clients send.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Target([u8; 32]);

impl Target {
    /// The target of a request for `path` with the raw query `query`.
    pub fn of(path: &str, query: Option<&str>) -> Self {
        use sha2::Digest;
        let query = crate::http::params::Query::parse(query);
        let mut digest = sha2::Sha256::new();
        // Each part length-prefixed: no two different targets hash the same input.
        let mut part = |text: &str| {
            digest.update((text.len() as u64).to_le_bytes());
            digest.update(text.as_bytes());
        };
        part(path);
        for (key, value) in query.deciding() {
            part(key);
            part(value);
        }
        Self(digest.finalize().into())
    }
}

/// Targets remembered per snapshot (a crawler walking every page of every product must not
/// grow the memo without end).
const MEMO_ENTRIES: usize = 20_000;

impl EtagMemo {
    fn get(&self, generation: u64, target: &Target) -> Option<HeaderValue> {
        let mut memo = crate::lock(&self.0);
        if memo.generation != generation {
            return None;
        }
        if let Some(etag) = memo.recent.get(target) {
            return Some(etag.clone());
        }
        let etag = memo.older.remove(target)?;
        memo.insert(*target, etag.clone());
        Some(etag)
    }

    fn put(&self, generation: u64, target: Target, etag: HeaderValue) {
        let mut memo = crate::lock(&self.0);
        if generation > memo.generation {
            memo.recent.clear();
            memo.older.clear();
            memo.generation = generation;
        }
        if generation == memo.generation {
            memo.insert(target, etag);
        }
    }
}

/// The layer: `Cache-Control` on every tagged 200, and 304 when the client's copy is current.
pub async fn conditional(State(state): State<AppState>, request: Request, next: Next) -> Response {
    // Usually empty: no allocation on the common path.
    let if_none_match: Vec<HeaderValue> = request
        .headers()
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .cloned()
        .collect();
    let cache_control = state.shared().settings.cache_control.clone();
    let generation = state.generation();
    let target = Target::of(request.uri().path(), request.uri().query());
    if !if_none_match.is_empty() {
        if let Some(etag) = state.shared().etags.get(generation, &target) {
            if etag
                .to_str()
                .is_ok_and(|tag| etag_matches(&if_none_match, tag))
            {
                return not_modified(etag, cache_control);
            }
        }
    }
    let response = next.run(request).await;
    let Some(etag) = response.headers().get(header::ETAG).cloned() else {
        return response;
    };
    if response.status() != StatusCode::OK {
        return response;
    }
    state.shared().etags.put(generation, target, etag.clone());
    let fresh = etag
        .to_str()
        .is_ok_and(|etag| etag_matches(&if_none_match, etag));
    if fresh {
        return not_modified(etag, cache_control);
    }
    let mut response = response;
    let headers = response.headers_mut();
    headers
        .entry(header::CACHE_CONTROL)
        .or_insert(cache_control);
    response
}

fn not_modified(etag: HeaderValue, cache_control: HeaderValue) -> Response {
    let mut response = StatusCode::NOT_MODIFIED.into_response();
    let headers = response.headers_mut();
    headers.insert(header::ETAG, etag);
    headers.insert(header::CACHE_CONTROL, cache_control);
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_target_is_the_path_and_the_parameters_a_route_reads() {
        let shop = Target::of("/v1/shop", None);
        assert_eq!(Target::of("/v1/shop", Some("v=123&_=9")), shop);
        assert_ne!(Target::of("/v1/shop", Some("page=2")), shop);
        assert_ne!(Target::of("/v1/shop.json", None), shop);
        // As the routes read them: the last of a repeated key, in any order.
        assert_eq!(
            Target::of("/v1/products/p1/reviews", Some("page=1&sort=oldest&page=2")),
            Target::of("/v1/products/p1/reviews", Some("sort=oldest&page=2")),
        );
        // Length-prefixed parts: a value cannot pass for a key and a value.
        assert_ne!(
            Target::of("/p", Some("q=a&sort=b")),
            Target::of("/p", Some("q=asortb")),
        );
    }
}
