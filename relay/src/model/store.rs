//! The embedded store: SQLite in WAL mode, versioned migrations, one transaction per sync.
//!
//! Records are merged with the rule of `stele_core::records::supersedes` written as SQL
//! (`store_merges_like_the_core` in the tests proves the two agree). Nothing is ever
//! deleted, and a sync that fails leaves the records untouched.

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use stele_core::catalog::Availability;
use stele_core::normalise::Batch;
use stele_core::records::{OrderFeedback, OrderRef, ProductReview};
use stele_core::{Score, Timestamp};

use crate::config::store::{StoreOptions, DB_EXAMPLE};

/// Schema versions, applied in order; `PRAGMA user_version` says how many have run.
const MIGRATIONS: &[&str] = &[
    // 1: records, sync history, installation secrets.
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL) STRICT;
     CREATE TABLE order_feedback (
         orderno TEXT PRIMARY KEY, order_date INTEGER, score INTEGER, comment TEXT,
         added_on INTEGER, sync_id INTEGER NOT NULL) STRICT;
     CREATE TABLE product_reviews (
         orderno TEXT NOT NULL, product_id TEXT NOT NULL, score INTEGER, comment TEXT,
         added_on INTEGER, sync_id INTEGER NOT NULL, PRIMARY KEY (orderno, product_id)) STRICT;
     CREATE INDEX product_reviews_by_product ON product_reviews (product_id);
     CREATE TABLE syncs (
         id INTEGER PRIMARY KEY, started_at INTEGER NOT NULL, finished_at INTEGER NOT NULL,
         cursor INTEGER, outcome TEXT NOT NULL, error_code TEXT, error_message TEXT,
         inserted INTEGER NOT NULL DEFAULT 0, updated INTEGER NOT NULL DEFAULT 0,
         received INTEGER NOT NULL DEFAULT 0, warnings INTEGER NOT NULL DEFAULT 0) STRICT;",
    // 2: catalog details from the shop's CSV product feed.
    "CREATE TABLE products (
         product_id TEXT PRIMARY KEY, name TEXT, url TEXT, image TEXT) STRICT;",
    // 3: every column of the product feed (docs/relay.md, "Product feed").
    "ALTER TABLE products ADD COLUMN brand TEXT;
     ALTER TABLE products ADD COLUMN category TEXT;
     ALTER TABLE products ADD COLUMN gtin TEXT;
     ALTER TABLE products ADD COLUMN mpn TEXT;
     ALTER TABLE products ADD COLUMN price TEXT;
     ALTER TABLE products ADD COLUMN sale_price TEXT;
     ALTER TABLE products ADD COLUMN currency TEXT;
     ALTER TABLE products ADD COLUMN availability TEXT;",
];

/// Records' `added_on` compare with missing as oldest: the SQL twin of `supersedes`.
const NEWER_OR_SAME: &str =
    "coalesce(excluded.added_on, -9223372036854775808) >= coalesce(added_on, -9223372036854775808)";

/// A store error, with the path for context.
#[derive(Debug, thiserror::Error)]
#[error("database {path}: {source}")]
pub struct StoreError {
    path: String,
    #[source]
    source: rusqlite::Error,
}

/// An open store.
pub struct Store {
    connection: Connection,
    path: String,
}

/// What one applied sync changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Applied {
    /// The sync's row id.
    pub sync_id: i64,
    /// Records not stored before.
    pub inserted: u64,
    /// Stored records replaced by a newer version.
    pub updated: u64,
    /// Records received.
    pub received: u64,
}

fn availability_name(availability: Availability) -> &'static str {
    match availability {
        Availability::InStock => "in_stock",
        Availability::OutOfStock => "out_of_stock",
    }
}

fn availability_named(name: &str) -> Option<Availability> {
    [Availability::InStock, Availability::OutOfStock]
        .into_iter()
        .find(|a| availability_name(*a) == name)
}

/// Catalog details of one product.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CatalogEntry {
    /// The shop's product id.
    pub product_id: String,
    /// Name, page and image.
    pub info: stele_core::public::ProductInfo,
}

