//! One sync, and the loop that repeats it with exponential backoff and jitter on failure.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use stele_core::normalise::read_feed;
use stele_core::upstream::FeedError;
use stele_core::zone::LocalZone;
use stele_core::Timestamp;

use crate::config::upstream::SyncSettings;
use crate::ingest::health::Health;
use crate::lock;

use crate::ingest::upstream::{Redactor, SyncError, UpstreamSource};
use crate::model::store::{now, Applied, Store};

/// The result of a successful sync.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SyncReport {
    /// What the store changed.
    pub applied: Applied,
    /// The `t` sent, if any.
    pub cursor: Option<i64>,
    /// Records dropped or blanked while reading the response.
    pub warnings: u64,
}

/// Fetches once and applies the response in one transaction. On any failure the stored
/// records are untouched and the failure is recorded for `/healthz`.
pub async fn sync_once<S: UpstreamSource>(
    source: &S,
    store: &Arc<Mutex<Store>>,
    settings: SyncSettings,
) -> Result<SyncReport, SyncError> {
    let started_at = now();
    let last_success = lock(store)
        .last_success()
        .map_err(|e| SyncError::Store(e.to_string()))?;
    let cursor = last_success.map(|t| t.unix() - settings.overlap.as_secs() as i64);
    // From here on no string the upstream supplied carries the key.
    let result = fetch_and_apply(source, store, settings, started_at, cursor)
        .await
        .map_err(|error| error.scrubbed(&source.redactor()));
    if let Err(error) = &result {
        let message = error.to_string();
        if let Err(store_error) =
            lock(store).record_failure(started_at, cursor, error.code(), &message)
        {
            tracing::error!(%store_error, "cannot record the failed sync");
        }
    }
    result
}

async fn fetch_and_apply<S: UpstreamSource>(
    source: &S,
    store: &Arc<Mutex<Store>>,
    settings: SyncSettings,
    started_at: Timestamp,
    cursor: Option<i64>,
) -> Result<SyncReport, SyncError> {
    let mut fetched = source.fetch(cursor).await?;
    let store = store.clone();
    let redactor = source.redactor();
    // Parsing and the write transaction are CPU and disk work: keep them off the async workers.
    let applied = tokio::task::spawn_blocking(move || {
        // The key out of the answer as it came, before anything reads it: no order number,
        // product id or comment holds it, wherever a comment is later cut.
        let in_body = match redactor.redacted_bytes(&fetched.body) {
            Some(body) => {
                fetched.body = body;
                true
            }
            None => false,
        };
        let mut batch = read_response(&fetched, settings.zone)?;
        let redacted = redact_batch(&mut batch, &redactor, in_body);
        let warnings = batch.warnings.total() + redacted.len() as u64;
        let mut store = lock(&store);
        log_cut_comments(&batch, &mut store);
        log_redacted(&redacted, &mut store);
        redact_stored(&redactor, &mut store)?;
        let applied = store
            .apply(&batch, started_at, cursor)
            .map_err(|e| SyncError::Store(e.to_string()))?;
        Ok::<_, SyncError>((applied, warnings))
    })
    .await
    .map_err(|e| SyncError::Store(format!("sync task failed: {e}")))??;
    Ok(SyncReport {
        applied: applied.0,
        cursor,
        warnings: applied.1,
    })
}

/// The key taken out of every string of `batch` that carries it (a comment pasting a URL
/// with `k=` in it, or a hostile upstream echoing the request into a 200's data): those are
/// stored, served and put in feeds, and the key leaves the process only to the upstream.
/// The answer's bytes were redacted already; this takes out what JSON escapes (`\u0072…`)
/// hid there, and finds the reviews that had it (`in_body`: the bytes had it). Returns each
/// such review, by order and product (`None`: the order's own).
fn redact_batch(
    batch: &mut stele_core::normalise::Batch,
    redactor: &Redactor,
    in_body: bool,
) -> Vec<(stele_core::records::OrderRef, Option<String>)> {
    let mut redacted = Vec::new();
    let mut redact = |text: &mut String| match redactor.redacted(text) {
        Some(clean) => {
            *text = clean;
            true
        }
        None => in_body && text.contains(Redactor::MARK),
    };
    // Order numbers are never served, but they are stored and name reviews' public ids.
    let redact_order = |order: &mut stele_core::records::OrderRef| {
        if let Some(clean) = redactor.redacted(order.as_str()) {
            *order = stele_core::records::OrderRef::new(clean);
        }
    };
    for order in &mut batch.orders {
        redact_order(&mut order.order);
        if order.comment.as_mut().is_some_and(&mut redact) {
            redacted.push((order.order.clone(), None));
        }
    }
    for review in &mut batch.product_reviews {
        redact_order(&mut review.order);
        let in_id = redact(&mut review.product_id);
        let in_comment = review.comment.as_mut().is_some_and(&mut redact);
        if in_id || in_comment {
            redacted.push((review.order.clone(), Some(review.product_id.clone())));
        }
    }
    for cut in &mut batch.cut_comments {
        redact_order(&mut cut.order);
        if let Some(product) = &mut cut.product_id {
            redact(product);
        }
    }
    redacted
}

