//! `stele-relay demo`: a deterministic shop (20 products, 500 orders) served with no
//! credentials and no network. The data goes through the real path: upstream JSON →
//! parse → normalise → store → read model.

use std::sync::{Arc, Mutex};

use clap::Args;
use stele_core::catalog::{Amount, Availability};
use stele_core::normalise::read_feed;
use stele_core::public::{Offer, ProductInfo};
use stele_core::zone::LocalZone;
use stele_core::Timestamp;

use crate::cli::Failure;
use crate::config::http::HttpOptions;
use crate::http::lifecycle::Bound;
use crate::http::state::AppState;
use crate::ingest::health::Health;
use crate::model::moderation::Moderation;
use crate::model::rebuild::build_snapshot;
use crate::model::store::{CatalogEntry, Store};

/// Serve a generated demo shop: no credentials, no network.
#[derive(Debug, Args)]
pub struct DemoArgs {
    #[command(flatten)]
    http: HttpOptions,

    #[command(flatten)]
    moderation: crate::config::moderation::ModerationOptions,

    /// The demo's markup and feed settings (`STELE_JSONLD`…); its name is "Stele demo shop"
    /// unless `STELE_SHOP_NAME` says otherwise, and its catalog is built in.
    #[command(flatten)]
    shop: crate::config::shop::ShopOptions,

    /// Write the demo shop as a static export to this directory and exit, instead of serving.
    #[arg(long, value_name = "DIR", conflicts_with = "to")]
    export: Option<std::path::PathBuf>,

    /// Publish the demo shop to a bucket (s3://BUCKET/PREFIX, gs://…, az://…; see
    /// `export --to`) and exit, instead of serving.
    #[arg(long, value_name = "URL")]
    to: Option<String>,
}

/// Demo products: (id, name). The last three never get a review.
pub const PRODUCTS: [(&str, &str); 20] = [
    ("2183", "Rochie de vară din in"),
    ("2182", "Sandale din piele"),
    ("1001", "Tricou din bumbac organic"),
    ("1002", "Blugi cu talie înaltă"),
    ("1003", "Geacă de ploaie"),
    ("1004", "Pulover tricotat"),
    ("1005", "Eșarfă din mătase"),
    ("1006", "Cămașă în carouri"),
    ("1007", "Rucsac urban"),
    ("1008", "Pantofi sport"),
    ("1009", "Fustă plisată"),
    ("1010", "Palton de lână"),
    ("1011", "Șosete din bambus (set de 5)"),
    ("1012", "Curea din piele"),
    ("1013", "Pălărie de soare"),
    ("1014", "Hanorac cu glugă"),
    ("1015", "Pijama din satin"),
    ("SKU-NEW-1", "Ochelari de soare"),
    ("SKU-NEW-2", "Portofel din piele"),
    ("SKU-NEW-3", "Umbrelă pliabilă"),
];

/// Comments by mood, so words and stars agree: (low 0–4, middling 5–7, high 8–10).
const LOW: [&str; 6] = [
    "Materialul e subțire și s-a decolorat după prima spălare.",
    "Nu corespunde descrierii. Am returnat produsul.",
    "The zipper broke after a week.",
    "Prețul e cam mare pentru ce oferă.",
    "Am primit altă culoare decât cea comandată; serviciul clienți a rezolvat, dar produsul tot nu mi-a plăcut.",
    "Arrived late and smaller than described.",
];
const MIDDLING: [&str; 6] = [
    "Mărimea a fost puțin mică, dar schimbul s-a făcut rapid și fără bătăi de cap.",
    "Ok, nimic special.",
    "Arrived two days late, but the quality makes up for it.",
    "Sizing runs large — order one size down.",
    "Bună calitate, dar a durat mult livrarea.",
    "Rendben, ajánlom.",
];
const HIGH: [&str; 12] = [
    "Calitate excelentă, exact ca în poze. Recomand cu încredere!",
    "Livrare rapidă, ambalaj îngrijit. Mulțumesc!",
    "Perfect match for my summer outfits",
    "Very comfortable, I wear it every day.",
    "Foarte mulțumită! Culoarea e superbă, iar croiala vine perfect.",
    "Good value for money.",
    "Cusăturile sunt impecabile, se vede că e un produs de calitate.",
    "Super produs!!! ⭐⭐⭐⭐⭐",
    "Țesătura e plăcută la atingere și nu se șifonează ușor.",
    "<img src=x onerror=alert(1)> — a shopper pasted markup; it must show as text",
    "Am comandat pentru soția mea și i-a plăcut foarte mult. Ambalajul a fost elegant, livrarea s-a făcut în 24 de ore, iar produsul arată chiar mai bine decât în fotografii. Singurul minus ar fi că instrucțiunile de îngrijire sunt doar în engleză. În rest, totul a fost perfect și cu siguranță voi mai comanda de la voi.",
    "Strălucitor, elegant și comod — exact ce căutam pentru nuntă.",
];

