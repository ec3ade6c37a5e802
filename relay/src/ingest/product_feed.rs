//! The shop's Retargeting CSV product feed ("product id","product name","product url",
//! "image url",…): names, pages and images for the public product JSON. Read ([`parse`]) into
//! a [`ParsedFeed`], judged ([`judge`]) and, when taken, stored as the catalog (the product
//! details the read model serves).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use stele_core::catalog::{Amount, Availability, Currency};
use stele_core::public::{Offer, ProductInfo};

use crate::config::shop::ShopOptions;
use crate::config::upstream::UpstreamOptions;
use crate::lock;
use crate::model::store::{CatalogEntry, Store};

/// A feed that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProductFeedError {
    /// The CSV is malformed.
    #[error("product feed line {line}: {reason}")]
    Csv {
        /// 1-based line.
        line: u64,
        /// What is wrong.
        reason: String,
    },
    /// No "product id" column.
    #[error("the product feed has no \"product id\" column (columns: {0})")]
    NoIdColumn(String),
    /// Fetching failed.
    #[error("cannot fetch the product feed: {0}")]
    Fetch(String),
}

/// A product feed as read: its products and what was wrong with some rows or cells.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParsedFeed {
    /// One entry per product id, in feed order.
    pub entries: Vec<CatalogEntry>,
    /// `line 12: …` for each row skipped or cell left out; the rest of the row is kept.
    pub warnings: Vec<String>,
}

/// The feed's columns, found by header name, case- and space-insensitively.
struct Columns {
    id: usize,
    name: Option<usize>,
    url: Option<usize>,
    image: Option<usize>,
    stock: Option<usize>,
    price: Option<usize>,
    sale_price: Option<usize>,
    brand: Option<usize>,
    category: Option<usize>,
    extra: Option<usize>,
}

impl Columns {
    fn find(headers: &csv::StringRecord) -> Result<Self, ProductFeedError> {
        let column = |name: &str| {
            let wanted = compact(name);
            headers.iter().position(|h| compact(h) == wanted)
        };
        Ok(Self {
            id: column("product id").ok_or_else(|| {
                ProductFeedError::NoIdColumn(headers.iter().collect::<Vec<_>>().join(", "))
            })?,
            name: column("product name"),
            url: column("product url"),
            image: column("image url"),
            stock: column("stock"),
            price: column("price"),
            sale_price: column("sale price"),
            brand: column("brand"),
            category: column("category"),
            extra: column("extra data"),
        })
    }
}

