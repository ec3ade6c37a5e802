//! Badge batching: every `<stele-stars>` of a page shares one `/v1/summaries` request per
//! relay, and every badge of one product shares its summary. The batch also announces each
//! badge's `stele:ready` when its summary arrives (`ReadyAnnouncer`): no effect per badge.
//! Off a browser a badge is only drawn loading (its skeleton), and nothing is batched: a
//! server keeps no state between the pages it renders.

use leptos::prelude::*;

use crate::components::BadgeState;
use crate::context::ReadyAnnouncer;
use crate::data::Api;
#[cfg(stele_browser)]
use {crate::context::announce, crate::hints::warn, std::cell::RefCell, wasm_bindgen::JsValue};

/// Off a browser: a summary that never comes (the browser fetches it after hydrating).
#[cfg(not(stele_browser))]
pub(crate) fn summary_signal(
    api: &Api,
    id: &str,
    announcer: ReadyAnnouncer,
) -> ArcRwSignal<BadgeState> {
    let _ = (api, id, announcer);
    ArcRwSignal::new(BadgeState::Loading)
}

/// Badges' summaries by (relay, product), and the ids waiting for one shared
/// `/v1/summaries` request, by relay. A page has a few dozen badges: vectors suffice.
/// (relay base URL, product id).
#[cfg(stele_browser)]
type BadgeKey = (String, String);

#[cfg(stele_browser)]
#[derive(Default)]
struct Batches {
    signals: Vec<(BadgeKey, ArcRwSignal<BadgeState>)>,
    pending: Vec<(String, Vec<String>)>,
    /// Badges waiting for their summary, to announce `stele:ready` when it comes.
    waiting: Vec<(BadgeKey, ReadyAnnouncer)>,
}

#[cfg(stele_browser)]
impl Batches {
    fn signal(&self, key: &BadgeKey) -> Option<&ArcRwSignal<BadgeState>> {
        self.signals
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, signal)| signal)
    }
}

#[cfg(stele_browser)]
thread_local! {
    static BATCHES: RefCell<Batches> = RefCell::new(Batches::default());
}

#[cfg(stele_browser)]
/// The summary of `id` at `api`, shared by every badge of that product. Badges mounted in
/// the same task (the loader mounts all of a page's badges together) share one request.
/// `announcer` says `stele:ready` once the summary is drawn (never if it fails).
pub(crate) fn summary_signal(
    api: &Api,
    id: &str,
    announcer: ReadyAnnouncer,
) -> ArcRwSignal<BadgeState> {
    BATCHES.with(|cell| {
        let mut batches = cell.borrow_mut();
        let key = (api.base().to_owned(), id.to_owned());
        if let Some(signal) = batches.signal(&key).cloned() {
            match signal.with_untracked(|state| matches!(state, BadgeState::Ready(_))) {
                true => announce(vec![announcer]),
                false => batches.waiting.push((key, announcer)),
            }
            return signal;
        }
        let signal = ArcRwSignal::new(BadgeState::Loading);
        batches.waiting.push((key.clone(), announcer));
        batches.signals.push((key, signal.clone()));
        let first = match batches
            .pending
            .iter_mut()
            .find(|(base, _)| base == api.base())
        {
            Some((_, ids)) => {
                ids.push(id.to_owned());
                false
            }
            None => {
                batches
                    .pending
                    .push((api.base().to_owned(), vec![id.to_owned()]));
                true
            }
        };
        if first {
            let api = api.clone();
            leptos::task::spawn_local(async move {
                // Let the rest of this task's badges join the batch.
                let _ =
                    wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&JsValue::NULL))
                        .await;
                flush(api).await;
            });
        }
        signal
    })
}

#[cfg(stele_browser)]
async fn flush(api: Api) {
    let ids = BATCHES.with(|cell| {
        let mut batches = cell.borrow_mut();
        let index = batches
            .pending
            .iter()
            .position(|(base, _)| base == api.base());
        index
            .map(|i| batches.pending.swap_remove(i).1)
            .unwrap_or_default()
    });
    for chunk in ids.chunks(stele_core::paths::MAX_SUMMARY_IDS) {
        let result = api.summaries(chunk).await;
        if let Err(error) = &result {
            warn(&format!("<stele-stars>: {error}"));
        }
        BATCHES.with(|cell| {
            let mut batches = cell.borrow_mut();
            for id in chunk {
                let key = (api.base().to_owned(), id.clone());
                let Some(signal) = batches.signal(&key).cloned() else {
                    continue;
                };
                let (waiting, others) = std::mem::take(&mut batches.waiting)
                    .into_iter()
                    .partition(|(k, _)| *k == key);
                batches.waiting = others;
                match &result {
                    // A product missing from the answer has no reviews: count 0.
                    Ok(view) => {
                        signal.set(BadgeState::Ready(
                            view.summaries.get(id).cloned().unwrap_or_default(),
                        ));
                        announce(
                            waiting
                                .into_iter()
                                .map(|(_, announcer)| announcer)
                                .collect(),
                        );
                    }
                    Err(_) => {
                        signal.set(BadgeState::Unavailable);
                        // Forgotten, so a badge mounted later (SPA navigation) asks again.
                        batches.signals.retain(|(k, _)| *k != key);
                    }
                }
            }
        });
    }
}
