//! The browser entry points the loader (`stele.js`) calls: `mount(host, kind, options)`
//! renders an element into its shadow root; `Mounted.unmount()` frees it. What every kind
//! shares is here (the checks, the shadow root, the stylesheet); what each kind draws is in
//! its file (`stars.rs`, `reviews.rs`, `testimonials.rs`; direct mode in `../direct.rs`).
//!
//! The loader picks a module per page (build.rs): `badge-only` draws `<stele-stars>` alone (a
//! listing), `reviews-only` adds `<stele-reviews>` (a product page), `testimonials-only` adds
//! `<stele-testimonials>` (a home page); the full module draws all three.

use std::cell::RefCell;

use js_sys::{Array, Reflect};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CssStyleSheet, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

use crate::components::Root;
use crate::context::Emitter;
use crate::data::{Api, DataError};
use crate::hints::warn;
use crate::i18n::I18n;
use crate::options::{Kind, Options, Theme};

#[cfg(stele_reviews)]
mod reviews;
mod stars;
#[cfg(stele_testimonials)]
mod testimonials;

/// A mounted element; `unmount()` (or dropping it) removes the view and its reactive state.
#[wasm_bindgen]
pub struct Mounted {
    pub(super) handle: Option<Box<dyn std::any::Any>>,
}

#[wasm_bindgen]
impl Mounted {
    /// Removes the view and frees its resources. Calling it twice is harmless.
    pub fn unmount(&mut self) {
        self.handle.take();
    }
}

thread_local! {
    static SHEET: RefCell<Option<CssStyleSheet>> = const { RefCell::new(None) };
}

/// One constructed stylesheet shared by every shadow root: no `<style>` element and no
/// `style` attribute, so a strict `style-src` has nothing to block.
fn adopt_stylesheet(root: &ShadowRoot) -> Result<(), JsValue> {
    let sheet = SHEET.with(|cell| -> Result<CssStyleSheet, JsValue> {
        if let Some(sheet) = cell.borrow().as_ref() {
            return Ok(sheet.clone());
        }
        use crate::css;
        // Only the rules of the elements this module draws.
        let parts: &[&str] = &[
            css::RATING,
            css::BASE,
            css::BADGE,
            #[cfg(any(stele_reviews, stele_testimonials))]
            css::CARDS,
            #[cfg(stele_reviews)]
            css::REVIEWS,
            #[cfg(stele_testimonials)]
            css::TESTIMONIALS,
        ];
        let sheet = CssStyleSheet::new()?;
        sheet.replace_sync(&parts.concat())?;
        *cell.borrow_mut() = Some(sheet.clone());
        Ok(sheet)
    })?;
    Reflect::set(
        root,
        &JsValue::from_str("adoptedStyleSheets"),
        &Array::of1(&sheet),
    )
    .map(drop)
}

/// Data embedded by the server-rendered fragment (`<script type="application/json"
/// data-stele>`), so the takeover needs no request and shows the same numbers at once.
#[cfg(any(stele_reviews, stele_testimonials))]
fn embedded<T: serde::de::DeserializeOwned>(host: &HtmlElement) -> Option<T> {
    let script = host
        .query_selector("script[type='application/json'][data-stele]")
        .ok()
        .flatten()?;
    let json = js_sys::JSON::parse(&script.text_content()?).ok()?;
    serde_wasm_bindgen::from_value(json).ok()
}

/// Renders `kind` into `host`'s shadow root with `options` (see docs/embed.md). Never
/// throws for bad options: it warns with a `[stele]` hint and renders nothing.
#[wasm_bindgen]
pub fn mount(host: HtmlElement, kind: &str, options: JsValue) -> Mounted {
    match try_mount(host, kind, options) {
        Ok(mounted) => mounted,
        Err(error) => {
            warn(&format!(
                "could not render: {}",
                error.as_string().unwrap_or_else(|| format!("{error:?}"))
            ));
            Mounted { handle: None }
        }
    }
}