/// A tiny deterministic generator: the demo must look the same on every machine.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, sides: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % sides
    }

    /// A comment (as JSON) whose mood fits `score`.
    fn comment(&mut self, score: u64) -> String {
        let pool: &[&str] = match score {
            0..=4 => &LOW,
            5..=7 => &MIDDLING,
            _ => &HIGH,
        };
        serde_json::to_string(pool[self.roll(pool.len() as u64) as usize])
            .expect("strings serialise")
    }

    /// Most customers are happy; a few are not (the histogram needs every bar).
    fn score(&mut self) -> u64 {
        match self.roll(20) {
            0 => 0,
            1 => 2,
            2 => 4,
            3 | 4 => 6,
            5..=8 => 8,
            9..=11 => 9,
            _ => 10,
        }
    }
}

/// Bucharest wall-clock text `days` and `seconds` before `base` (close enough: the demo
/// only needs plausible dates; the zone conversion is exercised on the way in).
fn wall_clock(base: Timestamp, days: u64, seconds: u64) -> String {
    let instant = Timestamp::from_unix(base.unix() - (days * 86_400 + seconds) as i64 + 2 * 3600);
    let text = instant.to_string();
    format!("{} {}", &text[..10], &text[11..19])
}

/// The demo's upstream response: 500 orders over the year before `base`, with every case
/// the API documents (null score, null comment, no product reviews, reviews months after
/// the order) and some it does not promise (string scores, blank comments).
pub fn upstream_response(base: Timestamp) -> String {
    let mut dice = Dice(0x5EED_57E1E);
    let reviewed = &PRODUCTS[..17];
    let mut orders = Vec::with_capacity(500);
    for index in 0..500u64 {
        let age = dice.roll(365) + 1;
        let order_date = wall_clock(base, age + 7, dice.roll(86_400));
        let shop_score = dice.score();
        let shop_comment = match dice.roll(4) {
            0 => "null".to_owned(),
            _ => dice.comment(shop_score),
        };
        let mut reviews = Vec::new();
        // Product 2183 is the showcase: it gets a review on every other order.
        let count = if index % 2 == 0 {
            1 + dice.roll(2)
        } else {
            dice.roll(3)
        };
        for n in 0..count {
            let product = if n == 0 && index % 2 == 0 {
                reviewed[0].0
            } else {
                reviewed[1 + dice.roll(16) as usize].0
            };
            let late = if dice.roll(10) == 0 {
                90 + dice.roll(120)
            } else {
                dice.roll(6)
            };
            let score = dice.score();
            let score_json = match dice.roll(12) {
                0 => "null".to_owned(),
                1 => format!("\"{score}\""),
                _ => score.to_string(),
            };
            let comment_json = match dice.roll(5) {
                0 if score_json != "null" => "null".to_owned(),
                1 if score_json != "null" => "\"   \"".to_owned(),
                _ => dice.comment(score),
            };
            reviews.push(format!(
                r#"{{"realid":"{product}","added_on":"{}","score":{score_json},"comment":{comment_json}}}"#,
                wall_clock(base, age.saturating_sub(late.min(age - 1)), dice.roll(86_400))
            ));
        }
        let product_reviews = match (reviews.is_empty(), index % 3) {
            (true, 0) => "null".to_owned(),
            _ => format!("[{}]", reviews.join(",")),
        };
        orders.push(format!(
            r#"{{"order":{{"orderno":"{}","date":"{order_date}"}},"score":{shop_score},"comment":{shop_comment},"added_on":"{}","product_reviews":{product_reviews}}}"#,
            27_000 + index,
            wall_clock(base, age, dice.roll(86_400))
        ));
    }
    format!(r#"{{"status":"success","data":[{}]}}"#, orders.join(","))
}

/// The demo shop's name, as its Google product reviews feed names the publisher.
pub const SHOP_NAME: &str = "Stele demo shop";

/// The demo catalog: every column a real feed has (docs/relay.md, "Product feed"), with
/// valid EAN-13 codes; product 1003 is out of stock and 2183 on sale.
pub fn catalog() -> Vec<CatalogEntry> {
    PRODUCTS
        .iter()
        .enumerate()
        .map(|(index, (id, name))| {
            let price = 4_990 + 1_000 * index as u64;
            let body = format!("594000000{index:03}");
            let check = stele_core::catalog::gtin_check_digit(&body);
            CatalogEntry {
                product_id: (*id).to_owned(),
                info: ProductInfo {
                    name: Some((*name).to_owned()),
                    url: Some(format!("https://shop.example/p/{id}")),
                    image: Some(format!("https://shop.example/img/{id}.jpg")),
                    brand: Some("Stele Atelier".into()),
                    category: Some("Îmbrăcăminte".into()),
                    gtin: Some(format!("{body}{check}")),
                    mpn: Some(format!("ST-{id}")),
                    offer: Some(Offer {
                        price: Amount::from_minor(price).to_string(),
                        sale_price: (*id == "2183")
                            .then(|| Amount::from_minor(price - 1_000).to_string()),
                        currency: "RON".into(),
                        availability: Some(if *id == "1003" {
                            Availability::OutOfStock
                        } else {
                            Availability::InStock
                        }),
                    }),
                },
            }
        })
        .collect()
}

/// A store holding the demo shop, synced once.
pub fn store(base: Timestamp) -> Result<Store, String> {
    let mut store = Store::in_memory().map_err(|e| e.to_string())?;
    // A fixed secret: the demo's public ids are the same on every run and machine.
    store
        .set_public_id_secret(b"stele-demo-not-a-secret")
        .map_err(|e| e.to_string())?;
    let batch = read_feed(upstream_response(base).as_bytes(), LocalZone::default())
        .map_err(|e| e.to_string())?;
    store.apply(&batch, base, None).map_err(|e| e.to_string())?;
    store
        .replace_catalog(&catalog())
        .map_err(|e| e.to_string())?;
    Ok(store)
}

/// `stele-relay demo`.
pub async fn run(args: DemoArgs) -> Result<(), Failure> {
    const COMMAND: &str = "demo";
    let target = crate::cli::export::target(args.to.as_deref(), COMMAND)?;
    // Dates move with the calendar day (so "3 days ago" stays true) but not within it.
    let today = Timestamp::from_unix(crate::model::store::now().unix() / 86_400 * 86_400);
    let store = store(today)
        .map(|store| Arc::new(Mutex::new(store)))
        .map_err(|error| Failure::failed(COMMAND, error))?;
    let snapshot = build_snapshot(&store, &Moderation::from_options(&args.moderation))
        .map(|snapshot| {
            let mut shop = args.shop.settings();
            shop.name.get_or_insert_with(|| SHOP_NAME.into());
            snapshot.with_shop(shop)
        })
        .map_err(|error| Failure::failed(COMMAND, error))?;
    if let Some(out) = &args.export {
        return crate::cli::export::to_dir(&snapshot, out, COMMAND);
    }
    if let Some(target) = &target {
        return crate::cli::export::to_bucket(&snapshot, target, COMMAND).await;
    }
    let now = crate::model::store::now();
    let health = Arc::new(Mutex::new(Health {
        last_success: Some(now),
        last_attempt: Some(now),
        ..Health::default()
    }));
    let settings = args
        .http
        .settings()
        .map_err(|message| Failure::cannot_start(COMMAND, message))?;
    let state = AppState::new(snapshot, health, settings);
    eprintln!(
        "stele-relay demo: {} products, 500 orders, no credentials, no network",
        PRODUCTS.len()
    );
    let bound = Bound::bind(&args.http)
        .await
        .map_err(|message| Failure::cannot_start(COMMAND, message))?;
    bound
        .serve(&args.http, state)
        .await
        .map_err(|message| Failure::cannot_start(COMMAND, message))
}