/// `Product ID`, `product_id` and `productid` name the same column.
fn compact(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Reads a CSV feed (see docs/relay.md, "Product feed"): every column is optional but
/// `product id`; rows without an id, duplicate ids and rows the CSV reader cannot read are
/// skipped with a warning; a cell that cannot be read (a price that is not a number, extra
/// data that is not JSON, a GTIN with a wrong check digit) is left out with a warning.
/// Prices are in `currency`.
pub fn parse(csv_bytes: &[u8], currency: &Currency) -> Result<ParsedFeed, ProductFeedError> {
    let body = csv_bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(csv_bytes);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(body);
    let headers = reader
        .headers()
        .map_err(|e| ProductFeedError::Csv {
            line: e.position().map_or(1, |p| p.line()),
            reason: e.to_string(),
        })?
        .clone();
    let columns = Columns::find(&headers)?;
    let headers_len = headers.len();
    let mut parsed = ParsedFeed::default();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut record = csv::ByteRecord::new();
    loop {
        let line = reader.position().line();
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(error) => {
                parsed.warnings.push(format!(
                    "line {line}: skipped, the CSV reader says: {error}"
                ));
                continue;
            }
        }
        let start = record.position().map_or(0, |p| p.byte() as usize);
        let raw = body
            .get(start..reader.position().byte() as usize)
            .unwrap_or_default();
        // After a CRLF (or a blank line) the record's position is at a line break the
        // reader ended the previous record before: the row, and its line, start after it.
        let breaks = raw
            .iter()
            .position(|b| !matches!(b, b'\r' | b'\n'))
            .unwrap_or(raw.len());
        let (skipped, raw) = raw.split_at(breaks);
        let line = record.position().map_or(line, |p| p.line())
            + skipped.iter().filter(|b| **b == b'\n').count() as u64;
        if record.iter().any(|cell| cell.contains(&0)) {
            parsed.warnings.push(format!(
                "line {line}: binary data (a NUL byte) in the row; this row is skipped (is the URL a CSV file?)"
            ));
            continue;
        }
        if let Some(rows) = swallowed_rows(&record, headers_len) {
            parsed.warnings.push(format!(
                "line {line}: a quote opened in this row is not closed where the row ends, so {rows} \
                 following line(s) that look like rows were read into one cell; this row is skipped \
                 and those products are missing until the feed's quoting is fixed"
            ));
            continue;
        }
        let mut fields: Vec<String> = record
            .iter()
            .map(|cell| String::from_utf8_lossy(cell).trim().to_owned())
            .collect();
        if let Some(warning) = misshapen(&mut fields, raw, &headers, &columns) {
            parsed.warnings.push(format!("line {line}: {warning}"));
            if fields.is_empty() {
                continue;
            }
        }
        if fields.iter().any(|f| f.contains('\u{fffd}')) {
            parsed.warnings.push(format!(
                "line {line}: not UTF-8 text; unreadable characters show as U+FFFD (export the feed as UTF-8)"
            ));
        }
        let row = Row {
            line,
            fields,
            warnings: &mut parsed.warnings,
        };
        let Some(entry) = row.entry(&columns, currency) else {
            continue;
        };
        if let Some(first) = seen.get(&entry.product_id) {
            parsed.warnings.push(format!(
                "line {line}: product id {:?} is already on line {first}; this row is skipped",
                entry.product_id
            ));
            continue;
        }
        seen.insert(entry.product_id.clone(), line);
        parsed.entries.push(entry);
    }
    Ok(parsed)
}

/// How many lines inside one cell of `record` look like rows of their own (as many
/// delimiters as the header has, less one): the mark of a quote that was opened and not
/// closed, which makes a CSV reader take the following rows as that cell's text. A
/// description with line breaks has a few commas a line, not a row's worth.
fn swallowed_rows(record: &csv::ByteRecord, columns: usize) -> Option<usize> {
    if columns < 2 {
        return None;
    }
    let rows = record
        .iter()
        .filter(|cell| cell.contains(&b'\n'))
        .flat_map(|cell| cell.split(|b| *b == b'\n').skip(1))
        .filter(|line| line.iter().filter(|b| **b == b',').count() >= columns - 1)
        .count();
    (rows > 0).then_some(rows)
}

/// What is wrong with a row's shape, if anything, having made it safe to read:
///
/// - more cells than the header (not counting empty ones at the end): a quote or comma that
///   is not written right split a cell, so every cell after it, the price too, would be read
///   from the wrong column. `fields` is emptied: the row is skipped.
/// - fewer cells: the missing ones are read as empty, and named.
/// - text after a cell's closing quote (`"Shirt "XL"` or `"12"9.90`): the CSV reader drops
///   those quotes and joins the text, so what it reads is not what the shop wrote. A price
///   read that way is left out rather than published wrong.
fn misshapen(
    fields: &mut Vec<String>,
    raw: &[u8],
    headers: &csv::StringRecord,
    columns: &Columns,
) -> Option<String> {
    // Empty names at the header's end (`id,name,price,,`) are no columns.
    let wanted = (0..headers.len())
        .rev()
        .find(|&i| !headers[i].trim().is_empty())
        .map_or(0, |last| last + 1);
    let used = fields
        .iter()
        .rposition(|cell| !cell.is_empty())
        .map_or(0, |last| last + 1);
    if used > wanted {
        fields.clear();
        return Some(format!(
            "{used} cells where the header has {wanted}: a quote or a comma inside a cell that \
             is not quoted right split it, so the cells after it are in the wrong columns; this \
             row is skipped (write the cell in quotes, with a quote inside doubled: \"\")"
        ));
    }
    let mut problems = Vec::new();
    if fields.len() < wanted {
        let missing: Vec<&str> = headers.iter().take(wanted).skip(fields.len()).collect();
        problems.push(format!(
            "{} cells where the header has {wanted}; {} read as empty",
            fields.len(),
            missing.join(", ")
        ));
    }
    for cell in text_after_closing_quote(raw) {
        let column = headers.get(cell).unwrap_or("?");
        let read = fields.get(cell).cloned().unwrap_or_default();
        let is_price = [columns.price, columns.sale_price].contains(&Some(cell));
        if is_price {
            if let Some(field) = fields.get_mut(cell) {
                field.clear();
            }
        }
        problems.push(format!(
            "text follows the closing quote in {column} (read as {read:?}{}): write the whole \
             cell in quotes, with a quote inside doubled (\"\")",
            if is_price {
                "; the price is left out"
            } else {
                ""
            }
        ));
    }
    (!problems.is_empty()).then(|| problems.join("; "))
}

