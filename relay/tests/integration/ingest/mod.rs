//! What comes in: syncs against a fake Feedback API, the product feed over HTTP.

mod product_feed;
mod sync;
