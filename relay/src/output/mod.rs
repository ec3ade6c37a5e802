//! What the read model is written as besides the JSON: the static export ([`export`]) and
//! its upload to a bucket ([`publish`]), Google's product reviews feed ([`google_feed`]),
//! schema.org product markup ([`markup`]) and rating images for email ([`rating_image`]).

pub mod export;
pub mod google_feed;
pub mod markup;
pub mod publish;
pub mod rating_image;
