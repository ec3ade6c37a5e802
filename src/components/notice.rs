//! `ReviewNotice`: how the reviews were collected and what the list leaves out, as the EU's
//! Omnibus directive (2019/2161) asks shops to tell buyers.

use leptos::prelude::*;
use stele_core::public::ListRules;

use crate::context::use_i18n;
use crate::i18n::Key;

/// A closed disclosure under the list (`::part(disclosure)`): every review answers an
/// order's post-purchase email, which is true of every Retargeting review; then what the
/// relay's moderation leaves out, each setting in its own sentence. A relay that does not
/// state its moderation gets no sentence about it rather than a guess.
#[component]
pub fn ReviewNotice(
    /// What the list leaves out, from the product JSON; `None` when the relay does not say.
    rules: Option<ListRules>,
) -> impl IntoView {
    let i18n = use_i18n();
    let text = |key| i18n.strings.get(key).to_owned();
    let mut sentences = vec![text(Key::DisclosureCollected)];
    match rules {
        Some(rules) if rules == ListRules::default() => {
            sentences.push(text(Key::DisclosureAllShown));
        }
        Some(rules) => {
            if let Some(stars) = rules.min_stars {
                sentences.push(i18n.disclosure_min_stars(stars));
            }
            if rules.hides_without_comment {
                sentences.push(text(Key::DisclosureWithoutComment));
            }
            if rules.hides_flagged {
                sentences.push(text(Key::DisclosureHidden));
            }
        }
        None => {}
    }
    view! {
        <details class="stele-notice" part="disclosure">
            <summary>{text(Key::DisclosureTitle)}</summary>
            {sentences.into_iter().map(|sentence| view! { <p>{sentence}</p> }).collect_view()}
        </details>
    }
}