/// The cells (by index) of one raw CSV row where text follows a quoted part's closing quote:
/// RFC 4180 allows only a delimiter or the row's end there.
fn text_after_closing_quote(raw: &[u8]) -> Vec<usize> {
    #[derive(Clone, Copy)]
    enum State {
        Start,
        Unquoted,
        Quoted,
        Closed,
        /// Blanks after the closing quote: a quote now is text, not `""`.
        ClosedBlank,
    }
    let (mut state, mut cell, mut found) = (State::Start, 0, Vec::new());
    for &byte in raw {
        state = match (state, byte) {
            (State::Quoted, b'"') => State::Closed,
            (State::Quoted, _) => State::Quoted,
            // `""` inside quotes is one quote.
            (State::Closed, b'"') => State::Quoted,
            (_, b',') => {
                cell += 1;
                State::Start
            }
            (_, b'\r' | b'\n') => break,
            (State::Start, b'"') => State::Quoted,
            // Blanks are trimmed away.
            (State::Closed | State::ClosedBlank, b' ' | b'\t') => State::ClosedBlank,
            (State::Closed | State::ClosedBlank, _) => {
                found.push(cell);
                State::Unquoted
            }
            (State::Start | State::Unquoted, _) => State::Unquoted,
        };
    }
    found
}

/// One row being read, and where its warnings go.
struct Row<'a> {
    line: u64,
    fields: Vec<String>,
    warnings: &'a mut Vec<String>,
}

