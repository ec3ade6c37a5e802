//! The stylesheet, in parts and in cascade order, minified by build.rs. The shipped
//! `stele.css` (for server-rendered fragments) is every part in this order, written by
//! build.rs from the same files (scripts/build-widget copies it out); each browser module
//! adopts only the parts of the elements it draws (a listing's badge-only module carries no
//! review or carousel rules).

/// Stars, in every element.
pub const RATING: &str = include_str!(concat!(env!("OUT_DIR"), "/rating.css"));
/// The host, the loader's reserve and skeleton, colours and themes.
pub const BASE: &str = include_str!(concat!(env!("OUT_DIR"), "/stele.css"));
/// `<stele-stars>`.
pub const BADGE: &str = include_str!(concat!(env!("OUT_DIR"), "/badge.css"));
/// Review cards and lists: `<stele-reviews>` and `<stele-testimonials>`.
pub const CARDS: &str = include_str!(concat!(env!("OUT_DIR"), "/card.css"));
/// `<stele-reviews>`: summary, histogram, controls, notice.
pub const REVIEWS: &str = include_str!(concat!(env!("OUT_DIR"), "/reviews.css"));
/// `<stele-testimonials>`: carousel and grid.
pub const TESTIMONIALS: &str = include_str!(concat!(env!("OUT_DIR"), "/testimonials.css"));
/// Every part, in cascade order: the shipped `stele.css`, minified.
pub const ALL: [&str; 6] = [RATING, BASE, BADGE, CARDS, REVIEWS, TESTIMONIALS];
/// The parts' files, in the same order (build.rs concatenates them into the shipped
/// `stele.css`).
pub const FILES: [&str; 6] = include!("css_files.rs");

#[cfg(test)]
mod tests {
    #[test]
    fn the_shipped_stylesheet_is_every_part_in_cascade_order() {
        // build.rs writes it from the files, as written and in order; the widget build
        // ships that file.
        let shipped = include_str!(concat!(env!("OUT_DIR"), "/shipped/stele.css"));
        let root = env!("CARGO_MANIFEST_DIR");
        let read = |file: &str| std::fs::read_to_string(format!("{root}/{file}")).unwrap();
        assert_eq!(shipped, super::FILES.map(read).concat());
        let script = include_str!("../scripts/build-widget");
        assert!(
            script.contains("/shipped/stele.css\" \"$out/stele.css\""),
            "scripts/build-widget must copy build.rs's shipped/stele.css into the widget"
        );
        for (file, part) in super::FILES.iter().zip(super::ALL) {
            let text = read(file);
            let name = file.rsplit('/').next().unwrap();
            assert!(part.len() < text.len(), "{file} is minified");
            // The same rules: comments dropped (a comment separates like a space), runs of
            // whitespace folded to one space, and that space dropped only beside `{`, `}`
            // and `;`, where it means nothing (elsewhere, as in `.a :focus`, it does).
            let folded = |css: &str| {
                let mut rest = css.to_owned();
                while let Some(start) = rest.find("/*") {
                    let end = start + rest[start..].find("*/").unwrap() + 2;
                    rest.replace_range(start..end, " ");
                }
                rest.split_whitespace().collect::<Vec<_>>().join(" ")
            };
            let text = folded(&text);
            let chars: Vec<char> = text.chars().collect();
            let quiet = |i: Option<usize>| {
                i.and_then(|i| chars.get(i))
                    .is_none_or(|c| "{};".contains(*c))
            };
            let expected: String = (0..chars.len())
                .filter(|&i| chars[i] != ' ' || !(quiet(i.checked_sub(1)) || quiet(Some(i + 1))))
                .map(|i| chars[i])
                .collect();
            assert_eq!(part, expected, "{name}");
            assert!(!part.contains("/*") && !part.contains('\n'), "{name}");
        }
        // A descendant combinator before a pseudo-class keeps its space.
        assert!(super::BASE.contains(".stele-root :focus-visible"));
    }
}
