//! The app's server: axum with leptos_axum, as cargo-leptos's axum template has it, plus the
//! two files the browser half needs (`/pkg/`, built by scripts/build-leptos-example) and
//! Stele's stylesheet, served from the crate (`stele::css::ALL`).
//!
//! Settings: `LEPTOS_SITE_ADDR` (default 127.0.0.1:3000), `LEPTOS_SITE_ROOT` (the directory
//! holding `pkg/`, default `target/site`), `STELE_RELAY_URL` (default `/stele/`).

#[cfg(feature = "ssr")]
#[tokio::main]
async fn main() -> std::process::ExitCode {
    match serve().await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("stele-leptos-ssr: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(feature = "ssr")]
async fn serve() -> Result<(), String> {
    use axum::{http::header, routing::get, Router};
    use leptos::prelude::*;
    use leptos_axum::{generate_route_list, LeptosRoutes};
    use stele_leptos_ssr::{shell, App, DEFAULT_RELAY};

    let setting =
        |name: &str, default: &str| std::env::var(name).unwrap_or_else(|_| default.to_owned());
    let addr = setting("LEPTOS_SITE_ADDR", "127.0.0.1:3000");
    let addr: std::net::SocketAddr = addr.parse().map_err(|e| {
        format!(
            "LEPTOS_SITE_ADDR={addr:?} is no address ({e}); e.g. LEPTOS_SITE_ADDR=127.0.0.1:3000"
        )
    })?;
    // As cargo-leptos names them: the browser half is pkg/{crate}.js and pkg/{crate}_bg.wasm.
    let options = LeptosOptions::builder()
        .output_name(env!("CARGO_CRATE_NAME"))
        .site_root(setting("LEPTOS_SITE_ROOT", "target/site"))
        .site_addr(addr)
        .build();
    let relay = setting("STELE_RELAY_URL", DEFAULT_RELAY);
    let pkg = std::path::Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    let routes = generate_route_list({
        let relay = relay.clone();
        move || view! { <App relay=relay.clone() /> }
    });
    let app = Router::new()
        .route(
            "/stele.css",
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "text/css")],
                    stele::css::ALL.concat(),
                )
            }),
        )
        .route("/pkg/{file}", get(move |path| pkg_file(pkg.clone(), path)))
        .leptos_routes(&options, routes, {
            let options = options.clone();
            move || shell(options.clone(), relay.clone())
        })
        .with_state(options);
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("listening on {addr}: {e}"))?;
    println!("listening on http://{addr}");
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| e.to_string())
}

/// The browser half's `.js` and `.wasm`, by name from the pkg directory.
#[cfg(feature = "ssr")]
async fn pkg_file(
    dir: std::path::PathBuf,
    axum::extract::Path(file): axum::extract::Path<String>,
) -> axum::response::Response {
    use axum::http::{header, StatusCode};
    use axum::response::IntoResponse;
    let kind = match file.rsplit_once('.').map(|(_, ext)| ext) {
        Some("js") => "text/javascript",
        Some("wasm") => "application/wasm",
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    if file.contains('/') || file.starts_with('.') {
        return StatusCode::NOT_FOUND.into_response();
    }
    match tokio::fs::read(dir.join(&file)).await {
        Ok(bytes) => ([(header::CONTENT_TYPE, kind)], bytes).into_response(),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Without `ssr` there is no server to build (the library is the browser half).
#[cfg(not(feature = "ssr"))]
fn main() {}
