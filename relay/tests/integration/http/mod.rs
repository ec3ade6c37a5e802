//! The public server: routes and layers over `oneshot`, and real HTTP on loopback.

mod api;
mod embed;
mod google_reviews;
mod proxy;
mod rating_image;
