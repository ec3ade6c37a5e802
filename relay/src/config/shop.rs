//! The shop as search engines and Google Shopping see it: its product feed, currency, name
//! and which product markup to print (`STELE_FEED_URL`, `STELE_CURRENCY`, `STELE_SHOP_NAME`,
//! `STELE_JSONLD`, `STELE_JSONLD_REVIEWS`, `STELE_JSONLD_PRODUCT_ID`).

use clap::Args;
use stele::i18n::Lang;
use stele_core::catalog::Currency;

/// Which schema.org markup the product fragment carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum JsonLd {
    /// A complete `Product` (name, image, offers…) with its rating: for pages whose
    /// platform prints no product markup of its own.
    #[default]
    Product,
    /// Only the rating, attached by `@id` to the product node the shop's platform already
    /// prints: one product, not two.
    Rating,
    /// No markup.
    Off,
}

impl JsonLd {
    /// `product`, `rating` or `off`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Product => "product",
            Self::Rating => "rating",
            Self::Off => "off",
        }
    }
}

fn parse_json_ld(text: &str) -> Result<JsonLd, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "product" => Ok(JsonLd::Product),
        "rating" => Ok(JsonLd::Rating),
        "off" => Ok(JsonLd::Off),
        _ => Err(format!(
            "STELE_JSONLD={text:?}: use product (a whole Product), rating (attach the rating to \
             the shop's own product node) or off; e.g. STELE_JSONLD=rating"
        )),
    }
}

/// `STELE_JSONLD_REVIEWS`: `on` or `off` (and the usual spellings of yes and no).
fn parse_json_ld_reviews(text: &str) -> Result<bool, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "on" | "true" | "yes" | "1" => Ok(true),
        "off" | "false" | "no" | "0" => Ok(false),
        _ => Err(format!(
            "STELE_JSONLD_REVIEWS={text:?}: use off (only aggregateRating, the default) or on \
             (up to 10 review items too, each with \"Verified buyer\" as its author); e.g. \
             STELE_JSONLD_REVIEWS=off"
        )),
    }
}

fn parse_image_lang(text: &str) -> Result<Lang, String> {
    parse_lang("STELE_IMAGE_LANG", text)
}

fn parse_export_lang(text: &str) -> Result<Lang, String> {
    parse_lang("STELE_EXPORT_LANG", text)
}

fn parse_lang(variable: &str, text: &str) -> Result<Lang, String> {
    Lang::from_tag(text).ok_or_else(|| {
        format!(
            "{variable}={text:?} is not a language Stele speaks: use en, ro, hu, bg, de, fr, es, it or pl; e.g. {variable}=ro"
        )
    })
}

/// `STELE_FEED_URL`: an http(s) URL with a host.
fn parse_feed_url(text: &str) -> Result<String, String> {
    crate::config::parse_http_url(
        text,
        "STELE_FEED_URL",
        "https://shop.example/feeds/retargeting.csv",
    )
    .map(|_| text.trim().to_owned())
}

fn parse_currency(text: &str) -> Result<Currency, String> {
    Currency::parse(text).map_err(|e| format!("STELE_CURRENCY: {e}; e.g. STELE_CURRENCY=EUR"))
}

/// The `@id` of the shop's own product node, from `{url}` (the product page in the feed)
/// and `{id}` (the product id, percent-encoded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeIdTemplate(String);

impl NodeIdTemplate {
    /// WooCommerce's and Yoast's form, `{url}#product`.
    pub const DEFAULT: &'static str = "{url}#product";

    /// The `@id` of product `id` whose page is `url`; `None` when the template needs a URL
    /// the feed does not have.
    pub fn node_id(&self, id: &str, url: Option<&str>) -> Option<String> {
        if self.0.contains("{url}") && url.is_none() {
            return None;
        }
        let encoded: String = id
            .bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                    char::from(b).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect();
        Some(
            self.0
                .replace("{id}", &encoded)
                .replace("{url}", url.unwrap_or_default()),
        )
    }
}

impl NodeIdTemplate {
    /// The template as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for NodeIdTemplate {
    fn default() -> Self {
        Self(Self::DEFAULT.into())
    }
}