/// The checks every kind shares, then the kind's own content (its file) in a [`Root`].
fn try_mount(host: HtmlElement, kind: &str, options: JsValue) -> Result<Mounted, JsValue> {
    // Badges spawn their shared request before any view is mounted: the executor must be
    // running first. An error only means it already is.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let Some(kind) = Kind::parse(kind) else {
        warn(&format!(
            "unknown element kind \"{kind}\": use reviews, stars or testimonials"
        ));
        return Ok(Mounted { handle: None });
    };
    let options =
        Options::from_js(&options).map_err(|e| JsValue::from_str(&format!("bad options: {e}")))?;
    let product = options
        .product
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned);
    if product.is_none() && kind != Kind::Testimonials {
        warn(&format!(
            "<{tag}> needs a product attribute: <{tag} product=\"2183\"> (the shop's product id)",
            tag = kind.tag()
        ));
        return Ok(Mounted { handle: None });
    }
    let drawn = match kind {
        Kind::Stars => true,
        Kind::Reviews => cfg!(stele_reviews),
        Kind::Testimonials => cfg!(stele_testimonials),
    };
    if !drawn {
        warn(&format!(
            "<{}> is not in this widget module (a loader bug, please report it)",
            kind.tag()
        ));
        return Ok(Mounted { handle: None });
    }
    #[cfg(feature = "direct")]
    if kind == Kind::Reviews && options.unsafe_direct.is_some() {
        return super::direct::mount(host, options, product.unwrap_or_default());
    }
    #[cfg(not(feature = "direct"))]
    if options.unsafe_direct.is_some() {
        warn("unsafe-direct needs the direct-mode module; this build has none (a loader bug, please report it)");
        return Ok(Mounted { handle: None });
    }
    let Some(src) = options.src.clone() else {
        warn(&format!("<{}> has no src: set src=\"https://shop.example/stele/\" or load stele.js from the relay", kind.tag()));
        return Ok(Mounted { handle: None });
    };
    let api = Api::new(&src);
    let i18n = I18n::resolve(
        [options.lang.as_deref(), options.page_lang.as_deref()],
        &options.strings,
    );
    let (settings, hints) = options.settings(kind.tag());
    for hint in hints {
        warn(&hint);
    }
    let emitter = Emitter::new(host.clone(), kind.as_str(), product.clone());
    let content: Children = match kind {
        Kind::Stars => stars::content(
            &host,
            &api,
            product.unwrap_or_default(),
            emitter.clone(),
            &settings,
        ),
        #[cfg(stele_reviews)]
        Kind::Reviews => reviews::content(&host, api, product.unwrap_or_default(), &settings),
        #[cfg(stele_testimonials)]
        Kind::Testimonials => testimonials::content(&host, api, &settings),
        // Refused above: not in this module.
        #[cfg(not(stele_reviews))]
        Kind::Reviews => return Ok(Mounted { handle: None }),
        #[cfg(not(stele_testimonials))]
        Kind::Testimonials => return Ok(Mounted { handle: None }),
    };
    render_in_shadow_root(&host, settings.theme, i18n, emitter, content)
}

/// Renders `content` in its [`Root`] into `host`'s open shadow root, emptied first (of the
/// loader's placeholder, or an earlier mount), with the shared stylesheet.
pub(super) fn render_in_shadow_root(
    host: &HtmlElement,
    theme: Theme,
    i18n: I18n,
    emitter: Emitter,
    content: Children,
) -> Result<Mounted, JsValue> {
    let root = match host.shadow_root() {
        Some(root) => root,
        None => host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?,
    };
    adopt_stylesheet(&root)?;
    while let Some(child) = root.first_child() {
        root.remove_child(&child)?;
    }
    // Leptos mounts into an element, yet only inserts its view into it and removes it again
    // (methods of Node, called by name), which a shadow root answers alike: so the Root's
    // container is the shadow root's only child, with no wrapper built outside Leptos.
    let parent: HtmlElement = root.unchecked_into();
    let handle = leptos::mount::mount_to(parent, move || {
        view! { <Root theme=theme i18n=i18n emitter=emitter>{content()}</Root> }
    });
    Ok(Mounted {
        handle: Some(Box::new(handle)),
    })
}

impl From<DataError> for JsValue {
    fn from(error: DataError) -> Self {
        JsValue::from_str(&error.to_string())
    }
}