/// The key out of comments stored before the relay took it out of answers (an upgrade from
/// a version that stored them as they came), so the read model built after this sync and
/// every answer from it are clean.
fn redact_stored(redactor: &Redactor, store: &mut Store) -> Result<(), SyncError> {
    let Some(key) = redactor.key_text() else {
        return Ok(());
    };
    let changed = store
        .rewrite_comments(key, |comment| redactor.redacted(comment))
        .map_err(|e| SyncError::Store(e.to_string()))?;
    if changed > 0 {
        tracing::warn!(
            changed,
            "stored comments carried the REST key: it is now stored and served as <REST key>; the key may have leaked elsewhere: rotate it in Retargeting"
        );
    }
    Ok(())
}

/// One warning per review that carried the key, naming it by its public id (the key and
/// the order number stay out of the log).
fn log_redacted(redacted: &[(stele_core::records::OrderRef, Option<String>)], store: &mut Store) {
    if redacted.is_empty() {
        return;
    }
    let Ok(secret) = store.public_id_secret() else {
        return;
    };
    let key = stele_core::id::PublicIdKey::new(&secret);
    for (order, product) in redacted.iter().take(LOGGED_CUTS) {
        let review = match product {
            Some(product) => key.product_review_id(order, product),
            None => key.order_feedback_id(order),
        };
        tracing::warn!(
            review,
            "the upstream's data carried the REST key: it is stored and served as <REST key> (STELE_HIDE_IDS={review} hides the review); the key may have leaked elsewhere: rotate it in Retargeting"
        );
    }
    if redacted.len() > LOGGED_CUTS {
        tracing::warn!(
            more = redacted.len() - LOGGED_CUTS,
            "more reviews carried the REST key"
        );
    }
}

/// At most this many cut comments are logged one by one; the rest are counted.
const LOGGED_CUTS: usize = 20;

/// One warning per comment cut at `MAX_COMMENT_CHARS`, naming the review by its public
/// id (what `STELE_HIDE_IDS` takes), never by its order number.
fn log_cut_comments(batch: &stele_core::normalise::Batch, store: &mut Store) {
    if batch.cut_comments.is_empty() {
        return;
    }
    let Ok(secret) = store.public_id_secret() else {
        return;
    };
    let key = stele_core::id::PublicIdKey::new(&secret);
    for cut in batch.cut_comments.iter().take(LOGGED_CUTS) {
        let review = match &cut.product_id {
            Some(product) => key.product_review_id(&cut.order, product),
            None => key.order_feedback_id(&cut.order),
        };
        tracing::warn!(
            review,
            product = cut.product_id.as_deref().unwrap_or("(the shop)"),
            chars = cut.chars,
            "a comment of {} characters arrived: only its first {} are stored and served (STELE_HIDE_IDS={review} hides it)",
            cut.chars,
            stele_core::text::MAX_COMMENT_CHARS
        );
    }
    if batch.cut_comments.len() > LOGGED_CUTS {
        tracing::warn!(
            more = batch.cut_comments.len() - LOGGED_CUTS,
            "more comments were cut at {} characters",
            stele_core::text::MAX_COMMENT_CHARS
        );
    }
}

/// What a response amounts to: the envelope's error (trusted over HTTP's status: errors
/// arrive with 200), an HTTP error, a body that is not the API's JSON, or the records.
pub fn read_response(
    fetched: &crate::ingest::upstream::FetchedBody,
    zone: LocalZone,
) -> Result<stele_core::normalise::Batch, SyncError> {
    let ok_status = (200..300).contains(&fetched.status);
    // Never apply data from an HTTP error.
    match (read_feed(&fetched.body, zone), ok_status) {
        (Ok(batch), true) => Ok(batch),
        (Err(FeedError::Upstream(error)), _) => Err(error.into()),
        (_, false) => Err(crate::ingest::upstream::FetchError::Status(fetched.status).into()),
        (Err(error), true) => Err(SyncError::Malformed(error.to_string())),
    }
}

