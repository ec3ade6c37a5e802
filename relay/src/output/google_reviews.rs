//! Google's Product Reviews feed, schema 2.4 (stars in Shopping ads and free listings):
//! `GET /v1/feeds/google-product-reviews.xml` and the same file in every export.
//!
//! Which reviews, and why (docs/relay.md, "Google product reviews feed"):
//! - every product review with a score and a comment, low scores included: Google forbids
//!   selective suppression, so the display settings (`STELE_MIN_STARS`,
//!   `STELE_HIDE_WITHOUT_COMMENT`) do not apply;
//! - reviews the operator singled out (`STELE_BLOCKLIST`, `STELE_HIDE_IDS`) are sent with
//!   `<is_spam>true</is_spam>`: Google then never shows them, and the feed still accounts
//!   for every review, so no one can read a hidden id as a suppressed bad review;
//! - reviews of a product without a page in the product feed are left out (`product_url`
//!   is required) and counted by `stele-relay feed-report`.
//!
//! The elements follow the schema's `xs:sequence`s (Google's `product_reviews.xsd`), not a
//! sample: `tests/integration/security/validators.rs` validates the served, the demo's and the exported
//! feed with `xmllint --schema` against Google's own file.
//!
//! The file is written product by product ([`Chunks`]): the relay streams it, never
//! holding the whole XML.

use std::ops::Deref;

use stele_core::public::ProductInfo;
use stele_core::PublicReview;

use crate::model::snapshot::Snapshot;

/// Path of the feed, on the relay and in exports.
pub const PATH: &str = "v1/feeds/google-product-reviews.xml";

/// The schema's location, named by the root element.
const SCHEMA: &str =
    "http://www.google.com/shopping/reviews/schema/product/2.4/product_reviews.xsd";

/// Text as XML character data or attribute value: `& < > " '` escaped, and the characters
/// XML 1.0 cannot carry at all (controls other than tab, newline and carriage return, and
/// U+FFFE/U+FFFF) dropped.
pub fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
}

/// `text` without what XML cannot carry, trimmed: empty means nothing to say.
fn carried(text: &str) -> String {
    let mut out = String::new();
    escape(text.trim(), &mut out);
    out.trim().to_owned()
}

/// `url` as the schema's `httpUrlType` takes it (an `xs:anyURI` matching
/// `(https?://)?\S+\.\S+`): after the host, what a URI may not hold is percent-encoded
/// (white space, control characters, `"`, `<`, `>`, `\`, `^`, `` ` ``, `{`, `|`, `}`, `[`,
/// `]`, a second `#`, a `%` that starts no escape), so the link leads where it led; nothing
/// else changes. `None` when the schema refuses it even so: white space in the host, or no
/// dot at all (`http://localhost/p`).
pub fn schema_url(url: &str) -> Option<String> {
    let url = url.trim();
    let host_start = url.find("://").map_or(0, |i| i + 3);
    let host_end = url[host_start..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| host_start + i);
    let (head, rest) = url.split_at(host_end);
    if head.is_empty() || head.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let mut out = String::with_capacity(url.len() + 8);
    out.push_str(head);
    let mut fragment = false;
    for (index, c) in rest.char_indices() {
        let escape = rest
            .get(index + 1..index + 3)
            .is_some_and(|hex| hex.bytes().all(|b| b.is_ascii_hexdigit()));
        let encode = match c {
            '%' => !escape,
            '#' => std::mem::replace(&mut fragment, true),
            '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}' | '[' | ']' => true,
            c => c.is_whitespace() || c.is_control(),
        };
        if encode {
            for byte in c.encode_utf8(&mut [0; 4]).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    let dotted = out
        .char_indices()
        .any(|(i, c)| c == '.' && i > 0 && i + 1 < out.len());
    dotted.then_some(out)
}

/// Why a review is not in the feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LeftOut {
    /// No score.
    NoScore,
    /// No comment (or one made only of characters XML cannot carry).
    NoComment,
    /// No date: `review_timestamp` is required.
    NoDate,
    /// Its product has no page in the product feed: `product_url` is required.
    NoProductUrl,
    /// Its product's page is no URL the schema takes ([`schema_url`]).
    UnusableProductUrl,
}

impl LeftOut {
    /// How `feed-report` says it.
    pub fn reason(self) -> &'static str {
        match self {
            Self::NoScore => "no score",
            Self::NoComment => "no comment",
            Self::NoDate => "no date",
            Self::NoProductUrl => "no product URL in the product feed (STELE_FEED_URL)",
            Self::UnusableProductUrl => {
                "a product URL Google's schema refuses (it needs a host name with a dot, e.g. https://shop.example/p/2183)"
            }
        }
    }
}

