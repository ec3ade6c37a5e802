//! The public server: the router and its layers ([`app`]), the routes and their handlers,
//! parameters, HTTP caching, the rate limit, the widget's files, metrics, the one error
//! shape, the state handlers share, the listener's connections and the server's lifecycle.

pub mod assets;
pub mod cache;
pub mod error;
pub mod lifecycle;
pub mod metrics;
pub mod params;
pub mod parse_errors;
pub mod ratelimit;
pub mod router;
pub mod routes;
pub mod server;
pub mod state;

pub use router::{app, with_middleware, MAX_HEADERS, MAX_HEADER_BYTES, MAX_URI_BYTES};