impl Store {
    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let display = path.display().to_string();
        let wrap = |source| StoreError {
            path: display.clone(),
            source,
        };
        let connection = Connection::open(path).map_err(wrap)?;
        let mut store = Store {
            connection,
            path: display.clone(),
        };
        store.configure().map_err(wrap)?;
        store.migrate().map_err(wrap)?;
        Ok(store)
    }

    /// An in-memory store, for the demo and tests.
    pub fn in_memory() -> Result<Self, StoreError> {
        let wrap = |source| StoreError {
            path: ":memory:".into(),
            source,
        };
        let connection = Connection::open_in_memory().map_err(wrap)?;
        let mut store = Store {
            connection,
            path: ":memory:".into(),
        };
        store.migrate().map_err(wrap)?;
        Ok(store)
    }

    fn wrap(&self, source: rusqlite::Error) -> StoreError {
        StoreError {
            path: self.path.clone(),
            source,
        }
    }

    fn configure(&self) -> rusqlite::Result<()> {
        // WAL: readers never block the sync's writer; FULL sync: a commit survives power loss.
        self.connection.pragma_update(None, "journal_mode", "WAL")?;
        self.connection.pragma_update(None, "synchronous", "FULL")?;
        self.connection.pragma_update(None, "foreign_keys", true)?;
        self.connection
            .busy_timeout(std::time::Duration::from_secs(10))
    }

    fn migrate(&mut self) -> rusqlite::Result<()> {
        let version: usize = self
            .connection
            .pragma_query_value(None, "user_version", |row| row.get(0))?;
        for (index, sql) in MIGRATIONS.iter().enumerate().skip(version) {
            let tx = self.connection.transaction()?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", index + 1)?;
            tx.commit()?;
        }
        Ok(())
    }

    /// The schema version in force.
    pub fn schema_version(&self) -> Result<usize, StoreError> {
        self.connection
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .map_err(|e| self.wrap(e))
    }

    /// The installation's secret for public ids, created on first use.
    pub fn public_id_secret(&mut self) -> Result<Vec<u8>, StoreError> {
        let existing: Option<Vec<u8>> = self
            .connection
            .query_row(
                "SELECT value FROM meta WHERE key = 'public_id_secret'",
                [],
                |row| row.get(0),
            )
            .optional()
            .map_err(|e| self.wrap(e))?;
        if let Some(secret) = existing {
            return Ok(secret);
        }
        let mut secret = vec![0u8; 32];
        getrandom::fill(&mut secret).expect("the operating system provides randomness");
        self.connection
            .execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES ('public_id_secret', ?1)",
                [&secret],
            )
            .map_err(|e| self.wrap(e))?;
        // Another process may have won the race: read back what is stored.
        self.connection
            .query_row(
                "SELECT value FROM meta WHERE key = 'public_id_secret'",
                [],
                |row| row.get(0),
            )
            .map_err(|e| self.wrap(e))
    }

    /// Sets the installation's secret for public ids: for the demo, whose ids must be the
    /// same on every run, and for restoring an installation. Changing it changes every id.
    pub fn set_public_id_secret(&mut self, secret: &[u8]) -> Result<(), StoreError> {
        self.connection
            .execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('public_id_secret', ?1)",
                [secret],
            )
            .map(drop)
            .map_err(|e| self.wrap(e))
    }

    /// Applies one successful response as a sync, in a single transaction.
    pub fn apply(
        &mut self,
        batch: &Batch,
        started_at: Timestamp,
        cursor: Option<i64>,
    ) -> Result<Applied, StoreError> {
        let path = self.path.clone();
        let wrap = |source| StoreError {
            path: path.clone(),
            source,
        };
        let tx = self.connection.transaction().map_err(wrap)?;
        let applied = apply_in(&tx, batch, started_at, cursor).map_err(wrap)?;
        tx.commit().map_err(wrap)?;
        Ok(applied)
    }

    /// Rewrites every stored comment that `rewrite` changes, in one transaction, and says
    /// how many it changed. Only comments holding `needle` or a `%` are read (the key as it
    /// is or URL-encoded): the sync runs it each time at the cost of an index-free scan
    /// SQLite does in C.
    pub fn rewrite_comments(
        &mut self,
        needle: &str,
        rewrite: impl Fn(&str) -> Option<String>,
    ) -> Result<usize, StoreError> {
        let path = self.path.clone();
        let wrap = |source| StoreError {
            path: path.clone(),
            source,
        };
        // The old text must not linger in a page's free space or in the WAL either.
        self.connection
            .pragma_update(None, "secure_delete", true)
            .map_err(wrap)?;
        let tx = self.connection.transaction().map_err(wrap)?;
        let mut changed = 0;
        for table in ["order_feedback", "product_reviews"] {
            let rows: Vec<(i64, String)> = {
                let mut select = tx
                    .prepare(&format!(
                        "SELECT rowid, comment FROM {table}
                         WHERE instr(comment, ?1) > 0 OR instr(comment, '%') > 0"
                    ))
                    .map_err(wrap)?;
                let rows = select
                    .query_map([needle], |row| Ok((row.get(0)?, row.get(1)?)))
                    .map_err(wrap)?;
                rows.collect::<Result<_, _>>().map_err(wrap)?
            };
            for (rowid, comment) in rows {
                if let Some(clean) = rewrite(&comment) {
                    tx.execute(
                        &format!("UPDATE {table} SET comment = ?1 WHERE rowid = ?2"),
                        params![clean, rowid],
                    )
                    .map_err(wrap)?;
                    changed += 1;
                }
            }
        }
        tx.commit().map_err(wrap)?;
        if changed > 0 {
            self.connection
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
                .map_err(wrap)?;
        }
        self.connection
            .pragma_update(None, "secure_delete", false)
            .map_err(wrap)?;
        Ok(changed)
    }

    /// Records a failed sync; the records are not touched.
    pub fn record_failure(
        &mut self,
        started_at: Timestamp,
        cursor: Option<i64>,
        code: &str,
        message: &str,
    ) -> Result<(), StoreError> {
        self.connection
            .execute(
                "INSERT INTO syncs (started_at, finished_at, cursor, outcome, error_code, error_message)
                 VALUES (?1, ?2, ?3, 'error', ?4, ?5)",
                params![started_at.unix(), now().unix(), cursor, code, message],
            )
            .map(drop)
            .map_err(|e| self.wrap(e))
    }

    /// When the last successful sync's request was sent.
    pub fn last_success(&self) -> Result<Option<Timestamp>, StoreError> {
        self.connection
            .query_row(
                "SELECT max(started_at) FROM syncs WHERE outcome = 'ok'",
                [],
                |row| row.get::<_, Option<i64>>(0),
            )
            .map(|t| t.map(Timestamp::from_unix))
            .map_err(|e| self.wrap(e))
    }

    /// Every stored order feedback.
    pub fn orders(&self) -> Result<Vec<OrderFeedback>, StoreError> {
        let mut statement = self
            .connection
            .prepare("SELECT orderno, order_date, score, comment, added_on FROM order_feedback")
            .map_err(|e| self.wrap(e))?;
        let rows = statement
            .query_map([], |row| {
                Ok(OrderFeedback {
                    order: OrderRef::new(row.get::<_, String>(0)?),
                    order_date: row.get::<_, Option<i64>>(1)?.map(Timestamp::from_unix),
                    score: row.get::<_, Option<i64>>(2)?.and_then(Score::new),
                    comment: row.get(3)?,
                    added_on: row.get::<_, Option<i64>>(4)?.map(Timestamp::from_unix),
                })
            })
            .and_then(|rows| rows.collect());
        rows.map_err(|e| self.wrap(e))
    }

    /// Every stored product review.
    pub fn product_reviews(&self) -> Result<Vec<ProductReview>, StoreError> {
        let mut statement = self
            .connection
            .prepare("SELECT orderno, product_id, score, comment, added_on FROM product_reviews")
            .map_err(|e| self.wrap(e))?;
        let rows = statement
            .query_map([], |row| {
                Ok(ProductReview {
                    order: OrderRef::new(row.get::<_, String>(0)?),
                    product_id: row.get(1)?,
                    score: row.get::<_, Option<i64>>(2)?.and_then(Score::new),
                    comment: row.get(3)?,
                    added_on: row.get::<_, Option<i64>>(4)?.map(Timestamp::from_unix),
                })
            })
            .and_then(|rows| rows.collect());
        rows.map_err(|e| self.wrap(e))
    }

    /// Replaces the catalog with a freshly read product feed, in one transaction.
    pub fn replace_catalog(&mut self, entries: &[CatalogEntry]) -> Result<(), StoreError> {
        let path = self.path.clone();
        let wrap = |source| StoreError {
            path: path.clone(),
            source,
        };
        let tx = self.connection.transaction().map_err(wrap)?;
        tx.execute("DELETE FROM products", []).map_err(wrap)?;
        {
            let mut insert = tx
                .prepare(
                    "INSERT OR REPLACE INTO products (product_id, name, url, image, brand, category, \
                     gtin, mpn, price, sale_price, currency, availability) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                )
                .map_err(wrap)?;
            for CatalogEntry { product_id, info } in entries {
                let offer = info.offer.as_ref();
                insert
                    .execute(params![
                        product_id,
                        info.name,
                        info.url,
                        info.image,
                        info.brand,
                        info.category,
                        info.gtin,
                        info.mpn,
                        offer.map(|o| &o.price),
                        offer.and_then(|o| o.sale_price.as_ref()),
                        offer.map(|o| &o.currency),
                        offer.and_then(|o| o.availability).map(availability_name),
                    ])
                    .map_err(wrap)?;
            }
        }
        tx.commit().map_err(wrap)
    }

    /// The catalog, product id → details.
    pub fn catalog(&self) -> Result<Vec<CatalogEntry>, StoreError> {
        let mut statement = self
            .connection
            .prepare(
                "SELECT product_id, name, url, image, brand, category, gtin, mpn, price, \
                 sale_price, currency, availability FROM products",
            )
            .map_err(|e| self.wrap(e))?;
        let rows = statement
            .query_map([], |row| {
                let price: Option<String> = row.get(8)?;
                let availability: Option<String> = row.get(11)?;
                Ok(CatalogEntry {
                    product_id: row.get(0)?,
                    info: stele_core::public::ProductInfo {
                        name: row.get(1)?,
                        url: row.get(2)?,
                        image: row.get(3)?,
                        brand: row.get(4)?,
                        category: row.get(5)?,
                        gtin: row.get(6)?,
                        mpn: row.get(7)?,
                        offer: match price {
                            Some(price) => Some(stele_core::public::Offer {
                                price,
                                sale_price: row.get(9)?,
                                currency: row.get::<_, Option<String>>(10)?.unwrap_or_default(),
                                availability: availability.as_deref().and_then(availability_named),
                            }),
                            None => None,
                        },
                    },
                })
            })
            .and_then(|rows| rows.collect());
        rows.map_err(|e| self.wrap(e))
    }

    /// Products stored from the product feed.
    pub fn catalog_len(&self) -> Result<usize, StoreError> {
        self.connection
            .query_row("SELECT count(*) FROM products", [], |row| row.get(0))
            .map_err(|e| self.wrap(e))
    }

    /// A value of the `meta` table (the store's own notes, such as a refused product feed).
    pub fn note(&self, key: &str) -> Result<Option<Vec<u8>>, StoreError> {
        self.connection
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |row| {
                row.get(0)
            })
            .optional()
            .map_err(|e| self.wrap(e))
    }

    /// Sets (`Some`) or removes (`None`) a value of the `meta` table.
    pub fn set_note(&mut self, key: &str, value: Option<&[u8]>) -> Result<(), StoreError> {
        match value {
            Some(value) => self.connection.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
                rusqlite::params![key, value],
            ),
            None => self
                .connection
                .execute("DELETE FROM meta WHERE key = ?1", [key]),
        }
        .map(drop)
        .map_err(|e| self.wrap(e))
    }

    /// `(orders, product reviews)` stored.
    pub fn counts(&self) -> Result<(u64, u64), StoreError> {
        self.connection
            .query_row("SELECT (SELECT count(*) FROM order_feedback), (SELECT count(*) FROM product_reviews)", [], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })
            .map_err(|e| self.wrap(e))
    }
}

