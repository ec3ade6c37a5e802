//! What the read model is written as besides the JSON: the static export ([`export`]) and
//! its upload to a bucket ([`bucket`]), Google's product reviews feed ([`google_reviews`]),
//! schema.org product markup ([`markup`]) and rating images for email ([`rating_image`]).

pub mod bucket;
pub mod export;
pub mod google_reviews;
pub mod markup;
pub mod rating_image;
