//! Stele's data model for the Retargeting Feedback API.
//!
//! The pipeline is `bytes → upstream::parse_feed → normalise::normalise → merge::FeedbackSet`,
//! then `aggregate` and `listing` turn kept records into the public JSON types of [`public`].
//! Everything here is pure: no I/O, no async, no browser. It compiles natively and for
//! `wasm32-unknown-unknown`; the browser build disables the `upstream` feature, which is the
//! only part that needs the tz database, a JSON parser and a keyed hash.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod aggregate;
pub mod catalog;
pub mod listing;
pub mod paths;
pub mod public;
pub mod score;
pub mod text;
pub mod time;

#[cfg(feature = "upstream")]
pub mod id;
#[cfg(feature = "upstream")]
pub mod merge;
#[cfg(feature = "upstream")]
pub mod normalise;
#[cfg(feature = "upstream")]
pub mod records;
#[cfg(feature = "upstream")]
pub mod upstream;
#[cfg(feature = "upstream")]
pub mod warnings;
#[cfg(feature = "upstream")]
pub mod zone;

pub use aggregate::{round_to_tenth, Summary};
pub use listing::{Page, ReviewSort};
pub use public::PublicReview;
pub use score::Score;
pub use time::Timestamp;
