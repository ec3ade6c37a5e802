//! `<stele-reviews>`: a product's reviews, from the server-rendered fragment's data when the
//! page has it (the takeover), else fetched.

use leptos::prelude::*;
use stele_core::public::ProductView;
use web_sys::HtmlElement;

use super::embedded;
use crate::browser::shift;
use crate::components::Reviews;
use crate::data::Api;
use crate::loading::{ProductLoader, Ready};
use crate::options::{Kind, Settings};

/// The reviews of `product` at `api` in `host`, with `settings` (per page, first sort).
pub(super) fn content(
    host: &HtmlElement,
    api: Api,
    product: String,
    settings: &Settings,
) -> Children {
    shift::watch(host, Kind::Reviews.tag(), Some(&product));
    let (per_page, sort) = (settings.per_page, settings.sort);
    let island = embedded::<ProductView>(host).filter(|view| view.product_id == product);
    Box::new(move || {
        let api = api.aborted_on_cleanup();
        match island {
            Some(initial) => {
                view! { <Reviews initial=initial per_page=per_page sort=sort api=api /><Ready /> }
                    .into_any()
            }
            None => view! { <ProductLoader api=api product=product per_page=per_page sort=sort /> }
                .into_any(),
        }
    })
}