impl Row<'_> {
    fn cell(&self, index: Option<usize>) -> Option<String> {
        index
            .and_then(|i| self.fields.get(i))
            .filter(|v| !v.is_empty())
            .cloned()
    }

    fn warn(&mut self, message: String) {
        self.warnings.push(format!("line {}: {message}", self.line));
    }

    fn price(&mut self, index: Option<usize>, column: &str) -> Option<Amount> {
        let cell = self.cell(index)?;
        match Amount::parse(&cell) {
            Some(amount) if amount.minor() > 0 => Some(amount),
            Some(_) => {
                self.warn(format!("{column} {cell:?} is zero; it is not published"));
                None
            }
            None => {
                self.warn(format!(
                    "{column} {cell:?} is not a price such as 129.90 or 129,90; it is left out"
                ));
                None
            }
        }
    }

    fn entry(mut self, columns: &Columns, currency: &Currency) -> Option<CatalogEntry> {
        let Some(product_id) = self.cell(Some(columns.id)) else {
            self.warn("no product id; this row is skipped".into());
            return None;
        };
        let extra = self.extra(columns.extra);
        let price = self.price(columns.price, "price");
        let sale_price = self.price(columns.sale_price, "sale price");
        let availability = self.cell(columns.stock).and_then(|cell| {
            let availability = Availability::from_stock(&cell);
            if availability.is_none() {
                self.warn(format!(
                    "stock {cell:?} is neither a number nor a word such as \"in stock\"; availability is left out"
                ));
            }
            availability
        });
        let offer = match (price, sale_price) {
            (None, None) => None,
            (Some(price), sale) | (None, sale @ Some(price)) => Some(Offer {
                price: price.to_string(),
                sale_price: sale.filter(|s| *s < price).map(|s| s.to_string()),
                currency: currency.to_string(),
                availability,
            }),
        };
        let gtin_cell = extra.gtin;
        let gtin = gtin_cell.as_deref().and_then(|cell| {
            let gtin = stele_core::catalog::gtin(cell);
            if gtin.is_none() {
                self.warn(format!(
                    "GTIN {cell:?} in extra data has a wrong length or check digit; it is left out"
                ));
            }
            gtin
        });
        Some(CatalogEntry {
            product_id,
            info: ProductInfo {
                name: self.cell(columns.name),
                url: safe_url(self.cell(columns.url)),
                image: safe_url(self.cell(columns.image)),
                brand: self.cell(columns.brand).or(extra.brand),
                category: self.cell(columns.category),
                gtin,
                mpn: extra.mpn,
                offer,
            },
        })
    }

    /// The identifiers extra data may carry. Keys are compared without case, spaces or
    /// punctuation; values may be strings or numbers.
    fn extra(&mut self, index: Option<usize>) -> Extra {
        let mut extra = Extra::default();
        let Some(cell) = self.cell(index) else {
            return extra;
        };
        let object = match serde_json::from_str::<serde_json::Value>(&cell) {
            Ok(serde_json::Value::Object(object)) => object,
            Ok(_) | Err(_) => {
                self.warn("extra data is not a JSON object; it is left out".into());
                return extra;
            }
        };
        for (key, value) in object {
            let text = match value {
                serde_json::Value::String(s) => s.trim().to_owned(),
                serde_json::Value::Number(n) => n.to_string(),
                _ => continue,
            };
            if text.is_empty() {
                continue;
            }
            let slot = match compact(&key).as_str() {
                "gtin" | "gtin8" | "gtin12" | "gtin13" | "gtin14" | "ean" | "ean13" | "upc"
                | "isbn" | "barcode" => &mut extra.gtin,
                "mpn" | "partnumber" | "manufacturerpartnumber" => &mut extra.mpn,
                "brand" | "manufacturer" => &mut extra.brand,
                _ => continue,
            };
            slot.get_or_insert(text);
        }
        extra
    }
}

/// What extra data carried.
#[derive(Default)]
struct Extra {
    gtin: Option<String>,
    mpn: Option<String>,
    brand: Option<String>,
}

/// Only http(s) URLs reach the page: a `javascript:` URL in a feed must not become a link.
fn safe_url(url: Option<String>) -> Option<String> {
    url.filter(|u| {
        let lower = u.to_ascii_lowercase();
        lower.starts_with("https://") || lower.starts_with("http://")
    })
}

/// Downloads and parses the feed.
pub async fn fetch(
    url: &str,
    timeout: std::time::Duration,
    max_bytes: u64,
    currency: &Currency,
) -> Result<ParsedFeed, ProductFeedError> {
    let client = reqwest::Client::builder()
        .timeout(timeout)
        .build()
        .map_err(|e| ProductFeedError::Fetch(e.to_string()))?;
    let mut response = client
        .get(url)
        .send()
        .await
        .map_err(|e| ProductFeedError::Fetch(e.without_url().to_string()))?;
    if !response.status().is_success() {
        return Err(ProductFeedError::Fetch(format!(
            "HTTP status {}",
            response.status().as_u16()
        )));
    }
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| ProductFeedError::Fetch(e.without_url().to_string()))?
    {
        if (body.len() + chunk.len()) as u64 > max_bytes {
            return Err(ProductFeedError::Fetch(format!(
                "larger than {max_bytes} bytes"
            )));
        }
        body.extend_from_slice(&chunk);
    }
    parse(&body, currency)
}

