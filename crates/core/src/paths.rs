//! The canonical, query-free URLs of the public JSON. The relay answers them and
//! `stele-relay export` writes them as files, so the widget reads both the same way;
//! anything with a query string (`q`, `with_comment`, other page sizes) needs the live relay.

use crate::listing::ReviewFilter;
use crate::public::ReviewSort;
pub use crate::public::CANONICAL_PER_PAGE;
use crate::text::path_segment;

/// Largest page size the relay serves (`per_page`, the elements' `per-page`).
pub const MAX_PER_PAGE: u32 = 100;

/// The largest public answer but Google's feed (which is the whole shop, streamed): a page
/// of [`MAX_PER_PAGE`] comments of [`crate::text::MAX_COMMENT_CHARS`] characters, each
/// written twice in a fragment (its HTML, `&quot;` at 6 bytes a character, and its JSON-LD,
/// `\u003c` at 6), and room for the rest of a card. The relay refuses to send more.
pub const MAX_PUBLIC_BODY_BYTES: usize =
    MAX_PER_PAGE as usize * (crate::text::MAX_COMMENT_CHARS * 12 + 2048);

/// Most product ids in one `/v1/summaries` request.
pub const MAX_SUMMARY_IDS: usize = 100;

/// Longest product id, in characters.
pub const MAX_ID_CHARS: usize = 128;

/// Number of files summaries are spread over (`v1/summary-chunks/{chunk}.json`).
pub const SUMMARY_CHUNKS: u32 = 16;

/// `v1/shop.json`: the shop summary and the first page of testimonials.
pub fn shop() -> String {
    "v1/shop.json".into()
}

/// `v1/testimonials/{page}.json`.
pub fn testimonials(page: u32) -> String {
    format!("v1/testimonials/{page}.json")
}

/// `v1/products/{id}.json`: a product's summary and first page of reviews.
pub fn product(id: &str) -> String {
    format!("v1/products/{}.json", path_segment(id))
}

/// A product's rating image for email (`v1/products/2183/rating.png`): the relay draws it
/// in any `?lang=` and `?theme=`, an export holds it in one language, light.
pub fn product_rating_image(id: &str) -> String {
    format!("v1/products/{}/rating.png", path_segment(id))
}

/// The shop's rating image for email.
pub fn shop_rating_image() -> &'static str {
    "v1/shop/rating.png"
}

/// A product's server-rendered review section (`…/embed.html`), as the relay serves it and
/// an export holds it for nginx SSI, Apache, Caddy or PHP to include.
pub fn product_fragment(id: &str) -> String {
    format!("v1/products/{}/embed.html", path_segment(id))
}

/// A product's server-rendered badge.
pub fn product_badge(id: &str) -> String {
    format!("v1/products/{}/badge.html", path_segment(id))
}

/// The shop's server-rendered testimonials.
pub fn shop_fragment() -> &'static str {
    "v1/shop/embed.html"
}

/// What an element asks for first: the canonical file, with `per_page` (and for a product
/// `sort`) as a query when they are not the canonical ones. The relay answers the query, so
/// the first page is already the one shown; a static host ignores it and serves the file,
/// whose `source`, `sort` and `per_page` tell the widget what it got.
fn first_page(canonical: String, sort: ReviewSort, per_page: u32) -> String {
    match (sort, per_page) {
        (ReviewSort::Newest, CANONICAL_PER_PAGE) => canonical,
        (ReviewSort::Newest, _) => format!("{canonical}?per_page={per_page}"),
        _ => format!("{canonical}?sort={sort}&per_page={per_page}"),
    }
}

/// A product's summary and first page in `sort`, `per_page` at a time.
pub fn product_first_page(id: &str, sort: ReviewSort, per_page: u32) -> String {
    first_page(product(id), sort, per_page)
}