fn apply_in(
    tx: &Transaction<'_>,
    batch: &Batch,
    started_at: Timestamp,
    cursor: Option<i64>,
) -> rusqlite::Result<Applied> {
    let before = count_rows(tx)?;
    tx.execute(
        "INSERT INTO syncs (started_at, finished_at, cursor, outcome, warnings) VALUES (?1, ?1, ?2, 'ok', ?3)",
        params![started_at.unix(), cursor, batch.warnings.total() as i64],
    )?;
    let sync_id = tx.last_insert_rowid();
    let mut changed = 0u64;
    {
        let mut order = tx.prepare(&format!(
            "INSERT INTO order_feedback (orderno, order_date, score, comment, added_on, sync_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (orderno) DO UPDATE SET order_date = excluded.order_date, score = excluded.score,
                 comment = excluded.comment, added_on = excluded.added_on, sync_id = excluded.sync_id
             WHERE {NEWER_OR_SAME} AND (order_date IS NOT excluded.order_date OR score IS NOT excluded.score
                 OR comment IS NOT excluded.comment OR added_on IS NOT excluded.added_on)"
        ))?;
        for feedback in &batch.orders {
            changed += order.execute(params![
                feedback.order.as_str(),
                feedback.order_date.map(Timestamp::unix),
                feedback.score.map(Score::get),
                feedback.comment,
                feedback.added_on.map(Timestamp::unix),
                sync_id
            ])? as u64;
        }
        let mut review = tx.prepare(&format!(
            "INSERT INTO product_reviews (orderno, product_id, score, comment, added_on, sync_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (orderno, product_id) DO UPDATE SET score = excluded.score,
                 comment = excluded.comment, added_on = excluded.added_on, sync_id = excluded.sync_id
             WHERE {NEWER_OR_SAME} AND (score IS NOT excluded.score OR comment IS NOT excluded.comment
                 OR added_on IS NOT excluded.added_on)"
        ))?;
        for item in &batch.product_reviews {
            changed += review.execute(params![
                item.order.as_str(),
                item.product_id,
                item.score.map(Score::get),
                item.comment,
                item.added_on.map(Timestamp::unix),
                sync_id
            ])? as u64;
        }
    }
    let after = count_rows(tx)?;
    let inserted = after - before;
    let received = (batch.orders.len() + batch.product_reviews.len()) as u64;
    let applied = Applied {
        sync_id,
        inserted,
        updated: changed - inserted,
        received,
    };
    tx.execute(
        "UPDATE syncs SET finished_at = ?2, inserted = ?3, updated = ?4, received = ?5 WHERE id = ?1",
        params![sync_id, now().unix(), applied.inserted as i64, applied.updated as i64, applied.received as i64],
    )?;
    Ok(applied)
}

