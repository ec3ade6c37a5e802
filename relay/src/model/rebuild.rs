//! The read model rebuilt from the store: [`build_snapshot`] loads everything stored, and a
//! [`Refresher`] runs it off the async workers and swaps the result in, one at a time.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use stele_core::id::PublicIdKey;

use crate::config::shop::ShopSettings;
use crate::lock;
use crate::model::moderation::Moderation;
use crate::model::snapshot::Snapshot;
use crate::model::store::{Store, StoreError};

/// Loads everything stored and builds the read model.
pub fn build_snapshot(
    store: &Mutex<Store>,
    moderation: &Moderation,
) -> Result<Snapshot, StoreError> {
    let mut store = lock(store);
    let key = PublicIdKey::new(&store.public_id_secret()?);
    // Comments stored before the cap existed are cut as they are read.
    let cap = |comment: &mut Option<String>| {
        if let Some(text) = comment.as_mut() {
            if let (kept, Some(_)) = stele_core::text::cap_comment(text) {
                *text = kept;
            }
        }
    };
    let mut orders = store.orders()?;
    orders.iter_mut().for_each(|o| cap(&mut o.comment));
    let mut reviews = store.product_reviews()?;
    reviews.iter_mut().for_each(|r| cap(&mut r.comment));
    let catalog: HashMap<_, _> = store
        .catalog()?
        .into_iter()
        .map(|entry| (entry.product_id, entry.info))
        .collect();
    Ok(Snapshot::build(
        &orders, &reviews, catalog, &key, moderation,
    ))
}

/// Rebuilds the read model off the async workers and swaps it in, one rebuild at a time:
/// the sync and the product feed both ask for one, and without the turn a rebuild that read
/// the store first could finish last and swap older data in.
#[derive(Clone)]
pub struct Refresher {
    store: Arc<Mutex<Store>>,
    moderation: Arc<Moderation>,
    /// The shop's settings do not change while the relay runs: every snapshot keeps them.
    shop: ShopSettings,
    swap: Arc<dyn Fn(Snapshot) + Send + Sync>,
    turn: Arc<tokio::sync::Mutex<()>>,
}

impl Refresher {
    /// Rebuilds from `store` under `moderation`, with `shop`'s settings, handing each new
    /// snapshot to `swap` (the server's `AppState::replace_snapshot`).
    pub fn new(
        store: Arc<Mutex<Store>>,
        moderation: Arc<Moderation>,
        shop: ShopSettings,
        swap: impl Fn(Snapshot) + Send + Sync + 'static,
    ) -> Self {
        Self {
            store,
            moderation,
            shop,
            swap: Arc::new(swap),
            turn: Arc::default(),
        }
    }

    /// One rebuild; on an error the snapshot being served stays, and the error is logged and
    /// returned (a sync whose data is not served is no success: `/readyz` waits for one).
    pub async fn run(&self) -> Result<(), String> {
        let _turn = self.turn.lock().await;
        let (store, moderation) = (self.store.clone(), self.moderation.clone());
        match tokio::task::spawn_blocking(move || build_snapshot(&store, &moderation)).await {
            Ok(Ok(snapshot)) => {
                (self.swap)(snapshot.with_shop(self.shop.clone()));
                Ok(())
            }
            Ok(Err(error)) => {
                tracing::error!(%error, "cannot rebuild the read model; still serving the previous one");
                Err(error.to_string())
            }
            Err(error) => {
                tracing::error!(%error, "read model rebuild panicked; still serving the previous one");
                Err(error.to_string())
            }
        }
    }
}
