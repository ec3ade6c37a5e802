//! `<stele-stars>`: a badge, its summary from the page's shared batch (`badge_batch.rs`).

use leptos::prelude::*;

use crate::components::Badge;
use crate::context::{Emitter, ReadyAnnouncer};
use crate::data::Api;
use crate::loading::summary_signal;

/// The badge of `product` at `api`; the batch announces `stele:ready` while it is on show.
pub(super) fn content(api: &Api, product: String, emitter: Emitter) -> Children {
    let announcer = ReadyAnnouncer::new(emitter);
    let summary = summary_signal(api, &product, announcer.clone());
    Box::new(move || {
        announcer.track_view();
        view! { <Badge state=Signal::derive(move || summary.get()) /> }.into_any()
    })
}
