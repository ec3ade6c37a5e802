//! Which elements this build of the widget draws, as two cfgs the code reads instead of
//! negated features: `stele_reviews` and `stele_testimonials` (badges are in every build).
//! The browser modules leave one out (`badge-only`, `reviews-only`, `testimonials-only`), so
//! a page downloads only what it shows; every other build has both. And a third,
//! `stele_browser`: the code that needs a browser (fetch, Intl, the DOM), in either browser
//! mode Leptos has (`csr` or `hydrate`).

fn main() {
    minify_stylesheets();
    println!("cargo::rustc-check-cfg=cfg(stele_reviews)");
    println!("cargo::rustc-check-cfg=cfg(stele_testimonials)");
    println!("cargo::rustc-check-cfg=cfg(stele_browser)");
    let feature = |name: &str| std::env::var_os(format!("CARGO_FEATURE_{name}")).is_some();
    // In a browser (`csr`: the custom elements, or `hydrate`: a Leptos SSR app's client) the
    // elements fetch their data; everywhere else (the relay, a Leptos app's server, native
    // tests) they render what they are given, or their skeleton.
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32");
    if wasm && (feature("CSR") || feature("HYDRATE")) {
        println!("cargo:rustc-cfg=stele_browser");
    }
    if !feature("BADGE_ONLY") && !feature("TESTIMONIALS_ONLY") {
        println!("cargo:rustc-cfg=stele_reviews");
    }
    if !feature("BADGE_ONLY") && !feature("REVIEWS_ONLY") {
        println!("cargo:rustc-cfg=stele_testimonials");
    }
}

/// The stylesheet's parts without comments and spare whitespace, for the browser modules
/// (`src/css.rs`): the comments are for us, not for every shopper's download. And the
/// stylesheet for server-rendered fragments, `shipped/stele.css`: every part as written, in
/// cascade order, which scripts/build-widget copies out (from the `out_dir` cargo reports).
fn minify_stylesheets() {
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    let mut shipped = String::new();
    for file in CSS_FILES {
        println!("cargo::rerun-if-changed={file}");
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file}: {e}"));
        let name = file.rsplit('/').next().unwrap_or(file);
        std::fs::write(out.join(name), minify(&text)).expect("write minified CSS");
        shipped.push_str(&text);
    }
    std::fs::create_dir_all(out.join("shipped")).expect("create shipped/");
    std::fs::write(out.join("shipped/stele.css"), shipped).expect("write shipped/stele.css");
}

/// The parts' files, in cascade order: the one list `css::FILES` in src/css.rs also includes.
const CSS_FILES: [&str; 6] = include!("src/css_files.rs");

/// Drops comments, folds whitespace runs into one space and removes it next to `{`, `}` and
/// `;`. Spaces elsewhere are kept: in selectors (`.a :focus`) and values they mean something.
/// Not for CSS with strings holding `/*`, `{`, `}` or `;` (`content: "…"`): ours has none, and
/// a test in src/css.rs compares every part with its source.
fn minify(css: &str) -> String {
    let mut without_comments = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        without_comments.push_str(&rest[..start]);
        let end = rest[start + 2..]
            .find("*/")
            .expect("an unclosed CSS comment");
        without_comments.push(' ');
        rest = &rest[start + 2 + end + 2..];
    }
    without_comments.push_str(rest);
    let folded = without_comments
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let mut out = String::with_capacity(folded.len());
    let mut chars = folded.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ' ' {
            let next = chars.peek().copied();
            let last = out.chars().last();
            if matches!(next, Some('{' | '}' | ';')) || matches!(last, Some('{' | '}' | ';') | None)
            {
                continue;
            }
        }
        out.push(c);
    }
    out
}