/// Where the product feed comes from, and how it is read.
#[derive(Debug, Clone)]
pub struct ProductFeed {
    /// `STELE_FEED_URL`.
    pub url: String,
    /// Longest the download may take.
    pub timeout: std::time::Duration,
    /// Largest body accepted.
    pub max_bytes: u64,
    /// `STELE_CURRENCY`.
    pub currency: Currency,
}

/// At most this many row warnings are logged one by one; the rest are counted.
const LOGGED_WARNINGS: usize = 20;

impl ProductFeed {
    /// The shop's product feed, when `STELE_FEED_URL` is set: fetched with the upstream's
    /// timeout and size limit (`STELE_UPSTREAM_TIMEOUT`, `STELE_UPSTREAM_MAX_BYTES`), its
    /// prices in `STELE_CURRENCY`.
    pub fn from_options(shop: &ShopOptions, upstream: &UpstreamOptions) -> Option<Self> {
        Some(Self {
            url: shop.feed_url.clone()?,
            timeout: upstream.upstream_timeout,
            max_bytes: upstream.upstream_max_bytes,
            currency: shop.currency.clone(),
        })
    }

    /// Downloads, reads and stores the feed, logging what happened. On any failure the
    /// stored catalog is kept: products keep their previous details.
    pub async fn load(&self, store: &Arc<Mutex<Store>>) -> Result<usize, ()> {
        let parsed = match fetch(&self.url, self.timeout, self.max_bytes, &self.currency).await {
            Ok(parsed) => parsed,
            Err(error) => {
                tracing::warn!(%error, "product feed not loaded; products keep their previous details");
                return Err(());
            }
        };
        for warning in parsed.warnings.iter().take(LOGGED_WARNINGS) {
            tracing::warn!(%warning, "product feed");
        }
        if parsed.warnings.len() > LOGGED_WARNINGS {
            tracing::warn!(
                more = parsed.warnings.len() - LOGGED_WARNINGS,
                "product feed: more rows or cells were left out"
            );
        }
        let count = parsed.entries.len();
        let stored = tokio::task::spawn_blocking({
            let store = store.clone();
            move || {
                let mut store = lock(&store);
                let previous = store.catalog_len()?;
                let refused = store.note(REFUSED_NOTE)?;
                match judge(previous, &parsed, refused.as_deref()) {
                    Judgement::Take => {
                        store.replace_catalog(&parsed.entries)?;
                        store.set_note(REFUSED_NOTE, None)?;
                        Ok::<_, crate::model::store::StoreError>(Ok(()))
                    }
                    Judgement::Refuse { why, fingerprint } => {
                        store.set_note(REFUSED_NOTE, fingerprint.as_deref().map(str::as_bytes))?;
                        Ok(Err(why))
                    }
                }
            }
        })
        .await;
        match stored {
            Ok(Ok(Ok(()))) => {
                tracing::info!(products = count, "product feed loaded");
                Ok(count)
            }
            Ok(Ok(Err(why))) => {
                tracing::warn!("product feed refused, the stored catalogue kept: {why}");
                Err(())
            }
            Ok(Err(error)) => {
                tracing::error!(%error, "cannot store the product feed");
                Err(())
            }
            Err(error) => {
                tracing::error!(%error, "storing the product feed panicked");
                Err(())
            }
        }
    }
}

/// The store's note of the last product feed refused for shrinking: its fingerprint.
const REFUSED_NOTE: &str = "refused_product_feed";

/// Whether a freshly read feed replaces the stored catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Judgement {
    /// Store it.
    Take,
    /// Keep the stored catalog.
    Refuse {
        /// What to log.
        why: String,
        /// The feed's fingerprint, kept so the same feed next time is taken.
        fingerprint: Option<String>,
    },
}

