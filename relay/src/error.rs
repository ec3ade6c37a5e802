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
}

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
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code().into(),
                message: self.public_message(),
            },
        };
        let mut response = (self.status(), axum::Json(body)).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if let Self::RateLimited { retry_after } = self {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
        }
        response
    }
}