/// The shop's summary and first page of testimonials, `per_page` at a time, with the star
/// threshold `min_stars` when the element names one (the relay's own default otherwise). A
/// static host ignores the query: its file's `moderation` says what it applied.
pub fn shop_first_page(per_page: u32, min_stars: Option<u8>) -> String {
    let url = first_page(shop(), ReviewSort::Newest, per_page);
    // first_page has a query exactly when per_page is not the canonical one (decided from
    // the inputs, not by searching the text: a searcher costs the browser module 1.5 KB).
    let joint = if per_page == CANONICAL_PER_PAGE {
        '?'
    } else {
        '&'
    };
    match min_stars {
        None => url,
        Some(n) => format!("{url}{joint}min_stars={n}"),
    }
}

/// `v1/products/{id}/reviews/{sort}/{page}.json`, or `…/{sort}/stars-{n}/{page}.json` for
/// one histogram row.
pub fn reviews(id: &str, sort: ReviewSort, stars: Option<u8>, page: u32) -> String {
    match stars {
        Some(n) => format!(
            "v1/products/{}/reviews/{sort}/stars-{n}/{page}.json",
            path_segment(id)
        ),
        None => format!(
            "v1/products/{}/reviews/{sort}/{page}.json",
            path_segment(id)
        ),
    }
}

/// `v1/summary-chunks/{chunk}.json`: the summaries of every product whose id falls in `chunk`.
pub fn summaries_chunk(chunk: u32) -> String {
    format!("v1/summary-chunks/{chunk}.json")
}

/// `v1/summaries`: the path of the summaries query. A static export writes a file here
/// that points at the chunks: static hosts ignore query strings, so
/// `v1/summaries?ids=…` finds that file and badges learn where to look without a 404.
pub fn summaries_query() -> String {
    "v1/summaries".into()
}

/// 64-bit FNV-1a: a fast, stable, non-cryptographic hash (never for anything secret).
pub fn fnv1a(bytes: impl IntoIterator<Item = u8>) -> u64 {
    bytes
        .into_iter()
        .fold(0xcbf2_9ce4_8422_2325u64, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        })
}

/// The chunk a product's summary is in: FNV-1a of the id, modulo [`SUMMARY_CHUNKS`].
pub fn summary_chunk_of(id: &str) -> u32 {
    (fnv1a(id.bytes()) % u64::from(SUMMARY_CHUNKS)) as u32
}

/// A page of testimonials: the canonical file at the canonical size and the relay's own
/// threshold, else the live query (with `min_stars` when the element names one).
pub fn testimonials_url(page: u32, per_page: u32, min_stars: Option<u8>) -> String {
    match min_stars {
        None if per_page == CANONICAL_PER_PAGE => testimonials(page),
        None => format!("v1/testimonials?page={page}&per_page={per_page}"),
        Some(n) => format!("v1/testimonials?page={page}&per_page={per_page}&min_stars={n}"),
    }
}

/// The summaries of `ids` in one request (at most [`MAX_SUMMARY_IDS`]); a static export
/// answers it with a pointer to its chunk files.
pub fn summaries_url(ids: &[String]) -> String {
    let list: Vec<String> = ids.iter().map(|id| encode_component(id)).collect();
    format!("{}?ids={}", summaries_query(), list.join(","))
}

/// The URL a list page comes from: a canonical file whenever a static export has one (plain
/// lists and histogram rows at the canonical page size), else the live query API. The live
/// route names the product by its [`path_segment`] too: reverse proxies decode `%2F` in a
/// path before passing it on (nginx with `proxy_pass …/;`), and a `~hex` segment has nothing
/// to decode.
pub fn reviews_url(
    product: &str,
    sort: ReviewSort,
    filter: &ReviewFilter,
    page: u32,
    per_page: u32,
) -> String {
    let canonical = per_page == CANONICAL_PER_PAGE
        && !filter.with_comment
        && filter.query.is_none()
        && filter.min_stars.is_none();
    if canonical {
        return reviews(product, sort, filter.stars, page);
    }
    let mut query = format!("sort={sort}&page={page}&per_page={per_page}");
    if let Some(stars) = filter.stars {
        query.push_str(&format!("&stars={stars}"));
    }
    if filter.with_comment {
        query.push_str("&with_comment=true");
    }
    if let Some(text) = &filter.query {
        query.push_str("&q=");
        query.push_str(&encode_component(text));
    }
    format!("v1/products/{}/reviews?{query}", path_segment(product))
}

