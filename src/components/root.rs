//! `Root`: the one wrapper of every element's view, wherever it renders: a custom element's
//! shadow root (mount.rs), a Leptos app's page (elements.rs) or a server-rendered fragment
//! (ssr.rs). It provides the element's context and draws its themed container, so the three
//! cannot drift apart (a fragment and its takeover must lay out the same).

use leptos::prelude::*;
use leptos::tachys::reactive_graph::OwnedView;

use crate::context::Emitter;
use crate::i18n::I18n;
use crate::options::Theme;

/// Where a [`Root`] renders, which decides how its container is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Surface {
    /// A custom element's shadow root: `part="root"` lets the page style the container from
    /// outside, as it could the loader's placeholder (www/src/stele.js).
    #[default]
    ShadowRoot,
    /// Inline in a Leptos app's page (the Leptos components).
    Page,
    /// A fragment rendered on the server, in a declarative shadow root: `stele-ssr` marks it
    /// until the widget takes it over (a badge's, or a grid's with one page, stays: nothing in
    /// it needs the widget).
    Server,
}

/// The wrapper of one element's view: it provides the element's language and events to
/// everything inside, in a reactive scope of its own (elements side by side keep their own
/// language), and draws the themed container, `<div class="stele-root" data-theme lang>`.
#[component]
pub fn Root(
    /// Colours, as `data-theme` (stele.css reads it).
    theme: Theme,
    /// The language and strings: provided to the components, and written as `lang`.
    i18n: I18n,
    /// Where the element's events go; by default nowhere (Leptos apps and the server).
    #[prop(optional)]
    emitter: Emitter,
    /// Where it renders.
    #[prop(optional)]
    surface: Surface,
    /// A `<span>` rather than a `<div>`: a badge sits inline in a Leptos app's text.
    #[prop(optional)]
    inline: bool,
    /// The element's view.
    children: Children,
) -> impl IntoView {
    let class = if surface == Surface::Server {
        "stele-root stele-ssr"
    } else {
        "stele-root"
    };
    // A server fragment is a declarative shadow root too (ssr.rs), so the page styles it
    // through the same part as the widget that takes it over.
    let part = (surface != Surface::Page).then_some("root");
    let (theme, lang) = (theme.as_str(), i18n.lang.as_str());
    // A child scope, as leptos's `Provider` makes: context provided in a component would
    // otherwise reach the siblings rendered after it.
    let owner = Owner::current().map_or_else(Owner::new, |parent| parent.child());
    let inner = owner.with(|| {
        provide_context(i18n);
        provide_context(emitter);
        children()
    });
    let container = if inline {
        view! { <span class=class data-theme=theme lang=lang part=part>{inner}</span> }.into_any()
    } else {
        view! { <div class=class data-theme=theme lang=lang part=part>{inner}</div> }.into_any()
    };
    // Built and mounted in that scope too, so the effects inside find the context.
    OwnedView::new_with_owner(container, owner)
}
