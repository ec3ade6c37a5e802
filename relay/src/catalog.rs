//! The shop's Retargeting CSV product feed ("product id","product name","product url",
//! "image url",…): names, pages and images for the public product JSON.

use stele_core::public::ProductInfo;

use crate::store::CatalogEntry;

/// A feed that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogError {
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

/// Reads a CSV feed. Columns are found by header name, case- and space-insensitively;
/// rows without a product id are skipped; empty cells are missing values.
pub fn parse(csv_bytes: &[u8]) -> Result<Vec<CatalogEntry>, CatalogError> {
    let body = csv_bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(csv_bytes);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(body);
    let csv_error = |e: csv::Error| CatalogError::Csv {
        line: e.position().map_or(0, |p| p.line()),
        reason: e.to_string(),
    };
    let headers = reader.headers().map_err(csv_error)?.clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let id = column("product id")
        .ok_or_else(|| CatalogError::NoIdColumn(headers.iter().collect::<Vec<_>>().join(", ")))?;
    let (name, url, image) = (
        column("product name"),
        column("product url"),
        column("image url"),
    );
    let mut entries = Vec::new();
    for record in reader.records() {
        let record = record.map_err(csv_error)?;
        let cell = |index: Option<usize>| {
            index
                .and_then(|i| record.get(i))
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        let Some(product_id) = cell(Some(id)) else {
            continue;
        };
        entries.push(CatalogEntry {
            product_id,
            info: ProductInfo {
                name: cell(name),
                url: safe_url(cell(url)),
                image: safe_url(cell(image)),
            },
        });
    }
    Ok(entries)
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
) -> Result<Vec<CatalogEntry>, CatalogError> {
    let client = reqwest::Client::builder()
        .timeout(timeout)
        .build()
        .map_err(|e| CatalogError::Fetch(e.to_string()))?;
    let mut response = client
        .get(url)
        .send()
        .await
        .map_err(|e| CatalogError::Fetch(e.without_url().to_string()))?;
    if !response.status().is_success() {
        return Err(CatalogError::Fetch(format!(
            "HTTP status {}",
            response.status().as_u16()
        )));
    }
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| CatalogError::Fetch(e.without_url().to_string()))?
    {
        if (body.len() + chunk.len()) as u64 > max_bytes {
            return Err(CatalogError::Fetch(format!(
                "larger than {max_bytes} bytes"
            )));
        }
        body.extend_from_slice(&chunk);
    }
    parse(&body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_retargeting_columns_in_any_order() {
        let csv = "\u{feff}\"product name\",\"Product ID\",\"product url\",\"image url\",\"price\"\n\
                   \"Rochie, vară\",\"2183\",\"https://shop.example/rochie\",\"https://shop.example/r.jpg\",\"99\"\n\
                   \"No id\",\"\",\"https://x\",\"\",\"1\"\n\
                   \"Bad link\",\"7\",\"javascript:alert(1)\",\"\",\"1\"\n";
        let entries = parse(csv.as_bytes()).unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].product_id, "2183");
        assert_eq!(entries[0].info.name.as_deref(), Some("Rochie, vară"));
        assert_eq!(
            entries[0].info.image.as_deref(),
            Some("https://shop.example/r.jpg")
        );
        assert_eq!(entries[1].info.url, None, "javascript: URLs are dropped");
    }

    #[test]
    fn a_feed_without_ids_is_an_error() {
        assert!(matches!(
            parse(b"name,url\na,b\n"),
            Err(CatalogError::NoIdColumn(_))
        ));
    }
}
