//! The static export and its bucket upload.

mod bucket;
mod export;
