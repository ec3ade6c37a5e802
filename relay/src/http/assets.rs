//! The widget's files at `/`: from `STELE_ASSETS` (a directory, for widget development), or
//! built into the binary (the release bundle: `--features embedded-widget` with
//! `STELE_WIDGET_DIR` naming the built widget at compile time). Either way a file's
//! precompressed `.br`/`.gz` sibling is sent as it is to clients that accept it, so no
//! request spends time compressing.

use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};

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

/// The media type of a widget file.
pub fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "html" => "text/html; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        _ => "application/octet-stream",
    }
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
    let fresh = request
        .headers()
        .get(header::IF_NONE_MATCH)
        .is_some_and(|tag| tag.as_bytes() == etag.as_bytes() || tag == "*");
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
}
