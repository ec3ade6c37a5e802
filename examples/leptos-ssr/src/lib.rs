//! A Leptos SSR app that shows Stele's components, set up as cargo-leptos sets one up: the
//! server (`ssr`, src/main.rs) renders [`shell`] with axum and leptos_axum, the browser
//! (`hydrate`, [`hydrate`]) hydrates it and routes from then on. Stele's components render
//! their skeleton on the server and fetch their data from the relay in the browser.
//!
//! Where the relay's URL goes: the server reads `STELE_RELAY_URL` (a relay on another origin
//! must list this app's origin in its `STELE_ALLOWED_ORIGINS`), and [`shell`] writes it into
//! a `<meta name="stele-relay">` that [`hydrate`] reads, so both halves render the same props.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::hooks::use_params_map;
use leptos_router::path;
use stele::leptos_api::{SteleReviews, SteleStars, SteleTestimonials};

/// The relay's URL when none is configured: the same origin, as the relay's documented
/// reverse-proxy `location /stele/` block serves it.
pub const DEFAULT_RELAY: &str = "/stele/";

/// Products on the home page's listing: ids from the shop's product feed.
const LISTING: [(&str, &str); 3] = [
    ("2183", "Rochie de vară din in"),
    ("2182", "Sandale din piele"),
    ("1001", "Tricou din bumbac organic"),
];

/// The whole document, rendered on the server: Stele's stylesheet, the hydration scripts,
/// the relay's URL for the browser half, and the app.
pub fn shell(options: LeptosOptions, relay: String) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <title>"Leptos SSR app using the stele crate"</title>
                <meta name="stele-relay" content=relay.clone() />
                // Stele's components render inline: the page includes the stylesheet.
                <link rel="stylesheet" href="/stele.css" />
                <HydrationScripts options />
            </head>
            <body>
                <App relay />
            </body>
        </html>
    }
}

/// The app: a home page (a listing of badges and the shop's testimonials) and a product page
/// (its badge and reviews), with client-side navigation between them.
#[component]
pub fn App(
    /// The relay's base URL.
    relay: String,
) -> impl IntoView {
    provide_context(Relay(relay));
    view! {
        <Router>
            <nav>
                <A href="/">"Home"</A>
                " · "
                <A href="/product/2183">"Rochie de vară din in"</A>
            </nav>
            <main>
                <Routes fallback=|| "Not found.">
                    <Route path=path!("/") view=Home />
                    <Route path=path!("/product/:id") view=Product />
                </Routes>
            </main>
        </Router>
    }
}

/// The relay's URL, for every page.
#[derive(Clone)]
struct Relay(String);

fn relay() -> String {
    use_context::<Relay>().map_or_else(|| DEFAULT_RELAY.to_owned(), |r| r.0)
}

/// The home page: one badge per listed product (they share one summaries request) and the
/// testimonials carousel.
#[component]
fn Home() -> impl IntoView {
    let src = relay();
    let cards = LISTING
        .iter()
        .map(|(id, name)| {
            let href = format!("/product/{id}");
            view! {
                <li class="card">
                    <A href=href>{*name}</A>
                    " "
                    <SteleStars product=id.to_string() src=src.clone() lang="en" />
                </li>
            }
        })
        .collect_view();
    view! {
        <h1>"Our shop"</h1>
        <ul class="listing">{cards}</ul>
        <h2>"What customers say"</h2>
        <SteleTestimonials src=src.clone() lang="en" />
    }
}

/// A product page: the product's badge and its reviews. Navigating to another product keeps
/// the components and gives them the new id.
#[component]
fn Product() -> impl IntoView {
    let params = use_params_map();
    let id = Signal::derive(move || params.read().get("id").unwrap_or_default());
    let src = relay();
    view! {
        <h1>"Product " {id}</h1>
        <SteleStars product=id src=src.clone() lang="en" />
        <SteleReviews product=id src=src lang="en" />
    }
}

/// The browser half: hydrates the server's HTML with the relay's URL the server wrote.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    let relay = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| {
            document
                .query_selector("meta[name=stele-relay]")
                .ok()
                .flatten()
        })
        .and_then(|meta| meta.get_attribute("content"))
        .unwrap_or_else(|| DEFAULT_RELAY.to_owned());
    leptos::mount::hydrate_body(move || view! { <App relay=relay.clone() /> });
}