fn parse_node_id(text: &str) -> Result<NodeIdTemplate, String> {
    let text = text.trim();
    if text.contains("{url}") || text.contains("{id}") {
        Ok(NodeIdTemplate(text.to_owned()))
    } else {
        Err(format!(
            "STELE_JSONLD_PRODUCT_ID={text:?} names no product: use {{url}} (the product page) \
             and/or {{id}} (the product id); e.g. STELE_JSONLD_PRODUCT_ID={{url}}#product"
        ))
    }
}

/// The shop's settings, as flags and variables.
#[derive(Debug, Clone, Args)]
pub struct ShopOptions {
    /// The shop's Retargeting CSV product feed: names, links, images, prices, stock, brands
    /// and identifiers for product JSON, markup and the Google feed.
    #[arg(long, env = "STELE_FEED_URL", value_parser = parse_feed_url)]
    pub feed_url: Option<String>,

    /// Currency of the feed's prices, an ISO 4217 code.
    #[arg(long, env = "STELE_CURRENCY", default_value = "RON", value_parser = parse_currency)]
    pub currency: Currency,

    /// The shop's name, as Google shows it: required for the Google product reviews feed.
    #[arg(long, env = "STELE_SHOP_NAME")]
    pub shop_name: Option<String>,

    /// Product markup in fragments: product, rating or off.
    #[arg(long = "jsonld", env = "STELE_JSONLD", default_value = "product", value_parser = parse_json_ld)]
    pub json_ld: JsonLd,

    /// With STELE_JSONLD=product or rating: also up to 10 `review` items (on or off). Off by
    /// default: Retargeting shares no reviewer names, and Google's review-snippet rules want
    /// the reviewer's name as each review's author (docs/embed.md, "Search results").
    #[arg(long = "jsonld-reviews", env = "STELE_JSONLD_REVIEWS", default_value = "off",
          value_parser = parse_json_ld_reviews, action = clap::ArgAction::Set)]
    pub json_ld_reviews: bool,

    /// Language of rating images without ?lang= and of those in exports (en, ro, hu, bg,
    /// de, fr, es, it, pl).
    #[arg(long = "image-lang", env = "STELE_IMAGE_LANG", default_value = "en", value_parser = parse_image_lang)]
    pub image_lang: Lang,

    /// Where shoppers' browsers reach the relay, or the static export and the widget's files:
    /// server-rendered fragments link its stele.css there.
    #[arg(long, env = "STELE_PUBLIC_URL", default_value = "/stele/")]
    pub public_url: String,

    /// Language of the fragments in a static export (en, ro, hu, bg, de, fr, es, it, pl): a
    /// static host ignores `?lang=`, so the export holds one language.
    #[arg(long = "export-lang", env = "STELE_EXPORT_LANG", default_value = "en", value_parser = parse_export_lang)]
    pub export_lang: Lang,

    /// With STELE_JSONLD=rating: the @id of the shop's own product node.
    #[arg(long = "jsonld-product-id", env = "STELE_JSONLD_PRODUCT_ID",
          default_value = NodeIdTemplate::DEFAULT, value_parser = parse_node_id)]
    pub product_node: NodeIdTemplate,
}

impl ShopOptions {
    /// The settings the server and the export use.
    pub fn settings(&self) -> ShopSettings {
        ShopSettings {
            name: self
                .shop_name
                .as_deref()
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_owned),
            currency: self.currency.clone(),
            json_ld: self.json_ld,
            json_ld_reviews: self.json_ld_reviews,
            product_node: self.product_node.clone(),
            image_lang: self.image_lang,
            public_url: if self.public_url.ends_with('/') {
                self.public_url.clone()
            } else {
                format!("{}/", self.public_url)
            },
            export_lang: self.export_lang,
        }
    }
}

/// What the server and the export need of the shop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShopSettings {
    /// `STELE_SHOP_NAME`.
    pub name: Option<String>,
    /// `STELE_CURRENCY`.
    pub currency: Currency,
    /// `STELE_JSONLD`.
    pub json_ld: JsonLd,
    /// `STELE_JSONLD_REVIEWS`: per-review items besides `aggregateRating` (off by default).
    pub json_ld_reviews: bool,
    /// `STELE_JSONLD_PRODUCT_ID`.
    pub product_node: NodeIdTemplate,
    /// `STELE_IMAGE_LANG`.
    pub image_lang: Lang,
    /// `STELE_PUBLIC_URL`, ending in `/`.
    pub public_url: String,
    /// `STELE_EXPORT_LANG`.
    pub export_lang: Lang,
}