fn count_rows(tx: &Transaction<'_>) -> rusqlite::Result<u64> {
    tx.query_row(
        "SELECT (SELECT count(*) FROM order_feedback) + (SELECT count(*) FROM product_reviews)",
        [],
        |row| row.get(0),
    )
}

impl Store {
    /// Why `STELE_DB` cannot name a database, without creating anything (what `config`
    /// checks): its directory missing or not a directory, or the path a directory (an empty
    /// path is refused by the setting itself, `config::store`). The directory is returned.
    pub fn check_path(db: &std::path::Path) -> Result<&std::path::Path, String> {
        let shown = db.display();
        let parent = db
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(std::path::Path::new("."));
        match std::fs::metadata(parent) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(format!(
                    "STELE_DB={shown}: the directory {} does not exist (the relay creates the file, not its directory); create it or name a file in a writable directory, {DB_EXAMPLE}",
                    parent.display()
                ))
            }
            Ok(meta) if !meta.is_dir() => {
                return Err(format!(
                    "STELE_DB={shown}: {} is not a directory; name a file in a writable directory, {DB_EXAMPLE}",
                    parent.display()
                ))
            }
            _ => {}
        }
        if db.is_dir() {
            return Err(format!(
                "STELE_DB={shown} is a directory: name the database file in it, {DB_EXAMPLE}"
            ));
        }
        Ok(parent)
    }

    /// Opens (or creates) the store, or says what is wrong with `STELE_DB`: a directory
    /// that does not exist, a path through a file, or a directory the relay cannot write.
    pub fn from_options(options: &StoreOptions) -> Result<Self, String> {
        let db = &options.db;
        let shown = db.display();
        let parent = Self::check_path(db)?;
        Self::open(db).map_err(|e| {
            // Why: a directory this user cannot write (the common case: a service user and a
            // directory made by root), or something about the file itself.
            let probe = parent.join(format!(".stele-write-probe-{}", std::process::id()));
            let writable = std::fs::File::create_new(&probe).is_ok();
            if writable {
                let _ = std::fs::remove_file(&probe);
                format!(
                    "STELE_DB={shown}: cannot open or create the database ({e}); the file must be a Stele database writable by the relay's user, {DB_EXAMPLE}"
                )
            } else {
                format!(
                    "STELE_DB={shown}: the directory {} is not writable by the relay's user (SQLite creates the file and its -wal and -shm files there); make it writable (under systemd, StateDirectory=stele does) or name another, {DB_EXAMPLE}",
                    parent.display()
                )
            }
        })
    }
}

/// The current time, in whole seconds.
pub fn now() -> Timestamp {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    Timestamp::from_unix(seconds)
}