/// Whether `review` of a product with `info` goes in the feed.
pub fn eligibility(review: &PublicReview, info: Option<&ProductInfo>) -> Result<(), LeftOut> {
    if review.score.is_none() {
        return Err(LeftOut::NoScore);
    }
    if review
        .comment
        .as_deref()
        .map(carried)
        .unwrap_or_default()
        .is_empty()
    {
        return Err(LeftOut::NoComment);
    }
    if review.date.is_none() {
        return Err(LeftOut::NoDate);
    }
    let Some(url) = info.and_then(|i| i.url.as_deref()) else {
        return Err(LeftOut::NoProductUrl);
    };
    if schema_url(url).is_none() {
        return Err(LeftOut::UnusableProductUrl);
    }
    Ok(())
}

/// One `<review>` element, its children in the order of the schema's `reviewType`:
/// `review_id`, `reviewer`, `review_timestamp`, `content`, `review_url`, `ratings`,
/// `products`, `is_spam`, `is_verified_purchase`, `collection_method` (the optional ones
/// the relay has nothing for are left out: `review_language`, `review_country`, `title`,
/// `pros`, `cons`, `reviewer_images`, `is_incentivized_review`, `transaction_id`).
fn write_review(
    out: &mut String,
    review: &PublicReview,
    product_id: &str,
    info: &ProductInfo,
    spam: bool,
) {
    let (Some(score), Some(comment), Some(date), Some(url)) = (
        review.score,
        review.comment.as_deref(),
        review.date,
        info.url.as_deref().and_then(schema_url),
    ) else {
        return;
    };
    let text = |out: &mut String, tag: &str, value: &str| {
        out.push('<');
        out.push_str(tag);
        out.push('>');
        escape(value, out);
        out.push_str("</");
        out.push_str(tag);
        out.push('>');
    };
    out.push_str("<review>");
    text(out, "review_id", &review.id);
    // Retargeting shares no names: every reviewer is anonymous to Google.
    out.push_str("<reviewer><name is_anonymous=\"true\">Anonymous</name></reviewer>");
    let timestamp = date.to_string().replace('Z', "+00:00");
    text(out, "review_timestamp", &timestamp);
    out.push_str("<content>");
    out.push_str(&carried(comment));
    out.push_str("</content>");
    out.push_str("<review_url type=\"group\">");
    escape(&url, out);
    out.push_str("</review_url>");
    out.push_str("<ratings><overall min=\"0\" max=\"10\">");
    out.push_str(&score.get().to_string());
    out.push_str("</overall></ratings>");
    out.push_str("<products><product><product_ids>");
    // Each identifier sits in its own list element, in the schema's order (`productIdsType`);
    // one that is empty once XML has what it can carry is left out (`nonEmptyStringType`).
    let ids = [
        ("gtins", "gtin", info.gtin.as_deref()),
        ("mpns", "mpn", info.mpn.as_deref()),
        ("skus", "sku", Some(product_id)),
        ("brands", "brand", info.brand.as_deref()),
    ];
    for (list, tag, value) in ids {
        let Some(value) = value.map(carried).filter(|v| !v.is_empty()) else {
            continue;
        };
        out.push_str(&format!("<{list}><{tag}>{value}</{tag}></{list}>"));
    }
    out.push_str("</product_ids>");
    if let Some(name) = info.name.as_deref().map(carried).filter(|n| !n.is_empty()) {
        out.push_str("<product_name>");
        out.push_str(&name);
        out.push_str("</product_name>");
    }
    out.push_str("<product_url>");
    escape(&url, out);
    out.push_str("</product_url>");
    out.push_str("</product></products>");
    if spam {
        out.push_str("<is_spam>true</is_spam>");
    }
    // Every review answers an order's post-purchase email.
    out.push_str("<is_verified_purchase>true</is_verified_purchase>");
    out.push_str("<collection_method>post_fulfillment</collection_method>");
    out.push_str("</review>");
}

/// The feed, a chunk at a time: the head, one chunk per product with reviews in it (in
/// product id order, so the same data gives the same bytes), the tail. `<reviews>` opens
/// with the first review: the schema makes the element optional but, when present, requires
/// a `<review>` in it, so a shop with none yet (no catalogue, every review moderated away)
/// gets a feed of only its version, aggregator and publisher, which Google accepts.
pub struct Chunks<S> {
    snapshot: S,
    publisher: String,
    ids: Vec<String>,
    next: usize,
    opened: bool,
    done: bool,
}