/// A feed with no products never replaces a catalog (a shop platform's export caught
/// in the middle of regenerating is a header row alone), nor one that has lost more than
/// half of the stored products at once, unless the same smaller feed (by its product ids,
/// [`fingerprint`]) comes twice in a row: then the shop really has fewer products.
/// `refused` is the fingerprint of the feed refused last time, if any.
pub fn judge(previous: usize, parsed: &ParsedFeed, refused: Option<&[u8]>) -> Judgement {
    let count = parsed.entries.len();
    if count == 0 {
        return Judgement::Refuse {
            why: format!(
                "it lists no products (a header row alone, or every row skipped: {} warnings); \
                 the {previous} stored products keep their details",
                parsed.warnings.len()
            ),
            fingerprint: None,
        };
    }
    if count.saturating_mul(2) >= previous {
        return Judgement::Take;
    }
    let fingerprint = fingerprint(parsed);
    if refused == Some(fingerprint.as_bytes()) {
        tracing::warn!(
            products = count,
            previous,
            "product feed: the same smaller feed twice in a row; taken as the shop's catalogue"
        );
        return Judgement::Take;
    }
    Judgement::Refuse {
        why: format!(
            "it lists {count} products where {previous} are stored: more than half gone at once \
             looks like a broken export; the same feed at the next download is taken"
        ),
        fingerprint: Some(fingerprint),
    }
}

