//! The `--version` line: the crate's version and the embedded widget's build, if any.

fn main() {
    println!("cargo:rerun-if-env-changed=STELE_WIDGET_BUILD");
    println!("cargo:rerun-if-env-changed=STELE_WIDGET_DIR");
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let embedded = std::env::var_os("CARGO_FEATURE_EMBEDDED_WIDGET").is_some();
    let widget = match std::env::var("STELE_WIDGET_BUILD") {
        Ok(build) if embedded => format!("widget {build} built in"),
        _ => "no widget built in: serves STELE_ASSETS".to_owned(),
    };
    println!("cargo:rustc-env=STELE_VERSION_LINE={version} ({widget})");
    if let (true, Ok(dir)) = (embedded, std::env::var("STELE_WIDGET_DIR")) {
        println!("cargo:rerun-if-changed={dir}");
    }
}
