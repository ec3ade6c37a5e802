//! Query and path parameters, each checked against its documented range with a message
//! that says what is accepted. [`Query`] is an extractor; path parameters are parsed by the
//! functions at the end of this file.

use std::collections::HashMap;
use std::convert::Infallible;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use stele_core::listing::{ReviewFilter, ReviewSort};
use stele_core::paths::page_of_file;
use stele_core::text::from_path_segment;

use crate::http::error::ApiError;

pub use stele_core::paths::{MAX_ID_CHARS, MAX_PER_PAGE, MAX_SUMMARY_IDS as MAX_IDS};
/// Longest search text, in characters.
pub const MAX_QUERY_CHARS: usize = 200;

/// Every query parameter any route reads (docs/api.md): an answer is decided by its path
/// and these alone, so a cache buster (`?v=123`) or any other key changes nothing.
pub const PARAMETERS: [&str; 11] = [
    "ids",
    "lang",
    "layout",
    "min_stars",
    "page",
    "per_page",
    "q",
    "sort",
    "stars",
    "theme",
    "with_comment",
];

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
        debug_assert!(
            PARAMETERS.contains(&key),
            "{key} is read by a route: add it to PARAMETERS"
        );
        self.0.get(key).map(String::as_str)
    }

    /// The parameters that decide an answer ([`PARAMETERS`]) with their values, by name:
    /// equal for two queries that differ only in keys no route reads.
    pub fn deciding(&self) -> Vec<(&str, &str)> {
        let mut pairs: Vec<(&str, &str)> = PARAMETERS
            .iter()
            .filter_map(|key| self.0.get(*key).map(|value| (*key, value.as_str())))
            .collect();
        pairs.sort_unstable();
        pairs
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

    /// `min_stars` of the testimonials (`/v1/shop`, its fragment, `/v1/testimonials`): the
    /// star threshold, 1–5 (1 shows every one); absent: the relay's own.
    pub fn min_stars(&self) -> Result<Option<u8>, ApiError> {
        self.stars_value("min_stars")
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

impl<S: Send + Sync> FromRequestParts<S> for Query {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        Ok(Self::parse(parts.uri.query()))
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

/// A product id in a path. Three spellings: `{segment}.json` (the canonical file name),
/// a `~hex` segment (what the widget sends: it survives reverse proxies that decode `%2F`
/// before passing a path on), or the raw id, percent-encoded. A raw id that itself reads as
/// a `~hex` segment of another id is taken as that segment; such an id is reached by its
/// own segment (docs/api.md).
pub fn product_in_path(raw: &str) -> Result<String, ApiError> {
    match raw.strip_suffix(".json") {
        Some(segment) => canonical_product(segment),
        None if raw.starts_with('~') => {
            product_id(&from_path_segment(raw).unwrap_or_else(|| raw.to_owned()))
        }
        None => product_id(raw),
    }
}

/// A product in a canonical path: its `path_segment` form (ids of letters, digits, `-`, `_`
/// as they are; others `~` + hex), as the export names its files.
pub fn canonical_product(segment: &str) -> Result<String, ApiError> {
    from_path_segment(segment)
        .ok_or_else(|| {
            ApiError::BadParameter(format!(
                "{segment:?} is not a canonical product segment (see docs/api.md)"
            ))
        })
        .and_then(|id| product_id(&id))
}

/// `{page}.json` at the end of a canonical path.
pub fn canonical_page(file: &str) -> Result<u32, ApiError> {
    page_of_file(file).ok_or_else(|| {
        ApiError::BadParameter(format!(
            "{file:?} is not a page file: expected {{page}}.json with page from 1"
        ))
    })
}

/// The `{sort}` of a canonical path.
pub fn path_sort(text: &str) -> Result<ReviewSort, ApiError> {
    text.parse()
        .map_err(|e: stele_core::listing::UnknownSort| ApiError::BadParameter(e.to_string()))
}

/// The `stars-{n}` of a canonical histogram-row path.
pub fn path_stars(text: &str) -> Result<u8, ApiError> {
    let stars_text = text
        .strip_prefix("stars-")
        .ok_or_else(|| ApiError::BadParameter(format!("{text:?}: expected stars-1 to stars-5")))?;
    stars("stars", stars_text)
}

/// The `{chunk}.json` of `/v1/summary-chunks/`.
pub fn summary_chunk(file: &str) -> Result<u32, ApiError> {
    let chunks = stele_core::paths::SUMMARY_CHUNKS;
    file.strip_suffix(".json")
        .and_then(|n| n.parse::<u32>().ok())
        .filter(|n| *n < chunks)
        .ok_or_else(|| {
            ApiError::BadParameter(format!(
                "{file:?}: expected {{chunk}}.json with chunk below {chunks}"
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn product_paths_take_segments_files_and_raw_ids() {
        for id in [
            "2183",
            "a/b",
            "a b+c?d#e%f",
            "mărime 42",
            "~1",
            &"x/".repeat(64),
        ] {
            let segment = stele_core::text::path_segment(id);
            assert_eq!(product_in_path(&segment).as_deref(), Ok(id), "{segment}");
            assert_eq!(
                product_in_path(&format!("{segment}.json")).as_deref(),
                Ok(id)
            );
        }
        assert_eq!(product_in_path("a b").as_deref(), Ok("a b"));
        assert_eq!(
            product_in_path("~zz").as_deref(),
            Ok("~zz"),
            "not a segment: raw"
        );
        assert!(product_in_path("a.b.json").is_err());
        assert!(product_in_path(&"x".repeat(129)).is_err());
    }
}
