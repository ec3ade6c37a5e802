//! What every element shares: mounting into one root with its theme and language, quiet
//! empty and error states, options checked with hints, `stele:ready`, unmounting, and
//! direct mode.

use std::cell::RefCell;
use std::rc::Rc;
use stele_core::Summary;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlElement;

use crate::support::*;

#[wasm_bindgen_test]
async fn each_element_renders_in_one_root_with_its_theme_and_language() {
    let (first, _) = five_reviews();
    let (host, root, _mounted) = show_p1(first, r#","lang":"ro","theme":"dark""#).await;
    let children = root.children();
    assert_eq!(
        children.length(),
        1,
        "the root is the shadow root's only element"
    );
    let container = children.item(0).unwrap();
    assert_eq!(container.tag_name(), "DIV");
    assert_eq!(container.class_name(), "stele-root");
    assert_eq!(container.get_attribute("part").as_deref(), Some("root"));
    assert_eq!(
        container.get_attribute("data-theme").as_deref(),
        Some("dark")
    );
    assert_eq!(container.get_attribute("lang").as_deref(), Some("ro"));
    host.remove();
}

#[wasm_bindgen_test]
async fn empty_and_error_states_stay_quiet() {
    script_network(&[(
        "v1/products/none.json",
        200,
        product(Summary::default(), page(vec![], 1, 0)).replace("\"p1\"", "\"none\""),
    )]);
    let host = element("stele-reviews", &[]);
    let _mounted = stele::mount(
        host.clone(),
        "reviews",
        options(&format!(r#"{{"product":"none","src":"{SRC}"}}"#)),
    );
    sleep(50).await;
    assert_eq!(
        one(&shadow(&host), ".stele-empty").text_content().unwrap(),
        "No reviews yet"
    );
    host.remove();

    let warnings = capture_console_warn();
    script_network(&[("v1/products/p1.json", 500, "{\"error\":{}}".into())]);
    let (host, root, _mounted) = mount_p1("").await;
    assert!(
        all(&root, ".stele-list, .stele-empty").is_empty(),
        "shoppers see nothing alarming"
    );
    let logged = warnings();
    assert!(
        logged
            .iter()
            .any(|w| w.starts_with("[stele]") && w.contains("HTTP 500") && w.contains("/healthz")),
        "{logged:?}"
    );
    host.remove();

    // No product: a hint, no throw.
    let host = element("stele-reviews", &[]);
    let _mounted = stele::mount(
        host.clone(),
        "reviews",
        options(&format!(r#"{{"src":"{SRC}"}}"#)),
    );
    assert!(warnings()
        .iter()
        .any(|w| w.contains("needs a product attribute")));
    host.remove();
}

#[wasm_bindgen_test]
async fn a_relay_of_another_api_version_is_refused_politely() {
    let warnings = capture_console_warn();
    let body = product(
        summary(&[10], 1),
        page(vec![review("r1", Some(10), Some("Fine"), 1)], 1, 1),
    );
    // A future relay: version 2, and a shape this build cannot read.
    let body = body
        .replacen("\"api\":1", "\"api\":2", 1)
        .replace("\"summary\"", "\"rating\"");
    assert!(body.contains("\"api\":2"), "{body}");
    let (host, root, _mounted) = show_p1(body, "").await;
    assert!(
        all(&root, ".stele-list, .stele-empty, .stele-card").is_empty(),
        "nothing rendered from JSON it cannot read"
    );
    let logged = warnings();
    assert!(
        logged.iter().any(|w| w.starts_with("[stele]")
            && w.contains("API version 2, this widget reads version 1")),
        "{logged:?}"
    );
    host.remove();

    // Badges too: the summaries body is checked before it is read.
    script_network(&[(
        "v1/summaries",
        200,
        r#"{"api":2,"summaries":{"p1":{"count":1,"average":5.0,"histogram":[0,0,0,0,1],"with_comment":1}}}"#.into(),
    )]);
    let badge = element("stele-stars", &[]);
    let _badge = stele::mount(
        badge.clone(),
        "stars",
        options(r#"{"product":"p1","src":"https://v2.test/stele/"}"#),
    );
    sleep(50).await;
    assert!(
        all(&shadow(&badge), "[role=img]").is_empty(),
        "no stars from another version's summaries"
    );
    let logged = warnings();
    assert!(
        logged.iter().any(|w| w.starts_with("[stele] <stele-stars>")
            && w.contains("API version 2, this widget reads version 1")),
        "{logged:?}"
    );
    badge.remove();
}

#[wasm_bindgen_test]
async fn options_of_the_wrong_type_are_named_and_render_nothing() {
    let warnings = capture_console_warn();
    for (given, expected) in [
        (
            r#"{"product":["2183"],"src":"https://relay.test/stele/"}"#,
            "bad options: product must be a string",
        ),
        (
            r#"{"product":"2183","perPage":[20]}"#,
            "bad options: perPage must be a number",
        ),
        (
            r#"{"product":"2183","strings":{"verified-buyer":7}}"#,
            "bad options: strings.verified-buyer must be a string",
        ),
        (r#""2183""#, "bad options: the options must be an object"),
    ] {
        let host = element("stele-stars", &[]);
        let _mounted = stele::mount(host.clone(), "stars", options(given));
        let said = warnings();
        assert!(
            said.iter()
                .any(|w| w.starts_with("[stele]") && w.contains(expected)),
            "{given}: {said:?}"
        );
        assert!(host.shadow_root().is_none(), "{given}: nothing is rendered");
        host.remove();
    }
}

/// Records, for each `stele:ready` on `host`, what its shadow root holds at that moment:
/// the number of cards in its review list or testimonial grid, and of skeleton blocks.
fn record_ready_drawn(host: &HtmlElement) -> Rc<RefCell<Vec<String>>> {
    record_ready_as(host, |root| {
        let count = |selector: &str| root.query_selector_all(selector).unwrap().length();
        format!(
            "{} items, {} skeleton",
            count(".stele-list > li, .stele-grid > li"),
            count(".stele-sk")
        )
    })
}

#[wasm_bindgen_test]
async fn reviews_and_testimonials_announce_ready_once_with_their_content_drawn() {
    let (first, _) = five_reviews();
    script_network(&[
        ("v1/products/p1.json", 200, first),
        ("v1/products/slow.json", 0, String::new()),
        ("v1/products/broken.json", 500, "{}".into()),
        ("v1/shop.json", 200, shop(page(testimonials(0, 3), 1, 3))),
    ]);
    let mount = |kind: &str, options_json: String| {
        let host = element(&format!("stele-{kind}"), &[]);
        let seen = record_ready_drawn(&host);
        let mounted = stele::mount(host.clone(), kind, options(&options_json));
        (host, seen, mounted)
    };
    let reviews = |product: &str| format!(r#"{{"product":"{product}","src":"{SRC}"}}"#);
    let (reviews_host, reviews_ready, _a) = mount("reviews", reviews("p1"));
    let (grid_host, grid_ready, _b) = mount(
        "testimonials",
        format!(r#"{{"src":"{SRC}","layout":"grid"}}"#),
    );
    let (slow_host, slow_ready, mut slow) = mount("reviews", reviews("slow"));
    let (broken_host, broken_ready, _c) = mount("reviews", reviews("broken"));
    sleep(50).await;
    assert_eq!(
        reviews_ready.borrow().as_slice(),
        ["5 items, 0 skeleton"],
        "once, with the cards in place of the skeleton"
    );
    assert_eq!(grid_ready.borrow().as_slice(), ["3 items, 0 skeleton"]);
    assert!(slow_ready.borrow().is_empty(), "still loading: not ready");
    assert!(
        !all(&shadow(&slow_host), ".stele-sk").is_empty(),
        "the skeleton meanwhile"
    );
    slow.unmount();
    assert!(broken_ready.borrow().is_empty(), "a failure is not ready");
    assert_eq!(all(&shadow(&broken_host), ".stele-quiet").len(), 1);
    sleep(20).await;
    assert!(
        slow_ready.borrow().is_empty(),
        "unmounted before its data: quiet"
    );
    assert_eq!(reviews_ready.borrow().len(), 1, "and never again");
    for host in [reviews_host, grid_host, slow_host, broken_host] {
        host.remove();
    }
}

#[wasm_bindgen_test]
async fn an_element_unmounted_as_its_data_is_drawn_says_nothing() {
    let (first, _) = five_reviews();
    script_network(&[("v1/products/p1.json", 1, first)]);
    let host = element("stele-reviews", &[]);
    let ready = record(&host, "stele:ready");
    let mounted = Rc::new(RefCell::new(Some(stele::mount(
        host.clone(),
        "reviews",
        options(&format!(r#"{{"product":"p1","src":"{SRC}"}}"#)),
    ))));
    sleep(20).await;
    let root = shadow(&host);
    assert!(!all(&root, ".stele-sk").is_empty(), "held: the skeleton");
    // A mutation observer's callback is the microtask right after the cards are inserted:
    // the view is drawn, and its announce has not run yet. Unmount there.
    let (held, drawn) = (mounted.clone(), Rc::new(RefCell::new(false)));
    let seen = drawn.clone();
    let unmount = Closure::<dyn FnMut()>::new(move || {
        *seen.borrow_mut() = true;
        if let Some(mut element) = held.borrow_mut().take() {
            element.unmount();
        }
    });
    js_sys::Function::new_with_args(
        "root, unmount",
        "const observer = new MutationObserver(() => {
           if (root.querySelector('.stele-list > li')) { observer.disconnect(); unmount(); }
         });
         observer.observe(root, { childList: true, subtree: true });",
    )
    .call2(&JsValue::NULL, &root, unmount.as_ref())
    .unwrap();
    release_held();
    sleep(50).await;
    assert!(*drawn.borrow(), "the cards were drawn");
    assert!(
        ready.borrow().is_empty(),
        "unmounted before its announce: no stele:ready"
    );
    host.remove();
}

#[wasm_bindgen_test]
async fn unmounting_removes_the_view_and_is_idempotent() {
    let (first, _) = five_reviews();
    script_network(&[("v1/products/p1.json", 200, first)]);
    let host = element("stele-reviews", &[]);
    let mut mounted = stele::mount(
        host.clone(),
        "reviews",
        options(&format!(r#"{{"product":"p1","src":"{SRC}"}}"#)),
    );
    sleep(50).await;
    assert!(!all(&shadow(&host), ".stele-list > li").is_empty());
    mounted.unmount();
    mounted.unmount();
    assert!(all(&shadow(&host), ".stele-list > li").is_empty());
    host.remove();
}

#[cfg(feature = "direct")]
#[wasm_bindgen_test]
async fn direct_mode_reads_the_feedback_api_and_warns_loudly() {
    js_sys::Function::new_no_args("globalThis.__steleErrors = []; console.error = (...a) => globalThis.__steleErrors.push(a.join(' '));")
        .call0(&JsValue::NULL)
        .unwrap();
    let feed = r#"{"status":"success","data":[
        {"order":{"orderno":"27047","date":"2021-05-04 19:57:50"},"score":10,"comment":"Great","added_on":"2021-05-20 14:25:27",
         "product_reviews":[{"realid":"2183","added_on":"2022-03-20 11:45:32","score":9,"comment":"Perfect match"},
                            {"realid":"2182","added_on":"2022-03-20 11:47:32","score":7,"comment":"Comfortable"}]},
        {"order":{"orderno":27048},"product_reviews":[{"realid":2183,"added_on":"2022-04-01 10:00:00","score":"6","comment":null}]}]}"#;
    script_network(&[("json-feedback?k=KEY&u=42", 200, feed.into())]);
    let host = element("stele-reviews", &[]);
    let _mounted = stele::mount(
        host.clone(),
        "reviews",
        options(
            r#"{"product":"2183","unsafeDirect":"","restKey":"KEY","customerId":"42","upstream":"https://api.test/v1/email-campaigns/json-feedback"}"#,
        ),
    );
    sleep(50).await;
    let root = shadow(&host);
    assert_eq!(all(&root, ".stele-list > li").len(), 2);
    assert_eq!(
        one(&root, ".stele-summary__average")
            .text_content()
            .unwrap(),
        "3.8",
        "(9 + 6) / 4 = 3.75 → 3.8"
    );
    // Every review is in the browser: sort, histogram and "with comment" work without asking
    // the Feedback API (or any relay) again.
    let asked = requests().len();
    choose_sort(&root, "lowest").await;
    let first = one(&root, ".stele-list > li [role=img]")
        .get_attribute("aria-label")
        .unwrap();
    assert_eq!(first, "Rated 3.0 out of 5", "lowest first");
    all(&root, ".stele-histogram__row")[0]
        .unchecked_ref::<HtmlElement>()
        .click();
    sleep(20).await;
    assert_eq!(
        all(&root, ".stele-list > li").len(),
        1,
        "only the 4.5-star review is in the five-star row"
    );
    assert_eq!(
        requests().len(),
        asked,
        "no request for sorting or filtering"
    );
    let errors: js_sys::Array = js_sys::Reflect::get(&js_sys::global(), &"__steleErrors".into())
        .unwrap()
        .unchecked_into();
    let errors: Vec<String> = errors.iter().filter_map(|v| v.as_string()).collect();
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("[stele] unsafe-direct") && e.contains("REST key")),
        "{errors:?}"
    );
    host.remove();
}