/// Delay before retry number `failures` (1-based): doubling from 30 s, capped at the
/// regular interval, then spread by ±50 % jitter so replicas do not retry in lockstep.
pub fn backoff(failures: u32, interval: Duration, jitter: f64) -> Duration {
    let base = Duration::from_secs(30).saturating_mul(1u32 << failures.saturating_sub(1).min(16));
    let capped = base.min(interval).max(Duration::from_secs(1));
    capped.mul_f64(0.5 + jitter.clamp(0.0, 1.0))
}

/// A number in [0, 1) from the OS; jitter needs no more than that.
pub fn random_unit() -> f64 {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).map_or(0.5, |()| {
        (u64::from_le_bytes(bytes) >> 11) as f64 / (1u64 << 53) as f64
    })
}

/// Syncs forever: every `interval` after a success, with backoff after a failure. After
/// each success `on_success` runs to its end (the server rebuilds its read model there)
/// before the success is recorded in `health`: `/readyz` turns ready only once every route
/// serves the synced data, and when `on_success` fails the sync counts as failed
/// (`rebuild_failed`: stored, not served). A sync that panics is a failure like any other:
/// logged, counted (`/metrics`, `/healthz`) and retried; the loop and the server go on.
pub async fn run_loop<
    S: UpstreamSource + 'static,
    F: std::future::Future<Output = Result<(), String>> + Send,
>(
    source: S,
    store: Arc<Mutex<Store>>,
    settings: SyncSettings,
    interval: Duration,
    health: Arc<Mutex<Health>>,
    on_success: impl Fn() -> F + Send + Sync,
) {
    let source = Arc::new(source);
    loop {
        let started = std::time::Instant::now();
        // Its own task, so a panic inside ends that task and not this loop.
        let attempt = tokio::spawn({
            let (source, store) = (source.clone(), store.clone());
            async move { sync_once(&*source, &store, settings).await }
        })
        .await;
        let seconds = started.elapsed().as_secs_f64();
        let result = match attempt {
            Ok(result) => {
                let result = match result {
                    Ok(report) => on_success()
                        .await
                        .map(|()| report)
                        .map_err(SyncError::Rebuild),
                    failed => failed,
                };
                lock(&health).record(&result);
                result
            }
            Err(join_error) => {
                tracing::error!(error = %join_error, "the sync panicked; stored data untouched, retrying");
                lock(&health).record_panic();
                Err(SyncError::Panicked)
            }
        };
        lock(&health).last_duration_seconds = Some(seconds);
        record_sync(seconds, result.as_ref().err().map(SyncError::code));
        let delay = match &result {
            Ok(report) => {
                tracing::info!(
                    inserted = report.applied.inserted,
                    updated = report.applied.updated,
                    received = report.applied.received,
                    warnings = report.warnings,
                    cursor = report.cursor,
                    "sync done"
                );
                interval
            }
            Err(error) => {
                let failures = lock(&health).consecutive_failures;
                let delay = if error.is_transient() {
                    backoff(failures, interval, random_unit())
                } else {
                    interval
                };
                tracing::warn!(code = error.code(), %error, hint = error.hint(), retry_in_s = delay.as_secs(), "sync failed; stored data untouched");
                delay
            }
        };
        tokio::time::sleep(delay).await;
    }
}

/// One sync's outcome for `/metrics` (the listener is `http::metrics`'s): its duration,
/// and its error code if it failed.
pub fn record_sync(seconds: f64, error_code: Option<&'static str>) {
    metrics::gauge!("stele_sync_last_duration_seconds").set(seconds);
    let outcome = if error_code.is_some() { "error" } else { "ok" };
    metrics::counter!("stele_syncs_total", "outcome" => outcome).increment(1);
    if let Some(code) = error_code {
        metrics::counter!("stele_sync_failures_total", "code" => code).increment(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_caps_and_jitters() {
        let hour = Duration::from_secs(3600);
        assert_eq!(backoff(1, hour, 0.5), Duration::from_secs(30));
        assert_eq!(backoff(2, hour, 0.5), Duration::from_secs(60));
        assert_eq!(backoff(5, hour, 0.5), Duration::from_secs(480));
        assert_eq!(backoff(30, hour, 0.5), hour);
        assert_eq!(backoff(1, hour, 0.0), Duration::from_secs(15));
        assert_eq!(backoff(1, hour, 1.0), Duration::from_secs(45));
        assert!((0.0..1.0).contains(&random_unit()));
    }
}