/// A feed's product ids, hashed: the same feed, the same fingerprint.
pub fn fingerprint(parsed: &ParsedFeed) -> String {
    use sha2::Digest;
    let mut ids: Vec<&str> = parsed
        .entries
        .iter()
        .map(|e| e.product_id.as_str())
        .collect();
    ids.sort_unstable();
    let mut hash = sha2::Sha256::new();
    for id in ids {
        hash.update(id.as_bytes());
        hash.update([0]);
    }
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ron() -> Currency {
        Currency::default()
    }

    #[test]
    fn reads_retargeting_columns_in_any_order() {
        let csv = "\u{feff}\"product name\",\"Product ID\",\"product url\",\"image url\",\"price\"\n\
                   \"Rochie, vară\",\"2183\",\"https://shop.example/rochie\",\"https://shop.example/r.jpg\",\"99\"\n\
                   \"No id\",\"\",\"https://x\",\"\",\"1\"\n\
                   \"Bad link\",\"7\",\"javascript:alert(1)\",\"\",\"1\"\n";
        let parsed = parse(csv.as_bytes(), &ron()).unwrap();
        let entries = &parsed.entries;
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].product_id, "2183");
        assert_eq!(entries[0].info.name.as_deref(), Some("Rochie, vară"));
        assert_eq!(
            entries[0].info.image.as_deref(),
            Some("https://shop.example/r.jpg")
        );
        assert_eq!(entries[1].info.url, None, "javascript: URLs are dropped");
        assert_eq!(
            parsed.warnings,
            ["line 3: no product id; this row is skipped"]
        );
    }

    #[test]
    fn every_column_is_read_and_published() {
        let csv = "\"product id\",\"product name\",\"product url\",\"image url\",\"stock\",\"price\",\"sale price\",\"brand\",\"category\",\"extra data\"\n\
                   \"2183\",\"Rochie\",\"https://s.example/r\",\"https://s.example/r.jpg\",\"12\",\"1.299,90\",\"999,90\",\"Stele\",\"Rochii\",\"{\"\"EAN\"\": 5941234567899, \"\"MPN\"\": \"\"RV-42\"\", \"\"color\"\": \"\"red\"\"}\"\n\
                   \"2184\",\"Bluză\",\"https://s.example/b\",\"\",\"0\",\"49.5\",\"59\",\"\",\"\",\"{\"\"brand\"\": \"\"Acme\"\"}\"\n";
        let parsed = parse(csv.as_bytes(), &Currency::parse("EUR").unwrap()).unwrap();
        assert_eq!(parsed.warnings, Vec::<String>::new());
        let dress = &parsed.entries[0].info;
        assert_eq!(
            (dress.brand.as_deref(), dress.category.as_deref()),
            (Some("Stele"), Some("Rochii"))
        );
        assert_eq!(
            (dress.gtin.as_deref(), dress.mpn.as_deref()),
            (Some("5941234567899"), Some("RV-42"))
        );
        assert_eq!(
            dress.offer,
            Some(Offer {
                price: "1299.90".into(),
                sale_price: Some("999.90".into()),
                currency: "EUR".into(),
                availability: Some(Availability::InStock),
            })
        );
        let blouse = &parsed.entries[1].info;
        assert_eq!(
            blouse.brand.as_deref(),
            Some("Acme"),
            "brand from extra data"
        );
        let offer = blouse.offer.as_ref().unwrap();
        assert_eq!(
            offer.sale_price, None,
            "a sale price above the price is no sale"
        );
        assert_eq!(offer.current_price(), "49.50");
        assert_eq!(offer.availability, Some(Availability::OutOfStock));
    }

    #[test]
    fn a_bad_cell_is_left_out_with_a_warning_naming_its_line_and_the_row_is_kept() {
        let csv = "product id,product name,price,stock,extra data\n\
                   1,Good,10,5,\n\
                   2,\"Name with\nnewline\",ten lei,lots,not json\n\
                   3,Bad gtin,0,,\"{\"\"gtin\"\": \"\"5941234567891\"\"}\"\n\
                   1,Duplicate,11,1,\n\
                   4,Short row\n";
        let parsed = parse(csv.as_bytes(), &ron()).unwrap();
        let ids: Vec<&str> = parsed
            .entries
            .iter()
            .map(|e| e.product_id.as_str())
            .collect();
        assert_eq!(ids, ["1", "2", "3", "4"]);
        assert_eq!(
            parsed.entries[1].info.name.as_deref(),
            Some("Name with\nnewline")
        );
        assert_eq!(parsed.entries[1].info.offer, None);
        assert_eq!(parsed.entries[2].info.gtin, None);
        let warnings = parsed.warnings.join("\n");
        for expected in [
            "line 3: extra data is not a JSON object",
            "line 3: price \"ten lei\" is not a price such as 129.90",
            "line 3: stock \"lots\" is neither a number nor a word",
            "line 5: price \"0\" is zero",
            "line 5: GTIN \"5941234567891\" in extra data has a wrong length or check digit",
            "line 6: product id \"1\" is already on line 2; this row is skipped",
            "line 7: 2 cells where the header has 5; price, stock, extra data read as empty",
        ] {
            assert!(warnings.contains(expected), "{expected:?} in\n{warnings}");
        }
        assert_eq!(parsed.warnings.len(), 7, "{warnings}");
    }

    #[test]
    fn headers_match_without_case_spaces_or_underscores_and_bytes_that_are_not_utf8_warn() {
        let csv = b"PRODUCT_ID,Product Name,SALE_PRICE\n9,Caf\xe9,\"12,5\"\n";
        let parsed = parse(csv, &ron()).unwrap();
        assert_eq!(parsed.entries[0].product_id, "9");
        assert_eq!(
            parsed.entries[0].info.offer.as_ref().unwrap().price,
            "12.50"
        );
        assert!(
            parsed.warnings[0].starts_with("line 2: not UTF-8"),
            "{:?}",
            parsed.warnings
        );
    }

    #[test]
    fn nul_bytes_and_rows_swallowed_by_an_open_quote_are_reported_with_their_line() {
        let csv = b"product id,product name,price\n\
                    1,Good,10\n\
                    2\x00\x00,\x00\x01binary,\xff\n\
                    3,\"Open quote,12\n\
                    4,Swallowed,13\n\
                    5,Swallowed too,14\n\
                    6,\"Closed here\",15\n\
                    7,\"Line one\nline two, with a comma\",16\n";
        let parsed = parse(csv, &ron()).unwrap();
        let ids: Vec<&str> = parsed
            .entries
            .iter()
            .map(|e| e.product_id.as_str())
            .collect();
        assert_eq!(ids, ["1", "7"], "{:?}", parsed.warnings);
        assert!(
            parsed.warnings[0].starts_with("line 3: binary data (a NUL byte)"),
            "{:?}",
            parsed.warnings
        );
        assert!(
            parsed.warnings[1].starts_with("line 4: a quote opened in this row is not closed")
                && parsed.warnings[1].contains("so 2 following line(s)"),
            "{:?}",
            parsed.warnings
        );
        assert_eq!(parsed.warnings.len(), 2, "{:?}", parsed.warnings);
    }

    #[test]
    fn a_stray_quote_or_comma_never_shifts_a_price_into_another_column_silently() {
        let csv = "product id,product name,price,stock\n\
                   1,Shirt 12\" wide,19.90,3\n\
                   2,\"Shirt \"XL\", blue,129.90,5\n\
                   3,Cap,\"12\"9.90,4\n\
                   4,\"Scarf\" \"red\",29.90,2\n\
                   5,Hat,39.90\n\
                   6,Belt,49.90,1,\n";
        // As a spreadsheet writes it: CRLF, and the header with empty columns at its end.
        let crlf = csv
            .replacen("stock\n", "stock,,\n", 1)
            .replace('\n', "\r\n");
        assert_eq!(
            parse(crlf.as_bytes(), &ron()).unwrap().warnings,
            parse(csv.as_bytes(), &ron()).unwrap().warnings
        );
        let parsed = parse(csv.as_bytes(), &ron()).unwrap();
        let prices: Vec<(&str, Option<&str>)> = parsed
            .entries
            .iter()
            .map(|e| {
                let price = e.info.offer.as_ref().map(|o| o.price.as_str());
                (e.product_id.as_str(), price)
            })
            .collect();
        assert_eq!(
            prices,
            [
                ("1", Some("19.90")),
                ("3", None),
                ("4", Some("29.90")),
                ("5", Some("39.90")),
                ("6", Some("49.90")),
            ]
        );
        let warnings = &parsed.warnings;
        assert_eq!(warnings.len(), 4, "{warnings:#?}");
        assert!(
            warnings[0].starts_with("line 3: 5 cells where the header has 4")
                && warnings[0].contains("this row is skipped"),
            "{warnings:#?}"
        );
        assert!(
            warnings[1].starts_with("line 4: text follows the closing quote in price")
                && warnings[1].contains("the price is left out"),
            "{warnings:#?}"
        );
        assert!(
            warnings[2].starts_with("line 5: text follows the closing quote in product name"),
            "{warnings:#?}"
        );
        assert!(
            warnings[3].starts_with("line 6: 3 cells where the header has 4; stock read as empty"),
            "{warnings:#?}"
        );
    }

    fn parsed_of(ids: std::ops::Range<u32>) -> ParsedFeed {
        let csv: String = std::iter::once("product id\n".to_owned())
            .chain(ids.map(|id| format!("{id}\n")))
            .collect();
        parse(csv.as_bytes(), &ron()).unwrap()
    }

    #[test]
    fn an_empty_feed_never_replaces_the_catalogue_and_a_halving_needs_to_come_twice() {
        let empty = parsed_of(0..0);
        assert!(matches!(
            judge(100, &empty, None),
            Judgement::Refuse {
                fingerprint: None,
                ..
            }
        ));
        assert!(matches!(judge(0, &empty, None), Judgement::Refuse { .. }));
        assert_eq!(judge(0, &parsed_of(0..5), None), Judgement::Take);
        assert_eq!(
            judge(100, &parsed_of(0..50), None),
            Judgement::Take,
            "half is kept"
        );
        let shrunk = parsed_of(0..49);
        let Judgement::Refuse {
            why,
            fingerprint: Some(seen),
        } = judge(100, &shrunk, None)
        else {
            panic!("a feed with less than half the products was taken");
        };
        assert!(why.contains("49 products where 100 are stored"), "{why}");
        assert_eq!(judge(100, &shrunk, Some(seen.as_bytes())), Judgement::Take);
        assert!(
            matches!(
                judge(100, &parsed_of(1..48), Some(seen.as_bytes())),
                Judgement::Refuse { .. }
            ),
            "another small feed is no confirmation"
        );
    }

    #[test]
    fn a_feed_without_ids_is_an_error() {
        assert!(matches!(
            parse(b"name,url\na,b\n", &ron()),
            Err(ProductFeedError::NoIdColumn(_))
        ));
    }
}
