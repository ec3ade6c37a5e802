//! The widget's files at `/`: from `STELE_ASSETS` (a directory, for widget development), or
//! built into the binary (the release bundle: `--features embedded-widget` with
//! `STELE_WIDGET_DIR` naming the built widget at compile time). Either way a file's
//! precompressed `.br`/`.gz` sibling is sent as it is to clients that accept it, so no
//! request spends time compressing.

use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::delivery::{content_type, etag_matches};

#[cfg(feature = "embedded-widget")]
mod embedded {
    pub static FILES: include_dir::Dir<'static> = include_dir::include_dir!("$STELE_WIDGET_DIR");

    pub fn file(path: &str) -> Option<&'static [u8]> {
        FILES.get_file(path).map(include_dir::File::contents)
    }
}

#[cfg(not(feature = "embedded-widget"))]
mod embedded {
    pub fn file(_: &str) -> Option<&'static [u8]> {
        None
    }
}

/// Whether the client's copy (its `If-None-Match`, every value of it) is the file tagged
/// `etag`: compared weakly and as a list, as the API's answers are.
fn is_fresh(headers: &HeaderMap, etag: &HeaderValue) -> bool {
    etag.to_str()
        .is_ok_and(|etag| etag_matches(headers.get_all(header::IF_NONE_MATCH), etag))
}

/// The encodings a request accepts, best first, among those we precompress.
fn accepted(headers: &HeaderMap) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
    let accept = headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|item| {
            let mut parts = item.split(';');
            let name = parts.next()?.trim();
            let refused = parts.any(|p| matches!(p.trim(), "q=0" | "q=0.0" | "q=0.00" | "q=0.000"));
            (!refused).then_some(name)
        })
        .collect::<Vec<_>>();
    [("br", ".br"), ("gzip", ".gz")]
        .into_iter()
        .filter(move |(name, _)| accept.iter().any(|a| a == name))
}

/// Serves a file of the embedded widget (the router's fallback when no route matched).
pub async fn serve_embedded(request: Request) -> Response {
    let path = request.uri().path().trim_start_matches('/');
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return crate::http::error::ApiError::MethodNotAllowed.into_response();
    }
    let Some(plain) =
        embedded::file(path).filter(|_| !path.ends_with(".br") && !path.ends_with(".gz"))
    else {
        return crate::http::error::ApiError::NotFound(path.chars().take(200).collect())
            .into_response();
    };
    let build = crate::config::http::embedded_build().unwrap_or("");
    let etag = HeaderValue::from_str(&format!("\"{build}-{}\"", plain.len())).expect("ASCII");
    let fresh = is_fresh(request.headers(), &etag);
    let (body, encoding) = accepted(request.headers())
        .find_map(|(name, suffix)| {
            embedded::file(&format!("{path}{suffix}")).map(|b| (b, Some(name)))
        })
        .unwrap_or((plain, None));
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        body.into_response()
    };
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(path)),
    );
    headers.insert(header::ETAG, etag);
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if let (Some(encoding), false) = (encoding, fresh) {
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precompressed_encodings_follow_accept_encoding() {
        let mut headers = HeaderMap::new();
        assert_eq!(accepted(&headers).count(), 0);
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_static("gzip, deflate, br;q=0.9"),
        );
        assert_eq!(
            accepted(&headers).map(|(n, _)| n).collect::<Vec<_>>(),
            ["br", "gzip"]
        );
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_static("br;q=0, gzip"),
        );
        assert_eq!(
            accepted(&headers).map(|(n, _)| n).collect::<Vec<_>>(),
            ["gzip"]
        );
        assert_eq!(content_type("stele-0123456789ab.wasm"), "application/wasm");
    }

    /// The fix: a built-in widget file compared `If-None-Match` byte for byte, so a weak
    /// tag (as a cache that re-encodes sends it) or a list of tags was never fresh.
    #[test]
    fn built_in_files_are_fresh_for_weak_tags_and_lists_as_the_api_is() {
        let etag = HeaderValue::from_static("\"0123abcd-4096\"");
        let fresh = |values: &[&'static str]| {
            let mut headers = HeaderMap::new();
            for value in values {
                headers.append(header::IF_NONE_MATCH, HeaderValue::from_static(value));
            }
            is_fresh(&headers, &etag)
        };
        assert!(!fresh(&[]));
        assert!(fresh(&["\"0123abcd-4096\""]));
        assert!(fresh(&["W/\"0123abcd-4096\""]), "weak");
        assert!(fresh(&["\"old-1\", W/\"0123abcd-4096\""]), "a list");
        assert!(fresh(&["\"old-1\"", "\"0123abcd-4096\""]), "two headers");
        assert!(fresh(&["*"]));
        assert!(!fresh(&["\"0123abcd-4095\""]));
    }
}
