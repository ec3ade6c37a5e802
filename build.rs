//! Which elements this build of the widget draws, as two cfgs the code reads instead of
//! negated features: `stele_reviews` and `stele_testimonials` (badges are in every build).
//! The browser modules leave one out (`badge-only`, `reviews-only`, `testimonials-only`), so
//! a page downloads only what it shows; every other build has both.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(stele_reviews)");
    println!("cargo::rustc-check-cfg=cfg(stele_testimonials)");
    let feature = |name: &str| std::env::var_os(format!("CARGO_FEATURE_{name}")).is_some();
    if !feature("BADGE_ONLY") && !feature("TESTIMONIALS_ONLY") {
        println!("cargo:rustc-cfg=stele_reviews");
    }
    if !feature("BADGE_ONLY") && !feature("REVIEWS_ONLY") {
        println!("cargo:rustc-cfg=stele_testimonials");
    }
}