impl<S: Deref<Target = Snapshot>> Chunks<S> {
    /// The chunks of `snapshot`'s feed, published by `publisher` (`STELE_SHOP_NAME`).
    pub fn new(snapshot: S, publisher: &str) -> Self {
        let mut ids: Vec<String> = snapshot.products.keys().cloned().collect();
        ids.sort_unstable();
        Self {
            snapshot,
            publisher: publisher.to_owned(),
            ids,
            next: 0,
            opened: false,
            done: false,
        }
    }

    fn head(&self) -> String {
        let mut head = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns:vc=\"http://www.w3.org/2007/XMLSchema-versioning\" \
             xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:noNamespaceSchemaLocation=\"{SCHEMA}\">\
             <version>2.4</version><aggregator><name>Stele</name></aggregator><publisher><name>"
        );
        escape(&self.publisher, &mut head);
        head.push_str("</name></publisher>\n");
        head
    }
}

impl<S: Deref<Target = Snapshot>> Iterator for Chunks<S> {
    type Item = String;

    fn next(&mut self) -> Option<String> {
        if self.done {
            return None;
        }
        if self.next == 0 {
            self.next = 1;
            return Some(self.head());
        }
        while let Some(id) = self.ids.get(self.next - 1) {
            self.next += 1;
            let (Some(product), Some(info)) = (
                self.snapshot.products.get(id),
                self.snapshot.catalog.get(id),
            ) else {
                continue;
            };
            let mut chunk = String::new();
            if !self.opened {
                chunk.push_str("<reviews>\n");
            }
            let start = chunk.len();
            for (review, flagged) in product.listing.all() {
                if eligibility(review, Some(info)).is_ok() {
                    write_review(&mut chunk, review, id, info, flagged);
                    chunk.push('\n');
                }
            }
            if chunk.len() > start {
                self.opened = true;
                return Some(chunk);
            }
        }
        self.done = true;
        Some(
            if self.opened {
                "</reviews></feed>\n"
            } else {
                "</feed>\n"
            }
            .into(),
        )
    }
}

/// The feed's validator: a digest of its bytes, computed by writing it once (into the
/// hash, not into memory). `None` without `STELE_SHOP_NAME`.
pub fn etag(snapshot: &Snapshot) -> Option<String> {
    use sha2::Digest;
    let name = snapshot.shop_settings.name.as_deref()?;
    let mut digest = sha2::Sha256::new();
    for chunk in Chunks::new(snapshot, name) {
        digest.update(chunk.as_bytes());
    }
    let hex: String = digest
        .finalize()
        .iter()
        .take(12)
        .map(|b| format!("{b:02x}"))
        .collect();
    Some(format!("W/\"{hex}\""))
}

/// [`etag`], computed once per snapshot.
pub fn cached_etag(snapshot: &Snapshot) -> Option<&str> {
    snapshot
        .google_reviews_etag()
        .get_or_init(|| etag(snapshot))
        .as_deref()
}

/// The setting the feed needs, as the API and the export say it.
pub const NEEDS_SHOP_NAME: &str = "the Google product reviews feed needs the shop's name as Google shows it: set STELE_SHOP_NAME, e.g. STELE_SHOP_NAME=\"Magazinul Meu\"";

/// What `feed-report` prints: how many reviews go in the feed, and why the rest do not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Reviews in the feed.
    pub eligible: u64,
    /// Of those, flagged as spam.
    pub spam: u64,
    /// Of those, of a product without a GTIN or brand and MPN: Google matches them by SKU
    /// only, when the product id is the Merchant Center id.
    pub sku_only: u64,
    /// Reviews left out, per reason.
    pub left_out: std::collections::BTreeMap<LeftOut, u64>,
}

/// Google's limit on one feed file.
pub const GOOGLE_MAX_BYTES: usize = 100 * 1000 * 1000;

/// How `feed-report` states the file's size against Google's limit.
pub fn size_line(bytes: usize) -> String {
    let megabytes = bytes as f64 / 1e6;
    if bytes <= GOOGLE_MAX_BYTES {
        format!("the feed is {bytes} bytes ({megabytes:.1} MB; Google takes up to 100 MB a file)")
    } else {
        format!(
            "the feed is {bytes} bytes ({megabytes:.1} MB): above Google's limit of 100 MB a file, which Merchant Center may refuse"
        )
    }
}

