//! Query and path parameters, each checked against its documented range with a message
//! that says what is accepted.

use std::collections::HashMap;

use stele_core::listing::{ReviewFilter, ReviewSort};

use crate::error::ApiError;

/// Largest page size.
pub const MAX_PER_PAGE: u32 = 100;
/// Most ids in one `/v1/summaries` request.
pub const MAX_IDS: usize = 100;
/// Longest product id, in characters.
pub const MAX_ID_CHARS: usize = 128;
/// Longest search text, in characters.
pub const MAX_QUERY_CHARS: usize = 200;

/// A parsed query string; the last value of a repeated key wins, unknown keys are ignored
/// (cache busters are common).
pub struct Query(HashMap<String, String>);

impl Query {
    /// Parses a raw query string.
    pub fn parse(raw: Option<&str>) -> Self {
        Self(
            form_urlencoded::parse(raw.unwrap_or("").as_bytes())
                .into_owned()
                .collect(),
        )
    }

    fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(String::as_str)
    }

    /// A free-form parameter, if present.
    pub fn text(&self, key: &str) -> Option<&str> {
        self.get(key)
    }

    /// `page`: 1 or more; default 1.
    pub fn page(&self) -> Result<u32, ApiError> {
        match self.get("page") {
            None => Ok(1),
            Some(text) => text
                .parse::<u32>()
                .ok()
                .filter(|page| *page >= 1)
                .ok_or_else(|| {
                    ApiError::BadParameter(format!(
                        "page must be a whole number from 1, got {text:?}"
                    ))
                }),
        }
    }

    /// `per_page`: 1 to 100; default `default`.
    pub fn per_page(&self, default: u32) -> Result<u32, ApiError> {
        match self.get("per_page") {
            None => Ok(default),
            Some(text) => text
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=MAX_PER_PAGE).contains(n))
                .ok_or_else(|| {
                    ApiError::BadParameter(format!(
                        "per_page must be between 1 and {MAX_PER_PAGE}, got {text:?}"
                    ))
                }),
        }
    }

    /// `sort`: newest, oldest, highest or lowest; default newest.
    pub fn sort(&self) -> Result<ReviewSort, ApiError> {
        self.get("sort").map_or(Ok(ReviewSort::Newest), |text| {
            text.parse().map_err(|e: stele_core::listing::UnknownSort| {
                ApiError::BadParameter(e.to_string())
            })
        })
    }

    fn stars_value(&self, key: &str) -> Result<Option<u8>, ApiError> {
        self.get(key).map(|text| stars(key, text)).transpose()
    }

    /// The review filter of `/v1/products/{id}/reviews`: `stars`, `with_comment`, `q`.
    pub fn review_filter(&self) -> Result<ReviewFilter, ApiError> {
        let with_comment = match self.get("with_comment") {
            None | Some("false" | "0" | "") => false,
            Some("true" | "1") => true,
            Some(other) => {
                return Err(ApiError::BadParameter(format!(
                    "with_comment must be true or false, got {other:?}"
                )))
            }
        };
        let query = match self.get("q").map(str::trim) {
            None | Some("") => None,
            Some(text) if text.chars().count() > MAX_QUERY_CHARS => {
                return Err(ApiError::BadParameter(format!(
                    "q must be at most {MAX_QUERY_CHARS} characters"
                )))
            }
            Some(text) if text.chars().any(char::is_control) => {
                return Err(ApiError::BadParameter(
                    "q must not contain control characters".into(),
                ))
            }
            Some(text) => Some(text.to_owned()),
        };
        Ok(ReviewFilter {
            stars: self.stars_value("stars")?,
            min_stars: self.stars_value("min_stars")?,
            with_comment,
            query,
        })
    }

    /// The filter of `/v1/testimonials`: `min_stars` only.
    pub fn testimonial_filter(&self) -> Result<ReviewFilter, ApiError> {
        Ok(ReviewFilter {
            min_stars: self.stars_value("min_stars")?,
            ..ReviewFilter::default()
        })
    }

    /// `ids` of `/v1/summaries`: comma-separated, 1 to 100, each a valid product id.
    pub fn ids(&self) -> Result<Vec<String>, ApiError> {
        let raw = self.get("ids").ok_or_else(|| {
            ApiError::BadParameter("ids is required: a comma-separated list of product ids".into())
        })?;
        let ids: Vec<&str> = raw
            .split(',')
            .map(str::trim)
            .filter(|id| !id.is_empty())
            .collect();
        if ids.is_empty() {
            return Err(ApiError::BadParameter(
                "ids must name at least one product id".into(),
            ));
        }
        if ids.len() > MAX_IDS {
            return Err(ApiError::BadParameter(format!(
                "ids names {} products; at most {MAX_IDS} per request",
                ids.len()
            )));
        }
        ids.into_iter().map(product_id).collect()
    }
}

/// A star value 1–5.
pub fn stars(name: &str, text: &str) -> Result<u8, ApiError> {
    text.parse::<u8>()
        .ok()
        .filter(|n| (1..=5).contains(n))
        .ok_or_else(|| {
            ApiError::BadParameter(format!(
                "{name} must be a whole number from 1 to 5, got {text:?}"
            ))
        })
}

/// A product id from a path or list: trimmed, 1–128 characters, no control characters.
pub fn product_id(raw: &str) -> Result<String, ApiError> {
    let id = raw.trim();
    if id.is_empty() {
        return Err(ApiError::BadParameter(
            "a product id must not be empty".into(),
        ));
    }
    if id.chars().count() > MAX_ID_CHARS {
        return Err(ApiError::BadParameter(format!(
            "a product id must be at most {MAX_ID_CHARS} characters"
        )));
    }
    if id.chars().any(char::is_control) {
        return Err(ApiError::BadParameter(
            "a product id must not contain control characters".into(),
        ));
    }
    Ok(id.to_owned())
}
