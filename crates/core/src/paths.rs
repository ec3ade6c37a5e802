//! The canonical, query-free URLs of the public JSON. The relay answers them and
//! `stele-relay export` writes them as files, so the widget reads both the same way;
//! anything with a query string (`q`, `with_comment`, other page sizes) needs the live relay.

use crate::listing::ReviewSort;
use crate::text::path_segment;

/// Page size of every canonical list.
pub const CANONICAL_PER_PAGE: u32 = 10;

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

/// The chunk a product's summary is in: FNV-1a of the id, modulo [`SUMMARY_CHUNKS`].
pub fn summary_chunk_of(id: &str) -> u32 {
    let hash = id.bytes().fold(0xcbf2_9ce4_8422_2325u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    (hash % u64::from(SUMMARY_CHUNKS)) as u32
}

/// `{page}.json` → page, for routes that end in a canonical file name.
pub fn page_of_file(file: &str) -> Option<u32> {
    file.strip_suffix(".json")?
        .parse()
        .ok()
        .filter(|page| *page >= 1)
}