/// Google shows product ratings once a feed holds this many reviews.
pub const GOOGLE_MINIMUM: u64 = 50;

impl Report {
    /// Counts `snapshot`'s product reviews (the same rules as the feed).
    pub fn of(snapshot: &Snapshot) -> Self {
        let mut report = Self::default();
        for (id, product) in &snapshot.products {
            let info = snapshot.catalog.get(id);
            for (review, flagged) in product.listing.all() {
                match eligibility(review, info) {
                    Ok(()) => {
                        report.eligible += 1;
                        report.spam += u64::from(flagged);
                        let identified = info.is_some_and(|i| {
                            i.gtin.is_some() || (i.brand.is_some() && i.mpn.is_some())
                        });
                        report.sku_only += u64::from(!identified);
                    }
                    Err(reason) => *report.left_out.entry(reason).or_default() += 1,
                }
            }
        }
        report
    }

    /// Reviews Google may show: in the feed and not spam.
    pub fn shown(&self) -> u64 {
        self.eligible - self.spam
    }

    /// The report as `feed-report` prints it.
    pub fn render(&self) -> String {
        let reviews = |n: u64| {
            if n == 1 {
                "1 review".to_owned()
            } else {
                format!("{n} reviews")
            }
        };
        let mut text = format!(
            "{} in the feed ({} flagged as spam, {} Google may show)\n",
            reviews(self.eligible),
            self.spam,
            self.shown()
        );
        for (reason, count) in &self.left_out {
            text.push_str(&format!("{count} left out: {}\n", reason.reason()));
        }
        if self.sku_only > 0 {
            text.push_str(&format!(
                "{} of a product without a GTIN or brand and MPN: Google matches those by product id (SKU) only; add gtin or mpn to the feed's extra data\n",
                reviews(self.sku_only)
            ));
        }
        if self.shown() >= GOOGLE_MINIMUM {
            text.push_str(&format!(
                "meets Google's minimum of {GOOGLE_MINIMUM} reviews\n"
            ));
        } else {
            text.push_str(&format!(
                "below Google's minimum of {GOOGLE_MINIMUM} reviews ({} more needed): Google shows no product ratings yet\n",
                GOOGLE_MINIMUM - self.shown()
            ));
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_is_exact_and_drops_what_xml_cannot_carry() {
        let mut out = String::new();
        escape(
            "a<b>&\"c\"'d'\u{0}\u{1f}\t\n\r\u{fffe}\u{ffff}\u{fffd}🌟",
            &mut out,
        );
        assert_eq!(
            out,
            "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;\t\n\r\u{fffd}🌟"
        );
    }

    #[test]
    fn urls_are_encoded_where_the_schema_would_refuse_them() {
        let url = |u: &str| schema_url(u);
        assert_eq!(
            url("https://s.example/p?a=1&b=2").as_deref(),
            Some("https://s.example/p?a=1&b=2")
        );
        assert_eq!(
            url(" https://s.example/sandale din piele?f[c]=maro|bej ").as_deref(),
            Some("https://s.example/sandale%20din%20piele?f%5Bc%5D=maro%7Cbej")
        );
        assert_eq!(
            url("https://s.example/p?r=50%#a#b%2F").as_deref(),
            Some("https://s.example/p?r=50%25#a%23b%2F"),
            "a stray % and a second # encoded, an escape kept"
        );
        assert_eq!(
            url("https://s.example/rochie-vară").as_deref(),
            Some("https://s.example/rochie-vară")
        );
        assert_eq!(url("http://localhost/p"), None, "no dot");
        assert_eq!(
            url("https://shop example.ro/p"),
            None,
            "a space in the host"
        );
        let review = PublicReview::new(
            "r1".into(),
            Some("p1".into()),
            stele_core::Score::new(9),
            Some("Bună".into()),
            Some(stele_core::Timestamp::from_unix(1_700_000_000)),
        );
        let page = |url: &str| ProductInfo {
            url: Some(url.into()),
            ..ProductInfo::default()
        };
        assert_eq!(
            eligibility(&review, Some(&page("http://localhost/p"))),
            Err(LeftOut::UnusableProductUrl)
        );
        assert_eq!(
            eligibility(&review, Some(&page("https://s.example/a b"))),
            Ok(())
        );
    }

    #[test]
    fn the_size_line_warns_above_googles_limit() {
        assert!(size_line(75_672_116).contains("75.7 MB; Google takes up to 100 MB"));
        assert!(size_line(GOOGLE_MAX_BYTES + 1).contains("above Google's limit"));
    }
}
