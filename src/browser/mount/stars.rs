//! `<stele-stars>`: a badge, its summary from the page's shared batch (`badge_batch.rs`).

use leptos::prelude::*;
use web_sys::HtmlElement;

use crate::components::{Badge, BadgeState};
use crate::context::{Emitter, ReadyAnnouncer};
use crate::data::Api;
use crate::loading::summary_signal;
use crate::options::Settings;

/// The attribute the host carries while `hide-empty` hides it: stele.css's reserve block
/// gives such a host no box (the skeleton's reserve goes with it).
const EMPTY: &str = "data-stele-empty";

/// The badge of `product` at `api`; the batch announces `stele:ready` while it is on show.
pub(super) fn content(
    host: &HtmlElement,
    api: &Api,
    product: String,
    emitter: Emitter,
    settings: &Settings,
) -> Children {
    let announcer = ReadyAnnouncer::new(emitter);
    let summary = summary_signal(api, &product, announcer.clone());
    let (hide_empty, href) = (settings.hide_empty, settings.href.clone());
    let host = send_wrapper::SendWrapper::new(host.clone());
    // Removed with a new product (another mount), so a badge that found reviews shows again.
    let _ = host.remove_attribute(EMPTY);
    Box::new(move || {
        announcer.track_view();
        if hide_empty {
            let summary = summary.clone();
            Effect::new(move || {
                let empty = summary.with(|s| matches!(s, BadgeState::Ready(s) if s.count == 0));
                let _ = if empty {
                    host.set_attribute(EMPTY, "")
                } else {
                    host.remove_attribute(EMPTY)
                };
            });
        }
        view! { <Badge state=Signal::derive(move || summary.get()) hide_empty=hide_empty href=href /> }.into_any()
    })
}
