//! `<stele-testimonials>`: the shop's testimonials as a carousel or a grid, from the
//! server-rendered fragment's data when the page has it (the takeover), else fetched.

use leptos::prelude::*;
use stele_core::public::ShopView;
use web_sys::HtmlElement;

use super::embedded;
use crate::browser::shift;
use crate::components::testimonials::asked_threshold;
use crate::components::{Layout, Testimonials};
use crate::data::Api;
use crate::loading::{Ready, ShopLoader};
use crate::options::{Kind, Settings};

/// The shop's testimonials at `api` in `host`, with `settings` (layout, autoplay, per page).
pub(super) fn content(host: &HtmlElement, api: Api, settings: &Settings) -> Children {
    shift::watch(host, Kind::Testimonials.tag(), None);
    let layout = if settings.grid {
        Layout::Grid
    } else {
        Layout::Carousel
    };
    let (autoplay, per_page, min_stars) =
        (settings.autoplay, settings.per_page, settings.min_stars);
    let island = embedded::<ShopView>(host);
    Box::new(move || {
        let api = api.aborted_on_cleanup();
        match island {
            Some(shop) => {
                // The fragment's data says what it applied, whatever the element asks for.
                let (later, hint) = asked_threshold(min_stars, &shop);
                if let Some(hint) = hint {
                    crate::hints::warn(&hint);
                }
                view! { <Testimonials initial=shop.testimonials moderation=shop.moderation min_stars=later layout=layout autoplay=autoplay per_page=per_page api=api /><Ready /> }.into_any()
            }
            None => view! { <ShopLoader api=api layout=layout autoplay=autoplay per_page=per_page min_stars=min_stars /> }.into_any(),
        }
    })
}
