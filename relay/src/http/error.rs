//! The one error type of the public API: a status, a stable code, and no internals on 5xx.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use stele_core::public::{ErrorBody, ErrorDetail};

/// Everything a public request can fail with.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// A query or path parameter is out of its documented range.
    #[error("{0}")]
    BadParameter(String),
    /// No such route (a product without reviews is not this: it is a 200 with count 0).
    #[error("no such resource: {0}")]
    NotFound(String),
    /// The route exists but a setting it needs is missing; the message names it.
    #[error("{0}")]
    NotConfigured(&'static str),
    /// Only GET and HEAD exist.
    #[error("method not allowed")]
    MethodNotAllowed,
    /// Too many requests from one address.
    #[error("too many requests")]
    RateLimited {
        /// Seconds until a request will be accepted.
        retry_after: u64,
    },
    /// The request took longer than the configured limit.
    #[error("the request took too long")]
    Timeout,
    /// A bug: the handler panicked. The relay logs it and keeps serving.
    #[error("internal error")]
    Internal,
    /// The request line is longer than [`crate::http::MAX_URI_BYTES`].
    #[error("the URL is too long")]
    UriTooLong,
    /// The headers are larger than [`crate::http::MAX_HEADER_BYTES`] or more than
    /// [`crate::http::MAX_HEADERS`].
    #[error("the request headers are too large")]
    HeadersTooLarge,
    /// An error answer made by a layer or extractor outside the relay's own code (axum's
    /// rejections, the file server), given the one error shape ([`crate::http::router::json_errors`]).
    #[error("{message}")]
    Rejected {
        /// Its status.
        status: StatusCode,
        /// Its text, if it had one.
        message: String,
    },
}

/// The longest message an error body carries: a 400 never echoes a 60 KB parameter back.
const MAX_MESSAGE_CHARS: usize = 300;

impl ApiError {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::BadParameter(_) => StatusCode::BAD_REQUEST,
            Self::NotFound(_) | Self::NotConfigured(_) => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Timeout => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            Self::UriTooLong => StatusCode::URI_TOO_LONG,
            Self::HeadersTooLarge => StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            Self::Rejected { status, .. } => *status,
        }
    }

    /// The stable code in the body.
    pub fn code(&self) -> &'static str {
        match self {
            Self::BadParameter(_) => "bad_parameter",
            Self::NotFound(_) => "not_found",
            Self::NotConfigured(_) => "not_configured",
            Self::MethodNotAllowed => "method_not_allowed",
            Self::RateLimited { .. } => "rate_limited",
            Self::Timeout => "timeout",
            Self::Internal => "internal",
            Self::UriTooLong => "uri_too_long",
            Self::HeadersTooLarge => "headers_too_large",
            Self::Rejected { status, .. } => match status.as_u16() {
                404 => "not_found",
                405 => "method_not_allowed",
                408 => "timeout",
                413 => "body_too_large",
                414 => "uri_too_long",
                431 => "headers_too_large",
                400..=499 => "bad_request",
                _ => "internal",
            },
        }
    }

    fn public_message(&self) -> String {
        match self {
            Self::BadParameter(message) => message.clone(),
            Self::NotFound(path) => {
                format!("no such resource: {path}; see docs/api.md for the routes")
            }
            Self::NotConfigured(message) => (*message).into(),
            Self::MethodNotAllowed => "only GET and HEAD are supported".into(),
            Self::RateLimited { retry_after } => {
                format!("too many requests from this address; retry in {retry_after} s")
            }
            // 5xx: a generic message only, never upstream detail.
            Self::Timeout => "the request took too long; retry shortly".into(),
            Self::Internal => "the relay failed to answer this request; retry shortly".into(),
            Self::UriTooLong => format!(
                "the URL is longer than {} bytes; the API's URLs are short",
                crate::http::MAX_URI_BYTES
            ),
            Self::HeadersTooLarge => format!(
                "the request headers are larger than {} bytes or more than {}",
                crate::http::MAX_HEADER_BYTES,
                crate::http::MAX_HEADERS
            ),
            Self::Rejected { status, message }
                if status.is_client_error() && !message.is_empty() =>
            {
                message.clone()
            }
            Self::Rejected { status, .. } if status.is_client_error() => status
                .canonical_reason()
                .unwrap_or("bad request")
                .to_ascii_lowercase(),
            Self::Rejected { .. } => {
                "the relay failed to answer this request; retry shortly".into()
            }
        }
    }

    /// [`Self::public_message`], at most [`MAX_MESSAGE_CHARS`] characters.
    fn shown_message(&self) -> String {
        let message = self.public_message();
        match message.char_indices().nth(MAX_MESSAGE_CHARS) {
            Some((cut, _)) => format!("{}… (cut)", &message[..cut]),
            None => message,
        }
    }

    /// The body: `{"error":{"code":…,"message":…}}`.
    fn body(&self) -> ErrorBody {
        ErrorBody {
            error: ErrorDetail {
                code: self.code().into(),
                message: self.shown_message(),
            },
        }
    }

    /// The body as JSON bytes, for an answer written without axum
    /// ([`crate::http::parse_errors`]).
    pub fn body_json(&self) -> Vec<u8> {
        serde_json::to_vec(&self.body()).expect("an error body is plain strings")
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status(), axum::Json(self.body())).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(crate::delivery::NO_STORE),
        );
        if let Self::RateLimited { retry_after } = self {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
        }
        response
    }
}
