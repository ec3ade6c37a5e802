//! One vocabulary for attributes (`per-page`), JS options (`perPage`) and Leptos props
//! (`per_page`): see docs/embed.md.

use std::collections::BTreeMap;

use serde::Deserialize;

/// Which element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `<stele-reviews>`.
    Reviews,
    /// `<stele-stars>`.
    Stars,
    /// `<stele-testimonials>`.
    Testimonials,
}

impl Kind {
    /// `reviews`, `stars` or `testimonials`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Reviews => "reviews",
            Self::Stars => "stars",
            Self::Testimonials => "testimonials",
        }
    }

    /// From `reviews`, `stars`, `testimonials` (or the element names).
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().trim_start_matches("stele-") {
            "reviews" => Some(Self::Reviews),
            "stars" => Some(Self::Stars),
            "testimonials" => Some(Self::Testimonials),
            _ => None,
        }
    }

    /// The element's tag.
    pub fn tag(self) -> &'static str {
        match self {
            Self::Reviews => "stele-reviews",
            Self::Stars => "stele-stars",
            Self::Testimonials => "stele-testimonials",
        }
    }
}

/// Light, dark, or following the shopper's system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// Light colours.
    Light,
    /// Dark colours.
    Dark,
    /// `prefers-color-scheme`.
    #[default]
    Auto,
}

impl Theme {
    /// The attribute value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Light => "light",
            Self::Dark => "dark",
            Self::Auto => "auto",
        }
    }

    /// From the attribute value; anything else is `auto`.
    pub fn parse(text: &str) -> Self {
        match text.trim() {
            "light" => Self::Light,
            "dark" => Self::Dark,
            _ => Self::Auto,
        }
    }
}

/// An element's options as the loader passes them (camelCase JS names).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Options {
    /// The shop's product id.
    pub product: Option<String>,
    /// Relay or export base URL, resolved by the loader.
    pub src: Option<String>,
    /// The element's `lang`.
    pub lang: Option<String>,
    /// `<html lang>`.
    pub page_lang: Option<String>,
    /// `light`, `dark`, `auto`.
    pub theme: Option<String>,
    /// Reviews per page.
    pub per_page: Option<u32>,
    /// First sort.
    pub sort: Option<String>,
    /// `carousel` or `grid`.
    pub layout: Option<String>,
    /// Carousel seconds per slide; absent or 0: never moves by itself.
    pub autoplay: Option<u32>,
    /// String overrides by key (`verified-buyer` or `verifiedBuyer`).
    pub strings: BTreeMap<String, String>,
    /// Present (any value) to call the Feedback API from the browser: local testing only.
    pub unsafe_direct: Option<String>,
    /// The REST key, for `unsafe_direct` only.
    pub rest_key: Option<String>,
    /// The customer id, for `unsafe_direct` only.
    pub customer_id: Option<String>,
    /// The Feedback API endpoint for `unsafe_direct` (default: Retargeting's).
    pub upstream: Option<String>,
}

impl Options {
    /// The page size, clamped to what the API accepts.
    pub fn per_page(&self) -> u32 {
        self.per_page
            .unwrap_or(stele_core::paths::CANONICAL_PER_PAGE)
            .clamp(1, 100)
    }

    /// The overrides as (key, text) pairs.
    pub fn overrides(&self) -> Vec<(String, String)> {
        self.strings
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }
}