/// Percent-encodes everything but RFC 3986's unreserved characters (for query values:
/// proxies pass query strings on as they are).
pub fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// `{page}.json` → page, for routes that end in a canonical file name.
pub fn page_of_file(file: &str) -> Option<u32> {
    file.strip_suffix(".json")?
        .parse()
        .ok()
        .filter(|page| *page >= 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn testimonial_pages_and_summaries_have_one_builder() {
        assert_eq!(testimonials_url(2, 10, None), "v1/testimonials/2.json");
        assert_eq!(
            testimonials_url(2, 4, None),
            "v1/testimonials?page=2&per_page=4"
        );
        // A threshold of the element's own is a query only the live relay answers.
        assert_eq!(
            testimonials_url(2, 10, Some(5)),
            "v1/testimonials?page=2&per_page=10&min_stars=5"
        );
        let ids = ["2183".to_owned(), "a/b".to_owned(), "x,y".to_owned()];
        assert_eq!(summaries_url(&ids), "v1/summaries?ids=2183,a%2Fb,x%2Cy");
    }

    #[test]
    fn fnv1a_matches_the_published_test_vectors() {
        // From the FNV reference (draft-eastlake-fnv): "" and "a".
        assert_eq!(fnv1a([]), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(*b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(*b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn first_pages_ask_for_what_differs_from_the_canonical_file() {
        assert_eq!(
            product_first_page("a/b", ReviewSort::Newest, 10),
            "v1/products/~612f62.json"
        );
        assert_eq!(
            product_first_page("2183", ReviewSort::Newest, 20),
            "v1/products/2183.json?per_page=20"
        );
        assert_eq!(
            product_first_page("2183", ReviewSort::Lowest, 10),
            "v1/products/2183.json?sort=lowest&per_page=10"
        );
        assert_eq!(shop_first_page(10, None), "v1/shop.json");
        assert_eq!(shop_first_page(4, None), "v1/shop.json?per_page=4");
        assert_eq!(shop_first_page(10, Some(1)), "v1/shop.json?min_stars=1");
        assert_eq!(
            shop_first_page(4, Some(5)),
            "v1/shop.json?per_page=4&min_stars=5"
        );
    }

    #[test]
    fn plain_lists_use_canonical_files_and_filters_use_the_query_api() {
        let none = ReviewFilter::default();
        assert_eq!(
            reviews_url("2183", ReviewSort::Lowest, &none, 2, 10),
            "v1/products/2183/reviews/lowest/2.json"
        );
        let stars = ReviewFilter {
            stars: Some(5),
            ..ReviewFilter::default()
        };
        assert_eq!(
            reviews_url("a/b", ReviewSort::Newest, &stars, 1, 10),
            "v1/products/~612f62/reviews/newest/stars-5/1.json"
        );
        let search = ReviewFilter {
            query: Some("țeapă & co".into()),
            with_comment: true,
            ..ReviewFilter::default()
        };
        assert_eq!(
            reviews_url("a/b", ReviewSort::Newest, &search, 1, 10),
            "v1/products/~612f62/reviews?sort=newest&page=1&per_page=10&with_comment=true&q=%C8%9Beap%C4%83%20%26%20co"
        );
        assert_eq!(
            reviews_url("1", ReviewSort::Oldest, &none, 1, 20),
            "v1/products/1/reviews?sort=oldest&page=1&per_page=20"
        );
    }
}