impl Default for ShopSettings {
    fn default() -> Self {
        Self {
            name: None,
            currency: Currency::default(),
            json_ld: JsonLd::default(),
            json_ld_reviews: false,
            product_node: NodeIdTemplate::default(),
            image_lang: Lang::default(),
            public_url: "/stele/".to_owned(),
            export_lang: Lang::default(),
        }
    }
}

impl ShopSettings {
    /// The stylesheet server-rendered fragments link: `stele.css` under `STELE_PUBLIC_URL`.
    pub fn stylesheet(&self) -> String {
        format!("{}stele.css", self.public_url)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_settings_name_the_variable_and_an_example() {
        let currency = parse_currency("LEI").unwrap_err();
        assert!(
            currency.starts_with("STELE_CURRENCY") && currency.contains("STELE_CURRENCY=EUR"),
            "{currency}"
        );
        let json_ld = parse_json_ld("yes").unwrap_err();
        assert!(json_ld.contains("STELE_JSONLD=rating"), "{json_ld}");
        assert_eq!(parse_json_ld(" Rating "), Ok(JsonLd::Rating));
        let reviews = parse_json_ld_reviews("sometimes").unwrap_err();
        assert!(reviews.contains("STELE_JSONLD_REVIEWS=off"), "{reviews}");
        assert_eq!(parse_json_ld_reviews(" ON "), Ok(true));
        assert_eq!(parse_json_ld_reviews("off"), Ok(false));
        let lang = parse_image_lang("xx").unwrap_err();
        assert!(lang.contains("STELE_IMAGE_LANG=ro"), "{lang}");
        let lang = parse_export_lang("xx").unwrap_err();
        assert!(lang.contains("STELE_EXPORT_LANG=ro"), "{lang}");
        assert_eq!(parse_export_lang("hu"), Ok(Lang::Hu));
        assert_eq!(parse_image_lang("ro-RO"), Ok(Lang::Ro));
        for feed in [
            "ftp://x/feed.csv",
            "feed.csv",
            "file:///tmp/feed.csv",
            "https://",
        ] {
            let error = parse_feed_url(feed).unwrap_err();
            assert!(
                error.starts_with("STELE_FEED_URL=")
                    && error.contains("e.g. STELE_FEED_URL=https://"),
                "{error}"
            );
        }
        assert!(parse_feed_url("http://127.0.0.1:9/feed.csv").is_ok());
        let node = parse_node_id("#product").unwrap_err();
        assert!(
            node.contains("STELE_JSONLD_PRODUCT_ID={url}#product"),
            "{node}"
        );
    }

    #[test]
    fn review_items_in_markup_are_an_opt_in() {
        #[derive(clap::Parser)]
        struct Cli {
            #[command(flatten)]
            shop: ShopOptions,
        }
        use clap::Parser;
        let reviews = |args: &[&str]| {
            Cli::try_parse_from(std::iter::once("stele-relay").chain(args.iter().copied()))
                .map(|cli| cli.shop.settings().json_ld_reviews)
                .map_err(|e| e.to_string())
        };
        if std::env::var_os("STELE_JSONLD_REVIEWS").is_none() {
            assert_eq!(reviews(&[]), Ok(false), "aggregate-only by default");
        }
        assert_eq!(reviews(&["--jsonld-reviews", "on"]), Ok(true));
        assert_eq!(reviews(&["--jsonld-reviews", "off"]), Ok(false));
        assert!(reviews(&["--jsonld-reviews", "maybe"])
            .unwrap_err()
            .contains("STELE_JSONLD_REVIEWS=off"));
    }

    #[test]
    fn node_ids_fill_the_template() {
        let default = NodeIdTemplate::default();
        assert_eq!(
            default.node_id("2183", Some("https://s.example/p")),
            Some("https://s.example/p#product".into())
        );
        assert_eq!(default.node_id("2183", None), None, "no URL, no node");
        let by_id = parse_node_id("https://s.example/#product-{id}").unwrap();
        assert_eq!(
            by_id.node_id("a/b c", None),
            Some("https://s.example/#product-a%2Fb%20c".into())
        );
    }
}
